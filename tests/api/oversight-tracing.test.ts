import { releaseNoShow } from '../../src/use-cases/change-booking';
import { fixedClock, gridCatalog } from '../support/builders';
import { azuriteHarness, bookingDeps, type StoreHarness } from '../support/stores';
import { parseCsv, startOversightServer, type OversightServer } from './oversight-harness';

// Tuesday 1 December 2026, 09:00 in Brussels. D = 1 m, so neighbours 1 m apart may both book.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1, zoneCapacity: { kind: 'count', value: 10 } } });
const ALL_TIME = { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };

describe('POST /api/tracing: who sat within a radius of a person, tracer only, every run audited', () => {
  let h: StoreHarness;
  let api: OversightServer;
  beforeAll(async () => {
    h = await azuriteHarness();
    api = await startOversightServer(h, [catalog], NOW);
    const book = async (user: string, deskId: string, date: string) => {
      const r = await api.call('POST', '/api/bookings', { user, body: { deskId, date } });
      expect([user, r.status]).toEqual([user, 201]);
      return r.body.id as string;
    };
    // Desk f1-<zone>-<n> sits at x = zone * 4 + n % 4 + 0.5, y = floor(n / 4) + 0.5.
    const alice = await book('alice', 'f1-0-5', '2026-12-01');
    expect((await api.call('POST', `/api/bookings/${alice}/check-in`, { user: 'alice' })).status).toBe(200);
    await book('bob', 'f1-0-6', '2026-12-01'); // 1 m, still booked
    const carol = await book('carol', 'f1-0-9', '2026-12-01'); // 1 m, cancelled before use
    expect((await api.call('DELETE', `/api/bookings/${carol}`, { user: 'carol' })).status).toBe(204);
    const frank = await book('frank', 'f1-0-1', '2026-12-01'); // 1 m, a no-show
    await book('erin', 'f1-0-7', '2026-12-01'); // 2 m
    await book('dave', 'f1-1-4', '2026-12-01'); // 3 m, in the other zone
    await book('alice', 'f1-0-0', '2026-12-02');
    await book('gina', 'f1-0-1', '2026-12-02'); // 1 m
    await book('hugo', 'f1-1-3', '2026-12-02'); // 7.6 m
    const late = await bookingDeps(h, [catalog], fixedClock('2026-12-01T09:30:00Z'));
    expect((await releaseNoShow(late, frank)).ok).toBe(true);
  });
  afterAll(() => api.close());

  const trace = (body: Record<string, unknown>, roles = 'tracer', headers: Record<string, string> = {}) =>
    api.call('POST', '/api/tracing', { user: 'tess', roles, body, headers });
  const runs = async () => (await api.audit.list(ALL_TIME)).filter((e) => e.action === 'tracing.run');

  it('finds, within D by default, those who were there on the same day and floor, with desk and distance', async () => {
    const before = (await runs()).length;
    const r = await trace({ userId: 'alice', from: '2026-12-01', to: '2026-12-02', reason: 'Positive test reported on 3 December' });
    expect(r.status).toBe(200);
    expect(r.body.contacts.map((c: Record<string, unknown>) => [c['userId'], c['date'], c['deskId'], c['distanceM']])).toEqual([
      ['bob', '2026-12-01', 'f1-0-6', 1],
      ['gina', '2026-12-02', 'f1-0-1', 1],
    ]);
    expect(r.body.contacts[0]).toMatchObject({ floorId: 'f1', floorName: 'Floor 1' });
    const entries = await runs();
    expect(entries.length).toBe(before + 1);
    // Entries of one instant (the clock is fixed) come in no set order: find this run's by its reason.
    expect(entries.filter((e) => e.params?.['reason'] === 'Positive test reported on 3 December')).toHaveLength(1);
    expect(entries.find((e) => e.params?.['reason'] === 'Positive test reported on 3 December')).toMatchObject({ actor: 'tess', action: 'tracing.run', subject: 'alice', count: 2, params: { reason: 'Positive test reported on 3 December', from: '2026-12-01', to: '2026-12-02', format: 'json' } });
  });

  it('reaches across zone borders with a wider radius, leaving out no-shows and cancelled bookings', async () => {
    const r = await trace({ userId: 'alice', from: '2026-12-01', to: '2026-12-01', radiusM: 3, reason: 'Wider check' });
    expect(r.body.contacts.map((c: Record<string, unknown>) => [c['userId'], c['deskId'], c['distanceM']])).toEqual([
      ['bob', 'f1-0-6', 1],
      ['erin', 'f1-0-7', 2],
      ['dave', 'f1-1-4', 3],
    ]);
  });

  it('downloads the result as CSV, and audits that run too', async () => {
    const before = (await runs()).length;
    const r = await trace({ userId: 'alice', from: '2026-12-01', to: '2026-12-02', reason: 'For the health service' }, 'tracer', { accept: 'text/csv' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="tracing-2026-12-01-2026-12-02.csv"');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(parseCsv(r.text).map((c) => [c['userId'], c['date'], c['deskId'], c['distanceM']])).toEqual([
      ['bob', '2026-12-01', 'f1-0-6', 1],
      ['gina', '2026-12-02', 'f1-0-1', 1],
    ]);
    expect(parseCsv(r.text)[0]).toMatchObject({ floorId: 'f1', floorName: 'Floor 1' });
    const entries = await runs();
    expect(entries.length).toBe(before + 1);
    expect(entries.find((e) => e.params?.['reason'] === 'For the health service')).toMatchObject({ subject: 'alice', count: 2, params: { format: 'csv', reason: 'For the health service' } });
  });

  it('refuses every other role with 403, and leaves no audit entry for them', async () => {
    const before = (await runs()).length;
    for (const roles of ['', 'admin', 'reports', 'admin,reports']) {
      const r = await api.call('POST', '/api/tracing', { user: 'ada', ...(roles && { roles }), body: { userId: 'alice', from: '2026-12-01', to: '2026-12-01', reason: 'curious' } });
      expect([roles, r.status, r.body.code]).toEqual([roles, 403, 'NOT_ALLOWED']);
    }
    expect((await api.call('POST', '/api/tracing', { user: null, body: {} })).status).toBe(401);
    expect((await runs()).length).toBe(before);
  });

  it.each([
    ['no reason', { userId: 'alice', from: '2026-12-01', to: '2026-12-01' }, 'reason'],
    ['a blank reason', { userId: 'alice', from: '2026-12-01', to: '2026-12-01', reason: '   ' }, 'reason'],
    ['a period of 32 days', { userId: 'alice', from: '2026-11-01', to: '2026-12-02', reason: 'x' }, 'to'],
    ['a radius of 0', { userId: 'alice', from: '2026-12-01', to: '2026-12-01', radiusM: 0, reason: 'x' }, 'radiusM'],
  ])('answers 400 naming the field for %s, without running', async (_what, body, field) => {
    const before = (await runs()).length;
    const r = await trace(body);
    expect([r.status, r.body.code, r.body.field]).toEqual([400, 'INVALID_INPUT', field]);
    expect((await runs()).length).toBe(before);
  });
});
