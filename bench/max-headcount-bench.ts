/**
 * How long maxSafeHeadcount takes on realistic and adversarial floors, measured in this run.
 * Run: npx tsx bench/max-headcount-bench.ts
 */
import { performance } from 'node:perf_hooks';
import { maxSafeHeadcount, type HeadcountOptions, type HeadcountResult } from '../src/domain/headcount';
import type { Desk } from '../src/domain/model';
import { mulberry32 } from '../src/domain/seeded-random';

function desk(id: string, x: number, y: number): Desk {
  return { id, floorId: 'f1', zoneId: 'z1', label: id, x, y, attributes: [], mode: 'bookable' };
}


/** Desk ids in random order (like GUIDs), so nothing depends on ids following the layout. */
function randomIds(desks: Desk[], seed: number): Desk[] {
  const rnd = mulberry32(seed);
  return desks.map((d) => ({ ...d, id: `${Math.floor(rnd() * 1e9).toString(36)}-${d.id}` }));
}

function grid(
  rows: number,
  cols: number,
  pitchX: number,
  pitchY = pitchX,
  jitter = 0,
  seed = 1,
  staggered = false,
): Desk[] {
  const rnd = mulberry32(seed);
  const j = (): number => (jitter ? (rnd() - 0.5) * 2 * jitter : 0);
  const desks: Desk[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const shift = staggered && r % 2 ? pitchX / 2 : 0;
      desks.push(desk(`g${r}-${c}`, c * pitchX + shift + j(), r * pitchY + j()));
    }
  }
  return desks;
}

/** `benches` benches of `length` facing pairs: `pitch` along, `facing` across, `aisle` between benches. */
function pairBenches(
  benches: number,
  length: number,
  pitch: number,
  facing: number,
  aisle: number,
  jitter = 0,
  seed = 2,
): Desk[] {
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

/** `count` clusters of `size` desks in two rows (1.6 m × 1.4 m), dropped at random on a square floor. */
function clusters(count: number, size: number, spread: number, seed: number): Desk[] {
  const rnd = mulberry32(seed);
  const desks: Desk[] = [];
  for (let k = 0; k < count; k++) {
    const cx = rnd() * spread;
    const cy = rnd() * spread;
    for (let i = 0; i < size; i++)
      desks.push(desk(`c${k}-${i}`, cx + (i % (size / 2)) * 1.6, cy + Math.floor(i / (size / 2)) * 1.4));
  }
  return desks;
}

function uniform(n: number, side: number, seed: number): Desk[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => desk(`u${i}`, rnd() * side, rnd() * side));
}

function time(
  desks: Desk[],
  d: number,
  options?: HeadcountOptions,
  repeats = 3,
): { ms: number; result: HeadcountResult } {
  let result = maxSafeHeadcount(desks, d, options); // warm-up
  let ms = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    result = maxSafeHeadcount(desks, d, options);
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, result };
}

function describe(result: HeadcountResult): string {
  const largest = Math.max(0, ...result.groups.filter((g) => g.count < g.size).map((g) => g.size));
  const greedy = result.groups.filter((g) => g.method === 'greedy').length;
  return `largest group ${String(largest).padStart(4)}  count ${String(result.count).padStart(4)}  ${result.method.padEnd(6)}${greedy ? ` (${greedy} greedy)` : ''}`;
}

function run(name: string, desks: Desk[], d: number, options?: HeadcountOptions, repeats = 3): void {
  const { ms, result } = time(desks, d, options, repeats);
  console.log(
    `${name.padEnd(64)} ${String(desks.length).padStart(5)} desks  ${describe(result)}  ${ms.toFixed(1).padStart(8)} ms`,
  );
}

/** Many random irregular floors of one kind: the median and the worst time. */
function sweep(
  name: string,
  floors: number,
  make: (rnd: () => number, i: number) => { desks: Desk[]; d: number },
): void {
  const rnd = mulberry32(floors * 31 + name.length);
  const times: number[] = [];
  let worst = { ms: -1, label: '' };
  let greedy = 0;
  for (let i = 0; i < floors; i++) {
    const { desks, d } = make(rnd, i);
    const { ms, result } = time(desks, d, undefined, 1);
    times.push(ms);
    if (result.method !== 'exact') greedy++;
    if (ms > worst.ms) worst = { ms, label: describe(result) };
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(64)} ${floors} floors: median ${times[floors >> 1]!.toFixed(1)} ms, worst ${worst.ms.toFixed(1)} ms ` +
      `(${worst.label.trim()}), not exact: ${greedy}`,
  );
}

console.log('maxSafeHeadcount — best of 3 after a warm-up unless stated\n');
console.log('200-desk groups, solved exactly (default exactLimit 200)');
run('grid 10×20, pitch 1 m, D 1.1 m (checkerboard: 100)', grid(10, 20, 1), 1.1);
run('grid 10×20, pitch 1.6 m, D 2 m (checkerboard: 100)', grid(10, 20, 1.6), 2);
run('grid 10×20, pitch 1.6 m, D 2.5 m (diagonals conflict: 50)', grid(10, 20, 1.6), 2.5);
run('benches 5×20 facing pairs, 1.6 m along, 0.8 m across, D 2 m (50)', pairBenches(5, 20, 1.6, 0.8, 1.2), 2);
run('benches 5×20 facing pairs, jittered ±15 cm, D 2 m', pairBenches(5, 20, 1.5, 0.8, 1.3, 0.15, 5), 2);
run('grid 10×20, 1.6 × 1.4 m, jittered ±15 cm, D 2 m', grid(10, 20, 1.6, 1.4, 0.15, 7), 2);
run('same, desk ids in random order', randomIds(grid(10, 20, 1.6, 1.4, 0.15, 7), 3), 2);
run('staggered rows 10×20, pitch 1.6 m, D 2 m', grid(10, 20, 1.6, 1.6 * 0.866, 0, 1, true), 2);
run('uniform 200 desks on 15 × 15 m, D 2 m', uniform(200, 15, 13), 2);

console.log(
  '\nRandom irregular 200-desk floors (random ids, pitch 1.2–1.8 m, D 1.5–2 m, jitter up to 35 cm)',
);
sweep('jittered grids 10×20', 100, (rnd, i) => {
  const px = 1.2 + rnd() * 0.6;
  const py = 1.2 + rnd() * 0.8;
  return { desks: randomIds(grid(10, 20, px, py, rnd() * 0.35, i, rnd() < 0.3), i), d: 1.5 + rnd() * 0.5 };
});
sweep('jittered grids 14×14', 100, (rnd, i) => {
  const px = 1.2 + rnd() * 0.6;
  const py = 1.2 + rnd() * 0.8;
  return { desks: randomIds(grid(14, 14, px, py, rnd() * 0.35, i, rnd() < 0.3), i), d: 1.5 + rnd() * 0.5 };
});
sweep('dense: D 2.2–3.2 × pitch (15–30 close neighbours each)', 30, (rnd, i) => {
  const pitch = 0.9;
  return {
    desks: randomIds(grid(10, 20, pitch, pitch, rnd() * 0.25, i, rnd() < 0.4), i),
    d: pitch * (2.2 + rnd()),
  };
});

console.log('\n1,000+ desk floors');
run('170 clusters of 6 at random, 70 × 70 m, D 2 m', clusters(170, 6, 70, 3), 2);
run('125 clusters of 8 at random, 60 × 60 m, D 1.8 m', clusters(125, 8, 60, 4), 1.8);
run('open plan 25×40 grid, pitch 1.6 m, D 2 m (one group)', grid(25, 40, 1.6), 2);
run('open plan 25×40 grid, pitch 1.5 m, ±20 cm, D 1.8 m (one group)', grid(25, 40, 1.5, 1.5, 0.2, 10), 1.8);
run('benches 25×20 facing pairs, D 2 m (one group)', pairBenches(25, 20, 1.6, 0.8, 1.2), 2);
run('uniform 1,000 desks on 45 × 45 m, D 2 m', uniform(1000, 45, 14), 2);
run('uniform 5,000 desks on 100 × 100 m, D 2 m', uniform(5000, 100, 15), 2);

console.log('\nWhat the node budget costs when a group is out of reach (exactLimit raised to 300)');
const hopeless = grid(15, 20, 1, 0.83, 0, 1, true);
run('staggered 15×20, pitch 1 m, D 2.34 m, exactLimit 300', hopeless, 2.34, { exactLimit: 300 }, 1);
