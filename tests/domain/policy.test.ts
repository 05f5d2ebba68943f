import { decideBooking } from '../../src/domain/book-desk-rules';
import { FloorDay, type OccupiedDesk } from '../../src/domain/floor-day';
import type { CivilDate, Desk, Zone } from '../../src/domain/model';
import {
  capacityOfZone,
  DEFAULT_RULES,
  effectivePolicy,
  zoneCapacity,
  type PolicyVersion,
} from '../../src/domain/policy';
import { aDesk, aFloor, anActor, aPolicy, aSite, aZone } from '../support/builders';

/** Thursday 3 December 2026, 09:00 Brussels: the 11th, 13th, 14th and 17th are all inside the 14-day horizon. */
const NOW = new Date('2026-12-03T08:00:00Z');

/** From 2020: D 1.5 m, half of each zone. From 14 December 2026: D 2 m, 30 % of each zone, quota 2. */
const LOOSE = aPolicy({ minDistanceM: 1.5, zoneCapacity: { kind: 'percent', value: 50 } }, '2020-01-01');
const TIGHT = aPolicy(
  { minDistanceM: 2, zoneCapacity: { kind: 'percent', value: 30 }, weeklyQuota: 2 },
  '2026-12-14',
);

function floorDayOn(
  date: CivilDate,
  versions: readonly PolicyVersion[],
  desks: readonly Desk[],
  booked: readonly string[],
  zones: readonly Zone[] = [aZone()],
): FloorDay {
  const occupied: OccupiedDesk[] = booked.map((deskId, i) => ({
    deskId,
    userId: `user-${i}`,
    bookingId: `${date}.bk-${deskId}`,
    checkedIn: false,
    zoneId: desks.find((d) => d.id === deskId)!.zoneId,
  }));
  return new FloorDay(
    { site: aSite(), floor: aFloor(), zones, desks },
    effectivePolicy(versions, date),
    date,
    occupied,
  );
}

const book = (fd: FloorDay, deskId: string, weekUsed = 0) =>
  decideBooking({ floorDay: fd, deskId, actor: anActor('alice'), now: NOW, personDay: null, weekUsed, window: { rules: fd.policy.rules } });

describe('the policy in force on a day is the latest version that started on or before it', () => {
  it('uses the tighter version from its first day, 14 December, and later', () => {
    expect(effectivePolicy([LOOSE, TIGHT], '2026-12-14').rules.minDistanceM).toBe(2);
    expect(effectivePolicy([LOOSE, TIGHT], '2026-12-14').effectiveFrom).toBe('2026-12-14');
    expect(effectivePolicy([LOOSE, TIGHT], '2027-03-01').rules.minDistanceM).toBe(2);
  });

  it('never applies the tighter version before 14 December', () => {
    expect(effectivePolicy([LOOSE, TIGHT], '2026-12-13').rules.minDistanceM).toBe(1.5);
    expect(effectivePolicy([LOOSE, TIGHT], '2026-12-13').effectiveFrom).toBe('2020-01-01');
  });

  it('does not depend on the order the versions are listed in', () => {
    expect(effectivePolicy([TIGHT, LOOSE], '2026-12-13').rules).toBe(LOOSE.rules);
    expect(effectivePolicy([TIGHT, LOOSE], '2026-12-14').rules).toBe(TIGHT.rules);
  });

  it('picks the latest of three versions that have all started', () => {
    const middle = aPolicy({ minDistanceM: 1.8 }, '2026-06-01');
    expect(effectivePolicy([TIGHT, LOOSE, middle], '2026-12-01').rules.minDistanceM).toBe(1.8);
  });

  it('falls back to the default rules before the first version, and says so', () => {
    const p = effectivePolicy([TIGHT], '2026-12-13');
    expect(p.rules).toBe(DEFAULT_RULES);
    expect(p.effectiveFrom).toBeNull();
    expect(p.capacityRuleFor('z1')).toEqual(DEFAULT_RULES.zoneCapacity);
  });
});

describe('a tighter policy from 14 December changes bookings from that day only', () => {
  // Two desks 1.8 m apart: far enough under D = 1.5 m, too close under D = 2 m; eight more far away keep the zone roomy.
  const pair = [
    aDesk({ id: 'd1', x: 1, y: 1 }),
    aDesk({ id: 'd2', x: 2.8, y: 1 }),
    ...Array.from({ length: 8 }, (_, i) => aDesk({ id: `far-${i}`, x: 3 * i, y: 15 })),
  ];

  it('accepts a desk 1.8 m from a booked one on Friday 11 December (D = 1.5 m)', () => {
    expect(book(floorDayOn('2026-12-11', [LOOSE, TIGHT], pair, ['d1']), 'd2').ok).toBe(true);
  });

  it('accepts it on Sunday 13 December, the last day of the old rules', () => {
    expect(book(floorDayOn('2026-12-13', [LOOSE, TIGHT], pair, ['d1']), 'd2').ok).toBe(true);
  });

  it('refuses it on Monday 14 December as too close under D = 2 m', () => {
    const d = book(floorDayOn('2026-12-14', [LOOSE, TIGHT], pair, ['d1']), 'd2');
    expect(d.ok ? null : d.refusal.details).toMatchObject({
      code: 'TOO_CLOSE',
      distanceM: 1.8,
      minDistanceM: 2,
    });
  });

  it('refuses it on Thursday 17 December too', () => {
    expect(book(floorDayOn('2026-12-17', [LOOSE, TIGHT], pair, ['d1']), 'd2').ok).toBe(false);
  });

  // Ten bookable desks 3 m apart: 50 % is 5 people, 30 % is 3.
  const ten = Array.from({ length: 10 }, (_, i) => aDesk({ id: `d${i}`, x: 3 * i, y: 1 }));

  it('lets a fourth person into the zone on 11 December (50 % of 10 is 5)', () => {
    expect(book(floorDayOn('2026-12-11', [LOOSE, TIGHT], ten, ['d0', 'd1', 'd2']), 'd3').ok).toBe(true);
  });

  it('refuses a fourth person on 14 December (30 % of 10 is 3)', () => {
    const d = book(floorDayOn('2026-12-14', [LOOSE, TIGHT], ten, ['d0', 'd1', 'd2']), 'd3');
    expect(d.ok ? null : d.refusal.details).toMatchObject({
      code: 'ZONE_FULL',
      capacity: 3,
      booked: 3,
      date: '2026-12-14',
    });
  });

  it('applies the new weekly quota from 14 December only', () => {
    expect(book(floorDayOn('2026-12-11', [LOOSE, TIGHT], ten, []), 'd0', 5).ok).toBe(true);
    const d = book(floorDayOn('2026-12-14', [LOOSE, TIGHT], ten, []), 'd0', 2);
    expect(d.ok ? null : d.refusal.details).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      quota: 2,
      used: 2,
      isoWeek: '2026-W51',
    });
  });
});

describe("a zone may override the site's capacity rule", () => {
  const zones = [aZone({ id: 'open', name: 'Open space' }), aZone({ id: 'lab', name: 'Lab' })];
  const desks = [
    ...Array.from({ length: 4 }, (_, i) => aDesk({ id: `open-${i}`, zoneId: 'open', x: 3 * i, y: 1 })),
    ...Array.from({ length: 4 }, (_, i) => aDesk({ id: `lab-${i}`, zoneId: 'lab', x: 3 * i, y: 10 })),
  ];
  const withLabOverride: PolicyVersion = { ...LOOSE, zoneCapacity: { lab: { kind: 'count', value: 1 } } };

  it('caps the lab at its own count of 1', () => {
    const d = book(floorDayOn('2026-12-11', [withLabOverride], desks, ['lab-0'], zones), 'lab-2');
    expect(d.ok ? null : d.refusal.details).toMatchObject({
      code: 'ZONE_FULL',
      zoneId: 'lab',
      zoneName: 'Lab',
      capacity: 1,
      booked: 1,
    });
  });

  it('keeps the site rule for other zones (50 % of 4 is 2)', () => {
    const fd = floorDayOn('2026-12-11', [withLabOverride], desks, ['open-0'], zones);
    expect(book(fd, 'open-2').ok).toBe(true);
    expect(fd.zoneSummaries().map((s) => [s.zone.id, s.capacity, s.booked])).toEqual([
      ['open', 2, 1],
      ['lab', 1, 0],
    ]);
  });

  it('an override may be a percentage too', () => {
    const p = effectivePolicy(
      [{ ...LOOSE, zoneCapacity: { lab: { kind: 'percent', value: 75 } } }],
      '2026-12-11',
    );
    expect(capacityOfZone(p, { id: 'lab' }, 4)).toBe(3);
    expect(capacityOfZone(p, { id: 'open' }, 4)).toBe(2);
  });

  it('belongs to its version: a later version without the override uses its own site rule for the lab', () => {
    const later = aPolicy({ zoneCapacity: { kind: 'count', value: 3 } }, '2026-12-14');
    expect(effectivePolicy([withLabOverride, later], '2026-12-13').capacityRuleFor('lab')).toEqual({
      kind: 'count',
      value: 1,
    });
    expect(effectivePolicy([withLabOverride, later], '2026-12-14').capacityRuleFor('lab')).toEqual({
      kind: 'count',
      value: 3,
    });
  });
});

describe('zone capacity: a head count, or a percentage of bookable desks rounded down', () => {
  it.each([
    [{ kind: 'count', value: 12 }, 40, 12],
    [{ kind: 'count', value: 12 }, 3, 12],
    [{ kind: 'count', value: 0 }, 10, 0],
    [{ kind: 'count', value: 2.7 }, 10, 2],
    [{ kind: 'count', value: -1 }, 10, 0],
    [{ kind: 'percent', value: 50 }, 5, 2],
    [{ kind: 'percent', value: 50 }, 1, 0],
    [{ kind: 'percent', value: 30 }, 10, 3],
    [{ kind: 'percent', value: 30 }, 9, 2],
    [{ kind: 'percent', value: 70 }, 10, 7],
    [{ kind: 'percent', value: 100 }, 7, 7],
    [{ kind: 'percent', value: 0 }, 7, 0],
    [{ kind: 'percent', value: 50 }, 0, 0],
  ] as const)('%j of %i bookable desks is %i', (rule, bookable, expected) => {
    expect(zoneCapacity(rule, bookable)).toBe(expected);
  });

  it('does not lose a person to floating point: 7 % of 100 desks is 7, 57 % of 100 is 57, 29 % of 300 is 87', () => {
    expect(zoneCapacity({ kind: 'percent', value: 7 }, 100)).toBe(7);
    expect(zoneCapacity({ kind: 'percent', value: 57 }, 100)).toBe(57);
    expect(zoneCapacity({ kind: 'percent', value: 29 }, 300)).toBe(87);
    expect(zoneCapacity({ kind: 'percent', value: 33.3 }, 30)).toBe(9);
    expect(zoneCapacity({ kind: 'percent', value: 10.1 }, 1000)).toBe(101);
  });
});
