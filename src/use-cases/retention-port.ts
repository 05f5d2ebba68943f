import type { CivilDate } from '../domain/model';

export interface PurgedRows {
  /** Booking rows deleted. */
  readonly bookings: number;
  /** Every row deleted: bookings, their desk and person rows, ledgers. */
  readonly rows: number;
}

/**
 * Deletes what the retention period no longer allows to keep. Every method is idempotent (rows already gone are
 * not an error), so a pass taken over after a crash simply runs again.
 */
export interface RetentionStore {
  /** A site's rows of a day: its booking rows, their desk and person rows, and the ledgers of its floors. */
  purgeSiteDay(date: CivilDate, siteId: string, floorIds: readonly string[]): Promise<PurgedRows>;
  /** A site's reminder, release and retention claims of a day. */
  purgeClaims(date: CivilDate, siteId: string): Promise<number>;
  /** Person-week rows (the weekly quota's holds) of ISO weeks that ended before the day. */
  purgeWeeksBefore(date: CivilDate): Promise<number>;
  /**
   * The days before `before` that still hold booking or claim rows of any site, oldest first: what passes missed
   * while every instance was down for longer than the look-back left behind. Optional: without it, only the
   * look-back's days are purged.
   */
  daysLeftBefore?(before: CivilDate): Promise<CivilDate[]>;
}
