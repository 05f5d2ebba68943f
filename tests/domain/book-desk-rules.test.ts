import { bookableDays, checkBookingWindow } from '../../src/domain/booking-window';
import type { CivilDate } from '../../src/domain/model';
import { aDesk, BRUSSELS } from '../support/builders';
import { NOW, TODAY, aFloorDay, decide, refusalOf, acceptedDesk, row } from './decide-support';

describe('a free desk inside the window is booked', () => {
  it('accepts a free desk for today with nobody else on the floor', () => {
    const fd = aFloorDay({ desks: row([1, 4]) });
    expect(acceptedDesk(decide(fd, 'd1'))).toBe('d1');
  });
});

describe('UNKNOWN_DESK: no such desk', () => {
  it('refuses a desk id that is not on the floor, naming it', () => {
    const r = refusalOf(decide(aFloorDay({ desks: row([1]) }), 'nope'));
    expect(r).toEqual({
      code: 'UNKNOWN_DESK',
      details: { code: 'UNKNOWN_DESK', deskId: 'nope' },
      alternatives: [],
    });
  });
});

describe('ALREADY_BOOKED: one desk per person per day', () => {
  it('refuses a second desk to alice, naming the booking she already holds', () => {
    const fd = aFloorDay({ desks: row([1, 4]), booked: [['d1', 'alice']] });
    const r = refusalOf(decide(fd, 'd2', { personDay: { bookingId: `${TODAY}.bk-d1`, deskId: 'd1' } }));
    expect(r).toEqual({
      code: 'ALREADY_BOOKED',
      details: {
        code: 'ALREADY_BOOKED',
        date: TODAY,
        existingBookingId: `${TODAY}.bk-d1`,
        existingDeskId: 'd1',
      },
      alternatives: [],
    });
  });

  it('refuses even when her other desk is on another floor', () => {
    const fd = aFloorDay({ desks: row([1, 4]) });
    const r = refusalOf(
      decide(fd, 'd2', { personDay: { bookingId: `${TODAY}.elsewhere1`, deskId: 'f9-desk' } }),
    );
    expect(r.code).toBe('ALREADY_BOOKED');
  });
});

describe('OUTSIDE_WINDOW: from today (site time) to today + horizon, on bookable weekdays', () => {
  const desks = row([1]);

  it('refuses yesterday as past, with today and the last bookable date', () => {
    const r = refusalOf(decide(aFloorDay({ desks, date: '2026-12-02' }), 'd1'));
    expect(r).toEqual({
      code: 'OUTSIDE_WINDOW',
      details: {
        code: 'OUTSIDE_WINDOW',
        reason: 'past',
        date: '2026-12-02',
        today: TODAY,
        lastBookableDate: '2026-12-17',
        horizonDays: 14,
        bookableWeekdays: [1, 2, 3, 4, 5, 6, 7],
      },
      alternatives: [],
    });
  });

  it('accepts today + 14 days when the horizon is 14 days', () => {
    expect(
      acceptedDesk(decide(aFloorDay({ desks, date: '2026-12-17', rules: { horizonDays: 14 } }), 'd1')),
    ).toBe('d1');
  });

  it('refuses today + 15 days as beyond the horizon, naming the last bookable date', () => {
    const r = refusalOf(decide(aFloorDay({ desks, date: '2026-12-18', rules: { horizonDays: 14 } }), 'd1'));
    expect(r.details).toMatchObject({
      reason: 'beyond-horizon',
      today: TODAY,
      lastBookableDate: '2026-12-17',
      horizonDays: 14,
    });
  });

  it('with a horizon of 0, allows only today', () => {
    expect(acceptedDesk(decide(aFloorDay({ desks, rules: { horizonDays: 0 } }), 'd1'))).toBe('d1');
    const r = refusalOf(decide(aFloorDay({ desks, date: '2026-12-04', rules: { horizonDays: 0 } }), 'd1'));
    expect(r.details).toMatchObject({ reason: 'beyond-horizon', lastBookableDate: TODAY });
  });

  it('refuses a Saturday when only Monday to Friday are bookable', () => {
    const weekdays = { bookableWeekdays: [1, 2, 3, 4, 5] };
    const r = refusalOf(decide(aFloorDay({ desks, date: '2026-12-05', rules: weekdays }), 'd1'));
    expect(r.details).toMatchObject({
      reason: 'weekday',
      date: '2026-12-05',
      bookableWeekdays: [1, 2, 3, 4, 5],
    });
    expect(acceptedDesk(decide(aFloorDay({ desks, date: '2026-12-07', rules: weekdays }), 'd1'))).toBe('d1');
  });

  it('lists the bookable days of the window in order, starting today', () => {
    const days = bookableDays({
      now: NOW,
      timeZone: BRUSSELS,
      rules: { horizonDays: 14, bookableWeekdays: [1, 2, 3, 4, 5] },
    });
    expect(days).toEqual([
      '2026-12-03',
      '2026-12-04',
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-14',
      '2026-12-15',
      '2026-12-16',
      '2026-12-17',
    ]);
  });
});

describe("the window counts civil days in the site's time zone, across midnight and DST", () => {
  const window = (date: CivilDate, now: string, horizonDays = 14) =>
    checkBookingWindow({
      date,
      now: new Date(now),
      timeZone: BRUSSELS,
      rules: { horizonDays, bookableWeekdays: [1, 2, 3, 4, 5, 6, 7] },
    });

  it('accepts today at 23:59 site time (22:59Z in winter)', () => {
    expect(window('2026-12-03', '2026-12-03T22:59:00Z')).toBeNull();
  });

  it('refuses yesterday at 00:00 site time the next day (23:00Z), and today is the new day', () => {
    expect(window('2026-12-03', '2026-12-03T23:00:00Z')?.details).toMatchObject({
      reason: 'past',
      today: '2026-12-04',
    });
  });

  it('on the spring-forward day 2026-03-29, today lasts until 23:59 CEST (21:59Z)', () => {
    expect(window('2026-03-29', '2026-03-29T21:59:00Z')).toBeNull();
    expect(window('2026-03-29', '2026-03-29T22:00:00Z')?.details).toMatchObject({
      reason: 'past',
      today: '2026-03-30',
    });
  });

  it('on the spring-forward day 2026-03-29, the day starts at 00:00 CET (23:00Z the evening before)', () => {
    expect(window('2026-03-28', '2026-03-28T22:59:00Z')).toBeNull();
    expect(window('2026-03-28', '2026-03-28T23:00:00Z')?.details).toMatchObject({
      reason: 'past',
      today: '2026-03-29',
    });
  });

  it('on the fall-back day 2026-10-25, the day starts at 00:00 CEST (22:00Z the evening before)', () => {
    expect(window('2026-10-24', '2026-10-24T21:59:00Z')).toBeNull();
    expect(window('2026-10-24', '2026-10-24T22:00:00Z')?.details).toMatchObject({
      reason: 'past',
      today: '2026-10-25',
    });
  });

  it('on the fall-back day 2026-10-25, today lasts until 23:59 CET (22:59Z)', () => {
    expect(window('2026-10-25', '2026-10-25T22:59:00Z')).toBeNull();
    expect(window('2026-10-25', '2026-10-25T23:00:00Z')?.details).toMatchObject({
      reason: 'past',
      today: '2026-10-26',
    });
  });

  it('a request at 07:30 in Brisbane on 3 December is still 2 December in Brussels: the 2nd is bookable, the 1st is past', () => {
    const brisbaneMorning = '2026-12-03T07:30:00+10:00';
    expect(window('2026-12-02', brisbaneMorning)).toBeNull();
    expect(window('2026-12-01', brisbaneMorning)?.details).toMatchObject({
      reason: 'past',
      today: '2026-12-02',
    });
    expect(window('2026-12-16', brisbaneMorning)).toBeNull();
    expect(window('2026-12-17', brisbaneMorning)?.details).toMatchObject({
      reason: 'beyond-horizon',
      lastBookableDate: '2026-12-16',
    });
  });

  it('counts the horizon in calendar days across the fall-back switch', () => {
    // 22:30 on Tuesday 20 October (CEST) is 20:30Z; 14 days later is 3 November, though one of those days lasts 25 hours.
    expect(window('2026-11-03', '2026-10-20T20:30:00Z')).toBeNull();
    expect(window('2026-11-04', '2026-10-20T20:30:00Z')?.details).toMatchObject({
      reason: 'beyond-horizon',
      lastBookableDate: '2026-11-03',
    });
  });

  it('counts the horizon in calendar days across the spring-forward switch', () => {
    // 23:30 on 22 March (CET) is 22:30Z; 14 days later is 5 April, though one of those days lasts 23 hours.
    expect(window('2026-04-05', '2026-03-22T22:30:00Z')).toBeNull();
    expect(window('2026-04-06', '2026-03-22T22:30:00Z')?.details).toMatchObject({
      reason: 'beyond-horizon',
      lastBookableDate: '2026-04-05',
    });
  });

  it('decideBooking uses the site time: booking today at 23:59 is accepted, at 00:00 the next day it is past', () => {
    const fd = aFloorDay({ desks: row([1]) });
    expect(acceptedDesk(decide(fd, 'd1', { now: new Date('2026-12-03T22:59:59Z') }))).toBe('d1');
    expect(refusalOf(decide(fd, 'd1', { now: new Date('2026-12-03T23:00:00Z') })).details).toMatchObject({
      reason: 'past',
    });
  });
});

describe('QUOTA_EXCEEDED: bookings per person per ISO week', () => {
  const desks = row([1]);

  it('refuses a third booking in week 2026-W49 when the quota is 2, with the quota and the week', () => {
    const r = refusalOf(decide(aFloorDay({ desks, rules: { weeklyQuota: 2 } }), 'd1', { weekUsed: 2 }));
    expect(r).toEqual({
      code: 'QUOTA_EXCEEDED',
      details: { code: 'QUOTA_EXCEEDED', quota: 2, used: 2, isoWeek: '2026-W49', date: TODAY },
      alternatives: [],
    });
  });

  it('accepts a second booking in the week when the quota is 2', () => {
    expect(acceptedDesk(decide(aFloorDay({ desks, rules: { weeklyQuota: 2 } }), 'd1', { weekUsed: 1 }))).toBe(
      'd1',
    );
  });

  it('has no limit when the quota is null', () => {
    expect(
      acceptedDesk(decide(aFloorDay({ desks, rules: { weeklyQuota: null } }), 'd1', { weekUsed: 50 })),
    ).toBe('d1');
  });

  it('names the ISO week of the day: Friday 1 January 2027 is in 2026-W53', () => {
    const fd = aFloorDay({ desks, date: '2027-01-01', rules: { weeklyQuota: 1 } });
    const r = refusalOf(decide(fd, 'd1', { now: new Date('2026-12-28T08:00:00Z'), weekUsed: 1 }));
    expect(r.details).toMatchObject({ code: 'QUOTA_EXCEEDED', isoWeek: '2026-W53', date: '2027-01-01' });
  });

  it('every alternative offered to a person at the weekly quota can be booked by that person', () => {
    // Alice has used her quota of 1 this week and asks for a desk bob holds.
    const fd = aFloorDay({ desks: row([1, 4, 7]), rules: { weeklyQuota: 1 }, booked: [['d1', 'bob']] });
    const attempt = { weekUsed: 1 };
    const r = refusalOf(decide(fd, 'd1', attempt));
    for (const alt of r.alternatives) {
      const onAlt = decide(fd, alt.deskId, attempt);
      expect({ desk: alt.deskId, accepted: onAlt.ok, code: onAlt.ok ? null : onAlt.refusal.code }).toEqual({
        desk: alt.deskId,
        accepted: true,
        code: null,
      });
    }
  });
});

describe('the checks run in a fixed order', () => {
  it('an unknown desk beats a past day', () => {
    expect(refusalOf(decide(aFloorDay({ desks: row([1]), date: '2026-12-01' }), 'ghost')).code).toBe(
      'UNKNOWN_DESK',
    );
  });

  it('a past day beats a taken desk', () => {
    const fd = aFloorDay({ desks: row([1]), date: '2026-12-02', booked: [['d1', 'bob']] });
    expect(refusalOf(decide(fd, 'd1')).code).toBe('OUTSIDE_WINDOW');
  });

  it("a day beyond the horizon beats the person's existing booking", () => {
    const fd = aFloorDay({ desks: row([1, 4]), date: '2026-12-31', booked: [['d1', 'alice']] });
    expect(
      refusalOf(decide(fd, 'd2', { personDay: { bookingId: '2026-12-31.bk-d1', deskId: 'd1' } })).code,
    ).toBe('OUTSIDE_WINDOW');
  });

  it("the person's existing booking beats a taken desk", () => {
    const fd = aFloorDay({
      desks: row([1, 4]),
      booked: [
        ['d1', 'alice'],
        ['d2', 'bob'],
      ],
    });
    expect(
      refusalOf(decide(fd, 'd2', { personDay: { bookingId: `${TODAY}.bk-d1`, deskId: 'd1' } })).code,
    ).toBe('ALREADY_BOOKED');
  });

  it('a taken desk beats a full zone and a too-close neighbour', () => {
    const desks = row([1, 2]);
    const fd = aFloorDay({
      desks,
      rules: { zoneCapacity: { kind: 'count', value: 2 } },
      booked: [
        ['d1', 'bob'],
        ['d2', 'carol'],
      ],
    });
    expect(refusalOf(decide(fd, 'd2')).code).toBe('DESK_TAKEN');
  });

  it('an unavailable desk beats a full zone', () => {
    const desks = [aDesk({ id: 'd1', x: 1, y: 1 }), aDesk({ id: 'd2', x: 1.5, y: 1, mode: 'off' })];
    const fd = aFloorDay({
      desks,
      rules: { zoneCapacity: { kind: 'count', value: 1 } },
      booked: [['d1', 'bob']],
    });
    expect(refusalOf(decide(fd, 'd2')).details).toMatchObject({ code: 'DESK_UNAVAILABLE', why: 'mode-off' });
  });

  it('a full zone beats a too-close neighbour', () => {
    const fd = aFloorDay({
      desks: row([1, 2]),
      rules: { zoneCapacity: { kind: 'count', value: 1 } },
      booked: [['d1', 'bob']],
    });
    expect(refusalOf(decide(fd, 'd2')).code).toBe('ZONE_FULL');
  });

  it('the weekly quota beats a too-close neighbour, so no unbookable alternative is offered', () => {
    const fd = aFloorDay({ desks: row([1, 2]), rules: { weeklyQuota: 1 }, booked: [['d1', 'bob']] });
    expect(refusalOf(decide(fd, 'd2', { weekUsed: 1 })).code).toBe('QUOTA_EXCEEDED');
  });
});
