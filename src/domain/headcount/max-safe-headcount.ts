import type { Desk } from '../model';
import {
  bookableDesksById,
  compareIds,
  conflictGraph,
  connectedComponents,
  localGraph,
  sweepOrder,
} from './conflict-graph';
import { ExactSolver, OUT_OF_BUDGET } from './exact-solver';
import { localSearch, MAX_PERTURBATIONS, minDegreeGreedy, PERTURBATIONS_PER_DESK } from './greedy-local-search';
import { HeadcountInputError } from './headcount-input-error';

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
