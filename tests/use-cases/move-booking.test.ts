import type { Actor } from '../../src/domain/model';
import { bookDesk, type BookingDeps } from '../../src/use-cases/book-desk';
import { bookDays, cancelBookings } from '../../src/use-cases/book-days';
import { moveBooking } from '../../src/use-cases/move-booking';
import { fixedClock, gridCatalog } from '../support/builders';
import { bookingDeps, inMemoryHarness, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels.
const clock = fixedClock('2026-12-01T08:00:00Z');
const catalog = gridCatalog({ zones: 1, cols: 4, rows: 2, pitch: 2, policy: { minDistanceM: 1.5, bookableWeekdays: [1, 2, 3, 4, 5] } });
const ALICE: Actor = { userId: 'alice', roles: [] };
const BOB: Actor = { userId: 'bob', roles: [] };

describe('moving a booking frees the old day only once the new one is booked', () => {
  let h: StoreHarness;
  let deps: BookingDeps;
  beforeEach(async () => {
    h = await inMemoryHarness();
    deps = await bookingDeps(h, [catalog], clock);
  });

  async function thursday(deskId = catalog.desks[0]!.id) {
    const r = await bookDesk(deps, { actor: ALICE, deskId, date: '2026-12-03', requestId: 'r-thu' });
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  }
  const active = async (user = ALICE) => (await h.reservations.listActiveBookingsOfUser(user.userId, '2026-12-01', '2026-12-31')).map((b) => [b.date, b.deskId]);

  it('moves Thursday to Friday, on the same desk when it is free', async () => {
    const b = await thursday();
    const moved = await moveBooking(deps, { actor: ALICE, bookingId: b.id, toDate: '2026-12-04', requestId: 'm1' });
    expect(moved.ok).toBe(true);
    expect(await active()).toEqual([['2026-12-04', b.deskId]]);
  });

  it('keeps Thursday when Saturday cannot be booked', async () => {
    const b = await thursday();
    const moved = await moveBooking(deps, { actor: ALICE, bookingId: b.id, toDate: '2026-12-05', requestId: 'm2' });
    expect(moved).toMatchObject({ ok: false, refusal: { code: 'OUTSIDE_WINDOW' } });
    expect(await active()).toEqual([['2026-12-03', b.deskId]]);
  });

  it('refuses to move someone else\'s booking', async () => {
    const b = await thursday();
    const moved = await moveBooking(deps, { actor: BOB, bookingId: b.id, toDate: '2026-12-04', requestId: 'm3' });
    expect(moved).toMatchObject({ ok: false, refusal: { code: 'NOT_ALLOWED' } });
    expect(await active()).toEqual([['2026-12-03', b.deskId]]);
  });

  it('changes the desk on the same day, and gives the old desk back when no other is free', async () => {
    const b = await thursday();
    const changed = await moveBooking(deps, { actor: ALICE, bookingId: b.id, toDate: '2026-12-03', requestId: 'm4' });
    expect(changed.ok).toBe(true);
    const [[, desk]] = (await active()) as [[string, string]];
    expect(desk).not.toBe(b.deskId);

    // Every other desk taken by someone else: the change fails and Alice keeps a desk that day.
    const lonely = gridCatalog({ zones: 1, cols: 2, rows: 1, pitch: 2, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 2 }, bookableWeekdays: [1, 2, 3, 4, 5] } });
    const h2 = await inMemoryHarness();
    const deps2 = await bookingDeps(h2, [lonely], clock);
    const bobs = await bookDesk(deps2, { actor: BOB, deskId: lonely.desks[1]!.id, date: '2026-12-03' });
    expect(bobs.ok).toBe(true);
    const only = await bookDesk(deps2, { actor: ALICE, deskId: lonely.desks[0]!.id, date: '2026-12-03' });
    if (!only.ok) throw new Error(only.error.code);
    const stuck = await moveBooking(deps2, { actor: ALICE, bookingId: only.value.id, toDate: '2026-12-03', requestId: 'm5' });
    expect(stuck.ok).toBe(false);
    expect((await h2.reservations.listActiveBookingsOfUser('alice', '2026-12-03', '2026-12-03')).map((x) => x.deskId)).toEqual([lonely.desks[0]!.id]);
  });
});

describe('booking several days on one confirmation', () => {
  let h: StoreHarness;
  let deps: BookingDeps;
  beforeEach(async () => {
    h = await inMemoryHarness();
    deps = await bookingDeps(h, [catalog], clock);
  });

  it('books each day once, even when the same confirmation comes twice, and cancels them all on undo', async () => {
    const dates = ['2026-12-07', '2026-12-08', '2026-12-09'];
    const first = await bookDays(deps, { actor: ALICE, dates, requestId: 'days-1' });
    const again = await bookDays(deps, { actor: ALICE, dates, requestId: 'days-1' });
    expect(first.map((o) => o.ok)).toEqual([true, true, true]);
    expect(again.map((o) => (o.ok ? o.booking.id : null))).toEqual(first.map((o) => (o.ok ? o.booking.id : null)));
    expect(await h.reservations.listActiveBookingsOfUser('alice', '2026-12-01', '2026-12-31')).toHaveLength(3);
    const undone = await cancelBookings(deps, { actor: ALICE, bookingIds: first.flatMap((o) => (o.ok ? [o.booking.id] : [])) });
    expect(undone.every((r) => r.ok)).toBe(true);
    expect(await h.reservations.listActiveBookingsOfUser('alice', '2026-12-01', '2026-12-31')).toEqual([]);
  });

  it('reports a refused day with its rule and books the others', async () => {
    const outcomes = await bookDays(deps, { actor: ALICE, dates: ['2026-12-04', '2026-12-05'], requestId: 'days-2' });
    expect(outcomes[0]).toMatchObject({ date: '2026-12-04', ok: true });
    expect(outcomes[1]).toMatchObject({ date: '2026-12-05', ok: false, refusal: { code: 'OUTSIDE_WINDOW' } });
  });
});
