import { ledgerOfBooking, returnQuota, unlisted } from './change-booking';
import { addDays, civilDateOf, daysBetween, isCivilDate, isoWeekDates } from '../domain/civil-date';
import { isActive, type Booking, type CivilDate, type FloorLayout, type LedgerEntry } from '../domain/model';
import { DEFAULT_RULES, effectivePolicy } from '../domain/policy';
import { overWeeklyQuota, policyCancellation, quotaWeeks, recheckDay, type RecheckCancellation } from '../domain/policy-recheck';
import type { CatalogIndex } from './catalog-index';
import { InvalidInputError } from './errors';
import {
  ContentionError,
  type CatalogStore,
  type Clock,
  type LedgerWrite,
  type ReservationStore,
  type VersionedLedger,
  type SiteCatalog,
} from './ports';
import { recentLedgersOf } from './recent-ledgers';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from './retry-policy';

export type { RecheckCancellation } from '../domain/policy-recheck';

export interface RecheckDeps {
  readonly store: Pick<
    ReservationStore,
    'listBookingsOfDay' | 'getBooking' | 'readLedgers' | 'commitTransition' | 'readWeek' | 'writeWeek' | 'rewriteLedgers'
  >;
  /** Must reflect the catalog just imported: a cached copy would re-check against the old rules. */
  readonly catalog: { current(): Promise<CatalogIndex> };
  /** The catalog the import replaced: servers still holding it may write the ledgers of its zones (see below). */
  readonly previous: Pick<CatalogStore, 'getPreviousSiteCatalog'>;
  readonly clock: Clock;
  readonly retry?: RetryPolicy;
  /** The groups of the people who booked, when known, so that a zone restricted to groups is enforced (see recheckDay). */
  readonly groupsOf?: (userId: string) => readonly string[] | undefined;
}

export interface RecheckQuery {
  readonly siteId: string;
  /** First day to re-check; default today (site time). Days before today are history and are never touched. */
  readonly from?: CivilDate;
  /** How many days from `from`; default today through the longest booking horizon of the site's policies. */
  readonly days?: number;
}

export interface RecheckResult {
  /** Days read, today included. */
  readonly checkedDays: number;
  /** The bookings cancelled, as stored after the cancellation, with the rule each one broke: whom to tell, and why. */
  readonly cancelled: RecheckCancellation[];
}

/** The longest window the re-check reads, in days. */
export const MAX_RECHECK_DAYS = 400;

/**
 * The re-check stopped part-way (storage down, or contention that outlasted the retries). The cancellations listed
 * here did commit, and their owners must still be told; running the re-check again finishes the rest.
 */
export class RecheckIncompleteError extends Error {
  readonly code = 'RECHECK_INCOMPLETE';
  constructor(
    readonly siteId: string,
    readonly date: CivilDate,
    readonly partial: RecheckResult,
    options: { cause: unknown },
  ) {
    const n = partial.cancelled.length;
    const why = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(
      `Re-checking the bookings of site ${siteId} stopped on ${date}, after ${n} cancellation${n === 1 ? '' : 's'}: ${why}`,
      { cause: options.cause },
    );
    this.name = 'RecheckIncompleteError';
  }
}

/**
 * After a site's rules tightened: re-checks each day of the window against the rules in force that day, and cancels
 * the bookings that no longer fit (see `recheckDay`: checked-in bookings and the earliest booked keep their desks).
 *
 * Each cancellation is one conditional write of the booking row and its zone ledger, as any other cancellation. A
 * conflict means the day changed meanwhile (someone booked, cancelled or checked in), so the day is read and decided
 * again: a booking checked in meanwhile is kept, and one whose neighbour left meanwhile may now fit.
 */
export async function recheckBookings(deps: RecheckDeps, q: RecheckQuery): Promise<RecheckResult> {
  const index = await deps.catalog.current();
  const catalog = index.site(q.siteId);
  if (!catalog) throw new InvalidInputError(`No site "${q.siteId.slice(0, 80)}" in the catalog`, 'siteId');
  if (q.from !== undefined && !isCivilDate(q.from)) {
    throw new InvalidInputError(
      `from must be a real day written YYYY-MM-DD; got "${String(q.from).slice(0, 40)}"`,
      'from',
    );
  }
  if (q.days !== undefined && !(Number.isInteger(q.days) && q.days >= 0 && q.days <= MAX_RECHECK_DAYS)) {
    throw new InvalidInputError(
      `days must be a whole number from 0 to ${MAX_RECHECK_DAYS}; got ${String(q.days)}`,
      'days',
    );
  }

  const today = civilDateOf(deps.clock.now(), catalog.site.timeZone);
  const from = q.from ?? today;
  const last = addDays(from, (q.days ?? defaultDays(catalog)) - 1);
  const first = from < today ? today : from;
  const previous = await deps.previous.getPreviousSiteCatalog(q.siteId);
  const layouts = catalog.floors.flatMap((f) => {
    const floor = index.floor(f.id);
    return floor ? [floor.layout] : [];
  });

  const cancelled: RecheckCancellation[] = [];
  let checkedDays = 0;
  for (let date = first; daysBetween(date, last) >= 0; date = addDays(date, 1)) {
    try {
      await recheckOneDay(deps, index, catalog, previous, layouts, date, cancelled);
    } catch (error) {
      throw new RecheckIncompleteError(q.siteId, date, { checkedDays, cancelled }, { cause: error });
    }
    checkedDays++;
  }
  try {
    await recheckQuotas(deps, index, catalog, first, last, cancelled);
  } catch (error) {
    throw new RecheckIncompleteError(q.siteId, last, { checkedDays, cancelled }, { cause: error });
  }
  return { checkedDays, cancelled };
}

/**
 * The weekly quota spans days, so it is re-checked per person and ISO week once the days are done: the bookings that
 * count (active, or checked in) are replayed in the same order as a day's (checked in, then earliest booked), each
 * against the quota in force on its own day, and the active ones beyond it, from the first re-checked day on, are
 * cancelled. Days of the week before the window still count; they are never touched.
 */
async function recheckQuotas(
  deps: RecheckDeps,
  index: CatalogIndex,
  catalog: SiteCatalog,
  first: CivilDate,
  last: CivilDate,
  cancelled: RecheckCancellation[],
): Promise<void> {
  const retry = deps.retry ?? DEFAULT_RETRY;
  for (const week of quotaWeeks(catalog.policies, first, last)) {
    for (let failures = 0; ; ) {
      const days = isoWeekDates(week);
      const counted = (await Promise.all(days.map((d) => deps.store.listBookingsOfDay(d))))
        .flat()
        .filter((b) => b.siteId === catalog.site.id && (isActive(b) || b.checkedInAt !== undefined));
      let blocked = false;
      for (const c of overWeeklyQuota({ policies: catalog.policies, week, bookings: counted, first, last })) {
        const outcome = await cancelOne(deps, index, c.booking, true);
        if (outcome === 'changed' || outcome === 'conflict') {
          blocked = true;
          break;
        }
        cancelled.push({ booking: outcome, refusal: c.refusal });
      }
      if (!blocked) break;
      if (++failures >= retry.maxAttempts) throw new ContentionError(`Re-checking the quotas of ${week} collided with other changes ${retry.maxAttempts} times in a row`);
      await retry.sleep(backoffDelay(retry, failures - 1));
    }
  }
}

/** Today through the furthest day any of the site's policies lets people book. */
function defaultDays(catalog: SiteCatalog): number {
  const horizons = catalog.policies.map((p) => p.rules.horizonDays);
  return (horizons.length > 0 ? Math.max(...horizons) : DEFAULT_RULES.horizonDays) + 1;
}

async function recheckOneDay(
  deps: RecheckDeps,
  index: CatalogIndex,
  catalog: SiteCatalog,
  previous: SiteCatalog | null,
  layouts: readonly FloorLayout[],
  date: CivilDate,
  cancelled: RecheckCancellation[],
): Promise<void> {
  const retry = deps.retry ?? DEFAULT_RETRY;
  const policy = effectivePolicy(catalog.policies, date);
  // Counts failed rounds in a row: each cancellation that commits is progress, so a long list never runs out of tries.
  let failures = 0;
  for (;;) {
    const bookings = (await deps.store.listBookingsOfDay(date)).filter(
      (b) => b.siteId === catalog.site.id && isActive(b),
    );
    let blocked: 'changed' | 'conflict' | null = await ledgersFollowDesks(deps, index, catalog, previous, date, bookings);
    const plan = blocked ? { cancel: [] } : recheckDay({ layouts, policy, bookings, ...(deps.groupsOf && { groupsOf: deps.groupsOf }) });
    for (const c of plan.cancel) {
      const outcome = await cancelOne(deps, index, c.booking, policy.rules.weeklyQuota !== null);
      if (outcome === 'changed' || outcome === 'conflict') {
        blocked = outcome;
        break;
      }
      cancelled.push({ booking: outcome, refusal: c.refusal });
      failures = 0;
    }
    if (blocked === null) return;
    if (++failures >= retry.maxAttempts) {
      throw new ContentionError(
        `Re-checking ${date} collided with other changes ${retry.maxAttempts} times in a row`,
      );
    }
    if (blocked === 'conflict') await retry.sleep(backoffDelay(retry, failures - 1));
  }
}

/**
 * Cancels one booking, if it is still the one the plan was made from. The booking row and its zone ledger are both
 * written with If-Match, so a check-in, a cancellation or a booking in the zone since they were read wins, and the
 * day is decided again.
 */
async function cancelOne(
  deps: RecheckDeps,
  index: CatalogIndex,
  listed: Booking,
  returnsQuota: boolean,
): Promise<Booking | 'changed' | 'conflict'> {
  const found = await deps.store.getBooking(listed.id);
  if (!found || !sameActiveBooking(found.booking, listed)) return 'changed';
  const before = found.booking;
  const after = policyCancellation(before, deps.clock.now());
  const holder = await ledgerOfBooking(deps.store, before, index);
  if (!holder) return unlisted(deps.store, found);
  const { floorId, ledger } = holder;
  const outcome = await deps.store.commitTransition({
    booking: after,
    expectedVersion: found.version,
    ledger: {
      zoneId: ledger.zoneId,
      floorId,
      expectedVersion: ledger.version,
      entries: ledger.entries.filter((e) => e.bookingId !== before.id),
      revision: ledger.revision ?? 0,
    },
    freesDesk: true,
  });
  if (!outcome.committed) return 'conflict';
  recentLedgersOf(deps.store).forget(before.date, floorId);
  if (returnsQuota) await returnQuota(deps, after);
  return after;
}

/**
 * Ledgers follow their desks: after an import renamed a zone, or moved a desk to another zone or floor, the day's
 * entries move to the ledger of the zone each desk is in now, and every ledger of the site that day is stamped with
 * the catalog's revision. From then on:
 *   - every booking that could conflict with a booked desk writes the row that lists it (its zone is a current zone);
 *   - a decision taken on the old layout reads a newer stamp and starts over with the new catalog, and one that read
 *     before this write fails its If-Match (a row it wrote is stamped here) or its create (the row now exists).
 * For that last reason a row emptied here stays, empty, and every zone of the replaced layout gets a stamped row that
 * day, empty when it had none: the rows an old-layout decision can write are exactly its zones' rows. Rows of one day are written in one transaction while they
 * fit in 100 operations; beyond that, rows that gain entries are written before rows that lose them, so an entry is
 * listed twice for a moment (counted once: by desk) but never missing.
 */
async function ledgersFollowDesks(
  deps: RecheckDeps,
  index: CatalogIndex,
  catalog: SiteCatalog,
  previous: SiteCatalog | null,
  date: CivilDate,
  bookings: readonly Booking[],
): Promise<'conflict' | 'changed' | null> {
  const revision = catalog.revision ?? 0;
  const key = (floorId: string, zoneId: string) => `${floorId}\u0000${zoneId}`;
  const zonesOf = new Map<string, string[]>();
  const fenced = new Set<string>();
  for (const z of [...catalog.zones, ...(previous?.zones ?? [])]) {
    const zones = zonesOf.get(z.floorId) ?? [];
    if (!zones.includes(z.id)) zonesOf.set(z.floorId, [...zones, z.id]);
  }
  for (const z of previous?.zones ?? []) fenced.add(key(z.floorId, z.id));
  const floors = new Set([...catalog.floors.map((f) => f.id), ...(previous?.floors ?? []).map((f) => f.id), ...bookings.map((b) => b.floorId)]);
  const rows: { floorId: string; ledger: VersionedLedger }[] = [];
  for (const floorId of floors) {
    for (const ledger of await deps.store.readLedgers(date, floorId, zonesOf.get(floorId) ?? [])) rows.push({ floorId, ledger });
  }
  const target = new Map<string, LedgerEntry[]>();
  const placed = new Set<string>();
  for (const { floorId, ledger } of rows) {
    for (const e of ledger.entries) {
      if (placed.has(e.bookingId)) continue;
      placed.add(e.bookingId);
      const at = index.locateDesk(e.deskId);
      const desk = at && at.catalog.site.id === catalog.site.id ? at.desk : undefined;
      const k = desk ? key(desk.floorId, desk.zoneId) : key(floorId, ledger.zoneId);
      target.set(k, [...(target.get(k) ?? []), e]);
    }
  }
  const same = (a: readonly LedgerEntry[], b: readonly LedgerEntry[]) =>
    a.length === b.length && a.every((x, i) => x.bookingId === b[i]?.bookingId && x.checkedIn === b[i]?.checkedIn);
  const gaining: LedgerWrite[] = [];
  const losing: LedgerWrite[] = [];
  for (const { floorId, ledger } of rows) {
    const k = key(floorId, ledger.zoneId);
    const entries = target.get(k) ?? [];
    target.delete(k);
    // A zone of the replaced layout gets its row even when empty: a server still on that layout that read the day
    // before this pass and would create the row now gets 409, re-reads, and finds this revision.
    if (ledger.version === null && entries.length === 0 && !fenced.has(k)) continue;
    if (ledger.version !== null && same(ledger.entries, entries) && (ledger.revision ?? 0) >= revision) continue;
    const write = { floorId, zoneId: ledger.zoneId, expectedVersion: ledger.version, entries, revision };
    (entries.length >= ledger.entries.length ? gaining : losing).push(write);
  }
  for (const [k, entries] of target) {
    const [floorId, zoneId] = k.split('\u0000') as [string, string];
    gaining.push({ floorId, zoneId, expectedVersion: null, entries, revision });
  }
  const writes = [...gaining, ...losing];
  for (let i = 0; i < writes.length; i += MAX_LEDGER_WRITES) {
    const outcome = await deps.store.rewriteLedgers(date, writes.slice(i, i + MAX_LEDGER_WRITES));
    if (!outcome.committed) return 'conflict';
  }
  if (writes.length > 0) for (const f of floors) recentLedgersOf(deps.store).forget(date, f);
  // The ledgers must list the bookings the day is decided on: one committed after the listing (on the old layout
  // too, before the writes above fenced it) would escape the plan. The next round lists the day again.
  const listed = new Set(bookings.map((b) => b.id));
  if (placed.size !== listed.size || [...placed].some((id) => !listed.has(id))) return 'changed';
  return null;
}

const MAX_LEDGER_WRITES = 100;

function sameActiveBooking(now: Booking, listed: Booking): boolean {
  return (
    now.status === listed.status &&
    now.deskId === listed.deskId &&
    now.userId === listed.userId &&
    now.zoneId === listed.zoneId
  );
}

