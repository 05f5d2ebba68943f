import fc from 'fast-check';
import type { Booking, Desk, DeskMode, FloorLayout, Zone } from '../../src/domain/model';
import {
  effectivePolicy,
  type EffectivePolicy,
  type PolicyRules,
  type ZoneCapacityRule,
} from '../../src/domain/policy';
import { policyCancellation, recheckDay, recheckOrder } from '../../src/domain/policy-recheck';
import { aDesk, aFloor, aPolicy, aSite, aZone } from '../support/builders';
import { floorWorld, type FloorWorld } from '../support/floor-arbitrary';

/** Thursday 10 December 2026: a day ahead whose rules have just tightened. */
const DAY = '2026-12-10';

const ZONE_B: Zone = aZone({
  id: 'z2',
  name: 'Zone B',
  outline: [
    [20, 0],
    [40, 0],
    [40, 20],
    [20, 20],
  ],
});

function layoutOf(desks: readonly Desk[], zones: readonly Zone[] = [aZone(), ZONE_B]): FloorLayout {
  return { site: aSite(), floor: aFloor(), zones, desks };
}

function policyOf(over: Partial<PolicyRules>): EffectivePolicy {
  return effectivePolicy([aPolicy({ zoneCapacity: { kind: 'count', value: 100 }, ...over })], DAY);
}

let serial = 0;
/** A booking of `deskId` made `minute` minutes after 08:00 UTC on 1 December. */
function aBooking(deskId: string, minute: number, over: Partial<Booking> = {}): Booking {
  serial++;
  return {
    id: `${DAY}.bk${String(serial).padStart(6, '0')}`,
    siteId: 'site-1',
    floorId: 'f1',
    zoneId: 'z1',
    deskId,
    date: DAY,
    userId: `user-of-${deskId}`,
    status: 'booked',
    createdAt: new Date(Date.UTC(2026, 11, 1, 8, minute)).toISOString(),
    ...over,
  };
}

/** Four desks 5 m apart in zone A, and two in zone B. */
const ROW: Desk[] = [
  aDesk({ id: 'a1', x: 1, y: 1 }),
  aDesk({ id: 'a2', x: 6, y: 1 }),
  aDesk({ id: 'a3', x: 11, y: 1 }),
  aDesk({ id: 'a4', x: 16, y: 1 }),
  aDesk({ id: 'b1', zoneId: 'z2', x: 25, y: 1 }),
  aDesk({ id: 'b2', zoneId: 'z2', x: 30, y: 1 }),
];

const ids = (bs: readonly { id: string }[]) => bs.map((b) => b.id);

describe('re-checking a day after its rules tightened: earliest booked keeps the desk', () => {
  it('keeps the two earliest of four bookings when zone capacity drops from 4 to 2, and cancels the later ones with ZONE_FULL', () => {
    const [first, second, third, fourth] = [
      aBooking('a3', 0),
      aBooking('a1', 5),
      aBooking('a4', 9),
      aBooking('a2', 30),
    ];
    const { keep, cancel } = recheckDay({
      layouts: [layoutOf(ROW)],
      policy: policyOf({ zoneCapacity: { kind: 'count', value: 2 } }),
      bookings: [fourth!, third!, first!, second!],
    });
    expect(ids(keep)).toEqual(ids([first!, second!]));
    expect(ids(cancel.map((c) => c.booking))).toEqual(ids([third!, fourth!]));
    for (const c of cancel) {
      expect(c.refusal.code).toBe('ZONE_FULL');
      expect(c.refusal.details).toEqual({
        code: 'ZONE_FULL',
        zoneId: 'z1',
        zoneName: 'Zone A',
        capacity: 2,
        booked: 2,
        date: DAY,
      });
    }
  });

  it('counts a percentage capacity on the bookable desks of the zone', () => {
    // 4 bookable desks at 50 %: 2 people.
    const bookings = [aBooking('a1', 0), aBooking('a2', 1), aBooking('a3', 2)];
    const { keep, cancel } = recheckDay({
      layouts: [layoutOf(ROW)],
      policy: policyOf({ zoneCapacity: { kind: 'percent', value: 50 } }),
      bookings,
    });
    expect(keep).toHaveLength(2);
    expect(cancel.map((c) => c.refusal.details)).toEqual([
      expect.objectContaining({ code: 'ZONE_FULL', capacity: 2, booked: 2 }),
    ]);
  });

  it('cancels the later of two bookings 1.8 m apart when D rises from 1.5 to 2 m, with TOO_CLOSE and the distance', () => {
    const desks = [
      aDesk({ id: 'n1', label: '1.01', x: 2, y: 2 }),
      aDesk({ id: 'n2', label: '1.02', x: 3.8, y: 2 }),
    ];
    const earlier = aBooking('n2', 0);
    const later = aBooking('n1', 1);
    const before = recheckDay({
      layouts: [layoutOf(desks)],
      policy: policyOf({ minDistanceM: 1.5 }),
      bookings: [later, earlier],
    });
    expect(before.cancel).toEqual([]);

    const { keep, cancel } = recheckDay({
      layouts: [layoutOf(desks)],
      policy: policyOf({ minDistanceM: 2 }),
      bookings: [later, earlier],
    });
    expect(ids(keep)).toEqual([earlier.id]);
    expect(cancel).toHaveLength(1);
    expect(cancel[0]!.booking.id).toBe(later.id);
    expect(cancel[0]!.refusal.details).toEqual({
      code: 'TOO_CLOSE',
      deskId: 'n1',
      nearestDeskId: 'n2',
      nearestDeskLabel: '1.02',
      distanceM: 1.8,
      minDistanceM: 2,
      date: DAY,
    });
  });

  it('keeps two bookings exactly D apart', () => {
    const desks = [aDesk({ id: 'n1', x: 2, y: 2 }), aDesk({ id: 'n2', x: 4, y: 2 })];
    const { cancel } = recheckDay({
      layouts: [layoutOf(desks)],
      policy: policyOf({ minDistanceM: 2 }),
      bookings: [aBooking('n1', 0), aBooking('n2', 1)],
    });
    expect(cancel).toEqual([]);
  });

  it.each<[DeskMode, string]>([
    ['off', 'mode-off'],
    ['assigned', 'mode-assigned'],
  ])('cancels the booking of a desk switched to %s with DESK_UNAVAILABLE', (mode, why) => {
    const desks = ROW.map((d) => (d.id === 'a2' ? { ...d, mode } : d));
    const booking = aBooking('a2', 0);
    const other = aBooking('a1', 1);
    const { keep, cancel } = recheckDay({
      layouts: [layoutOf(desks)],
      policy: policyOf({}),
      bookings: [booking, other],
    });
    expect(ids(keep)).toEqual([other.id]);
    expect(cancel.map((c) => c.refusal.details)).toEqual([
      { code: 'DESK_UNAVAILABLE', deskId: 'a2', deskLabel: 'a2', why },
    ]);
  });

  it('cancels the booking of a desk removed from the catalog with UNKNOWN_DESK', () => {
    const { cancel } = recheckDay({
      layouts: [layoutOf(ROW)],
      policy: policyOf({}),
      bookings: [aBooking('gone', 0)],
    });
    expect(cancel.map((c) => c.refusal.details)).toEqual([{ code: 'UNKNOWN_DESK', deskId: 'gone' }]);
  });

  it('keeps one desk per person: a second booking of the same person that day is cancelled with ALREADY_BOOKED', () => {
    const first = aBooking('a1', 0, { userId: 'alice' });
    const second = aBooking('b1', 1, { userId: 'alice', zoneId: 'z2' });
    const { keep, cancel } = recheckDay({
      layouts: [layoutOf(ROW)],
      policy: policyOf({}),
      bookings: [second, first],
    });
    expect(ids(keep)).toEqual([first.id]);
    expect(cancel.map((c) => c.refusal.details)).toEqual([
      { code: 'ALREADY_BOOKED', date: DAY, existingBookingId: first.id, existingDeskId: 'a1' },
    ]);
  });

  it('cancels a booking in a zone now restricted to a group the person is not in, when their groups are known', () => {
    const restricted = [aZone({ allowedGroups: ['focus'] }), ZONE_B];
    const inGroup = aBooking('a1', 0, { userId: 'ann' });
    const outside = aBooking('a3', 1, { userId: 'bob' });
    const unknown = aBooking('a4', 2, { userId: 'cyd' });
    const groups: Record<string, string[]> = { ann: ['focus'], bob: ['sales'] };
    const { keep, cancel } = recheckDay({
      layouts: [layoutOf(ROW, restricted)],
      policy: policyOf({}),
      bookings: [inGroup, outside, unknown],
      groupsOf: (userId) => groups[userId],
    });
    // Nobody loses a desk on a guess: a person whose groups are unknown keeps it.
    expect(ids(keep)).toEqual([inGroup.id, unknown.id]);
    expect(cancel.map((c) => c.refusal.details)).toEqual([
      { code: 'DESK_UNAVAILABLE', deskId: 'a3', deskLabel: 'a3', why: 'restricted-zone' },
    ]);
  });

  it('offers free desks that still fit beside the kept bookings, nearest first', () => {
    const bookings = [aBooking('a1', 0), aBooking('a2', 1)];
    const { cancel } = recheckDay({
      layouts: [layoutOf(ROW)],
      policy: policyOf({ zoneCapacity: { kind: 'count', value: 1 } }),
      bookings,
    });
    expect(cancel).toHaveLength(1);
    // Zone A is full with a1: the desks of zone B are still free.
    expect(cancel[0]!.refusal.alternatives).toEqual([
      { kind: 'desk', deskId: 'b1', deskLabel: 'b1', floorId: 'f1', date: DAY, distanceM: 19 },
      { kind: 'desk', deskId: 'b2', deskLabel: 'b2', floorId: 'f1', date: DAY, distanceM: 24 },
    ]);
  });

  it('cancels nothing when the rules did not tighten', () => {
    const bookings = ROW.map((d, i) => aBooking(d.id, i, { zoneId: d.zoneId }));
    const { keep, cancel } = recheckDay({ layouts: [layoutOf(ROW)], policy: policyOf({}), bookings });
    expect(cancel).toEqual([]);
    expect(keep).toHaveLength(ROW.length);
  });

  it('ignores bookings that have already ended', () => {
    const ended = aBooking('a1', 0, { status: 'released' });
    const live = aBooking('a2', 1);
    const { keep, cancel } = recheckDay({
      layouts: [layoutOf(ROW)],
      policy: policyOf({ zoneCapacity: { kind: 'count', value: 1 } }),
      bookings: [ended, live],
    });
    expect(ids(keep)).toEqual([live.id]);
    expect(cancel).toEqual([]);
  });

  it('refuses bookings of several days at once, which would be a bug in the caller', () => {
    expect(() =>
      recheckDay({
        layouts: [layoutOf(ROW)],
        policy: policyOf({}),
        bookings: [aBooking('a1', 0), aBooking('a2', 1, { date: '2026-12-11' })],
      }),
    ).toThrow(/one day/);
  });
});

describe('checked-in bookings are always kept: the person is already at the desk', () => {
  it('keeps a checked-in booking that breaks the new capacity, and cancels an earlier booking that is not checked in', () => {
    const earlier = aBooking('a1', 0);
    const checkedIn = aBooking('a2', 10, { status: 'checked-in', checkedInAt: '2026-12-10T07:30:00.000Z' });
    const { keep, cancel } = recheckDay({
      layouts: [layoutOf(ROW)],
      policy: policyOf({ zoneCapacity: { kind: 'count', value: 1 } }),
      bookings: [earlier, checkedIn],
    });
    expect(ids(keep)).toEqual([checkedIn.id]);
    expect(ids(cancel.map((c) => c.booking))).toEqual([earlier.id]);
    expect(cancel[0]!.refusal.code).toBe('ZONE_FULL');
  });

  it('keeps every checked-in booking even when they break the rules between them', () => {
    const desks = [aDesk({ id: 'n1', x: 2, y: 2 }), aDesk({ id: 'n2', x: 3, y: 2, mode: 'off' })];
    const bookings = [
      aBooking('n1', 0, { status: 'checked-in' }),
      aBooking('n2', 1, { status: 'checked-in' }),
    ];
    const { keep, cancel } = recheckDay({
      layouts: [layoutOf(desks)],
      policy: policyOf({ minDistanceM: 2, zoneCapacity: { kind: 'count', value: 0 } }),
      bookings,
    });
    expect(ids(keep)).toEqual(ids(bookings));
    expect(cancel).toEqual([]);
  });
});

describe('the replay order is fixed: checked-in first, then earliest createdAt, then booking id', () => {
  it('orders by createdAt, then by id when two bookings were made in the same instant', () => {
    const at = '2026-12-01T08:00:00.000Z';
    const b = aBooking('a1', 0, { id: `${DAY}.bbbbbbbb`, createdAt: at });
    const a = aBooking('a2', 0, { id: `${DAY}.aaaaaaaa`, createdAt: at });
    const earliest = aBooking('a3', 0, { id: `${DAY}.zzzzzzzz`, createdAt: '2026-11-30T23:59:59.999Z' });
    const checkedIn = aBooking('a4', 0, {
      id: `${DAY}.yyyyyyyy`,
      createdAt: '2026-12-05T10:00:00.000Z',
      status: 'checked-in',
    });
    expect(ids(recheckOrder([b, a, earliest, checkedIn]))).toEqual(ids([checkedIn, earliest, a, b]));
  });

  it('compares instants, not their spelling', () => {
    const utc = aBooking('a1', 0, { id: `${DAY}.aaaaaaaa`, createdAt: '2026-12-01T08:30:00.000Z' });
    const offset = aBooking('a2', 0, { id: `${DAY}.bbbbbbbb`, createdAt: '2026-12-01T09:00:00.000+01:00' });
    expect(ids(recheckOrder([utc, offset]))).toEqual(ids([offset, utc]));
  });

  it('gives the same answer whatever order the bookings are read in', () => {
    const bookings = [aBooking('a1', 3), aBooking('a2', 1), aBooking('a3', 1), aBooking('a4', 0)];
    const input = {
      layouts: [layoutOf(ROW)],
      policy: policyOf({ zoneCapacity: { kind: 'count', value: 2 } }),
    } as const;
    const forward = recheckDay({ ...input, bookings });
    const backward = recheckDay({ ...input, bookings: [...bookings].reverse() });
    expect(backward).toEqual(forward);
  });
});

describe('re-checking is idempotent', () => {
  it('cancels nothing when the kept set is re-checked', () => {
    const desks = [
      aDesk({ id: 'n1', x: 2, y: 2 }),
      aDesk({ id: 'n2', x: 3.8, y: 2 }),
      aDesk({ id: 'n3', x: 5.6, y: 2 }),
      aDesk({ id: 'n4', x: 7.4, y: 2 }),
    ];
    const bookings = desks.map((d, i) => aBooking(d.id, i));
    const input = {
      layouts: [layoutOf(desks)],
      policy: policyOf({ minDistanceM: 2, zoneCapacity: { kind: 'count', value: 3 } }),
    } as const;
    const first = recheckDay({ ...input, bookings });
    expect(ids(first.keep)).toEqual(ids([bookings[0]!, bookings[2]!]));
    const second = recheckDay({ ...input, bookings: first.keep });
    expect(second.cancel).toEqual([]);
    expect(ids(second.keep)).toEqual(ids(first.keep));
  });
});

describe('a cancellation by the re-check', () => {
  it('is recorded as cancelled by an admin rule, released by "policy", at the given instant', () => {
    const now = new Date('2026-12-03T09:15:00Z');
    expect(policyCancellation(aBooking('a1', 0), now)).toMatchObject({
      status: 'cancelled-by-admin',
      releaseReason: 'admin',
      releasedBy: 'policy',
      releasedAt: '2026-12-03T09:15:00.000Z',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Property: whatever the floor and the bookings, the kept set satisfies every rule and no cancelled booking fits.

/** A random floor (tests/support/floor-arbitrary.ts, D from 0) and bookings made on it under looser rules. */
interface World extends FloorWorld {
  readonly bookings: readonly { desk: number; user: number; minute: number; checkedIn: boolean }[];
}

/** u0–u2 are in group "g"; the others in none. */
const groupsOf = (userId: string): string[] => (['u0', 'u1', 'u2'].includes(userId) ? ['g'] : []);

const world: fc.Arbitrary<World> = fc
  .tuple(
    floorWorld({ minD10: 0, maxDesks: 20 }),
    // Bookings made under looser rules: any desk (index 20 is a desk since removed), any person, often the same minute.
    fc.array(
      fc.record({
        desk: fc.nat(20),
        user: fc.nat(9),
        minute: fc.nat(5),
        checkedIn: fc.oneof(
          { arbitrary: fc.constant(false), weight: 6 },
          { arbitrary: fc.constant(true), weight: 1 },
        ),
      }),
      { maxLength: 30 },
    ),
  )
  .map(([floor, bookings]) => ({ ...floor, bookings }));

interface Built {
  readonly layout: FloorLayout;
  readonly policy: EffectivePolicy;
  readonly bookings: Booking[];
}

function build(w: World): Built {
  const zones: Zone[] = Array.from({ length: w.zoneCount }, (_, z) => ({
    ...aZone({ id: `z${z}`, name: `Zone ${z}` }),
    ...(w.restricted === z && { allowedGroups: ['g'] }),
  }));
  const desks: Desk[] = w.desks.map((d, i) =>
    aDesk({ id: `d${i}`, zoneId: `z${d.zone}`, x: d.ix / 2, y: d.iy / 2, mode: d.mode }),
  );
  const overrides: Record<string, ZoneCapacityRule> = {};
  w.overrides.forEach((o, z) => {
    if (o) overrides[`z${z}`] = o;
  });
  const policy = effectivePolicy(
    [{ ...aPolicy({ minDistanceM: w.d10 / 10, zoneCapacity: w.siteRule }), zoneCapacity: overrides }],
    DAY,
  );
  const bookings = w.bookings.map((b, i): Booking => {
    const desk = w.desks[b.desk];
    return {
      id: `${DAY}.b${String(i).padStart(7, '0')}`,
      siteId: 'site-1',
      floorId: 'f1',
      zoneId: desk ? `z${desk.zone}` : 'z0',
      deskId: desk ? `d${b.desk}` : 'removed-desk',
      date: DAY,
      userId: `u${b.user}`,
      status: b.checkedIn ? 'checked-in' : 'booked',
      createdAt: new Date(Date.UTC(2026, 11, 1, 8, b.minute)).toISOString(),
    };
  });
  return { layout: { site: aSite(), floor: aFloor(), zones, desks }, policy, bookings };
}

/** Everything that stops `b` from sitting beside `others`, by the rules of the world, in integer arithmetic. */
function broken(w: World, b: Booking, others: readonly Booking[]): Set<string> {
  const why = new Set<string>();
  const index = Number(b.deskId.slice(1));
  const desk = b.deskId.startsWith('d') ? w.desks[index] : undefined;
  if (!desk) return new Set(['UNKNOWN_DESK']);
  if (others.some((o) => o.userId === b.userId)) why.add('ALREADY_BOOKED');
  if (desk.mode !== 'bookable' || (w.restricted === desk.zone && !groupsOf(b.userId).includes('g')))
    why.add('DESK_UNAVAILABLE');
  if (others.some((o) => o.deskId === b.deskId)) why.add('DESK_TAKEN');
  const rule = w.overrides[desk.zone] ?? w.siteRule;
  const bookable = w.desks.filter((d) => d.zone === desk.zone && d.mode === 'bookable').length;
  const capacity = rule.kind === 'count' ? rule.value : Math.floor((bookable * rule.value) / 100);
  if (others.filter((o) => o.zoneId === b.zoneId).length + 1 > capacity) why.add('ZONE_FULL');
  for (const o of others) {
    const od = o.deskId.startsWith('d') ? w.desks[Number(o.deskId.slice(1))] : undefined;
    if (od && o.deskId !== b.deskId && 25 * ((od.ix - desk.ix) ** 2 + (od.iy - desk.iy) ** 2) < w.d10 * w.d10)
      why.add('TOO_CLOSE');
  }
  return why;
}

describe('re-checking random days under random tighter rules', () => {
  const RUNS = { numRuns: 300 };

  it('keeps a set that satisfies every rule, apart from checked-in bookings, and cancels only bookings that cannot join it', () => {
    fc.assert(
      fc.property(world, (w) => {
        const b = build(w);
        const { keep, cancel } = recheckDay({
          layouts: [b.layout],
          policy: b.policy,
          bookings: b.bookings,
          groupsOf,
        });
        expect(keep.length + cancel.length).toBe(b.bookings.length);
        // Every checked-in booking is kept.
        for (const x of b.bookings) if (x.status === 'checked-in') expect(ids(keep)).toContain(x.id);
        // A kept booking that is not checked in breaks no rule beside all the other kept bookings.
        for (const k of keep) {
          if (k.status === 'checked-in') continue;
          expect([
            ...broken(
              w,
              k,
              keep.filter((o) => o.id !== k.id),
            ),
          ]).toEqual([]);
        }
        // A cancelled booking breaks a rule beside the kept set, and its refusal names one of the rules it breaks.
        for (const c of cancel) {
          expect(c.booking.status).toBe('booked');
          const why = broken(w, c.booking, keep);
          expect(why.size).toBeGreaterThan(0);
          expect([...why]).toContain(c.refusal.code);
        }
      }),
      RUNS,
    );
  });

  it('cancels nothing when its own kept set is re-checked, and answers the same for any reading order', () => {
    fc.assert(
      fc.property(world, fc.nat(), (w, seed) => {
        const b = build(w);
        const first = recheckDay({ layouts: [b.layout], policy: b.policy, bookings: b.bookings, groupsOf });
        const again = recheckDay({ layouts: [b.layout], policy: b.policy, bookings: first.keep, groupsOf });
        expect(again.cancel).toEqual([]);
        expect(ids(again.keep)).toEqual(ids(first.keep));
        const shuffled = [...b.bookings].sort((x, y) => hash(x.id, seed) - hash(y.id, seed));
        expect(recheckDay({ layouts: [b.layout], policy: b.policy, bookings: shuffled, groupsOf })).toEqual(
          first,
        );
      }),
      RUNS,
    );
  });
});

/** A seeded shuffle key (FNV-1a); a plain number, so the comparator above stays consistent. */
function hash(s: string, seed: number): number {
  let h = (seed ^ 2166136261) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}
