import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableCatalogStore } from '../../src/storage/table-catalog-store';
import { TableReservationStore } from '../../src/storage/table-reservation-store';
import type { TableGateway } from '../../src/storage/table-gateway';
import { CachedCatalog } from '../../src/use-cases/catalog-index';
import type { BookingDeps } from '../../src/use-cases/book-desk';
import { KeyedMutex } from '../../src/use-cases/keyed-mutex';
import type { Clock, SiteCatalog } from '../../src/use-cases/ports';
import { testConnectionString, uniqueTableName } from './azurite';
import { noSleepRetry, sequentialIds } from './builders';

export interface StoreHarness {
  readonly kind: 'in-memory' | 'azurite';
  readonly gateway: TableGateway;
  readonly reservations: TableReservationStore;
  readonly catalog: TableCatalogStore;
  readonly tables: { reservations: string; weeks: string; catalog: string };
}

export type HarnessFactory = () => Promise<StoreHarness>;

async function build(kind: StoreHarness['kind'], gateway: TableGateway): Promise<StoreHarness> {
  const tables = { reservations: uniqueTableName('res'), weeks: uniqueTableName('wk'), catalog: uniqueTableName('cat') };
  const reservations = new TableReservationStore(gateway, tables);
  const catalog = new TableCatalogStore(gateway, tables.catalog);
  await reservations.init();
  await catalog.init();
  return { kind, gateway, reservations, catalog, tables };
}

export const inMemoryHarness: HarnessFactory = () => build('in-memory', new InMemoryTableGateway());
export const azuriteHarness: HarnessFactory = () => azuriteHarnessAt(testConnectionString());
/**
 * A harness on another Azurite than the run's shared one, e.g. one a heavy test starts for itself. `timeoutMs` widens
 * the gateway's per-request timeout for tests that check correctness under a burst, not latency: on a loaded 2-core
 * machine, 400 requests at once can queue longer than the production 10 s.
 */
export const azuriteHarnessAt = (connectionString: string, options: { timeoutMs?: number } = {}): Promise<StoreHarness> =>
  build('azurite', new AzureTableGateway({ kind: 'connection-string', connectionString }, options));

/** Use-case dependencies over a harness, with the catalog loaded from `catalogs`. */
export async function bookingDeps(h: StoreHarness, catalogs: readonly SiteCatalog[], clock: Clock): Promise<BookingDeps> {
  for (const c of catalogs) await h.catalog.replaceSiteCatalog(c);
  return {
    store: h.reservations,
    catalog: new CachedCatalog(h.catalog, clock, 60_000),
    clock,
    ids: sequentialIds(`${Math.random().toString(36).slice(2, 6)}`),
    locks: new KeyedMutex(),
    retry: noSleepRetry,
  };
}
