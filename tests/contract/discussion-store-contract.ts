import { uniqueTableName } from '../support/azurite';
import { fixedClock } from '../support/builders';
import type { Discussion } from '../../src/use-cases/discussion-port';
import { DISCUSSION_TTL_MS, TableDiscussionStore } from '../../src/storage/table-discussion-store';
import type { TableGateway } from '../../src/storage/table-gateway';

const NOW = '2026-12-01T08:00:00Z';

// What Teams sends: a group chat's conversation id and a user id, joined by the bot with '|'.
const GROUP_CHAT = '19:3c1e0a7f2b6d4e0f9a8b7c6d5e4f3a2b@thread.v2;messageid=1733040000000|29:1a2b3c4d-5e6f-7a8b-9c0d-e1f2a3b4c5d6';
const PERSONAL = 'a:1Xr9Q_-kP0aZ/e+q#t?w\\v|29:00000000-0000-0000-0000-00000000a11c';

const FULL: Discussion = {
  date: '2026-12-03',
  bookingId: '2026-12-03.bot1x00000001',
  deskId: 'f1-0-3',
  pending: { dates: ['2026-12-07', '2026-12-08', '2026-12-10'], constraints: { zoneId: 'f1-z1', attributes: ['monitor', 'standing'], deskId: 'f1-1-2' } },
};

/** One contract for the discussion store, over every gateway: what two instances of the server rely on. */
export function discussionStoreContract(name: string, makeGateway: () => TableGateway): void {
  describe(`discussion store contract: ${name}`, () => {
    let gateway: TableGateway;
    let table: string;
    let clock: ReturnType<typeof fixedClock>;
    let store: TableDiscussionStore;

    beforeEach(async () => {
      gateway = makeGateway();
      table = uniqueTableName('disc');
      clock = fixedClock(NOW);
      store = new TableDiscussionStore(gateway, table, clock);
      await store.init();
    });

    /** Another server instance (or the same one after a restart) over the same table. */
    function anotherInstance(): TableDiscussionStore {
      return new TableDiscussionStore(gateway, table, clock);
    }

    it('knows nothing of a conversation it never saw', async () => {
      expect(await store.get(GROUP_CHAT)).toBeUndefined();
    });

    it('gives back every field of a discussion, to another instance too', async () => {
      await store.set(GROUP_CHAT, FULL);
      expect(await store.get(GROUP_CHAT)).toEqual(FULL);
      expect(await anotherInstance().get(GROUP_CHAT)).toEqual(FULL);
    });

    it('keeps the discussions of keys holding : ; @ | / \\ # ? apart, and of one person in two chats', async () => {
      const keys = [GROUP_CHAT, PERSONAL, 'a|b', 'a~7Cb', 'conv/1|u', 'conv\\1|u', 'conv#1|u', 'conv?1|u', 'conv\u00011|u', 'café|Zoë', '19:x@thread.v2|29:1a2b'];
      for (const [i, key] of keys.entries()) await store.set(key, { date: '2026-12-03', deskId: `desk-${i}` });
      const other = anotherInstance();
      for (const [i, key] of keys.entries()) expect((await other.get(key))?.deskId).toBe(`desk-${i}`);
    });

    it('takes keys longer than a table key may be, and keeps two of them apart', async () => {
      const long = `19:${'x'.repeat(1500)}@thread.v2|29:`;
      await store.set(`${long}alice`, { deskId: 'a' });
      await store.set(`${long}bob`, { deskId: 'b' });
      expect(await anotherInstance().get(`${long}alice`)).toEqual({ deskId: 'a' });
      expect(await anotherInstance().get(`${long}bob`)).toEqual({ deskId: 'b' });
    });

    it('replaces the whole discussion: a field left out is forgotten', async () => {
      await store.set(PERSONAL, FULL);
      await store.set(PERSONAL, { date: '2026-12-04', bookingId: '2026-12-04.b2' });
      expect(await store.get(PERSONAL)).toEqual({ date: '2026-12-04', bookingId: '2026-12-04.b2' });
    });

    it('the last writer wins between two instances', async () => {
      const other = anotherInstance();
      await store.set(PERSONAL, { date: '2026-12-03' });
      await other.set(PERSONAL, { date: '2026-12-04' });
      expect(await store.get(PERSONAL)).toEqual({ date: '2026-12-04' });
    });

    it('stores the fields of a discussion and its expiry, nothing else the object carries', async () => {
      const carrying = { ...FULL, name: 'Alice Martin', text: 'move it to Friday', pending: { ...FULL.pending!, secret: 'x', constraints: { ...FULL.pending!.constraints, note: 'y' } } };
      await store.set(PERSONAL, carrying as Discussion);
      const rows = await gateway.queryTable(table);
      expect(rows).toHaveLength(1);
      const entity = rows[0]!.entity;
      expect(Object.keys(entity).filter((k) => !['partitionKey', 'rowKey'].includes(k)).sort()).toEqual(['bookingId', 'date', 'deskId', 'expiresAt', 'pending']);
      expect(JSON.stringify(entity)).not.toMatch(/Alice|Friday|secret|note/);
      expect(await store.get(PERSONAL)).toEqual(FULL);
    });

    it('forgets a discussion older than its time to live; a new turn starts it again', async () => {
      await store.set(PERSONAL, FULL);
      clock.advance(DISCUSSION_TTL_MS - 60_000);
      expect(await anotherInstance().get(PERSONAL)).toEqual(FULL);
      clock.advance(60_000);
      expect(await anotherInstance().get(PERSONAL)).toBeUndefined();
      await store.set(PERSONAL, { date: '2026-12-10' });
      expect(await store.get(PERSONAL)).toEqual({ date: '2026-12-10' });
    });

    it('honours a shorter time to live when given one', async () => {
      const short = new TableDiscussionStore(gateway, table, clock, { ttlMs: 60_000 });
      await short.set(PERSONAL, FULL);
      clock.advance(60_001);
      expect(await short.get(PERSONAL)).toBeUndefined();
    });

    describe('a new discussion that keeps the site chosen in the conversation (setKeepingSite)', () => {
      /** Counts the storage requests a call makes. */
      function counted(): { gateway: TableGateway; requests: () => number } {
        let n = 0;
        const wrapped: TableGateway = Object.assign(Object.create(gateway) as TableGateway, {
          get: (...a: Parameters<TableGateway['get']>) => ((n += 1), gateway.get(...a)),
          transact: (...a: Parameters<TableGateway['transact']>) => ((n += 1), gateway.transact(...a)),
          ...(gateway.transactForVersions && {
            transactForVersions: (...a: Parameters<NonNullable<TableGateway['transactForVersions']>>) => ((n += 1), gateway.transactForVersions!(...a)),
          }),
        });
        return { gateway: wrapped, requests: () => n };
      }

      it('keeps the site stored and replaces the rest, for a conversation never seen, seen before, or read back', async () => {
        await store.set(PERSONAL, { siteId: 'brussels', date: '2026-12-03', pending: FULL.pending! });
        await anotherInstance().setKeepingSite(PERSONAL, { date: '2026-12-04', deskId: 'f1-0-3' });
        expect(await store.get(PERSONAL)).toEqual({ siteId: 'brussels', date: '2026-12-04', deskId: 'f1-0-3' });
        await store.setKeepingSite(PERSONAL, { date: '2026-12-05' });
        expect(await anotherInstance().get(PERSONAL)).toEqual({ siteId: 'brussels', date: '2026-12-05' });
        await store.setKeepingSite(PERSONAL, { siteId: 'paris', date: '2026-12-06' });
        await store.setKeepingSite(PERSONAL, { date: '2026-12-07' });
        expect(await anotherInstance().get(PERSONAL)).toEqual({ siteId: 'paris', date: '2026-12-07' });
      });

      it('keeps the site another instance chose after this one last wrote', async () => {
        await store.setKeepingSite(PERSONAL, { date: '2026-12-03' });
        await anotherInstance().set(PERSONAL, { siteId: 'paris', date: '2026-12-03' });
        await store.setKeepingSite(PERSONAL, { date: '2026-12-04', deskId: 'f1-1-1' });
        expect(await anotherInstance().get(PERSONAL)).toEqual({ siteId: 'paris', date: '2026-12-04', deskId: 'f1-1-1' });
      });

      it('brings back no site of a discussion deleted since (an erasure), nor of one expired', async () => {
        await store.setKeepingSite(PERSONAL, { siteId: 'brussels', date: '2026-12-03' });
        const [row] = await gateway.queryTable(table);
        await gateway.transact(table, row!.entity.partitionKey, [{ kind: 'delete', partitionKey: row!.entity.partitionKey, rowKey: row!.entity.rowKey, etag: '*' }]);
        await store.setKeepingSite(PERSONAL, { date: '2026-12-04' });
        expect(await anotherInstance().get(PERSONAL)).toEqual({ date: '2026-12-04' });

        await store.setKeepingSite(GROUP_CHAT, { siteId: 'brussels', date: '2026-12-03' });
        clock.advance(DISCUSSION_TTL_MS + 1);
        await store.setKeepingSite(GROUP_CHAT, { date: '2026-12-10' });
        expect(await anotherInstance().get(GROUP_CHAT)).toEqual({ date: '2026-12-10' });
      });

      it('costs one request for a new conversation, and for the next turns this instance saw', async () => {
        const { gateway: wrapped, requests } = counted();
        const counting = new TableDiscussionStore(wrapped, table, clock);
        await counting.setKeepingSite(PERSONAL, { date: '2026-12-03' });
        expect(requests()).toBe(1);
        await counting.setKeepingSite(PERSONAL, { date: '2026-12-04' });
        expect(requests()).toBe(2);
        await counting.get(PERSONAL);
        await counting.setKeepingSite(PERSONAL, { date: '2026-12-05' });
        expect(requests()).toBe(4);
        expect(await anotherInstance().get(PERSONAL)).toEqual({ date: '2026-12-05' });
      });
    });

    it('counts a row it cannot read as no discussion, so that the bot asks instead of guessing', async () => {
      await store.set(PERSONAL, FULL);
      const [row] = await gateway.queryTable(table);
      const { partitionKey, rowKey } = row!.entity;
      const expiresAt = String(row!.entity['expiresAt']);
      const broken: Record<string, string | number>[] = [{ pending: '{not json' }, { date: 'Thursday' }, { pending: JSON.stringify({ dates: ['2026-12-03', 4] }) }, { deskId: 42 }, {}];
      for (const fields of broken) {
        await gateway.transact(table, partitionKey, [{ kind: 'upsert', entity: { partitionKey, rowKey, ...(Object.keys(fields).length > 0 && { expiresAt }), ...fields } }]);
        expect(await store.get(PERSONAL)).toBeUndefined();
      }
    });
  });
}
