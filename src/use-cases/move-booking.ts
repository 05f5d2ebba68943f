import { err, isActive, ok, type Actor, type Booking, type CivilDate, type Result } from '../domain/model';
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

export interface MoveToDeskCommand {
  readonly actor: Actor;
  readonly bookingId: string;
  readonly deskId: string;
  /** The client's id for this move: the new booking is made with it, so a retried move does not book twice. */
  readonly requestId?: string;
}

/** The caller's own active booking, or why it cannot be moved. */
async function ownActiveBooking(deps: BookingDeps, actor: Actor, bookingId: string): Promise<Result<Booking, Refusal>> {
  const found = await deps.store.getBooking(bookingId);
  if (!found) return err(refusal({ code: 'BOOKING_NOT_FOUND', bookingId }));
  const old = found.booking;
  if (old.userId !== actor.userId) return err(refusal({ code: 'NOT_ALLOWED', action: 'move' }));
  if (!isActive(old)) return err(refusal({ code: 'NOT_ACTIVE', bookingId: old.id, status: old.status }));
  return ok(old);
}

/**
 * Moves a booking to another day, or to another suggested desk on its day (the chat's "move it to Friday", "another
 * desk"), through the booking and change-booking use cases. To another day: the new day is booked first and the old
 * one is cancelled only once that succeeded, so a refused move leaves the person with the desk they had.
 */
export async function moveBooking(deps: BookingDeps, cmd: MoveBookingCommand): Promise<MoveOutcome> {
  const found = await ownActiveBooking(deps, cmd.actor, cmd.bookingId);
  if (!found.ok) return { ok: false, refusal: found.error };
  const old = found.value;
  if (cmd.toDate !== old.date) return changeDay(deps, cmd, old);
  return swapDesk(deps, cmd.actor, old, cmd.requestId, async () => {
    const ranked = await suggestDesks(deps, {
      actor: cmd.actor,
      date: old.date,
      siteId: old.siteId,
      ...(cmd.preferences && { preferences: cmd.preferences }),
      limit: 2,
    });
    if (!ranked.ok) return { refusal: ranked.error };
    const other = ranked.value.find((s) => s.desk.id !== old.deskId);
    return other ? { deskId: other.desk.id } : {};
  });
}

/** Moves one's own booking to a named desk the same day (the tab's "Move my booking here"). */
export async function moveToDesk(deps: BookingDeps, cmd: MoveToDeskCommand): Promise<Result<Booking, Refusal>> {
  const found = await ownActiveBooking(deps, cmd.actor, cmd.bookingId);
  if (!found.ok) return found;
  const old = found.value;
  if (old.deskId === cmd.deskId) return ok(old);
  const requestId = cmd.requestId ?? `move-${old.id}-${cmd.deskId}`.slice(0, 100);
  const outcome = await swapDesk(deps, cmd.actor, old, requestId, async () => ({ deskId: cmd.deskId }));
  if (outcome.ok) return ok(outcome.to);
  // A named desk is always tried, so a failed swap always carries the booking's refusal.
  if (!outcome.refusal) throw new Error(`moving booking ${old.id} to desk ${cmd.deskId} failed without a refusal`);
  return err(outcome.refusal);
}

async function changeDay(deps: BookingDeps, cmd: MoveBookingCommand, old: Booking): Promise<MoveOutcome> {
  // The same desk on the new day, when it is free: a move should change as little as it can.
  const preferences: SuggestionPreferences = {
    ...cmd.preferences,
    prefer: { ...cmd.preferences?.prefer, favouriteDeskIds: [old.deskId, ...(cmd.preferences?.prefer?.favouriteDeskIds ?? [])] },
  };
  const ranked = await suggestDesks(deps, { actor: cmd.actor, date: cmd.toDate, siteId: old.siteId, preferences, limit: 1 });
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

/**
 * Another desk on the booking's own day. One desk per person per day means the old desk must be let go before the new
 * one can be booked, so this is two transactions: the old booking is cancelled, the desk chosen (after the release,
 * so that the person's own booking no longer blocks it) is booked, and when that fails the old desk is booked back at
 * once. In the moment between, someone else may take the old desk; then the person keeps neither, and the caller
 * shows what they hold from a fresh read. An atomic swap would need a store operation of its own.
 */
async function swapDesk(
  deps: BookingDeps,
  actor: Actor,
  old: Booking,
  requestId: string,
  choose: () => Promise<{ readonly deskId?: string; readonly refusal?: Refusal }>,
): Promise<MoveOutcome> {
  const released = await cancelBooking(deps, { actor, bookingId: old.id });
  if (!released.ok) return { ok: false, refusal: released.error };
  const chosen = await choose();
  const booked = chosen.deskId ? await bookDesk(deps, { actor, deskId: chosen.deskId, date: old.date, requestId }) : undefined;
  if (booked?.ok) return { ok: true, from: released.value, to: booked.value };
  await bookDesk(deps, { actor, deskId: old.deskId, date: old.date, requestId: `${requestId}.back`.slice(0, 100) });
  const why = booked && !booked.ok ? booked.error : chosen.refusal;
  return { ok: false, ...(why && { refusal: why }) };
}
