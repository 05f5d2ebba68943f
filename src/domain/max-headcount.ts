import { tooClose } from './geometry';
import type { Desk } from './model';
import { mulberry32 } from './seeded-random';

/**
 * A floor's maximum safe headcount under the distance rule: the largest number of bookable desks
 * that can all be booked on the same day with every two of them at least D apart.
 *
 * This is a maximum independent set on the "closer than D" graph. The graph falls apart into
 * connected groups of desks (a bench, a cluster, a room); each group is solved on its own.
 * Groups of up to `exactLimit` desks are solved exactly by branch and bound; larger groups, and
 * groups whose search runs past `nodeBudget` nodes, get a greedy answer improved by local
 * search, and the result says so: 'exact' is only claimed for a proven maximum.
 */

export interface HeadcountGroup {
  /** Desks in the group; for the summary of isolated desks, how many desks conflict with nobody. */
  size: number;
  /** How many of the group's desks can be booked at once. */
  count: number;
  method: 'exact' | 'greedy';
}

export interface HeadcountResult {
  /** The largest number of desks that can be booked at once, pairwise at least D apart. */
  count: number;
  /** One such set of desks, sorted by id. */
  deskIds: string[];
  /** 'exact' only if every group was solved exactly; otherwise `count` is a lower bound. */
  method: 'exact' | 'greedy';
  /**
   * One entry per connected group of two or more desks, in the order of their first desk id,
   * then one entry (when there are any) summarising all isolated desks, which always count.
   */
  groups: HeadcountGroup[];
  exactLimit: number;
}

export interface HeadcountOptions {
  /** Groups of at most this many desks are solved exactly. */
  readonly exactLimit?: number;
  /** Search nodes allowed per group before giving up on an exact answer for it. */
  readonly nodeBudget?: number;
}

export const DEFAULT_EXACT_LIMIT = 200;
/**
 * Caps a hopeless group at a few seconds: a search node costs about 10–40 µs on a 200-desk
 * group (more where desks have many close neighbours). The hardest 200-desk floors measured in
 * bench/max-headcount-bench.ts, realistic or dense, needed under 10,000 nodes.
 */
export const DEFAULT_NODE_BUDGET = 100_000;

/** A caller passed a value the computation cannot work with (a bug upstream, not a refusal). */
export class HeadcountInputError extends Error {
  readonly code = 'INVALID_HEADCOUNT_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'HeadcountInputError';
  }
}

export function maxSafeHeadcount(
  desks: readonly Desk[],
  minDistanceM: number,
  options: HeadcountOptions = {},
): HeadcountResult {
  const exactLimit = options.exactLimit ?? DEFAULT_EXACT_LIMIT;
  const nodeBudget = options.nodeBudget ?? DEFAULT_NODE_BUDGET;
  if (!Number.isFinite(minDistanceM) || minDistanceM < 0) {
    throw new HeadcountInputError(
      `maxSafeHeadcount: minDistanceM must be a finite number ≥ 0 metres, got ${minDistanceM}`,
    );
  }
  if (!(exactLimit >= 0)) {
    throw new HeadcountInputError(`maxSafeHeadcount: exactLimit must be a number ≥ 0, got ${exactLimit}`);
  }
  if (!(nodeBudget >= 0)) {
    throw new HeadcountInputError(`maxSafeHeadcount: nodeBudget must be a number ≥ 0, got ${nodeBudget}`);
  }

  const bookable = bookableDesksById(desks);
  const adjacency = conflictGraph(bookable, minDistanceM);
  const chosen: number[] = [];
  const groups: HeadcountGroup[] = [];
  let isolated = 0;
  let allExact = true;

  for (const component of connectedComponents(adjacency)) {
    if (component.length === 1) {
      isolated++;
      chosen.push(component[0]!);
      continue;
    }
    // Both searches work in sweep order: neighbours get nearby indices, and ties between
    // equally good desks are broken by position, then by desk id.
    const sweep = sweepOrder(
      component.map((i) => bookable[i]!),
      minDistanceM,
    );
    const local = localGraph(
      sweep.map((v) => component[v]!),
      adjacency,
    );
    const { set, exact } = solveComponent(local, component.length <= exactLimit, nodeBudget);
    for (const v of set) chosen.push(component[sweep[v]!]!);
    groups.push({ size: component.length, count: set.length, method: exact ? 'exact' : 'greedy' });
    if (!exact) allExact = false;
  }
  if (isolated > 0) groups.push({ size: isolated, count: isolated, method: 'exact' });

  const deskIds = chosen.map((i) => bookable[i]!.id).sort(compareIds);
  return { count: deskIds.length, deskIds, method: allExact ? 'exact' : 'greedy', groups, exactLimit };
}

// ---------------------------------------------------------------------------------------------
// The conflict graph

/** Code-unit order, so the same ids sort the same way on every machine and locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Only bookable desks can hold anyone. Sorting by id makes every tie below break by desk id and
 * the answer independent of input order; an id listed twice is one desk (its first bookable entry).
 */
function bookableDesksById(desks: readonly Desk[]): Desk[] {
  const seen = new Set<string>();
  const result: Desk[] = [];
  for (const d of desks) {
    if (d.mode !== 'bookable' || seen.has(d.id)) continue;
    if (!Number.isFinite(d.x) || !Number.isFinite(d.y)) {
      throw new HeadcountInputError(
        `maxSafeHeadcount: desk ${d.id} has no finite position (x=${d.x}, y=${d.y})`,
      );
    }
    seen.add(d.id);
    result.push(d);
  }
  return result.sort((a, b) => compareIds(a.id, b.id));
}

/**
 * Adjacency lists (ascending) of the "closer than D" graph. Desks are bucketed in a grid of
 * D-sized cells per floor, so only desks in the 3×3 cells around each desk are compared.
 */
function conflictGraph(desks: readonly Desk[], minDistanceM: number): number[][] {
  const adjacency: number[][] = desks.map(() => []);
  // tooClose never fires below this distance, and tiny cells would only overflow the grid.
  if (minDistanceM <= 1e-9) return adjacency;
  const cellOf = (v: number): number => Math.floor(v / minDistanceM);
  const floors = new Map<string, Map<string, number[]>>();
  desks.forEach((d, i) => {
    let cells = floors.get(d.floorId);
    if (!cells) floors.set(d.floorId, (cells = new Map()));
    const key = `${cellOf(d.x)},${cellOf(d.y)}`;
    const cell = cells.get(key);
    if (cell) cell.push(i);
    else cells.set(key, [i]);
  });
  desks.forEach((d, i) => {
    const cells = floors.get(d.floorId)!;
    const cx = cellOf(d.x);
    const cy = cellOf(d.y);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (j > i && tooClose(d, desks[j]!, minDistanceM)) {
            adjacency[i]!.push(j);
            adjacency[j]!.push(i);
          }
        }
      }
    }
  });
  for (const list of adjacency) list.sort((a, b) => a - b);
  return adjacency;
}

/** Components in order of their smallest vertex, each sorted ascending. */
function connectedComponents(adjacency: readonly (readonly number[])[]): number[][] {
  const seen = new Uint8Array(adjacency.length);
  const components: number[][] = [];
  for (let start = 0; start < adjacency.length; start++) {
    if (seen[start]) continue;
    seen[start] = 1;
    const component = [start];
    for (let k = 0; k < component.length; k++) {
      for (const u of adjacency[component[k]!]!) {
        if (!seen[u]) {
          seen[u] = 1;
          component.push(u);
        }
      }
    }
    components.push(component.sort((a, b) => a - b));
  }
  return components;
}

/** The graph among `vertices`, on local indices 0..k-1 in the order given. */
function localGraph(vertices: readonly number[], adjacency: readonly (readonly number[])[]): number[][] {
  const localOf = new Map<number, number>();
  vertices.forEach((v, i) => localOf.set(v, i));
  return vertices.map((v) => adjacency[v]!.map((u) => localOf.get(u)!).sort((a, b) => a - b));
}

/**
 * Desks in reading order of bands D/2 tall (band, then x, then y, then desk id). Both searches
 * work in this order: the exact search builds clique covers and breaks ties by index, and with
 * neighbours at nearby indices its covers are tighter; on jittered grids with ids in random
 * order (e.g. GUIDs) it needed several times fewer nodes than in desk id order.
 */
function sweepOrder(desks: readonly Desk[], minDistanceM: number): number[] {
  const band = desks.map((d) => Math.floor((2 * d.y) / minDistanceM));
  return desks
    .map((_, i) => i)
    .sort((a, b) => band[a]! - band[b]! || desks[a]!.x - desks[b]!.x || desks[a]!.y - desks[b]!.y || a - b);
}

function solveComponent(
  adjacency: readonly (readonly number[])[],
  tryExact: boolean,
  nodeBudget: number,
): { set: number[]; exact: boolean } {
  const n = adjacency.length;
  const perturbations = Math.min(MAX_PERTURBATIONS, PERTURBATIONS_PER_DESK * n);
  if (!tryExact)
    return { set: localSearch(adjacency, minDegreeGreedy(adjacency), perturbations), exact: false };
  // The exact search only needs a fair starting bound; the long local search is for when it gives up.
  const quick = localSearch(adjacency, minDegreeGreedy(adjacency), 0);
  try {
    const better = new ExactSolver(adjacency, nodeBudget).maximumBeyond(quick.length);
    return { set: better ?? quick, exact: true };
  } catch (e) {
    if (e === OUT_OF_BUDGET) return { set: localSearch(adjacency, quick, perturbations), exact: false };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Greedy and local search (any size)

/** Repeatedly books the desk that blocks the fewest others; ties go to the lowest index. */
function minDegreeGreedy(adjacency: readonly (readonly number[])[]): number[] {
  const n = adjacency.length;
  const degree = Int32Array.from(adjacency, (list) => list.length);
  const alive = new Uint8Array(n).fill(1);
  const heap = new MinHeap();
  // Keys pack (degree, index) so the heap orders by degree, then index; stale keys are skipped.
  for (let v = 0; v < n; v++) heap.push(degree[v]! * n + v);
  const taken: number[] = [];
  while (heap.size > 0) {
    const key = heap.pop();
    const v = key % n;
    if (!alive[v] || Math.floor(key / n) !== degree[v]) continue;
    taken.push(v);
    alive[v] = 0;
    for (const u of adjacency[v]!) {
      if (!alive[u]) continue;
      alive[u] = 0;
      for (const w of adjacency[u]!) {
        if (alive[w]) heap.push(--degree[w]! * n + w);
      }
    }
  }
  return taken.sort((a, b) => a - b);
}

/** Enough perturbations to settle floors of a few thousand desks in well under a second. */
const PERTURBATIONS_PER_DESK = 30;
const MAX_PERTURBATIONS = 100_000;

/**
 * Iterated local search (after Andrade, Resende and Werneck). The local step is a (1,2)-swap:
 * drop one booked desk x and book two of its neighbours that only x was blocking and that do
 * not block each other (then any desk left free). Between local searches, one unbooked desk is
 * forced in and its booked neighbours dropped; the change is kept unless it lost desks. The
 * random choices come from a fixed seed, so the answer is the same on every run.
 */
function localSearch(
  adjacency: readonly (readonly number[])[],
  start: readonly number[],
  perturbations: number,
): number[] {
  const n = adjacency.length;
  const inSet = new Uint8Array(n);
  const tight = new Int32Array(n); // how many booked neighbours block each desk
  const stamp = new Int32Array(n).fill(-1);
  let stampId = 0;
  let size = 0;
  const log: number[] = []; // +v + 1 for an add, -(v + 1) for a removal, so a step can be undone
  const add = (v: number): void => {
    inSet[v] = 1;
    size++;
    log.push(v + 1);
    for (const u of adjacency[v]!) tight[u]!++;
  };
  const remove = (v: number): void => {
    inSet[v] = 0;
    size--;
    log.push(-(v + 1));
    for (const u of adjacency[v]!) tight[u]!--;
  };
  const addFreeAround = (x: number, queue: number[]): void => {
    for (const u of adjacency[x]!) {
      if (!inSet[u] && tight[u] === 0) {
        add(u);
        queue.push(u);
      }
    }
  };
  /** After x leaves, a neighbour blocked only by one booked desk z may let z swap. */
  const queueBlockersAround = (x: number, queue: number[]): void => {
    for (const u of adjacency[x]!) {
      if (inSet[u] || tight[u] !== 1) continue;
      for (const z of adjacency[u]!) {
        if (inSet[z]) {
          queue.push(z);
          break;
        }
      }
    }
  };
  const nonAdjacentPair = (candidates: readonly number[]): [number, number] | null => {
    for (let i = 0; i < candidates.length; i++) {
      const u = candidates[i]!;
      stampId++;
      for (const w of adjacency[u]!) stamp[w] = stampId;
      for (let j = i + 1; j < candidates.length; j++) {
        const w = candidates[j]!;
        if (stamp[w] !== stampId) return [u, w];
      }
    }
    return null;
  };
  const swapUntilStuck = (queue: number[]): void => {
    while (queue.length > 0) {
      const x = queue.pop()!;
      if (!inSet[x]) continue;
      const pair = nonAdjacentPair(adjacency[x]!.filter((u) => tight[u] === 1));
      if (!pair) continue;
      remove(x);
      add(pair[0]);
      add(pair[1]);
      queue.push(pair[0], pair[1]);
      addFreeAround(x, queue);
      queueBlockersAround(x, queue);
    }
  };

  for (const v of start) add(v);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (!inSet[v] && tight[v] === 0) add(v);
  for (let v = n - 1; v >= 0; v--) if (inSet[v]) queue.push(v);
  swapUntilStuck(queue);

  let best = inSet.slice();
  let bestSize = size;
  const random = mulberry32(0x5ea7 ^ n);
  const steps = size < n ? perturbations : 0;
  for (let step = 0; step < steps; step++) {
    let v = Math.floor(random() * n);
    while (inSet[v]) v = v + 1 === n ? 0 : v + 1;
    log.length = 0;
    const before = size;
    const dropped = adjacency[v]!.filter((u) => inSet[u]);
    for (const u of dropped) remove(u);
    add(v);
    queue.push(v);
    for (const u of dropped) {
      addFreeAround(u, queue);
      queueBlockersAround(u, queue);
    }
    swapUntilStuck(queue);
    if (size < before) {
      // Undo the step: replay the log backwards without logging.
      for (let i = log.length - 1; i >= 0; i--) {
        const entry = log[i]!;
        const u = Math.abs(entry) - 1;
        const delta = entry > 0 ? -1 : 1;
        inSet[u] = entry > 0 ? 0 : 1;
        size += delta;
        for (const w of adjacency[u]!) tight[w]! += delta;
      }
    } else if (size > bestSize) {
      best = inSet.slice();
      bestSize = size;
    }
  }

  const result: number[] = [];
  for (let x = 0; x < n; x++) if (best[x]) result.push(x);
  return result;
}


class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(value: number): void {
    const a = this.items;
    let i = a.push(value) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= value) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = value;
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= a.length) break;
        if (child + 1 < a.length && a[child + 1]! < a[child]!) child++;
        if (a[child]! >= last) break;
        a[i] = a[child]!;
        i = child;
      }
      a[i] = last;
    }
    return top;
  }
}

// ---------------------------------------------------------------------------------------------
// Exact branch and bound on bitsets (groups up to exactLimit desks)

/** Conflict reasoning is only worth its cost when this few conflicts would prune the node. */
const MAX_CONFLICTS_SOUGHT = 6;

const OUT_OF_BUDGET: unique symbol = Symbol('max-headcount: node budget exhausted');

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

function lowestBit(word: number): number {
  return 31 - Math.clz32(word & -word);
}

function isEmpty(set: Uint32Array): boolean {
  for (let k = 0; k < set.length; k++) if (set[k] !== 0) return false;
  return true;
}

function countBits(set: Uint32Array): number {
  let c = 0;
  for (let k = 0; k < set.length; k++) c += popcount(set[k]!);
  return c;
}

function removeBit(set: Uint32Array, v: number): void {
  set[v >>> 5]! &= ~(1 << (v & 31));
}

/**
 * Vertices are local indices 0..n-1; a set of them is a bitset of 32-bit words. `p` is always
 * the set of desks still undecided; every call owns the bitsets it is given.
 */
class ExactSolver {
  private readonly words: number;
  /** Open neighbourhoods N(v) and closed ones N[v] = N(v) ∪ {v}. */
  private readonly open: Uint32Array[];
  private readonly closed: Uint32Array[];
  private readonly lists: readonly (readonly number[])[];
  private nodes = 0;
  // Scratch for the latest clique cover and the conflict search over it (never re-entered).
  private readonly cliqueOf: Int32Array;
  private readonly coverStamp: Int32Array;
  private coverId = 0;
  private readonly members: Int32Array;
  private readonly cliqueStart: Int32Array;
  private readonly cliqueLeft: Int32Array;
  private readonly leftStamp: Int32Array;
  private readonly inConflict: Int32Array;
  private readonly used: Uint8Array;
  private readonly cut: Int32Array;
  private readonly reason: Int32Array;
  private cutId = 0;

  constructor(
    adjacency: readonly (readonly number[])[],
    private readonly nodeBudget: number,
  ) {
    this.words = (adjacency.length + 31) >>> 5;
    this.open = adjacency.map((list) => {
      const set = new Uint32Array(this.words);
      for (const u of list) set[u >>> 5]! |= 1 << (u & 31);
      return set;
    });
    const n = adjacency.length;
    this.lists = adjacency;
    this.cliqueOf = new Int32Array(n);
    this.coverStamp = new Int32Array(n);
    this.members = new Int32Array(n);
    this.cliqueStart = new Int32Array(n + 1);
    this.cliqueLeft = new Int32Array(n);
    this.leftStamp = new Int32Array(n);
    this.inConflict = new Int32Array(n);
    this.used = new Uint8Array(n);
    this.cut = new Int32Array(n);
    this.reason = new Int32Array(n);
    this.closed = this.open.map((set, v) => {
      const c = set.slice();
      c[v >>> 5]! |= 1 << (v & 31);
      return c;
    });
  }

  /** A maximum independent set if it is larger than `lowerBound`, else null (the bound is optimal). */
  maximumBeyond(lowerBound: number): number[] | null {
    const all = new Uint32Array(this.words);
    for (let v = 0; v < this.open.length; v++) all[v >>> 5]! |= 1 << (v & 31);
    return this.solve(all, lowerBound, all.slice());
  }

  /**
   * A maximum independent set of the graph induced by `p` if its size exceeds `lb`, else null.
   * `dirty` holds the vertices a reduction might now apply to: all of them at the root, and
   * afterwards only those near the vertices the branch removed.
   */
  private solve(p: Uint32Array, lb: number, dirty: Uint32Array): number[] | null {
    if (++this.nodes > this.nodeBudget) throw OUT_OF_BUDGET;
    const taken: number[] = [];
    this.reduce(p, taken, dirty);
    const need = lb - taken.length; // what the undecided desks must beat
    if (isEmpty(p)) return taken.length > lb ? taken : null;
    if (this.upperBound(p, need) <= need) return null;

    const parts = this.components(p);
    if (parts.length > 1) {
      const rest = this.solveApart(parts, need);
      return rest ? taken.concat(rest) : null;
    }

    // Branch on the desk that blocks the most others: it stays empty, or it is booked.
    const { words, closed } = this;
    const v = this.maxDegreeVertex(p);
    const withV = new Uint32Array(words);
    const dirtyWithV = new Uint32Array(words);
    const closedV = closed[v]!;
    for (let k = 0; k < words; k++) withV[k] = p[k]! & ~closedV[k]!;
    for (let k = 0; k < words; k++) {
      let bits = closedV[k]! & p[k]!;
      while (bits !== 0) {
        this.markAround((k << 5) | lowestBit(bits), withV, dirtyWithV);
        bits &= bits - 1;
      }
    }

    // When v stays empty, some optimum also leaves its mirrors empty.
    const leftOut = this.mirrorsOf(v, p);
    leftOut.push(v);
    for (const u of leftOut) removeBit(p, u);
    const dirtyWithoutV = new Uint32Array(words);
    for (const u of leftOut) this.markAround(u, p, dirtyWithoutV);

    let best = this.solve(p, need, dirtyWithoutV);
    const including = this.solve(withV, best ? best.length - 1 : need - 1, dirtyWithV);
    if (including) {
      including.push(v);
      best = including;
    }
    return best ? taken.concat(best) : null;
  }

  /**
   * Parts with no conflicts between them add up. Smaller parts are solved first; each must beat
   * what is needed given the exact answers so far and the clique-cover bound of those to come.
   */
  private solveApart(parts: Uint32Array[], need: number): number[] | null {
    parts.sort((a, b) => countBits(a) - countBits(b));
    const bounds = parts.map((part) => this.cliqueCover(part));
    let boundOfRest = bounds.reduce((s, b) => s + b, 0);
    const found: number[] = [];
    for (let i = 0; i < parts.length; i++) {
      boundOfRest -= bounds[i]!;
      const partNeed = Math.max(-1, need - found.length - boundOfRest);
      // Splitting creates no new reductions, so nothing is dirty.
      const best = this.solve(parts[i]!, partNeed, new Uint32Array(this.words));
      if (!best) return null;
      for (const v of best) found.push(v);
    }
    return found.length > need ? found : null;
  }

  /**
   * Reductions that keep an optimum: a desk blocking nobody is booked; a desk blocking one other
   * is booked and that other left empty; a desk v with a neighbour u whose N[u] ⊆ N[v] is left
   * empty, since any set using v can use u instead. Each removal can only enable reductions
   * within two steps of it, so only those desks are looked at again.
   */
  private reduce(p: Uint32Array, taken: number[], dirty: Uint32Array): void {
    const { words, open } = this;
    for (;;) {
      let v = -1;
      for (let k = 0; k < words; k++) {
        const bits = dirty[k]! & p[k]!;
        if (bits !== 0) {
          v = (k << 5) | lowestBit(bits);
          break;
        }
      }
      if (v < 0) return;
      removeBit(dirty, v);

      const nv = open[v]!;
      let degree = 0;
      let neighbour = -1;
      for (let k = 0; k < words && degree < 2; k++) {
        const x = nv[k]! & p[k]!;
        if (x !== 0) {
          degree += popcount(x);
          neighbour = (k << 5) | lowestBit(x);
        }
      }
      if (degree <= 1) {
        taken.push(v);
        removeBit(p, v);
        this.markAround(v, p, dirty);
        if (degree === 1) {
          removeBit(p, neighbour);
          this.markAround(neighbour, p, dirty);
        }
      } else if (this.isDominated(v, p)) {
        removeBit(p, v);
        this.markAround(v, p, dirty);
      }
    }
  }

  private isDominated(v: number, p: Uint32Array): boolean {
    const { words, open, closed } = this;
    const nv = open[v]!;
    const cv = closed[v]!;
    for (let k = 0; k < words; k++) {
      let nb = nv[k]! & p[k]!;
      while (nb !== 0) {
        const cu = closed[(k << 5) | lowestBit(nb)]!;
        nb &= nb - 1;
        let subset = true;
        for (let j = 0; j < words; j++) {
          if ((cu[j]! & p[j]! & ~cv[j]!) !== 0) {
            subset = false;
            break;
          }
        }
        if (subset) return true;
      }
    }
    return false;
  }

  /** Marks the desks in `p` within two steps of the removed desk x (where reductions may now apply). */
  private markAround(x: number, p: Uint32Array, dirty: Uint32Array): void {
    const { words, open, closed } = this;
    const nx = open[x]!;
    for (let k = 0; k < words; k++) {
      let nb = nx[k]! & p[k]!;
      while (nb !== 0) {
        const cu = closed[(k << 5) | lowestBit(nb)]!;
        nb &= nb - 1;
        for (let j = 0; j < words; j++) dirty[j]! |= cu[j]! & p[j]!;
      }
    }
  }

  /**
   * Desks u two steps from v such that N(v) \ N(u) is a clique. An optimum without v either
   * books two desks of N(v) not both next to u, or can swap one of them for v; so if v is left
   * empty, u can be left empty too (Fomin, Grandoni and Kratsch's mirror branching).
   */
  private mirrorsOf(v: number, p: Uint32Array): number[] {
    const { words, open, closed } = this;
    const nv = open[v]!;
    const cv = closed[v]!;
    const twoSteps = new Uint32Array(words);
    for (let k = 0; k < words; k++) {
      let nb = nv[k]! & p[k]!;
      while (nb !== 0) {
        const nx = open[(k << 5) | lowestBit(nb)]!;
        nb &= nb - 1;
        for (let j = 0; j < words; j++) twoSteps[j]! |= nx[j]! & p[j]! & ~cv[j]!;
      }
    }
    const mirrors: number[] = [];
    const rest = new Uint32Array(words);
    for (let k = 0; k < words; k++) {
      let candidates = twoSteps[k]!;
      while (candidates !== 0) {
        const u = (k << 5) | lowestBit(candidates);
        candidates &= candidates - 1;
        const nu = open[u]!;
        for (let j = 0; j < words; j++) rest[j] = nv[j]! & p[j]! & ~nu[j]!;
        if (this.isClique(rest)) mirrors.push(u);
      }
    }
    return mirrors;
  }

  private isClique(set: Uint32Array): boolean {
    const { words, closed } = this;
    for (let k = 0; k < words; k++) {
      let bits = set[k]!;
      while (bits !== 0) {
        const cx = closed[(k << 5) | lowestBit(bits)]!;
        bits &= bits - 1;
        for (let j = 0; j < words; j++) if ((set[j]! & ~cx[j]!) !== 0) return false;
      }
    }
    return true;
  }

  /**
   * Desks that all conflict with each other hold at most one person, so the number of cliques
   * in a cover of `p` bounds the answer. Greedy cover: each clique starts at the lowest free
   * desk and grows by the candidate that keeps the most candidates. Stops once past `stopAbove`.
   */
  private cliqueCover(p: Uint32Array, stopAbove = Infinity): number {
    const { words, open } = this;
    const { cliqueOf, coverStamp, members, cliqueStart } = this;
    const stamp = ++this.coverId;
    const uncovered = p.slice();
    const candidates = new Uint32Array(words);
    let cliques = 0;
    let filled = 0;
    const record = (v: number): void => {
      cliqueOf[v] = cliques - 1;
      coverStamp[v] = stamp;
      members[filled++] = v;
    };
    for (let w = 0; w < words; w++) {
      while (uncovered[w] !== 0) {
        cliqueStart[cliques] = filled;
        if (++cliques > stopAbove) return cliques;
        const v = (w << 5) | lowestBit(uncovered[w]!);
        removeBit(uncovered, v);
        record(v);
        // Words before w are all covered already.
        const nv = open[v]!;
        let left = 0;
        for (let k = w; k < words; k++) {
          candidates[k] = uncovered[k]! & nv[k]!;
          left += popcount(candidates[k]!);
        }
        while (left > 0) {
          let u = -1;
          let keeps = -1;
          for (let k = w; k < words && keeps < left - 1; k++) {
            let bits = candidates[k]!;
            while (bits !== 0) {
              const c = (k << 5) | lowestBit(bits);
              bits &= bits - 1;
              const nc = open[c]!;
              let keep = 0;
              for (let j = w; j < words; j++) keep += popcount(candidates[j]! & nc[j]!);
              if (keep > keeps) {
                keeps = keep;
                u = c;
              }
            }
          }
          removeBit(uncovered, u);
          record(u);
          const nu = open[u]!;
          for (let k = w; k < words; k++) candidates[k]! &= nu[k]!;
          left = keeps;
        }
      }
    }
    cliqueStart[cliques] = filled;
    return cliques;
  }

  /**
   * The clique-cover bound, tightened by finding disjoint sets of cliques that cannot all hold
   * one person each (MaxSAT-style conflict reasoning, as in Li and Quan's max-clique solvers):
   * each such set of s cliques holds at most s − 1, so each one found lowers the bound by one.
   * Only tried when a few such sets would be enough to prune.
   */
  private upperBound(p: Uint32Array, need: number): number {
    const cliques = this.cliqueCover(p, need + MAX_CONFLICTS_SOUGHT);
    if (cliques <= need || cliques > need + MAX_CONFLICTS_SOUGHT) return cliques;
    const { cliqueStart, used } = this;
    used.fill(0, 0, cliques);
    let bound = cliques;
    // Singletons first (their desk is forced at once), then pairs, whose two desks both fail.
    for (let size = 1; size <= 2; size++) {
      for (let c = 0; c < cliques; c++) {
        if (used[c] || cliqueStart[c + 1]! - cliqueStart[c]! !== size) continue;
        if (this.findConflict(c)) {
          if (--bound <= need) return bound;
        }
      }
    }
    return bound;
  }

  /**
   * Tries every desk of clique `start` as its one person and propagates: a clique left with one
   * usable desk must use it, and its neighbours become unusable. When every choice empties some
   * clique, the cliques involved cannot all hold one person; marks them used and returns true.
   */
  private findConflict(start: number): boolean {
    const { members, cliqueStart, used, inConflict } = this;
    const conflictId = start + 1;
    const involved: number[] = [start];
    inConflict[start] = conflictId;
    for (let i = cliqueStart[start]!; i < cliqueStart[start + 1]!; i++) {
      const reasons = this.propagateFrom(members[i]!, start);
      if (!reasons) {
        for (const c of involved) if (inConflict[c] === conflictId) inConflict[c] = 0;
        return false;
      }
      for (const c of reasons) {
        if (inConflict[c] !== conflictId) {
          inConflict[c] = conflictId;
          involved.push(c);
        }
      }
    }
    for (const c of involved) {
      used[c] = 1;
      inConflict[c] = 0;
    }
    return true;
  }

  /**
   * Unit propagation from "desk v is the one person of clique `start`". Returns the cliques a
   * contradiction (a clique with no usable desk left) was derived from, or null if none arises.
   */
  private propagateFrom(v: number, start: number): number[] | null {
    const { lists, cliqueOf, coverStamp, members, cliqueStart, cliqueLeft, leftStamp, used, cut, reason } =
      this;
    const stamp = this.coverId;
    const cutStamp = ++this.cutId;
    const leftOf = (c: number): number => {
      if (leftStamp[c] !== cutStamp) {
        leftStamp[c] = cutStamp;
        cliqueLeft[c] = cliqueStart[c + 1]! - cliqueStart[c]!;
      }
      return cliqueLeft[c]!;
    };
    // The other desks of the start clique are out by assumption, not by a reason.
    for (let i = cliqueStart[start]!; i < cliqueStart[start + 1]!; i++) {
      const u = members[i]!;
      if (u !== v) {
        cut[u] = cutStamp;
        reason[u] = -1;
      }
    }
    leftStamp[start] = cutStamp;
    cliqueLeft[start] = 1;
    const forced = [v];
    for (let f = 0; f < forced.length; f++) {
      const x = forced[f]!;
      const from = cliqueOf[x]!;
      for (const u of lists[x]!) {
        if (coverStamp[u] !== stamp || cut[u] === cutStamp) continue;
        const c = cliqueOf[u]!;
        if (used[c]) continue;
        cut[u] = cutStamp;
        reason[u] = from;
        const left = leftOf(c) - 1;
        cliqueLeft[c] = left;
        if (left === 0) return this.reasonsFor(c, start, cutStamp);
        if (left === 1) {
          for (let i = cliqueStart[c]!; i < cliqueStart[c + 1]!; i++) {
            const w = members[i]!;
            if (cut[w] !== cutStamp) {
              forced.push(w);
              break;
            }
          }
        }
      }
    }
    return null;
  }

  /** The cliques the emptying of `empty` follows from: it, and recursively whatever cut its desks. */
  private reasonsFor(empty: number, start: number, cutStamp: number): number[] {
    const { members, cliqueStart, cut, reason } = this;
    const seen = new Set<number>([empty, start]);
    const stack = [empty];
    while (stack.length > 0) {
      const c = stack.pop()!;
      for (let i = cliqueStart[c]!; i < cliqueStart[c + 1]!; i++) {
        const u = members[i]!;
        if (cut[u] !== cutStamp) continue;
        const r = reason[u]!;
        if (r >= 0 && !seen.has(r)) {
          seen.add(r);
          stack.push(r);
        }
      }
    }
    return [...seen];
  }

  private components(p: Uint32Array): Uint32Array[] {
    const { words, open } = this;
    const rest = p.slice();
    const parts: Uint32Array[] = [];
    const stack: number[] = [];
    for (let w = 0; w < words; w++) {
      while (rest[w] !== 0) {
        const start = (w << 5) | lowestBit(rest[w]!);
        const part = new Uint32Array(words);
        removeBit(rest, start);
        part[w]! |= 1 << (start & 31);
        stack.push(start);
        while (stack.length > 0) {
          const nx = open[stack.pop()!]!;
          for (let k = 0; k < words; k++) {
            let fresh = nx[k]! & rest[k]!;
            if (fresh === 0) continue;
            rest[k]! &= ~fresh;
            part[k]! |= fresh;
            while (fresh !== 0) {
              stack.push((k << 5) | lowestBit(fresh));
              fresh &= fresh - 1;
            }
          }
        }
        parts.push(part);
      }
    }
    return parts;
  }

  /** Ties go to the lowest index, i.e. the smallest desk id. */
  private maxDegreeVertex(p: Uint32Array): number {
    const { words, open } = this;
    let best = -1;
    let bestDegree = -1;
    for (let w = 0; w < words; w++) {
      let bits = p[w]!;
      while (bits !== 0) {
        const v = (w << 5) | lowestBit(bits);
        bits &= bits - 1;
        const nv = open[v]!;
        let degree = 0;
        for (let k = 0; k < words; k++) degree += popcount(nv[k]! & p[k]!);
        if (degree > bestDegree) {
          bestDegree = degree;
          best = v;
        }
      }
    }
    return best;
  }
}
