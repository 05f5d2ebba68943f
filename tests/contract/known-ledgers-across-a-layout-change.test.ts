import { performance } from 'node:perf_hooks';
import { bookDesk, type BookingDeps } from '../../src/use-cases/book-desk';
import { CachedCatalog } from '../../src/use-cases/catalog-index';
import { importCatalog } from '../../src/use-cases/import-catalog';
import { KeyedMutex } from '../../src/use-cases/keyed-mutex';
import type { SiteCatalog } from '../../src/use-cases/ports';
import { knownLedgersOf } from '../../src/use-cases/recent-ledgers';
import { recheckBookings } from '../../src/use-cases/recheck-bookings';
import { TableReservationStore } from '../../src/storage/table-reservation-store';
import type { Desk, Zone } from '../../src/domain/model';
import { anActor, fixedClock, gridCatalog, noSleepRetry, sequentialIds } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';
import { azuriteHarness, inMemoryHarness, type StoreHarness } from '../support/stores';

const DAY = '2026-12-03';

/**
 * The two-process storm under heavy load, made deterministic. A server keeps the ledgers it last read or wrote for a
 * floor-day (KnownLedgers) and decides its next booking on them. Those ledgers were read for the zones of the layout
 * the server had then; after an import renames the zones and the server's catalog cache catches up, its next booking
 * is decided on the new layout, whose zones that list does not hold. The booking must not commit without the If-Match
 * on the ledgers of the zones it guards: it must read them.
 */
describe.each([
  ['in memory', inMemoryHarness],
  ['on Azurite', azuriteHarness],
])('a booking decided on known ledgers after the layout changed (%s)', (_name, harness) => {
  // Desks 1 m apart, D = 2 m.
  const before = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 2, zoneCapacity: { kind: 'count', value: 8 } } });
  const after: SiteCatalog = {
    ...before,
    zones: before.zones.map((z): Zone => ({ ...z, id: rename(z.id) })),
    desks: before.desks.map((d): Desk => ({ ...d, zoneId: rename(d.zoneId) })),
  };
  let h: StoreHarness;
  const clock = fixedClock('2026-12-01T08:00:00Z');

  beforeEach(async () => {
    h = await harness();
    await h.catalog.replaceSiteCatalog(before);
  });

  /** One server process: its own store object (its own known ledgers) and its own catalog cache. */
  function instance(): BookingDeps & { catalog: CachedCatalog } {
    return {
      store: new TableReservationStore(h.gateway, h.tables),
      catalog: new CachedCatalog(h.catalog, clock, 60_000),
      clock,
      ids: sequentialIds(`i${Math.random().toString(36).slice(2, 6)}`),
      locks: new KeyedMutex(),
      retry: noSleepRetry,
    };
  }
  const book = (deps: BookingDeps, user: string, deskId: string) => bookDesk(deps, { actor: anActor(user), deskId, date: DAY });

  it('refuses a neighbour of a desk booked by another server since, once the zones were renamed', async () => {
    const one = instance();
    const two = instance();
    // Server one books on the old layout: it now knows the floor-day as the ledgers of f1-z0 and f1-z1.
    expect(await book(one, 'olga', 'f1-0-16')).toMatchObject({ ok: true });
    // The import renames the zones, and its re-check moves Olga's entry to f1-north and stamps every row.
    await importCatalog(h.catalog, [after]);
    const admin = { store: new TableReservationStore(h.gateway, h.tables), catalog: new CachedCatalog(h.catalog, clock, 0), previous: h.catalog, clock, retry: noSleepRetry };
    await recheckBookings(admin, { siteId: 'site-1', from: DAY, days: 1 });
    // Both servers' catalog caches catch up with the new layout.
    one.catalog.invalidate();
    two.catalog.invalidate();
    // Server two seats Carol at f1-0-0, in f1-north: server one has not seen it.
    expect(await book(two, 'carol', 'f1-0-0')).toMatchObject({ ok: true });
    // (What this test is about: server one still decides on the ledgers it knows, read for the old zones.)
    expect(knownLedgersOf(one.store).get(DAY, 'f1', performance.now())?.map((l) => l.zoneId)).toEqual(['f1-z0', 'f1-z1']);
    // Bob asks server one for f1-0-1, 1 m from Carol.
    expect(await book(one, 'bob', 'f1-0-1')).toMatchObject({ ok: false, error: { code: 'TOO_CLOSE' } });
    expect((await checkInvariants(h.gateway, h.tables.reservations, [after])).violations).toEqual([]);
  });
});

function rename(id: string): string {
  return id.replace(/-z0$/, '-north').replace(/-z1$/, '-south');
}
