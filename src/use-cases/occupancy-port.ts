import type { CivilDate } from '../domain/model';
import type { ZoneDayFigures } from '../domain/occupancy';

export type { ZoneDayFigures } from '../domain/occupancy';

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
