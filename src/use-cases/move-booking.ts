import { isActive, type Actor, type Booking, type CivilDate } from '../domain/model';
import { refusal, type Refusal } from '../domain/refusal';
import type { SuggestionPreferences } from '../domain/suggest';
import { bookDesk, type BookingDeps } from './book-desk';
import { cancelBooking } from './change-booking';
import { suggestDesks } from './suggest-desk';

export interface MoveBookingCommand {
  readonly actor: Actor;
  readonly bookingId: string;
  /** The day to move to; the booking's own day means "another desk that day". */
  readonly toDate: CivilDate;
  readonly preferences?: SuggestionPreferences;
  /** Makes a repeated move book the new day once. */
  readonly requestId: string;
}

/** The booking moved (`from` is the old one, now released), or why not; without a refusal, no desk matched. */
export type MoveOutcome =
  | { readonly ok: true; readonly from: Booking; readonly to: Booking }
  | { readonly ok: false; readonly refusal?: Refusal };

/**
 * Moves a booking to another day, or to another desk on its day, through the booking and change-booking use cases.
 * To another day: the new day is booked first and the old one is cancelled only once that succeeded, so a refused
 * move leaves the person with the desk they had. On the same day the rules allow one desk per person, so the old
 * desk is let go first, and booked back for them if no other desk can be booked.
 */
export async function moveBooking(deps: BookingDeps, cmd: MoveBookingCommand): Promise<MoveOutcome> {
  const found = await deps.store.getBooking(cmd.bookingId);
  if (!found) return { ok: false, refusal: refusal({ code: 'BOOKING_NOT_FOUND', bookingId: cmd.bookingId }) };
  const old = found.booking;
  if (old.userId !== cmd.actor.userId) return { ok: false, refusal: refusal({ code: 'NOT_ALLOWED', action: 'move' }) };
  if (!isActive(old)) return { ok: false, refusal: refusal({ code: 'NOT_ACTIVE', bookingId: old.id, status: old.status }) };
  return cmd.toDate === old.date ? changeDesk(deps, cmd, old) : changeDay(deps, cmd, old);
}

async function changeDay(deps: BookingDeps, cmd: MoveBookingCommand, old: Booking): Promise<MoveOutcome> {
  // The same desk on the new day, when it is free: a move should change as little as it can.
  const preferences: SuggestionPreferences = {
    ...cmd.preferences,
    prefer: { ...cmd.preferences?.prefer, favouriteDeskIds: [old.deskId, ...(cmd.preferences?.prefer?.favouriteDeskIds ?? [])] },
  };
  const ranked = await suggestDesks(deps, { actor: cmd.actor, date: cmd.toDate, preferences, limit: 1 });
  if (!ranked.ok) return { ok: false, refusal: ranked.error };
  const top = ranked.value[0];
  if (!top) return { ok: false };
  const booked = await bookDesk(deps, { actor: cmd.actor, deskId: top.desk.id, date: cmd.toDate, requestId: cmd.requestId });
  if (!booked.ok) return { ok: false, refusal: booked.error };
  const cancelled = await cancelBooking(deps, { actor: cmd.actor, bookingId: old.id });
  if (!cancelled.ok) {
    // The old day could not be let go (e.g. it is already checked in): keep it, and undo the new one.
    await cancelBooking(deps, { actor: cmd.actor, bookingId: booked.value.id });
    return { ok: false, refusal: cancelled.error };
  }
  return { ok: true, from: cancelled.value, to: booked.value };
}

async function changeDesk(deps: BookingDeps, cmd: MoveBookingCommand, old: Booking): Promise<MoveOutcome> {
  const released = await cancelBooking(deps, { actor: cmd.actor, bookingId: old.id });
  if (!released.ok) return { ok: false, refusal: released.error };
  const ranked = await suggestDesks(deps, {
    actor: cmd.actor,
    date: old.date,
    ...(cmd.preferences && { preferences: cmd.preferences }),
    limit: 2,
  });
  const other = ranked.ok ? ranked.value.find((s) => s.desk.id !== old.deskId) : undefined;
  const booked = other ? await bookDesk(deps, { actor: cmd.actor, deskId: other.desk.id, date: old.date, requestId: cmd.requestId }) : undefined;
  if (booked?.ok) return { ok: true, from: released.value, to: booked.value };
  // No other desk: the person keeps the one they had.
  await bookDesk(deps, { actor: cmd.actor, deskId: old.deskId, date: old.date, requestId: `${cmd.requestId}.back`.slice(0, 100) });
  return { ok: false, ...(booked && !booked.ok ? { refusal: booked.error } : !ranked.ok ? { refusal: ranked.error } : {}) };
}
