import { isoWeek } from '../../src/domain/civil-date';
import { isActive, type Booking, type CivilDate } from '../../src/domain/model';
import { runImportCli } from '../../src/server/import-cli';
import { bookDesk, type BookingDeps } from '../../src/use-cases/book-desk';
import { CachedCatalog } from '../../src/use-cases/catalog-index';
import { checkIn } from '../../src/use-cases/change-booking';
import { toSiteDocument } from '../../src/use-cases/import-catalog';
import type { ReservationStore, SiteCatalog } from '../../src/use-cases/ports';
import {
  recheckBookings,
  RecheckIncompleteError,
  type RecheckDeps,
} from '../../src/use-cases/recheck-bookings';
import { aPolicy, anActor, fixedClock, gridCatalog, noSleepRetry } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';
import {
  azuriteHarness,
  bookingDeps,
  inMemoryHarness,
  type HarnessFactory,
  type StoreHarness,
} from '../support/stores';

/** Thursday 3 December 2026, 09:00 in Brussels; the check-in deadline is 10:00. */
const NOW = '2026-12-03T08:00:00Z';
const TODAY = '2026-12-03';
/** The tighter rules start on Monday 7 December. */
const TIGHT_FROM = '2026-12-07';

/** Zones of 4 × 5 desks 1 m apart: under the loose rules neighbours may both sit (D = 1 m), 20 per zone. */
const LOOSE = aPolicy(
  { zoneCapacity: { kind: 'count', value: 20 }, minDistanceM: 1, weeklyQuota: 3 },
  '2020-01-01',
);
/** From Monday: 2 per zone, 1.5 m apart. */
const TIGHT = aPolicy(
  { zoneCapacity: { kind: 'count', value: 2 }, minDistanceM: 1.5, weeklyQuota: 3 },
  TIGHT_FROM,
);
const looseCatalog: SiteCatalog = gridCatalog({ policies: [LOOSE] });
const tightCatalog: SiteCatalog = { ...looseCatalog, policies: [LOOSE, TIGHT] };

/**
 * Who books what, in this order, each day. Under the tight rules: u1 keeps f1-0-0 (0.5, 0.5); u2 sits 1 m from u1
 * (TOO_CLOSE); u3 at 2 m from u1 is the zone's second; u4 finds zone 0 full (ZONE_FULL); u5 is alone in zone 1.
 */
const PEOPLE: readonly (readonly [string, string])[] = [
  ['u1', 'f1-0-0'],
  ['u2', 'f1-0-1'],
  ['u3', 'f1-0-2'],
  ['u4', 'f1-0-8'],
  ['u5', 'f1-1-0'],
];
const DAYS: readonly CivilDate[] = ['2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08'];

interface World {
  readonly h: StoreHarness;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly deps: BookingDeps;
  /** Bookings by `${date}|${userId}`. */
  readonly booked: Map<string, Booking>;
}

/** Everyone books every day under the loose rules, one minute apart, so the order of their bookings is known. */
async function bookedUnderLooseRules(
  harness: HarnessFactory,
  days: readonly CivilDate[] = DAYS,
): Promise<World> {
  const h = await harness();
  const clock = fixedClock(NOW);
  const deps = await bookingDeps(h, [looseCatalog], clock);
  const booked = new Map<string, Booking>();
  for (const date of days) {
    for (const [userId, deskId] of PEOPLE) {
      clock.advance(60_000);
      const r = await bookDesk(deps, { actor: anActor(userId), deskId, date });
      if (!r.ok)
        throw new Error(`test setup: ${userId} could not book ${deskId} on ${date}: ${r.error.code}`);
      booked.set(`${date}|${userId}`, r.value);
    }
  }
  return { h, clock, deps, booked };
}

/** Recheck dependencies that read the catalog afresh, as the import command builds them. */
function recheckDeps(w: World, store: RecheckDeps['store'] = w.h.reservations): RecheckDeps {
  return { store, catalog: new CachedCatalog(w.h.catalog, w.clock, 0), previous: w.h.catalog, clock: w.clock, retry: noSleepRetry };
}

async function activeOf(w: World, date: CivilDate): Promise<string[]> {
  return (await w.h.reservations.listBookingsOfDay(date))
    .filter(isActive)
    .map((b) => b.userId)
    .sort();
}

async function violations(w: World): Promise<string[]> {
  return (await checkInvariants(w.h.gateway, w.h.tables.reservations, [tightCatalog])).violations;
}

function recheckScenario(harness: HarnessFactory) {
  it('cancels, from the day the tighter rules start, the later bookings that break them, and leaves earlier days alone', async () => {
    const w = await bookedUnderLooseRules(harness);
    await w.h.catalog.replaceSiteCatalog(tightCatalog);
    expect(await violations(w)).not.toEqual([]);

    const result = await recheckBookings(recheckDeps(w), { siteId: 'site-1' });

    // Today through today + 14 (the horizon).
    expect(result.checkedDays).toBe(15);
    expect(result.cancelled.map((c) => [c.booking.date, c.booking.userId, c.refusal.code])).toEqual([
      ['2026-12-07', 'u2', 'TOO_CLOSE'],
      ['2026-12-07', 'u4', 'ZONE_FULL'],
      ['2026-12-08', 'u2', 'TOO_CLOSE'],
      ['2026-12-08', 'u4', 'ZONE_FULL'],
    ]);
    expect(result.cancelled[0]!.refusal.details).toMatchObject({
      distanceM: 1,
      minDistanceM: 1.5,
      nearestDeskId: 'f1-0-0',
    });
    expect(result.cancelled[1]!.refusal.details).toMatchObject({ zoneId: 'f1-z0', capacity: 2, booked: 2 });
    expect(await activeOf(w, '2026-12-03')).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(await activeOf(w, '2026-12-04')).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(await activeOf(w, '2026-12-07')).toEqual(['u1', 'u3', 'u5']);
    expect(await activeOf(w, '2026-12-08')).toEqual(['u1', 'u3', 'u5']);
    expect(await violations(w)).toEqual([]);

    const stored = await w.h.reservations.getBooking(w.booked.get('2026-12-07|u2')!.id);
    expect(stored?.booking).toMatchObject({
      status: 'cancelled-by-admin',
      releaseReason: 'admin',
      releasedBy: 'policy',
    });
    expect(result.cancelled[0]!.booking).toEqual(stored?.booking);

    // Running it again finds nothing more to cancel.
    const again = await recheckBookings(recheckDeps(w), { siteId: 'site-1' });
    expect(again).toEqual({ checkedDays: 15, cancelled: [] });
  });
}

describe("re-checking bookings after a site's rules tightened (in memory)", () => {
  recheckScenario(inMemoryHarness);

  it("frees the desk, the person's day and their quota hold, so they can book elsewhere that day", async () => {
    const w = await bookedUnderLooseRules(inMemoryHarness);
    await w.h.catalog.replaceSiteCatalog(tightCatalog);
    await recheckBookings(recheckDeps(w), { siteId: 'site-1' });
    const cancelled = w.booked.get('2026-12-07|u2')!;
    const week = await w.h.reservations.readWeek('u2', isoWeek('2026-12-07'));
    expect(week.entries.map((e) => e.bookingId)).not.toContain(cancelled.id);
    expect(await w.h.reservations.readPersonDay('2026-12-07', 'u2')).toBeNull();

    const fresh = { ...w.deps, catalog: new CachedCatalog(w.h.catalog, w.clock, 0) };
    const rebooked = await bookDesk(fresh, { actor: anActor('u2'), deskId: 'f1-1-19', date: '2026-12-07' });
    expect(rebooked.ok).toBe(true);
    expect(await violations(w)).toEqual([]);
  });

  it('keeps a checked-in booking, even one that breaks rules tightened from today, and cancels the one it crowds out', async () => {
    const w = await bookedUnderLooseRules(inMemoryHarness, [TODAY]);
    const u2 = w.booked.get(`${TODAY}|u2`)!;
    expect((await checkIn(w.deps, { actor: anActor('u2'), bookingId: u2.id })).ok).toBe(true);
    const fromToday = { ...tightCatalog, policies: [LOOSE, { ...TIGHT, effectiveFrom: TODAY }] };
    await w.h.catalog.replaceSiteCatalog(fromToday);

    const result = await recheckBookings(recheckDeps(w), { siteId: 'site-1', days: 1 });

    // u2 is at the desk: u1 and u3, booked on either side of it 1 m away, give way, though u1 booked earlier.
    expect(result.cancelled.map((c) => [c.booking.userId, c.refusal.code])).toEqual([
      ['u1', 'TOO_CLOSE'],
      ['u3', 'TOO_CLOSE'],
    ]);
    expect(await activeOf(w, TODAY)).toEqual(['u2', 'u4', 'u5']);
    expect((await checkInvariants(w.h.gateway, w.h.tables.reservations, [fromToday])).violations).toEqual([]);
  });

  it('keeps a booking checked in while the re-check was deciding, and decides the day again around it', async () => {
    const w = await bookedUnderLooseRules(inMemoryHarness, [TODAY]);
    const fromToday = { ...tightCatalog, policies: [LOOSE, { ...TIGHT, effectiveFrom: TODAY }] };
    await w.h.catalog.replaceSiteCatalog(fromToday);
    const u2 = w.booked.get(`${TODAY}|u2`)!;
    let raced = false;
    // u2 checks in between the re-check's listing of the day and its cancellation of u2's booking.
    const racing: RecheckDeps['store'] = Object.assign(Object.create(w.h.reservations) as ReservationStore, {
      getBooking: async (id: string) => {
        if (id === u2.id && !raced) {
          raced = true;
          expect((await checkIn(w.deps, { actor: anActor('u2'), bookingId: u2.id })).ok).toBe(true);
        }
        return w.h.reservations.getBooking(id);
      },
    });

    const result = await recheckBookings(recheckDeps(w, racing), { siteId: 'site-1', days: 1 });

    expect(raced).toBe(true);
    expect(result.cancelled.map((c) => c.booking.userId)).toEqual(['u1', 'u3']);
    expect(await activeOf(w, TODAY)).toEqual(['u2', 'u4', 'u5']);
    expect((await w.h.reservations.getBooking(u2.id))?.booking.status).toBe('checked-in');
    expect((await checkInvariants(w.h.gateway, w.h.tables.reservations, [fromToday])).violations).toEqual([]);
  });

  it('decides the day again when a booking next to the zone commits between its read and its write, and keeps that booking', async () => {
    const w = await bookedUnderLooseRules(inMemoryHarness, ['2026-12-07']);
    await w.h.catalog.replaceSiteCatalog(tightCatalog);
    const fresh = { ...w.deps, catalog: new CachedCatalog(w.h.catalog, w.clock, 0) };
    let late: Booking | undefined;
    const outcomes: boolean[] = [];
    const racing: RecheckDeps['store'] = Object.assign(Object.create(w.h.reservations) as ReservationStore, {
      // Someone books f1-1-8 (zone 1, under the new rules) after the re-check read zone 0's ledger. The desk is
      // within D of zone 0, so that booking writes zone 0's ledger too, and the re-check's write must fail.
      commitTransition: async (commit: Parameters<ReservationStore['commitTransition']>[0]) => {
        if (!late) {
          const r = await bookDesk(fresh, { actor: anActor('late'), deskId: 'f1-1-8', date: '2026-12-07' });
          if (!r.ok) throw new Error(`test setup: late could not book: ${r.error.code}`);
          late = r.value;
        }
        const outcome = await w.h.reservations.commitTransition(commit);
        outcomes.push(outcome.committed);
        return outcome;
      },
    });

    const result = await recheckBookings(recheckDeps(w, racing), {
      siteId: 'site-1',
      from: '2026-12-07',
      days: 1,
    });

    expect(outcomes).toEqual([false, true, true]);
    expect(result.cancelled.map((c) => [c.booking.userId, c.refusal.code])).toEqual([
      ['u2', 'TOO_CLOSE'],
      ['u4', 'ZONE_FULL'],
    ]);
    expect(await activeOf(w, '2026-12-07')).toEqual(['late', 'u1', 'u3', 'u5']);
    expect(await violations(w)).toEqual([]);
  });

  it('cancels the bookings a tightened weekly quota no longer allows, latest booked first, and gives their holds back', async () => {
    const w = await bookedUnderLooseRules(inMemoryHarness);
    // From Monday 7 December, one booking a week; nothing else changes.
    const oneAWeek = { ...looseCatalog, policies: [LOOSE, aPolicy({ ...LOOSE.rules, weeklyQuota: 1 }, TIGHT_FROM)] };
    await w.h.catalog.replaceSiteCatalog(oneAWeek);

    const result = await recheckBookings(recheckDeps(w), { siteId: 'site-1' });

    // Everyone booked Monday 7 and Tuesday 8: Tuesday's booking, the later one, goes.
    expect(result.cancelled.map((c) => [c.booking.userId, c.booking.date, c.refusal.code]).sort()).toEqual(
      PEOPLE.map(([userId]) => [userId, '2026-12-08', 'QUOTA_EXCEEDED']),
    );
    expect(await activeOf(w, '2026-12-07')).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(await activeOf(w, '2026-12-08')).toEqual([]);
    // Last week (quota 3 still) is untouched.
    expect(await activeOf(w, '2026-12-04')).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    const report = await checkInvariants(w.h.gateway, w.h.tables.reservations, [oneAWeek], { weeksTable: w.h.tables.weeks });
    expect(report.violations).toEqual([]);
    expect((await recheckBookings(recheckDeps(w), { siteId: 'site-1' })).cancelled).toEqual([]);
  });

  it('never touches days before today, even when asked to start earlier', async () => {
    const w = await bookedUnderLooseRules(inMemoryHarness, [TODAY]);
    const fromLongAgo = { ...tightCatalog, policies: [{ ...TIGHT, effectiveFrom: '2020-01-01' }] };
    await w.h.catalog.replaceSiteCatalog(fromLongAgo);
    w.clock.set('2026-12-04T08:00:00Z');
    const result = await recheckBookings(recheckDeps(w), { siteId: 'site-1', from: '2026-12-01', days: 4 });
    // 1 to 4 December asked; only the 4th is today or later.
    expect(result).toEqual({ checkedDays: 1, cancelled: [] });
    expect(await activeOf(w, TODAY)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
  });

  it('refuses an unknown site and a malformed day or count', async () => {
    const w = await bookedUnderLooseRules(inMemoryHarness, []);
    await expect(recheckBookings(recheckDeps(w), { siteId: 'nowhere' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'siteId',
    });
    await expect(
      recheckBookings(recheckDeps(w), { siteId: 'site-1', from: '2026-02-30' }),
    ).rejects.toMatchObject({ field: 'from' });
    await expect(recheckBookings(recheckDeps(w), { siteId: 'site-1', days: -1 })).rejects.toMatchObject({
      field: 'days',
    });
  });

  it('reports the cancellations already made when storage fails part-way', async () => {
    const w = await bookedUnderLooseRules(inMemoryHarness);
    await w.h.catalog.replaceSiteCatalog(tightCatalog);
    const failing: RecheckDeps['store'] = Object.assign(Object.create(w.h.reservations) as ReservationStore, {
      listBookingsOfDay: async (date: CivilDate) => {
        if (date === '2026-12-08') throw new Error('storage is down');
        return w.h.reservations.listBookingsOfDay(date);
      },
    });
    const error: unknown = await recheckBookings(recheckDeps(w, failing), { siteId: 'site-1' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RecheckIncompleteError);
    const incomplete = error as RecheckIncompleteError;
    expect(incomplete).toMatchObject({
      code: 'RECHECK_INCOMPLETE',
      date: '2026-12-08',
      partial: { checkedDays: 5 },
    });
    expect(incomplete.partial.cancelled.map((c) => c.booking.userId)).toEqual(['u2', 'u4']);
    expect(incomplete.message).toMatch(/stopped on 2026-12-08, after 2 cancellations: storage is down/);
  });
});

describe("re-checking bookings after a site's rules tightened (Azurite)", () => {
  recheckScenario(azuriteHarness);
});

describe('the import command re-checks the bookings of a site it changed', () => {
  async function runCli(w: World, argv: string[], catalog: SiteCatalog, reservations = true) {
    const out: string[] = [];
    const err: string[] = [];
    let waited = 0;
    const code = await runImportCli(argv, {
      openCatalogStore: async () => ({
        store: w.h.catalog,
        ...(reservations && { reservations: w.h.reservations }),
        close: async () => undefined,
      }),
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readFile: async () => JSON.stringify(toSiteDocument(catalog)),
      clock: w.clock,
      beforeRecheck: async () => {
        waited++;
      },
    });
    return { code, out, err, waited };
  }

  it('prints whom it cancelled and a summary, and re-checks nothing when the catalog is unchanged', async () => {
    const w = await bookedUnderLooseRules(inMemoryHarness);
    const first = await runCli(w, ['site.json'], tightCatalog);
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.waited).toBe(1);
    expect(first.out).toContain('site site-1: imported (1 floor, 2 zones, 40 desks, 2 policies)');
    expect(first.out).toContain('site site-1: cancelled 2026-12-07 desk 1.01 of u2: TOO_CLOSE');
    expect(first.out.at(-1)).toBe(
      'site site-1: re-checked 15 days, cancelled 4 bookings (TOO_CLOSE 2, ZONE_FULL 2)',
    );
    expect(await violations(w)).toEqual([]);

    const second = await runCli(w, ['site.json'], tightCatalog);
    expect(second.code).toBe(0);
    expect(second.waited).toBe(0);
    expect(second.out.at(-1)).toBe('site site-1: unchanged');

    const forced = await runCli(w, ['--recheck', 'site.json'], tightCatalog);
    expect(forced.code).toBe(0);
    expect(forced.waited).toBe(0);
    expect(forced.out.at(-1)).toBe('site site-1: re-checked 15 days, cancelled 0 bookings');
  });

  it('exits 1 and says how to finish when the re-check fails after the import', async () => {
    const w = await bookedUnderLooseRules(inMemoryHarness, []);
    const errors: string[] = [];
    const result = await runImportCli(['site.json'], {
      openCatalogStore: async () => ({
        store: w.h.catalog,
        reservations: Object.assign(Object.create(w.h.reservations) as ReservationStore, {
          listBookingsOfDay: async () => {
            throw new Error('storage is down');
          },
        }),
        close: async () => undefined,
      }),
      out: () => undefined,
      err: (l) => errors.push(l),
      readFile: async () => JSON.stringify(toSiteDocument(tightCatalog)),
      clock: w.clock,
    });
    expect(result).toBe(1);
    expect(errors[0]).toMatch(
      /^site site-1: imported, but re-checking its bookings failed: .*storage is down/,
    );
    expect(errors[1]).toContain('npm run import -- --recheck site.json');
  });

  it('leaves bookings alone when the storage it opened has none, as before', async () => {
    const w = await bookedUnderLooseRules(inMemoryHarness);
    const result = await runCli(w, ['site.json'], tightCatalog, false);
    expect(result.code).toBe(0);
    expect(result.waited).toBe(0);
    expect(result.out.at(-1)).toBe('site site-1: imported (1 floor, 2 zones, 40 desks, 2 policies)');
  });
});
