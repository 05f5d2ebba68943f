import type { Actor, Booking, CivilDate, Result } from '../domain/model';
import type { Refusal } from '../domain/refusal';
import type { SuggestionPreferences } from '../domain/suggest';
import { bookDesk, type BookingDeps } from './book-desk';
import { cancelBooking } from './change-booking';
import { InvalidInputError } from './errors';
import { suggestDesks } from './suggest-desk';

/** At most a month of days in one request: the cards and the chat never ask for more. */
export const MAX_DAYS_AT_ONCE = 31;

export interface BookDaysCommand {
  readonly actor: Actor;
  readonly dates: readonly CivilDate[];
  readonly preferences?: SuggestionPreferences;
  /** The site whose desks are suggested (the first site when left out). */
  readonly siteId?: string;
  /** One id for the whole request; each day's booking uses `<requestId>.<date>`, so a repeated Confirm books once. */
  readonly requestId: string;
}

/** One day of a multi-day request: the booking made, or why not (no refusal: no desk matched the request). */
export type DayOutcome =
  | { readonly date: CivilDate; readonly ok: true; readonly booking: Booking }
  | { readonly date: CivilDate; readonly ok: false; readonly refusal?: Refusal };

/**
 * Books each day of a confirmed multi-day request on the desk the rules suggest for that day. Days are booked one
 * by one, so one refused day never undoes the others; every refusal carries its rule and alternatives.
 */
export async function bookDays(deps: BookingDeps, cmd: BookDaysCommand): Promise<DayOutcome[]> {
  const dates = [...new Set(cmd.dates)].sort();
  if (dates.length === 0 || dates.length > MAX_DAYS_AT_ONCE) {
    throw new InvalidInputError(`a request books 1 to ${MAX_DAYS_AT_ONCE} days; got ${dates.length}`, 'dates');
  }
  const out: DayOutcome[] = [];
  for (const date of dates) {
    const requestId = `${cmd.requestId}.${date}`.slice(0, 100);
    const ranked = await suggestDesks(deps, { actor: cmd.actor, date, ...(cmd.siteId !== undefined && { siteId: cmd.siteId }), ...(cmd.preferences && { preferences: cmd.preferences }), limit: 1 });
    if (!ranked.ok) {
      // A repeated Confirm finds the day already booked by this very request: that is its outcome, not a refusal.
      const again = ranked.error.code === 'ALREADY_BOOKED' ? await repeatOf(deps, cmd.actor, requestId, ranked.error.details) : undefined;
      out.push(again ? { date, ok: true, booking: again } : { date, ok: false, refusal: ranked.error });
      continue;
    }
    const top = ranked.value[0];
    if (!top) {
      out.push({ date, ok: false });
      continue;
    }
    const booked = await bookDesk(deps, { actor: cmd.actor, deskId: top.desk.id, date, requestId });
    out.push(booked.ok ? { date, ok: true, booking: booked.value } : { date, ok: false, refusal: booked.error });
  }
  return out;
}

async function repeatOf(deps: BookingDeps, actor: Actor, requestId: string, details: Refusal['details']): Promise<Booking | undefined> {
  if (details.code !== 'ALREADY_BOOKED' || !details.existingBookingId) return undefined;
  const found = await deps.store.getBooking(details.existingBookingId);
  const b = found?.booking;
  return b && b.userId === actor.userId && b.requestId === requestId ? b : undefined;
}

export interface CancelManyCommand {
  readonly actor: Actor;
  readonly bookingIds: readonly string[];
}

/** Cancels each booking (the undo of a multi-day request); each is checked for its owner by the lifecycle rules. */
export async function cancelBookings(deps: BookingDeps, cmd: CancelManyCommand): Promise<Array<Result<Booking, Refusal>>> {
  if (cmd.bookingIds.length > MAX_DAYS_AT_ONCE) throw new InvalidInputError(`at most ${MAX_DAYS_AT_ONCE} bookings at once`, 'bookingIds');
  const out: Array<Result<Booking, Refusal>> = [];
  for (const bookingId of cmd.bookingIds) out.push(await cancelBooking(deps, { actor: cmd.actor, bookingId }));
  return out;
}
