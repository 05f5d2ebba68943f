import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableFavouritesStore } from '../../src/storage/table-favourites-store';
import type { TableGateway } from '../../src/storage/table-gateway';
import { testConnectionString, uniqueTableName } from '../support/azurite';

// Teams ids carry ':' and more; desk ids come from imports: both are encoded into keys.
const ANN = '29:1a-Bc/x#y?z';
const BOB = '8:orgid:bob';

function contract(name: string, gateway: () => TableGateway): void {
  describe(`the favourites store (${name})`, () => {
    let store: TableFavouritesStore;
    beforeEach(async () => {
      store = new TableFavouritesStore(gateway(), uniqueTableName('fav'));
      await store.init();
    });

    it('lists a person’s favourites in the order they were added, and nobody else’s', async () => {
      await store.add(ANN, { deskId: 'hq-3-12', addedAt: '2026-12-01T09:00:02.000Z' });
      await store.add(ANN, { deskId: 'hq/2#04', addedAt: '2026-12-01T09:00:01.000Z' });
      await store.add(BOB, { deskId: 'hq-3-12', addedAt: '2026-12-01T09:00:00.000Z' });
      expect(await store.list(ANN)).toEqual([
        { deskId: 'hq/2#04', addedAt: '2026-12-01T09:00:01.000Z' },
        { deskId: 'hq-3-12', addedAt: '2026-12-01T09:00:02.000Z' },
      ]);
      expect((await store.list(BOB)).map((f) => f.deskId)).toEqual(['hq-3-12']);
      expect(await store.list('nobody')).toEqual([]);
    });

    it('keeps the first place of a desk added twice, even when both adds race', async () => {
      await store.add(ANN, { deskId: 'a', addedAt: '2026-12-01T09:00:00.000Z' });
      await Promise.all([
        store.add(ANN, { deskId: 'b', addedAt: '2026-12-01T10:00:00.000Z' }),
        store.add(ANN, { deskId: 'b', addedAt: '2026-12-01T10:00:01.000Z' }),
        store.add(ANN, { deskId: 'a', addedAt: '2026-12-01T11:00:00.000Z' }),
      ]);
      const list = await store.list(ANN);
      expect(list.map((f) => f.deskId)).toEqual(['a', 'b']);
      expect(list[0]!.addedAt).toBe('2026-12-01T09:00:00.000Z');
    });

    it('removes one desk (false when it was not there) and forgets a person entirely, leaving others', async () => {
      for (let i = 0; i < 12; i++) await store.add(ANN, { deskId: `d${i}`, addedAt: `2026-12-01T09:00:${String(i).padStart(2, '0')}.000Z` });
      await store.add(BOB, { deskId: 'd1', addedAt: '2026-12-01T09:00:00.000Z' });
      expect(await store.remove(ANN, 'd3')).toBe(true);
      expect(await store.remove(ANN, 'd3')).toBe(false);
      expect((await store.list(ANN)).map((f) => f.deskId)).not.toContain('d3');
      expect(await store.forget(ANN)).toBe(11);
      expect(await store.list(ANN)).toEqual([]);
      expect(await store.forget(ANN)).toBe(0);
      expect((await store.list(BOB)).map((f) => f.deskId)).toEqual(['d1']);
    });

    it('never passes its limit when adds race: of six adds to a list of nine, one lands and five are told it is full', async () => {
      for (let i = 0; i < 9; i++) await store.add(ANN, { deskId: `d${i}`, addedAt: `2026-12-01T09:00:0${i}.000Z` }, 10);
      const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => store.add(ANN, { deskId: `new${i}`, addedAt: '2026-12-01T10:00:00.000Z' }, 10)));
      expect(outcomes.filter((o) => o === 'added')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'full')).toHaveLength(5);
      expect(await store.list(ANN)).toHaveLength(10);
      // A desk already there is 'present' even at the limit; after a removal there is room for one again.
      expect(await store.add(ANN, { deskId: 'd0', addedAt: '2026-12-01T11:00:00.000Z' }, 10)).toBe('present');
      await store.remove(ANN, 'd1');
      expect(await store.add(ANN, { deskId: 'late', addedAt: '2026-12-01T11:00:00.000Z' }, 10)).toBe('added');
      expect(await store.add(ANN, { deskId: 'later', addedAt: '2026-12-01T11:00:00.000Z' }, 10)).toBe('full');
      expect(await store.forget(ANN)).toBe(10);
    });
  });
}

contract('in memory', () => new InMemoryTableGateway());
contract('Azure Tables on Azurite', () => new AzureTableGateway({ kind: 'connection-string', connectionString: testConnectionString() }));
