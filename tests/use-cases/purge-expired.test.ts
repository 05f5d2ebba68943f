import { TableAuditLog } from '../../src/storage/table-audit-log';
import { TableClaimStore } from '../../src/storage/table-claim-store';
import { TableOccupancyArchive } from '../../src/storage/table-occupancy-archive';
import { TableRetentionStore } from '../../src/storage/table-retention-store';
import { dayPartition } from '../../src/storage/reservation-rows';
import { bookDesk } from '../../src/use-cases/book-desk';
import { checkIn } from '../../src/use-cases/change-booking';
import { occupancyReport } from '../../src/use-cases/occupancy-report';
import { purgeExpired, type RetentionDeps } from '../../src/use-cases/purge-expired';
import { uniqueTableName } from '../support/azurite';
import { anActor, fixedClock, gridCatalog } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';
import { azuriteHarness, bookingDeps, type StoreHarness } from '../support/stores';

const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 4 }, weeklyQuota: 5, bookableWeekdays: [1, 2, 3, 4, 5, 6, 7] } });
// Tuesday 1 September 2026 and the day after, booked at 09:00 in Brussels (CEST).
const X = '2026-09-01';
const Y = '2026-09-02';
const ALL_TIME = { from: '2026-01-01T00:00:00Z', to: '2028-01-01T00:00:00Z' };

describe('the retention pass: bookings and claims older than R days go, once a day per site, across instances', () => {
  let h: StoreHarness;
  const clock = fixedClock(`${X}T07:00:00Z`);
  let instances: RetentionDeps[];
  let audit: TableAuditLog;
  let claims: TableClaimStore;
  let archive: TableOccupancyArchive;
  let deps: Awaited<ReturnType<typeof bookingDeps>>;

  beforeAll(async () => {
    h = await azuriteHarness();
    deps = await bookingDeps(h, [catalog], clock);
    const claimsTable = uniqueTableName('claims');
    claims = new TableClaimStore(h.gateway, claimsTable);
    await claims.init();
    archive = new TableOccupancyArchive(h.gateway, uniqueTableName('occ'));
    await archive.init();
    audit = new TableAuditLog(h.gateway, uniqueTableName('audit'));
    const retention = new TableRetentionStore(h.gateway, { reservations: h.tables.reservations, weeks: h.tables.weeks, claims: claimsTable });
    instances = ['instance-a', 'instance-b'].map((instanceId) => ({ ...deps, claims, archive, retention, audit, instanceId, settings: { retentionDays: 90 } }));

    const alice = await bookDesk(deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: X });
    if (!alice.ok) throw new Error(JSON.stringify(alice.error));
    expect((await checkIn(deps, { actor: anActor('alice'), bookingId: alice.value.id })).ok).toBe(true);
    expect((await bookDesk(deps, { actor: anActor('bob'), deskId: 'f1-0-6', date: X })).ok).toBe(true);
    expect((await bookDesk(deps, { actor: anActor('carol'), deskId: 'f1-1-0', date: Y })).ok).toBe(true);
    const claim = await claims.acquire({ date: X, bookingId: alice.value.id, kind: 'reminder', siteId: 'site-1', userId: 'alice', owner: 'someone', now: clock.now(), leaseMs: 60_000 });
    expect(claim.acquired).toBe(true);
  });

  const passesNow = async (iso: string) => {
    clock.set(iso);
    // Both instances tick at the same moment.
    const [a, b] = await Promise.all(instances.map((i) => purgeExpired(i)));
    return [...a!, ...b!];
  };
  const rowsOfDay = async (date: string) => (await h.gateway.queryPartition(h.tables.reservations, dayPartition(date))).length;
  const purgeEntries = async () => (await audit.list(ALL_TIME)).filter((e) => e.action === 'retention.purge');
  const weekRows = async () => (await h.gateway.queryTable(h.tables.weeks)).map((r) => `${String(r.entity['userId'])} ${r.entity.rowKey}`).sort();

  it('keeps a day of exactly R days ago, purges it the next site-local day after 02:00, once, and keeps its figures', async () => {
    const figuresBefore = (await occupancyReport({ store: h.reservations, catalog: deps.catalog }, { siteId: 'site-1', from: X, to: X }))!.rows;
    expect(figuresBefore.map((r) => [r.zoneId, r.booked, r.checkedIn, r.held])).toEqual([['f1-z0', 2, 1, 2], ['f1-z1', 0, 0, 0]]);

    // Monday 30 November, 04:00 in Brussels: 1 September is exactly 90 days ago, and stays.
    const first = await passesNow('2026-11-30T03:00:00Z');
    expect(first.map((r) => [r.siteId, r.date, r.before, r.bookings])).toEqual([['site-1', '2026-11-30', X, 0]]);
    expect(await rowsOfDay(X)).toBeGreaterThan(0);
    expect((await h.reservations.listBookingsOfDay(X)).length).toBe(2);

    // Tuesday 1 December, 01:30 in Brussels (00:30 UTC): a new day there, but before the pass's hour.
    expect(await passesNow('2026-12-01T00:30:00Z')).toEqual([]);
    expect((await h.reservations.listBookingsOfDay(X)).length).toBe(2);

    // 02:30 in Brussels: 1 September is now 91 days ago. One instance purges it, the other finds the pass taken.
    const second = await passesNow('2026-12-01T01:30:00Z');
    expect(second.map((r) => [r.date, r.before, r.bookings, r.claims, r.archivedDays])).toEqual([['2026-12-01', Y, 2, 1, 1]]);
    expect(await rowsOfDay(X)).toBe(0);
    expect((await claims.listDay(X)).length).toBe(0);
    expect((await h.reservations.listBookingsOfDay(Y)).map((b) => b.userId)).toEqual(['carol']);
    // Later ticks of the same day do nothing, on either instance.
    expect(await passesNow('2026-12-01T05:00:00Z')).toEqual([]);

    const entries = await purgeEntries();
    expect(entries.map((e) => [e.siteId, e.actor, e.count, e.params?.['before']]).sort()).toEqual([['site-1', 'system', 0, X], ['site-1', 'system', 2, Y]]);

    // The report of 1 September reads the same figures from the archive, and names nobody.
    const after = await occupancyReport({ store: h.reservations, catalog: deps.catalog, archive }, { siteId: 'site-1', from: X, to: X });
    expect(after!.archivedDays).toEqual([X]);
    expect(after!.rows).toEqual(figuresBefore);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [catalog])).violations).toEqual([]);
  });

  it('drops person-week rows once their week ended before the cut-off', async () => {
    expect(await weekRows()).toEqual(['alice 2026-W36', 'bob 2026-W36', 'carol 2026-W36']);
    // Monday 7 December: the cut-off is 8 September, and week 36 ended on Sunday 6 September.
    const third = await passesNow('2026-12-08T03:00:00Z');
    expect(third.map((r) => [r.date, r.bookings, r.weeks])).toEqual([['2026-12-08', 1, 3]]);
    expect(await weekRows()).toEqual([]);
    expect(await rowsOfDay(Y)).toBe(0);
  });
});

describe('the retention pass after a long outage: days older than the look-back are purged too', () => {
  it('purges and archives a day a month beyond the 14-day look-back, with its claims, on the first pass back', async () => {
    const h = await azuriteHarness();
    // Monday 3 August 2026, 09:00 in Brussels: Alice books that day and a reminder is claimed.
    const clock = fixedClock('2026-08-03T07:00:00Z');
    const deps = await bookingDeps(h, [catalog], clock);
    const claimsTable = uniqueTableName('claims');
    const claims = new TableClaimStore(h.gateway, claimsTable);
    await claims.init();
    const archive = new TableOccupancyArchive(h.gateway, uniqueTableName('occ'));
    await archive.init();
    const audit = new TableAuditLog(h.gateway, uniqueTableName('audit'));
    const retention = new TableRetentionStore(h.gateway, { reservations: h.tables.reservations, weeks: h.tables.weeks, claims: claimsTable });
    const OLD = '2026-08-03';
    const alice = await bookDesk(deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: OLD });
    if (!alice.ok) throw new Error(JSON.stringify(alice.error));
    expect((await claims.acquire({ date: OLD, bookingId: alice.value.id, kind: 'reminder', siteId: 'site-1', userId: 'alice', owner: 'someone', now: clock.now(), leaseMs: 60_000 })).acquired).toBe(true);

    // Every instance was down until Tuesday 1 December, 02:30 in Brussels: the cut-off is 2 September, and the
    // look-back reaches 19 August only. 3 August is 30 days beyond it.
    clock.set('2026-12-01T01:30:00Z');
    const [report] = await purgeExpired({ ...deps, claims, archive, retention, audit, instanceId: 'back', settings: { retentionDays: 90 } });
    expect([report!.before, report!.bookings, report!.claims, report!.archivedDays]).toEqual(['2026-09-02', 1, 1, 1]);
    expect((await h.gateway.queryPartition(h.tables.reservations, dayPartition(OLD))).length).toBe(0);
    expect((await claims.listDay(OLD)).length).toBe(0);
    expect(await retention.daysLeftBefore('2026-09-02')).toEqual([]);
    const figures = await occupancyReport({ store: h.reservations, catalog: deps.catalog, archive }, { siteId: 'site-1', from: OLD, to: OLD });
    expect(figures!.archivedDays).toEqual([OLD]);
    expect(figures!.rows.find((r) => r.zoneId === 'f1-z0')).toMatchObject({ booked: 1 });
  });
});
