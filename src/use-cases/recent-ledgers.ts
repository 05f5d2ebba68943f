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
    joinSiblings(store, this);
  }

  /** Drops the day from every cache over this store: a change this process made shows at once, wherever it is read. */
  forget(date: CivilDate, floorId: string): void {
    forgetEverywhere(this.store, `${date}|${floorId}`);
  }

  /** @internal Called by forgetEverywhere. */
  dropDay(key: string): void {
    this.entries.delete(key);
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

interface DayCache {
  dropDay(key: string): void;
}

/** Every cache over a store (a few per process: advice, floor views, known ledgers), so that a write forgets its day in all. */
const siblingsOf = new WeakMap<object, Set<DayCache>>();

function joinSiblings(store: object, cache: DayCache): void {
  let siblings = siblingsOf.get(store);
  if (!siblings) siblingsOf.set(store, (siblings = new Set()));
  siblings.add(cache);
}

function forgetEverywhere(store: object, key: string): void {
  for (const cache of siblingsOf.get(store) ?? []) cache.dropDay(key);
}

/**
 * The ledgers of each floor-day as this process last read or wrote them, with their versions: a booking decides on
 * them and commits with If-Match on those versions, without reading first. If another writer came between, the
 * commit fails (412) and the booking reads and decides again, exactly as after a stale read; so these ledgers need
 * not be current, only real versions. Kept `maxAgeMs` at most, so that a quiet process does not start every booking
 * with a doomed commit after another instance has been busy.
 */
export class KnownLedgers implements DayCache {
  private readonly days = new Map<string, { ledgers: readonly VersionedLedger[]; atMs: number }>();

  constructor(
    private readonly maxAgeMs = 1_000,
    private readonly maxEntries = 500,
  ) {}

  get(date: CivilDate, floorId: string, nowMs: number): readonly VersionedLedger[] | undefined {
    const known = this.days.get(`${date}|${floorId}`);
    return known && nowMs - known.atMs < this.maxAgeMs ? known.ledgers : undefined;
  }

  set(date: CivilDate, floorId: string, ledgers: readonly VersionedLedger[], nowMs: number): void {
    const key = `${date}|${floorId}`;
    this.days.delete(key);
    this.days.set(key, { ledgers, atMs: nowMs });
    if (this.days.size > this.maxEntries) this.days.delete(this.days.keys().next().value!);
  }

  dropDay(key: string): void {
    this.days.delete(key);
  }
}

const knownPerStore = new WeakMap<object, KnownLedgers>();

/** One per store and process, shared by every booking; a write of another use case over the store forgets its day. */
export function knownLedgersOf(store: Pick<ReservationStore, 'readLedgers'>): KnownLedgers {
  let known = knownPerStore.get(store);
  if (!known) {
    knownPerStore.set(store, (known = new KnownLedgers()));
    joinSiblings(store, known);
  }
  return known;
}

/** One cache per store, shared by every request of the process. */
export function recentLedgersOf(store: Pick<ReservationStore, 'readLedgers'>): RecentLedgers {
  let cache = perStore.get(store);
  if (!cache) {
    cache = new RecentLedgers(store);
    perStore.set(store, cache);
  }
  return cache;
}
