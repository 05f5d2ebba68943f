import fc from 'fast-check';
import type { DeskMode } from '../../src/domain/model';
import type { ZoneCapacityRule } from '../../src/domain/policy';

/**
 * A random small floor for property tests. Positions are kept in half-metre grid units (ix, iy) and D in tenths of a
 * metre, so that a test decides "closer than D" in exact integer arithmetic, independently of the code under test:
 * 0.5·√(dx² + dy²) < D10 / 10  ⇔  25·(dx² + dy²) < D10².
 */
export interface FloorWorld {
  readonly d10: number;
  readonly zoneCount: number;
  readonly desks: readonly { ix: number; iy: number; zone: number; mode: DeskMode }[];
  readonly siteRule: ZoneCapacityRule;
  /** Per zone, a capacity rule of its own, or the site's (null). */
  readonly overrides: readonly (ZoneCapacityRule | null)[];
  /** A zone restricted to group "g", if any. */
  readonly restricted: number | null;
}

/** Tight counts, percentages, and zones large enough that only the distance rule limits them. */
export const capacityRule: fc.Arbitrary<ZoneCapacityRule> = fc.oneof(
  fc.integer({ min: 0, max: 6 }).map((value) => ({ kind: 'count' as const, value })),
  fc.integer({ min: 0, max: 100 }).map((value) => ({ kind: 'percent' as const, value })),
  fc.constant({ kind: 'count' as const, value: 25 }),
);

export interface FloorWorldOptions {
  /** The smallest D, in tenths of a metre (0 allows D = 0); the largest is 3 m. */
  readonly minD10: number;
  readonly maxDesks: number;
  /** Grow floors to their largest size as fast-check's size grows (fc's `size: 'max'`). */
  readonly fullSize?: boolean;
}

/** One to three zones of up to `maxDesks` desks on a 8.5 m × 5.5 m grid, mostly bookable, some off or assigned. */
export function floorWorld(o: FloorWorldOptions): fc.Arbitrary<FloorWorld> {
  return fc
    .record({
      d10: fc.integer({ min: o.minD10, max: 30 }),
      zoneCount: fc.integer({ min: 1, max: 3 }),
      positions: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max: 10 })), {
        minLength: 1,
        maxLength: o.maxDesks,
        ...(o.fullSize && { size: 'max' as const }),
        selector: ([x, y]) => `${x},${y}`,
      }),
      zoneOf: fc.array(fc.nat(2), { minLength: o.maxDesks, maxLength: o.maxDesks }),
      modes: fc.array(
        fc.oneof(
          { arbitrary: fc.constant<DeskMode>('bookable'), weight: 8 },
          { arbitrary: fc.constant<DeskMode>('off'), weight: 1 },
          { arbitrary: fc.constant<DeskMode>('assigned'), weight: 1 },
        ),
        { minLength: o.maxDesks, maxLength: o.maxDesks },
      ),
      siteRule: capacityRule,
      overrides: fc.array(fc.option(capacityRule, { freq: 2 }), { minLength: 3, maxLength: 3 }),
      restricted: fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: fc.nat(2), weight: 1 }),
    })
    .map((r) => ({
      d10: r.d10,
      zoneCount: r.zoneCount,
      desks: r.positions.map(([ix, iy], i) => ({ ix, iy, zone: r.zoneOf[i]! % r.zoneCount, mode: r.modes[i]! })),
      siteRule: r.siteRule,
      overrides: r.overrides.slice(0, r.zoneCount),
      restricted: r.restricted === null ? null : r.restricted % r.zoneCount,
    }));
}
