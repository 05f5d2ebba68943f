import { TableOccupancyArchive } from '../../src/storage/table-occupancy-archive';
import { releaseNoShow } from '../../src/use-cases/change-booking';
import { uniqueTableName } from '../support/azurite';
import { fixedClock, gridCatalog } from '../support/builders';
import { azuriteHarness, bookingDeps, type StoreHarness } from '../support/stores';
import { parseCsv, startOversightServer, type OversightServer } from './oversight-harness';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 4 } } });
const REPORT = '/api/reports/occupancy?siteId=site-1&from=2026-12-01&to=2026-12-02';

describe('GET /api/reports/occupancy: figures per day and zone, for admins and reporters, never a person', () => {
  let h: StoreHarness;
  let api: OversightServer;
  beforeAll(async () => {
    h = await azuriteHarness();
    api = await startOversightServer(h, [catalog], NOW);
    const book = async (user: string, deskId: string, date: string) => {
      const r = await api.call('POST', '/api/bookings', { user, body: { deskId, date } });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    const alice = await book('alice', 'f1-0-0', '2026-12-01');
    expect((await api.call('POST', `/api/bookings/${alice}/check-in`, { user: 'alice' })).status).toBe(200);
    const bob = await book('bob', 'f1-0-2', '2026-12-01');
    const carol = await book('carol', 'f1-1-0', '2026-12-01');
    expect((await api.call('DELETE', `/api/bookings/${carol}`, { user: 'carol' })).status).toBe(204);
    await book('dave', 'f1-1-2', '2026-12-01');
    await book('erin', 'f1-0-5', '2026-12-02');
    // Bob never checks in: at 10:30 his desk is released as a no-show, as the scheduler would.
    const late = await bookingDeps(h, [catalog], fixedClock('2026-12-01T09:30:00Z'));
    expect((await releaseNoShow(late, bob)).ok).toBe(true);
  });
  afterAll(() => api.close());

  it('counts booked, checked in, no-shows and cancellations per day and zone, with every zone listed', async () => {
    const r = await api.call('GET', REPORT, { user: 'rita', roles: 'reports' });
    expect(r.status).toBe(200);
    const pick = (row: Record<string, unknown>) => ({ date: row['date'], floorId: row['floorId'], zoneId: row['zoneId'], booked: row['booked'], checkedIn: row['checkedIn'], noShow: row['noShow'], cancelled: row['cancelled'], capacity: row['capacity'], held: row['held'] });
    expect(r.body.rows.map(pick)).toEqual([
      { date: '2026-12-01', floorId: 'f1', zoneId: 'f1-z0', booked: 2, checkedIn: 1, noShow: 1, cancelled: 0, capacity: 4, held: 2 },
      { date: '2026-12-01', floorId: 'f1', zoneId: 'f1-z1', booked: 2, checkedIn: 0, noShow: 0, cancelled: 1, capacity: 4, held: 1 },
      { date: '2026-12-02', floorId: 'f1', zoneId: 'f1-z0', booked: 1, checkedIn: 0, noShow: 0, cancelled: 0, capacity: 4, held: 1 },
      { date: '2026-12-02', floorId: 'f1', zoneId: 'f1-z1', booked: 0, checkedIn: 0, noShow: 0, cancelled: 0, capacity: 4, held: 0 },
    ]);
    // An 8 × 5 grid at 1 m with D = 1.5 m: every other desk in both directions, 4 × 3.
    expect(r.body.floors[0]).toMatchObject({ date: '2026-12-01', floorId: 'f1', held: 3, capacity: 8, safeMaxHeadcount: 12, safeMaxMethod: 'exact' });
    expect(r.body.peak).toEqual({ date: '2026-12-01', held: 3, capacity: 8, safeMaxHeadcount: 12 });
    expect(r.body.weeks).toContainEqual(expect.objectContaining({ week: '2026-W49', zoneId: 'f1-z0', days: 2, booked: 3, noShow: 1, peakHeld: 2, peakDate: '2026-12-01', capacity: 4 }));
    for (const who of ['alice', 'bob', 'carol', 'dave', 'erin']) expect(r.text).not.toContain(who);
  });

  it('gives exactly the same figures as CSV', async () => {
    const json = (await api.call('GET', REPORT, { user: 'ada', roles: 'admin' })).body;
    const csv = await api.call('GET', REPORT, { user: 'ada', roles: 'admin', headers: { accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const columns = ['date', 'floorId', 'zoneId', 'booked', 'checkedIn', 'noShow', 'cancelled', 'capacity', 'releasedEarly', 'held', 'floorName', 'zoneName'];
    expect(csv.text.split('\r\n')[0]).toBe(columns.join(','));
    expect(parseCsv(csv.text)).toEqual(json.rows.map((row: Record<string, unknown>) => Object.fromEntries(columns.map((c) => [c, row[c]]))));
    for (const who of ['alice', 'bob', 'carol', 'dave', 'erin']) expect(csv.text).not.toContain(who);
  });

  it('narrows to one floor and rolls up per week, as JSON and as the same CSV, with names beside ids', async () => {
    const path = `${REPORT}&floorId=f1&per=week`;
    const json = (await api.call('GET', path, { user: 'rita', roles: 'reports' })).body;
    expect(json.rows.every((r: { floorId: string }) => r.floorId === 'f1')).toBe(true);
    expect(json.rows[0]).toMatchObject({ floorName: expect.any(String), zoneName: expect.any(String) });
    const csv = await api.call('GET', path, { user: 'rita', roles: 'reports', headers: { accept: 'text/csv' } });
    const columns = ['week', 'floorId', 'zoneId', 'days', 'booked', 'checkedIn', 'noShow', 'cancelled', 'releasedEarly', 'peakHeld', 'peakDate', 'capacity', 'floorName', 'zoneName'];
    expect(csv.text.split('\r\n')[0]).toBe(columns.join(','));
    expect(parseCsv(csv.text)).toEqual(json.weeks.map((w: Record<string, unknown>) => Object.fromEntries(columns.map((c) => [c, w[c]]))));
    expect(parseCsv(csv.text).map((w) => [w['zoneId'], w['booked']])).toEqual([['f1-z0', 3], ['f1-z1', 2]]);
    expect((await api.call('GET', `${REPORT}&floorId=nowhere`, { user: 'rita', roles: 'reports' })).status).toBe(404);
    expect((await api.call('GET', `${REPORT}&per=month`, { user: 'rita', roles: 'reports' })).body.field).toBe('per');
  });

  it('lets in admins and reporters only', async () => {
    expect((await api.call('GET', REPORT, { user: null })).status).toBe(401);
    for (const roles of [undefined, 'tracer']) {
      const r = await api.call('GET', REPORT, { user: 'tom', ...(roles && { roles }), headers: { 'accept-language': 'fr' } });
      expect([roles, r.status, r.body.code]).toEqual([roles, 403, 'NOT_ALLOWED']);
      expect(r.body.message).toMatch(/rôle/);
    }
    expect((await api.call('GET', REPORT, { user: 'ada', roles: 'admin' })).status).toBe(200);
  });

  it.each([
    ['a period over 366 days', '/api/reports/occupancy?siteId=site-1&from=2026-01-01&to=2027-01-02', 'to'],
    ['to before from', '/api/reports/occupancy?siteId=site-1&from=2026-12-02&to=2026-12-01', 'to'],
    ['no site', '/api/reports/occupancy?from=2026-12-01&to=2026-12-02', 'siteId'],
    ['a date that does not exist', '/api/reports/occupancy?siteId=site-1&from=2026-02-30&to=2026-12-02', 'from'],
  ])('answers 400 naming the field for %s', async (_what, path, field) => {
    const r = await api.call('GET', path, { user: 'rita', roles: 'reports' });
    expect([r.status, r.body.code, r.body.field]).toEqual([400, 'INVALID_INPUT', field]);
  });

  it('accepts a period of exactly 366 days, and answers 404 for an unknown site', async () => {
    expect((await api.call('GET', '/api/reports/occupancy?siteId=site-1&from=2026-01-01&to=2027-01-01', { user: 'rita', roles: 'reports' })).status).toBe(200);
    expect((await api.call('GET', '/api/reports/occupancy?siteId=nowhere&from=2026-12-01&to=2026-12-02', { user: 'rita', roles: 'reports' })).status).toBe(404);
  });
});

describe('GET /api/reports/occupancy over settled days: archived on the first report, read back after', () => {
  it('answers the same figures from the archive once the days have settled', async () => {
    const h = await azuriteHarness();
    const archive = new TableOccupancyArchive(h.gateway, uniqueTableName('occ'));
    await archive.init();
    const api = await startOversightServer(h, [catalog], NOW, () => ({ archive }));
    try {
      expect((await api.call('POST', '/api/bookings', { user: 'alice', body: { deskId: 'f1-0-0', date: '2026-12-01' } })).status).toBe(201);
      const live = await api.call('GET', '/api/reports/occupancy?siteId=site-1&from=2026-12-01&to=2026-12-01', { user: 'rita', roles: 'reports' });
      expect(live.body.archivedDays).toEqual([]);
      // Ten days on, 1 December has settled: the first report archives it, the second reads the archive.
      api.clock.set('2026-12-11T08:00:00Z');
      const first = await api.call('GET', '/api/reports/occupancy?siteId=site-1&from=2026-12-01&to=2026-12-01', { user: 'rita', roles: 'reports' });
      expect(first.body.archivedDays).toEqual([]);
      const second = await api.call('GET', '/api/reports/occupancy?siteId=site-1&from=2026-12-01&to=2026-12-01', { user: 'rita', roles: 'reports' });
      expect(second.body.archivedDays).toEqual(['2026-12-01']);
      expect(second.body.rows).toEqual(live.body.rows);
      expect(second.body.rows[0]).toMatchObject({ zoneId: 'f1-z0', booked: 1, held: 1 });
    } finally {
      await api.close();
    }
  });
});
