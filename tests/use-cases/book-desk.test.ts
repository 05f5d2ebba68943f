import { bookDesk, type BookingDeps } from '../../src/use-cases/book-desk';
import { cancelBooking, checkIn, releaseBooking } from '../../src/use-cases/change-booking';
import { floorAvailability } from '../../src/use-cases/floor-availability';
import { listMyBookings } from '../../src/use-cases/list-my-bookings';
import { anActor, fixedClock, gridCatalog } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';
import { azuriteHarness, bookingDeps, inMemoryHarness, type HarnessFactory, type StoreHarness } from '../support/stores';

// Thursday 3 December 2026, 09:00 in Brussels.
const NOW = '2026-12-03T08:00:00Z';
const DAY = '2026-12-03';

// The use case over each real store: the rules themselves are tested on the pure domain (tests/domain), the store's
// guarantees in tests/contract; here, that booking ties them together the same way on both stores.
const STORES: readonly (readonly [string, HarnessFactory])[] = [
  ['in memory', inMemoryHarness],
  ['Azure Tables on Azurite', azuriteHarness],
];

for (const [name, factory] of STORES) {
  describe(`book a desk over the store: ${name}`, () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await factory();
    });

    describe('use cases over the store', () => {
      let deps: BookingDeps;
      const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 3 }, weeklyQuota: 2 } });
      beforeEach(async () => {
        deps = await bookingDeps(h, [catalog], fixedClock(NOW));
      });

      it('books, lists, checks in and cancels, leaving every invariant true', async () => {
        const alice = anActor('alice');
        const booked = await bookDesk(deps, { actor: alice, deskId: 'f1-0-0', date: DAY });
        expect(booked.ok).toBe(true);
        const mine = await listMyBookings(deps, { actor: alice, from: DAY, to: '2026-12-10' });
        expect(mine.map((b) => b.deskId)).toEqual(['f1-0-0']);
        const id = booked.ok ? booked.value.id : '';
        expect(await checkIn(deps, { actor: anActor('bob'), bookingId: id })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
        expect(await checkIn(deps, { actor: alice, bookingId: id })).toMatchObject({ ok: true, value: { status: 'checked-in' } });
        expect(await releaseBooking(deps, { actor: alice, bookingId: id })).toMatchObject({ ok: true, value: { status: 'released' } });
        // Alice ending her own booking again is answered as done (her first answer may have been lost); anyone
        // else is told it is no longer active.
        expect(await cancelBooking(deps, { actor: alice, bookingId: id })).toMatchObject({ ok: true, value: { status: 'released' } });
        const admin = anActor('root', { roles: ['admin'] });
        expect(await cancelBooking(deps, { actor: admin, bookingId: id })).toMatchObject({ ok: false, error: { code: 'NOT_ACTIVE' } });
        expect((await checkInvariants(h.gateway, h.tables.reservations, [catalog], { weeksTable: h.tables.weeks })).violations).toEqual([]);
      });

      it('returns the same booking when a request id is repeated', async () => {
        const cmd = { actor: anActor('alice'), deskId: 'f1-0-0', date: DAY, requestId: 'retry-me' };
        const a = await bookDesk(deps, cmd);
        const b = await bookDesk(deps, cmd);
        expect(a).toEqual(b);
        expect((await h.reservations.listBookingsOfDay(DAY)).length).toBe(1);
      });

      it('refuses a desk within D of a booked one and offers free desks nearest first', async () => {
        await bookDesk(deps, { actor: anActor('alice'), deskId: 'f1-0-5', date: DAY });
        const r = await bookDesk(deps, { actor: anActor('bob'), deskId: 'f1-0-6', date: DAY });
        expect(r).toMatchObject({ ok: false, error: { code: 'TOO_CLOSE', details: { distanceM: 1, minDistanceM: 1.5 } } });
        if (!r.ok) {
          expect(r.error.alternatives.length).toBe(3);
          expect(r.error.alternatives.some((a) => a.kind === 'day' && a.deskId === 'f1-0-6')).toBe(true);
        }
      });

      it('refuses a fourth person in a zone of capacity 3', async () => {
        for (const [u, d] of [['u1', 'f1-0-0'], ['u2', 'f1-0-2'], ['u3', 'f1-0-8']] as const) {
          expect((await bookDesk(deps, { actor: anActor(u), deskId: d, date: DAY })).ok).toBe(true);
        }
        expect(await bookDesk(deps, { actor: anActor('u4'), deskId: 'f1-0-18', date: DAY })).toMatchObject({
          ok: false,
          error: { code: 'ZONE_FULL', details: { capacity: 3, booked: 3 } },
        });
      });

      it('holds the weekly quota across days and gives a cancelled day back', async () => {
        const alice = anActor('alice');
        const mon = await bookDesk(deps, { actor: alice, deskId: 'f1-0-0', date: '2026-12-04' });
        await bookDesk(deps, { actor: alice, deskId: 'f1-0-0', date: '2026-12-05' });
        expect(await bookDesk(deps, { actor: alice, deskId: 'f1-0-0', date: '2026-12-06' })).toMatchObject({
          ok: false,
          error: { code: 'QUOTA_EXCEEDED', details: { quota: 2, used: 2, isoWeek: '2026-W49' } },
        });
        if (mon.ok) await cancelBooking(deps, { actor: alice, bookingId: mon.value.id });
        expect((await bookDesk(deps, { actor: alice, deskId: 'f1-0-0', date: '2026-12-06' })).ok).toBe(true);
      });

      it('shows each desk state on the floor map from one read', async () => {
        await bookDesk(deps, { actor: anActor('alice'), deskId: 'f1-0-5', date: DAY });
        const map = await floorAvailability(deps, { actor: anActor('bob'), floorId: 'f1', date: DAY });
        const state = (id: string) => map?.desks.find((d) => d.desk.id === id)?.state;
        expect(state('f1-0-5')).toBe('taken');
        expect(state('f1-0-6')).toBe('too-close');
        expect(state('f1-0-15')).toBe('free');
        expect(map?.zones.find((z) => z.zone.id === 'f1-z0')).toMatchObject({ booked: 1, capacity: 3 });
      });
    });
  });
}
