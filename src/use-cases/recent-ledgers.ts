import type { CivilDate } from '../domain/model';
import type { ReservationStore, VersionedLedger } from './ports';

/**
 * Floor ledgers read in the last moment, for advice only: suggestions, and the "same desk another day"
 * alternatives of a refusal. Advice may be a second stale: taking it up is a booking that the store checks in
 * full. Decisions never read here. This process's own changes drop the day from the cache at once.
 */
export class RecentLedgers {
  private readonly entries = new Map<string, { at: number; ledgers: Promise<VersionedLedger[]> }>();

  constructor(
    private readonly store: Pick<ReservationStore, 'readLedgers'>,
    private readonly ttlMs = 1_000,
    private readonly maxEntries = 500,
  ) {
    let siblings = siblingsOf.get(store);
    if (!siblings) siblingsOf.set(store, (siblings = new Set()));
    siblings.add(this);
  }

  /** Drops the day from every cache over this store: a change this process made shows at once, wherever it is read. */
  forget(date: CivilDate, floorId: string): void {
    for (const cache of siblingsOf.get(this.store) ?? [this]) cache.entries.delete(`${date}|${floorId}`);
  }

  read(date: CivilDate, floorId: string, zoneIds: readonly string[], nowMs: number): Promise<VersionedLedger[]> {
    const key = `${date}|${floorId}`;
    const hit = this.entries.get(key);
    if (hit && nowMs - hit.at < this.ttlMs) return hit.ledgers;
    const ledgers = this.store.readLedgers(date, floorId, zoneIds);
    // A failed read is not remembered.
    ledgers.catch(() => this.entries.delete(key));
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { at: nowMs, ledgers });
    return ledgers;
  }
}

const perStore = new WeakMap<object, RecentLedgers>();
/** Every cache over a store (a few per process: advice, floor views), so that a write forgets its day in all. */
const siblingsOf = new WeakMap<object, Set<RecentLedgers>>();

/** One cache per store, shared by every request of the process. */
export function recentLedgersOf(store: Pick<ReservationStore, 'readLedgers'>): RecentLedgers {
  let cache = perStore.get(store);
  if (!cache) {
    cache = new RecentLedgers(store);
    perStore.set(store, cache);
  }
  return cache;
}
