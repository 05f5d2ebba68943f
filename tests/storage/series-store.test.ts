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
  it('keeps a series’ zone and features, and reads a row written before series had them as asking for any desk', async () => {
    const g = gateway();
    const table = uniqueTableName('ser');
    const store = new TableSeriesStore(g, table);
    const wish = aSeries({ id: 'swish000001', zoneId: 'f1-z1', attributes: ['monitor', 'standing'] });
    expect(await store.create(wish)).toBe(true);
    expect((await store.get(wish.userId, wish.id))?.series).toEqual(wish);
    const plain = aSeries();
    await store.create(plain);
    const row = (await g.queryPartition(table, 'series')).find((r) => r.entity['seriesId'] === plain.id)!;
    const { zoneId: _z, attributes: _a, ...older } = row.entity;
    await g.transact(table, 'series', [{ kind: 'replace', entity: older as typeof row.entity, etag: row.etag }]);
    expect((await store.get(plain.userId, plain.id))?.series).toEqual(plain);
  });

  it('lists the series ended before a day, and removes one only at the version read', async () => {
    const store = new TableSeriesStore(gateway(), uniqueTableName('ser'));
    await store.create(aSeries({ id: 'sended00001', until: '2026-12-10' }));
    await store.create(aSeries({ id: 'slater00001', until: '2026-12-31' }));
    const ended = await store.listEndedBefore('2026-12-11');
    expect(ended.map((v) => v.series.id)).toEqual(['sended00001']);
    const stale = ended[0]!;
    const current = (await store.get(stale.series.userId, stale.series.id))!;
    expect(await store.replace({ ...current.series, days: [] }, current.version)).toBe(true);
    expect(await store.remove(stale.series, stale.version)).toBe(false);
    const fresh = (await store.listEndedBefore('2026-12-11'))[0]!;
    expect(await store.remove(fresh.series, fresh.version)).toBe(true);
    expect((await store.listOfUser(stale.series.userId)).map((s) => s.id)).toEqual(['slater00001']);
  });

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
