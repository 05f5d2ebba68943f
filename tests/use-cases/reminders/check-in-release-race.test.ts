import type { Booking } from '../../../src/domain/model';
import { bookDesk, type BookingDeps } from '../../../src/use-cases/book-desk';
import { checkIn, releaseNoShow } from '../../../src/use-cases/change-booking';
import type { SiteCatalog } from '../../../src/use-cases/ports';
import { releaseNoShows } from '../../../src/use-cases/reminders/release-no-shows';
import { momentsOf } from '../../../src/use-cases/reminders/reminder-schedule';
import type { Notifier, ProactiveMessage } from '../../../src/use-cases/reminders/reminder-ports';
import { TableClaimStore } from '../../../src/storage/table-claim-store';
import { uniqueTableName } from '../../support/azurite';
import { anActor, fixedClock, gridCatalog } from '../../support/builders';
import { checkInvariants } from '../../support/invariant-checker';
import {
  azuriteHarness,
  bookingDeps,
  inMemoryHarness,
  type HarnessFactory,
  type StoreHarness,
} from '../../support/stores';
import { CapturingLog } from './support/reminder-world';
import { seededRandom } from '../../support/seeded-random';

const DAY = '2026-10-25';
const N = 1000;
// The deadline is 10:00 in Brussels, 09:00Z on this day. A check-in decided a millisecond before it races a
// release decided at it: both pass the rules, and only the store can pick one.
const JUST_BEFORE = '2026-10-25T08:59:59.999Z';
const AT_DEADLINE = '2026-10-25T09:00:00.000Z';

/** 1,000 desks on 10 floors of one zone each, 2 m apart, so that a thousand people can each hold one. */
function thousandDesks(): SiteCatalog {
  const floors = Array.from({ length: 10 }, (_, f) =>
    gridCatalog({
      floorId: `f${f}`,
      zones: 1,
      cols: 10,
      rows: 10,
      pitch: 2,
      policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 1_000 } },
    }),
  );
  return {
    site: floors[0]!.site,
    floors: floors.flatMap((c) => c.floors),
    zones: floors.flatMap((c) => c.zones),
    desks: floors.flatMap((c) => c.desks),
    policies: floors[0]!.policies,
  };
}
const catalog = thousandDesks();

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)))));
  return out;
}

async function bookThousand(
  factory: HarnessFactory,
): Promise<{ h: StoreHarness; deps: BookingDeps; bookings: Booking[] }> {
  const h = await factory();
  const deps = await bookingDeps(h, [catalog], fixedClock('2026-10-24T12:00:00Z'));
  // Desks taken floor by floor in turn, so that a batch spreads over all ten zone ledgers.
  const desks = Array.from({ length: N }, (_, i) => catalog.desks[(i % 10) * 100 + Math.floor(i / 10)]!.id);
  const bookings = await inBatches(desks, 20, async (deskId, i) => {
    const r = await bookDesk(deps, { actor: anActor(`u${i}`), deskId, date: DAY });
    if (!r.ok) throw new Error(`setup: ${deskId} refused with ${r.error.code}`);
    return r.value;
  });
  return { h, deps, bookings };
}

describe('a check-in racing the no-show release: exactly one winner, never a corrupted booking', () => {
  it('1,000 races of checkIn against releaseNoShow (in memory): one of each pair wins, the loser is refused NOT_ACTIVE', async () => {
    const { h, deps, bookings } = await bookThousand(inMemoryHarness);
    const early: BookingDeps = { ...deps, clock: fixedClock(JUST_BEFORE) };
    const late: BookingDeps = { ...deps, clock: fixedClock(AT_DEADLINE) };
    const random = seededRandom(7);
    const order = bookings.map(() => random() < 0.5);

    const results = await inBatches(bookings, 40, async (b, i) => {
      const attempts = [
        () => checkIn(early, { actor: anActor(b.userId), bookingId: b.id }),
        () => releaseNoShow(late, b.id),
      ];
      if (order[i]) attempts.reverse();
      const settled = await Promise.all(attempts.map((run) => run()));
      const [checked, released] = order[i] ? [settled[1]!, settled[0]!] : [settled[0]!, settled[1]!];
      return { b, checked, released };
    });

    let checkInWins = 0;
    for (const { b, checked, released } of results) {
      expect(Number(checked.ok) + Number(released.ok)).toBe(1);
      const loser = checked.ok ? released : checked;
      expect(!loser.ok && loser.error.code).toBe('NOT_ACTIVE');
      const stored = (await deps.store.getBooking(b.id))!.booking;
      expect(stored.status).toBe(checked.ok ? 'checked-in' : 'released');
      if (checked.ok) checkInWins++;
    }
    // Both sides won some of the races.
    expect(checkInWins).toBeGreaterThan(0);
    expect(checkInWins).toBeLessThan(N);
    const report = await checkInvariants(h.gateway, h.tables.reservations, [catalog]);
    expect(report.violations).toEqual([]);
    expect(report.activeBookings).toBe(checkInWins);
  });

  it('1,000 check-ins racing the release pass over Azurite: each booking is checked in or released and told, never both', async () => {
    const { h, deps, bookings } = await bookThousand(azuriteHarness);
    const claims = new TableClaimStore(h.gateway, uniqueTableName('claims'));
    await claims.init();
    const told: ProactiveMessage[] = [];
    const notifier: Notifier = {
      send: async (_recipient, message) => {
        told.push(message);
        return { status: 'sent', attempts: 1, ambiguous: false };
      },
    };
    const log = new CapturingLog();
    const releaseDeps = {
      ...deps,
      clock: fixedClock(AT_DEADLINE),
      claims,
      conversations: {
        get: async (userId: string) => ({
          serviceUrl: 'https://smba.trafficmanager.net/emea/',
          conversation: { id: `a:${userId}` },
        }),
      },
      notifier,
      instanceId: 'releaser',
      log,
      settings: { concurrency: 16 },
    };
    const early: BookingDeps = { ...deps, clock: fixedClock(JUST_BEFORE) };

    const pass = releaseNoShows(releaseDeps, momentsOf(catalog, DAY), { notify: true });
    const checkIns = inBatches(bookings, 16, (b) =>
      checkIn(early, { actor: anActor(b.userId), bookingId: b.id }),
    );
    const [report, checked] = await Promise.all([pass, checkIns]);

    const stored = new Map((await deps.store.listBookingsOfDay(DAY)).map((b) => [b.id, b]));
    let wins = 0;
    bookings.forEach((b, i) => {
      const s = stored.get(b.id)!;
      const c = checked[i]!;
      if (c.ok) {
        wins++;
        expect(s.status).toBe('checked-in');
      } else {
        expect(c.error.code).toBe('NOT_ACTIVE');
        expect(`${s.status}/${s.releaseReason}`).toBe('released/no-show');
      }
    });
    expect(report.errors).toBe(0);
    expect(report.released).toBe(N - wins);
    // Everyone released was told once; nobody who checked in was.
    expect(told).toHaveLength(N - wins);
    expect(new Set(told.map((m) => m.booking.id)).size).toBe(N - wins);
    expect(told.every((m) => stored.get(m.booking.id)!.status === 'released')).toBe(true);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [catalog])).violations).toEqual([]);
    // About 12,000 storage requests against one Azurite: slow on a loaded machine, so it gets its own budget. It took
    // 210 s in a full run at a load average of about 3, so 240 s left too little room.
  }, 420_000);
});
