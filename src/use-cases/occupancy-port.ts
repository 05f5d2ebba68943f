import type { CivilDate } from '../domain/model';

/**
 * One zone on one day, as counted for reports: figures only, never a person. The same shape is kept in the
 * occupancy archive once the day's bookings are purged, so a report reads the same numbers before and after.
 */
export interface ZoneDayFigures {
  readonly date: CivilDate;
  readonly siteId: string;
  readonly floorId: string;
  readonly zoneId: string;
  /** Every booking made for the zone that day, whatever became of it. */
  readonly booked: number;
  /** Bookings checked in (including those released early after the check-in). */
  readonly checkedIn: number;
  /** Bookings released at the check-in deadline because nobody checked in. */
  readonly noShow: number;
  /** Bookings given back before use: cancelled or released without a check-in by their owner, or cancelled by an admin. */
  readonly cancelled: number;
  /** Bookings released by their owner after checking in (they left early; the desk went back to others). */
  readonly releasedEarly: number;
  /** Desks held on the day, at its busiest: checked in, no-shows (held until the deadline) and still booked. */
  readonly held: number;
  /** The zone's capacity under the policy in force that day. */
  readonly capacity: number;
}

/**
 * Figures of days whose bookings the retention pass purged. A day is archived once, whole, before any of its rows
 * is deleted, so a report of an archived day never mixes archived and live figures.
 */
export interface OccupancyArchive {
  /** The archived days of a site between two days (inclusive), with their zone rows. */
  read(siteId: string, from: CivilDate, to: CivilDate): Promise<{ readonly days: ReadonlySet<CivilDate>; readonly rows: readonly ZoneDayFigures[] }>;
  /** Archives a site's day; false when it was archived already (the first archive stays). */
  archive(siteId: string, date: CivilDate, rows: readonly ZoneDayFigures[]): Promise<boolean>;
}
