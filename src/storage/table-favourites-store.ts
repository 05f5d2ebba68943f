import type { AddOutcome, FavouriteDesk, FavouritesStore } from '../use-cases/favourites-port';
import { ContentionError, CorruptDataError } from '../use-cases/ports';
import { encodeKeyPart } from './key-encoding';
import { OneTableStore } from './one-table-store';
import type { StoredEntity } from './table-gateway';

/**
 * Favourite desks in table rows: one partition per person (`fav|<person>`), one row per desk. A person's list is one
 * partition query; adding is a conditional create, so adding twice keeps the first `addedAt` (the person's order), and
 * two tabs adding different desks at once never overwrite each other. A guard row in the partition, rewritten with
 * If-Match by every add, makes the count checked against the cap the count the add commits on.
 */
export class TableFavouritesStore extends OneTableStore implements FavouritesStore {
  async list(userId: string): Promise<FavouriteDesk[]> {
    await this.init();
    const rows = await this.gateway.queryPartition(this.table, partitionOf(userId));
    return rows.filter((r) => r.entity.rowKey !== GUARD_ROW).map(toFavourite).sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.deskId.localeCompare(b.deskId));
  }

  async add(userId: string, favourite: FavouriteDesk, max = Infinity): Promise<AddOutcome> {
    await this.init();
    const partitionKey = partitionOf(userId);
    const rowKey = encodeKeyPart(favourite.deskId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const rows = await this.gateway.queryPartition(this.table, partitionKey);
      const guard = rows.find((r) => r.entity.rowKey === GUARD_ROW);
      if (rows.some((r) => r.entity.rowKey === rowKey)) return 'present';
      if (rows.length - (guard ? 1 : 0) >= max) return 'full';
      // The guard row is rewritten with If-Match on the version read with the list (or created, if there was none)
      // in the same transaction as the new desk: two adds that counted the same list cannot both commit, so the
      // loser counts again and the cap holds. A conflict on the desk row is the same desk added meanwhile.
      const guardEntity = { partitionKey, rowKey: GUARD_ROW, changedAt: favourite.addedAt };
      const outcome = await this.gateway.transact(this.table, partitionKey, [
        { kind: 'create', entity: { partitionKey, rowKey, deskId: favourite.deskId, addedAt: favourite.addedAt } },
        guard ? { kind: 'replace', entity: guardEntity, etag: guard.etag } : { kind: 'create', entity: guardEntity },
      ]);
      if (outcome === 'ok') return 'added';
    }
    throw new ContentionError(`Adding favourite desk ${favourite.deskId} collided with other changes ${MAX_ATTEMPTS} times in a row`);
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
        if (outcome === 'ok') forgotten += batch.filter((r) => r.entity.rowKey !== GUARD_ROW).length;
      }
    }
    return forgotten;
  }
}

/** Encoded desk ids write '~' only before two hex digits, so this key is no desk's. */
const GUARD_ROW = '~list';
/** Two tabs of one person rarely add more than a few desks at once. */
const MAX_ATTEMPTS = 8;

function partitionOf(userId: string): string {
  return `fav|${encodeKeyPart(userId)}`;
}

function toFavourite(row: StoredEntity): FavouriteDesk {
  const { deskId, addedAt } = row.entity;
  if (typeof deskId !== 'string' || typeof addedAt !== 'string') throw new CorruptDataError(`Favourite row ${row.entity.partitionKey}/${row.entity.rowKey} is malformed`);
  return { deskId, addedAt };
}
