/**
 * One card to a booking's owner about something someone else did to it: an admin's change cancelled it
 * ('cancelled'), a delegate or an admin booked it for them ('booked-for'), a delegate cancelled it ('cancelled-for').
 *
 * Exactly once, the way reminders are: the (booking, kind) claim is taken with a create before anything is sent, so a
 * second run (a retry of the request, another instance) finds it taken or finished and sends nothing. The claim is
 * marked `sendingSince` before the send and final after it; a send that does not go through now is handed back
 * pending (ownerless, with the connector's Retry-After as its lease) for the scheduler's `noticeRetryJob`
 * (admin-notices.ts), which rebuilds the card from the booking and the claim's payload. Sends go through the
 * reminders' notifier, so they share its per-tenant and per-conversation rate limits.
 */
import type { Booking } from '../domain/model';
import type { Clock, ConversationReferenceStore } from './ports';
import type { Logger } from './logger-port';
import { isFinal, readReference } from './reminders/pass-support';
import type { ClaimKind, ClaimStore, HeldClaim, Notifier, ProactiveMessage, ReminderSettings } from './reminders/reminder-ports';

/** The claim kinds that are notices to a booking's owner, and which the scheduler's retry job takes over. */
export const OWNER_NOTICE_KINDS = ['cancelled', 'booked-for', 'cancelled-for'] as const satisfies readonly ClaimKind[];
export type OwnerNoticeKind = (typeof OWNER_NOTICE_KINDS)[number];

export interface OwnerNoticeDeps {
  readonly claims: ClaimStore;
  readonly conversations: Pick<ConversationReferenceStore, 'get'>;
  readonly notifier: Notifier;
  /** This process's name in claims. */
  readonly instanceId: string;
  readonly log: Logger;
  readonly clock: Clock;
}

/** A claim this instance took, with where to write: ready to send. */
export interface ClaimedNotice {
  readonly held: HeldClaim;
  readonly booking: Booking;
  readonly reference: Record<string, unknown>;
}

export type ClaimOutcome =
  | { readonly status: 'claimed'; readonly notice: ClaimedNotice }
  /** Finished already, or held by a live instance: someone else tells them. */
  | { readonly status: 'already-done' }
  /** An ownerless pending claim (handed back for a retry): the scheduler's job sends it, not this run. */
  | { readonly status: 'left-for-retry' }
  /** The bot is not installed for them: the claim is finished as skipped. */
  | { readonly status: 'no-reference' };

export type SendOutcome = 'sent' | 'failed' | 'retry-later' | 'already-done';

/**
 * Takes the claim of one notice (creating it with `payload`, what a later sender needs beyond the booking), and
 * finds where to write to the owner.
 */
export async function claimNotice(
  deps: OwnerNoticeDeps,
  input: { readonly booking: Booking; readonly kind: OwnerNoticeKind; readonly leaseMs: number; readonly payload?: string; readonly skippedDetail: string },
): Promise<ClaimOutcome> {
  const { booking } = input;
  const taken = await deps.claims.acquire({
    date: booking.date,
    bookingId: booking.id,
    kind: input.kind,
    siteId: booking.siteId,
    userId: booking.userId,
    owner: deps.instanceId,
    now: deps.clock.now(),
    leaseMs: input.leaseMs,
    ...(input.payload !== undefined && { payload: input.payload }),
  });
  if (!taken.acquired) return { status: isFinal(taken.current) || taken.current.owner !== '' ? 'already-done' : 'left-for-retry' };
  return withReference(deps, taken.held, booking, input.skippedDetail);
}

/** Where to write, for a claim just taken; without a reference, the claim ends as skipped (nothing will ever send). */
export async function withReference(deps: OwnerNoticeDeps, held: HeldClaim, booking: Booking, skippedDetail: string): Promise<ClaimOutcome> {
  const reference = await readReference(deps, booking.userId);
  if (!reference) {
    await deps.claims.finish(held, { state: 'skipped', detail: skippedDetail }, deps.clock.now());
    return { status: 'no-reference' };
  }
  return { status: 'claimed', notice: { held, booking, reference } };
}

/**
 * Sends a claimed notice and records the outcome on its claim: marked `sendingSince` first (so a takeover knows a
 * card may be in the chat), then `sent`, `failed` for good (403, another 4xx), or handed back pending for the retry
 * job, with the marker kept when a request may have landed.
 */
export async function sendNotice(
  deps: OwnerNoticeDeps,
  settings: Pick<ReminderSettings, 'sendBudgetMs' | 'clockSkewMs'>,
  notice: ClaimedNotice,
  message: ProactiveMessage,
): Promise<SendOutcome> {
  const now = deps.clock.now();
  const marked = await deps.claims.update(
    notice.held,
    { sendingSince: now.toISOString(), leaseUntil: new Date(now.getTime() + settings.sendBudgetMs + settings.clockSkewMs).toISOString() },
    now,
  );
  if (!marked) return 'already-done';
  const outcome = await deps.notifier.send({ userId: notice.booking.userId, reference: notice.reference }, message, { budgetMs: settings.sendBudgetMs });
  const at = deps.clock.now();
  switch (outcome.status) {
    case 'sent':
      await deps.claims.finish(marked, { state: 'sent', detail: `accepted after ${outcome.attempts} request(s)` }, at);
      return 'sent';
    case 'blocked':
    case 'rejected':
      await deps.claims.finish(marked, { state: 'failed', detail: outcome.status === 'blocked' ? 'blocked: 403' : `rejected with ${outcome.httpStatus}` }, at);
      return 'failed';
    case 'retry-later':
      await deps.claims.finish(
        marked,
        { owner: '', leaseUntil: (outcome.retryAt ?? at).toISOString(), detail: `retry: ${outcome.reason}`, ...(outcome.ambiguous ? {} : { sendingSince: null }) },
        at,
      );
      deps.log.warn({ bookingId: notice.booking.id, kind: notice.held.claim.kind, reason: outcome.reason }, 'a notice to a booking’s owner was not delivered yet');
      return 'retry-later';
  }
}

/** The name of who acted, as a notice's payload keeps it for a later sender. */
export function actorPayload(name: string): string {
  return JSON.stringify({ by: name });
}

/** The name a payload written by `actorPayload` keeps; undefined for a claim without one (written before payloads). */
export function actorOfPayload(payload: string | undefined): string | undefined {
  if (!payload) return undefined;
  try {
    const parsed = JSON.parse(payload) as { by?: unknown };
    return typeof parsed.by === 'string' && parsed.by !== '' ? parsed.by : undefined;
  } catch {
    return undefined;
  }
}
