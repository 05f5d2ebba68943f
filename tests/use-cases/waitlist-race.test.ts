import { FloorDay } from '../../src/domain/floor-day';
import { isActive, type Actor } from '../../src/domain/model';
import { effectivePolicy } from '../../src/domain/policy';
import { nextOffer } from '../../src/domain/waitlist';
import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { TableClaimStore } from '../../src/storage/table-claim-store';
import { TableReservationStore } from '../../src/storage/table-reservation-store';
import { TableWaitlistStore } from '../../src/storage/table-waitlist-store';
import { bookDesk } from '../../src/use-cases/book-desk';
import { CachedCatalog } from '../../src/use-cases/catalog-index';
import { cancelBooking } from '../../src/use-cases/change-booking';
import { KeyedMutex } from '../../src/use-cases/keyed-mutex';
import type { Notifier, ProactiveMessage } from '../../src/use-cases/reminders/reminder-ports';
import { joinWaitlist } from '../../src/use-cases/waitlist';
import { acceptOffer, declineOffer, runOfferPass, type OfferDeps } from '../../src/use-cases/waitlist-offers';
import { testConnectionString, uniqueTableName } from '../support/azurite';
import { anActor, fixedClock, gridCatalog, noSleepRetry, sequentialIds } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';
import { azuriteHarness } from '../support/stores';
import { seededRandom } from '../support/seeded-random';

const DAY = '2026-12-08';
const OFFER_MINUTES = 10;
// 12 desks 1 m apart in two zones of 6; D = 1.2 m keeps side-by-side desks apart (diagonals are 1.41 m), and each
// zone holds at most 3: releases free places under all three rules, and bookings race the offers for them.
const catalog = gridCatalog({ zones: 2, cols: 3, rows: 2, pitch: 1, policy: { minDistanceM: 1.2, zoneCapacity: { kind: 'count', value: 3 } } });
const PEOPLE = Array.from({ length: 40 }, (_, i) => `u${String(i).padStart(2, '0')}`);
const actor = (userId: string): Actor => anActor(userId);
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Sent {
  readonly instance: string;
  readonly message: Extract<ProactiveMessage, { kind: 'waitlist-offer' }>;
}

describe('waitlist offers under a race of releases and bookings (two instances, Azurite)', () => {
  it('never offers or gives a desk twice, sends each offer once, and passes on every offer that is not taken', async () => {
    const h = await azuriteHarness();
    await h.catalog.replaceSiteCatalog(catalog);
    const clock = fixedClock('2026-12-07T08:00:00Z');
    const claimsTable = uniqueTableName('claims');
    const sent: Sent[] = [];

    const instance = async (name: string): Promise<OfferDeps> => {
      // Each instance its own gateway, stores, catalog cache, ids and locks, as separate processes over one account.
      const gateway = new AzureTableGateway({ kind: 'connection-string', connectionString: testConnectionString() }, { timeoutMs: 60_000 });
      const claims = new TableClaimStore(gateway, claimsTable);
      await claims.init();
      const notifier: Notifier = {
        send: async (_recipient, message) => {
          if (message.kind === 'waitlist-offer') sent.push({ instance: name, message });
          return { status: 'sent', attempts: 1, ambiguous: false };
        },
      };
      return {
        store: new TableReservationStore(gateway, h.tables),
        catalog: new CachedCatalog(h.catalog, clock, 60_000),
        clock,
        ids: sequentialIds(`${name}x`),
        locks: new KeyedMutex(),
        retry: noSleepRetry,
        waitlist: new TableWaitlistStore(gateway, h.tables.reservations),
        claims,
        conversations: { get: async (userId) => ({ serviceUrl: 'https://smba.example/', userId }) },
        notifier,
        instanceId: name,
        log: silent,
        offers: { offerMinutes: OFFER_MINUTES },
      };
    };
    const a = await instance('a');
    const b = await instance('b');
    const random = seededRandom(17);
    const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(random() * xs.length)];
    const some = () => (random() < 0.5 ? a : b);

    // The floor filled, then people in line: some for any desk, some for a zone, some for a monitor.
    let next = 0;
    for (const d of catalog.desks) {
      const r = await bookDesk(a, { actor: actor(PEOPLE[next]!), deskId: d.id, date: DAY });
      if (r.ok) next++;
    }
    expect(next).toBeGreaterThanOrEqual(4);
    for (const p of PEOPLE.slice(20, 34)) {
      const wish = p.endsWith('1') ? { zoneId: 'f1-z1' } : p.endsWith('2') ? { attributes: ['monitor'] } : {};
      const joined = await joinWaitlist(a, { actor: actor(p), date: DAY, ...wish });
      expect(joined.ok).toBe(true);
    }

    const accepted = new Map<string, string>();
    let bookedByOffer = 0;
    let conflicts = 0;
    const passesBy = new Set<string>();
    const floorDayOf = async (deps: OfferDeps): Promise<FloorDay> => {
      const layout = (await deps.catalog.current()).floor('f1')!.layout;
      const ledgers = await deps.store.readLedgers(DAY, 'f1', layout.zones.map((z) => z.id));
      return FloorDay.fromLedgers(layout, effectivePolicy(catalog.policies, DAY), DAY, ledgers);
    };
    const op = async (): Promise<void> => {
      const x = random();
      const deps = some();
      if (x < 0.3) {
        const live = (await deps.store.listBookingsOfDay(DAY)).filter(isActive);
        const victim = pick(live);
        if (victim) await cancelBooking(deps, { actor: actor(victim.userId), bookingId: victim.id });
      } else if (x < 0.45) {
        // A colleague who sees a free desk on the map and books it: the race the offers must survive.
        const who = actor(pick(PEOPLE)!);
        const floorDay = await floorDayOf(deps);
        const free = catalog.desks.filter((d) => floorDay.verdict(d, who).state === 'free');
        await bookDesk(deps, { actor: who, deskId: (pick(free) ?? pick(catalog.desks)!).id, date: DAY });
      } else if (x < 0.5) {
        await joinWaitlist(deps, { actor: actor(pick(PEOPLE)!), date: DAY });
      } else if (x < 0.75) {
        conflicts += (await runOfferPass(deps)).conflicts;
        passesBy.add(deps.instanceId);
      } else if (x < 0.92) {
        const offer = pick(sent.filter((s) => !accepted.has(s.message.holdId)));
        if (!offer) return;
        accepted.set(offer.message.holdId, offer.message.booking.deskId);
        const r = await acceptOffer(deps, { actor: actor(offer.message.booking.userId), entryId: offer.message.entryId });
        if (r.ok && r.value.deskId === offer.message.booking.deskId) bookedByOffer++;
      } else if (x < 0.96) {
        const offer = pick(sent);
        if (offer) await declineOffer(deps, { actor: actor(offer.message.booking.userId), entryId: offer.message.entryId });
      } else {
        clock.advance(6 * 60_000);
      }
    };

    // 200 operations in four rounds of 50 racing at once; the rows are checked between rounds, when nothing is in flight.
    for (let round = 0; round < 4; round++) {
      await Promise.all(Array.from({ length: 50 }, () => op()));
      const report = await checkInvariants(h.gateway, h.tables.reservations, [catalog]);
      expect(report.violations).toEqual([]);
    }

    // Settle: every open offer runs out and passes on, until no one is left who could be offered a desk.
    for (let i = 0; i < 8; i++) {
      clock.advance((OFFER_MINUTES + 1) * 60_000);
      await Promise.all([runOfferPass(a), runOfferPass(b)]);
    }
    const final = await checkInvariants(h.gateway, h.tables.reservations, [catalog]);
    expect(final.violations).toEqual([]);

    // Each offer's card went out once, by one instance or the other.
    const holdIds = sent.map((s) => s.message.holdId);
    expect(new Set(holdIds).size).toBe(holdIds.length);
    expect(sent.length).toBeGreaterThan(10);
    // Both instances ran passes against each other (which of them places or sends an offer is up to timing).
    expect([...passesBy].sort()).toEqual(['a', 'b']);
    expect(bookedByOffer).toBeGreaterThan(0);
    // The race did race: offers lost conditional writes to bookings or to the other instance, and decided again.
    expect(conflicts).toBeGreaterThan(0);

    // Every offer whose time is up was booked by its person or passed on: no ledger or desk row still holds it.
    const rows = (await h.gateway.queryPartition(h.tables.reservations, `day|${DAY}`)).map((r) => r.entity);
    const now = clock.now().getTime();
    for (const s of sent) {
      const offer = rows.find((r) => r.rowKey.startsWith('wait|') && r['holdId'] === s.message.holdId);
      if (offer && offer['state'] === 'offered' && Date.parse(String(offer['expiresAt'])) > now) continue;
      const stillHeld = rows.some((r) => (r.rowKey.startsWith('desk|') || r.rowKey.startsWith('zone|')) && JSON.stringify(r).includes(s.message.holdId));
      expect({ holdId: s.message.holdId, stillHeld }).toEqual({ holdId: s.message.holdId, stillHeld: false });
      if (offer) expect(['booked', 'expired', 'declined', 'left', 'waiting']).toContain(offer['state']);
    }

    // Nobody in line is left waiting while a desk they asked for is free.
    const day = await a.waitlist.readDay(DAY);
    const floorDay = await floorDayOf(a);
    const booked = new Set((await a.store.listBookingsOfDay(DAY)).filter(isActive).map((x) => x.userId));
    expect(nextOffer({ entries: day.map((v) => v.entry), siteId: catalog.site.id, floorDays: [floorDay], booked })).toBeNull();
  }, 600_000);
});
