import { civilDateOf } from '../domain/civil-date';
import type { Actor, Booking, CivilDate, Result } from '../domain/model';
import type { Refusal } from '../domain/refusal';
import type { BookingDeps } from './book-desk';
import type { CatalogIndex } from './catalog-index';
import { cancelBooking, cancelBookingTellingRepeat, checkIn, releaseBooking } from './change-booking';
import { listMyBookings, type ListDeps } from './list-my-bookings';

/** Today at a site, in its time zone (the first site's, for a site no longer in the catalog). */
export function todayAtSite(deps: Pick<ListDeps, 'clock'>, index: CatalogIndex, siteId: string): CivilDate {
  const site = index.site(siteId) ?? index.sites[0];
  return civilDateOf(deps.clock.now(), site?.site.timeZone ?? 'UTC');
}

/** The person's booking on a day, if any (a person holds at most one a day). */
export async function bookingOn(deps: ListDeps, actor: Actor, date: CivilDate): Promise<Booking | undefined> {
  const [booking] = await listMyBookings(deps, { actor, from: date, to: date });
  return booking;
}

/** The person's booking of today, where "today" is the day at the booking's own site. */
export async function bookingOfToday(deps: ListDeps, actor: Actor): Promise<Booking | undefined> {
  const index = await deps.catalog.current();
  const todays = index.sites.map((s) => civilDateOf(deps.clock.now(), s.site.timeZone)).sort();
  if (todays.length === 0) return undefined;
  const mine = await listMyBookings(deps, { actor, from: todays[0]!, to: todays[todays.length - 1]! });
  return mine.find((b) => b.date === todayAtSite(deps, index, b.siteId));
}

/** Each day asked about, in date order, with the person's booking that day when there is one. */
export async function bookingsOnDays(deps: ListDeps, actor: Actor, dates: readonly CivilDate[]): Promise<Array<{ date: CivilDate; booking?: Booking }>> {
  const sorted = [...dates].sort();
  const mine = await listMyBookings(deps, { actor, from: sorted[0]!, to: sorted[sorted.length - 1]! });
  return sorted.map((date) => {
    const booking = mine.find((b) => b.date === date);
    return booking ? { date, booking } : { date };
  });
}

/** One day of "cancel Monday to Wednesday": no booking that day, or the booking and what the rules said. */
export interface DayChange {
  readonly date: CivilDate;
  readonly booking?: Booking;
  readonly result?: Result<Booking, Refusal>;
}

/** Cancels or releases the person's booking on each day, one by one, so that one refused day leaves the others done. */
export async function changeBookingsOnDays(deps: BookingDeps, q: { readonly actor: Actor; readonly dates: readonly CivilDate[]; readonly kind: 'cancel' | 'release' }): Promise<DayChange[]> {
  const days = await bookingsOnDays(deps, q.actor, q.dates);
  const op = q.kind === 'cancel' ? cancelBooking : releaseBooking;
  const out: DayChange[] = [];
  for (const { date, booking } of days) {
    if (!booking) out.push({ date });
    else out.push({ date, booking, result: await op(deps, { actor: q.actor, bookingId: booking.id }) });
  }
  return out;
}

/** One booking cancelled, checked in or released: done, found already cancelled by its owner, or refused. */
export type BookingChange =
  | { readonly kind: 'done'; readonly booking: Booking }
  | { readonly kind: 'already-cancelled'; readonly booking: Booking }
  | { readonly kind: 'refused'; readonly refusal: Refusal };

/**
 * Cancels, checks in to or releases one booking of the person's. A second press of Cancel (a retry, or the button
 * pressed twice) is told apart from a refusal, so the person hears "already cancelled" rather than a rule.
 */
export async function changeMyBooking(deps: BookingDeps, q: { readonly actor: Actor; readonly bookingId: string; readonly kind: 'cancel' | 'check-in' | 'release' }): Promise<BookingChange> {
  const cmd = { actor: q.actor, bookingId: q.bookingId };
  let result: Result<Booking, Refusal>;
  if (q.kind === 'cancel') {
    const cancelled = await cancelBookingTellingRepeat(deps, cmd);
    if (cancelled.ok) return { kind: cancelled.value.alreadyEnded ? 'already-cancelled' : 'done', booking: cancelled.value.booking };
    result = cancelled;
  } else {
    result = await (q.kind === 'check-in' ? checkIn : releaseBooking)(deps, cmd);
  }
  if (result.ok) return { kind: 'done', booking: result.value };
  const d = result.error.details;
  // A booking already ended by a cancel reads as released: the owner's own booking is then "already cancelled".
  if (q.kind === 'cancel' && d.code === 'NOT_ACTIVE' && d.status === 'released') {
    const found = await deps.store.getBooking(q.bookingId);
    if (found && found.booking.userId === q.actor.userId) return { kind: 'already-cancelled', booking: found.booking };
  }
  return { kind: 'refused', refusal: result.error };
}
