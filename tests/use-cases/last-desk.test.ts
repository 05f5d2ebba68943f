import type { Actor } from '../../src/domain/model';
import type { TableGateway } from '../../src/storage/table-gateway';
import { TableReservationStore } from '../../src/storage/table-reservation-store';
import { bookDesk, type BookingDeps } from '../../src/use-cases/book-desk';
import { cancelBooking } from '../../src/use-cases/change-booking';
import { lastDeskOf } from '../../src/use-cases/own-desks-first';
import type { ReservationStore } from '../../src/use-cases/ports';
import { fixedClock, gridCatalog } from '../support/builders';
import { azuriteHarness, bookingDeps, inMemoryHarness, type HarnessFactory, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels; both sites book every day.
const TODAY = '2026-12-01';
const clock = fixedClock('2026-12-01T08:00:00Z');
const policy = { bookableWeekdays: [1, 2, 3, 4, 5, 6, 7], horizonDays: 30 };
const siteA = gridCatalog({ siteId: 'site-a', floorId: 'fa', zones: 1, cols: 4, rows: 4, pitch: 2, policy });
const siteB = gridCatalog({ siteId: 'site-b', floorId: 'fb', zones: 1, cols: 4, rows: 4, pitch: 2, policy });
const ALICE: Actor = { userId: 'alice', roles: [] };
const WEEK = { back: 7, ahead: 7 };

/** Counts the requests a read makes, by kind, as the storage would see them. */
function counting(gateway: TableGateway): { gateway: TableGateway; counts: { gets: number; queries: number } } {
  const counts = { gets: 0, queries: 0 };
  const wrapped: TableGateway = Object.assign(Object.create(gateway) as TableGateway, {
    get: (...a: Parameters<TableGateway['get']>) => ((counts.gets += 1), gateway.get(...a)),
    queryPartition: (...a: Parameters<TableGateway['queryPartition']>) => ((counts.queries += 1), gateway.queryPartition(...a)),
    queryPartitions: (...a: Parameters<NonNullable<TableGateway['queryPartitions']>>) => ((counts.queries += 1), gateway.queryPartitions!(...a)),
  });
  return { gateway: wrapped, counts };
}

describe.each<[string, HarnessFactory]>([
  ['in memory', inMemoryHarness],
  ['on Azurite', azuriteHarness],
])('"the desk of last time" (%s)', (_name, harness) => {
  let h: StoreHarness;
  let deps: BookingDeps;

  beforeEach(async () => {
    h = await harness();
    deps = await bookingDeps(h, [siteA, siteB], clock);
  });

  /** Booked on the morning of the day itself (a day in the past cannot be booked), then back to today. */
  async function book(site: typeof siteA, n: number, date: string, actor = ALICE, store = deps): Promise<string> {
    const deskId = site.desks[n]!.id;
    clock.set(`${date < TODAY ? date : TODAY}T08:00:00Z`);
    try {
      const r = await bookDesk(store, { actor, deskId, date, requestId: `${actor.userId}-${date}` });
      if (!r.ok) throw new Error(`test set-up: ${r.error.code}`);
      return r.value.id;
    } finally {
      clock.set(`${TODAY}T08:00:00Z`);
    }
  }

  /** The answer through the one-query read, and through the old read of every booking of the window: the same. */
  async function lastDesk(site: typeof siteA, window = WEEK): Promise<string | undefined> {
    const fast = await lastDeskOf(deps, ALICE, site, window);
    const { personDaysOfUser: _hidden, ...bookingsOnly } = Object.fromEntries(
      (['listActiveBookingsOfUser', 'getBooking', 'personDaysOfUser'] as const).map((m) => [m, h.reservations[m].bind(h.reservations)]),
    ) as Pick<ReservationStore, 'listActiveBookingsOfUser' | 'getBooking' | 'personDaysOfUser'>;
    const slow = await lastDeskOf({ ...deps, store: bookingsOnly }, ALICE, site, window);
    expect(fast).toBe(slow);
    return fast;
  }

  it('is the desk of the latest booking up to today, else of the soonest one ahead', async () => {
    expect(await lastDesk(siteA)).toBeUndefined();
    await book(siteA, 5, '2026-12-04');
    await book(siteA, 3, '2026-12-03');
    expect(await lastDesk(siteA)).toBe(siteA.desks[3]!.id);
    await book(siteA, 7, '2026-11-26');
    await book(siteA, 9, '2026-11-28');
    expect(await lastDesk(siteA)).toBe(siteA.desks[9]!.id);
    await book(siteA, 11, TODAY);
    expect(await lastDesk(siteA)).toBe(siteA.desks[11]!.id);
  });

  it('passes over bookings at another site, however recent', async () => {
    await book(siteA, 2, '2026-11-25');
    await book(siteB, 6, '2026-11-30');
    await book(siteB, 8, '2026-11-27');
    expect(await lastDesk(siteA)).toBe(siteA.desks[2]!.id);
    expect(await lastDesk(siteB)).toBe(siteB.desks[6]!.id);
  });

  it('forgets a cancelled booking at once, and looks only as far as the window', async () => {
    const ahead = await book(siteA, 4, '2026-12-03');
    await book(siteA, 1, '2026-11-20');
    expect(await lastDesk(siteA)).toBe(siteA.desks[4]!.id);
    const cancelled = await cancelBooking(deps, { actor: ALICE, bookingId: ahead });
    expect(cancelled.ok).toBe(true);
    // 20 November is eleven days back: outside the week either side, inside the month.
    expect(await lastDesk(siteA)).toBeUndefined();
    expect(await lastDesk(siteA, { back: 30, ahead: 30 })).toBe(siteA.desks[1]!.id);
  });

  it('sees a booking made through another server instance straight away', async () => {
    const other = { ...deps, store: new TableReservationStore(h.gateway, h.tables) };
    expect(await lastDesk(siteA)).toBeUndefined();
    await book(siteA, 12, '2026-11-29', ALICE, other);
    expect(await lastDesk(siteA)).toBe(siteA.desks[12]!.id);
  });

  it('reads the days around in one query, and then only the booking it names', async () => {
    for (const [n, date] of [[1, '2026-11-24'], [2, '2026-11-26'], [3, '2026-11-28'], [4, '2026-11-30'], [5, '2026-12-02']] as const) await book(siteA, n, date);
    await book(siteA, 6, '2026-11-27', { userId: 'bob', roles: [] });
    const { gateway, counts } = counting(h.gateway);
    const store = new TableReservationStore(gateway, h.tables);
    expect(await lastDeskOf({ ...deps, store }, ALICE, siteA, WEEK)).toBe(siteA.desks[4]!.id);
    expect(counts).toEqual({ gets: 1, queries: 1 });
    counts.gets = 0;
    counts.queries = 0;
    expect(await lastDeskOf({ ...deps, store }, { userId: 'nobody', roles: [] }, siteA, { back: 30, ahead: 30 })).toBeUndefined();
    expect(counts).toEqual({ gets: 0, queries: 1 });
  });
});
