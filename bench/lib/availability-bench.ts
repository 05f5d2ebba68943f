import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { composeServer } from '../../src/server/composition';
import { TableConversationStore } from '../../src/storage/table-conversation-store';
import { firstMapPaints } from './tab-bench';
import type { EmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { dayPartition, ledgerPrefix } from '../../src/storage/reservation-rows';
import { TableCatalogStore } from '../../src/storage/table-catalog-store';
import { prefixRange } from '../../src/storage/table-gateway';
import { TableReservationStore } from '../../src/storage/table-reservation-store';
import { bookDesk } from '../../src/use-cases/book-desk';
import { CachedCatalog } from '../../src/use-cases/catalog-index';
import { floorAvailability } from '../../src/use-cases/floor-availability';
import { KeyedMutex } from '../../src/use-cases/keyed-mutex';
import { DEFAULT_RETRY } from '../../src/use-cases/retry-policy';
import { fixedClock, gridCatalog, sequentialIds } from '../../tests/support/builders';
import { percentile } from './measure';

export interface AvailabilityFigures {
  readonly bigDesks: number;
  readonly smallDesks: number;
  readonly bookedOnBig: number;
  /** p50 ms of the use case on the 1,000-desk floor, of one raw query of its ledger rows, and of the 100-desk floor. */
  readonly big: number;
  readonly raw: number;
  readonly small: number;
  /**
   * Median first map paint in Chromium of the big and the small floor, ms since navigation start. Separate, so that a
   * browser that cannot be started or is too slow on a loaded machine costs only this figure.
   */
  mapPaints(options?: { timeoutMs?: number }): Promise<{ big: number; small: number }>;
}

const DAY = '2026-12-03';

/**
 * The floor map's read path: availability of a 1,000-desk floor (one partition query of its zone ledgers, then
 * every desk's state) against one raw query of the same rows, and against a 100-desk floor; interleaved, one by one.
 */
export async function availabilityFigures(azurite: EmbeddedAzurite, iterations = 200): Promise<AvailabilityFigures> {
  const gateway = new AzureTableGateway({ kind: 'connection-string', connectionString: azurite.connectionString });
  const suffix = Math.random().toString(36).slice(2, 8);
  const tables = { reservations: `avres${suffix}`, weeks: `avwk${suffix}` };
  const store = new TableReservationStore(gateway, tables);
  const catalogStore = new TableCatalogStore(gateway, `avcat${suffix}`);
  await Promise.all([store.init(), catalogStore.init()]);
  // 1,000 desks in 10 zones of 100, 1.6 m apart (D = 1.5 m, so neighbours do not block each other); 100 on another floor.
  const big = gridCatalog({ siteId: 'big-site', floorId: 'big', zones: 10, cols: 10, rows: 10, pitch: 1.6, policy: { zoneCapacity: { kind: 'percent', value: 50 } } });
  const small = gridCatalog({ siteId: 'small-site', floorId: 'small', zones: 1, cols: 10, rows: 10, pitch: 1.6, policy: { zoneCapacity: { kind: 'percent', value: 50 } } });
  await catalogStore.replaceSiteCatalog(big);
  await catalogStore.replaceSiteCatalog(small);
  const clock = fixedClock('2026-12-03T07:00:00Z');
  const deps = { store, catalog: new CachedCatalog(catalogStore, clock), clock, ids: sequentialIds('av'), locks: new KeyedMutex(), retry: DEFAULT_RETRY };

  // A realistic day: about a third of the big floor booked (every third desk), and a third of the small one.
  const toBook = [...big.desks.filter((_, i) => i % 3 === 0), ...small.desks.filter((_, i) => i % 3 === 0)];
  let booked = 0;
  for (let i = 0; i < toBook.length; i += 16) {
    const results = await Promise.all(
      toBook.slice(i, i + 16).map((d, k) => bookDesk(deps, { actor: { userId: `person-${i + k}`, roles: [] }, deskId: d.id, date: DAY })),
    );
    booked += results.filter((r) => r.ok && r.value.floorId === 'big').length;
  }

  const actor = { userId: 'viewer', roles: [] };
  const ledgerRange = prefixRange(ledgerPrefix('big'));
  const time = async (fn: () => Promise<unknown>): Promise<number> => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const samples = { big: [] as number[], raw: [] as number[], small: [] as number[] };
  const warmup = 20;
  for (let i = 0; i < iterations + warmup; i++) {
    const b = await time(() => floorAvailability(deps, { actor, floorId: 'big', date: DAY }));
    const r = await time(() => gateway.queryPartition(tables.reservations, dayPartition(DAY), ledgerRange));
    const s = await time(() => floorAvailability(deps, { actor, floorId: 'small', date: DAY }));
    if (i >= warmup) {
      samples.big.push(b);
      samples.raw.push(r);
      samples.small.push(s);
    }
  }
  return {
    bigDesks: big.desks.length,
    smallDesks: small.desks.length,
    bookedOnBig: booked,
    big: percentile(samples.big, 50),
    raw: percentile(samples.raw, 50),
    small: percentile(samples.small, 50),
    mapPaints: async (options = {}) => {
      const [paintBig, paintSmall] = await mapPaints(store, catalogStore, clock, options.timeoutMs);
      return { big: paintBig!, small: paintSmall! };
    },
  };
}

/** First map paint in Chromium of the two floors, through the real server serving the built tab. */
async function mapPaints(store: TableReservationStore, catalog: TableCatalogStore, clock: ReturnType<typeof fixedClock>, timeoutMs: number | undefined): Promise<number[]> {
  const conversations = new TableConversationStore(new AzureTableGateway({ kind: 'connection-string', connectionString: 'UseDevelopmentStorage=true' }), 'unused');
  const { server } = composeServer(
    { botId: '', botPassword: '', botType: '', botTenantId: '', teamsAppId: '', showNamesInWhoIsIn: false, authMode: 'dev', aadClientId: '', allowedTenantIds: [], tabDirectory: TAB_DIST },
    { reservations: store, catalog, conversations, clock, log: pino({ level: 'silent' }) },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  try {
    const port = (server.address() as AddressInfo).port;
    return await firstMapPaints(`http://127.0.0.1:${port}`, ['big', 'small'], { date: DAY, runs: 5, ...(timeoutMs !== undefined && { timeoutMs }) });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export const TAB_DIST = path.resolve(__dirname, '../../dist/tab');
