import type { FavouriteDesk, FavouritesStore } from '../use-cases/favourites-port';
import { CorruptDataError } from '../use-cases/ports';
import { encodeKeyPart } from './key-encoding';
import { OneTableStore } from './one-table-store';
import type { StoredEntity } from './table-gateway';

/**
 * Favourite desks in table rows: one partition per person (`fav|<person>`), one row per desk. A person's list is one
 * partition query; adding is a conditional create, so adding twice keeps the first `addedAt` (the person's order), and
 * two tabs adding different desks at once never overwrite each other.
 */
export class TableFavouritesStore extends OneTableStore implements FavouritesStore {
  async list(userId: string): Promise<FavouriteDesk[]> {
    await this.init();
    const rows = await this.gateway.queryPartition(this.table, partitionOf(userId));
    return rows.map(toFavourite).sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.deskId.localeCompare(b.deskId));
  }

  async add(userId: string, favourite: FavouriteDesk): Promise<void> {
    await this.init();
    const partitionKey = partitionOf(userId);
    // 'conflict' is the desk already there: it keeps its place.
    await this.gateway.transact(this.table, partitionKey, [
      { kind: 'create', entity: { partitionKey, rowKey: encodeKeyPart(favourite.deskId), deskId: favourite.deskId, addedAt: favourite.addedAt } },
    ]);
  }

  async remove(userId: string, deskId: string): Promise<boolean> {
    await this.init();
    const partitionKey = partitionOf(userId);
    const row = await this.gateway.get(this.table, partitionKey, encodeKeyPart(deskId));
    if (!row) return false;
    // A conflict is someone else removing it (or adding it back) at the same moment: either way it was there.
    await this.gateway.transact(this.table, partitionKey, [{ kind: 'delete', partitionKey, rowKey: row.entity.rowKey, etag: '*' }]);
    return true;
  }

  async forget(userId: string): Promise<number> {
    await this.init();
    const partitionKey = partitionOf(userId);
    let forgotten = 0;
    // Read and delete until nothing is left: a favourite added while the erasure runs goes too.
    for (let pass = 0; pass < 5; pass++) {
      const rows = await this.gateway.queryPartition(this.table, partitionKey);
      if (rows.length === 0) break;
      for (let i = 0; i < rows.length; i += 100) {
        const batch = rows.slice(i, i + 100);
        const outcome = await this.gateway.transact(this.table, partitionKey, batch.map((r) => ({ kind: 'delete' as const, partitionKey, rowKey: r.entity.rowKey, etag: '*' })));
        if (outcome === 'ok') forgotten += batch.length;
      }
    }
    return forgotten;
  }
}

function partitionOf(userId: string): string {
  return `fav|${encodeKeyPart(userId)}`;
}

function toFavourite(row: StoredEntity): FavouriteDesk {
  const { deskId, addedAt } = row.entity;
  if (typeof deskId !== 'string' || typeof addedAt !== 'string') throw new CorruptDataError(`Favourite row ${row.entity.partitionKey}/${row.entity.rowKey} is malformed`);
  return { deskId, addedAt };
}
