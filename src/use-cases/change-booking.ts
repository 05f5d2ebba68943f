import { isoWeek } from '../domain/civil-date';
import { decideDelegateCancel } from '../domain/delegation';
import { decideCancel, decideCheckIn, decideNoShowRelease, decideRelease, type Transition, type TransitionInput } from '../domain/lifecycle';
import { dateOfBookingId, isActive, type Actor, type Booking, type LedgerEntry, type Result, ok, err } from '../domain/model';
import { effectivePolicy } from '../domain/policy';
import { refusal, type Refusal } from '../domain/refusal';
import type { BookingDeps } from './book-desk';
import type { CatalogIndex } from './catalog-index';
import { ContentionError, CorruptDataError, type VersionedBooking, type VersionedLedger } from './ports';
import { recentLedgersOf } from './recent-ledgers';
import { backoffDelay, DEFAULT_RETRY } from './retry-policy';

export interface ChangeBookingCommand {
  readonly actor: Actor;
  readonly bookingId: string;
}

type Decide = (input: TransitionInput) => Transition;

/**
 * Cancelling or releasing a booking that this same person already ended is answered as the success it was: the
 * first request may have committed and lost its answer on the way back, and the client is retrying it.
 */
const endedBySameActor = (decide: Decide, onAlready: () => void = () => {}): Decide => (input) => {
  const b = input.booking;
  if (!isActive(b) && b.releasedBy === input.actor.userId && b.releaseReason !== 'no-show') {
    onAlready();
    return { ok: true, booking: b };
  }
  return decide(input);
};

export const cancelBooking = (deps: BookingDeps, cmd: ChangeBookingCommand) => changeBooking(deps, cmd, endedBySameActor(decideCancel));

/**
 * Cancel, saying whether this request ended the booking or found it already ended by the same person: a retry is a
 * success either way, but a person who presses Cancel twice should hear "already cancelled", not "cancelled" again.
 */
export async function cancelBookingTellingRepeat(
  deps: BookingDeps,
  cmd: ChangeBookingCommand,
): Promise<Result<{ readonly booking: Booking; readonly alreadyEnded: boolean }, Refusal>> {
  let alreadyEnded = false;
  const result = await changeBooking(deps, cmd, endedBySameActor(decideCancel, () => (alreadyEnded = true)));
  return result.ok ? ok({ booking: result.value, alreadyEnded }) : result;
}
export const checkIn = (deps: BookingDeps, cmd: ChangeBookingCommand) => changeBooking(deps, cmd, decideCheckIn);
/** A delegate's cancel of a booking they made for someone (src/use-cases/booked-for-others.ts checks the delegation). */
export const cancelAsDelegate = (deps: BookingDeps, cmd: ChangeBookingCommand) => changeBooking(deps, cmd, endedBySameActor(decideDelegateCancel));
export const releaseBooking = (deps: BookingDeps, cmd: ChangeBookingCommand) => changeBooking(deps, cmd, endedBySameActor(decideRelease));

const SYSTEM: Actor = { userId: 'system', roles: ['admin'] };

/** The auto-release of a booking nobody checked in to by the deadline. Refused (NOT_ACTIVE) when it is no no-show. */
export const releaseNoShow = (deps: BookingDeps, bookingId: string) =>
  changeBooking(deps, { actor: SYSTEM, bookingId }, (i) => decideNoShowRelease(i.booking, i.now, i.timeZone, i.rules.checkInDeadline));

/**
 * Applies a lifecycle transition as one conditional write of the booking row and its zone ledger: a check-in
 * racing a release both write the booking row with If-Match on the version they read, so exactly one wins and the
 * other re-reads the result and is refused with NOT_ACTIVE (or sees the check-in already done).
 */
async function changeBooking(deps: BookingDeps, cmd: ChangeBookingCommand, decide: Decide): Promise<Result<Booking, Refusal>> {
  const retry = deps.retry ?? DEFAULT_RETRY;
  if (dateOfBookingId(cmd.bookingId) === null) return err(refusal({ code: 'BOOKING_NOT_FOUND', bookingId: cmd.bookingId.slice(0, 80) }));
  for (let n = 0; n < retry.maxAttempts; n++) {
    const found = await deps.store.getBooking(cmd.bookingId);
    if (!found) return err(refusal({ code: 'BOOKING_NOT_FOUND', bookingId: cmd.bookingId }));
    const before = found.booking;
    const index = await deps.catalog.current();
    const catalog = index.site(before.siteId);
    if (!catalog) throw new Error(`Booking ${before.id} refers to site ${before.siteId}, which is not in the catalog`);
    const rules = effectivePolicy(catalog.policies, before.date).rules;
    const decision = decide({ booking: before, actor: cmd.actor, now: deps.clock.now(), timeZone: catalog.site.timeZone, rules });
    if (!decision.ok) return err(decision.refusal);
    const after = decision.booking;
    if (after === before) return ok(before);

    const listed = await ledgerOfBooking(deps.store, before, index);
    if (!listed) {
      await unlisted(deps.store, found);
      continue;
    }
    const { floorId, ledger } = listed;
    const entries: LedgerEntry[] = ledger.entries
      .filter((e) => isActive(after) || e.bookingId !== before.id)
      .map((e) => (e.bookingId === before.id ? { ...e, checkedIn: after.status === 'checked-in' } : e));
    const commit = {
      booking: after,
      expectedVersion: found.version,
      ledger: {
        zoneId: ledger.zoneId,
        floorId,
        expectedVersion: ledger.version,
        entries,
        revision: Math.max(ledger.revision ?? 0, catalog.revision ?? 0),
      },
      freesDesk: !isActive(after),
    };
    const outcome = await deps.store.commitTransition(commit).catch(async (error: unknown) => {
      // The answer was lost (a timeout, a reset): the write may have committed. The booking row says whether it did.
      const now = await deps.store.getBooking(before.id).catch(() => null);
      if (now && sameTransition(now.booking, after)) return { committed: true as const };
      throw error;
    });
    if (outcome.committed) {
      recentLedgersOf(deps.store).forget(before.date, before.floorId);
      if (!isActive(after) && after.checkedInAt === undefined && rules.weeklyQuota !== null) await returnQuota(deps, after);
      return ok(after);
    }
    await retry.sleep(backoffDelay(retry, n));
  }
  throw new ContentionError(`Changing booking ${cmd.bookingId} collided with other changes ${retry.maxAttempts} times in a row`);
}

function sameTransition(stored: Booking, after: Booking): boolean {
  return stored.status === after.status && stored.releasedAt === after.releasedAt && stored.checkedInAt === after.checkedInAt;
}

/**
 * The ledger row that lists a booking, wherever it is now: in the zone it was booked in, or, after an import moved its
 * desk and the re-check moved the entry with it, in the desk's zone today (possibly on another floor).
 */
export async function ledgerOfBooking(
  store: Pick<BookingDeps['store'], 'readLedgers'>,
  b: Booking,
  index: CatalogIndex,
): Promise<{ floorId: string; ledger: VersionedLedger & { version: string } } | null> {
  const now = index.locateDesk(b.deskId)?.desk;
  const places = [{ floorId: b.floorId, zoneId: b.zoneId }];
  if (now && (now.floorId !== b.floorId || now.zoneId !== b.zoneId)) places.unshift({ floorId: now.floorId, zoneId: now.zoneId });
  const floors = [...new Set(places.map((p) => p.floorId))];
  for (const floorId of floors) {
    const zoneIds = places.filter((p) => p.floorId === floorId).map((p) => p.zoneId);
    const ledgers = await store.readLedgers(b.date, floorId, zoneIds);
    const ledger = ledgers.find((l) => l.version !== null && l.entries.some((e) => e.bookingId === b.id));
    if (ledger && ledger.version !== null) return { floorId, ledger: { ...ledger, version: ledger.version } };
  }
  return null;
}

/** The booking is listed nowhere: it ended since it was read (a race; read again), or the rows disagree (a fault). */
export async function unlisted(store: Pick<BookingDeps['store'], 'getBooking'>, read: VersionedBooking): Promise<'changed'> {
  const now = await store.getBooking(read.booking.id);
  if (!now || now.version !== read.version) return 'changed';
  throw new CorruptDataError(`Active booking ${read.booking.id} is listed in no ledger of floor ${read.booking.floorId} on ${read.booking.date}`);
}

/** An ended booking no longer counts against the week; if this write is lost, the quota check drops it later. */
export async function returnQuota(deps: { readonly store: Pick<BookingDeps['store'], 'readWeek' | 'writeWeek'> }, b: Booking): Promise<void> {
  const week = isoWeek(b.date);
  for (let i = 0; i < 5; i++) {
    const row = await deps.store.readWeek(b.userId, week);
    const rest = row.entries.filter((e) => e.bookingId !== b.id);
    if (rest.length === row.entries.length) return;
    if (await deps.store.writeWeek(b.userId, week, rest, row.version)) return;
  }
}
