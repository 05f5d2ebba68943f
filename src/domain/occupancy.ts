/**
 * The figures of the occupancy report: counts only, never a person. Plain data, here so that the use case that counts
 * them, the archive that keeps them and the REST contract the tab reads (src/api-contract) name one shape.
 */
import type { HeadcountResult } from './headcount';
import type { CivilDate } from './model';

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

export interface FloorDayFigures {
  readonly date: CivilDate;
  readonly floorId: string;
  readonly held: number;
  /** The sum of the floor's zone capacities that day. */
  readonly capacity: number;
  /** The most desks the floor can hold at once under the distance rule of that day, and whether it is exact. */
  readonly safeMaxHeadcount: number;
  readonly safeMaxMethod: HeadcountResult['method'];
  readonly minDistanceM: number;
}

export interface ZoneWeekFigures {
  /** ISO week, YYYY-Www. */
  readonly week: string;
  readonly floorId: string;
  readonly zoneId: string;
  readonly days: number;
  readonly booked: number;
  readonly checkedIn: number;
  readonly noShow: number;
  readonly cancelled: number;
  readonly releasedEarly: number;
  /** The busiest day's desks held, against the largest capacity of the week. */
  readonly peakHeld: number;
  readonly peakDate: CivilDate | null;
  readonly capacity: number;
}

/** A floor's and a zone's names beside their ids, so a page and a spreadsheet read "Zone B", not "hq-3-b". */
export interface PlaceNames {
  readonly floorName: string;
  readonly zoneName: string;
}

export interface OccupancyReport {
  readonly siteId: string;
  readonly from: CivilDate;
  readonly to: CivilDate;
  /** The floor the report was narrowed to, if any. */
  readonly floorId?: string;
  /** One row per day and zone, in date, floor, zone order. */
  readonly rows: readonly (ZoneDayFigures & PlaceNames)[];
  readonly weeks: readonly (ZoneWeekFigures & PlaceNames)[];
  /** One row per day and floor: desks held against capacity and against the safe-headcount maximum. */
  readonly floors: readonly FloorDayFigures[];
  /** The site's busiest day of the period. */
  readonly peak: { readonly date: CivilDate | null; readonly held: number; readonly capacity: number; readonly safeMaxHeadcount: number };
  /** Days whose figures come from the archive (their bookings were purged). */
  readonly archivedDays: readonly CivilDate[];
}

