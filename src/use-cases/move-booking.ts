import { err, ok, type Actor, type Booking, type Result } from '../domain/model';
import { refusal, type Refusal } from '../domain/refusal';
import { bookDesk, type BookingDeps } from './book-desk';
import { cancelBooking } from './change-booking';

export interface MoveBookingCommand {
  readonly actor: Actor;
  readonly bookingId: string;
  readonly deskId: string;
  /** The client's id for this move: the new booking is made with it, so a retried move does not book twice. */
  readonly requestId?: string;
}

/**
 * Moves one's own booking to another desk the same day: the old booking is cancelled through the change-booking
 * use case (the one-desk-per-day rule would refuse the new desk while the old one stands), then the new desk is
 * booked. When the new desk is refused, the old desk is booked again at once and the refusal is returned.
 *
 * The two steps are two transactions, not one: in the moment between them someone may take the old desk, and then
 * the person keeps neither. The tab says which desk they hold afterwards, from a fresh read.
 */
export async function moveBooking(deps: BookingDeps, cmd: MoveBookingCommand): Promise<Result<Booking, Refusal>> {
  const found = await deps.store.getBooking(cmd.bookingId);
  if (!found) return err(refusal({ code: 'BOOKING_NOT_FOUND', bookingId: cmd.bookingId }));
  const before = found.booking;
  if (before.userId !== cmd.actor.userId) return err(refusal({ code: 'NOT_ALLOWED', action: 'move' }));
  if (before.deskId === cmd.deskId) return ok(before);

  const cancelled = await cancelBooking(deps, { actor: cmd.actor, bookingId: before.id });
  if (!cancelled.ok) return cancelled;

  const moved = await bookDesk(deps, { actor: cmd.actor, deskId: cmd.deskId, date: before.date, ...(cmd.requestId && { requestId: cmd.requestId }) });
  if (moved.ok) return moved;

  const back = await bookDesk(deps, { actor: cmd.actor, deskId: before.deskId, date: before.date, ...(cmd.requestId && { requestId: `${cmd.requestId.slice(0, 90)}-back` }) });
  return back.ok ? moved : err(moved.error);
}
