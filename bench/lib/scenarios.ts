import type { SiteCatalog } from '../../src/use-cases/ports';
import { gridCatalog } from '../../tests/support/builders';
import { mulberry32, shuffle } from './measure';

export interface Attempt {
  readonly userId: string;
  readonly deskId: string;
  readonly date: string;
}

export interface Scenario {
  readonly key: string;
  readonly title: string;
  readonly catalog: SiteCatalog;
  readonly attempts: readonly Attempt[];
}

/** Thursday 3 December 2026, 08:00 in Brussels: the storm's day is "today", inside the booking window. */
export const BENCH_NOW = '2026-12-03T07:00:00Z';
export const STORM_DAY = '2026-12-03';
export const SPREAD_DAYS = ['2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08'] as const;

const person = (i: number): string => `person-${String(i).padStart(3, '0')}`;

/**
 * The contended case: `n` different people, each for a random desk of 40 (2 zones of 4 × 5 desks 1 m apart,
 * capacity 8 per zone, D = 2 m), all on the same day. At most about a dozen can be seated; the rest are refused.
 */
export function stormScenario(n: number): Scenario {
  const catalog = gridCatalog({
    zones: 2,
    cols: 4,
    rows: 5,
    pitch: 1,
    policy: { minDistanceM: 2, zoneCapacity: { kind: 'count', value: 8 } },
  });
  const random = mulberry32(20261203);
  const desks = catalog.desks.map((d) => d.id);
  const attempts = Array.from({ length: n }, (_, i) => ({
    userId: person(i),
    deskId: desks[Math.floor(random() * desks.length)]!,
    date: STORM_DAY,
  }));
  return { key: 'storm', title: `booking storm (${n})`, catalog, attempts };
}

/**
 * The uncontended case: `n` different people over 4 days and 200 desks (4 zones of 10 × 5 desks 2 m apart,
 * D = 2 m, capacity 50), each day's people on different desks. Every attempt can succeed; what remains is the cost
 * of a booking itself, plus the ETag retries of bookings that land on the same zone-day ledger at the same time.
 */
export function spreadScenario(n: number): Scenario {
  const catalog = gridCatalog({
    zones: 4,
    cols: 10,
    rows: 5,
    pitch: 2,
    policy: { minDistanceM: 2, zoneCapacity: { kind: 'count', value: 50 } },
  });
  const random = mulberry32(4);
  const perDay = SPREAD_DAYS.map(() =>
    shuffle(
      catalog.desks.map((d) => d.id),
      random,
    ),
  );
  const attempts = Array.from({ length: n }, (_, i) => {
    const day = i % SPREAD_DAYS.length;
    return {
      userId: person(i),
      deskId: perDay[day]![Math.floor(i / SPREAD_DAYS.length) % catalog.desks.length]!,
      date: SPREAD_DAYS[day]!,
    };
  });
  return { key: 'spread', title: `booking spread (${n}, 4 days)`, catalog, attempts };
}
