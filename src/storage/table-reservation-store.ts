import { addDays, daysBetween, isCivilDate } from '../domain/civil-date';
import { isActive, type Booking, type CivilDate, type LedgerEntry } from '../domain/model';
import type {
  BookingCommit,
  CommitOutcome,
  DatedPersonDay,
  DayRead,
  PeopleDayRead,
  PersonDayRow,
  ReservationStore,
  TransitionCommit,
  VersionedBooking,
  VersionedLedger,
  VersionedWeek,
  WeekEntry,
} from '../use-cases/ports';
import { MAX_PEOPLE_PER_DAY_READ } from '../use-cases/ports';
import { mapLimit } from './map-limit';
import {
  bookingRowKey,
  bookingToEntity,
  dateOfBookingId,
  dayPartition,
  deskEntity,
  deskRowKey,
  entityToBooking,
  entityToLedger,
  entityToPersonDay,
  entityToWeek,
  ledgerEntity,
  ledgerPrefix,
  ledgerRowKey,
  personEntity,
  personRowKey,
  weekEntity,
  weekPartition,
} from './reservation-rows';
import { prefixRange, type StoredEntity, type TableGateway, type TableOperation } from './table-gateway';

export interface ReservationTables {
  readonly reservations: string;
  readonly weeks: string;
}

/** Parsed ledgers kept by version, oldest dropped first. */
const MAX_PARSED_LEDGERS = 5_000;

/** The longest span `listActiveBookingsOfUser` reads, in days: one partition read per day. */
export const MAX_LIST_DAYS = 92;

/**
 * Why two conflicting bookings can never both commit:
 * every booking is ONE transaction on its day partition that
 *   - creates the desk row `desk|<desk>`: a second booking of the desk gets 409;
 *   - creates the person row `person|<user>`: a second desk for the person that day gets 409;
 *   - replaces, with If-Match on the ETag it read, the ledger of its zone (or creates it, when it read none),
 *     and the ledger of every zone holding a desk within D of the booked desk, even when unchanged.
 * Two bookings that could together break capacity write the same zone ledger; two that could together break the
 * distance rule each write the other's zone ledger (each desk is within D of the other). So they share a written
 * row, both conditioned on the version they read: the service commits one and fails the other (412 or 409), and
 * the loser re-reads and re-runs the pure rules. The read set of every decision is part of its write set.
 *
 * Waitlist holds (TableWaitlistStore) are written exactly as bookings are, in the same partition: a hold creates the
 * desk row and lists itself (under a hold id) in its zone's ledger, and writes the ledgers of the zones within D with
 * If-Match; ending a hold removes both in one transaction. So a hold counts for every rule and the argument above
 * covers holds and bookings alike. The one booking that takes a desk row it did not create is the holder's own
 * (`takesHold`): it replaces the row with etag '*', which is safe because the zone ledger it writes with If-Match
 * lists the hold, and while a ledger lists a hold its desk row is the hold's.
 * A decision need not come from a read made just before it. A process keeps, per floor-day, the ledgers it last read
 * or wrote (KnownLedgers; a commit's answer carries the new ETag of every row it wrote) and decides its next booking on
 * them, committing with If-Match on those versions without reading. The argument above never used the freshness of
 * the read, only that the decision is a function of ledger versions that really existed and that the commit is
 * conditioned on every one of them: if any ledger of the read set changed since that version (another instance,
 * another request of this process, an import's re-check), the commit fails with 412 and the booking reads afresh.
 * What such a decision cannot know is the person row, which it does not read: a second desk for the person that day
 * still fails on its create (409), and the retry reads.
 * The argument needs the write set to hold every guarded zone's row, so the write set is taken from the layout (the
 * zones within D of the desk), never from the ledgers in hand: a zone with no ledger in hand is written as a create.
 * And known ledgers are used only when they hold a row (or the absence of one) for every zone of the layout the
 * booking decides on. Known ledgers read for an older layout (before an import renamed the zones, while this
 * process's catalog cache caught up) hold none of the new zones; a booking decided on them once wrote none of the
 * rows it guards and committed unconditioned, which put bookings over capacity and too close under a storm.
 *
 * Refusals are different, and are never told from known ledgers. A refusal commits nothing, so no If-Match can catch
 * it being wrong, and it is what the person reads ("desk 3.12 is taken"). Told from known ledgers it could be wrong in
 * two ways that matter: the version may predate the request (a desk freed by another instance a moment ago would be
 * refused as taken, and nothing would ever correct it), and it cannot see the person row (a person who already has a
 * desk that day on another floor, or through another instance, would be told DESK_TAKEN or TOO_CLOSE and offered
 * desks they may not book, instead of ALREADY_BOOKED, the rule that comes first). So a decision on known ledgers that
 * comes out as a refusal is only a hint: the booking then decides again on a fresh read of the ledgers AND its person
 * row, and that decision is the answer. "Fresh" means a read sent after the request began, so that every refusal is
 * true of a state that existed during its request, as if the request had read alone. Such reads are shared
 * (SharedDayReads): the bookings that ask while a read of the floor-day is in flight go out together in the next one,
 * their person rows in one filter; none is given the answer of a read sent before it asked. That makes a storm of
 * refusals cost about one query per round trip rather than one per attempt, without weakening what a refusal means.
 * A person already on the floor that day in the known ledgers (a repeat, or their own waitlist hold) is likewise
 * decided on a fresh read.
 *
 * Under catalog changes (an import renames a zone or floor, moves a desk, deletes one, re-scales a floor):
 *   - A decision reads every ledger row of its floor, current zones or not, and places each booked desk where the
 *     layout puts it now, by desk id (FloorDay). A renamed zone's row still lists its desks, so they stay taken, too
 *     close and counted in the zone they are in now; and every booking that could conflict with such a desk writes
 *     the row of that desk's current zone, so two new bookings still share a row as above.
 *   - The import's re-check moves, day by day, every entry to the row of its desk's current zone and floor
 *     (`ledgersFollowDesks`): the only way an entry could hide from a decision is on another floor, and after this
 *     pass none is. It then cancels what the new layout breaks (a desk moved next to a booked one, into a full zone).
 *   - Every ledger write carries the writer's catalog revision, and the re-check stamps every row of the site with
 *     the new one. A decision taken on an older layout (a server whose catalog cache is up to 10 s old) either reads
 *     a newer stamp and starts over with a fresh catalog, or read before the stamping and then fails its If-Match
 *     or create on a row the re-check wrote. The rows an old-layout decision can write are the rows of the old
 *     layout's zones; the re-check writes each of them on every day it passes (it reads the replaced version, which
 *     the catalog store keeps while its pointer names it as previous), creating an empty one where the day had none
 *     and keeping the rows it empties. So no old-layout write made after the re-check's pass of its day can succeed.
 * What remains is the window between the pointer flip and the re-check of a day: a server on the old layout and one
 * on the new may each commit a booking the other's layout would refuse (only when a desk moved). The re-check that
 * follows reads both and cancels the later one by the usual rule (checked in, then earliest booked, keep the desk).
 * The fence covers one layout back: a server two imports behind (two imports within one catalog cache, 10 s) writes
 * zones the re-check does not know, and the next re-check settles it as above.
 */
export class TableReservationStore implements ReservationStore {
  private readonly parsed = new Map<string, { etag: string; entries: readonly LedgerEntry[]; revision: number }>();

  constructor(
    private readonly gateway: TableGateway,
    private readonly tables: ReservationTables,
  ) {}

  async init(): Promise<void> {
    await this.gateway.ensureTables([this.tables.reservations, this.tables.weeks]);
  }

  async readLedgers(date: CivilDate, floorId: string, zoneIds: readonly string[]): Promise<VersionedLedger[]> {
    const rows = await this.gateway.queryPartition(this.tables.reservations, dayPartition(date), prefixRange(ledgerPrefix(floorId)));
    return this.ledgersFrom(rows, floorId, zoneIds);
  }

  /** The asked zones in order, then every other ledger of the floor: a renamed zone's row still lists its desks. */
  private ledgersFrom(rows: readonly StoredEntity[], floorId: string, zoneIds: readonly string[]): VersionedLedger[] {
    const ledgerRows = rows.filter((r) => r.entity.rowKey.startsWith(`${ledgerPrefix(floorId)}|`));
    const byKey = new Map(ledgerRows.map((r) => [r.entity.rowKey, r]));
    const asked = zoneIds.map((zoneId): VersionedLedger => {
      const key = ledgerRowKey(floorId, zoneId);
      const row = byKey.get(key);
      if (!row) return { zoneId, entries: [], version: null, revision: 0 };
      byKey.delete(key);
      return this.versioned(row);
    });
    return [...asked, ...[...byKey.values()].map((row) => this.versioned(row))];
  }

  private versioned(row: StoredEntity): VersionedLedger {
    const { entries, revision } = this.parsedLedger(row);
    return { zoneId: String(row.entity['zoneId']), entries, version: row.etag, revision };
  }

  /**
   * A ledger's entries, parsed once per version: the floor map re-reads the same unchanged ledgers all day, and the
   * ETag says when a ledger changed. The read itself always goes to storage; only the parsing is saved.
   */
  private parsedLedger(row: StoredEntity): { entries: readonly LedgerEntry[]; revision: number } {
    const key = `${row.entity.partitionKey}|${row.entity.rowKey}`;
    const known = this.parsed.get(key);
    if (known && known.etag === row.etag) return known;
    const { entries, revision } = entityToLedger(row.entity);
    const parsed = { etag: row.etag, entries, revision };
    this.parsed.delete(key);
    this.parsed.set(key, parsed);
    if (this.parsed.size > MAX_PARSED_LEDGERS) this.parsed.delete(this.parsed.keys().next().value!);
    return parsed;
  }

  async readDay(date: CivilDate, floorId: string, zoneIds: readonly string[], userId: string): Promise<DayRead> {
    const read = await this.readDayOfPeople(date, floorId, zoneIds, [userId]);
    return { ledgers: read.ledgers, personDay: read.personDays.get(userId) ?? null };
  }

  async readDayOfPeople(date: CivilDate, floorId: string, zoneIds: readonly string[], userIds: readonly string[]): Promise<PeopleDayRead> {
    if (userIds.length > MAX_PEOPLE_PER_DAY_READ) {
      throw new RangeError(`A day read carries at most ${MAX_PEOPLE_PER_DAY_READ} person rows; asked for ${userIds.length}`);
    }
    const personKeys = new Map(userIds.map((u) => [personRowKey(u), u]));
    const rows = await this.gateway.queryPartition(this.tables.reservations, dayPartition(date), {
      ...prefixRange(ledgerPrefix(floorId)),
      alsoRowKeys: [...personKeys.keys()],
    });
    const personDays = new Map<string, PersonDayRow>();
    for (const r of rows) {
      const userId = personKeys.get(r.entity.rowKey);
      if (userId !== undefined) personDays.set(userId, entityToPersonDay(r.entity));
    }
    return { ledgers: this.ledgersFrom(rows, floorId, zoneIds), personDays };
  }

  async readPersonDay(date: CivilDate, userId: string): Promise<PersonDayRow | null> {
    const row = await this.gateway.get(this.tables.reservations, dayPartition(date), personRowKey(userId));
    return row ? entityToPersonDay(row.entity) : null;
  }

  async commitBooking(commit: BookingCommit): Promise<CommitOutcome> {
    const b = commit.booking;
    const ops: TableOperation[] = [
      { kind: 'create', entity: bookingToEntity(b) },
      // A held desk's row exists: it is the hold's while the ledger written below with If-Match listed the hold.
      commit.takesHold ? { kind: 'replace', entity: deskEntity(b), etag: '*' } : { kind: 'create', entity: deskEntity(b) },
      { kind: 'create', entity: personEntity(b) },
      ...commit.ledgers.map((l) => ledgerOperation(b.date, l)),
    ];
    if (!this.gateway.transactForVersions) return outcome(await this.gateway.transact(this.tables.reservations, dayPartition(b.date), ops));
    const written = await this.gateway.transactForVersions(this.tables.reservations, dayPartition(b.date), ops);
    if (written === 'conflict') return { committed: false, reason: 'conflict' };
    const ledgerVersions = new Map<string, string>();
    for (const l of commit.ledgers) {
      const etag = written.etags.get(ledgerRowKey(l.floorId, l.zoneId));
      if (etag) ledgerVersions.set(l.zoneId, etag);
    }
    return { committed: true, ledgerVersions };
  }

  async getBooking(bookingId: string): Promise<VersionedBooking | null> {
    const date = dateOfBookingId(bookingId);
    if (!date) return null;
    const row = await this.gateway.get(this.tables.reservations, dayPartition(date), bookingRowKey(bookingId));
    return row ? { booking: entityToBooking(row.entity), version: row.etag } : null;
  }

  async commitTransition(commit: TransitionCommit): Promise<CommitOutcome> {
    const b = commit.booking;
    const pk = dayPartition(b.date);
    const ops: TableOperation[] = [
      { kind: 'replace', entity: bookingToEntity(b), etag: commit.expectedVersion },
      ledgerOperation(b.date, commit.ledger),
    ];
    if (commit.freesDesk) {
      // Unconditional deletes are safe here: the booking row's If-Match above proves the booking was still active,
      // and while a booking is active its desk and person rows belong to it (no other booking could create them).
      ops.push({ kind: 'delete', partitionKey: pk, rowKey: deskRowKey(b.deskId), etag: '*' });
      ops.push({ kind: 'delete', partitionKey: pk, rowKey: personRowKey(b.userId), etag: '*' });
    }
    return outcome(await this.gateway.transact(this.tables.reservations, pk, ops));
  }

  async rewriteLedgers(date: CivilDate, ledgers: readonly BookingCommit['ledgers'][number][]): Promise<CommitOutcome> {
    if (ledgers.length === 0) return { committed: true };
    const ops = ledgers.map((l) => ledgerOperation(date, l));
    return outcome(await this.gateway.transact(this.tables.reservations, dayPartition(date), ops));
  }

  async listActiveBookingsOfUser(userId: string, from: CivilDate, to: CivilDate): Promise<Booking[]> {
    const span = daysBetween(from, to);
    if (span < 0) return [];
    if (span >= MAX_LIST_DAYS) throw new RangeError(`A booking list spans at most ${MAX_LIST_DAYS} days; asked for ${span + 1}`);
    const days = Array.from({ length: span + 1 }, (_, i) => addDays(from, i));
    const found = await mapLimit(days, 8, async (date) => {
      const person = await this.readPersonDay(date, userId);
      if (!person) return null;
      const booking = await this.getBooking(person.bookingId);
      return booking && isActive(booking.booking) ? booking.booking : null;
    });
    return found.filter((b): b is Booking => b !== null);
  }

  async personDaysOfUser(userId: string, from: CivilDate, to: CivilDate): Promise<DatedPersonDay[]> {
    const span = daysBetween(from, to);
    if (span < 0) return [];
    if (span >= MAX_LIST_DAYS) throw new RangeError(`A booking list spans at most ${MAX_LIST_DAYS} days; asked for ${span + 1}`);
    const key = personRowKey(userId);
    if (!this.gateway.queryPartitions) {
      const days = Array.from({ length: span + 1 }, (_, i) => addDays(from, i));
      const rows = await mapLimit(days, 8, async (date) => {
        const row = await this.readPersonDay(date, userId);
        return row && { ...row, date };
      });
      return rows.filter((r): r is DatedPersonDay => r !== null);
    }
    // The person's row of every day in one query: day partitions sort by date, and an encoded key holds no character
    // below '!', so [key, key + '!') is that one key. The service walks the rows of those days, not the table.
    const rows = await this.gateway.queryPartitions(this.tables.reservations, dayPartition(from), dayPartition(to), { from: key, to: `${key}!` });
    const found: DatedPersonDay[] = [];
    for (const r of rows) {
      const date = r.entity.partitionKey.slice('day|'.length);
      if (r.entity.rowKey === key && r.entity.partitionKey === dayPartition(date) && isCivilDate(date)) found.push({ ...entityToPersonDay(r.entity), date });
    }
    return found.sort((a, b) => a.date.localeCompare(b.date));
  }

  async listBookingsOfDay(date: CivilDate): Promise<Booking[]> {
    const rows = await this.gateway.queryPartition(this.tables.reservations, dayPartition(date), prefixRange('booking'));
    return rows.map((r) => entityToBooking(r.entity));
  }

  async dayVersions(from: CivilDate, to: CivilDate): Promise<ReadonlyMap<CivilDate, string>> {
    const range = prefixRange('zone') as { from: string; to: string };
    // Day partitions sort by date, so the days' ledgers are one range query where the gateway can; else one per day.
    const rows = this.gateway.queryPartitions
      ? await this.gateway.queryPartitions(this.tables.reservations, dayPartition(from), dayPartition(to), range, { keysOnly: true })
      : (await mapLimit(Array.from({ length: Math.max(0, daysBetween(from, to) + 1) }, (_, i) => addDays(from, i)), 8, (date) => this.gateway.queryPartition(this.tables.reservations, dayPartition(date), range))).flat();
    const versions = new Map<CivilDate, string[]>();
    for (const r of rows) {
      const date = r.entity.partitionKey.slice('day|'.length);
      versions.set(date, [...(versions.get(date) ?? []), `${r.entity.rowKey}=${r.etag}`]);
    }
    return new Map([...versions].map(([date, v]) => [date, v.sort().join('\n')]));
  }

  async readWeek(userId: string, isoWeek: string): Promise<VersionedWeek> {
    const row = await this.gateway.get(this.tables.weeks, weekPartition(userId), isoWeek);
    return row ? { entries: entityToWeek(row.entity), version: row.etag } : { entries: [], version: null };
  }

  async writeWeek(userId: string, isoWeek: string, entries: readonly WeekEntry[], expectedVersion: string | null): Promise<boolean> {
    const entity = weekEntity(userId, isoWeek, entries);
    const op: TableOperation = expectedVersion === null ? { kind: 'create', entity } : { kind: 'replace', entity, etag: expectedVersion };
    return (await this.gateway.transact(this.tables.weeks, entity.partitionKey, [op])) === 'ok';
  }

  async ping(): Promise<void> {
    await this.gateway.get(this.tables.reservations, 'health', 'ping');
  }
}

function ledgerOperation(date: string, l: BookingCommit['ledgers'][number]): TableOperation {
  const entity = ledgerEntity(date, l.floorId, l.zoneId, l.entries, l.revision ?? 0);
  // No version read means no ledger existed: creating it fails with 409 if someone created it meanwhile.
  return l.expectedVersion === null ? { kind: 'create', entity } : { kind: 'replace', entity, etag: l.expectedVersion };
}

function outcome(result: 'ok' | 'conflict'): CommitOutcome {
  return result === 'ok' ? { committed: true } : { committed: false, reason: 'conflict' };
}
