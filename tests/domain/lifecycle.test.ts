import {
  checkInDeadlineOf,
  decideCancel,
  decideCheckIn,
  decideNoShowRelease,
  decideRelease,
  isNoShow,
  type Transition,
} from '../../src/domain/lifecycle';
import type { Actor, Booking } from '../../src/domain/model';
import type { Refusal } from '../../src/domain/refusal';
import { anActor, BRUSSELS, rules } from '../support/builders';

const TODAY = '2026-12-03';
/** Thursday 3 December 2026, 09:00 in Brussels (CET, UTC+1). */
const NINE_AM = new Date('2026-12-03T08:00:00Z');
const DEADLINE = '10:00';

const alice = anActor('alice');
const bob = anActor('bob');
const admin = anActor('ada', { roles: ['admin'] });

function aBooking(over: Partial<Booking> = {}): Booking {
  const date = over.date ?? TODAY;
  return {
    id: `${date}.booking01`,
    siteId: 'site-1',
    floorId: 'f1',
    zoneId: 'z1',
    deskId: 'd1',
    date,
    userId: 'alice',
    status: 'booked',
    createdAt: '2026-12-01T10:00:00Z',
    ...over,
  };
}

function input(booking: Booking, actor: Actor, now: Date | string, deadline = DEADLINE) {
  return {
    booking,
    actor,
    now: typeof now === 'string' ? new Date(now) : now,
    timeZone: BRUSSELS,
    rules: rules({ checkInDeadline: deadline }),
  };
}

function bookingOf(t: Transition): Booking {
  if (!t.ok)
    throw new Error(`expected the transition to be accepted, but it was refused with ${t.refusal.code}`);
  return t.booking;
}

function refusalOf(t: Transition): Refusal {
  if (t.ok) throw new Error(`expected a refusal, but the booking became ${t.booking.status}`);
  return t.refusal;
}

describe('check-in: only the owner, only on the day, only until the deadline', () => {
  it('checks alice in at 09:00 on the day of her booking', () => {
    const b = bookingOf(decideCheckIn(input(aBooking(), alice, NINE_AM)));
    expect(b).toEqual({ ...aBooking(), status: 'checked-in', checkedInAt: '2026-12-03T08:00:00.000Z' });
  });

  it("refuses bob checking in to alice's booking", () => {
    expect(refusalOf(decideCheckIn(input(aBooking(), bob, NINE_AM))).details).toEqual({
      code: 'NOT_ALLOWED',
      action: 'check-in',
    });
  });

  it('refuses an admin checking in for someone else', () => {
    expect(refusalOf(decideCheckIn(input(aBooking(), admin, NINE_AM))).code).toBe('NOT_ALLOWED');
  });

  it('refuses a check-in the day before the booking, as not today', () => {
    const r = refusalOf(decideCheckIn(input(aBooking({ date: '2026-12-04' }), alice, NINE_AM)));
    expect(r.details).toMatchObject({
      code: 'OUTSIDE_WINDOW',
      reason: 'not-today',
      date: '2026-12-04',
      today: TODAY,
    });
  });

  it('refuses a check-in the day after the booking, as past', () => {
    const r = refusalOf(decideCheckIn(input(aBooking({ date: '2026-12-02' }), alice, NINE_AM)));
    expect(r.details).toMatchObject({ code: 'OUTSIDE_WINDOW', reason: 'past', today: TODAY });
  });

  it('accepts a check-in at 09:59 Brussels', () => {
    expect(bookingOf(decideCheckIn(input(aBooking(), alice, '2026-12-03T08:59:00Z'))).status).toBe(
      'checked-in',
    );
  });

  it('refuses a check-in at 10:00 Brussels, the deadline, naming the deadline', () => {
    const r = refusalOf(decideCheckIn(input(aBooking(), alice, '2026-12-03T09:00:00Z')));
    expect(r.details).toMatchObject({
      code: 'OUTSIDE_WINDOW',
      reason: 'after-deadline',
      deadline: '10:00',
      today: TODAY,
    });
  });

  it('refuses a check-in at 14:00 Brussels', () => {
    expect(refusalOf(decideCheckIn(input(aBooking(), alice, '2026-12-03T13:00:00Z'))).details).toMatchObject({
      reason: 'after-deadline',
    });
  });

  it("follows the site's own deadline: at 09:30 Brussels with a 09:15 deadline it is too late", () => {
    const r = refusalOf(decideCheckIn(input(aBooking(), alice, '2026-12-03T08:30:00Z', '09:15')));
    expect(r.details).toMatchObject({ reason: 'after-deadline', deadline: '09:15' });
  });

  it('is idempotent: checking in again returns the booking unchanged, even after the deadline', () => {
    const checkedIn = aBooking({ status: 'checked-in', checkedInAt: '2026-12-03T07:45:00.000Z' });
    expect(bookingOf(decideCheckIn(input(checkedIn, alice, NINE_AM)))).toBe(checkedIn);
    expect(bookingOf(decideCheckIn(input(checkedIn, alice, '2026-12-03T15:00:00Z')))).toBe(checkedIn);
  });

  it('refuses a check-in to a released booking', () => {
    const released = aBooking({ status: 'released', releaseReason: 'cancelled' });
    expect(refusalOf(decideCheckIn(input(released, alice, NINE_AM))).details).toEqual({
      code: 'NOT_ACTIVE',
      bookingId: released.id,
      status: 'released',
    });
  });

  it('lets someone who booked a freed desk at 11:00 check in at 11:05: that booking is no no-show', () => {
    const late = aBooking({ createdAt: '2026-12-03T10:00:00Z' });
    expect(bookingOf(decideCheckIn(input(late, alice, '2026-12-03T10:05:00Z'))).status).toBe('checked-in');
  });

  it('on the fall-back day 2026-10-25 the deadline is 10:00 CET = 09:00Z, not 08:00Z', () => {
    const b = aBooking({ date: '2026-10-25', createdAt: '2026-10-20T12:00:00Z' });
    expect(bookingOf(decideCheckIn(input(b, alice, '2026-10-25T08:59:00Z'))).status).toBe('checked-in');
    expect(refusalOf(decideCheckIn(input(b, alice, '2026-10-25T09:00:00Z'))).details).toMatchObject({
      reason: 'after-deadline',
    });
  });

  it('on the spring-forward day 2026-03-29 the deadline is 10:00 CEST = 08:00Z, not 09:00Z', () => {
    const b = aBooking({ date: '2026-03-29', createdAt: '2026-03-20T12:00:00Z' });
    expect(bookingOf(decideCheckIn(input(b, alice, '2026-03-29T07:59:00Z'))).status).toBe('checked-in');
    expect(refusalOf(decideCheckIn(input(b, alice, '2026-03-29T08:00:00Z'))).details).toMatchObject({
      reason: 'after-deadline',
    });
  });
});

describe('release: giving the desk back, only on the day', () => {
  it("releases alice's booking for today when she asks, at once", () => {
    const b = bookingOf(decideRelease(input(aBooking(), alice, NINE_AM)));
    expect(b).toEqual({
      ...aBooking(),
      status: 'released',
      releaseReason: 'released-early',
      releasedAt: '2026-12-03T08:00:00.000Z',
      releasedBy: 'alice',
    });
  });

  it('releases a checked-in booking, e.g. when she leaves at noon', () => {
    const checkedIn = aBooking({ status: 'checked-in', checkedInAt: '2026-12-03T07:45:00.000Z' });
    expect(bookingOf(decideRelease(input(checkedIn, alice, '2026-12-03T11:00:00Z'))).status).toBe('released');
  });

  it('refuses to release a booking for tomorrow, as not today', () => {
    const r = refusalOf(decideRelease(input(aBooking({ date: '2026-12-04' }), alice, NINE_AM)));
    expect(r.details).toMatchObject({ code: 'OUTSIDE_WINDOW', reason: 'not-today', today: TODAY });
  });

  it("refuses to release yesterday's booking, as past", () => {
    const r = refusalOf(decideRelease(input(aBooking({ date: '2026-12-02' }), alice, NINE_AM)));
    expect(r.details).toMatchObject({ code: 'OUTSIDE_WINDOW', reason: 'past' });
  });

  it('treats 00:30 Brussels as the next day (23:30Z the evening before)', () => {
    const r = refusalOf(decideRelease(input(aBooking(), alice, '2026-12-03T23:30:00Z')));
    expect(r.details).toMatchObject({ reason: 'past', today: '2026-12-04' });
  });

  it("refuses bob releasing alice's desk", () => {
    expect(refusalOf(decideRelease(input(aBooking(), bob, NINE_AM))).details).toEqual({
      code: 'NOT_ALLOWED',
      action: 'release',
    });
  });

  it('refuses to release a booking already released', () => {
    const released = aBooking({ status: 'released' });
    expect(refusalOf(decideRelease(input(released, alice, NINE_AM))).code).toBe('NOT_ACTIVE');
  });
});

describe('cancel: the owner, or an admin, for today or later', () => {
  it('alice cancels her booking for next week: released, reason cancelled', () => {
    const future = aBooking({ date: '2026-12-10' });
    const b = bookingOf(decideCancel(input(future, alice, NINE_AM)));
    expect(b).toEqual({
      ...future,
      status: 'released',
      releaseReason: 'cancelled',
      releasedAt: '2026-12-03T08:00:00.000Z',
      releasedBy: 'alice',
    });
  });

  it('alice cancels her booking for today: released early', () => {
    const b = bookingOf(decideCancel(input(aBooking(), alice, NINE_AM)));
    expect(b).toMatchObject({ status: 'released', releaseReason: 'released-early', releasedBy: 'alice' });
  });

  it("an admin cancels alice's booking: cancelled-by-admin, by the admin", () => {
    const b = bookingOf(decideCancel(input(aBooking({ date: '2026-12-10' }), admin, NINE_AM)));
    expect(b).toMatchObject({
      status: 'cancelled-by-admin',
      releaseReason: 'admin',
      releasedBy: 'ada',
      releasedAt: '2026-12-03T08:00:00.000Z',
    });
  });

  it('an admin cancelling her own booking is an owner cancelling: released', () => {
    const own = aBooking({ userId: 'ada', date: '2026-12-10' });
    expect(bookingOf(decideCancel(input(own, admin, NINE_AM)))).toMatchObject({
      status: 'released',
      releaseReason: 'cancelled',
    });
  });

  it("refuses bob cancelling alice's booking, and leaves it as it was", () => {
    const booking = aBooking({ date: '2026-12-10' });
    const r = refusalOf(decideCancel(input(booking, bob, NINE_AM)));
    expect(r.details).toEqual({ code: 'NOT_ALLOWED', action: 'cancel' });
    expect(booking.status).toBe('booked');
  });

  it("refuses a tracer (not an admin) cancelling someone else's booking", () => {
    const tracer = anActor('tom', { roles: ['tracer'] });
    expect(refusalOf(decideCancel(input(aBooking(), tracer, NINE_AM))).code).toBe('NOT_ALLOWED');
  });

  it('refuses cancelling a past booking, even for an admin', () => {
    const past = aBooking({ date: '2026-12-02' });
    expect(refusalOf(decideCancel(input(past, alice, NINE_AM))).details).toMatchObject({
      code: 'OUTSIDE_WINDOW',
      reason: 'past',
      today: TODAY,
    });
    expect(refusalOf(decideCancel(input(past, admin, NINE_AM))).details).toMatchObject({
      code: 'OUTSIDE_WINDOW',
      reason: 'past',
    });
  });

  it("allows cancelling today's booking at 23:59 Brussels, but not at 00:00 the next day", () => {
    expect(decideCancel(input(aBooking(), alice, '2026-12-03T22:59:00Z')).ok).toBe(true);
    expect(refusalOf(decideCancel(input(aBooking(), alice, '2026-12-03T23:00:00Z'))).details).toMatchObject({
      reason: 'past',
      today: '2026-12-04',
    });
  });

  it('refuses cancelling a booking already cancelled', () => {
    const cancelled = aBooking({ status: 'cancelled-by-admin' });
    expect(refusalOf(decideCancel(input(cancelled, alice, NINE_AM))).details).toEqual({
      code: 'NOT_ACTIVE',
      bookingId: cancelled.id,
      status: 'cancelled-by-admin',
    });
  });
});

describe('no-show: booked, not checked in by the deadline, and booked before it', () => {
  const isNoShowAt = (b: Booking, iso: string) => isNoShow(b, new Date(iso), BRUSSELS, DEADLINE);

  it('is no no-show before the 10:00 deadline', () => {
    expect(isNoShowAt(aBooking(), '2026-12-03T08:59:59Z')).toBe(false);
  });

  it('is a no-show from the deadline itself (10:00 Brussels = 09:00Z in December)', () => {
    expect(isNoShowAt(aBooking(), '2026-12-03T09:00:00Z')).toBe(true);
    expect(isNoShowAt(aBooking(), '2026-12-03T16:00:00Z')).toBe(true);
  });

  it('is no no-show once checked in', () => {
    expect(
      isNoShowAt(
        aBooking({ status: 'checked-in', checkedInAt: '2026-12-03T08:30:00Z' }),
        '2026-12-03T12:00:00Z',
      ),
    ).toBe(false);
  });

  it('is no no-show when the booking was made at 11:00 for today', () => {
    expect(isNoShowAt(aBooking({ createdAt: '2026-12-03T10:00:00Z' }), '2026-12-03T12:00:00Z')).toBe(false);
  });

  it('is no no-show when the booking was made exactly at the deadline', () => {
    expect(isNoShowAt(aBooking({ createdAt: '2026-12-03T09:00:00Z' }), '2026-12-03T12:00:00Z')).toBe(false);
  });

  it('is a no-show when the booking was made at 09:59 the same morning', () => {
    expect(isNoShowAt(aBooking({ createdAt: '2026-12-03T08:59:00Z' }), '2026-12-03T09:00:00Z')).toBe(true);
  });

  it('is no no-show for a booking of a later day', () => {
    expect(isNoShowAt(aBooking({ date: '2026-12-04' }), '2026-12-03T12:00:00Z')).toBe(false);
  });

  it('is no no-show for a booking already released or cancelled', () => {
    expect(isNoShowAt(aBooking({ status: 'released' }), '2026-12-03T12:00:00Z')).toBe(false);
    expect(isNoShowAt(aBooking({ status: 'cancelled-by-admin' }), '2026-12-03T12:00:00Z')).toBe(false);
  });

  it('on the fall-back day 2026-10-25, the 10:00 deadline is 09:00Z', () => {
    expect(checkInDeadlineOf('2026-10-25', BRUSSELS, '10:00').toISOString()).toBe('2026-10-25T09:00:00.000Z');
    const b = aBooking({ date: '2026-10-25', createdAt: '2026-10-20T12:00:00Z' });
    expect(isNoShowAt(b, '2026-10-25T08:59:59Z')).toBe(false);
    expect(isNoShowAt(b, '2026-10-25T09:00:00Z')).toBe(true);
  });

  it('the day before the switch, 2026-10-24, the 10:00 deadline is still 08:00Z (CEST)', () => {
    expect(checkInDeadlineOf('2026-10-24', BRUSSELS, '10:00').toISOString()).toBe('2026-10-24T08:00:00.000Z');
  });

  it('on the spring-forward day 2026-03-29, the 10:00 deadline is 08:00Z', () => {
    expect(checkInDeadlineOf('2026-03-29', BRUSSELS, '10:00').toISOString()).toBe('2026-03-29T08:00:00.000Z');
  });

  it('a booking made at 09:30 CET on the fall-back day (08:30Z) is a no-show at 10:00 CET', () => {
    const b = aBooking({ date: '2026-10-25', createdAt: '2026-10-25T08:30:00Z' });
    expect(isNoShowAt(b, '2026-10-25T09:00:00Z')).toBe(true);
  });
});

describe('no-show release: the auto-release job frees the desk of a no-show', () => {
  it('releases a no-show, by the system, with reason no-show', () => {
    const t = decideNoShowRelease(aBooking(), new Date('2026-12-03T09:05:00Z'), BRUSSELS, DEADLINE);
    expect(bookingOf(t)).toEqual({
      ...aBooking(),
      status: 'released',
      releaseReason: 'no-show',
      releasedBy: 'system',
      releasedAt: '2026-12-03T09:05:00.000Z',
    });
  });

  it('refuses before the deadline', () => {
    expect(decideNoShowRelease(aBooking(), new Date('2026-12-03T08:55:00Z'), BRUSSELS, DEADLINE).ok).toBe(
      false,
    );
  });

  it('refuses a booking that was checked in', () => {
    const checkedIn = aBooking({ status: 'checked-in', checkedInAt: '2026-12-03T08:30:00Z' });
    expect(decideNoShowRelease(checkedIn, new Date('2026-12-03T09:05:00Z'), BRUSSELS, DEADLINE).ok).toBe(
      false,
    );
  });

  it('refuses a booking made after the deadline', () => {
    const late = aBooking({ createdAt: '2026-12-03T10:00:00Z' });
    expect(decideNoShowRelease(late, new Date('2026-12-03T12:00:00Z'), BRUSSELS, DEADLINE).ok).toBe(false);
  });
});
