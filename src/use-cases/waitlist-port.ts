import type { CivilDate } from '../domain/model';
import type { WaitlistEntry } from '../domain/waitlist';
import type { CommitOutcome, LedgerWrite } from './ports';

/** An entry as read, with the ETag its next write must match. */
export interface VersionedEntry {
  readonly entry: WaitlistEntry;
  readonly version: string;
}

export interface HoldCommit {
  /** The entry, now `offered` with its offer. */
  readonly entry: WaitlistEntry;
  readonly expectedVersion: string;
  /** As a booking's: the desk's zone with the hold's entry added, and every zone with a desk within D, unchanged. */
  readonly ledgers: readonly LedgerWrite[];
}

export interface HoldRelease {
  /** The entry after the offer: expired, declined, left, or booked. */
  readonly entry: WaitlistEntry;
  readonly expectedVersion: string;
  /**
   * The desk's zone ledger without the hold's entry, when the ledger still lists it; absent when the hold is no
   * longer there (a booking took it over), and then only the entry changes.
   */
  readonly ledger?: LedgerWrite;
  readonly deskId?: string;
}

/**
 * Waitlist entries live in their day's partition, beside the bookings, so that placing or ending a hold is one
 * transaction with the ledgers it writes (see TableWaitlistStore).
 */
export interface WaitlistStore {
  /** Every entry of a day, open or finished (one partition query). */
  readDay(date: CivilDate): Promise<VersionedEntry[]>;
  /** The person's entry of a day, if any. */
  readMine(date: CivilDate, userId: string): Promise<VersionedEntry | null>;
  /**
   * Adds the entry; one per person per day. When the person has an entry already, an open one is kept (they are
   * already in line: `created: false`), and a finished one is replaced (they join again, at the back).
   */
  join(entry: WaitlistEntry): Promise<{ created: boolean; current: VersionedEntry } | 'conflict'>;
  /** Conditional write of the entry alone (leaving while waiting; recording an outcome). */
  writeEntry(entry: WaitlistEntry, expectedVersion: string): Promise<CommitOutcome>;
  placeHold(commit: HoldCommit): Promise<CommitOutcome>;
  releaseHold(release: HoldRelease): Promise<CommitOutcome>;
}
