/**
 * How long the safe-headcount plan takes (distance, plus zone capacities in people), and whether it is proven, on
 * realistic floors split in zones. Run: npx tsx bench/headcount-plan-bench.ts
 */
import { performance } from 'node:perf_hooks';
import { safeHeadcountPlan, type SafeHeadcountPlan } from '../src/domain/headcount';
import type { Desk } from '../src/domain/model';
import type { ZoneCapacityRule } from '../src/domain/policy';
import { mulberry32 } from '../src/domain/seeded-random';

/** `rows` × `cols` desks, split in `zones` vertical strips, ids in random order (like GUIDs). */
function floor(rows: number, cols: number, pitchX: number, pitchY: number, zones: number, jitter: number, seed: number): Desk[] {
  const rnd = mulberry32(seed);
  const desks: Desk[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const zone = `z${Math.floor((c * zones) / cols)}`;
      const id = `${Math.floor(rnd() * 1e9).toString(36)}-${r}-${c}`;
      desks.push({ id, floorId: 'f1', zoneId: zone, label: id, x: c * pitchX + (rnd() - 0.5) * 2 * jitter, y: r * pitchY + (rnd() - 0.5) * 2 * jitter, attributes: [], mode: 'bookable' });
    }
  }
  return desks;
}

const people = (zones: number, value: number): Map<string, ZoneCapacityRule> => new Map(Array.from({ length: zones }, (_, z) => [`z${z}`, { kind: 'count', value }]));
const percent = (zones: number, value: number): Map<string, ZoneCapacityRule> => new Map(Array.from({ length: zones }, (_, z) => [`z${z}`, { kind: 'percent', value }]));

const cases: { name: string; desks: Desk[]; d: number; caps: Map<string, ZoneCapacityRule> }[] = [
  { name: '200 desks, 1.6 × 1.4 m, 4 zones, D 2 m, 50 %', desks: floor(10, 20, 1.6, 1.4, 4, 0.15, 1), d: 2, caps: percent(4, 50) },
  { name: '200 desks, 1.6 × 1.4 m, 4 zones, D 2 m, 10 people a zone', desks: floor(10, 20, 1.6, 1.4, 4, 0.15, 1), d: 2, caps: people(4, 10) },
  { name: '240 desks, 1.1 × 1.3 m, 3 zones, D 1.5 m, 15 people a zone', desks: floor(12, 20, 1.1, 1.3, 3, 0.1, 2), d: 1.5, caps: people(3, 15) },
  { name: '60 desks, 1 × 1 m, 3 zones, D 1.5 m, 4 people a zone', desks: floor(6, 10, 1, 1, 3, 0.05, 3), d: 1.5, caps: people(3, 4) },
  { name: '500 desks, 1.5 × 1.5 m, 5 zones, D 2 m, 30 people a zone', desks: floor(20, 25, 1.5, 1.5, 5, 0.2, 4), d: 2, caps: people(5, 30) },
];

const RUNS = 5;
for (const c of cases) {
  const times: number[] = [];
  let plan: SafeHeadcountPlan | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    plan = safeHeadcountPlan(c.desks, c.d, c.caps);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const p = plan!;
  console.log(`${c.name}: kept ${p.count} (bound ${p.upperBound}, ${p.method}), ${p.headcount} people at once; median ${times[RUNS >> 1]!.toFixed(1)} ms, max ${times[RUNS - 1]!.toFixed(1)} ms`);
}
