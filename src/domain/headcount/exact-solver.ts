import * as bitsets from './bitsets';

// Bound once to local names: these run in the innermost loops, and under tsx (esbuild) an imported name is read
// through a getter on every call, which made the search twice as slow as when they lived in this file.
const { countBits, isEmpty, lowestBit, popcount, removeBit } = bitsets;

// Exact branch and bound on bitsets, for groups of up to exactLimit desks. It is one algorithm,
// and its pruning steps share the solver's scratch state, so it stays one file.

/** Conflict reasoning is only worth its cost when this few conflicts would prune the node. */
const MAX_CONFLICTS_SOUGHT = 6;

export const OUT_OF_BUDGET: unique symbol = Symbol('max-headcount: node budget exhausted');

/**
 * Vertices are local indices 0..n-1; a set of them is a bitset of 32-bit words. `p` is always
 * the set of desks still undecided; every call owns the bitsets it is given.
 */
export class ExactSolver {
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
