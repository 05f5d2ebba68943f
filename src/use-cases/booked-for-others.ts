/**
 * The bookings a delegate made for colleagues (issue 17 §3, follow-up): the delegate lists them and may cancel them
 * while the colleague still delegates to them; an admin, who may book for anyone, lists and cancels theirs too.
 *
 * Who may act is decided from the booking's own record (`bookedBy`, written when it was made) and the owner's row of
 * the delegation store, read at the moment of the request: a delegation withdrawn since leaves the booking to its
 * owner alone.
 */
import { addDays, isCivilDate } from '../domain/civil-date';
import { isAdmin, isActive, type Actor, type Booking, type CivilDate, type Result } from '../domain/model';
import { err, ok } from '../domain/model';
import { refusal, type Refusal } from '../domain/refusal';
import type { BookingDeps } from './book-desk';
import { tellOwnerNow, type OwnerNotice } from './book-for-someone';
import { cancelAsDelegate, cancelBooking, type ChangeBookingCommand } from './change-booking';
import type { DelegationStore } from './delegation-port';
import { InvalidInputError } from './errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, upcomingSpan } from './list-my-bookings';
import { actorPayload, type OwnerNoticeDeps } from './owner-notices';
import { describe, deskOf } from './reminders/pass-support';
import type { ReminderSettings } from './reminders/reminder-ports';

export interface BookedForOthersDeps extends BookingDeps {
  readonly delegations: Pick<DelegationStore, 'get' | 'ownersFor'>;
  /** How an owner is told that their delegate cancelled; without it, nobody is. */
  readonly notices?: Omit<OwnerNoticeDeps, 'clock'> & { readonly settings?: Partial<ReminderSettings> };
}

/** A booking the actor made for someone, with the name the owner gave when delegating (for the delegate's list). */
export interface BookedForOther {
  readonly booking: Booking;
  readonly ownerName?: string;
}

export interface BookedForPage {
  readonly bookings: BookedForOther[];
  /** Where the next page starts (a day, opaque to callers); null when this page reached the last possible day. */
  readonly nextCursor: CivilDate | null;
}

/** Days read per step while paging: the usual 14-day window in one step. */
const CHUNK_DAYS = 31;

/**
 * The upcoming active bookings the actor made for others, in date order, a page at a time (as "my bookings" pages).
 * A delegate's are found through the colleagues who delegate to them now (their person rows, day by day); an admin's,
 * who needs no delegation, by reading each day's bookings.
 */
export async function listBookedForOthers(deps: BookedForOthersDeps, query: { actor: Actor; cursor?: string; limit?: number }): Promise<BookedForPage> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw new InvalidInputError(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`, 'limit');
  if (query.cursor !== undefined && !isCivilDate(query.cursor)) throw new InvalidInputError('cursor is not one this API gave', 'cursor');
  const me = query.actor.userId;
  const owners = new Map((await deps.delegations.ownersFor(me)).map((d) => [d.ownerId, d.ownerName]));
  const admin = isAdmin(query.actor);
  if (!admin && owners.size === 0) return { bookings: [], nextCursor: null };

  const { first, last } = upcomingSpan(await deps.catalog.current(), deps.clock.now());
  const found: Booking[] = [];
  let from = query.cursor !== undefined && query.cursor > first ? query.cursor : first;
  while (from <= last && found.length < limit) {
    const to = [addDays(from, CHUNK_DAYS - 1), last].sort()[0]!;
    const chunk = admin ? await madeOnDays(deps, me, from, to) : (await Promise.all([...owners.keys()].map((o) => deps.store.listActiveBookingsOfUser(o, from, to)))).flat();
    found.push(...chunk.filter((b) => b.bookedBy === me && b.userId !== me && isActive(b)).sort(byDay));
    from = addDays(to, 1);
  }
  const named = (b: Booking): BookedForOther => {
    const ownerName = owners.get(b.userId);
    return { booking: b, ...(ownerName !== undefined && { ownerName }) };
  };
  if (found.length <= limit) return { bookings: found.map(named), nextCursor: from <= last ? from : null };
  // Several colleagues can have a booking the same day: a page ends on a day boundary so the cursor (a day) loses none.
  const lastDay = found[limit - 1]!.date;
  const cut = found[limit]!.date === lastDay ? found.findIndex((b) => b.date === lastDay) : limit;
  const page = cut > 0 ? found.slice(0, cut) : found.filter((b) => b.date === lastDay);
  return { bookings: page.map(named), nextCursor: addDays(page[page.length - 1]!.date, 1) };
}

async function madeOnDays(deps: BookedForOthersDeps, me: string, from: CivilDate, to: CivilDate): Promise<Booking[]> {
  const days: CivilDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const out: Booking[] = [];
  // A few days at a time: an admin's list reads each day's bookings, and a store under load should not get 31 at once.
  for (let i = 0; i < days.length; i += 8) {
    for (const list of await Promise.all(days.slice(i, i + 8).map((d) => deps.store.listBookingsOfDay(d)))) out.push(...list.filter((b) => b.bookedBy === me));
  }
  return out;
}

const byDay = (a: Booking, b: Booking) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id);

export interface CancelOutcome {
  readonly booking: Booking;
  /** Set when a delegate cancelled for the owner: what the owner was told. */
  readonly ownerNotice?: OwnerNotice;
}

/**
 * DELETE of a booking by whoever asks: the owner and an admin as before (change-booking.ts); a delegate (or an admin),
 * a booking they made for someone who still delegates to them, after which the owner gets one card saying so. Anything else is
 * NOT_ALLOWED, the same answer whether or not the caller ever had to do with the booking, and saying nothing of it.
 */
export async function cancelAsCaller(deps: BookedForOthersDeps, cmd: ChangeBookingCommand): Promise<Result<CancelOutcome, Refusal>> {
  const found = await deps.store.getBooking(cmd.bookingId).catch(() => null);
  const b = found?.booking;
  if (!b || b.userId === cmd.actor.userId || b.bookedBy !== cmd.actor.userId) {
    const own = await cancelBooking(deps, cmd);
    return own.ok ? ok({ booking: own.value }) : own;
  }
  // An admin who booked for someone cancels it the same way, so that the owner is told who cancelled.
  if (!isAdmin(cmd.actor) && (await deps.delegations.get(b.userId, cmd.actor.userId)) === null) return err(refusal({ code: 'NOT_ALLOWED', action: 'cancel' }));
  const cancelled = await cancelAsDelegate(deps, cmd);
  if (!cancelled.ok) return cancelled;
  const ownerNotice = await tellOwnerOfCancel(deps, cancelled.value, cmd.actor).catch((error: unknown) => {
    deps.notices?.log.error({ err: describe(error), bookingId: b.id }, 'telling a colleague that a booking made for them was cancelled failed');
    return 'not-delivered' as const;
  });
  return ok({ booking: cancelled.value, ownerNotice });
}

async function tellOwnerOfCancel(deps: BookedForOthersDeps, booking: Booking, by: Actor): Promise<OwnerNotice> {
  if (!deps.notices) return 'not-told';
  const name = by.name ?? by.userId;
  return tellOwnerNow({ ...deps.notices, clock: deps.clock }, booking, {
    kind: 'cancelled-for',
    payload: actorPayload(name),
    skippedDetail: 'cancelled for them; no conversation reference to tell them',
    message: async () => ({ kind: 'cancelled-for', booking, desk: deskOf(await deps.catalog.current(), booking), cancelledByName: name }),
  });
}
