import { mulberry32 } from '../seeded-random';
import { MinHeap } from './min-heap';

// Greedy and local search: an answer for a group of any size, not proven maximum.

/** Repeatedly books the desk that blocks the fewest others; ties go to the lowest index. */
export function minDegreeGreedy(adjacency: readonly (readonly number[])[]): number[] {
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
export const PERTURBATIONS_PER_DESK = 30;
export const MAX_PERTURBATIONS = 100_000;

/**
 * Iterated local search (after Andrade, Resende and Werneck). The local step is a (1,2)-swap:
 * drop one booked desk x and book two of its neighbours that only x was blocking and that do
 * not block each other (then any desk left free). Between local searches, one unbooked desk is
 * forced in and its booked neighbours dropped; the change is kept unless it lost desks. The
 * random choices come from a fixed seed, so the answer is the same on every run.
 */
export function localSearch(
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
