import { bookDesk } from '../../src/use-cases/book-desk';
import { CachedCatalog } from '../../src/use-cases/catalog-index';
import { cancelBooking } from '../../src/use-cases/change-booking';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableCatalogStore } from '../../src/storage/table-catalog-store';
import { TableReservationStore } from '../../src/storage/table-reservation-store';
import type { KeyRange } from '../../src/storage/table-gateway';
import { anActor, fixedClock, gridCatalog, noSleepRetry, sequentialIds } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';

const DAY = '2026-12-03';
const tables = { reservations: 'res', weeks: 'wk' };

/**
 * A booking decides on the ledgers its process last read or wrote and commits on their versions without reading
 * (issue 10 §7): safe because the commit is conditioned on those versions; a refusal is told only from a fresh read.
 */
describe('bookings decided on the ledgers a process already knows', () => {
  const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 2, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 10 } } });
  let gateway: InMemoryTableGateway;
  let dayReads: number;

  /** One server instance: its own store object (so its own known ledgers), over the shared tables. */
  async function instance() {
    const store = new TableReservationStore(gateway, tables);
    await store.init();
    const clock = fixedClock('2026-12-01T08:00:00Z');
    const catalogStore = new TableCatalogStore(gateway, 'cat');
    return { store, catalog: new CachedCatalog(catalogStore, clock, 60_000), clock, ids: sequentialIds(`i${Math.random().toString(36).slice(2, 6)}`), retry: noSleepRetry };
  }

  beforeEach(async () => {
    gateway = new InMemoryTableGateway();
    const catalogStore = new TableCatalogStore(gateway, 'cat');
    await catalogStore.init();
    await catalogStore.replaceSiteCatalog(catalog);
    dayReads = 0;
    const query = gateway.queryPartition.bind(gateway);
    gateway.queryPartition = async (table: string, pk: string, range?: KeyRange) => {
      if (table === tables.reservations && pk === `day|${DAY}`) dayReads += 1;
      return query(table, pk, range);
    };
  });

  it('books a second desk of the floor-day without reading the day again', async () => {
    const one = await instance();
    expect(await bookDesk(one, { actor: anActor('alice'), deskId: 'f1-0-0', date: DAY })).toMatchObject({ ok: true });
    const before = dayReads;
    expect(await bookDesk(one, { actor: anActor('bob'), deskId: 'f1-0-10', date: DAY })).toMatchObject({ ok: true });
    expect(await bookDesk(one, { actor: anActor('carol'), deskId: 'f1-1-3', date: DAY })).toMatchObject({ ok: true });
    expect(dayReads).toBe(before);
    expect((await checkInvariants(gateway, tables.reservations, [catalog])).violations).toEqual([]);
  });

  it('reads again when another instance wrote since, and never breaks a rule on what it knew', async () => {
    const one = await instance();
    const two = await instance();
    expect(await bookDesk(one, { actor: anActor('alice'), deskId: 'f1-0-0', date: DAY })).toMatchObject({ ok: true });
    // Instance two books desk 5, which instance one has not seen.
    expect(await bookDesk(two, { actor: anActor('bob'), deskId: 'f1-0-5', date: DAY })).toMatchObject({ ok: true });
    // Instance one still knows the floor without Bob: its commit for Bob's desk fails on the ledger, it reads, refuses.
    const again = await bookDesk(one, { actor: anActor('carol'), deskId: 'f1-0-5', date: DAY });
    expect(again).toMatchObject({ ok: false, error: { code: 'DESK_TAKEN' } });
    expect(await bookDesk(one, { actor: anActor('dan'), deskId: 'f1-0-10', date: DAY })).toMatchObject({ ok: true });
    const report = await checkInvariants(gateway, tables.reservations, [catalog]);
    expect(report).toMatchObject({ violations: [], activeBookings: 3 });
  });

  it('tells a refusal only from a fresh read: a desk freed by another instance is booked, not refused', async () => {
    const one = await instance();
    const two = await instance();
    const alices = await bookDesk(one, { actor: anActor('alice'), deskId: 'f1-0-0', date: DAY });
    if (!alices.ok) throw new Error('setup: Alice could not book');
    // Instance one knows desk 0 as Alice's; Alice cancels through instance two.
    expect(await cancelBooking(two, { actor: anActor('alice'), bookingId: alices.value.id })).toMatchObject({ ok: true });
    expect(await bookDesk(one, { actor: anActor('carol'), deskId: 'f1-0-0', date: DAY })).toMatchObject({ ok: true, value: { userId: 'carol' } });
  });

  it('a person who already has a desk that day is answered from a read: the same booking for a repeat, ALREADY_BOOKED for another desk', async () => {
    const one = await instance();
    const first = await bookDesk(one, { actor: anActor('alice'), deskId: 'f1-0-0', date: DAY, requestId: 'r-1' });
    expect(first).toMatchObject({ ok: true });
    expect(await bookDesk(one, { actor: anActor('alice'), deskId: 'f1-0-0', date: DAY, requestId: 'r-1' })).toEqual(first);
    expect(await bookDesk(one, { actor: anActor('alice'), deskId: 'f1-0-10', date: DAY })).toMatchObject({ ok: false, error: { code: 'ALREADY_BOOKED' } });
  });
});
