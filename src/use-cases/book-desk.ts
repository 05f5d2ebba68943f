import { createHash } from 'node:crypto';
import { decideBooking, withAlternatives } from '../domain/book-desk-rules';
import { bookableDays } from '../domain/booking-window';
import { daysBetween, isCivilDate, isoWeek } from '../domain/civil-date';
import { FloorDay, type OccupiedDesk } from '../domain/floor-day';
import { isActive, type Actor, type Booking, type Desk, type FloorLayout, type LedgerEntry, type Result, ok, err } from '../domain/model';
import { effectivePolicy } from '../domain/policy';
import { ownHoldOf } from '../domain/waitlist';
import { MAX_ALTERNATIVES, refusal, type Alternative, type Refusal } from '../domain/refusal';
import type { CatalogIndex } from './catalog-index';
import { InvalidInputError } from './errors';
import { KeyedMutex } from './keyed-mutex';
import { ContentionError, type Clock, type CommitOutcome, type IdGenerator, type ReservationStore, type SiteCatalog, type VersionedLedger, type WeekEntry } from './ports';
import { performance } from 'node:perf_hooks';
import { knownLedgersOf, recentLedgersOf } from './recent-ledgers';
import { sharedDayReadsOf } from './shared-day-reads';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from './retry-policy';

export interface BookingDeps {
  readonly store: ReservationStore;
  readonly catalog: { current(): Promise<CatalogIndex>; invalidate?(): void };
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Serialises retries on one floor-day inside this process; shared by every request of the process. */
  readonly locks?: KeyedMutex;
  readonly retry?: RetryPolicy;
}

export interface BookDeskCommand {
  readonly actor: Actor;
  readonly deskId: string;
  readonly date: string;
  /** A client's id for this attempt: repeating it returns the booking it made, instead of a second one. */
  readonly requestId?: string;
  /** The recurring series the booking is a day of; stored on the booking. */
  readonly seriesId?: string;
  /** Who books, when it is not `actor` (a delegate or an admin booking for them); stored on the booking. */
  readonly bookedBy?: string;
}

/**
 * A quota hold younger than this may belong to a booking still being committed; older holds are verified by reading
 * their booking, and dropped when it does not exist or has ended.
 *
 * The age is measured from `heldAt`, stamped by the writer's clock, against the reader's clock. That is safe while
 * (writer's clock behind the reader's) + (time from writing the hold to the end of the day transaction) < 2 minutes.
 * The second term is at most a few store requests, each cut off by the gateway's request timeout (10 s), and a
 * commit whose answer is lost keeps its hold (see `once`); the first is kept within a second by NTP on App Service and
 * any ordinary host. Should the bound break, one hold is dropped early and one booking of that week may pass the
 * quota; no other rule depends on clocks.
 */
export const QUOTA_HOLD_GRACE_MS = 2 * 60_000;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** A booking id part for a person's request id: key-safe, fixed length, and distinct between people. */
function requestKey(userId: string, requestId: string): string {
  return `r${createHash('sha256').update(`${userId}\n${requestId}`).digest('hex').slice(0, 32)}`;
}
const fallbackLocks = new KeyedMutex();

/**
 * Books a desk for the caller on a day. The decision is the pure rules' (decideBooking) over what was read; the
 * write is one conditional transaction (see TableReservationStore), so a decision made on stale reads never commits.
 * On a conflict it re-reads and decides again, a bounded number of times, with jitter.
 */
export async function bookDesk(deps: BookingDeps, cmd: BookDeskCommand): Promise<Result<Booking, Refusal>> {
  if (!isCivilDate(cmd.date)) throw new InvalidInputError(`date must be a real day written YYYY-MM-DD; got "${String(cmd.date).slice(0, 40)}"`, 'date');
  if (cmd.requestId !== undefined && !REQUEST_ID.test(cmd.requestId)) {
    throw new InvalidInputError('requestId must be 1 to 100 characters of letters, digits and . _ : -', 'requestId');
  }
  for (let reload = 0; ; reload++) {
    const outcome = await bookWithCatalog(deps, cmd, await deps.catalog.current());
    if (outcome !== 'stale-catalog') return outcome;
    // A ledger carries a newer catalog revision than ours: an import has changed the layout. Deciding on the old
    // one could seat someone by a desk that moved next to theirs, so read the catalog again and start over.
    if (reload >= MAX_CATALOG_RELOADS || !deps.catalog.invalidate) {
      throw new ContentionError(`Booking desk ${cmd.deskId} on ${cmd.date}: the site's layout changed while booking`);
    }
    deps.catalog.invalidate();
  }
}

const MAX_CATALOG_RELOADS = 3;

async function bookWithCatalog(deps: BookingDeps, cmd: BookDeskCommand, index: CatalogIndex): Promise<Result<Booking, Refusal> | 'stale-catalog'> {
  const located = index.locateDesk(cmd.deskId);
  if (!located) return err(refusal({ code: 'UNKNOWN_DESK', deskId: cmd.deskId }));

  const policy = effectivePolicy(located.catalog.policies, cmd.date);
  const retry = deps.retry ?? DEFAULT_RETRY;
  const locks = deps.locks ?? fallbackLocks;
  const attempt = new BookingAttempt(deps, cmd, located.layout, located.catalog, policy.rules.weeklyQuota);

  try {
    for (let n = 0; n < retry.maxAttempts; n++) {
      // A first try that must read runs free; after a collision, and whenever the try decides on the ledgers this
      // process knows, this process's tries on the floor-day queue up: tries deciding at once on one known version
      // would all but one lose their If-Match.
      let outcome =
        n === 0 && !attempt.decidesOnKnown()
          ? await attempt.once()
          : await locks.run(`${cmd.date}|${located.layout.floor.id}`, () => attempt.once());
      // A refusal on known ledgers is checked on a fresh read, outside the queue: the queue is for commits, and a
      // read held in it would make every refusal of the floor-day wait for the one before.
      if (outcome === 'refused-on-known') outcome = await attempt.once(true);
      if (outcome === 'refused-on-known') throw new Error('A try on a fresh read cannot refuse on known ledgers');
      if (outcome === 'stale-catalog') {
        await attempt.releaseHold();
        return outcome;
      }
      if (outcome !== 'conflict') {
        if (outcome.ok) return outcome;
        await attempt.releaseHold();
        // Advice is gathered outside the floor-day queue, so that it never holds up other bookings; if storage fails
        // while gathering it, the refusal still stands, with the advice it already has.
        return err(await attempt.withOtherDays(outcome.error).catch(() => outcome.error));
      }
      await retry.sleep(backoffDelay(retry, n));
    }
  } catch (error) {
    await attempt.releaseHold().catch(() => undefined);
    throw error;
  }
  await attempt.releaseHold();
  throw new ContentionError(
    `Booking desk ${cmd.deskId} on ${cmd.date} collided with other bookings ${retry.maxAttempts} times in a row`,
  );
}

class BookingAttempt {
  private bookingId: string;
  private readonly requestId: string;
  private holdTaken = false;
  /** The day transaction may have committed without us hearing so: the hold must stay until the booking is read. */
  private outcomeUnknown = false;
  private lastFloorDay: FloorDay | undefined;
  /** The known ledgers a commit of this attempt lost on: the next try reads, unless another commit moved them on. */
  private lostOn: readonly VersionedLedger[] | undefined;
  /**
   * Commits of this attempt that lost. After two, every try reads, even on known ledgers another commit has moved on:
   * the loss may be the person row (a desk elsewhere that day), which no ledger shows, and on a busy floor deciding
   * on ever newer known ledgers would lose on every try and end in contention instead of ALREADY_BOOKED.
   */
  private losses = 0;

  constructor(
    private readonly deps: BookingDeps,
    private readonly cmd: BookDeskCommand,
    private readonly layout: FloorLayout,
    private readonly catalog: SiteCatalog,
    private readonly quota: number | null,
  ) {
    // A client's request id names the booking itself: two requests carrying it (a retry racing its first try) then
    // hold the quota for one booking, and the loser of the booking row's create finds the winner's booking there.
    this.bookingId = `${cmd.date}.${cmd.requestId === undefined ? deps.ids.newId() : requestKey(cmd.actor.userId, cmd.requestId)}`;
    // Without a client request id, one is made per call, so that a retry after an ambiguous commit still
    // recognises its own booking in the person row.
    this.requestId = cmd.requestId ?? deps.ids.newId();
  }

  /** Whether a try now would decide on known ledgers (see once), rather than read. */
  decidesOnKnown(): boolean {
    return knownLedgersOf(this.deps.store).get(this.cmd.date, this.layout.floor.id, performance.now()) !== undefined;
  }

  /**
   * One try. It decides on the ledgers this process last read or wrote for the floor-day, when it has them, and
   * commits with If-Match on their versions without reading first (see KnownLedgers); a refusal, or a person already
   * on the floor that day (a repeat, or a second desk), is decided on a fresh read instead, as is a try after a
   * commit lost on the same known ledgers.
   */
  async once(mustRead = false): Promise<Result<Booking, Refusal> | 'conflict' | 'stale-catalog' | 'refused-on-known'> {
    const { store, clock } = this.deps;
    const { date, actor } = this.cmd;
    const floorId = this.layout.floor.id;
    const zoneIds = this.layout.zones.map((z) => z.id);
    const week = isoWeek(date);
    const known = knownLedgersOf(store);
    const cached = mustRead ? undefined : known.get(date, floorId, performance.now());
    // A person already on the floor that day (a repeat, a second desk, their own waitlist hold) is decided on a read.
    // So is a floor-day known only as the rows of another layout's zones: known ledgers read before an import renamed
    // the zones hold no row for the zones this layout has, and a decision on them would write none of those rows.
    const fromKnown =
      cached !== undefined &&
      cached !== this.lostOn &&
      this.losses < 2 &&
      zoneIds.every((z) => cached.some((l) => l.zoneId === z)) &&
      !cached.some((l) => l.entries.some((e) => e.userId === actor.userId));
    const [{ ledgers: read, personDay }, weekRow] = await Promise.all([
      fromKnown
        ? Promise.resolve({ ledgers: cached, personDay: null })
        : sharedDayReadsOf(store).read(date, floorId, zoneIds, actor.userId).then((r) => {
            known.set(date, floorId, r.ledgers, performance.now());
            return r;
          }),
      this.quota === null ? Promise.resolve(null) : store.readWeek(actor.userId, week),
    ]);
    const { ledgers, hold } = withoutOwnHold(read, this.layout, this.cmd.deskId, actor.userId);

    if (personDay && personDay.requestId === this.requestId) {
      const mine = await store.getBooking(personDay.bookingId);
      if (mine) {
        // Another request with our request id won (a client retry racing its first try): our own hold, if we took
        // one for a booking that will never exist, goes back, or the week would count one booking twice.
        if (mine.booking.id !== this.bookingId) await this.releaseHold();
        return ok(mine.booking);
      }
    }

    const revision = this.catalog.revision ?? 0;
    if (ledgers.some((l) => (l.revision ?? 0) > revision)) return 'stale-catalog';

    const now = clock.now();
    const floorDay = FloorDay.fromLedgers(this.layout, effectivePolicy(this.catalog.policies, date), date, ledgers);
    this.lastFloorDay = floorDay;
    let others = weekRow ? weekRow.entries.filter((e) => e.bookingId !== this.bookingId) : [];
    let decision = decideBooking({ floorDay, deskId: this.cmd.deskId, actor, now, personDay, weekUsed: others.length, window: { policies: this.catalog.policies } });
    if (!decision.ok && decision.refusal.code === 'QUOTA_EXCEEDED') {
      // Before refusing on the quota, drop holds whose booking never committed or has ended since.
      others = await this.liveEntries(others, now);
      decision = decideBooking({ floorDay, deskId: this.cmd.deskId, actor, now, personDay, weekUsed: others.length, window: { policies: this.catalog.policies } });
    }
    // A refusal is told only from a fresh read (one sent during this request, with the person's row): the caller
    // then tries again on one, outside the floor-day queue.
    if (!decision.ok) return fromKnown ? 'refused-on-known' : err(decision.refusal);

    if (weekRow && this.quota !== null) {
      const held = [...others, { bookingId: this.bookingId, date, heldAt: now.toISOString() }];
      // The hold is taken before the day is written: two bookings of one week by one person, made at the same
      // instant on two days, both write this row with If-Match, so only one passes a full quota.
      if (!(await store.writeWeek(actor.userId, week, held, weekRow.version))) return 'conflict';
      this.holdTaken = true;
    }

    const booking: Booking = {
      id: this.bookingId,
      siteId: this.layout.site.id,
      floorId: this.layout.floor.id,
      zoneId: decision.desk.zoneId,
      deskId: decision.desk.id,
      date,
      userId: actor.userId,
      ...(actor.name !== undefined && { userName: actor.name }),
      status: 'booked',
      createdAt: now.toISOString(),
      requestId: this.requestId,
      ...(this.cmd.seriesId !== undefined && { seriesId: this.cmd.seriesId }),
      ...(this.cmd.bookedBy !== undefined && { bookedBy: this.cmd.bookedBy }),
    };
    const guarded = new Set(floorDay.zonesGuardedBy(decision.desk));
    const entry: LedgerEntry = { deskId: booking.deskId, userId: booking.userId, bookingId: booking.id, checkedIn: false };
    // Every guarded zone's row is written, the booked zone's included, whatever the decision was made on: a zone with
    // no ledger in hand is written as a create, which fails if the row exists. A write set taken from the ledgers in
    // hand instead would silently shrink when they are not this layout's, and the booking would commit unconditioned.
    const written = [...guarded].map((zoneId) => {
      const l = ledgers.find((x) => x.zoneId === zoneId);
      const entries = l?.entries ?? [];
      return {
        zoneId,
        floorId,
        expectedVersion: l ? l.version : null,
        entries: zoneId === booking.zoneId ? [...entries, entry] : entries,
        revision,
      };
    });
    const outcome = await this.commitOrFindOut({ booking, ...(hold && { takesHold: true }), ledgers: written });
    if (outcome.committed) {
      this.holdTaken = false;
      recentLedgersOf(store).forget(date, floorId);
      this.rememberWritten(ledgers, written, outcome.ledgerVersions);
      return ok(booking);
    }
    this.lostOn = read;
    this.losses += 1;
    if (this.cmd.requestId !== undefined) {
      // Our booking row may exist already: another request with our request id committed it (and its hold is ours).
      const mine = await store.getBooking(this.bookingId);
      if (mine && isActive(mine.booking)) {
        this.holdTaken = false;
        return ok(mine.booking);
      }
      if (mine) {
        // The booking this request id made has ended since (an old card's button pressed again after a cancel): this
        // is a new request, so it books under an id of its own, as a request without an id would.
        // Its hold entry shares our id: it stays if that booking still counts (it was checked in), and goes otherwise.
        if (mine.booking.checkedInAt === undefined) await this.releaseHold();
        this.holdTaken = false;
        this.bookingId = `${date}.${this.deps.ids.newId()}`;
      }
    }
    return 'conflict';
  }

  /** After a commit: the floor-day as it now stands, for the next booking of this process to decide on without a read. */
  private rememberWritten(
    before: readonly VersionedLedger[],
    written: readonly { zoneId: string; entries: readonly LedgerEntry[]; revision: number }[],
    versions: ReadonlyMap<string, string> | undefined,
  ): void {
    if (!versions || !written.every((w) => versions.has(w.zoneId))) return;
    const byZone = new Map(written.map((w) => [w.zoneId, w]));
    const after = before.map((l): VersionedLedger => {
      const w = byZone.get(l.zoneId);
      return w ? { zoneId: l.zoneId, entries: w.entries, version: versions.get(l.zoneId)!, revision: w.revision } : l;
    });
    knownLedgersOf(this.deps.store).set(this.cmd.date, this.layout.floor.id, after, performance.now());
  }

  /**
   * Commits the day transaction. When its answer is lost (a timeout or a reset after the service may have committed),
   * the booking row says what happened: there, it committed; not there (or unreadable), the outcome stays unknown,
   * the error goes up, and the quota hold stays until a later quota check finds the booking or its absence.
   */
  private async commitOrFindOut(commit: Parameters<ReservationStore['commitBooking']>[0]): Promise<CommitOutcome> {
    try {
      return await this.deps.store.commitBooking(commit);
    } catch (error) {
      this.outcomeUnknown = true;
      const found = await this.deps.store.getBooking(commit.booking.id).catch(() => null);
      if (found) {
        this.outcomeUnknown = false;
        return { committed: true };
      }
      throw error;
    }
  }

  /** Gives the quota hold back when no booking came of it. A hold left by a crash is dropped by `liveEntries` later. */
  async releaseHold(): Promise<void> {
    if (!this.holdTaken || this.quota === null || this.outcomeUnknown) return;
    const week = isoWeek(this.cmd.date);
    for (let i = 0; i < 5; i++) {
      const row = await this.deps.store.readWeek(this.cmd.actor.userId, week);
      const rest = row.entries.filter((e) => e.bookingId !== this.bookingId);
      if (rest.length === row.entries.length) break;
      if (await this.deps.store.writeWeek(this.cmd.actor.userId, week, rest, row.version)) break;
    }
    this.holdTaken = false;
  }

  /** Entries that still count: a recent hold, or a booking that is active or was checked in. */
  private async liveEntries(entries: readonly WeekEntry[], now: Date): Promise<WeekEntry[]> {
    const checked = await Promise.all(
      entries.map(async (e) => {
        if (now.getTime() - Date.parse(e.heldAt) < QUOTA_HOLD_GRACE_MS) return true;
        const b = await this.deps.store.getBooking(e.bookingId);
        return b !== null && (isActive(b.booking) || b.booking.checkedInAt !== undefined);
      }),
    );
    return entries.filter((_, i) => checked[i]);
  }

  /** Adds "the same desk on another day" to a refusal about the desk, when the floor offers fewer than three desks. */
  async withOtherDays(r: Refusal): Promise<Refusal> {
    const desk = this.lastFloorDay?.desk(this.cmd.deskId);
    const aboutDesk = r.code === 'DESK_TAKEN' || r.code === 'TOO_CLOSE' || r.code === 'ZONE_FULL';
    const aboutDay = r.code === 'OUTSIDE_WINDOW';
    if (!desk || (!aboutDesk && !aboutDay)) return r;
    const floorAlternatives = r.alternatives.filter((a) => a.kind === 'desk');
    const wanted = MAX_ALTERNATIVES - Math.min(floorAlternatives.length, MAX_ALTERNATIVES - 1);
    const days = await sameDeskOtherDays(this.deps, this.catalog, this.layout, desk, this.cmd, wanted);
    return withAlternatives(r, [...floorAlternatives.slice(0, MAX_ALTERNATIVES - days.length), ...days]);
  }
}

/**
 * A waitlist hold of this desk for this person (src/use-cases/waitlist-offers.ts) is theirs to take: the rules are
 * decided as if it were not there, and the booking's ledger write drops it and takes over its desk row. Only a hold in
 * the ledger of the desk's zone counts, because that ledger is written with If-Match, which proves the hold still
 * stands when the booking commits.
 */
function withoutOwnHold(
  ledgers: readonly VersionedLedger[],
  layout: FloorLayout,
  deskId: string,
  userId: string,
): { ledgers: readonly VersionedLedger[]; hold: boolean } {
  const zoneId = layout.desks.find((d) => d.id === deskId)?.zoneId;
  const own = ledgers.find((l) => l.zoneId === zoneId);
  const hold = own && ownHoldOf(own.entries, deskId, userId);
  if (!own || !hold) return { ledgers, hold: false };
  return { ledgers: ledgers.map((l) => (l === own ? { ...l, entries: l.entries.filter((e) => e !== hold) } : l)), hold: true };
}

function occupied(ledgers: readonly VersionedLedger[]): OccupiedDesk[] {
  return ledgers.flatMap((l) => l.entries.map((e) => ({ ...e, zoneId: l.zoneId })));
}

/** The nearest bookable days, other than the one asked for, on which the same desk is free for the caller. */
async function sameDeskOtherDays(
  deps: BookingDeps,
  catalog: SiteCatalog,
  layout: FloorLayout,
  desk: Desk,
  cmd: BookDeskCommand,
  limit: number,
): Promise<Alternative[]> {
  if (limit <= 0) return [];
  const now = deps.clock.now();
  const timeZone = layout.site.timeZone;
  const candidates = bookableDays({ now, timeZone, policies: catalog.policies })
    .filter((d) => d !== cmd.date)
    .sort((a, b) => Math.abs(daysBetween(cmd.date, a)) - Math.abs(daysBetween(cmd.date, b)) || a.localeCompare(b))
    .slice(0, limit + 1);
  const zoneIds = layout.zones.map((z) => z.id);
  const recent = recentLedgersOf(deps.store);
  const found = await Promise.all(
    candidates.map(async (date) => {
      const policy = effectivePolicy(catalog.policies, date);
      const taken = occupied(await recent.read(date, layout.floor.id, zoneIds, now.getTime()));
      // Advice, not a decision: a person already on this floor that day is skipped; other floors are left to the booking.
      if (taken.some((o) => o.userId === cmd.actor.userId)) return null;
      const fd = new FloorDay(layout, policy, date, taken);
      if (fd.verdict(desk, cmd.actor).state !== 'free') return null;
      return { kind: 'day' as const, deskId: desk.id, deskLabel: desk.label, floorId: desk.floorId, date };
    }),
  );
  return found.filter((a): a is NonNullable<typeof a> => a !== null).slice(0, limit);
}
