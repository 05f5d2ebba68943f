import { addDays, civilDateOf, daysBetween, isCivilDate, isoWeek } from '../domain/civil-date';
import { maxSafeHeadcount, type HeadcountResult } from '../domain/headcount';
import { deskModeOn, desksOn, isActive, offFromInForce, type Booking, type CivilDate, type FloorLayout } from '../domain/model';
import type { FloorDayFigures, OccupancyReport, PlaceNames, ZoneDayFigures, ZoneWeekFigures } from '../domain/occupancy';
import { capacityOfZone, effectivePolicy } from '../domain/policy';
import type { CatalogIndex } from './catalog-index';
import { InvalidInputError } from './errors';
import type { OccupancyArchive } from './occupancy-port';
import type { Clock, ReservationStore, SiteCatalog } from './ports';

/** The longest period a report covers, in days: a year, leap day included. */
export const MAX_REPORT_DAYS = 366;
/** Day partitions read at once: enough to overlap round trips, few enough to leave the store to bookings. */
const PARALLEL_DAYS = 8;
/**
 * A day this many days before the site's today no longer changes: check-in, release and cancel are refused for past
 * days, and the start-up catch-up releases missed no-shows of at most the last few days (3 by default). Its figures
 * are archived the first time a report counts it, and later reports read them in one query.
 */
export const SETTLED_AFTER_DAYS = 7;

export type { FloorDayFigures, OccupancyReport, PlaceNames, ZoneWeekFigures } from '../domain/occupancy';

export interface OccupancyDeps {
  readonly store: Pick<ReservationStore, 'listBookingsOfDay' | 'dayVersions'>;
  readonly catalog: { current(): Promise<CatalogIndex> };
  /** Figures of settled and purged days; without it, every report counts the bookings still stored. */
  readonly archive?: OccupancyArchive;
  /** Says which days are settled; needed to archive. */
  readonly clock?: Clock;
}

/**
 * Occupancy and no-shows of a site over a period: counts per day and zone, weekly roll-ups and peaks. Figures only:
 * nothing in it names a person, so the Reports role may see it all.
 *
 * Each day is one partition query (all of the day's booking rows), read several at a time; a day the retention
 * pass purged is read from the archive instead.
 */
export async function occupancyReport(
  deps: OccupancyDeps,
  q: { siteId: string; from: CivilDate; to: CivilDate; floorId?: string },
): Promise<OccupancyReport | null> {
  if (!isCivilDate(q.from)) throw new InvalidInputError('from must be a real day written YYYY-MM-DD', 'from');
  if (!isCivilDate(q.to)) throw new InvalidInputError('to must be a real day written YYYY-MM-DD', 'to');
  const span = daysBetween(q.from, q.to) + 1;
  if (span < 1) throw new InvalidInputError('to must be on or after from', 'to');
  if (span > MAX_REPORT_DAYS) throw new InvalidInputError(`a report covers at most ${MAX_REPORT_DAYS} days`, 'to');
  const index = await deps.catalog.current();
  const catalog = index.site(q.siteId);
  if (!catalog) return null;
  if (q.floorId !== undefined && !catalog.floors.some((f) => f.id === q.floorId)) return null;

  const dates = Array.from({ length: span }, (_, i) => addDays(q.from, i));
  const archived = deps.archive ? await deps.archive.read(q.siteId, q.from, q.to) : { days: new Set<CivilDate>(), rows: [] };
  const live = dates.filter((d) => !archived.days.has(d));
  const settledBefore = deps.clock ? addDays(civilDateOf(deps.clock.now(), catalog.site.timeZone), -SETTLED_AFTER_DAYS) : undefined;
  const perDay = new Map<CivilDate, ZoneDayFigures[]>();
  // One query for the versions of every live day; then only the days that changed are read and counted.
  const versions = live.length > 0 && deps.store.dayVersions ? await deps.store.dayVersions(live[0]!, live[live.length - 1]!) : undefined;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < live.length) {
      const date = live[next++]!;
      const rows = await dayFigures(deps.store, index, catalog, date, versions && (versions.get(date) ?? ''));
      perDay.set(date, rows);
      if (deps.archive && settledBefore !== undefined && date < settledBefore) await deps.archive.archive(q.siteId, date, rows);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DAYS, live.length) }, worker));
  for (const r of archived.rows) perDay.set(r.date, [...(perDay.get(r.date) ?? []), r]);

  const rows = dates.flatMap((d) => (perDay.get(d) ?? []).filter((r) => q.floorId === undefined || r.floorId === q.floorId).sort(byFloorZone));
  const floors = floorFigures(index, catalog, rows);
  const named = namesOf(catalog);
  return {
    siteId: q.siteId,
    from: q.from,
    to: q.to,
    ...(q.floorId !== undefined && { floorId: q.floorId }),
    rows: rows.map((r) => ({ ...r, ...named(r.floorId, r.zoneId) })),
    weeks: weekFigures(rows).map((w) => ({ ...w, ...named(w.floorId, w.zoneId) })),
    floors,
    peak: sitePeak(floors),
    archivedDays: dates.filter((d) => archived.days.has(d)),
  };
}

/** Figures of recent days per store, kept while their day's version stands: enough for a year of three sites. */
const MAX_CACHED_DAYS = 1_200;
const dayCaches = new WeakMap<object, Map<string, { index: CatalogIndex; version: string; rows: ZoneDayFigures[] }>>();

/**
 * A site's figures for a day still live (not yet archived). Counting reads every booking row of the day, hundreds;
 * the versions of the whole period are one query of its zone ledgers. So the figures are kept with the version and
 * the catalog they were counted under, and counted again only when either changed. The versions are read before the
 * rows: a change committed in between leaves newer figures under an older version, which the next report sees as
 * changed and counts again.
 */
async function dayFigures(store: OccupancyDeps['store'], index: CatalogIndex, catalog: SiteCatalog, date: CivilDate, version: string | undefined): Promise<ZoneDayFigures[]> {
  if (version === undefined) return countDay(index, catalog, date, await store.listBookingsOfDay(date));
  let cache = dayCaches.get(store);
  if (!cache) dayCaches.set(store, (cache = new Map()));
  const key = `${catalog.site.id}\u0000${date}`;
  const known = cache.get(key);
  if (known && known.index === index && known.version === version) return known.rows;
  const rows = countDay(index, catalog, date, await store.listBookingsOfDay(date));
  cache.delete(key);
  cache.set(key, { index, version, rows });
  if (cache.size > MAX_CACHED_DAYS) cache.delete(cache.keys().next().value!);
  return rows;
}

/**
 * A site's figures for one day from the day's booking rows (which hold every site's bookings of that date). A
 * booking counts in the zone its desk is in now, or, for a desk the catalog no longer has, in the zone it was
 * booked in. Every current zone has a row, even an empty one, so a quiet day reads as zero, not as missing.
 */
export function countDay(index: CatalogIndex, catalog: SiteCatalog, date: CivilDate, bookings: readonly Booking[]): ZoneDayFigures[] {
  const policy = effectivePolicy(catalog.policies, date);
  const bookable = new Map<string, number>();
  for (const d of catalog.desks) if (deskModeOn(d, date) === 'bookable') bookable.set(d.zoneId, (bookable.get(d.zoneId) ?? 0) + 1);
  const rows = new Map<string, { -readonly [K in keyof ZoneDayFigures]: ZoneDayFigures[K] }>();
  const rowOf = (floorId: string, zoneId: string, capacity: number) => {
    const key = `${floorId}\u0000${zoneId}`;
    let row = rows.get(key);
    if (!row) {
      row = { date, siteId: catalog.site.id, floorId, zoneId, booked: 0, checkedIn: 0, noShow: 0, cancelled: 0, releasedEarly: 0, held: 0, capacity };
      rows.set(key, row);
    }
    return row;
  };
  for (const z of catalog.zones) rowOf(z.floorId, z.id, capacityOfZone(policy, z, bookable.get(z.id) ?? 0));
  for (const b of bookings) {
    if (b.siteId !== catalog.site.id) continue;
    const desk = index.locateDesk(b.deskId)?.desk;
    const row = rowOf(desk?.floorId ?? b.floorId, desk?.zoneId ?? b.zoneId, 0);
    row.booked += 1;
    if (b.checkedInAt !== undefined) row.checkedIn += 1;
    if (b.releaseReason === 'no-show') row.noShow += 1;
    // A release on the day without a check-in gives the desk back before use: a cancellation, as the day before.
    const usedThenLeft = b.releaseReason === 'released-early' && b.checkedInAt !== undefined;
    if (b.status === 'cancelled-by-admin' || b.releaseReason === 'cancelled' || b.releaseReason === 'admin' || (b.releaseReason === 'released-early' && !usedThenLeft)) row.cancelled += 1;
    if (usedThenLeft) row.releasedEarly += 1;
    if (isActive(b) || b.checkedInAt !== undefined || b.releaseReason === 'no-show') row.held += 1;
  }
  return [...rows.values()];
}

/** Names as the catalog has them now; a zone or floor it no longer has keeps its id as its name. */
function namesOf(catalog: SiteCatalog): (floorId: string, zoneId: string) => PlaceNames {
  const floors = new Map(catalog.floors.map((f) => [f.id, f.name]));
  const zones = new Map(catalog.zones.map((z) => [z.id, z.name]));
  return (floorId, zoneId) => ({ floorName: floors.get(floorId) ?? floorId, zoneName: zones.get(zoneId) ?? zoneId });
}

function byFloorZone(a: ZoneDayFigures, b: ZoneDayFigures): number {
  return a.floorId.localeCompare(b.floorId) || a.zoneId.localeCompare(b.zoneId);
}

/**
 * Safe-headcount results per floor layout, distance and the latest switch-off date passed (days that share it see
 * the same desks): the exact solver is costly and a layout rarely changes.
 */
const headcounts = new WeakMap<FloorLayout, Map<string, HeadcountResult>>();

function safeHeadcount(layout: FloorLayout, minDistanceM: number, date: CivilDate): HeadcountResult {
  let byKey = headcounts.get(layout);
  if (!byKey) headcounts.set(layout, (byKey = new Map()));
  const key = `${minDistanceM}|${offFromInForce(layout.desks, date) ?? ''}`;
  let result = byKey.get(key);
  if (!result) byKey.set(key, (result = maxSafeHeadcount(desksOn(layout.desks, date), minDistanceM)));
  return result;
}

function floorFigures(index: CatalogIndex, catalog: SiteCatalog, rows: readonly ZoneDayFigures[]): FloorDayFigures[] {
  const out = new Map<string, { -readonly [K in keyof FloorDayFigures]: FloorDayFigures[K] }>();
  for (const r of rows) {
    const key = `${r.date}\u0000${r.floorId}`;
    let f = out.get(key);
    if (!f) {
      const layout = index.floor(r.floorId)?.layout;
      const minDistanceM = effectivePolicy(catalog.policies, r.date).rules.minDistanceM;
      const hc = layout ? safeHeadcount(layout, minDistanceM, r.date) : undefined;
      f = { date: r.date, floorId: r.floorId, held: 0, capacity: 0, safeMaxHeadcount: hc?.count ?? 0, safeMaxMethod: hc?.method ?? 'exact', minDistanceM };
      out.set(key, f);
    }
    f.held += r.held;
    f.capacity += r.capacity;
  }
  return [...out.values()];
}

function weekFigures(rows: readonly ZoneDayFigures[]): ZoneWeekFigures[] {
  const out = new Map<string, { -readonly [K in keyof ZoneWeekFigures]: ZoneWeekFigures[K] }>();
  for (const r of rows) {
    const week = isoWeek(r.date);
    const key = `${week}\u0000${r.floorId}\u0000${r.zoneId}`;
    let w = out.get(key);
    if (!w) {
      w = { week, floorId: r.floorId, zoneId: r.zoneId, days: 0, booked: 0, checkedIn: 0, noShow: 0, cancelled: 0, releasedEarly: 0, peakHeld: 0, peakDate: null, capacity: 0 };
      out.set(key, w);
    }
    w.days += 1;
    w.booked += r.booked;
    w.checkedIn += r.checkedIn;
    w.noShow += r.noShow;
    w.cancelled += r.cancelled;
    w.releasedEarly += r.releasedEarly;
    if (w.peakDate === null || r.held > w.peakHeld) {
      w.peakHeld = r.held;
      w.peakDate = r.date;
    }
    w.capacity = Math.max(w.capacity, r.capacity);
  }
  return [...out.values()];
}

function sitePeak(floors: readonly FloorDayFigures[]): OccupancyReport['peak'] {
  const byDay = new Map<CivilDate, { held: number; capacity: number; safeMaxHeadcount: number }>();
  for (const f of floors) {
    const d = byDay.get(f.date) ?? { held: 0, capacity: 0, safeMaxHeadcount: 0 };
    byDay.set(f.date, { held: d.held + f.held, capacity: d.capacity + f.capacity, safeMaxHeadcount: d.safeMaxHeadcount + f.safeMaxHeadcount });
  }
  let peak: OccupancyReport['peak'] = { date: null, held: 0, capacity: 0, safeMaxHeadcount: 0 };
  for (const [date, d] of byDay) if (peak.date === null || d.held > peak.held) peak = { date, ...d };
  return peak;
}
