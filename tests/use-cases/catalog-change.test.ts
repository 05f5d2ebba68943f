import type { Desk, Zone } from '../../src/domain/model';
import { bookDesk, type BookingDeps } from '../../src/use-cases/book-desk';
import { CachedCatalog } from '../../src/use-cases/catalog-index';
import { cancelBooking } from '../../src/use-cases/change-booking';
import { floorAvailability } from '../../src/use-cases/floor-availability';
import { importCatalog } from '../../src/use-cases/import-catalog';
import type { ReservationStore, SiteCatalog } from '../../src/use-cases/ports';
import { recheckBookings, type RecheckDeps } from '../../src/use-cases/recheck-bookings';
import type { TableOperation } from '../../src/storage/table-gateway';
import { TableReservationStore } from '../../src/storage/table-reservation-store';
import { anActor, fixedClock, gridCatalog, noSleepRetry } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';
import { azuriteHarness, bookingDeps, inMemoryHarness, type HarnessFactory, type StoreHarness } from '../support/stores';

const NOW = '2026-12-03T07:00:00Z';
const DAY = '2026-12-04';

/** Two zones of 4 × 5 desks 1 m apart; D = 2 m. Desk f1-0-0 sits at (0.5, 0.5), f1-0-1 at (1.5, 0.5). */
const before: SiteCatalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 2, zoneCapacity: { kind: 'count', value: 20 } } });

/** The same desks at the same places; only the zone ids change (f1-z0 → f1-zA, f1-z1 → f1-zB). */
function renamedZones(c: SiteCatalog): SiteCatalog {
  const rename = (id: string) => id.replace(/-z0$/, '-zA').replace(/-z1$/, '-zB');
  return {
    ...c,
    zones: c.zones.map((z): Zone => ({ ...z, id: rename(z.id) })),
    desks: c.desks.map((d): Desk => ({ ...d, zoneId: rename(d.zoneId) })),
  };
}

interface World {
  readonly h: StoreHarness;
  readonly deps: BookingDeps;
}

async function world(harness: HarnessFactory, catalog: SiteCatalog): Promise<World> {
  const h = await harness();
  const clock = fixedClock(NOW);
  const deps = await bookingDeps(h, [catalog], clock);
  // Every read of the catalog is fresh, as on a server once its cache has caught up with the import.
  return { h, deps: { ...deps, catalog: new CachedCatalog(h.catalog, clock, 0), retry: noSleepRetry } };
}

async function book(w: World, userId: string, deskId: string) {
  return bookDesk(w.deps, { actor: anActor(userId), deskId, date: DAY });
}

async function violations(w: World, catalog: SiteCatalog): Promise<string[]> {
  return (await checkInvariants(w.h.gateway, w.h.tables.reservations, [catalog])).violations;
}

describe.each([
  ['in memory', inMemoryHarness],
  ['Azurite', azuriteHarness],
] as const)('a catalog change never breaks a booking rule (%s)', (_name, harness) => {
  it('refuses a desk 1 m from a booked one after its zone was renamed, when D is 2 m', async () => {
    const w = await world(harness, before);
    expect((await book(w, 'alice', 'f1-0-0')).ok).toBe(true);
    const after = renamedZones(before);
    await importCatalog(w.h.catalog, [after]);

    const bob = await book(w, 'bob', 'f1-0-1');
    expect(bob.ok ? 'booked' : bob.error.code).toBe('TOO_CLOSE');
    const carol = await book(w, 'carol', 'f1-0-0');
    expect(carol.ok ? 'booked' : carol.error.code).toBe('DESK_TAKEN');
    expect(await violations(w, after)).toEqual([]);
  });

  it('shows the booked desk as taken on the floor map after its zone was renamed', async () => {
    const w = await world(harness, before);
    expect((await book(w, 'alice', 'f1-0-0')).ok).toBe(true);
    await importCatalog(w.h.catalog, [renamedZones(before)]);

    const view = await floorAvailability(w.deps, { actor: anActor('dave'), floorId: 'f1', date: DAY });
    const state = (id: string) => view?.desks.find((d) => d.desk.id === id)?.state;
    expect(state('f1-0-0')).toBe('taken');
    expect(state('f1-0-1')).toBe('too-close');
    expect(view?.zones.find((z) => z.zone.id === 'f1-zA')?.booked).toBe(1);
  });

  it('counts a desk moved into another zone against the capacity of its new zone', async () => {
    const oneEach = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1, zoneCapacity: { kind: 'count', value: 1 } } });
    const w = await world(harness, oneEach);
    expect((await book(w, 'alice', 'f1-0-0')).ok).toBe(true);
    // Desk f1-0-0 moves from zone 0 (x 0–4) to the far corner of zone 1 (x 4–8).
    const moved: SiteCatalog = {
      ...oneEach,
      desks: oneEach.desks.map((d) => (d.id === 'f1-0-0' ? { ...d, zoneId: 'f1-z1', x: 4.2, y: 0.2 } : d)),
    };
    await importCatalog(w.h.catalog, [moved]);

    const bob = await book(w, 'bob', 'f1-1-19');
    expect(bob.ok ? 'booked' : bob.error.code).toBe('ZONE_FULL');
    // Zone 0 has room again: its only booked desk has left it.
    expect((await book(w, 'carol', 'f1-0-19')).ok).toBe(true);
    expect(await violations(w, moved)).toEqual([]);
  });

  it('lets the owner cancel a booking whose desk moved, and frees the desk in its new zone', async () => {
    const w = await world(harness, before);
    const alice = await book(w, 'alice', 'f1-0-0');
    if (!alice.ok) throw new Error('setup');
    const after = renamedZones(before);
    await importCatalog(w.h.catalog, [after]);
    await recheckBookings({ ...w.deps, previous: w.h.catalog }, { siteId: 'site-1', from: DAY, days: 1 });

    const cancelled = await cancelBooking(w.deps, { actor: anActor('alice'), bookingId: alice.value.id });
    expect(cancelled.ok).toBe(true);
    expect((await book(w, 'bob', 'f1-0-1')).ok).toBe(true);
    expect(await violations(w, after)).toEqual([]);
  });

  it('re-check after an import that moved a desk next to a booked one cancels the later booking', async () => {
    const w = await world(harness, before);
    expect((await book(w, 'alice', 'f1-0-0')).ok).toBe(true);
    expect((await book(w, 'bob', 'f1-0-3')).ok).toBe(true);
    // Bob's desk moves to 1 m from Alice's: the layout itself now breaks the distance rule.
    const moved: SiteCatalog = {
      ...before,
      desks: before.desks.filter((d) => d.id !== 'f1-0-1').map((d) => (d.id === 'f1-0-3' ? { ...d, x: 1.5, y: 0.5 } : d)),
    };
    await importCatalog(w.h.catalog, [moved]);
    expect(await violations(w, moved)).not.toEqual([]);

    const result = await recheckBookings({ ...w.deps, previous: w.h.catalog }, { siteId: 'site-1', from: DAY, days: 1 });
    expect(result.cancelled.map((c) => [c.booking.userId, c.refusal.code])).toEqual([['bob', 'TOO_CLOSE']]);
    expect(await violations(w, moved)).toEqual([]);
  });
});

describe.each([
  ['in memory', inMemoryHarness],
  ['Azurite', azuriteHarness],
] as const)('ledgers follow desks across floors, and stale layouts are fenced off (%s)', (_name, harness) => {
  /** Floor f1 renamed f9: same desks, same places, new floor and zone ids. */
  function renamedFloor(c: SiteCatalog): SiteCatalog {
    const f = (id: string) => id.replace(/^f1/, 'f9');
    return {
      ...c,
      floors: c.floors.map((x) => ({ ...x, id: f(x.id) })),
      zones: c.zones.map((z) => ({ ...z, id: f(z.id), floorId: f(z.floorId) })),
      desks: c.desks.map((d) => ({ ...d, floorId: f(d.floorId), zoneId: f(d.zoneId) })),
    };
  }

  it('refuses a desk 1 m from a booked one after the floor was renamed and the re-check ran', async () => {
    const w = await world(harness, before);
    const alice = await book(w, 'alice', 'f1-0-0');
    if (!alice.ok) throw new Error('setup');
    const after = renamedFloor(before);
    await importCatalog(w.h.catalog, [after]);
    await recheckBookings({ ...w.deps, previous: w.h.catalog }, { siteId: 'site-1', from: DAY, days: 1 });

    const bob = await book(w, 'bob', 'f1-0-1');
    expect(bob.ok ? 'booked' : bob.error.code).toBe('TOO_CLOSE');
    const view = await floorAvailability(w.deps, { actor: anActor('dave'), floorId: 'f9', date: DAY });
    expect(view?.desks.find((d) => d.desk.id === 'f1-0-0')?.state).toBe('taken');
    expect((await cancelBooking(w.deps, { actor: anActor('alice'), bookingId: alice.value.id })).ok).toBe(true);
    expect((await book(w, 'bob', 'f1-0-1')).ok).toBe(true);
    expect(await violations(w, after)).toEqual([]);
  });

  it('makes a server still holding the old layout read the new one before it decides', async () => {
    const w = await world(harness, before);
    // A second server whose catalog cache was filled before the import and would keep it for a minute.
    const stale: BookingDeps = { ...w.deps, catalog: new CachedCatalog(w.h.catalog, fixedClock(NOW), 60_000) };
    await stale.catalog.current();
    expect((await book(w, 'alice', 'f1-0-0')).ok).toBe(true);
    // The import moves desk f1-1-0 from (4.5, 0.5) to 1 m from Alice's desk.
    const moved: SiteCatalog = { ...before, desks: before.desks.filter((d) => d.id !== 'f1-0-1').map((d) => (d.id === 'f1-1-0' ? { ...d, zoneId: 'f1-z0', x: 1.5, y: 0.5 } : d)) };
    await importCatalog(w.h.catalog, [moved]);
    await recheckBookings({ ...w.deps, previous: w.h.catalog }, { siteId: 'site-1', from: DAY, days: 1 });

    const bob = await bookDesk(stale, { actor: anActor('bob'), deskId: 'f1-1-0', date: DAY });
    expect(bob.ok ? 'booked' : bob.error.code).toBe('TOO_CLOSE');
    expect(await violations(w, moved)).toEqual([]);
  });
  it('fences a server on the old layout that read before the re-check and creates the ledger of an old zone', async () => {
    const w = await world(harness, before);
    // A second server, with its own store over the same tables, whose commit of the day is held until the import and
    // its re-check are done: it read the day before them, on the old layout.
    let reachedCommit!: () => void;
    const atCommit = new Promise<void>((r) => (reachedCommit = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let held = false;
    const gateway = new Proxy(w.h.gateway, {
      get(target, name, receiver) {
        if (name === 'transact' || name === 'transactForVersions') {
          return async (table: string, pk: string, ops: readonly TableOperation[]) => {
            if (!held && ops.some((o) => o.kind === 'create' && o.entity.rowKey.startsWith('booking|'))) {
              held = true;
              reachedCommit();
              await released;
            }
            return name === 'transact' ? target.transact(table, pk, ops) : target.transactForVersions!(table, pk, ops);
          };
        }
        const value: unknown = Reflect.get(target, name, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const stale: BookingDeps = {
      ...w.deps,
      store: new TableReservationStore(gateway, w.h.tables),
      catalog: new CachedCatalog(w.h.catalog, fixedClock(NOW), 60_000),
    };
    await stale.catalog.current();
    expect((await book(w, 'alice', 'f1-0-0')).ok).toBe(true);
    // Bob's desk f1-1-2 sits at (6.5, 0.5), 3 m from any desk of zone z0: on the old layout his booking writes only
    // the ledger of z1, which no booking created that day. The import renames the zones and moves his desk 1 m from
    // Alice's.
    const moved = renamedZones({
      ...before,
      desks: before.desks.filter((d) => d.id !== 'f1-0-1').map((d) => (d.id === 'f1-1-2' ? { ...d, zoneId: 'f1-z0', x: 1.5, y: 0.5 } : d)),
    });
    const bob = bookDesk(stale, { actor: anActor('bob'), deskId: 'f1-1-2', date: DAY });
    await atCommit;
    await importCatalog(w.h.catalog, [moved]);
    await recheckBookings({ ...w.deps, previous: w.h.catalog }, { siteId: 'site-1', from: DAY, days: 1 });
    release();

    const outcome = await bob;
    expect(outcome.ok ? 'booked' : outcome.error.code).toBe('TOO_CLOSE');
    expect(await violations(w, moved)).toEqual([]);
  });

  it('re-checks a booking that an old-layout server commits while the re-check reads the day', async () => {
    const w = await world(harness, before);
    const stale: BookingDeps = { ...w.deps, catalog: new CachedCatalog(w.h.catalog, fixedClock(NOW), 60_000) };
    await stale.catalog.current();
    expect((await book(w, 'alice', 'f1-0-0')).ok).toBe(true);
    const moved = renamedZones({
      ...before,
      desks: before.desks.filter((d) => d.id !== 'f1-0-1').map((d) => (d.id === 'f1-1-2' ? { ...d, zoneId: 'f1-z0', x: 1.5, y: 0.5 } : d)),
    });
    await importCatalog(w.h.catalog, [moved]);
    // Bob books on the old layout (his desk 3 m from Alice's) just after the re-check listed the day's bookings and
    // before it reads the ledgers; on the new layout his desk is 1 m from hers.
    let bob: Awaited<ReturnType<typeof bookDesk>> | undefined;
    const racing: RecheckDeps['store'] = Object.assign(Object.create(w.h.reservations) as ReservationStore, {
      listBookingsOfDay: async (date: string) => {
        const listed = await w.h.reservations.listBookingsOfDay(date);
        bob ??= await bookDesk(stale, { actor: anActor('bob'), deskId: 'f1-1-2', date: DAY });
        return listed;
      },
    });
    const result = await recheckBookings({ ...w.deps, store: racing, previous: w.h.catalog }, { siteId: 'site-1', from: DAY, days: 1 });
    expect(bob?.ok).toBe(true);
    expect(result.cancelled.map((c) => [c.booking.userId, c.refusal.code])).toEqual([['bob', 'TOO_CLOSE']]);
    expect(await violations(w, moved)).toEqual([]);
  });
});
