import fc from 'fast-check';
import { tooClose } from '../../../src/domain/geometry';
import { HeadcountInputError, maxSafeHeadcount, type HeadcountResult } from '../../../src/domain/headcount';
import type { Desk, DeskMode } from '../../../src/domain/model';

let nextDesk = 0;
function aDesk(over: Partial<Desk> = {}): Desk {
  const id = over.id ?? `desk-${String(nextDesk++).padStart(4, '0')}`;
  return {
    id,
    floorId: 'f1',
    zoneId: 'z1',
    label: id,
    x: 0,
    y: 0,
    attributes: [],
    mode: 'bookable',
    ...over,
  };
}

/** `rows` × `cols` desks, `pitchX` apart along a row and `pitchY` between rows. */
function aGrid(
  rows: number,
  cols: number,
  pitchX: number,
  pitchY = pitchX,
  prefix = 'g',
  at = { x: 0, y: 0 },
): Desk[] {
  const desks: Desk[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      desks.push(aDesk({ id: `${prefix}-${r}-${c}`, x: at.x + c * pitchX, y: at.y + r * pitchY }));
    }
  }
  return desks;
}

/**
 * 10 × 20 desks at 1.6 m × 1.4 m, each nudged by up to 15 cm in a fixed pattern, so with D 2 m
 * some diagonals (about 2.13 m) conflict and some do not: one irregular 200-desk group.
 */
function anIrregularGrid(): Desk[] {
  return aGrid(10, 20, 1.6, 1.4).map((desk, i) =>
    aDesk({ ...desk, x: desk.x + 0.15 * Math.sin(i * 12.9898), y: desk.y + 0.15 * Math.sin(i * 78.233) }),
  );
}

/** The result books only bookable desks that are given, each listed once, sorted, pairwise ≥ D apart. */
function expectSafeSet(result: HeadcountResult, desks: readonly Desk[], d: number): void {
  const byId = new Map(desks.map((desk) => [desk.id, desk]));
  expect(result.deskIds).toEqual([...result.deskIds].sort());
  expect(new Set(result.deskIds).size).toBe(result.deskIds.length);
  expect(result.count).toBe(result.deskIds.length);
  const chosen = result.deskIds.map((id) => byId.get(id));
  expect(chosen.filter((desk) => desk?.mode !== 'bookable')).toEqual([]);
  const tooClosePairs: string[] = [];
  for (let i = 0; i < chosen.length; i++) {
    for (let j = i + 1; j < chosen.length; j++) {
      if (tooClose(chosen[i]!, chosen[j]!, d)) tooClosePairs.push(`${chosen[i]!.id}–${chosen[j]!.id}`);
    }
  }
  expect(tooClosePairs).toEqual([]);
  expect(result.groups.reduce((s, g) => s + g.count, 0)).toBe(result.count);
  expect(result.groups.reduce((s, g) => s + g.size, 0)).toBe(
    desks.filter((x) => x.mode === 'bookable').length,
  );
  expect(result.method).toBe(result.groups.every((g) => g.method === 'exact') ? 'exact' : 'greedy');
}

/** Exhaustive maximum over all subsets of bookable desks (bitmask sweep; fine up to ~16 desks). */
function bruteForceMaximum(desks: readonly Desk[], d: number): number {
  const bookable = desks.filter((x) => x.mode === 'bookable');
  const n = bookable.length;
  const conflicts = bookable.map((a) =>
    bookable.reduce((mask, b, j) => (tooClose(a, b, d) ? mask | (1 << j) : mask), 0),
  );
  const safe = new Uint8Array(1 << n);
  safe[0] = 1;
  let best = 0;
  for (let mask = 1; mask < 1 << n; mask++) {
    const low = 31 - Math.clz32(mask & -mask);
    const rest = mask & (mask - 1);
    if (safe[rest] && (conflicts[low]! & rest) === 0) {
      safe[mask] = 1;
      let size = 0;
      for (let m = mask; m !== 0; m &= m - 1) size++;
      if (size > best) best = size;
    }
  }
  return best;
}

/** A plain include/exclude search with no bounds, for graphs too big to enumerate subsets of. */
function plainSearchMaximum(desks: readonly Desk[], d: number): number {
  const bookable = desks.filter((x) => x.mode === 'bookable');
  const neighbours = bookable.map((a) => bookable.flatMap((b, j) => (tooClose(a, b, d) ? [j] : [])));
  const alive = new Array<boolean>(bookable.length).fill(true);
  const search = (): number => {
    let pick = -1;
    let pickDegree = -1;
    for (let v = 0; v < alive.length; v++) {
      if (!alive[v]) continue;
      const degree = neighbours[v]!.filter((u) => alive[u]).length;
      if (degree <= 1) {
        // A desk blocking at most one other is always in some optimum.
        const dropped = [v, ...neighbours[v]!.filter((u) => alive[u])];
        for (const u of dropped) alive[u] = false;
        const value = 1 + search();
        for (const u of dropped) alive[u] = true;
        return value;
      }
      if (degree > pickDegree) {
        pick = v;
        pickDegree = degree;
      }
    }
    if (pick < 0) return 0;
    alive[pick] = false;
    const without = search();
    const dropped = neighbours[pick]!.filter((u) => alive[u]);
    for (const u of dropped) alive[u] = false;
    const withIt = 1 + search();
    for (const u of dropped) alive[u] = true;
    alive[pick] = true;
    return Math.max(without, withIt);
  };
  return search();
}

describe('maximum safe headcount: the most desks bookable at once with every two at least D apart', () => {
  it('counts nobody on an empty floor', () => {
    expect(maxSafeHeadcount([], 1.5)).toEqual({
      count: 0,
      deskIds: [],
      method: 'exact',
      groups: [],
      exactLimit: 200,
    });
  });

  it('counts every desk of a row whose desks are exactly D apart', () => {
    const desks = [0, 1, 2, 3, 4].map((i) => aDesk({ id: `row-${i}`, x: i * 1.5, y: 2 }));
    const result = maxSafeHeadcount(desks, 1.5);
    expect(result.count).toBe(5);
    expect(result.deskIds).toEqual(['row-0', 'row-1', 'row-2', 'row-3', 'row-4']);
    expect(result.groups).toEqual([{ size: 5, count: 5, method: 'exact' }]);
  });

  it('ignores desks that are off or assigned, even right next to a bookable one', () => {
    const desks = [
      aDesk({ id: 'bookable', x: 0, y: 0 }),
      aDesk({ id: 'assigned', x: 0.5, y: 0, mode: 'assigned' }),
      aDesk({ id: 'off', x: 1, y: 0, mode: 'off' }),
    ];
    const result = maxSafeHeadcount(desks, 2);
    expect(result.count).toBe(1);
    expect(result.deskIds).toEqual(['bookable']);
  });

  it('never counts desks on different floors as too close, even at the same position', () => {
    const desks = ['f1', 'f2', 'f3'].map((floorId) => aDesk({ id: `${floorId}-a`, floorId, x: 3, y: 4 }));
    const result = maxSafeHeadcount(desks, 1.5);
    expect(result.count).toBe(3);
    expect(result.method).toBe('exact');
  });

  it('summarises isolated desks in one exact group after the groups of conflicting desks', () => {
    const desks = [
      aDesk({ id: 'pair-a', x: 0, y: 0 }),
      aDesk({ id: 'pair-b', x: 1, y: 0 }),
      aDesk({ id: 'alone-1', x: 10, y: 0 }),
      aDesk({ id: 'alone-2', x: 20, y: 0 }),
      aDesk({ id: 'alone-3', x: 30, y: 0 }),
    ];
    const result = maxSafeHeadcount(desks, 1.5);
    expect(result.count).toBe(4);
    expect(result.groups).toEqual([
      { size: 2, count: 1, method: 'exact' },
      { size: 3, count: 3, method: 'exact' },
    ]);
    expectSafeSet(result, desks, 1.5);
  });

  it('books a checkerboard on a 10 × 20 grid at 1 m pitch with D 1.1 m: exactly 100, proven exact', () => {
    const desks = aGrid(10, 20, 1);
    const result = maxSafeHeadcount(desks, 1.1);
    expect(result.count).toBe(100);
    expect(result.method).toBe('exact');
    expect(result.groups).toEqual([{ size: 200, count: 100, method: 'exact' }]);
    expectSafeSet(result, desks, 1.1);
  });

  it('books one desk in four on a 10 × 20 grid at 1.6 m pitch with D 2.5 m (diagonals conflict too): 50, exact', () => {
    const desks = aGrid(10, 20, 1.6);
    const result = maxSafeHeadcount(desks, 2.5);
    expect(result.count).toBe(50);
    expect(result.method).toBe('exact');
    expectSafeSet(result, desks, 2.5);
  });

  it('solves a 200-desk floor of benches of facing pairs exactly: one desk per two columns of each bench', () => {
    // 5 benches of 20 facing pairs, 1.6 m along the bench, 0.8 m across it, 1.2 m aisles; D 2 m.
    // Two neighbouring columns of a bench all conflict (a 4-clique), so at most 10 per bench.
    const desks: Desk[] = [];
    for (let b = 0; b < 5; b++) {
      for (let i = 0; i < 20; i++) {
        desks.push(aDesk({ id: `bench${b}-${i}-a`, x: i * 1.6, y: b * 2 }));
        desks.push(aDesk({ id: `bench${b}-${i}-b`, x: i * 1.6, y: b * 2 + 0.8 }));
      }
    }
    const result = maxSafeHeadcount(desks, 2);
    expect(result.groups).toEqual([{ size: 200, count: 50, method: 'exact' }]);
    expectSafeSet(result, desks, 2);
  });

  it('solves a slightly irregular 200-desk grid (1.6 × 1.4 m pitch, desks off by up to 15 cm, D 2 m) exactly', () => {
    const desks = anIrregularGrid();
    const result = maxSafeHeadcount(desks, 2);
    expect(result.method).toBe('exact');
    expect(result.groups).toHaveLength(1);
    // Every other desk of every other row is safe (50); neighbours along a row always conflict,
    // so a row of 20 holds at most 10 (100).
    expect(result.count).toBeGreaterThanOrEqual(50);
    expect(result.count).toBeLessThanOrEqual(100);
    expectSafeSet(result, desks, 2);
  });

  it.each([1, 2, 3, 4, 7, 10, 25, 100])(
    'books ceil(n/2) of a line of %i desks 1.2 m apart when D is 1.5 m',
    (n) => {
      const desks = Array.from({ length: n }, (_, i) =>
        aDesk({ id: `line-${String(i).padStart(3, '0')}`, x: i * 1.2 }),
      );
      const result = maxSafeHeadcount(desks, 1.5);
      expect(result.count).toBe(Math.ceil(n / 2));
      expect(result.method).toBe('exact');
      expectSafeSet(result, desks, 1.5);
    },
  );

  it('uses greedy for a group larger than exactLimit, says so, and still books desks pairwise ≥ D apart', () => {
    const desks = aGrid(4, 6, 1.6);
    const result = maxSafeHeadcount(desks, 2, { exactLimit: 3 });
    expect(result.method).toBe('greedy');
    expect(result.exactLimit).toBe(3);
    expect(result.groups).toEqual([{ size: 24, count: result.count, method: 'greedy' }]);
    expect(result.count).toBeLessThanOrEqual(12);
    expect(result.count).toBeGreaterThanOrEqual(8);
    expectSafeSet(result, desks, 2);
  });

  it('keeps small groups exact while a group above exactLimit goes greedy', () => {
    const desks = [...aGrid(1, 3, 1, 1, 'small'), ...aGrid(3, 3, 1, 1, 'big', { x: 50, y: 0 })];
    const result = maxSafeHeadcount(desks, 1.1, { exactLimit: 3 });
    expect(result.method).toBe('greedy');
    expect(result.groups).toEqual([
      { size: 9, count: result.count - 2, method: 'greedy' },
      { size: 3, count: 2, method: 'exact' },
    ]);
    expectSafeSet(result, desks, 1.1);
  });

  it('falls back to greedy, and says so, when the exact search of a group runs out of node budget', () => {
    const desks = anIrregularGrid();
    const exact = maxSafeHeadcount(desks, 2);
    const starved = maxSafeHeadcount(desks, 2, { nodeBudget: 1 });
    expect(starved.method).toBe('greedy');
    expect(starved.groups).toEqual([{ size: 200, count: starved.count, method: 'greedy' }]);
    expect(starved.count).toBeLessThanOrEqual(exact.count);
    expect(starved.count).toBeGreaterThanOrEqual(exact.count - 5);
    expectSafeSet(starved, desks, 2);
  });

  it('proves an odd ring of desks exact: five desks on a pentagon hold two people', () => {
    // Radius 1 m: neighbours 1.18 m apart conflict, desks across 1.90 m apart do not.
    const pentagon = [0, 1, 2, 3, 4].map((k) =>
      aDesk({ id: `p${k}`, x: Math.cos((2 * Math.PI * k) / 5), y: Math.sin((2 * Math.PI * k) / 5) }),
    );
    const result = maxSafeHeadcount(pentagon, 1.5);
    expect(result.groups).toEqual([{ size: 5, count: 2, method: 'exact' }]);
    expectSafeSet(result, pentagon, 1.5);
  });

  it('solves a 1,000-desk floor of separate clusters of 8 exactly', () => {
    // 125 clusters of 2 × 4 desks (1.6 m × 1.4 m pitch; diagonals 2.13 m are fine), 4 m aisles.
    const desks: Desk[] = [];
    for (let k = 0; k < 125; k++) {
      desks.push(...aGrid(2, 4, 1.6, 1.4, `c${k}`, { x: (k % 25) * 8.8, y: Math.floor(k / 25) * 5.4 }));
    }
    const result = maxSafeHeadcount(desks, 2);
    expect(result.method).toBe('exact');
    expect(result.count).toBe(500);
    expect(result.groups).toHaveLength(125);
    expectSafeSet(result, desks, 2);
  });

  it('returns a safe set for a 1,000-desk open-plan floor, greedy for its one big group', () => {
    const desks = aGrid(25, 40, 1.5).map((desk, i) =>
      aDesk({ ...desk, x: desk.x + 0.2 * Math.sin(i * 7.1), y: desk.y + 0.2 * Math.cos(i * 3.3) }),
    );
    const result = maxSafeHeadcount(desks, 1.8);
    expect(result.groups.some((g) => g.size > 200 && g.method === 'greedy')).toBe(true);
    expect(result.method).toBe('greedy');
    expect(result.count).toBeGreaterThan(400);
    expectSafeSet(result, desks, 1.8);
  });

  it('gives the same answer whatever order the desks come in', () => {
    const desks = aGrid(6, 7, 1.3).map((desk, i) => aDesk({ ...desk, x: desk.x + 0.1 * Math.sin(i) }));
    const forward = maxSafeHeadcount(desks, 1.8);
    const backward = maxSafeHeadcount([...desks].reverse(), 1.8);
    expect(backward).toEqual(forward);
  });

  it('counts a desk listed twice once', () => {
    const desk = aDesk({ id: 'twice', x: 0, y: 0 });
    expect(maxSafeHeadcount([desk, desk, aDesk({ id: 'other', x: 5 })], 1.5).deskIds).toEqual([
      'other',
      'twice',
    ]);
  });

  it('counts every bookable desk when D is 0', () => {
    const desks = aGrid(3, 3, 0.5);
    expect(maxSafeHeadcount(desks, 0).count).toBe(9);
  });

  it('refuses a negative or missing exactLimit or nodeBudget as a fault', () => {
    expect(() => maxSafeHeadcount([aDesk()], 1.5, { exactLimit: -1 })).toThrow(HeadcountInputError);
    expect(() => maxSafeHeadcount([aDesk()], 1.5, { nodeBudget: Number.NaN })).toThrow(HeadcountInputError);
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])('refuses a minimum distance of %p as a fault', (d) => {
    expect(() => maxSafeHeadcount([aDesk()], d)).toThrow(HeadcountInputError);
  });

  it('refuses a bookable desk without a finite position as a fault that names it', () => {
    expect(() => maxSafeHeadcount([aDesk({ id: 'lost', x: Number.NaN })], 1.5)).toThrow(/lost/);
  });
});

describe('maximum safe headcount agrees with exhaustive search', () => {
  const halfMetre = fc.integer({ min: 0, max: 12 }).map((k) => k * 0.5);
  const deskArb = fc.record({
    x: halfMetre,
    y: halfMetre,
    floorId: fc.constantFrom('f1', 'f1', 'f1', 'f2'),
    mode: fc.constantFrom<DeskMode>('bookable', 'bookable', 'bookable', 'bookable', 'assigned', 'off'),
  });
  const floorArb = fc
    .array(deskArb, { minLength: 0, maxLength: 14 })
    .map((specs) => specs.map((s, i) => aDesk({ id: `r${String(i).padStart(2, '0')}`, ...s })));
  const distanceArb = fc.constantFrom(0.5, 1, 1.2, 1.5, 1.8, 2, 2.5, 3);

  it('finds the true maximum, with desks pairwise ≥ D apart, on random floors of up to 14 desks', () => {
    fc.assert(
      fc.property(floorArb, distanceArb, (desks, d) => {
        const result = maxSafeHeadcount(desks, d);
        expect(result.method).toBe('exact');
        expect(result.count).toBe(bruteForceMaximum(desks, d));
        expectSafeSet(result, desks, d);
      }),
      { numRuns: 400 },
    );
  });

  it('claims exact only when the count is the true maximum, whatever the limits', () => {
    fc.assert(
      fc.property(
        floorArb,
        distanceArb,
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 4 }),
        (desks, d, exactLimit, nodeBudget) => {
          const result = maxSafeHeadcount(desks, d, { exactLimit, nodeBudget });
          const best = bruteForceMaximum(desks, d);
          expectSafeSet(result, desks, d);
          expect(result.count).toBeLessThanOrEqual(best);
          if (result.method === 'exact') expect(result.count).toBe(best);
          // A group of conflicting desks always books fewer than all of them; the summary of
          // isolated desks books them all and is exact whatever the limit.
          for (const g of result.groups) {
            if (g.count < g.size && g.size > exactLimit) expect(g.method).toBe('greedy');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves no bookable desk that could still be added when it falls back to greedy', () => {
    fc.assert(
      fc.property(floorArb, distanceArb, (desks, d) => {
        const result = maxSafeHeadcount(desks, d, { exactLimit: 0 });
        const chosen = desks.filter((x) => result.deskIds.includes(x.id));
        for (const desk of desks) {
          if (desk.mode !== 'bookable' || result.deskIds.includes(desk.id)) continue;
          expect(chosen.some((c) => tooClose(c, desk, d))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('matches a plain exhaustive search on random floors of up to 40 desks', () => {
    const quarterMetre = fc.integer({ min: 0, max: 40 }).map((k) => k * 0.25);
    const bigFloorArb = fc
      .array(fc.record({ x: quarterMetre, y: quarterMetre }), { minLength: 15, maxLength: 40 })
      .map((specs) => specs.map((s, i) => aDesk({ id: `m${String(i).padStart(2, '0')}`, ...s })));
    fc.assert(
      fc.property(bigFloorArb, fc.constantFrom(1.5, 2, 2.5), (desks, d) => {
        const result = maxSafeHeadcount(desks, d);
        expect(result.method).toBe('exact');
        expect(result.count).toBe(plainSearchMaximum(desks, d));
        expectSafeSet(result, desks, d);
      }),
      { numRuns: 150 },
    );
  });

  it('matches a plain exhaustive search on irregular grids and staggered rows of up to 54 desks', () => {
    const layoutArb = fc.record({
      rows: fc.integer({ min: 3, max: 6 }),
      cols: fc.integer({ min: 4, max: 9 }),
      pitchX: fc.double({ min: 1.1, max: 1.8, noNaN: true }),
      pitchY: fc.double({ min: 1.1, max: 1.8, noNaN: true }),
      staggered: fc.boolean(),
      nudges: fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), { minLength: 108, maxLength: 108 }),
    });
    fc.assert(
      fc.property(layoutArb, fc.double({ min: 1.4, max: 2.6, noNaN: true }), (layout, d) => {
        const { rows, cols, pitchX, pitchY, staggered, nudges } = layout;
        const desks = aGrid(rows, cols, pitchX, pitchY, 'j').map((desk, k) =>
          aDesk({
            ...desk,
            x: desk.x + (staggered && Math.floor(k / cols) % 2 ? pitchX / 2 : 0) + nudges[k]!,
            y: desk.y + nudges[k + 54]!,
          }),
        );
        const result = maxSafeHeadcount(desks, d);
        expect(result.method).toBe('exact');
        expect(result.count).toBe(plainSearchMaximum(desks, d));
        expectSafeSet(result, desks, d);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same answer for any order of the same desks', () => {
    fc.assert(
      fc.property(
        floorArb.chain((desks) =>
          fc.tuple(fc.constant(desks), fc.shuffledSubarray(desks, { minLength: desks.length })),
        ),
        distanceArb,
        ([desks, shuffled], d) => {
          expect(maxSafeHeadcount(shuffled, d)).toEqual(maxSafeHeadcount(desks, d));
        },
      ),
      { numRuns: 200 },
    );
  });
});
