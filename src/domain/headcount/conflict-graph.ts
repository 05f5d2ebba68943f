import { tooClose } from '../geometry';
import type { Desk } from '../model';
import { HeadcountInputError } from './headcount-input-error';

// The "closer than D" graph of a floor's bookable desks, its connected groups, and the order
// both searches visit a group in.

/** Code-unit order, so the same ids sort the same way on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Only bookable desks can hold anyone. Sorting by id makes every tie below break by desk id and
 * the answer independent of input order; an id listed twice is one desk (its first bookable entry).
 */
export function bookableDesksById(desks: readonly Desk[]): Desk[] {
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
export function conflictGraph(desks: readonly Desk[], minDistanceM: number): number[][] {
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
export function connectedComponents(adjacency: readonly (readonly number[])[]): number[][] {
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
export function localGraph(vertices: readonly number[], adjacency: readonly (readonly number[])[]): number[][] {
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
export function sweepOrder(desks: readonly Desk[], minDistanceM: number): number[] {
  const band = desks.map((d) => Math.floor((2 * d.y) / minDistanceM));
  return desks
    .map((_, i) => i)
    .sort((a, b) => band[a]! - band[b]! || desks[a]!.x - desks[b]!.x || desks[a]!.y - desks[b]!.y || a - b);
}
