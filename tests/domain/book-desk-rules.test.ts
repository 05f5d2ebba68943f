import { bookableDays, checkBookingWindow } from '../../src/domain/booking-window';
import { decideBooking, type BookingDecision, type PersonDay } from '../../src/domain/book-desk-rules';
import { FloorDay, type OccupiedDesk } from '../../src/domain/floor-day';
import type { Actor, CivilDate, Desk, Zone } from '../../src/domain/model';
import { effectivePolicy, type PolicyRules } from '../../src/domain/policy';
import type { Refusal } from '../../src/domain/refusal';
import { aDesk, aFloor, anActor, aPolicy, aSite, aZone, BRUSSELS } from '../support/builders';

/** Thursday 3 December 2026, 09:00 in Brussels. */
const NOW = new Date('2026-12-03T08:00:00Z');
const TODAY = '2026-12-03';

/** Rules for these tests: every weekday bookable, and zones large enough not to matter unless a test says so. */
const NO_CAP = { kind: 'count', value: 100 } as const;

interface FloorDayOptions {
  desks: readonly Desk[];
  zones?: readonly Zone[];
  rules?: Partial<PolicyRules>;
  date?: CivilDate;
  /** [deskId, userId] pairs booked that day. */
  booked?: readonly (readonly [string, string])[];
}

function aFloorDay(o: FloorDayOptions): FloorDay {
  const date = o.date ?? TODAY;
  const layout = { site: aSite(), floor: aFloor(), zones: o.zones ?? [aZone()], desks: o.desks };
  const policy = effectivePolicy([aPolicy({ zoneCapacity: NO_CAP, ...o.rules })], date);
  const occupied: OccupiedDesk[] = (o.booked ?? []).map(([deskId, userId]) => {
    const desk = o.desks.find((d) => d.id === deskId);
    if (!desk) throw new Error(`test setup: no desk ${deskId}`);
    return { deskId, userId, bookingId: `${date}.bk-${deskId}`, checkedIn: false, zoneId: desk.zoneId };
  });
  return new FloorDay(layout, policy, date, occupied);
}

interface Attempt {
  actor?: Pick<Actor, 'userId' | 'groups'>;
  now?: Date;
  personDay?: PersonDay | null;
  weekUsed?: number;
}

function decide(floorDay: FloorDay, deskId: string, a: Attempt = {}): BookingDecision {
  return decideBooking({
    floorDay,
    deskId,
    actor: a.actor ?? anActor('alice'),
    now: a.now ?? NOW,
    personDay: a.personDay ?? null,
    weekUsed: a.weekUsed ?? 0,
    window: { rules: floorDay.policy.rules },
  });
}

function refusalOf(d: BookingDecision): Refusal {
  if (d.ok) throw new Error(`expected a refusal, but ${d.desk.id} was accepted`);
  return d.refusal;
}

function acceptedDesk(d: BookingDecision): string {
  if (!d.ok)
    throw new Error(`expected the booking to be accepted, but it was refused with ${d.refusal.code}`);
  return d.desk.id;
}

/** Desks in a row along y = 1, at the given x positions, ids d1, d2, … */
function row(xs: readonly number[], over: Partial<Desk> = {}): Desk[] {
  return xs.map((x, i) => aDesk({ id: `d${i + 1}`, x, y: 1, ...over }));
}

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

describe('DESK_TAKEN: someone else holds that desk that day', () => {
  it('refuses a desk booked by bob, naming the desk and the day', () => {
    const fd = aFloorDay({
      desks: row([1, 4, 7]).map((d) => ({ ...d, label: `3.${d.id}` })),
      booked: [['d1', 'bob']],
    });
    const r = refusalOf(decide(fd, 'd1'));
    expect(r.code).toBe('DESK_TAKEN');
    expect(r.details).toEqual({ code: 'DESK_TAKEN', deskId: 'd1', deskLabel: '3.d1', date: TODAY });
  });

  it('offers the free desks of the floor, nearest first', () => {
    const fd = aFloorDay({ desks: row([1, 4, 7]), booked: [['d1', 'bob']] });
    const r = refusalOf(decide(fd, 'd1'));
    expect(r.alternatives).toEqual([
      { kind: 'desk', deskId: 'd2', deskLabel: 'd2', floorId: 'f1', date: TODAY, distanceM: 3 },
      { kind: 'desk', deskId: 'd3', deskLabel: 'd3', floorId: 'f1', date: TODAY, distanceM: 6 },
    ]);
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

describe('ZONE_FULL: a zone holds no more than its capacity', () => {
  const zones = [aZone({ id: 'z1', name: 'Zone A' }), aZone({ id: 'z2', name: 'Zone B' })];

  it('refuses the third desk of a zone capped at 2 people, with the cap and the count', () => {
    const desks = row([1, 4, 7, 10]);
    const fd = aFloorDay({
      desks,
      zones,
      rules: { zoneCapacity: { kind: 'count', value: 2 } },
      booked: [
        ['d1', 'bob'],
        ['d2', 'carol'],
      ],
    });
    const r = refusalOf(decide(fd, 'd3'));
    expect(r.details).toEqual({
      code: 'ZONE_FULL',
      zoneId: 'z1',
      zoneName: 'Zone A',
      capacity: 2,
      booked: 2,
      date: TODAY,
    });
  });

  it('accepts the second desk of a zone capped at 2 people', () => {
    const fd = aFloorDay({
      desks: row([1, 4, 7]),
      zones,
      rules: { zoneCapacity: { kind: 'count', value: 2 } },
      booked: [['d1', 'bob']],
    });
    expect(acceptedDesk(decide(fd, 'd2'))).toBe('d2');
  });

  it('does not count bookings in another zone', () => {
    const desks = [
      ...row([1, 4]),
      aDesk({ id: 'b1', zoneId: 'z2', x: 10, y: 1 }),
      aDesk({ id: 'b2', zoneId: 'z2', x: 13, y: 1 }),
    ];
    const fd = aFloorDay({
      desks,
      zones,
      rules: { zoneCapacity: { kind: 'count', value: 1 } },
      booked: [['b1', 'bob']],
    });
    expect(acceptedDesk(decide(fd, 'd1'))).toBe('d1');
    expect(refusalOf(decide(fd, 'b2')).details).toMatchObject({
      code: 'ZONE_FULL',
      zoneId: 'z2',
      zoneName: 'Zone B',
      capacity: 1,
      booked: 1,
    });
  });

  it('refuses every desk of a zone capped at 0', () => {
    const fd = aFloorDay({ desks: row([1, 4]), rules: { zoneCapacity: { kind: 'count', value: 0 } } });
    expect(refusalOf(decide(fd, 'd1')).details).toMatchObject({ code: 'ZONE_FULL', capacity: 0, booked: 0 });
  });

  describe("as a percentage of the zone's bookable desks, rounded down", () => {
    // Five bookable desks, plus one off and one assigned: 50 % of 5 is 2.5, so 2 people; 50 % of 7 would be 3.
    const desks = [
      ...row([1, 4, 7, 10, 13]),
      aDesk({ id: 'off', x: 16, y: 1, mode: 'off' }),
      aDesk({ id: 'assigned', x: 19, y: 1, mode: 'assigned' }),
    ];
    const halfOfTheZone = { zoneCapacity: { kind: 'percent', value: 50 } } as const;

    it('refuses a third person when 50 % of 5 bookable desks is 2; off and assigned desks do not count', () => {
      const fd = aFloorDay({
        desks,
        rules: halfOfTheZone,
        booked: [
          ['d1', 'bob'],
          ['d2', 'carol'],
        ],
      });
      const r = refusalOf(decide(fd, 'd3'));
      expect(r.details).toMatchObject({ code: 'ZONE_FULL', zoneId: 'z1', capacity: 2, booked: 2 });
    });

    it('accepts a second person in the same zone', () => {
      const fd = aFloorDay({ desks, rules: halfOfTheZone, booked: [['d1', 'bob']] });
      expect(acceptedDesk(decide(fd, 'd3'))).toBe('d3');
    });

    it('reports the capacity and the bookable desks in the zone summary', () => {
      const fd = aFloorDay({ desks, rules: halfOfTheZone, booked: [['d1', 'bob']] });
      expect(fd.zoneSummaries()).toEqual([{ zone: aZone(), capacity: 2, booked: 1, bookableDesks: 5 }]);
    });

    it('gives no place at all in a zone whose percentage rounds down to 0', () => {
      const fd = aFloorDay({ desks: row([1]), rules: { zoneCapacity: { kind: 'percent', value: 50 } } });
      expect(refusalOf(decide(fd, 'd1')).details).toMatchObject({
        code: 'ZONE_FULL',
        capacity: 0,
        booked: 0,
      });
    });
  });
});

describe('TOO_CLOSE: no two booked desks closer than D on a floor', () => {
  const D15 = { minDistanceM: 1.5 };

  it('refuses a desk 1.4 m from a booked one when D is 1.5 m', () => {
    const desks = [aDesk({ id: 'd1', label: '3.01', x: 1, y: 1 }), aDesk({ id: 'd2', x: 2.4, y: 1 })];
    const r = refusalOf(decide(aFloorDay({ desks, rules: D15, booked: [['d1', 'bob']] }), 'd2'));
    expect(r.details).toEqual({
      code: 'TOO_CLOSE',
      deskId: 'd2',
      nearestDeskId: 'd1',
      nearestDeskLabel: '3.01',
      distanceM: 1.4,
      minDistanceM: 1.5,
      date: TODAY,
    });
  });

  it('rounds the distance to 0.1 m: a diagonal of 1 m by 1 m is 1.4 m', () => {
    const desks = [aDesk({ id: 'd1', x: 0, y: 0 }), aDesk({ id: 'd2', x: 1, y: 1 })];
    const r = refusalOf(decide(aFloorDay({ desks, rules: D15, booked: [['d1', 'bob']] }), 'd2'));
    expect(r.details).toMatchObject({ code: 'TOO_CLOSE', distanceM: 1.4, minDistanceM: 1.5 });
  });

  it('rounds 1.118 m (1 m by 0.5 m) to 1.1 m', () => {
    const desks = [aDesk({ id: 'd1', x: 0, y: 0 }), aDesk({ id: 'd2', x: 1, y: 0.5 })];
    const r = refusalOf(
      decide(aFloorDay({ desks, rules: { minDistanceM: 2 }, booked: [['d1', 'bob']] }), 'd2'),
    );
    expect(r.details).toMatchObject({ code: 'TOO_CLOSE', distanceM: 1.1, minDistanceM: 2 });
  });

  it('names the nearest of two booked desks that are both too close', () => {
    const desks = [
      aDesk({ id: 'far', x: 0, y: 1 }),
      aDesk({ id: 'me', x: 1.2, y: 1 }),
      aDesk({ id: 'near', x: 2, y: 1 }),
    ];
    // far and near are 2 m apart, so both may be booked under D = 1.5 m.
    const fd = aFloorDay({
      desks,
      rules: D15,
      booked: [
        ['far', 'bob'],
        ['near', 'carol'],
      ],
    });
    expect(refusalOf(decide(fd, 'me')).details).toMatchObject({ nearestDeskId: 'near', distanceM: 0.8 });
  });

  it('accepts a desk exactly D = 1.5 m from a booked one', () => {
    const desks = [aDesk({ id: 'd1', x: 1, y: 1 }), aDesk({ id: 'd2', x: 2.5, y: 1 })];
    expect(acceptedDesk(decide(aFloorDay({ desks, rules: D15, booked: [['d1', 'bob']] }), 'd2'))).toBe('d2');
  });

  it('accepts a desk exactly D apart on a diagonal (0.9 m by 1.2 m is 1.5 m)', () => {
    const desks = [aDesk({ id: 'd1', x: 0.1, y: 0.3 }), aDesk({ id: 'd2', x: 1.0, y: 1.5 })];
    expect(acceptedDesk(decide(aFloorDay({ desks, rules: D15, booked: [['d1', 'bob']] }), 'd2'))).toBe('d2');
  });

  it('refuses a desk 1.49 m away when D is 1.5 m', () => {
    const desks = [aDesk({ id: 'd1', x: 1, y: 1 }), aDesk({ id: 'd2', x: 2.49, y: 1 })];
    expect(refusalOf(decide(aFloorDay({ desks, rules: D15, booked: [['d1', 'bob']] }), 'd2')).code).toBe(
      'TOO_CLOSE',
    );
  });

  it('applies across zone borders', () => {
    const zones = [aZone({ id: 'z1' }), aZone({ id: 'z2', name: 'Zone B' })];
    const desks = [
      aDesk({ id: 'd1', zoneId: 'z1', x: 1, y: 1 }),
      aDesk({ id: 'd2', zoneId: 'z2', x: 2, y: 1 }),
    ];
    expect(
      refusalOf(decide(aFloorDay({ desks, zones, rules: D15, booked: [['d1', 'bob']] }), 'd2')).code,
    ).toBe('TOO_CLOSE');
  });

  it('never sees a conflict with a desk of another floor, even at the same position', () => {
    const upstairs = aDesk({ id: 'up', floorId: 'f2', zoneId: 'z-up', x: 1, y: 1 });
    const desks = [aDesk({ id: 'd1', x: 1, y: 1 }), upstairs];
    const fd = aFloorDay({ desks, rules: D15, booked: [['up', 'bob']] });
    expect(acceptedDesk(decide(fd, 'd1'))).toBe('d1');
    expect(fd.zonesGuardedBy(fd.desk('d1')!)).toEqual(['z1']);
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

describe('DESK_UNAVAILABLE: the desk is not bookable, or its zone is for other groups', () => {
  it('refuses a desk switched off, with why mode-off', () => {
    const fd = aFloorDay({ desks: [aDesk({ id: 'd1', label: '1.01', mode: 'off' })] });
    expect(refusalOf(decide(fd, 'd1')).details).toEqual({
      code: 'DESK_UNAVAILABLE',
      deskId: 'd1',
      deskLabel: '1.01',
      why: 'mode-off',
    });
  });

  it('refuses an assigned desk, with why mode-assigned', () => {
    const fd = aFloorDay({ desks: [aDesk({ id: 'd1', mode: 'assigned' })] });
    expect(refusalOf(decide(fd, 'd1')).details).toMatchObject({
      code: 'DESK_UNAVAILABLE',
      why: 'mode-assigned',
    });
  });

  const restricted = [aZone({ id: 'z1', allowedGroups: ['finance', 'hr'] })];

  it('refuses a desk in a zone restricted to finance and hr to a person in neither', () => {
    const fd = aFloorDay({ desks: row([1]), zones: restricted });
    const r = refusalOf(decide(fd, 'd1', { actor: anActor('alice', { groups: ['ict'] }) }));
    expect(r.details).toMatchObject({ code: 'DESK_UNAVAILABLE', deskId: 'd1', why: 'restricted-zone' });
  });

  it('refuses a restricted zone to a person with no groups at all', () => {
    const fd = aFloorDay({ desks: row([1]), zones: restricted });
    expect(refusalOf(decide(fd, 'd1', { actor: anActor('alice') })).details).toMatchObject({
      why: 'restricted-zone',
    });
  });

  it('lets a person in one of the allowed groups book in the restricted zone', () => {
    const fd = aFloorDay({ desks: row([1]), zones: restricted });
    expect(acceptedDesk(decide(fd, 'd1', { actor: anActor('alice', { groups: ['ict', 'hr'] }) }))).toBe('d1');
  });

  it('treats an empty list of allowed groups as open to everyone', () => {
    const fd = aFloorDay({ desks: row([1]), zones: [aZone({ id: 'z1', allowedGroups: [] })] });
    expect(acceptedDesk(decide(fd, 'd1'))).toBe('d1');
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

describe('a refusal offers up to three free desks on the same floor, nearest first', () => {
  it('offers three of five free desks, nearest first, with their distance rounded to 0.1 m', () => {
    const desks = row([0, 3, 6.04, 9.06, 12, 15]);
    const fd = aFloorDay({ desks, booked: [['d1', 'bob']] });
    const r = refusalOf(decide(fd, 'd1'));
    expect(r.alternatives.map((a) => [a.deskId, a.distanceM])).toEqual([
      ['d2', 3],
      ['d3', 6],
      ['d4', 9.1],
    ]);
    expect(r.alternatives.every((a) => a.kind === 'desk' && a.floorId === 'f1' && a.date === TODAY)).toBe(
      true,
    );
  });

  it('never offers the desk asked for', () => {
    const desks = row([1, 4, 7, 10, 13]);
    const fd = aFloorDay({ desks, booked: [['d3', 'bob']] });
    const r = refusalOf(decide(fd, 'd3'));
    expect(r.alternatives.map((a) => a.deskId)).toEqual(['d2', 'd4', 'd1']);
  });

  it('skips desks that are too close, in a full zone, switched off, assigned or restricted', () => {
    const zones = [
      aZone({ id: 'z1', name: 'Zone A' }),
      aZone({ id: 'zfull', name: 'Full zone' }),
      aZone({ id: 'zrestricted', name: 'Finance', allowedGroups: ['finance'] }),
    ];
    const desks = [
      aDesk({ id: 'asked', x: 0, y: 0 }),
      aDesk({ id: 'close', x: 1, y: 0 }), // 1 m from the booked desk
      aDesk({ id: 'off', x: 0, y: 1, mode: 'off' }),
      aDesk({ id: 'assigned', x: 0, y: 2, mode: 'assigned' }),
      aDesk({ id: 'full-a', zoneId: 'zfull', x: 0, y: -2 }),
      aDesk({ id: 'full-b', zoneId: 'zfull', x: 0, y: -5 }),
      aDesk({ id: 'restricted', zoneId: 'zrestricted', x: 2, y: 0 }),
      aDesk({ id: 'free-1', x: 3, y: 0 }),
      aDesk({ id: 'free-2', x: 0, y: 4 }),
      aDesk({ id: 'free-3', x: 5, y: 0 }),
      aDesk({ id: 'free-4', x: 7, y: 0 }),
    ];
    // Five people per zone, but "Full zone" is capped at 1 by an override for it alone, and carol holds that place.
    const policy = {
      ...aPolicy({ minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 5 } }),
      zoneCapacity: { zfull: { kind: 'count', value: 1 } },
    } as const;
    const tight = new FloorDay(
      { site: aSite(), floor: aFloor(), zones, desks },
      effectivePolicy([policy], TODAY),
      TODAY,
      [
        { deskId: 'asked', userId: 'bob', bookingId: `${TODAY}.bk-asked`, checkedIn: false, zoneId: 'z1' },
        {
          deskId: 'full-b',
          userId: 'carol',
          bookingId: `${TODAY}.bk-full-b`,
          checkedIn: false,
          zoneId: 'zfull',
        },
      ],
    );
    const r = refusalOf(decide(tight, 'asked'));
    expect(r.code).toBe('DESK_TAKEN');
    expect(r.alternatives.map((a) => a.deskId)).toEqual(['free-1', 'free-2', 'free-3']);
  });

  it('breaks a tie in distance by desk id', () => {
    const desks = [
      aDesk({ id: 'm', x: 5, y: 5 }),
      aDesk({ id: 'n-south', x: 5, y: 8 }),
      aDesk({ id: 'n-east', x: 8, y: 5 }),
      aDesk({ id: 'n-west', x: 2, y: 5 }),
    ];
    const fd = aFloorDay({ desks, booked: [['m', 'bob']] });
    expect(refusalOf(decide(fd, 'm')).alternatives.map((a) => a.deskId)).toEqual([
      'n-east',
      'n-south',
      'n-west',
    ]);
  });

  it('offers fewer than three when fewer are free, and none when the floor is full', () => {
    const fd = aFloorDay({ desks: row([1, 4]), booked: [['d1', 'bob']] });
    expect(refusalOf(decide(fd, 'd1')).alternatives.map((a) => a.deskId)).toEqual(['d2']);
    const full = aFloorDay({
      desks: row([1, 4]),
      booked: [
        ['d1', 'bob'],
        ['d2', 'carol'],
      ],
    });
    expect(refusalOf(decide(full, 'd1')).alternatives).toEqual([]);
  });

  it('offers desks that are free for this person: a restricted zone is offered to its members only', () => {
    const zones = [aZone({ id: 'z1' }), aZone({ id: 'zf', allowedGroups: ['finance'] })];
    const desks = [
      aDesk({ id: 'd1', x: 0, y: 0 }),
      aDesk({ id: 'fin', zoneId: 'zf', x: 3, y: 0 }),
      aDesk({ id: 'd2', x: 9, y: 0 }),
    ];
    const fd = aFloorDay({ desks, zones, booked: [['d1', 'bob']] });
    expect(
      refusalOf(decide(fd, 'd1', { actor: anActor('alice') })).alternatives.map((a) => a.deskId),
    ).toEqual(['d2']);
    expect(
      refusalOf(decide(fd, 'd1', { actor: anActor('fiona', { groups: ['finance'] }) })).alternatives.map(
        (a) => a.deskId,
      ),
    ).toEqual(['fin', 'd2']);
  });

  it('each alternative of a TOO_CLOSE refusal is accepted when asked for', () => {
    const desks = row([0, 1, 2, 3, 4, 5, 6]);
    const fd = aFloorDay({ desks, rules: { minDistanceM: 2 }, booked: [['d1', 'bob']] });
    const r = refusalOf(decide(fd, 'd2'));
    expect(r.code).toBe('TOO_CLOSE');
    expect(r.alternatives.map((a) => a.deskId)).toEqual(['d3', 'd4', 'd5']);
    for (const a of r.alternatives) expect(decide(fd, a.deskId).ok).toBe(true);
  });
});
