import { bookDesk, type BookingDeps } from '../../src/use-cases/book-desk';
import { CachedCatalog } from '../../src/use-cases/catalog-index';
import { KeyedMutex } from '../../src/use-cases/keyed-mutex';
import { cancelBooking } from '../../src/use-cases/change-booking';
import { TableReservationStore } from '../../src/storage/table-reservation-store';
import type { KeyRange, StoredEntity, TableGateway, TableOperation } from '../../src/storage/table-gateway';
import { anActor, fixedClock, gridCatalog, noSleepRetry, sequentialIds } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';
import { azuriteHarness, inMemoryHarness, type StoreHarness } from '../support/stores';

const DAY = '2026-12-03';

/**
 * The argument at the top of src/storage/table-reservation-store.ts, tried where it could break: a booking decided on
 * ledger versions this process already knows commits only if every one of them is still current (If-Match), and a
 * refusal is never told from known ledgers, nor from a read that was already under way when the request began.
 */
describe.each([
  ['in memory', inMemoryHarness],
  ['on Azurite', azuriteHarness],
])('refusals and bookings on known ledgers (%s)', (_name, harness) => {
  // Desks 1 m apart, D = 1.5 m: f1-0-3 (3.5, 0.5) in zone 0 and f1-1-0 (4.5, 0.5) in zone 1 are neighbours across the
  // zone border, so only the If-Match on each other's zone ledger keeps them apart. A second floor for "already booked".
  const floor1 = gridCatalog({ siteId: 's1', floorId: 'f1', zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 20 } } });
  const floor2 = gridCatalog({ siteId: 's2', floorId: 'f2', zones: 1, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5 } });
  let h: StoreHarness;

  beforeEach(async () => {
    h = await harness();
    await h.catalog.replaceSiteCatalog(floor1);
    await h.catalog.replaceSiteCatalog(floor2);
  });

  /** One server instance: its own store object (so its own known ledgers and shared reads) over the given gateway. */
  function instance(gateway: TableGateway = h.gateway): BookingDeps {
    const clock = fixedClock('2026-12-01T08:00:00Z');
    return {
      store: new TableReservationStore(gateway, h.tables),
      catalog: new CachedCatalog(h.catalog, clock, 60_000),
      clock,
      ids: sequentialIds(`i${Math.random().toString(36).slice(2, 6)}`),
      locks: new KeyedMutex(),
      retry: noSleepRetry,
    };
  }

  const book = (deps: BookingDeps, user: string, deskId: string) => bookDesk(deps, { actor: anActor(user), deskId, date: DAY });

  /**
   * Two instances, each deciding on the versions it knows, book neighbours across a zone border. The later one's
   * known version of the other zone is stale, so only its If-Match stops it.
   */
  async function neighboursOnKnownVersions(gateway: TableGateway): Promise<{ later: Awaited<ReturnType<typeof book>>; reads: number }> {
    const counting = countingDayReads(gateway);
    const one = instance(counting.gateway);
    const two = instance(counting.gateway);
    // Each instance books far from the border, so each knows the floor (both zone ledgers exist by the time instance
    // two reads); two's knowledge of zone 0 then goes stale when Ann books by the border through instance one.
    expect(await book(one, 'olga', 'f1-0-16')).toMatchObject({ ok: true });
    expect(await book(two, 'tess', 'f1-1-19')).toMatchObject({ ok: true });
    expect(await book(one, 'ann', 'f1-0-3')).toMatchObject({ ok: true });
    counting.reads = 0;
    const later = await book(two, 'bob', 'f1-1-0');
    return { later, reads: counting.reads };
  }

  it('refuses a neighbour decided on a stale known version: the If-Match fails, and the refusal comes from a fresh read', async () => {
    const { later, reads } = await neighboursOnKnownVersions(h.gateway);
    expect(later).toMatchObject({ ok: false, error: { code: 'TOO_CLOSE' } });
    // Exactly one read: the first decision was on what instance two knew (no read), its commit lost, then it read.
    expect(reads).toBe(1);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [floor1, floor2])).violations).toEqual([]);
  });

  it('(the check above can fail) with commits made unconditional, the same two neighbours are both seated', async () => {
    const { later } = await neighboursOnKnownVersions(unconditional(h.gateway));
    expect(later).toMatchObject({ ok: true });
    const report = await checkInvariants(h.gateway, h.tables.reservations, [floor1, floor2]);
    expect(report.violations.length).toBeGreaterThan(0);
  });

  it('tells a person who has a desk on another floor ALREADY_BOOKED, even for a desk this process knows as taken', async () => {
    const one = instance();
    const two = instance();
    expect(await book(one, 'ann', 'f1-0-0')).toMatchObject({ ok: true });
    // Bob's desk on floor 2 is booked through the other instance: nothing instance one knows of floor 1 shows it.
    const bobs = await book(two, 'bob', 'f2-0-0');
    if (!bobs.ok) throw new Error('setup: Bob could not book on floor 2');
    const refused = await book(one, 'bob', 'f1-0-0');
    expect(refused).toMatchObject({ ok: false, error: { code: 'ALREADY_BOOKED', details: { existingBookingId: bobs.value.id } } });
  });

  it('tells ALREADY_BOOKED, not contention, when other bookings of the same process move the floor on between tries', async () => {
    const two = instance();
    expect(await book(two, 'bob', 'f2-0-0')).toMatchObject({ ok: true });
    // Instance one: every time a commit of Bob's loses (his person row exists), a colleague books a far desk through
    // the same instance, so its known ledgers are newer than the ones Bob's commit lost on.
    const base = instance();
    const colleagues = ['f1-0-2', 'f1-0-10', 'f1-0-18', 'f1-1-1', 'f1-1-9', 'f1-1-17', 'f1-0-8', 'f1-1-11'];
    const store = Object.create(base.store) as TableReservationStore;
    const one: BookingDeps = { ...base, store, retry: { ...noSleepRetry, maxAttempts: 5 } };
    store.commitBooking = async (commit) => {
      const outcome = await base.store.commitBooking.call(store, commit);
      const next = commit.booking.userId === 'bob' && !outcome.committed ? colleagues.shift() : undefined;
      // Its own queue: Bob's try holds the floor-day's.
      if (next) await book({ ...one, locks: new KeyedMutex() }, `c-${next}`, next);
      return outcome;
    };
    expect(await book(one, 'ann', 'f1-0-0')).toMatchObject({ ok: true });
    const bobs = await book(one, 'bob', 'f1-1-19');
    expect(bobs).toMatchObject({ ok: false, error: { code: 'ALREADY_BOOKED' } });
  });

  it('has bookings that arrive together share their fresh reads, at most 12 people a read, and breaks no rule', async () => {
    const counting = countingDayReads(h.gateway);
    const one = instance(counting.gateway);
    const people = Array.from({ length: 40 }, (_, i) => `p${i}`);
    const results = await Promise.all(people.map((p, i) => book(one, p, `f1-${i % 2}-${i % 4}`)));
    // Every attempt ends in a booking or a refusal with a code (a read of more than 12 person rows would throw).
    for (const r of results) expect(r.ok || typeof r.error.code === 'string').toBe(true);
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(0);
    // Read alone, 40 attempts would read at least 40 times.
    expect(counting.reads).toBeLessThan(people.length / 2);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [floor1, floor2])).violations).toEqual([]);
  });

  it('never answers a request with a read that was already under way when it began', async () => {
    const held = holdingDayReads(h.gateway);
    const one = instance(held.gateway);
    const two = instance();
    const alices = await book(one, 'alice', 'f1-0-0');
    if (!alices.ok) throw new Error('setup: Alice could not book');
    // A read of the floor-day by instance one goes out and sees Alice's desk taken; its answer is held back.
    held.hold();
    const early = book(one, 'dan', 'f1-0-0');
    await held.sent();
    // Then Alice cancels through the other instance, and only then does Carol ask instance one for her desk.
    expect(await cancelBooking(two, { actor: anActor('alice'), bookingId: alices.value.id })).toMatchObject({ ok: true });
    const carol = book(one, 'carol', 'f1-0-0');
    // Carol decides on what instance one knows (taken) without any request, and asks for a fresh read; let her get
    // that far before Dan's read answers. Her read can only go out after his.
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    held.release();
    const [dan, carols] = await Promise.all([early, carol]);
    // Carol's answer comes from a read sent after she asked, which sees the desk free; Dan's may not.
    expect(carols).toMatchObject({ ok: true, value: { userId: 'carol' } });
    expect(dan.ok).toBe(false);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [floor1, floor2])).violations).toEqual([]);
  });
});

/** A gateway that counts partition queries of the reservation day (the floor reads). */
function countingDayReads(inner: TableGateway): { gateway: TableGateway; reads: number } {
  const out = { gateway: inner, reads: 0 };
  out.gateway = Object.assign(Object.create(inner) as TableGateway, {
    queryPartition: (table: string, pk: string, range?: KeyRange) => {
      if (pk === `day|${DAY}`) out.reads += 1;
      return inner.queryPartition(table, pk, range);
    },
  });
  return out;
}

/** The broken design the argument rules out: every conditional replace made unconditional. */
function unconditional(inner: TableGateway): TableGateway {
  const strip = (ops: readonly TableOperation[]): TableOperation[] =>
    ops.map((op) => (op.kind === 'replace' ? { kind: 'upsert', entity: op.entity } : op));
  const gateway = Object.create(inner) as TableGateway;
  gateway.transact = (table, pk, ops) => inner.transact(table, pk, strip(ops));
  if (inner.transactForVersions) {
    const forVersions = inner.transactForVersions.bind(inner);
    gateway.transactForVersions = (table, pk, ops) => forVersions(table, pk, strip(ops));
  }
  return gateway;
}

/**
 * A gateway whose day reads, once `hold()` is called, run at once against storage but keep their answers until
 * `release()`: a read "under way". `sent()` waits until one more such read has gone out.
 */
function holdingDayReads(inner: TableGateway) {
  let holding = false;
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => undefined;
  let sentCount = 0;
  let seen = 0;
  const waiters: (() => void)[] = [];
  const gateway = Object.assign(Object.create(inner) as TableGateway, {
    queryPartition: async (table: string, pk: string, range?: KeyRange): Promise<StoredEntity[]> => {
      const rows = await inner.queryPartition(table, pk, range);
      if (!holding || pk !== `day|${DAY}` || !range?.alsoRowKeys?.length) return rows;
      sentCount += 1;
      waiters.splice(0).forEach((w) => w());
      await gate;
      return rows;
    },
  });
  return {
    gateway,
    hold(): void {
      holding = true;
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release(): void {
      holding = false;
      open();
    },
    /** Resolves once a held read has gone out beyond those already awaited. */
    async sent(): Promise<void> {
      seen += 1;
      while (sentCount < seen) await new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}
