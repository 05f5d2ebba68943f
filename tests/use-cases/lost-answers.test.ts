import { bookDesk, type BookingDeps } from '../../src/use-cases/book-desk';
import { cancelBooking } from '../../src/use-cases/change-booking';
import { StorageUnavailableError, type ReservationStore } from '../../src/use-cases/ports';
import { anActor, fixedClock, gridCatalog } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';
import { azuriteHarness, bookingDeps, inMemoryHarness, type HarnessFactory, type StoreHarness } from '../support/stores';

const NOW = '2026-12-03T07:00:00Z';
/** Friday 4 and Saturday 5 December 2026: the same ISO week. */
const FRIDAY = '2026-12-04';
const SATURDAY = '2026-12-05';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1, weeklyQuota: 1 } });
const lost = () => new StorageUnavailableError('Table storage did not answer within 10000 ms (test: the answer was lost)');

/** A store whose next writes of the given kinds commit, then lose their answer; and whose next reads fail, if asked. */
function losingAnswers(store: ReservationStore) {
  const plan = { commits: 0, transitions: 0, bookingReads: 0 };
  const wrapped: ReservationStore = Object.assign(Object.create(store) as ReservationStore, {
    commitBooking: async (c: Parameters<ReservationStore['commitBooking']>[0]) => {
      const outcome = await store.commitBooking(c);
      if (plan.commits > 0) {
        plan.commits--;
        throw lost();
      }
      return outcome;
    },
    commitTransition: async (c: Parameters<ReservationStore['commitTransition']>[0]) => {
      const outcome = await store.commitTransition(c);
      if (plan.transitions > 0) {
        plan.transitions--;
        throw lost();
      }
      return outcome;
    },
    getBooking: async (id: string) => {
      if (plan.bookingReads > 0) {
        plan.bookingReads--;
        throw lost();
      }
      return store.getBooking(id);
    },
  });
  return { store: wrapped, plan };
}

async function world(harness: HarnessFactory) {
  const h = await harness();
  const deps = await bookingDeps(h, [catalog], fixedClock(NOW));
  const losing = losingAnswers(h.reservations);
  return { h, deps: { ...deps, store: losing.store } as BookingDeps, plan: losing.plan };
}

async function violations(h: StoreHarness): Promise<string[]> {
  return (await checkInvariants(h.gateway, h.tables.reservations, [catalog], { weeksTable: h.tables.weeks })).violations;
}

describe.each([
  ['in memory', inMemoryHarness],
  ['Azurite', azuriteHarness],
] as const)('lost answers break neither the quota nor idempotency (%s)', (_name, harness) => {
  it('answers a booking whose commit answer was lost with the booking it made, and keeps its quota hold', async () => {
    const w = await world(harness);
    w.plan.commits = 1;
    const first = await bookDesk(w.deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: FRIDAY });
    expect(first.ok).toBe(true);
    const second = await bookDesk(w.deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: SATURDAY });
    expect(second.ok ? 'booked' : second.error.code).toBe('QUOTA_EXCEEDED');
    expect(await violations(w.h)).toEqual([]);
  });

  it('keeps the quota hold when neither the commit nor the read after it answers', async () => {
    const w = await world(harness);
    w.plan.commits = 1;
    w.plan.bookingReads = 1;
    await expect(bookDesk(w.deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: FRIDAY })).rejects.toThrow(StorageUnavailableError);
    // The booking did commit: a second booking of the week must still find the quota used.
    const second = await bookDesk(w.deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: SATURDAY });
    expect(second.ok ? 'booked' : second.error.code).toBe('QUOTA_EXCEEDED');
    expect(await violations(w.h)).toEqual([]);
  });

  it('answers a retried cancel, whose first answer was lost after it committed, as done', async () => {
    const w = await world(harness);
    const booked = await bookDesk(w.deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: FRIDAY });
    if (!booked.ok) throw new Error('setup');
    w.plan.transitions = 1;
    w.plan.bookingReads = 1;
    // The cancel committed; its answer and the read after it were both lost, so the first call fails...
    const firstTry = await cancelBooking(w.deps, { actor: anActor('alice'), bookingId: booked.value.id }).catch((e: unknown) => e);
    expect(firstTry).toBeInstanceOf(StorageUnavailableError);
    // ...and the client's retry is told it is done, not that the booking is no longer active.
    const retry = await cancelBooking(w.deps, { actor: anActor('alice'), bookingId: booked.value.id });
    expect(retry).toMatchObject({ ok: true, value: { status: 'released', releaseReason: 'cancelled' } });
    expect(await violations(w.h)).toEqual([]);
  });

  it('answers a cancel whose answer was lost as done, when the booking row shows it committed', async () => {
    const w = await world(harness);
    const booked = await bookDesk(w.deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: FRIDAY });
    if (!booked.ok) throw new Error('setup');
    w.plan.transitions = 1;
    expect(await cancelBooking(w.deps, { actor: anActor('alice'), bookingId: booked.value.id })).toMatchObject({ ok: true, value: { status: 'released' } });
    expect(await violations(w.h)).toEqual([]);
  });

  it('leaves no phantom hold when two requests with the same request id race', async () => {
    const w = await world(harness);
    const results = await Promise.all(
      ['f1-0-0', 'f1-1-0', 'f1-0-3', 'f1-1-3'].map((deskId) =>
        bookDesk(w.deps, { actor: anActor('alice'), deskId, date: FRIDAY, requestId: 'req-1' }),
      ),
    );
    const ids = new Set(results.map((r) => (r.ok ? r.value.id : r.error.code)));
    expect(ids.size).toBe(1);
    expect(results.every((r) => r.ok)).toBe(true);
    const week = await w.h.reservations.readWeek('alice', '2026-W49');
    expect(week.entries.map((e) => e.bookingId)).toEqual([...ids]);
    expect(await violations(w.h)).toEqual([]);
  });
});

describe('a request id used again after its booking ended', () => {
  it('books anew, as a request without an id would, and counts one booking in the week', async () => {
    const h = await inMemoryHarness();
    const deps = await bookingDeps(h, [gridCatalog({ policy: { minDistanceM: 1, weeklyQuota: 2 } })], fixedClock(NOW));
    const first = await bookDesk(deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: FRIDAY, requestId: 'card-1' });
    if (!first.ok) throw new Error('setup');
    expect((await cancelBooking(deps, { actor: anActor('alice'), bookingId: first.value.id })).ok).toBe(true);
    // The old card's Confirm pressed again.
    const again = await bookDesk(deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: FRIDAY, requestId: 'card-1' });
    expect(again).toMatchObject({ ok: true, value: { status: 'booked', deskId: 'f1-0-0' } });
    if (!again.ok) return;
    expect(again.value.id).not.toBe(first.value.id);
    expect((await h.reservations.readWeek('alice', '2026-W49')).entries.map((e) => e.bookingId)).toEqual([again.value.id]);
  });
});
