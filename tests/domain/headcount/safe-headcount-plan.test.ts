import fc from 'fast-check';
import { maxSafeHeadcount, planProblems, safeHeadcountPlan } from '../../../src/domain/headcount';
import type { Desk } from '../../../src/domain/model';
import type { ZoneCapacityRule } from '../../../src/domain/policy';

/** Capacities in people, by zone. */
const people = (caps: Record<string, number>): Map<string, ZoneCapacityRule> => new Map(Object.entries(caps).map(([z, value]) => [z, { kind: 'count', value }]));

function aDesk(id: string, x: number, y: number, zoneId = 'z1', over: Partial<Desk> = {}): Desk {
  return { id, floorId: 'f1', zoneId, label: id, x, y, attributes: [], mode: 'bookable', ...over };
}

/** The true optimum by trying every subset: only for a handful of desks, which is what makes it a reference. */
function bruteForce(desks: readonly Desk[], d: number, caps: ReadonlyMap<string, ZoneCapacityRule>): number {
  const bookable = desks.filter((x) => x.mode === 'bookable');
  let best = 0;
  for (let mask = 0; mask < 1 << bookable.length; mask++) {
    const set = bookable.filter((_, i) => mask & (1 << i));
    if (set.length <= best) continue;
    if (planProblems(desks, d, caps, set.map((x) => x.id)).length === 0) best = set.length;
  }
  return best;
}

describe('the safe-headcount plan keeps as many desks as can be booked at once, apart and within zone capacity', () => {
  it('keeps every other desk of a bench when D is the pitch and a half, and switches off the rest', () => {
    const bench = [0, 1, 2, 3, 4].map((i) => aDesk(`b${i}`, i * 1.2, 0));
    const plan = safeHeadcountPlan(bench, 1.8, new Map());
    expect(plan).toMatchObject({ count: 3, deskIds: ['b0', 'b2', 'b4'], offDeskIds: ['b1', 'b3'], method: 'exact', upperBound: 3 });
    expect(plan.zones).toEqual([{ zoneId: 'z1', bookable: 5, capacity: null, kept: 3, headcount: 3 }]);
  });

  it('gives up in a full zone the desk that blocks a neighbour in another zone, not a free one', () => {
    // a1 and b1 are 1 m apart; a2 is alone. Distance alone would keep a1 and a2 (ids first); zone A may hold one.
    const desks = [aDesk('a1', 5, 0, 'A'), aDesk('a2', 0, 0, 'A'), aDesk('b1', 6, 0, 'B')];
    const plan = safeHeadcountPlan(desks, 1.5, people({ A: 1 }));
    expect(plan.count).toBe(2);
    expect(plan.deskIds).toContain('b1');
    expect(plan.method).toBe('exact');
    expect(planProblems(desks, 1.5, people({ A: 1 }), plan.deskIds)).toEqual([]);
  });

  it('leaves assigned and switched-off desks out of the count and out of the list to switch off', () => {
    const desks = [aDesk('a', 0, 0), aDesk('b', 3, 0, 'z1', { mode: 'assigned' }), aDesk('c', 6, 0, 'z1', { mode: 'off' })];
    const plan = safeHeadcountPlan(desks, 1.5, new Map());
    expect([plan.deskIds, plan.offDeskIds]).toEqual([['a'], []]);
  });

  it('holds a zone of capacity 0 empty', () => {
    const plan = safeHeadcountPlan([aDesk('a', 0, 0, 'A'), aDesk('b', 5, 0, 'B')], 1.5, people({ A: 0 }));
    expect(plan.deskIds).toEqual(['b']);
    expect(plan.zones).toEqual([
      { zoneId: 'A', bookable: 1, capacity: 0, kept: 0, headcount: 0 },
      { zoneId: 'B', bookable: 1, capacity: null, kept: 1, headcount: 1 },
    ]);
  });

  it('keeps every safe desk of a zone whose capacity is a percentage, which then holds that share of them', () => {
    // Six desks 2 m apart: all safe. A cap by today's 50 % (3) would leave 3 bookable desks, and 50 % of those is 1.
    const row = [0, 1, 2, 3, 4, 5].map((i) => aDesk(`r${i}`, i * 2, 0));
    const plan = safeHeadcountPlan(row, 1.5, new Map([['z1', { kind: 'percent', value: 50 }]]));
    expect([plan.count, plan.headcount, plan.offDeskIds]).toEqual([6, 3, []]);
    expect(plan.zones).toEqual([{ zoneId: 'z1', bookable: 6, capacity: 3, kept: 6, headcount: 3 }]);
  });

  it('says which desks break a plan: too close, over a capacity, not bookable or not there', () => {
    const desks = [aDesk('a', 0, 0, 'A'), aDesk('b', 1, 0, 'A'), aDesk('c', 9, 0, 'A', { mode: 'off' })];
    expect(planProblems(desks, 1.5, people({ A: 1 }), ['a', 'b', 'c', 'x'])).toEqual([
      'desk c is not bookable',
      'desk x is not on this floor',
      'desks a and b are closer than 1.5 m',
      'zone A would keep 2 desks; its capacity is 1',
    ]);
  });

  const smallFloor = fc.record({
    desks: fc.array(
      fc.record({ x: fc.integer({ min: 0, max: 12 }), y: fc.integer({ min: 0, max: 6 }), zone: fc.constantFrom('A', 'B', 'C'), off: fc.boolean() }),
      { minLength: 1, maxLength: 13 },
    ),
    d: fc.constantFrom(1, 1.5, 2, 3),
    caps: fc.record({ A: fc.option(fc.integer({ min: 0, max: 4 })), B: fc.option(fc.integer({ min: 0, max: 4 })), C: fc.option(fc.integer({ min: 0, max: 4 })) }),
  });

  it('matches the optimum of trying every subset on small floors, and says exact', () => {
    fc.assert(
      fc.property(smallFloor, ({ desks: raw, d, caps: rawCaps }) => {
        const desks = raw.map((r, i) => aDesk(`d${String(i).padStart(2, '0')}`, r.x * 0.5, r.y * 0.5, r.zone, { mode: i % 5 === 4 && r.off ? 'off' : 'bookable' }));
        const caps = people(Object.fromEntries(Object.entries(rawCaps).filter((e): e is [string, number] => e[1] !== null)));
        const plan = safeHeadcountPlan(desks, d, caps);
        expect(planProblems(desks, d, caps, plan.deskIds)).toEqual([]);
        expect([plan.count, plan.method]).toEqual([bruteForce(desks, d, caps), 'exact']);
        expect(plan.count + plan.offDeskIds.length).toBe(desks.filter((x) => x.mode === 'bookable').length);
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  it('equals the exact maximum safe headcount when no capacity binds', () => {
    fc.assert(
      fc.property(smallFloor, ({ desks: raw, d }) => {
        const desks = raw.map((r, i) => aDesk(`d${i}`, r.x * 0.5, r.y * 0.5, r.zone));
        const plan = safeHeadcountPlan(desks, d, people({ A: 100 }));
        const alone = maxSafeHeadcount(desks, d);
        expect([plan.count, plan.deskIds, plan.method]).toEqual([alone.count, alone.deskIds, alone.method]);
      }),
      { numRuns: 200, seed: 16 },
    );
  });

  it('proves its plan on a 240-desk floor without searching, when the repaired set meets the bound', () => {
    const desks: Desk[] = [];
    for (let r = 0; r < 12; r++) for (let c = 0; c < 20; c++) desks.push(aDesk(`g-${r}-${c}`, c * 1.1 + 0.1 * Math.sin(r * c), r * 1.3, c < 10 ? 'A' : 'B'));
    const caps = people({ A: 20 });
    const plan = safeHeadcountPlan(desks, 2, caps, { planExactLimit: 0 });
    expect(planProblems(desks, 2, caps, plan.deskIds)).toEqual([]);
    // Zone A is capped at 20; zone B, unbounded, keeps its own maximum of 30 (every other column, every other row).
    expect(plan.zones.map((z) => [z.zoneId, z.kept])).toEqual([['A', 20], ['B', 30]]);
    expect([plan.count, plan.upperBound, plan.method]).toEqual([50, 50, 'exact']);
  });
});
