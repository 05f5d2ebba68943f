import { isoWeek } from '../domain/civil-date';
import { decideCancel, decideCheckIn, decideNoShowRelease, decideRelease, type Transition, type TransitionInput } from '../domain/lifecycle';
import { dateOfBookingId, isActive, type Actor, type Booking, type LedgerEntry, type Result, ok, err } from '../domain/model';
import { effectivePolicy } from '../domain/policy';
import { refusal, type Refusal } from '../domain/refusal';
import type { BookingDeps } from './book-desk';
import { ContentionError } from './ports';
import { recentLedgersOf } from './recent-ledgers';
import { backoffDelay, DEFAULT_RETRY } from './retry-policy';

export interface ChangeBookingCommand {
  readonly actor: Actor;
  readonly bookingId: string;
}

type Decide = (input: TransitionInput) => Transition;

export const cancelBooking = (deps: BookingDeps, cmd: ChangeBookingCommand) => changeBooking(deps, cmd, decideCancel);
export const checkIn = (deps: BookingDeps, cmd: ChangeBookingCommand) => changeBooking(deps, cmd, decideCheckIn);
export const releaseBooking = (deps: BookingDeps, cmd: ChangeBookingCommand) => changeBooking(deps, cmd, decideRelease);

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

    const [ledger] = await deps.store.readLedgers(before.date, before.floorId, [before.zoneId]);
    const entries: LedgerEntry[] = (ledger?.entries ?? [])
      .filter((e) => isActive(after) || e.bookingId !== before.id)
      .map((e) => (e.bookingId === before.id ? { ...e, checkedIn: after.status === 'checked-in' } : e));
    if (!ledger || ledger.version === null) {
      throw new Error(`Active booking ${before.id} has no ledger for zone ${before.zoneId} on ${before.date}`);
    }
    const outcome = await deps.store.commitTransition({
      booking: after,
      expectedVersion: found.version,
      ledger: { zoneId: before.zoneId, floorId: before.floorId, expectedVersion: ledger.version, entries },
      freesDesk: !isActive(after),
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
