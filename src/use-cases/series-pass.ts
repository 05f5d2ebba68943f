/**
 * The daily series pass: days of a series that were beyond the booking horizon when it was made are booked when they
 * enter it, by the ordinary rules.
 *
 * Exactly once across instances and restarts, with the claims of the reminders (ClaimStore): each (day, series) is a
 * claim row created with a conditional insert, so of the instances that run the pass at once one books the day and
 * the others see it taken. A holder that dies mid-way leaves a pending claim whose lease runs out; the next pass takes
 * it over and books under the same per-day request id, which finds the booking the dead holder made, if it made one.
 */
import { bookingWindow, type BookingWindow } from '../domain/booking-window';
import { addDays, civilDateOf } from '../domain/civil-date';
import type { CivilDate } from '../domain/model';
import { dueDays } from '../domain/series';
import { bookSeriesDay, recordDay, type SeriesDeps } from './book-series';
import type { MemberGroups } from './member-groups-port';
import { describe } from './reminders/pass-support';
import type { ClaimStore } from './reminders/reminder-ports';
import type { Logger } from './logger-port';
import { DEFAULT_RETENTION } from './purge-expired';

export interface SeriesPassDeps extends SeriesDeps {
  readonly claims: ClaimStore;
  /** This process's name in claims. */
  readonly instanceId: string;
  readonly log: Logger;
  /** How long a day's claim is held: covers a booking's few store round trips, with a wide margin. */
  readonly leaseMs?: number;
  /**
   * How long an ended series is kept (SEATWISE_RETENTION_DAYS): its days' bookings are purged after that, and a row
   * that only names a person and days would outlive them.
   */
  readonly keepEndedDays?: number;
  /** The groups each person's token carried when last seen: a day in a zone restricted to groups is booked with them. */
  readonly members?: Pick<MemberGroups, 'groupsOf'>;
}

export interface SeriesPassReport {
  /** Days booked by this pass. */
  booked: number;
  /** Days the rules refused (recorded on the series with their code). */
  refused: number;
  /** Days whose claim another pass finished already. */
  alreadyDone: number;
  /** Days another live instance holds now. */
  busy: number;
  /** Days that failed on an error (storage down…): left to the lease, retried by a later pass. */
  errors: number;
  /** Ended series removed, past the retention period. */
  pruned: number;
}

const DEFAULT_LEASE_MS = 120_000;

export async function runSeriesPass(deps: SeriesPassDeps, options: { signal?: AbortSignal } = {}): Promise<SeriesPassReport> {
  const report: SeriesPassReport = { booked: 0, refused: 0, alreadyDone: 0, busy: 0, errors: 0, pruned: 0 };
  const index = await deps.catalog.current();
  const windows = new Map<string, BookingWindow>();
  for (const { series } of await deps.series.listWithPendingDays()) {
    const catalog = index.site(series.siteId);
    if (!catalog) continue;
    let window = windows.get(series.siteId);
    if (!window) {
      window = bookingWindow({ now: deps.clock.now(), timeZone: catalog.site.timeZone, policies: catalog.policies });
      windows.set(series.siteId, window);
    }
    // One day after the other: the days of one week share the person's quota row, and in turn they never collide.
    for (const date of dueDays(series, window.lastBookableDate)) {
      if (options.signal?.aborted) return report;
      try {
        await bookOneDay(deps, series.userId, series.id, series.siteId, date, report);
      } catch (error) {
        report.errors++;
        deps.log.warn({ seriesId: series.id, date, err: describe(error) }, 'series day not booked; a later pass retries it');
      }
    }
  }
  // A removal that loses to a write (a cancel at the same moment) is tried again by the next day's pass.
  const cutoff = addDays(civilDateOf(deps.clock.now(), 'UTC'), -(deps.keepEndedDays ?? DEFAULT_RETENTION.retentionDays));
  for (const ended of await deps.series.listEndedBefore(cutoff)) {
    if (options.signal?.aborted) return report;
    if (await deps.series.remove(ended.series, ended.version)) report.pruned++;
  }
  return report;
}

async function bookOneDay(deps: SeriesPassDeps, userId: string, seriesId: string, siteId: string, date: CivilDate, report: SeriesPassReport): Promise<void> {
  const claim = await deps.claims.acquire({
    date,
    kind: 'series',
    bookingId: seriesId,
    siteId,
    userId,
    owner: deps.instanceId,
    now: deps.clock.now(),
    leaseMs: deps.leaseMs ?? DEFAULT_LEASE_MS,
  });
  if (!claim.acquired) {
    if (claim.current.state === 'pending') report.busy++;
    else report.alreadyDone++;
    return;
  }
  // Read the series again under the claim: a cancel or a day recorded since the list was read must win.
  const fresh = await deps.series.get(userId, seriesId);
  const day = fresh?.series.days.find((d) => d.date === date);
  if (!fresh || day?.state !== 'pending') {
    await deps.claims.finish(claim.held, { state: 'skipped', detail: `day no longer pending (${day?.state ?? 'gone'})` }, deps.clock.now());
    report.alreadyDone++;
    return;
  }
  const groups = deps.members ? (await deps.members.groupsOf([userId])).get(userId) : undefined;
  const outcome = await bookSeriesDay(deps, fresh.series, date, groups);
  await recordDay(deps, userId, seriesId, outcome.day);
  if (outcome.day.state === 'booked') report.booked++;
  else report.refused++;
  await deps.claims.finish(
    claim.held,
    { state: 'sent', detail: outcome.day.state === 'booked' ? `booked ${outcome.day.bookingId}` : `refused ${outcome.day.code}` },
    deps.clock.now(),
  );
}

/**
 * When the pass runs: once per site-day (a new day brings one more day into every horizon), again after a pass that
 * left work behind (busy or failed days), and not more often than `retryMs` for those.
 */
export class SeriesPassSchedule {
  private lastDays = '';
  private retryAt = 0;

  constructor(private readonly retryMs = 5 * 60_000) {}

  /** Whether a pass is due at `now`, given each site's time zone. */
  due(now: Date, timeZones: readonly string[]): boolean {
    const days = this.daysKey(now, timeZones);
    return days !== this.lastDays || (this.retryAt > 0 && now.getTime() >= this.retryAt);
  }

  ran(now: Date, timeZones: readonly string[], report: SeriesPassReport | null): void {
    this.lastDays = this.daysKey(now, timeZones);
    this.retryAt = report && report.busy + report.errors === 0 ? 0 : now.getTime() + this.retryMs;
  }

  private daysKey(now: Date, timeZones: readonly string[]): string {
    return [...new Set(timeZones)].sort().map((tz) => civilDateOf(now, tz)).join(',');
  }
}

/** The series pass as a job of the scheduler: it runs when `SeriesPassSchedule` says it is due, and logs what it did. */
export function seriesPassJob(deps: SeriesPassDeps, schedule = new SeriesPassSchedule()): { readonly name: string; run(signal: AbortSignal): Promise<void> } {
  return {
    name: 'series-pass',
    async run(signal) {
      const now = deps.clock.now();
      const timeZones = (await deps.catalog.current()).sites.map((s) => s.site.timeZone);
      if (!schedule.due(now, timeZones)) return;
      let report: SeriesPassReport | null = null;
      try {
        report = await runSeriesPass(deps, { signal });
      } finally {
        schedule.ran(now, timeZones, report);
      }
      if (report.booked + report.refused + report.busy + report.errors + report.pruned > 0) deps.log.info({ ...report }, 'series pass');
    },
  };
}
