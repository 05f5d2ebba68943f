import { tooClose } from '../geometry';
import type { Desk } from '../model';
import { zoneCapacity, type ZoneCapacityRule } from '../policy';
import { bookableDesksById, compareIds, conflictGraph, sweepOrder } from './conflict-graph';
import { maxSafeHeadcount, type HeadcountOptions } from './max-safe-headcount';

/**
 * The safe-headcount plan of a floor: which bookable desks to keep so that any of them can be booked on the same
 * day — every two at least D apart, and no zone holding more kept desks than its capacity — with as many desks kept
 * as possible. The desks left out are the ones a facility manager switches off.
 *
 * A capacity in people caps the desks a zone keeps. A capacity in percent is of the desks that stay bookable, so it
 * shrinks with every desk switched off: capping kept desks by it would lower it again at each publish. Such a zone
 * keeps every safe desk it can, and holds the percentage of them at once (`headcount`).
 *
 * Without capacities this is the floor's maximum safe headcount. A capacity only matters when the best distance-only
 * set puts more desks in a zone than it may hold; then which desks a full zone gives up decides what its neighbours in
 * other zones can keep, so the set is repaired, and proven best against an upper bound or by a search of its own.
 */

export interface ZonePlan {
  readonly zoneId: string;
  /** Bookable desks of the zone today. */
  readonly bookable: number;
  /** How many people the zone may hold at once once the plan is published; null when no capacity was given for it. */
  readonly capacity: number | null;
  /** Desks of the zone the plan keeps. */
  readonly kept: number;
  /** People the zone can hold at once under the plan: its kept desks, up to its capacity. */
  readonly headcount: number;
}

export interface SafeHeadcountPlan {
  /** Desks kept: the largest number that are pairwise at least D apart within the zones' capacities in people. */
  readonly count: number;
  /** People the floor can hold at once under the plan: the zones' headcounts added up. */
  readonly headcount: number;
  /** The desks kept, sorted by id. */
  readonly deskIds: string[];
  /** The bookable desks left out (to switch off), sorted by id. */
  readonly offDeskIds: string[];
  /** 'exact' only when `count` is proven the maximum; otherwise it is a lower bound and `upperBound` the most possible. */
  readonly method: 'exact' | 'greedy';
  readonly upperBound: number;
  /** One entry per zone holding a bookable desk, by zone id. */
  readonly zones: ZonePlan[];
}

export interface PlanOptions extends HeadcountOptions {
  /** Floors of at most this many bookable desks get an exact search when capacities bind and the bound is not met. */
  readonly planExactLimit?: number;
  /** Search nodes allowed for that search. */
  readonly planNodeBudget?: number;
}

export const DEFAULT_PLAN_EXACT_LIMIT = 80;
export const DEFAULT_PLAN_NODE_BUDGET = 200_000;

const OUT_OF_BUDGET = Symbol('out of budget');

export function safeHeadcountPlan(
  desks: readonly Desk[],
  minDistanceM: number,
  capacities: ReadonlyMap<string, ZoneCapacityRule>,
  options: PlanOptions = {},
): SafeHeadcountPlan {
  const base = maxSafeHeadcount(desks, minDistanceM, options);
  const bookable = bookableDesksById(desks);
  const indexOf = new Map(bookable.map((d, i) => [d.id, i]));
  const adjacency = conflictGraph(bookable, minDistanceM);
  const zoneIds = [...new Set(bookable.map((d) => d.zoneId))].sort(compareIds);
  const zoneOf = bookable.map((d) => zoneIds.indexOf(d.zoneId));
  const cap = zoneIds.map((z) => capOf(capacities.get(z)));

  let chosen = base.deskIds.map((id) => indexOf.get(id)!);
  let method = base.method;
  let upperBound = base.count;
  if (overCapacity(chosen, zoneOf, cap)) {
    chosen = repair(chosen, adjacency, zoneOf, cap);
    upperBound = boundOf(bookable, minDistanceM, zoneIds, cap, base, options);
    method = chosen.length >= upperBound ? 'exact' : 'greedy';
    if (method === 'greedy' && bookable.length <= (options.planExactLimit ?? DEFAULT_PLAN_EXACT_LIMIT)) {
      const found = searchWithCapacities(bookable, adjacency, zoneOf, cap, chosen, minDistanceM, options.planNodeBudget ?? DEFAULT_PLAN_NODE_BUDGET);
      if (found) {
        chosen = found;
        method = 'exact';
        upperBound = chosen.length;
      }
    }
  }

  const kept = new Set(chosen);
  const deskIds = chosen.map((i) => bookable[i]!.id).sort(compareIds);
  const offDeskIds = bookable.filter((_, i) => !kept.has(i)).map((d) => d.id);
  const zones = zoneIds.map((zoneId, z): ZonePlan => {
    const rule = capacities.get(zoneId);
    const keptHere = chosen.filter((i) => zoneOf[i] === z).length;
    const capacity = rule === undefined ? null : zoneCapacity(rule, keptHere);
    return { zoneId, bookable: zoneOf.filter((x) => x === z).length, capacity, kept: keptHere, headcount: capacity === null ? keptHere : Math.min(keptHere, capacity) };
  });
  const headcount = zones.reduce((n, z) => n + z.headcount, 0);
  return { count: deskIds.length, headcount, deskIds, offDeskIds, method, upperBound: Math.max(upperBound, deskIds.length), zones };
}

/** How many desks a zone may keep: a capacity in people caps them; a percentage, or none, does not. */
function capOf(rule: ZoneCapacityRule | undefined): number {
  return rule?.kind === 'count' ? zoneCapacity(rule, 0) : Infinity;
}

/** What keeps a set of desks from being a safe plan, each said in words; empty when it is one. */
export function planProblems(
  desks: readonly Desk[],
  minDistanceM: number,
  capacities: ReadonlyMap<string, ZoneCapacityRule>,
  deskIds: readonly string[],
): string[] {
  const byId = new Map(desks.map((d) => [d.id, d]));
  const problems: string[] = [];
  const kept: Desk[] = [];
  for (const id of new Set(deskIds)) {
    const desk = byId.get(id);
    if (!desk) problems.push(`desk ${id} is not on this floor`);
    else if (desk.mode !== 'bookable') problems.push(`desk ${id} is not bookable`);
    else kept.push(desk);
  }
  for (let i = 0; i < kept.length; i++)
    for (let j = i + 1; j < kept.length; j++)
      if (tooClose(kept[i]!, kept[j]!, minDistanceM)) problems.push(`desks ${kept[i]!.id} and ${kept[j]!.id} are closer than ${minDistanceM} m`);
  const perZone = new Map<string, number>();
  for (const d of kept) perZone.set(d.zoneId, (perZone.get(d.zoneId) ?? 0) + 1);
  for (const [zoneId, n] of perZone) {
    const c = capOf(capacities.get(zoneId));
    if (n > c) problems.push(`zone ${zoneId} would keep ${n} desks; its capacity is ${c}`);
  }
  return problems;
}

function overCapacity(set: readonly number[], zoneOf: readonly number[], cap: readonly number[]): boolean {
  const used = cap.map(() => 0);
  for (const v of set) used[zoneOf[v]!]!++;
  return used.some((n, z) => n > cap[z]!);
}

/**
 * Drops desks from zones over capacity, those with most close neighbours first (they block most), then adds back any
 * desk that now conflicts with none kept and whose zone has room, fewest free neighbours first.
 */
function repair(set: readonly number[], adjacency: readonly (readonly number[])[], zoneOf: readonly number[], cap: readonly number[]): number[] {
  const inSet = new Uint8Array(adjacency.length);
  const used = cap.map(() => 0);
  for (const v of set) {
    inSet[v] = 1;
    used[zoneOf[v]!]!++;
  }
  const byDegreeThenIndex = [...set].sort((a, b) => adjacency[b]!.length - adjacency[a]!.length || a - b);
  for (const v of byDegreeThenIndex) {
    const z = zoneOf[v]!;
    if (used[z]! > cap[z]!) {
      inSet[v] = 0;
      used[z]!--;
    }
  }
  const free = (v: number): boolean => !inSet[v] && used[zoneOf[v]!]! < cap[zoneOf[v]!]! && adjacency[v]!.every((u) => !inSet[u]);
  for (;;) {
    let pick = -1;
    let pickScore = Infinity;
    for (let v = 0; v < adjacency.length; v++) {
      if (!free(v)) continue;
      const score = adjacency[v]!.filter(free).length;
      if (score < pickScore) {
        pick = v;
        pickScore = score;
      }
    }
    if (pick < 0) break;
    inSet[pick] = 1;
    used[zoneOf[pick]!]!++;
  }
  const result: number[] = [];
  inSet.forEach((x, v) => x && result.push(v));
  return result;
}

/**
 * No plan keeps more than the floor's distance-only maximum, nor more in a zone than its capacity or its own
 * distance-only maximum. A bound from a greedy answer would not be a bound, so those fall back to the desk count.
 */
function boundOf(
  bookable: readonly Desk[],
  minDistanceM: number,
  zoneIds: readonly string[],
  cap: readonly number[],
  base: { count: number; method: 'exact' | 'greedy' },
  options: HeadcountOptions,
): number {
  const floorBound = base.method === 'exact' ? base.count : bookable.length;
  let zoneSum = 0;
  zoneIds.forEach((zoneId, z) => {
    const own = bookable.filter((d) => d.zoneId === zoneId);
    const alone = maxSafeHeadcount(own, minDistanceM, options);
    zoneSum += Math.min(cap[z]!, alone.method === 'exact' ? alone.count : own.length);
  });
  return Math.min(floorBound, zoneSum);
}

/**
 * Branch and bound over the desks in sweep order: keep a desk or not. A branch is cut when what it has plus, per zone,
 * the lesser of the room left and the desks still open cannot beat the best found. Returns null past the budget.
 */
function searchWithCapacities(
  bookable: readonly Desk[],
  adjacency: readonly (readonly number[])[],
  zoneOf: readonly number[],
  cap: readonly number[],
  start: readonly number[],
  minDistanceM: number,
  nodeBudget: number,
): number[] | null {
  const order = sweepOrder(bookable, minDistanceM > 0 ? minDistanceM : 1);
  const n = order.length;
  const blocked = new Int32Array(n);
  const used = cap.map(() => 0);
  const chosen: number[] = [];
  let best = [...start];
  let nodes = 0;
  const open = cap.map(() => 0);

  const bound = (k: number): number => {
    open.fill(0);
    for (let i = k; i < n; i++) {
      const v = order[i]!;
      if (!blocked[v] && used[zoneOf[v]!]! < cap[zoneOf[v]!]!) open[zoneOf[v]!]!++;
    }
    let sum = 0;
    open.forEach((o, z) => (sum += Math.min(o, cap[z]! - used[z]!)));
    return sum;
  };

  const visit = (k: number): void => {
    if (++nodes > nodeBudget) throw OUT_OF_BUDGET;
    if (chosen.length + bound(k) <= best.length) return;
    if (k === n) {
      best = [...chosen];
      return;
    }
    const v = order[k]!;
    const z = zoneOf[v]!;
    if (!blocked[v] && used[z]! < cap[z]!) {
      chosen.push(v);
      used[z]!++;
      for (const u of adjacency[v]!) blocked[u]!++;
      visit(k + 1);
      for (const u of adjacency[v]!) blocked[u]!--;
      used[z]!--;
      chosen.pop();
    }
    visit(k + 1);
  };

  try {
    visit(0);
  } catch (e) {
    if (e === OUT_OF_BUDGET) return null;
    throw e;
  }
  return best;
}
