/**
 * A day's claims live in several partitions (its buckets, and the legacy day partition of claims written before the
 * buckets): every reader of a day's claims outside the passes must see all of them. The retention purge (and its
 * listing of days left to purge), and the personal data export and erasure.
 */
import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { claimPartition, claimRowKey, legacyClaimPartition, TableClaimStore } from '../../src/storage/table-claim-store';
import type { TableGateway } from '../../src/storage/table-gateway';
import { TablePersonalDataStore } from '../../src/storage/table-personal-data-store';
import { TableRetentionStore } from '../../src/storage/table-retention-store';
import { testConnectionString, uniqueTableName } from '../support/azurite';

const DAY = '2026-10-25';
const NOW = new Date('2026-10-25T07:30:00Z');

const gateways: [string, () => TableGateway][] = [
  ['in memory', () => new InMemoryTableGateway()],
  ['Azurite', () => new AzureTableGateway({ kind: 'connection-string', connectionString: testConnectionString() })],
];

describe.each(gateways)("readers of a day's claims, over all its partitions (%s)", (_name, makeGateway) => {
  let gateway: TableGateway;
  let tables: { reservations: string; weeks: string; claims: string; conversations: string; discussions: string };
  /** 40 claims of the day over its buckets: site-1 for even bookings (alice's), site-2 for odd ones (bob's). */
  const ids = Array.from({ length: 40 }, (_, i) => `${DAY}.b${String(i).padStart(3, '0')}`);

  beforeEach(async () => {
    gateway = makeGateway();
    tables = {
      reservations: uniqueTableName('res'),
      weeks: uniqueTableName('weeks'),
      claims: uniqueTableName('claims'),
      conversations: uniqueTableName('conv'),
      discussions: uniqueTableName('disc'),
    };
    await gateway.ensureTables(Object.values(tables));
    const claims = new TableClaimStore(gateway, tables.claims);
    for (const [i, bookingId] of ids.entries()) {
      const odd = i % 2 === 1;
      const r = await claims.acquire({
        date: DAY,
        bookingId,
        kind: 'reminder',
        siteId: odd ? 'site-2' : 'site-1',
        userId: odd ? 'bob' : 'alice',
        owner: 'a',
        now: NOW,
        leaseMs: 60_000,
      });
      expect(r.acquired).toBe(true);
    }
    // One claim an earlier version wrote, in the legacy partition.
    const legacy = {
      partitionKey: legacyClaimPartition(DAY),
      rowKey: claimRowKey('release', `${DAY}.old`),
      date: DAY,
      bookingId: `${DAY}.old`,
      kind: 'release',
      siteId: 'site-1',
      userId: 'alice',
      state: 'sent',
      owner: 'old',
      leaseUntil: NOW.toISOString(),
      attempts: 1,
      sendingSince: '',
      detail: '',
      updatedAt: NOW.toISOString(),
    };
    expect(await gateway.transact(tables.claims, legacy.partitionKey, [{ kind: 'create', entity: legacy }])).toBe('ok');
  });

  it('purges every claim of a site on that day, in every partition, and lists the day as left to purge until then', async () => {
    const retention = new TableRetentionStore(gateway, tables);
    expect(await retention.daysLeftBefore('2026-10-26')).toEqual([DAY]);
    expect(await retention.daysLeftBefore(DAY)).toEqual([]);
    expect(await retention.purgeClaims(DAY, 'site-1')).toBe(21);
    const left = await new TableClaimStore(gateway, tables.claims).listDay(DAY);
    expect(left.map((c) => c.siteId)).toEqual(Array.from({ length: 20 }, () => 'site-2'));
    expect(await retention.purgeClaims(DAY, 'site-2')).toBe(20);
    expect(await retention.daysLeftBefore('2026-10-26')).toEqual([]);
  });

  it("exports a person's claims of the day from every partition, and pseudonymises each in its own", async () => {
    const personal = new TablePersonalDataStore(gateway, tables);
    const mine = await personal.claimsOf('alice', DAY);
    expect(mine).toHaveLength(21);
    expect(mine.filter((c) => c.kind === 'release').map((c) => c.bookingId)).toEqual([`${DAY}.old`]);
    expect(await personal.pseudonymiseClaims(DAY, 'alice', 'p-1')).toBe(21);
    expect(await personal.claimsOf('alice', DAY)).toEqual([]);
    expect(await personal.claimsOf('p-1', DAY)).toHaveLength(21);
    expect(await personal.claimsOf('bob', DAY)).toHaveLength(20);
    const row = await gateway.get(tables.claims, claimPartition(DAY, ids[0]!), claimRowKey('reminder', ids[0]!));
    expect(row?.entity['userId']).toBe('p-1');
  });
});
