import { addDays, civilDateOf, zonedInstant } from './civil-date';
import { isActive, isAdmin, type Actor, type Booking, type ReleaseReason } from './model';
import type { PolicyRules } from './policy';
import { refusal, type Refusal } from './refusal';

export type Transition = { readonly ok: true; readonly booking: Booking } | { readonly ok: false; readonly refusal: Refusal };

export interface TransitionInput {
  readonly booking: Booking;
  readonly actor: Actor;
  readonly now: Date;
  readonly timeZone: string;
  readonly rules: Pick<PolicyRules, 'checkInDeadline' | 'horizonDays' | 'bookableWeekdays'>;
}

/**
 * Cancelling frees the desk at once. The owner may cancel a booking for today or later (it becomes `released`);
 * an admin may cancel anyone's (it becomes `cancelled-by-admin` when it was not theirs).
 */
export function decideCancel(input: TransitionInput): Transition {
  const { booking, actor, now } = input;
  const owner = booking.userId === actor.userId;
  if (!owner && !isAdmin(actor)) return no(refusal({ code: 'NOT_ALLOWED', action: 'cancel' }));
  if (!isActive(booking)) return no(notActive(booking));
  const today = civilDateOf(now, input.timeZone);
  if (booking.date < today) return no(outside(input, today, 'past'));
  const reason: ReleaseReason = owner ? (booking.date === today ? 'released-early' : 'cancelled') : 'admin';
  return release(booking, now, reason, actor.userId, owner ? 'released' : 'cancelled-by-admin');
}

/** Giving the desk back today, e.g. "release my desk": the owner (or an admin, for them), only on the day. */
export function decideRelease(input: TransitionInput): Transition {
  const { booking, actor, now } = input;
  if (booking.userId !== actor.userId && !isAdmin(actor)) return no(refusal({ code: 'NOT_ALLOWED', action: 'release' }));
  if (!isActive(booking)) return no(notActive(booking));
  const today = civilDateOf(now, input.timeZone);
  if (booking.date !== today) return no(outside(input, today, booking.date < today ? 'past' : 'not-today'));
  const byOwner = booking.userId === actor.userId;
  return release(booking, now, byOwner ? 'released-early' : 'admin', actor.userId, byOwner ? 'released' : 'cancelled-by-admin');
}

/**
 * Check-in is accepted only from the booking's owner, only on the day (site time), and only until the
 * check-in deadline; a check-in after the deadline would race the no-show release, so the deadline decides.
 */
export function decideCheckIn(input: TransitionInput): Transition {
  const { booking, actor, now } = input;
  if (booking.userId !== actor.userId) return no(refusal({ code: 'NOT_ALLOWED', action: 'check-in' }));
  if (booking.status === 'checked-in') return { ok: true, booking };
  if (!isActive(booking)) return no(notActive(booking));
  const today = civilDateOf(now, input.timeZone);
  if (booking.date !== today) return no(outside(input, today, booking.date < today ? 'past' : 'not-today'));
  if (isNoShow(booking, now, input.timeZone, input.rules.checkInDeadline)) {
    return no(outside(input, today, 'after-deadline'));
  }
  return { ok: true, booking: { ...booking, status: 'checked-in', checkedInAt: now.toISOString() } };
}

/** The instant of the check-in deadline on the booking's day, in site time. */
export function checkInDeadlineOf(date: string, timeZone: string, deadline: string): Date {
  return zonedInstant(date, deadline, timeZone);
}

/**
 * A booking is a no-show once its day's deadline has passed without a check-in. A booking made after the
 * deadline (someone booking a freed desk at 11:00) is not: its owner could not have checked in before it.
 */
export function isNoShow(booking: Booking, now: Date, timeZone: string, deadline: string): boolean {
  if (booking.status !== 'booked') return false;
  const deadlineAt = checkInDeadlineOf(booking.date, timeZone, deadline);
  if (now.getTime() < deadlineAt.getTime()) return false;
  return Date.parse(booking.createdAt) < deadlineAt.getTime();
}

/** The no-show release of the auto-release job: only when `isNoShow` holds. */
export function decideNoShowRelease(booking: Booking, now: Date, timeZone: string, deadline: string): Transition {
  if (!isNoShow(booking, now, timeZone, deadline)) return no(notActive(booking));
  return release(booking, now, 'no-show', 'system', 'released');
}

function release(
  booking: Booking,
  now: Date,
  reason: ReleaseReason,
  by: string,
  status: 'released' | 'cancelled-by-admin',
): Transition {
  return {
    ok: true,
    booking: { ...booking, status, releasedAt: now.toISOString(), releaseReason: reason, releasedBy: by },
  };
}

function no(r: Refusal): Transition {
  return { ok: false, refusal: r };
}

function notActive(b: Booking): Refusal {
  return refusal({ code: 'NOT_ACTIVE', bookingId: b.id, status: b.status });
}

function outside(
  input: TransitionInput,
  today: string,
  reason: 'past' | 'not-today' | 'after-deadline',
): Refusal {
  return refusal({
    code: 'OUTSIDE_WINDOW',
    reason,
    date: input.booking.date,
    today,
    lastBookableDate: addDays(today, input.rules.horizonDays),
    horizonDays: input.rules.horizonDays,
    bookableWeekdays: input.rules.bookableWeekdays,
    deadline: input.rules.checkInDeadline,
  });
}
