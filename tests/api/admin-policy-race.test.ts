import nock from 'nock';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { asAdmin, sharedTables, startAdminServer, type AdminServer, type Reply } from './admin-harness';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 3, rows: 2, pitch: 2, policy: { minDistanceM: 1.5, horizonDays: 14 } });
const ROUNDS = 3;

describe('two admins changing the rules of one site at the same instant', () => {
  let h: StoreHarness;
  let a: AdminServer;
  let b: AdminServer;
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    h = await azuriteHarness();
    const tables = await sharedTables(h);
    a = await startAdminServer(h, [catalog], NOW, tables);
    b = await startAdminServer(h, [], NOW, tables);
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  const rules = async () => (await a.call('GET', '/api/admin/sites/site-1/export', asAdmin())).body.site.policies.at(-1).rules;

  it('never loses a change: one of two racing applies is refused with 409 in its author’s language, the other holds', async () => {
    let refused = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const distance = 1.5 + round;
      const horizon = 14 + round;
      // Two servers over one storage account: A changes the distance, B (a French-speaking admin) the horizon.
      const [ra, rb] = await Promise.all([
        a.call('POST', '/api/admin/policies', asAdmin({ body: { siteId: 'site-1', effectiveFrom: '2026-12-01', policy: { minDistanceM: distance } } })),
        b.call('POST', '/api/admin/policies', asAdmin({ user: 'fm2', locale: 'fr-BE', body: { siteId: 'site-1', effectiveFrom: '2026-12-01', policy: { horizonDays: horizon } } })),
      ]);
      for (const r of [ra, rb] as Reply[]) {
        expect([200, 409]).toContain(r.status);
        if (r.status === 409) expect(r.body).toMatchObject({ code: 'CATALOG_CHANGED' });
      }
      if (rb.status === 409) expect(rb.body.message).toMatch(/Quelqu'un a modifié/);
      if (ra.status === 409) expect(ra.body.message).toMatch(/Someone changed/);
      // Every change that answered 200 is in force: nothing was overwritten by the other.
      const now = await rules();
      if (ra.status === 200) expect(now.minDistanceM).toBe(distance);
      if (rb.status === 200) expect(now.horizonDays).toBe(horizon);
      refused += [ra, rb].filter((r) => r.status === 409).length;
      // The refused admin tries again, now on the stored rules, and succeeds.
      if (ra.status === 409) expect((await a.call('POST', '/api/admin/policies', asAdmin({ body: { siteId: 'site-1', effectiveFrom: '2026-12-01', policy: { minDistanceM: distance } } }))).status).toBe(200);
      if (rb.status === 409) expect((await b.call('POST', '/api/admin/policies', asAdmin({ user: 'fm2', body: { siteId: 'site-1', effectiveFrom: '2026-12-01', policy: { horizonDays: horizon } } }))).status).toBe(200);
      expect(await rules()).toMatchObject({ minDistanceM: distance, horizonDays: horizon });
    }
    // The two requests did overlap: at least one round had to refuse one of them.
    expect(refused).toBeGreaterThan(0);
  });

  it('refuses an apply made on a previewed revision that another admin changed since', async () => {
    const body = { siteId: 'site-1', effectiveFrom: '2026-12-01', policy: { minDistanceM: 2 } };
    const preview = await a.call('POST', '/api/admin/policies/preview', asAdmin({ body }));
    expect(preview.status).toBe(200);
    expect(typeof preview.body.revision).toBe('number');
    expect((await b.call('POST', '/api/admin/policies', asAdmin({ user: 'fm2', body: { ...body, policy: { horizonDays: 20 } } }))).status).toBe(200);

    const stale = await a.call('POST', '/api/admin/policies', asAdmin({ locale: 'de-DE', body: { ...body, revision: preview.body.revision } }));
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'CATALOG_CHANGED', revision: preview.body.revision + 1 });
    expect(stale.body.message).toMatch(/Jemand hat/);
    expect(await rules()).toMatchObject({ minDistanceM: 1.5, horizonDays: 20 });

    // Previewed again, on the stored revision, it applies.
    const again = await a.call('POST', '/api/admin/policies/preview', asAdmin({ body }));
    const applied = await a.call('POST', '/api/admin/policies', asAdmin({ body: { ...body, revision: again.body.revision } }));
    expect(applied.status).toBe(200);
    expect(applied.body.revision).toBe(again.body.revision + 1);
  });
});
