import { addDays, localTimeOf } from '../domain/civil-date';
import type { CivilDate } from '../domain/model';
import type { AuditLog } from './audit-port';
import type { CatalogIndex } from './catalog-index';
import type { OccupancyArchive } from './occupancy-port';
import { countDay } from './occupancy-report';
import type { Clock, ReservationStore } from './ports';
import type { ClaimStore } from './reminders/reminder-ports';
import type { RetentionStore } from './retention-port';

export interface RetentionSettings {
  /** Bookings and claims of days more than this many days before the site's today are purged. */
  readonly retentionDays: number;
  /** Site-local HH:MM after which the day's pass runs: at night, when nobody books. */
  readonly runAfter: string;
  /**
   * How many days before the cut-off each pass looks at day by day. Days older than that were purged by earlier
   * passes; any a longer outage left behind are found by the retention store's `daysLeftBefore`, when it has one.
   */
  readonly lookbackDays: number;
  /** How long one instance holds a site's pass before another may take it over. */
  readonly leaseMs: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { retentionDays: 90, runAfter: '02:00', lookbackDays: 14, leaseMs: 15 * 60_000 };

export interface RetentionDeps {
  readonly store: Pick<ReservationStore, 'listBookingsOfDay'>;
  readonly catalog: { current(): Promise<CatalogIndex> };
  readonly clock: Clock;
  readonly claims: ClaimStore;
  readonly archive: OccupancyArchive;
  readonly retention: RetentionStore;
  readonly audit: Pick<AuditLog, 'append'>;
  /** This process's name in claims. */
  readonly instanceId: string;
  readonly settings?: Partial<RetentionSettings>;
}

export interface PurgeReport {
  readonly siteId: string;
  /** The site's today (the pass's day). */
  readonly date: CivilDate;
  /** Days before this one were purged. */
  readonly before: CivilDate;
  readonly bookings: number;
  readonly rows: number;
  readonly claims: number;
  readonly weeks: number;
  /** Days whose figures this pass archived for reports. */
  readonly archivedDays: number;
}

/**
 * The daily retention pass: at every site whose local time is past `runAfter`, once per site-local day across all
 * instances, it deletes the bookings (every row of them) and the reminder and release claims of days more than R
 * days old, and the person-week rows of weeks that ended before them.
 *
 * Once: the pass takes a claim (kind `purge`, the site's today) as reminders do; of instances that race for it,
 * one creates it. A holder that dies leaves a pending claim that another takes over when its lease runs out; every
 * step is idempotent, so the pass runs again from the start.
 *
 * Reports keep their history: before deleting a day, the pass archives the site's figures of that day (counts per
 * zone, no person). The archive takes a day once, so a pass taken over after it deleted part of a day does not
 * overwrite the whole day's figures with what is left.
 */
export async function purgeExpired(deps: RetentionDeps): Promise<PurgeReport[]> {
  const settings = { ...DEFAULT_RETENTION, ...deps.settings };
  const index = await deps.catalog.current();
  const now = deps.clock.now();
  const reports: PurgeReport[] = [];
  for (const catalog of index.sites) {
    const siteId = catalog.site.id;
    const local = localTimeOf(now, catalog.site.timeZone);
    if (local.hhmm < settings.runAfter) continue;
    const taken = await deps.claims.acquire({
      date: local.date,
      bookingId: `retention.${siteId}`,
      kind: 'purge',
      siteId,
      userId: 'system',
      owner: deps.instanceId,
      now,
      leaseMs: settings.leaseMs,
    });
    if (!taken.acquired) continue;
    const before = addDays(local.date, -settings.retentionDays);
    let bookings = 0;
    let rows = 0;
    let claims = 0;
    let archivedDays = 0;
    const floorIds = catalog.floors.map((f) => f.id);
    const window = Array.from({ length: settings.lookbackDays }, (_, i) => addDays(before, i - settings.lookbackDays));
    // Days older than the look-back are left only when passes were missed for longer: found by one keys-only query.
    const left = deps.retention.daysLeftBefore ? (await deps.retention.daysLeftBefore(window[0] ?? before)) : [];
    for (const date of [...left, ...window]) {
      const ofSite = (await deps.store.listBookingsOfDay(date)).filter((b) => b.siteId === siteId);
      if (ofSite.length > 0 && (await deps.archive.archive(siteId, date, countDay(index, catalog, date, ofSite)))) archivedDays += 1;
      const purged = await deps.retention.purgeSiteDay(date, siteId, floorIds);
      bookings += purged.bookings;
      rows += purged.rows;
      claims += await deps.retention.purgeClaims(date, siteId);
    }
    // A person's week may hold days of several sites; a day's margin keeps every site's weeks until all are past.
    const weeks = await deps.retention.purgeWeeksBefore(addDays(before, -1));
    const report: PurgeReport = { siteId, date: local.date, before, bookings, rows, claims, weeks, archivedDays };
    await deps.audit.append({
      at: deps.clock.now().toISOString(),
      actor: 'system',
      action: 'retention.purge',
      siteId,
      count: bookings,
      params: { retentionDays: settings.retentionDays, before, bookings, rows, claims, weeks, archivedDays },
    });
    await deps.claims.finish(taken.held, { state: 'sent', detail: `purged ${bookings} bookings before ${before}` }, deps.clock.now());
    reports.push(report);
  }
  return reports;
}
