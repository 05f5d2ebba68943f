import fc from 'fast-check';
import { decideBooking, type BookingDecision, type PersonDay } from '../../src/domain/book-desk-rules';
import { FloorDay, type OccupiedDesk } from '../../src/domain/floor-day';
import type { Actor, Desk, FloorLayout, Zone } from '../../src/domain/model';
import { effectivePolicy, type EffectivePolicy, type ZoneCapacityRule } from '../../src/domain/policy';
import { aFloor, aPolicy, aSite } from '../support/builders';
import { floorWorld, type FloorWorld } from '../support/floor-arbitrary';

/** Thursday 3 December 2026, 09:00 Brussels: booking today is always inside the window. */
const NOW = new Date('2026-12-03T08:00:00Z');
const TODAY = '2026-12-03';
const RUNS = { numRuns: 300 };

/** A random floor (tests/support/floor-arbitrary.ts) and booking attempts on it, one after the other. */
interface World extends FloorWorld {
  readonly attempts: readonly { user: number; desk: number }[];
}

/** u0–u2 are in group "g"; the others are not. */
const USERS: readonly Pick<Actor, 'userId' | 'groups'>[] = [
  { userId: 'u0', groups: ['g'] },
  { userId: 'u1', groups: ['g', 'h'] },
  { userId: 'u2', groups: ['h', 'g'] },
  { userId: 'u3', groups: ['h'] },
  { userId: 'u4' },
  { userId: 'u5', groups: [] },
  { userId: 'u6' },
  { userId: 'u7', groups: ['h'] },
];

const world: fc.Arbitrary<World> = fc
  .tuple(
    floorWorld({ minD10: 10, maxDesks: 25, fullSize: true }),
    fc.array(fc.record({ user: fc.nat(USERS.length - 1), desk: fc.nat(100) }), { maxLength: 40, size: 'max' }),
  )
  .map(([floor, attempts]) => ({ ...floor, attempts }));

interface Built {
  readonly layout: FloorLayout;
  readonly policy: EffectivePolicy;
  readonly grid: ReadonlyMap<string, { ix: number; iy: number }>;
}

function build(w: World): Built {
  const zones: Zone[] = Array.from({ length: w.zoneCount }, (_, z) => ({
    id: `z${z}`,
    floorId: 'f1',
    name: `Zone ${z}`,
    outline: [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
    ],
    ...(w.restricted === z && { allowedGroups: ['g'] }),
  }));
  const desks: Desk[] = w.desks.map((d, i) => ({
    id: `d${i}`,
    floorId: 'f1',
    zoneId: `z${d.zone}`,
    label: `L${i}`,
    x: d.ix / 2,
    y: d.iy / 2,
    attributes: [],
    mode: d.mode,
  }));
  const overrides: Record<string, ZoneCapacityRule> = {};
  w.overrides.forEach((o, z) => {
    if (o) overrides[`z${z}`] = o;
  });
  const version = {
    ...aPolicy({ minDistanceM: w.d10 / 10, zoneCapacity: w.siteRule, weeklyQuota: null }),
    zoneCapacity: overrides,
  };
  return {
    layout: { site: aSite(), floor: aFloor(), zones, desks },
    policy: effectivePolicy([version], TODAY),
    grid: new Map(desks.map((d, i) => [d.id, { ix: w.desks[i]!.ix, iy: w.desks[i]!.iy }])),
  };
}

/** Squared distance in half-metre units, exact. */
function sq(b: Built, a: string, c: string): number {
  const p = b.grid.get(a)!;
  const q = b.grid.get(c)!;
  return (p.ix - q.ix) ** 2 + (p.iy - q.iy) ** 2;
}

function closerThanD(w: World, b: Built, a: string, c: string): boolean {
  return a !== c && 25 * sq(b, a, c) < w.d10 * w.d10;
}

/** Capacity of a zone, from the generated rules, in integer arithmetic. */
function expectedCapacity(w: World, b: Built, zone: number): number {
  const rule = w.overrides[zone] ?? w.siteRule;
  if (rule.kind === 'count') return rule.value;
  const bookable = b.layout.desks.filter((d) => d.zoneId === `z${zone}` && d.mode === 'bookable').length;
  return Math.floor((bookable * rule.value) / 100);
}

interface Step {
  readonly floorDay: FloorDay;
  readonly actor: Pick<Actor, 'userId' | 'groups'>;
  readonly deskId: string;
  readonly personDay: PersonDay | null;
  readonly decision: BookingDecision;
}

/** Applies the attempts one after another, adding each accepted booking to the occupied desks. */
function simulate(w: World, b: Built, onStep: (s: Step) => void = () => undefined): OccupiedDesk[] {
  const occupied: OccupiedDesk[] = [];
  const personDays = new Map<string, PersonDay>();
  for (const a of w.attempts) {
    const floorDay = new FloorDay(b.layout, b.policy, TODAY, occupied);
    const actor = USERS[a.user]!;
    // One attempt in about a hundred asks for a desk that does not exist.
    const deskId = a.desk === 100 ? 'no-such-desk' : b.layout.desks[a.desk % b.layout.desks.length]!.id;
    const personDay = personDays.get(actor.userId) ?? null;
    const decision = decideBooking({ floorDay, deskId, actor, now: NOW, personDay, weekUsed: 0, window: { rules: floorDay.policy.rules } });
    onStep({ floorDay, actor, deskId, personDay, decision });
    if (decision.ok) {
      const bookingId = `${TODAY}.bk-${occupied.length}-${deskId}`;
      occupied.push({
        deskId,
        userId: actor.userId,
        bookingId,
        checkedIn: false,
        zoneId: decision.desk.zoneId,
      });
      personDays.set(actor.userId, { bookingId, deskId });
    }
  }
  return occupied;
}

function decide(s: Pick<Step, 'floorDay' | 'actor' | 'personDay'>, deskId: string): BookingDecision {
  return decideBooking({
    floorDay: s.floorDay,
    deskId,
    actor: s.actor,
    now: NOW,
    personDay: s.personDay,
    weekUsed: 0,
    window: { rules: s.floorDay.policy.rules },
  });
}

describe('random floors and random booking sequences never break a rule', () => {
  it('never leaves two booked desks closer than D on the floor', () => {
    fc.assert(
      fc.property(world, (w) => {
        const b = build(w);
        const booked = simulate(w, b).map((o) => o.deskId);
        for (let i = 0; i < booked.length; i++) {
          for (let j = i + 1; j < booked.length; j++) {
            if (closerThanD(w, b, booked[i]!, booked[j]!)) {
              throw new Error(
                `${booked[i]} and ${booked[j]} are both booked, ${Math.sqrt(sq(b, booked[i]!, booked[j]!)) / 2} m apart, D = ${w.d10 / 10} m`,
              );
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('never fills a zone beyond its capacity', () => {
    fc.assert(
      fc.property(world, (w) => {
        const b = build(w);
        const occupied = simulate(w, b);
        for (let z = 0; z < w.zoneCount; z++) {
          const n = occupied.filter((o) => o.zoneId === `z${z}`).length;
          expect({ zone: z, booked: n, withinCapacity: n <= expectedCapacity(w, b, z) }).toEqual({
            zone: z,
            booked: n,
            withinCapacity: true,
          });
        }
      }),
      RUNS,
    );
  });

  it('never books a desk twice, nor gives a person two desks, nor books an unbookable or forbidden desk', () => {
    fc.assert(
      fc.property(world, (w) => {
        const b = build(w);
        const occupied = simulate(w, b);
        const deskIds = occupied.map((o) => o.deskId);
        const userIds = occupied.map((o) => o.userId);
        expect(new Set(deskIds).size).toBe(deskIds.length);
        expect(new Set(userIds).size).toBe(userIds.length);
        for (const o of occupied) {
          const desk = b.layout.desks.find((d) => d.id === o.deskId)!;
          expect(desk.mode).toBe('bookable');
          const zone = b.layout.zones.find((z) => z.id === desk.zoneId)!;
          const user = USERS.find((u) => u.userId === o.userId)!;
          if (zone.allowedGroups) expect(zone.allowedGroups.some((g) => user.groups?.includes(g))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('offers as alternatives the nearest desks that decideBooking would accept at that moment for that person', () => {
    fc.assert(
      fc.property(world, (w) => {
        const b = build(w);
        simulate(w, b, (s) => {
          if (s.decision.ok) return;
          const alternatives = s.decision.refusal.alternatives;
          expect(alternatives.length).toBeLessThanOrEqual(3);
          for (const alt of alternatives) {
            expect(alt.deskId).not.toBe(s.deskId);
            expect(alt.floorId).toBe('f1');
            expect(alt.date).toBe(TODAY);
            const onAlt = decide(s, alt.deskId);
            expect({ alternative: alt.deskId, for: s.deskId, accepted: onAlt.ok }).toEqual({
              alternative: alt.deskId,
              for: s.deskId,
              accepted: true,
            });
          }
          // Desk-level refusals offer the nearest bookable desks; the others offer none.
          const deskLevel = ['DESK_TAKEN', 'ZONE_FULL', 'TOO_CLOSE', 'DESK_UNAVAILABLE'].includes(
            s.decision.refusal.code,
          );
          if (!deskLevel) {
            expect(alternatives).toEqual([]);
            return;
          }
          const bookable = b.layout.desks
            .filter((d) => d.id !== s.deskId && decide(s, d.id).ok)
            .map((d) => d.id);
          const offered = alternatives.map((a) => a.deskId);
          expect(offered.length).toBe(Math.min(3, bookable.length));
          // Nearest first, in exact squared distances. Ties are left free: two equal distances may come out of
          // floating point a hair apart (hypot(4.5, 1) vs hypot(3, 3.5)), so the id tie-break is not asserted here.
          const sqs = offered.map((id) => sq(b, s.deskId, id));
          for (let i = 1; i < sqs.length; i++) expect(sqs[i]!).toBeGreaterThanOrEqual(sqs[i - 1]!);
          const farthestOffered = sqs.length > 0 ? sqs[sqs.length - 1]! : Number.POSITIVE_INFINITY;
          for (const id of bookable) {
            if (!offered.includes(id)) expect(sq(b, s.deskId, id)).toBeGreaterThanOrEqual(farthestOffered);
          }
        });
      }),
      RUNS,
    );
  });

  it('says a desk is free exactly when decideBooking accepts it for a person with no booking that day', () => {
    fc.assert(
      fc.property(world, (w) => {
        const b = build(w);
        simulate(w, b, (s) => {
          // Two newcomers with no booking that day, one in group "g" and one in none.
          for (const actor of [{ userId: 'new-g', groups: ['g'] }, { userId: 'new' }]) {
            for (const desk of b.layout.desks) {
              const free = s.floorDay.verdict(desk, actor).state === 'free';
              const accepted = decideBooking({
                floorDay: s.floorDay,
                deskId: desk.id,
                actor,
                now: NOW,
                personDay: null,
                weekUsed: 0,
                window: { rules: s.floorDay.policy.rules },
              }).ok;
              expect({ desk: desk.id, user: actor.userId, free }).toEqual({
                desk: desk.id,
                user: actor.userId,
                free: accepted,
              });
            }
          }
        });
      }),
      { numRuns: 100 },
    );
  });

  it('refuses with the desk-level code that matches the verdict of the desk', () => {
    const codeOf = {
      taken: 'DESK_TAKEN',
      mine: 'DESK_TAKEN',
      'zone-full': 'ZONE_FULL',
      'too-close': 'TOO_CLOSE',
      unavailable: 'DESK_UNAVAILABLE',
    } as const;
    fc.assert(
      fc.property(world, (w) => {
        const b = build(w);
        simulate(w, b, (s) => {
          const desk = s.floorDay.desk(s.deskId);
          if (!desk || s.personDay) return;
          const v = s.floorDay.verdict(desk, s.actor);
          if (v.state === 'free') expect(s.decision.ok).toBe(true);
          else expect(s.decision.ok ? 'accepted' : s.decision.refusal.code).toBe(codeOf[v.state]);
        });
      }),
      RUNS,
    );
  });
});

describe('zonesGuardedBy: a booking writes the ledgers of its zone and of every zone within D', () => {
  it("lists the desk's own zone and the zone of every desk closer than D, whatever its mode, and nothing else", () => {
    fc.assert(
      fc.property(world, (w) => {
        const b = build(w);
        const fd = new FloorDay(b.layout, b.policy, TODAY, []);
        for (const desk of b.layout.desks) {
          const expected = new Set([desk.zoneId]);
          for (const other of b.layout.desks)
            if (closerThanD(w, b, desk.id, other.id)) expected.add(other.zoneId);
          expect(fd.zonesGuardedBy(desk)).toEqual([...expected].sort());
        }
      }),
      RUNS,
    );
  });

  it('makes any two desks closer than D share a guarded zone, so their bookings write a common ledger', () => {
    fc.assert(
      fc.property(world, (w) => {
        const b = build(w);
        const fd = new FloorDay(b.layout, b.policy, TODAY, []);
        for (const p of b.layout.desks) {
          for (const q of b.layout.desks) {
            if (!closerThanD(w, b, p.id, q.id)) continue;
            const common = fd.zonesGuardedBy(p).filter((z) => fd.zonesGuardedBy(q).includes(z));
            expect(common.length).toBeGreaterThan(0);
          }
        }
      }),
      RUNS,
    );
  });
});
