import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { startAdminServer, type AdminServer, type CallOptions } from './admin-harness';

const NOW = '2026-12-01T08:00:00Z';
const policy = { siteId: 'site-1', effectiveFrom: '2026-12-01', policy: { minDistanceM: 3 } };

/** Every admin endpoint, each with a body that an admin's call would act on. */
const ENDPOINTS: readonly { method: string; path: string; body?: unknown }[] = [
  { method: 'GET', path: '/api/admin/sites/site-1/export' },
  { method: 'POST', path: '/api/admin/sites/site-1/publish', body: { site: { site: { id: 'site-1', name: 'Changed', timeZone: 'Europe/Brussels' }, floors: [], policies: [] } } },
  { method: 'POST', path: '/api/admin/policies/preview', body: policy },
  { method: 'POST', path: '/api/admin/policies', body: policy },
  { method: 'GET', path: '/api/admin/audit' },
  { method: 'GET', path: '/api/admin/audit?from=2026-11-01&to=2026-11-30' },
  { method: 'PUT', path: '/api/admin/floors/f1/plan-image', body: { not: 'an image' } },
  { method: 'PUT', path: '/api/admin/floors/f1/plan-image/calibration', body: { version: 'v-1', a: [0, 0], b: [10, 0], distanceM: 1 } },
  { method: 'GET', path: '/api/admin/sites/site-1/privacy' },
  { method: 'PUT', path: '/api/admin/sites/site-1/privacy', body: { colleaguesSeeNames: true } },
  { method: 'DELETE', path: '/api/admin/people/someone' },
  { method: 'GET', path: '/api/admin/floors/f1/headcount-plan' },
  { method: 'POST', path: '/api/admin/floors/f1/headcount-plan/publish', body: { revision: 99, deskIds: [] } },
  { method: 'GET', path: '/api/admin/sites/site-1/desk-codes' },
];

const CALLERS: readonly { who: string; opts: CallOptions; status: number; code: string }[] = [
  { who: 'nobody signed in', opts: { user: null }, status: 401, code: 'UNAUTHENTICATED' },
  { who: 'a person with no role', opts: { user: 'alice' }, status: 403, code: 'NOT_ALLOWED' },
  { who: 'a reports holder', opts: { user: 'rita', roles: 'reports' }, status: 403, code: 'NOT_ALLOWED' },
  { who: 'a tracer', opts: { user: 'tom', roles: 'tracer' }, status: 403, code: 'NOT_ALLOWED' },
  { who: 'a tracer with reports', opts: { user: 'tina', roles: 'tracer,reports' }, status: 403, code: 'NOT_ALLOWED' },
];

describe('every admin endpoint is for admins only', () => {
  let h: StoreHarness;
  let api: AdminServer;
  beforeAll(async () => {
    h = await azuriteHarness();
    api = await startAdminServer(h, [gridCatalog()], NOW);
  });
  afterAll(() => api.close());

  const cases = ENDPOINTS.flatMap((e) => CALLERS.map((c) => [`${e.method} ${e.path}`, c.who, e, c] as const));
  it.each(cases)('%s refuses %s', async (_name, _who, endpoint, caller) => {
    const r = await api.call(endpoint.method, endpoint.path, { ...caller.opts, locale: 'nl-BE', ...(endpoint.body !== undefined && { body: endpoint.body }) });
    expect([r.status, r.body?.code]).toEqual([caller.status, caller.code]);
    if (caller.status === 403) expect(r.body.message).toMatch(/admin/);
  });

  it('covers every /api/admin route the server serves, so a new one cannot go untested', () => {
    const admin = api.routes().filter((r) => / \/api\/admin\//.test(r));
    expect(admin.length).toBeGreaterThan(0);
    for (const route of admin) {
      const [method, pattern] = route.split(' ') as [string, string];
      const re = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/?]+')}(\\?.*)?$`);
      expect([route, ENDPOINTS.some((e) => e.method === method && re.test(e.path))]).toEqual([route, true]);
    }
  });

  it('changed nothing and recorded nothing for any of them', async () => {
    const catalog = await h.catalog.getSiteCatalog('site-1');
    expect([catalog?.revision, catalog?.site.name]).toEqual([1, 'Test site']);
    expect(await api.tables.audit.list({ from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' })).toEqual([]);
  });

  it.each(ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e] as const))('%s answers an admin', async (_name, endpoint) => {
    const r = await api.call(endpoint.method, endpoint.path, { user: 'fm', roles: 'admin', ...(endpoint.body !== undefined && { body: endpoint.body }) });
    expect([401, 403]).not.toContain(r.status);
    expect(r.status).toBeLessThan(500);
  });
});
