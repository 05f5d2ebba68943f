import type { Booking, CivilDate, Desk, Floor, LedgerEntry, Site, Zone } from '../domain/model';
import type { PolicyVersion } from '../domain/policy';

/** The one reader of the current time. Tests inject a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new random id of url- and key-safe characters. */
  newId(): string;
}

/** Everything configured for one site: the layout and its rules. */
export interface SiteCatalog {
  readonly site: Site;
  readonly floors: readonly Floor[];
  readonly zones: readonly Zone[];
  readonly desks: readonly Desk[];
  readonly policies: readonly PolicyVersion[];
  /**
   * Counts the site's imports (1 for the first), as stored: bookings stamp it on the ledgers they write, so a decision
   * taken on an older layout sees a newer stamp and reloads the catalog. Absent on catalogs built in code.
   */
  readonly revision?: number;
}

export interface CatalogStore {
  listSiteCatalogs(): Promise<SiteCatalog[]>;
  getSiteCatalog(siteId: string): Promise<SiteCatalog | null>;
  /** The catalog the last import replaced, while it is kept; null when there is none. */
  getPreviousSiteCatalog(siteId: string): Promise<SiteCatalog | null>;
  /**
   * Replaces a site's whole catalog at once: readers see either the old or the new one, never a mix.
   * Returns changed: false when the stored catalog is already identical.
   */
  replaceSiteCatalog(
    catalog: SiteCatalog,
    onProgress?: (done: number, total: number) => void,
    options?: ReplaceCatalogOptions,
  ): Promise<{ changed: boolean }>;
}

export interface ReplaceCatalogOptions {
  /**
   * Replace only while the stored site is still at this revision (0: not stored yet), else throw
   * CatalogChangedError: a change computed from revision N must not overwrite a change made since.
   */
  readonly ifRevision?: number;
}

/** A zone ledger as read, with the version (ETag) that a write must match; null when it does not exist yet. */
export interface VersionedLedger {
  readonly zoneId: string;
  readonly entries: readonly LedgerEntry[];
  readonly version: string | null;
  /** The catalog revision its last writer held (0 when unknown or not stored yet). */
  readonly revision?: number;
}

/** The row that holds one person's active booking of a day. */
export interface PersonDayRow {
  readonly bookingId: string;
  readonly deskId: string;
  readonly requestId?: string;
}

/** A person's row of one day, with its day: the booking they hold that day and its desk. */
export interface DatedPersonDay extends PersonDayRow {
  readonly date: CivilDate;
}

export interface DayRead {
  readonly ledgers: readonly VersionedLedger[];
  readonly personDay: PersonDayRow | null;
}

/** A floor's ledgers of a day and the rows of several people that day (absent: no row), read in one round trip. */
export interface PeopleDayRead {
  readonly ledgers: readonly VersionedLedger[];
  readonly personDays: ReadonlyMap<string, PersonDayRow>;
}

export interface LedgerWrite {
  readonly zoneId: string;
  readonly floorId: string;
  /** The version read; null means "must not exist yet". */
  readonly expectedVersion: string | null;
  readonly entries: readonly LedgerEntry[];
  /** The catalog revision the writer decided with; stamped on the row. */
  readonly revision?: number;
}

export type CommitOutcome =
  | {
      readonly committed: true;
      /** The version each written ledger has now, by zone id, when the store can tell; a zone missing here must be read. */
      readonly ledgerVersions?: ReadonlyMap<string, string>;
    }
  | { readonly committed: false; readonly reason: 'conflict' };

export interface BookingCommit {
  readonly booking: Booking;
  /** The booking's own zone, with the entry added, and every zone with a desk within D, unchanged. */
  readonly ledgers: readonly LedgerWrite[];
  /**
   * The person's waitlist hold of the desk is taken over: its entry is gone from the own zone's ledger written here,
   * and the desk row it holds becomes the booking's (see TableWaitlistStore).
   */
  readonly takesHold?: boolean;
}

export interface TransitionCommit {
  /** The booking after the transition. */
  readonly booking: Booking;
  /** The version of the booking row that was read. */
  readonly expectedVersion: string;
  /** The booking's zone ledger, with its entry updated or removed. */
  readonly ledger: LedgerWrite;
  /** True when the transition ends the booking, so that the desk and the person's day are free again. */
  readonly freesDesk: boolean;
}

export interface VersionedBooking {
  readonly booking: Booking;
  readonly version: string;
}

/** One booking held against a person's weekly quota. */
export interface WeekEntry {
  readonly bookingId: string;
  readonly date: CivilDate;
  /** ISO instant the hold was taken; a hold whose booking never committed is dropped after a grace period. */
  readonly heldAt: string;
}

export interface VersionedWeek {
  readonly entries: readonly WeekEntry[];
  readonly version: string | null;
}

/**
 * Azure Tables allows 15 comparisons in one filter; the partition and the ledger range take 3, so 12 person rows can
 * ride on a day read.
 */
export const MAX_PEOPLE_PER_DAY_READ = 12;

/**
 * The reservation store. Every method that changes bookings is one atomic, conditional write:
 * it commits entirely or not at all, and reports a conflict when any version it was given is stale.
 */
export interface ReservationStore {
  /**
   * The ledgers of the given zones on a day (one partition query), in that order; zones with no ledger yet come back
   * empty with version null. Then every other ledger stored for the floor that day (zones an import renamed or removed,
   * whose rows still list bookings until the re-check moves them).
   */
  readLedgers(date: CivilDate, floorId: string, zoneIds: readonly string[]): Promise<VersionedLedger[]>;
  readPersonDay(date: CivilDate, userId: string): Promise<PersonDayRow | null>;
  /** A floor's ledgers and the person's row of a day, in one round trip: what every booking attempt reads. */
  readDay(date: CivilDate, floorId: string, zoneIds: readonly string[], userId: string): Promise<DayRead>;
  /**
   * `readDay` for several people at once (at most MAX_PEOPLE_PER_DAY_READ), in one round trip: bookings that arrive
   * together on one floor-day share a read (SharedDayReads).
   */
  readDayOfPeople(date: CivilDate, floorId: string, zoneIds: readonly string[], userIds: readonly string[]): Promise<PeopleDayRead>;
  commitBooking(commit: BookingCommit): Promise<CommitOutcome>;
  getBooking(bookingId: string): Promise<VersionedBooking | null>;
  commitTransition(commit: TransitionCommit): Promise<CommitOutcome>;
  /**
   * Rewrites ledgers of one day, all in one transaction (at most 100): an import's re-check moving entries to the
   * zones their desks are in now. Each write is conditional on the version read, as in a booking.
   */
  rewriteLedgers(date: CivilDate, ledgers: readonly LedgerWrite[]): Promise<CommitOutcome>;
  /** The person's active bookings between two days, inclusive. */
  listActiveBookingsOfUser(userId: string, from: CivilDate, to: CivilDate): Promise<Booking[]>;
  /**
   * The person's rows of the days from `from` to `to` (inclusive), in date order, in one query where the storage
   * can: a person row exists exactly while its booking is active, so these are the person's active bookings without
   * their booking rows (`listActiveBookingsOfUser` reads a row per day, then each booking). Optional: without it,
   * read the bookings.
   */
  personDaysOfUser?(userId: string, from: CivilDate, to: CivilDate): Promise<DatedPersonDay[]>;
  /** Every booking row of a day, whatever its status. */
  listBookingsOfDay(date: CivilDate): Promise<Booking[]>;
  /**
   * For each day from `from` to `to`, a fingerprint of its bookings that changes whenever any of them does: every
   * booking, transition and ledger rewrite writes a zone ledger in the same transaction, so the ledgers' versions
   * tell. A day with no ledger is absent. Lets reports reuse a day's figures without reading its booking rows again.
   * Optional: without it, every report reads them.
   */
  dayVersions?(from: CivilDate, to: CivilDate): Promise<ReadonlyMap<CivilDate, string>>;
  readWeek(userId: string, isoWeek: string): Promise<VersionedWeek>;
  /** Conditional write of a person's week; false when `expectedVersion` is stale. */
  writeWeek(userId: string, isoWeek: string, entries: readonly WeekEntry[], expectedVersion: string | null): Promise<boolean>;
  /** Answers when the store can be reached; throws StorageUnavailableError otherwise. */
  ping(): Promise<void>;
}

/** Storage that is down, throttled or answering garbage. Nothing was half-written: every write is one transaction. */
export class StorageUnavailableError extends Error {
  readonly code = 'STORAGE_UNAVAILABLE';
  readonly retryAfterSeconds: number;
  constructor(message: string, options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StorageUnavailableError';
    this.retryAfterSeconds = options.retryAfterSeconds ?? 5;
  }
}

/** Too many people changed the same zone at once; the caller may retry shortly. */
export class ContentionError extends Error {
  readonly code = 'CONTENTION';
  readonly retryAfterSeconds = 1;
  constructor(message: string) {
    super(message);
    this.name = 'ContentionError';
  }
}

/** The site's catalog was replaced by someone else since it was read; nothing was changed by this write. */
export class CatalogChangedError extends Error {
  readonly code = 'CATALOG_CHANGED';
  constructor(
    readonly siteId: string,
    /** The revision stored now, when known. */
    readonly current: number | undefined,
  ) {
    super(`Site ${siteId} was changed by another import at the same time${current === undefined ? '' : ` (it is now at revision ${current})`}; nothing was changed by this one`);
    this.name = 'CatalogChangedError';
  }
}

/** Stored data that breaks the store's own shape: a bug or a manual edit, never a user's mistake. */
export class CorruptDataError extends Error {
  readonly code = 'CORRUPT_DATA';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'CorruptDataError';
  }
}

/** Where the bot can write to a person proactively: the Bot Framework conversation reference, as JSON. */
export interface ConversationReferenceStore {
  save(userId: string, reference: Record<string, unknown>): Promise<void>;
  get(userId: string): Promise<Record<string, unknown> | null>;
}
