import type { CivilDate } from '../domain/model';
import type { Series } from '../domain/series';

export interface VersionedSeries {
  readonly series: Series;
  /** The ETag a write must match. */
  readonly version: string;
}

/**
 * Where series are kept. Every change is a conditional write (If-Match on the version read), so a cancel racing the
 * daily pass, or two instances recording days, never overwrite each other: the loser re-reads and merges.
 */
export interface SeriesStore {
  /** Creates a series; false when one with its id exists already (a repeated request id). */
  create(series: Series): Promise<boolean>;
  get(userId: string, seriesId: string): Promise<VersionedSeries | null>;
  listOfUser(userId: string): Promise<Series[]>;
  /** Every series still holding a pending day: what the daily pass works through. */
  listWithPendingDays(): Promise<VersionedSeries[]>;
  /** False when `expectedVersion` is stale. */
  replace(series: Series, expectedVersion: string): Promise<boolean>;
  /** Series whose last day is before `date`: what pruning removes. */
  listEndedBefore(date: CivilDate): Promise<VersionedSeries[]>;
  /** False when `expectedVersion` is stale (someone changed it meanwhile) or it is gone already. */
  remove(series: Pick<Series, 'userId' | 'id'>, expectedVersion: string): Promise<boolean>;
}
