import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import {
  CLAIM_BUCKETS,
  claimBucket,
  claimPartition,
  claimRowKey,
  legacyClaimPartition,
  TableClaimStore,
} from '../../src/storage/table-claim-store';
import type { TableGateway } from '../../src/storage/table-gateway';
import type { AcquireInput } from '../../src/use-cases/reminders/reminder-ports';
import { testConnectionString, uniqueTableName } from '../support/azurite';

const T0 = new Date('2026-10-25T07:30:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

function input(over: Partial<AcquireInput> = {}): AcquireInput {
  return {
    date: '2026-10-25',
    bookingId: '2026-10-25.abcdefgh12',
    kind: 'reminder',
    siteId: 'site-1',
    userId: 'alice',
    owner: 'instance-a',
    now: T0,
    leaseMs: 60_000,
    ...over,
  };
}

const gateways: [string, () => TableGateway][] = [
  ['in memory', () => new InMemoryTableGateway()],
  [
    'Azurite',
    () => new AzureTableGateway({ kind: 'connection-string', connectionString: testConnectionString() }),
  ],
];

describe.each(gateways)(
  'claims in Table Storage (%s): one holder at a time, decided by the store',
  (_name, gateway) => {
    let store: TableClaimStore;
    let rows: TableGateway;
    let table: string;
    beforeEach(async () => {
      rows = gateway();
      table = uniqueTableName('claims');
      store = new TableClaimStore(rows, table);
      await store.init();
    });

    it('gives a new claim to the first instance, pending with a lease, and refuses it to the next while the lease runs', async () => {
      const first = await store.acquire(input());
      expect(first.acquired).toBe(true);
      if (!first.acquired) return;
      expect(first.held.claim).toMatchObject({
        state: 'pending',
        owner: 'instance-a',
        attempts: 1,
        leaseUntil: at(60_000).toISOString(),
      });
      expect(first.previous).toBeUndefined();

      const second = await store.acquire(input({ owner: 'instance-b', now: at(59_999) }));
      expect(second).toMatchObject({ acquired: false, current: { owner: 'instance-a', state: 'pending' } });
    });

    it('lets exactly one of twenty instances racing for a new claim have it', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.acquire(input({ owner: `instance-${i}` }))),
      );
      expect(results.filter((r) => r.acquired)).toHaveLength(1);
    });

    it('marks a claim taken to send with sendingSince, in the same write', async () => {
      const r = await store.acquire(input({ sending: true }));
      expect(r.acquired && r.held.claim.sendingSince).toBe(T0.toISOString());
    });

    it('hands a pending claim whose lease ran out to exactly one of several takers, and says what it took over', async () => {
      const first = await store.acquire(input({ sending: true }));
      expect(first.acquired).toBe(true);
      const takers = await Promise.all(
        ['b', 'c', 'd', 'e'].map((o) => store.acquire(input({ owner: o, now: at(60_001), sending: true }))),
      );
      const won = takers.filter((r) => r.acquired);
      expect(won).toHaveLength(1);
      const winner = won[0]!;
      if (!winner.acquired) return;
      expect(winner.held.claim.attempts).toBe(2);
      expect(winner.previous).toMatchObject({
        owner: 'instance-a',
        sendingSince: T0.toISOString(),
        attempts: 1,
      });
    });

    it('refuses the old holder a conditional write after someone took its claim over (412), so it learns it lost it', async () => {
      const first = await store.acquire(input());
      if (!first.acquired) throw new Error('not acquired');
      const taken = await store.acquire(input({ owner: 'instance-b', now: at(61_000) }));
      expect(taken.acquired).toBe(true);
      expect(
        await store.finish(first.held, { owner: '', leaseUntil: at(90_000).toISOString() }, at(62_000)),
      ).toBe(false);
      expect(await store.finish(first.held, { state: 'failed' }, at(62_000))).toBe(false);
      expect(
        await store.update(first.held, { sendingSince: at(62_000).toISOString() }, at(62_000)),
      ).toBeNull();
      const [row] = await store.listDay('2026-10-25');
      expect(row).toMatchObject({ owner: 'instance-b', state: 'pending', attempts: 2 });
    });

    it('records `sent` whoever holds the claim by then: an accepted message stays accepted, and the taker cannot hand it back', async () => {
      const first = await store.acquire(input({ sending: true }));
      if (!first.acquired) throw new Error('not acquired');
      const taken = await store.acquire(input({ owner: 'instance-b', now: at(61_000), sending: true }));
      if (!taken.acquired) throw new Error('not taken');
      // The first holder's request was accepted after all; its `sent` lands.
      expect(await store.finish(first.held, { state: 'sent' }, at(62_000))).toBe(true);
      // The taker's send failed with a 500: handing the claim back (to send again) is refused.
      expect(
        await store.finish(taken.held, { owner: '', leaseUntil: at(90_000).toISOString() }, at(63_000)),
      ).toBe(false);
      expect((await store.listDay('2026-10-25'))[0]).toMatchObject({ state: 'sent' });
    });

    it('never hands out a finished claim again, however old its lease', async () => {
      const first = await store.acquire(input({ sending: true }));
      if (!first.acquired) throw new Error('not acquired');
      expect(await store.finish(first.held, { state: 'sent', detail: 'accepted' }, at(1_000))).toBe(true);
      const later = await store.acquire(input({ owner: 'instance-b', now: at(24 * 3600_000) }));
      expect(later).toMatchObject({ acquired: false, current: { state: 'sent', detail: 'accepted' } });
      // The marker stays on the finished row: a record of when the send began.
      expect((await store.listDay('2026-10-25'))[0]?.sendingSince).toBe(T0.toISOString());
    });

    it('lets the holder extend its lease and set the marker, and read back the version for its next write', async () => {
      const first = await store.acquire(input({ kind: 'release' }));
      if (!first.acquired) throw new Error('not acquired');
      const marked = await store.update(
        first.held,
        { sendingSince: at(5_000).toISOString(), leaseUntil: at(200_000).toISOString() },
        at(5_000),
      );
      expect(marked?.claim).toMatchObject({
        sendingSince: at(5_000).toISOString(),
        leaseUntil: at(200_000).toISOString(),
        kind: 'release',
      });
      expect(await store.acquire(input({ kind: 'release', owner: 'b', now: at(100_000) }))).toMatchObject({
        acquired: false,
      });
      expect(await store.finish(marked!, { state: 'sent' }, at(6_000))).toBe(true);
    });

    it('hands a claim back for a retry: no owner, taken again once its retry time has come, and the marker can be cleared', async () => {
      const first = await store.acquire(input({ sending: true }));
      if (!first.acquired) throw new Error('not acquired');
      expect(
        await store.finish(
          first.held,
          { owner: '', leaseUntil: at(30_000).toISOString(), sendingSince: null, detail: 'retry: 500' },
          at(1_000),
        ),
      ).toBe(true);
      expect(await store.acquire(input({ owner: 'b', now: at(29_000) }))).toMatchObject({ acquired: false });
      const again = await store.acquire(input({ owner: 'b', now: at(30_000) }));
      expect(again.acquired).toBe(true);
      if (!again.acquired) return;
      expect(again.previous).toMatchObject({ owner: '', detail: 'retry: 500' });
      expect(again.previous?.sendingSince).toBeUndefined();
      expect(again.held.claim.attempts).toBe(2);
    });

    it('keeps a reminder claim and a release claim of one booking apart, and lists a day in one query', async () => {
      await store.acquire(input());
      await store.acquire(input({ kind: 'release' }));
      await store.acquire(input({ date: '2026-10-26', bookingId: '2026-10-26.abcdefgh12' }));
      const day = await store.listDay('2026-10-25');
      expect(day.map((c) => c.kind).sort()).toEqual(['release', 'reminder']);
    });

    it("spreads a day's claims over its buckets and still lists the whole day, and no other day", async () => {
      const ids = Array.from({ length: 64 }, (_, i) => `2026-10-25.booking${String(i).padStart(4, '0')}`);
      for (const bookingId of ids) expect((await store.acquire(input({ bookingId, userId: bookingId }))).acquired).toBe(true);
      await store.acquire(input({ date: '2026-10-26', bookingId: '2026-10-26.other' }));
      const buckets = new Set(ids.map(claimBucket));
      // 64 ids fill most of the 16 buckets: the day is not one partition any more.
      expect(buckets.size).toBeGreaterThan(CLAIM_BUCKETS / 2);
      for (const bookingId of ids) {
        const row = await rows.get(table, claimPartition('2026-10-25', bookingId), claimRowKey('reminder', bookingId));
        expect(row?.entity['bookingId']).toBe(bookingId);
      }
      const day = await store.listDay('2026-10-25');
      expect(day.map((c) => c.bookingId).sort()).toEqual(ids);
    });

    it('lists a claim an earlier version wrote in the legacy day partition, until its booking has a claim in its bucket', async () => {
      const legacy = {
        partitionKey: legacyClaimPartition('2026-10-25'),
        rowKey: claimRowKey('reminder', '2026-10-25.abcdefgh12'),
        date: '2026-10-25',
        bookingId: '2026-10-25.abcdefgh12',
        kind: 'reminder',
        siteId: 'site-1',
        userId: 'alice',
        state: 'pending',
        owner: '',
        leaseUntil: at(10_000).toISOString(),
        attempts: 1,
        sendingSince: '',
        detail: 'retry: 500',
        updatedAt: T0.toISOString(),
      };
      const done = { ...legacy, rowKey: claimRowKey('release', '2026-10-25.abcdefgh12'), kind: 'release', state: 'sent' };
      expect(await rows.transact(table, legacy.partitionKey, [{ kind: 'create', entity: legacy }, { kind: 'create', entity: done }])).toBe('ok');
      const before = await store.listDay('2026-10-25');
      expect(before.map((c) => `${c.kind} ${c.state} ${c.detail ?? ''}`).sort()).toEqual([
        'release sent retry: 500',
        'reminder pending retry: 500',
      ]);
      // Such a claim is decided as any other: a final one is never taken again, a live lease is its holder's.
      expect(await store.acquire(input({ kind: 'release', now: at(20_000) }))).toMatchObject({
        acquired: false,
        current: { state: 'sent' },
      });
      expect(await store.acquire(input({ owner: 'b', now: at(9_999) }))).toMatchObject({ acquired: false });
      // A pass takes the reminder again: its claim is now the bucket's, and the legacy row is no longer listed.
      const takers = await Promise.all(['a', 'b', 'c'].map((o) => store.acquire(input({ owner: o, now: at(20_000), sending: true }))));
      expect(takers.filter((r) => r.acquired)).toHaveLength(1);
      const taken = takers.find((r) => r.acquired);
      if (!taken?.acquired) throw new Error('not acquired');
      expect(taken.previous).toMatchObject({ owner: '', detail: 'retry: 500', attempts: 1 });
      expect(taken.held.claim.attempts).toBe(2);
      expect(await store.finish(taken.held, { state: 'sent' }, at(21_000))).toBe(true);
      const day = await store.listDay('2026-10-25');
      expect(day.map((c) => [c.kind, c.state, c.owner]).sort()).toEqual([
        ['release', 'sent', ''],
        ['reminder', 'sent', taken.held.claim.owner],
      ]);
    });

    it('writes `sent` on the row as it is (one replace), and does not bring back a row that was deleted', async () => {
      const first = await store.acquire(input({ sending: true }));
      if (!first.acquired) throw new Error('not acquired');
      const pk = claimPartition('2026-10-25', '2026-10-25.abcdefgh12');
      const rk = claimRowKey('reminder', '2026-10-25.abcdefgh12');
      expect(await rows.transact(table, pk, [{ kind: 'delete', partitionKey: pk, rowKey: rk, etag: '*' }])).toBe('ok');
      expect(await store.finish(first.held, { state: 'sent' }, at(1_000))).toBe(false);
      expect(await store.listDay('2026-10-25')).toEqual([]);
    });
  },
);
