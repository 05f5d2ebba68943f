import { REFUSAL_CODES } from '../../src/domain/refusal';
import { bookDesk, type BookingDeps } from '../../src/use-cases/book-desk';
import { KeyedMutex } from '../../src/use-cases/keyed-mutex';
import { checkInvariants } from '../support/invariant-checker';
import { anActor, fixedClock, gridCatalog, sequentialIds } from '../support/builders';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { azuriteHarnessAt, bookingDeps } from '../support/stores';
import { seededRandom } from '../support/seeded-random';

describe('the booking storm: rules hold under concurrent attempts, against Azurite', () => {
  // An Azurite of its own: 400 requests at once must not queue behind whatever the rest of the run left in the shared
  // one (in a full run, the shared one once answered none of them within the 10 s request timeout).
  let azurite: EmbeddedAzurite;
  beforeAll(async () => {
    azurite = await startEmbeddedAzurite({ startTimeoutMs: 60_000 });
  });
  afterAll(async () => {
    await azurite?.stop();
  });

  it('ends 400 concurrent attempts from two server instances in bookings or typed refusals, breaking no rule', async () => {
    const h = await azuriteHarnessAt(azurite.connectionString, { timeoutMs: 120_000 });
    // 40 desks in 2 zones, 1 m apart, capacity 8 per zone, D = 2 m, at most 2 bookings per person per week.
    const catalog = gridCatalog({
      zones: 2,
      cols: 4,
      rows: 5,
      pitch: 1,
      policy: { minDistanceM: 2, zoneCapacity: { kind: 'count', value: 8 }, weeklyQuota: 2 },
    });
    const clock = fixedClock('2026-12-03T07:00:00Z');
    const first = await bookingDeps(h, [catalog], clock);
    // A second instance: its own lock table and ids, the same storage.
    const second: BookingDeps = { ...first, locks: new KeyedMutex(), ids: sequentialIds('second') };
    const random = seededRandom(42);
    const desks = catalog.desks.map((d) => d.id);
    const days = ['2026-12-03', '2026-12-04', '2026-12-05'];
    const attempts: { user: string; deskId: string; date: string }[] = [];
    // Many people racing for the same few desks, and neighbours closer than D racing each other.
    for (let i = 0; i < 200; i++) attempts.push({ user: `u${i % 120}`, deskId: desks[Math.floor(random() * 8)]!, date: days[0]! });
    // People filling both zones to their cap, from anywhere on the floor.
    for (let i = 0; i < 100; i++) attempts.push({ user: `v${i}`, deskId: desks[Math.floor(random() * desks.length)]!, date: days[1]! });
    // One person booking two desks at once on one day, and three days of one week at once (quota 2).
    for (let i = 0; i < 20; i++) attempts.push({ user: 'twin', deskId: desks[i]!, date: days[2]! });
    // Neighbours across a zone border (1 m apart, D = 2 m): only the zone ledgers they both write keep them apart.
    for (let i = 0; i < 40; i++) {
      const row = i % 5;
      attempts.push({ user: `b${i}`, deskId: i % 2 === 0 ? `f1-0-${row * 4 + 3}` : `f1-1-${row * 4}`, date: days[2]! });
    }
    for (let i = 0; i < 40; i++) attempts.push({ user: `w${i % 10}`, deskId: desks[20 + (i % 20)]!, date: days[i % 3]! });

    const results = await Promise.allSettled(
      attempts.map((a, i) => bookDesk(i % 2 === 0 ? first : second, { actor: anActor(a.user), deskId: a.deskId, date: a.date })),
    );

    const failures = results.filter((r) => r.status === 'rejected');
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
    const outcomes = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof bookDesk>>>).value);
    const booked = outcomes.filter((o) => o.ok);
    const refused = outcomes.filter((o) => !o.ok);
    expect(booked.length + refused.length).toBe(attempts.length);
    for (const r of refused) if (!r.ok) expect(REFUSAL_CODES).toContain(r.error.code);
    // The storm was a real race: some attempts won, and every kind of conflict was refused somewhere.
    const codes = new Set(refused.map((r) => (r.ok ? '' : r.error.code)));
    expect(booked.length).toBeGreaterThan(10);
    // QUOTA_EXCEEDED shows only when a person's first two days commit before their third is checked, which the race
    // decides (about 1 run in 6 had none); the quota itself is checked on every run by the invariant checker below,
    // from the person-week rows.
    for (const code of ['DESK_TAKEN', 'TOO_CLOSE', 'ALREADY_BOOKED']) expect(codes).toContain(code);
    expect(booked.filter((b) => b.ok && b.value.userId === 'twin')).toHaveLength(1);

    const report = await checkInvariants(h.gateway, h.tables.reservations, [catalog], { weeksTable: h.tables.weeks });
    expect(report.violations).toEqual([]);
    // Every booking reported as made is stored, and nothing else is.
    expect(report.activeBookings).toBe(booked.length);
    for (const b of booked) if (b.ok) expect((await h.reservations.getBooking(b.value.id))?.booking.status).toBe('booked');
    // Nobody holds more than the weekly quota of 2.
    for (const w of Array.from({ length: 10 }, (_, i) => `w${i}`)) {
      expect(booked.filter((b) => b.ok && b.value.userId === w).length).toBeLessThanOrEqual(2);
    }
    // About 15 s on a quiet machine and 31 s in a loaded CI run: the budget is for correctness, not speed.
  }, 300_000);
});
