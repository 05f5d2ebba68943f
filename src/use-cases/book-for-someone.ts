/**
 * Booking for a colleague (issue 17 §3): a delegate the colleague named, or an admin, books a desk that is the
 * colleague's in every rule (their quota, their one desk a day, their reminder), records who booked it, and tells the
 * colleague in Teams, once.
 *
 * The notice is exactly-once the way every owner's notice is (./owner-notices.ts): a ('booked-for', booking) claim is
 * created before anything is sent, so a repeated request (same request id) or another instance finds it taken and
 * sends nothing; a send that does not fit in the request is retried by the scheduler's job.
 */
import { canGrant, cleanPersonName, isPersonId, mayBookFor, type Delegation } from '../domain/delegation';
import type { Actor, Booking, Result } from '../domain/model';
import { err, ok } from '../domain/model';
import { refusal, type Refusal } from '../domain/refusal';
import { bookDesk, type BookDeskCommand, type BookingDeps } from './book-desk';
import type { CancellationNoticeDeps } from './admin-notices';
import type { DelegationStore } from './delegation-port';
import { InvalidInputError } from './errors';
import type { MemberGroups } from './member-groups-port';
import { actorPayload, claimNotice, sendNotice, type OwnerNoticeDeps, type OwnerNoticeKind } from './owner-notices';
import { describe, deskOf } from './reminders/pass-support';
import { settingsOf, type ProactiveMessage, type ReminderSettings } from './reminders/reminder-ports';

export interface DelegationDeps {
  readonly delegations: DelegationStore;
  readonly clock: BookingDeps['clock'];
}

export interface BookForDeps extends BookingDeps, DelegationDeps {
  /** The groups the colleague's own token last carried: a zone restricted to groups is theirs to book, not the delegate's. */
  readonly members?: Pick<MemberGroups, 'groupsOf'>;
  /** How the colleague is told; without it (tests of other parts), nobody is. */
  readonly notices?: Omit<CancellationNoticeDeps, 'clock'>;
}

export interface BookForCommand extends Omit<BookDeskCommand, 'bookedBy'> {
  /** The person the desk is for; absent or the actor's own id, the actor books for themselves. */
  readonly forPersonId?: string;
}

/** How long a booking for someone waits for Teams to take the colleague's card: one 15 s attempt and 5 s of waits. */
export const INTERACTIVE_SEND_BUDGET_MS = 20_000;

/** What the colleague was told: for the log and the tests. */
export type OwnerNotice = 'sent' | 'already-told' | 'no-reference' | 'not-delivered' | 'not-told';

export interface BookedFor {
  readonly booking: Booking;
  readonly notice?: OwnerNotice;
}

/** Grants a colleague the right to book for the actor. Names are kept so that each side's list reads as people. */
export async function grantDelegate(
  deps: DelegationDeps,
  cmd: { actor: Actor; delegateId: string; delegateName?: string },
): Promise<{ created: boolean; delegation: Delegation }> {
  if (!canGrant(cmd.actor.userId, cmd.delegateId)) {
    throw new InvalidInputError('delegateId must be the id of someone else: 1 to 128 letters, digits or . _ : @ -', 'delegateId');
  }
  const ownerName = cleanPersonName(cmd.actor.name);
  const delegateName = cleanPersonName(cmd.delegateName);
  return deps.delegations.grant({
    ownerId: cmd.actor.userId,
    delegateId: cmd.delegateId,
    grantedAt: deps.clock.now().toISOString(),
    ...(ownerName !== undefined && { ownerName }),
    ...(delegateName !== undefined && { delegateName }),
  });
}

export async function revokeDelegate(deps: DelegationDeps, cmd: { actor: Actor; delegateId: string }): Promise<boolean> {
  if (!isPersonId(cmd.delegateId)) return false;
  return deps.delegations.revoke(cmd.actor.userId, cmd.delegateId);
}

/** The actor's delegates, and the people who let the actor book for them. Nothing else about those people. */
export async function listDelegations(deps: DelegationDeps, actor: Actor): Promise<{ delegates: Delegation[]; canBookFor: Delegation[] }> {
  const [delegates, canBookFor] = await Promise.all([deps.delegations.delegatesOf(actor.userId), deps.delegations.ownersFor(actor.userId)]);
  return { delegates, canBookFor };
}

/**
 * Books for the actor, or for the colleague named in `forPersonId` when the actor may (see mayBookFor): who acts is
 * always the authenticated actor, and the colleague's own row of the delegation store decides.
 */
export async function bookForSomeone(deps: BookForDeps, cmd: BookForCommand): Promise<Result<BookedFor, Refusal>> {
  const { forPersonId, ...rest } = cmd;
  if (forPersonId === undefined || forPersonId === cmd.actor.userId) {
    const own = await bookDesk(deps, rest);
    return own.ok ? ok({ booking: own.value }) : own;
  }
  if (!isPersonId(forPersonId)) throw new InvalidInputError('forPersonId is not a person id', 'forPersonId');
  const acting = await colleagueAsActor(deps, cmd.actor, forPersonId);
  if (!acting.ok) return acting;
  const booked = await bookDesk(deps, { ...rest, actor: acting.value, bookedBy: cmd.actor.userId });
  if (!booked.ok) return err(toDelegate(booked.error));
  // A repeated request id can answer with a booking the colleague made themselves: nothing to tell them then.
  if (booked.value.bookedBy !== cmd.actor.userId) return ok({ booking: booked.value });
  const notice = await tellOwner(deps, booked.value, cmd.actor).catch((error: unknown) => {
    deps.notices?.log.error({ err: describe(error), bookingId: booked.value.id }, 'telling a colleague about a booking made for them failed');
    return 'not-delivered' as const;
  });
  return ok({ booking: booked.value, notice });
}

/**
 * The colleague as the rules see them, when the actor may book for them (see mayBookFor): their id, the name they
 * gave when delegating, their groups, and no roles. Read afresh each time, so a delegation withdrawn a second ago
 * refuses. The chat uses it to suggest a desk by the colleague's rules before anything is booked.
 */
export async function colleagueAsActor(deps: Pick<BookForDeps, 'delegations' | 'members'>, actor: Actor, forPersonId: string): Promise<Result<Actor, Refusal>> {
  if (!isPersonId(forPersonId)) return err(refusal({ code: 'NOT_ALLOWED', action: 'book-for' }));
  // Both reads at once: the groups are only used once the delegation is found, and a chat turn waits for both.
  const [delegation, known] = await Promise.all([deps.delegations.get(forPersonId, actor.userId), deps.members?.groupsOf([forPersonId])]);
  if (mayBookFor(actor, forPersonId, delegation !== null) === 'refused') return err(refusal({ code: 'NOT_ALLOWED', action: 'book-for' }));
  const groups = known?.get(forPersonId) ?? [];
  return ok({ userId: forPersonId, roles: [], groups, ...(delegation?.ownerName !== undefined && { name: delegation.ownerName }) });
}

/**
 * A refusal as the delegate may see it: that the colleague already has a desk that day (and which, for the sentence)
 * is what booking needs; the id of that booking is the colleague's own business.
 */
function toDelegate(r: Refusal): Refusal {
  if (r.details.code !== 'ALREADY_BOOKED') return r;
  return { ...r, details: { ...r.details, existingBookingId: '' } };
}

async function tellOwner(deps: BookForDeps, booking: Booking, bookedBy: Actor): Promise<OwnerNotice> {
  const notices = deps.notices;
  if (!notices) return 'not-told';
  const name = bookedBy.name ?? bookedBy.userId;
  return tellOwnerNow({ ...notices, clock: deps.clock }, booking, {
    kind: 'booked-for',
    payload: actorPayload(name),
    skippedDetail: 'booked for them; no conversation reference to tell them',
    message: async () => ({ kind: 'booked-for', booking, desk: deskOf(await deps.catalog.current(), booking), bookedByName: name }),
  });
}

/**
 * Tells a booking's owner, within a request: the person who acted is waiting for the answer, so the send gets one
 * attempt's time (the notifier starts no request that could outlive the budget) and a little waiting, not a reminder
 * pass's minute and a half. A send that does not fit is handed back pending, for the scheduler's retry job.
 */
export async function tellOwnerNow(
  deps: OwnerNoticeDeps & { readonly settings?: Partial<ReminderSettings> },
  booking: Booking,
  notice: { readonly kind: OwnerNoticeKind; readonly payload: string; readonly skippedDetail: string; readonly message: () => Promise<ProactiveMessage> },
): Promise<OwnerNotice> {
  const base = settingsOf(deps);
  const settings = { ...base, sendBudgetMs: Math.min(base.sendBudgetMs, INTERACTIVE_SEND_BUDGET_MS) };
  const claimed = await claimNotice(deps, { booking, kind: notice.kind, leaseMs: settings.leaseMs + settings.clockSkewMs, payload: notice.payload, skippedDetail: notice.skippedDetail });
  switch (claimed.status) {
    case 'already-done':
      return 'already-told';
    case 'left-for-retry':
      return 'not-delivered';
    case 'no-reference':
      return 'no-reference';
    case 'claimed': {
      const outcome = await sendNotice(deps, settings, claimed.notice, await notice.message());
      return outcome === 'sent' ? 'sent' : outcome === 'already-done' ? 'already-told' : 'not-delivered';
    }
  }
}
