/**
 * Timings of maxSafeHeadcount on realistic and adversarial floors.
 * Run: npx tsx bench/max-headcount-bench.ts
 */
import { performance } from 'node:perf_hooks';
import { maxSafeHeadcount } from '../src/domain/max-headcount';
import type { Desk } from '../src/domain/model';

function desk(id: string, x: number, y: number, floorId = 'f1'): Desk {
  return { id, floorId, zoneId: 'z1', label: id, x, y, attributes: [], mode: 'bookable' };
}

/** Seeded PRNG so every run measures the same floors. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function grid(rows: number, cols: number, pitchX: number, pitchY = pitchX, jitter = 0, seed = 1): Desk[] {
  const rnd = mulberry32(seed);
  const desks: Desk[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const jx = jitter ? (rnd() - 0.5) * 2 * jitter : 0;
      const jy = jitter ? (rnd() - 0.5) * 2 * jitter : 0;
      desks.push(desk(`g-${String(r).padStart(3, '0')}-${String(c).padStart(3, '0')}`, c * pitchX + jx, r * pitchY + jy));
    }
  }
  return desks;
}

/** Benches of desks facing each other in pairs: `benches` benches, each `length` pairs long. */
function pairBenches(benches: number, length: number, pitch: number, facing: number, aisle: number, jitter = 0, seed = 2): Desk[] {
  const rnd = mulberry32(seed);
  const j = (): number => (jitter ? (rnd() - 0.5) * 2 * jitter : 0);
  const desks: Desk[] = [];
  for (let b = 0; b < benches; b++) {
    const y0 = b * (facing + aisle);
    for (let i = 0; i < length; i++) {
      desks.push(desk(`b${b}-${i}-a`, i * pitch + j(), y0 + j()));
      desks.push(desk(`b${b}-${i}-b`, i * pitch + j(), y0 + facing + j()));
    }
  }
  return desks;
}

/** Clusters of `size` desks (2 rows) scattered across a floor, close enough to touch sometimes. */
function clusters(count: number, size: number, seed: number, spread: number): Desk[] {
  const rnd = mulberry32(seed);
  const desks: Desk[] = [];
  for (let k = 0; k < count; k++) {
    const cx = rnd() * spread;
    const cy = rnd() * spread;
    const half = size / 2;
    for (let i = 0; i < size; i++) {
      desks.push(desk(`c${k}-${i}`, cx + (i % half) * 1.6, cy + Math.floor(i / half) * 1.4));
    }
  }
  return desks;
}

function triangular(rows: number, cols: number, pitch: number): Desk[] {
  const desks: Desk[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      desks.push(desk(`t-${r}-${c}`, c * pitch + (r % 2) * (pitch / 2), (r * pitch * Math.sqrt(3)) / 2));
    }
  }
  return desks;
}

function uniform(n: number, width: number, height: number, seed: number): Desk[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => desk(`u-${i}`, rnd() * width, rnd() * height));
}

function run(name: string, desks: Desk[], d: number, options?: { exactLimit?: number; nodeBudget?: number }): void {
  maxSafeHeadcount(desks, d, options); // warm-up
  const repeats = 3;
  let ms = Infinity;
  let result = maxSafeHeadcount(desks, d, options);
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    result = maxSafeHeadcount(desks, d, options);
    ms = Math.min(ms, performance.now() - t0);
  }
  const biggest = Math.max(0, ...result.groups.filter((g) => g.size > 1 || result.groups.length === 1).map((g) => g.size));
  const greedyGroups = result.groups.filter((g) => g.method === 'greedy').length;
  console.log(
    `${name.padEnd(58)} n=${String(desks.length).padStart(5)} D=${d.toFixed(2)} largest group=${String(biggest).padStart(4)} ` +
      `count=${String(result.count).padStart(4)} ${result.method.padEnd(6)} greedy groups=${greedyGroups}  ${ms.toFixed(1)} ms`,
  );
}

console.log('maxSafeHeadcount timings (best of 3, after one warm-up)');
run('grid 10×20, pitch 1.6, D 2 (checkerboard, 100)', grid(10, 20, 1.6), 2);
run('grid 10×20, pitch 1, D 1.1 (checkerboard, 100)', grid(10, 20, 1), 1.1);
run('grid 10×20, pitch 1.6, D 2.5 (king graph, 50)', grid(10, 20, 1.6), 2.5);
run('grid 10×20, pitch 1.6×1.4, D 2 ±0.15 jitter', grid(10, 20, 1.6, 1.4, 0.15, 7), 2);
run('grid 10×20, pitch 1.2×1.6, D 2 ±0.2 jitter', grid(10, 20, 1.2, 1.6, 0.2, 8), 2);
run('grid 10×20, pitch 1.5, D 1.8 ±0.3 jitter', grid(10, 20, 1.5, 1.5, 0.3, 9), 1.8);
run('pair benches 5×20 pairs, pitch 1.6, facing 0.8, aisle 1.2, D 2', pairBenches(5, 20, 1.6, 0.8, 1.2), 2);
run('pair benches 5×20 pairs, pitch 1.4, facing 0.9, aisle 1.4, D 1.8', pairBenches(5, 20, 1.4, 0.9, 1.4), 1.8);
run('pair benches 5×20 jittered ±0.15, pitch 1.5, D 2', pairBenches(5, 20, 1.5, 0.8, 1.3, 0.15, 5), 2);
run('triangular lattice 10×20, pitch 1.6, D 2', triangular(10, 20, 1.6), 2);
run('triangular lattice 10×20, pitch 1.6, D 2.9', triangular(10, 20, 1.6), 2.9);
run('uniform 200 desks on 20×20 m, D 2', uniform(200, 20, 20, 11), 2);
run('uniform 200 desks on 18×18 m, D 2', uniform(200, 18, 18, 12), 2);
run('uniform 200 desks on 15×15 m, D 2', uniform(200, 15, 15, 13), 2);
run('clusters of 6 (×170), 1,020 desks on 70×70 m, D 2', clusters(170, 6, 3, 70), 2);
run('clusters of 8 (×125), 1,000 desks on 60×60 m, D 1.8', clusters(125, 8, 4, 60), 1.8);
run('grid 25×40 = 1,000 desks, pitch 1.6, D 2 (one group, greedy)', grid(25, 40, 1.6), 2);
run('grid 25×40 ±0.2 jitter, pitch 1.5, D 1.8 (one group, greedy)', grid(25, 40, 1.5, 1.5, 0.2, 10), 1.8);
run('pair benches 25×20 = 1,000 desks, D 2', pairBenches(25, 20, 1.6, 0.8, 1.2), 2);
run('uniform 1,000 desks on 45×45 m, D 2', uniform(1000, 45, 45, 14), 2);
run('uniform 5,000 desks on 100×100 m, D 2', uniform(5000, 100, 100, 15), 2);
