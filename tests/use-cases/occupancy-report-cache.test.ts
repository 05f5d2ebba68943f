import { bookDesk } from '../../src/use-cases/book-desk';
import { CatalogIndex } from '../../src/use-cases/catalog-index';
import { cancelBooking, checkIn } from '../../src/use-cases/change-booking';
import { occupancyReport } from '../../src/use-cases/occupancy-report';
import type { ReservationStore } from '../../src/use-cases/ports';
import { anActor, fixedClock, gridCatalog } from '../support/builders';
import { azuriteHarness, bookingDeps } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const TUESDAY = '2026-12-01';
const WEDNESDAY = '2026-12-02';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5 } });

/** The store as the report sees it, counting the days whose booking rows it reads. */
function counting(store: ReservationStore) {
  const read: string[] = [];
  return {
    read,
    store: {
      listBookingsOfDay: (date: string) => {
        read.push(date);
        return store.listBookingsOfDay(date);
      },
      dayVersions: (from: string, to: string) => store.dayVersions!(from, to),
    },
  };
}

describe('occupancy of live days: counted again only when a booking of the day changed', () => {
  it('reads no booking row for a day that did not change, and counts again the day a check-in, a cancel or a new catalog changed', async () => {
    const h = await azuriteHarness();
    const deps = await bookingDeps(h, [catalog], fixedClock(NOW));
    const alice = await bookDesk(deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: TUESDAY });
    const bob = await bookDesk(deps, { actor: anActor('bob'), deskId: 'f1-0-2', date: WEDNESDAY });
    if (!alice.ok || !bob.ok) throw new Error('seed bookings refused');
    // One version per day with bookings, from its zone ledgers' keys and ETags; none for a day without.
    const versions = await h.reservations.dayVersions!(TUESDAY, '2026-12-03');
    expect([...versions.keys()]).toEqual([TUESDAY, WEDNESDAY]);
    expect(versions.get(TUESDAY)).toMatch(/^zone\|f1\|f1-z0=\S+$/);
    expect(versions.get(TUESDAY)).not.toBe(versions.get(WEDNESDAY));
    let index = new CatalogIndex([catalog]);
    const c = counting(h.reservations);
    const report = () => occupancyReport({ store: c.store, catalog: { current: async () => index } }, { siteId: 'site-1', from: TUESDAY, to: WEDNESDAY });
    const zoneA = async (date: string) => (await report())!.rows.find((r) => r.date === date && r.zoneId === 'f1-z0')!;

    expect(await zoneA(TUESDAY)).toMatchObject({ booked: 1, checkedIn: 0 });
    expect(c.read.sort()).toEqual([TUESDAY, WEDNESDAY]);

    // Nothing changed: the figures are reused, no booking row is read.
    c.read.length = 0;
    expect(await zoneA(TUESDAY)).toMatchObject({ booked: 1, checkedIn: 0 });
    expect(c.read).toEqual([]);

    // Alice checks in on Tuesday: Tuesday is counted again, Wednesday is not.
    expect((await checkIn(deps, { actor: anActor('alice'), bookingId: alice.value.id })).ok).toBe(true);
    expect(await zoneA(TUESDAY)).toMatchObject({ booked: 1, checkedIn: 1 });
    expect(c.read).toEqual([TUESDAY]);

    // Bob cancels Wednesday.
    c.read.length = 0;
    expect((await cancelBooking(deps, { actor: anActor('bob'), bookingId: bob.value.id })).ok).toBe(true);
    expect(await zoneA(WEDNESDAY)).toMatchObject({ booked: 1, cancelled: 1, held: 0 });
    expect(c.read).toEqual([WEDNESDAY]);

    // A new catalog (say, a zone's capacity changed) counts every day again.
    c.read.length = 0;
    index = new CatalogIndex([catalog]);
    await report();
    expect(c.read.sort()).toEqual([TUESDAY, WEDNESDAY]);
  });
});
