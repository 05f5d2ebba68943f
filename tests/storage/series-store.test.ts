import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableLinkKeyStore } from '../../src/storage/table-link-key-store';
import { TableSeriesStore } from '../../src/storage/table-series-store';
import type { TableGateway } from '../../src/storage/table-gateway';
import type { Series } from '../../src/domain/series';
import { testConnectionString, uniqueTableName } from '../support/azurite';

const aSeries = (over: Partial<Series> = {}): Series => ({
  id: 'sabcdefgh01',
  userId: '29:1a2b/c#d?e',
  siteId: 'site-1',
  weekdays: [2, 4],
  every: 1,
  from: '2026-12-01',
  until: '2026-12-10',
  createdAt: '2026-12-01T08:00:00.000Z',
  days: [
    { date: '2026-12-01', state: 'booked', bookingId: '2026-12-01.abcdefgh12' },
    { date: '2026-12-03', state: 'refused', code: 'DESK_TAKEN' },
    { date: '2026-12-08', state: 'pending' },
    { date: '2026-12-10', state: 'cancelled' },
  ],
  ...over,
});

describe.each([
  ['in memory', () => new InMemoryTableGateway() as TableGateway],
  ['on Azurite', () => new AzureTableGateway({ kind: 'connection-string', connectionString: testConnectionString() }) as TableGateway],
])('the series store %s', (_name, gateway) => {
  it('round-trips a series of a person whose id holds key-forbidden characters, and lists it for them only', async () => {
    const store = new TableSeriesStore(gateway(), uniqueTableName('ser'));
    expect(await store.create(aSeries())).toBe(true);
    expect(await store.create(aSeries())).toBe(false);
    expect((await store.get('29:1a2b/c#d?e', 'sabcdefgh01'))?.series).toEqual(aSeries());
    expect(await store.listOfUser('29:1a2b/c#d?e')).toEqual([aSeries()]);
    expect(await store.listOfUser('29:1a2b')).toEqual([]);
    expect((await store.listWithPendingDays()).map((v) => v.series.id)).toEqual(['sabcdefgh01']);
  });

  it('refuses a replace on a stale version, so two writers merge instead of overwriting', async () => {
    const store = new TableSeriesStore(gateway(), uniqueTableName('ser'));
    await store.create(aSeries());
    const read = (await store.get('29:1a2b/c#d?e', 'sabcdefgh01'))!;
    const done = aSeries({ days: aSeries().days.map((d) => (d.state === 'pending' ? { ...d, state: 'booked', bookingId: '2026-12-08.abcdefgh13' } : d)) });
    expect(await store.replace(done, read.version)).toBe(true);
    expect(await store.replace(aSeries(), read.version)).toBe(false);
    expect(await store.listWithPendingDays()).toEqual([]);
  });

  it('gives every instance the same calendar-link key', async () => {
    const g = gateway();
    const table = uniqueTableName('keys');
    const [a, b] = await Promise.all([new TableLinkKeyStore(g, table).signingKey(), new TableLinkKeyStore(g, table).signingKey()]);
    expect(Buffer.from(a).length).toBe(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
