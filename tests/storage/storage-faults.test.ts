import net from 'node:net';
import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableCatalogStore } from '../../src/storage/table-catalog-store';
import { TableReservationStore } from '../../src/storage/table-reservation-store';
import { bookDesk } from '../../src/use-cases/book-desk';
import { CachedCatalog } from '../../src/use-cases/catalog-index';
import { StorageUnavailableError } from '../../src/use-cases/ports';
import { anActor, fixedClock, gridCatalog, noSleepRetry, sequentialIds } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';

const clock = fixedClock('2026-12-03T08:00:00Z');

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('storage that is down surfaces as StorageUnavailableError, with nothing half-written', () => {
  it('reports an unreachable Azure endpoint as StorageUnavailableError', async () => {
    const port = await closedPort();
    const gateway = new AzureTableGateway(
      {
        kind: 'connection-string',
        connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`,
      },
      { maxSdkRetries: 0, timeoutMs: 2_000 },
    );
    const store = new TableReservationStore(gateway, { reservations: 'r', weeks: 'w' });
    await expect(store.ping()).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(store.readPersonDay('2026-12-03', 'alice')).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });

  it('gives up on a service that takes the request and never answers, for reads, queries and writes, after its deadline', async () => {
    // Each call has its own deadline (azure-table-gateway.ts); a query's covers all its pages.
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => held.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const gateway = new AzureTableGateway(
        {
          kind: 'connection-string',
          connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`,
        },
        { maxSdkRetries: 0, timeoutMs: 300 },
      );
      const row = (rowKey: string) => ({ partitionKey: 'p', rowKey, n: 1 });
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['get', () => gateway.get('t', 'p', 'r')],
        ['query', () => gateway.queryPartition('t', 'p')],
        ['single write', () => gateway.transact('t', 'p', [{ kind: 'upsert', entity: row('a') }])],
        ['batch', () => gateway.transact('t', 'p', [{ kind: 'create', entity: row('a') }, { kind: 'create', entity: row('b') }])],
      ];
      for (const [, call] of calls) {
        const started = Date.now();
        await expect(call()).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringMatching(/did not answer .* within 300 ms/) });
        // Well within the test's own 5 s: the deadline ended the call, not the socket.
        expect(Date.now() - started).toBeLessThan(4_000);
      }
    } finally {
      for (const s of held) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('reports a throttled account (503 ServerBusy, 429) as StorageUnavailableError with a retry delay', async () => {
    for (const status of [503, 429]) {
      const http = await import('node:http');
      const fake = http.createServer((_req, res) => {
        res.writeHead(status, { 'content-type': 'application/json', 'x-ms-error-code': 'ServerBusy' });
        res.end(JSON.stringify({ 'odata.error': { code: 'ServerBusy', message: { value: 'busy' } } }));
      });
      await new Promise<void>((r) => fake.listen(0, '127.0.0.1', () => r()));
      const port = (fake.address() as net.AddressInfo).port;
      const gateway = new AzureTableGateway(
        {
          kind: 'connection-string',
          connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`,
        },
        { maxSdkRetries: 0 },
      );
      const store = new TableReservationStore(gateway, { reservations: 'r', weeks: 'w' });
      await expect(store.readPersonDay('2026-12-03', 'alice')).rejects.toMatchObject({
        code: 'STORAGE_UNAVAILABLE',
        retryAfterSeconds: 10,
      });
      await new Promise<void>((r) => fake.close(() => r()));
    }
  });

  it('fails a booking with StorageUnavailableError when a write fails, and leaves no orphan row', async () => {
    const gateway = new InMemoryTableGateway();
    const tables = { reservations: 'res', weeks: 'wk' };
    const reservations = new TableReservationStore(gateway, tables);
    const catalogStore = new TableCatalogStore(gateway, 'cat');
    await reservations.init();
    await catalogStore.init();
    const catalog = gridCatalog({ policy: { weeklyQuota: 1 } });
    await catalogStore.replaceSiteCatalog(catalog);
    const later = fixedClock('2026-12-03T08:00:00Z');
    const deps = { store: reservations, catalog: new CachedCatalog(catalogStore, later, 60_000), clock: later, ids: sequentialIds(), retry: noSleepRetry };
    await deps.catalog.current();
    // Reads succeed (3 calls: ledgers, person, week), the week hold succeeds, then the day transaction fails.
    let calls = 0;
    const realTransact = gateway.transact.bind(gateway);
    gateway.transact = async (table, pk, ops) => {
      calls += 1;
      if (table === 'res') throw new StorageUnavailableError('injected: storage went away during the day transaction');
      return realTransact(table, pk, ops);
    };
    await expect(bookDesk(deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: '2026-12-03' })).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(calls).toBeGreaterThan(1);
    gateway.transact = realTransact;
    const report = await checkInvariants(gateway, 'res', [catalog]);
    expect(report).toMatchObject({ violations: [], activeBookings: 0 });
    // The day transaction's outcome is unknown to the booker (the request may yet land), so the quota hold stays...
    expect((await reservations.readWeek('alice', '2026-W49')).entries).toHaveLength(1);
    // ...until, past its grace period, a quota check reads that its booking does not exist and drops it.
    later.advance(3 * 60_000);
    expect(await bookDesk(deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: '2026-12-04' })).toMatchObject({ ok: true });
    expect((await reservations.readWeek('alice', '2026-W49')).entries).toHaveLength(1);
  });

  it('keeps failing reads typed while storage is down, then works again', async () => {
    const gateway = new InMemoryTableGateway();
    const store = new TableReservationStore(gateway, { reservations: 'res', weeks: 'wk' });
    await store.init();
    gateway.injectFaults(2);
    await expect(store.ping()).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(store.listBookingsOfDay('2026-12-03')).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe('a refusal stands when storage fails while gathering its advice', () => {
  it('returns the refusal without other-day alternatives instead of an error', async () => {
    const gateway = new InMemoryTableGateway();
    const reservations = new TableReservationStore(gateway, { reservations: 'res', weeks: 'wk' });
    const catalogStore = new TableCatalogStore(gateway, 'cat');
    await reservations.init();
    await catalogStore.init();
    const catalog = gridCatalog({ policy: { minDistanceM: 1.5 } });
    await catalogStore.replaceSiteCatalog(catalog);
    const deps = { store: reservations, catalog: new CachedCatalog(catalogStore, clock, 60_000), clock, ids: sequentialIds(), retry: noSleepRetry };
    expect((await bookDesk(deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: '2026-12-03' })).ok).toBe(true);
    // The day read works; every read of other days fails.
    const realQuery = gateway.queryPartition.bind(gateway);
    gateway.queryPartition = async (table, pk, range) => {
      if (pk !== 'day|2026-12-03') throw new StorageUnavailableError('injected: other days unreadable');
      return realQuery(table, pk, range);
    };
    const r = await bookDesk(deps, { actor: anActor('bob'), deskId: 'f1-0-0', date: '2026-12-03' });
    expect(r).toMatchObject({ ok: false, error: { code: 'DESK_TAKEN' } });
  });
});
