import { TableSitePrivacyStore } from '../../src/storage/table-site-privacy-store';
import { BOB, cardsOf, messageActivity, post } from '../support/bot-harness';
import { uniqueTableName } from '../support/azurite';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { startOversightServer, type OversightServer } from './oversight-harness';

// Tuesday 1 December 2026; Thursday is the 3rd.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1 });
const PRIVACY = '/api/admin/sites/site-1/privacy';

describe('"colleagues can see names": hidden by default, turned on and off per site by an admin', () => {
  let h: StoreHarness;
  let api: OversightServer;
  beforeAll(async () => {
    h = await azuriteHarness();
    const sitePrivacy = new TableSitePrivacyStore(h.gateway, uniqueTableName('privacy'));
    await sitePrivacy.init();
    api = await startOversightServer(h, [catalog], NOW, () => ({ sitePrivacy }));
    const r = await api.call('POST', '/api/bookings', { user: 'alice', body: { deskId: 'f1-0-0', date: '2026-12-03' }, headers: { 'x-dev-name': 'Alice Martin' } });
    expect(r.status).toBe(201);
  });
  afterAll(() => api.close());

  const whoIsInCard = async () => {
    const res = await post(api.url, messageActivity(BOB, 'who is in on Thursday'));
    const cards = cardsOf(res.json);
    expect(cards).toHaveLength(1);
    return JSON.stringify(cards[0]);
  };

  it('hides names while the site has made no choice', async () => {
    expect((await api.call('GET', PRIVACY, { user: 'ada', roles: 'admin' })).body).toEqual({ siteId: 'site-1', colleaguesSeeNames: false, chosenBySite: false });
    const card = await whoIsInCard();
    expect(card).toContain('Zone A');
    expect(card).not.toContain('Alice');
  });

  it('shows names once an admin turns the setting on, and hides them again when it is turned off', async () => {
    const on = await api.call('PUT', PRIVACY, { user: 'ada', roles: 'admin', body: { colleaguesSeeNames: true } });
    expect([on.status, on.body]).toEqual([200, { siteId: 'site-1', colleaguesSeeNames: true, chosenBySite: true }]);
    expect(await whoIsInCard()).toContain('Alice Martin');

    expect((await api.call('PUT', PRIVACY, { user: 'ada', roles: 'admin', body: { colleaguesSeeNames: false } })).status).toBe(200);
    expect(await whoIsInCard()).not.toContain('Alice');
    expect((await api.call('GET', PRIVACY, { user: 'ada', roles: 'admin' })).body).toMatchObject({ colleaguesSeeNames: false, chosenBySite: true });
    const changes = (await api.audit.list({ from: '2026-01-01T00:00:00Z', to: '2028-01-01T00:00:00Z' })).filter((e) => e.action === 'privacy.change');
    expect(changes.map((e) => e.params?.['value']).sort()).toEqual([false, true]);
  });

  it('lets only admins read or change it, and checks the body and the site', async () => {
    for (const roles of [undefined, 'reports', 'tracer']) {
      expect((await api.call('PUT', PRIVACY, { user: 'bob', ...(roles && { roles }), body: { colleaguesSeeNames: true } })).status).toBe(403);
      expect((await api.call('GET', PRIVACY, { user: 'bob', ...(roles && { roles }) })).status).toBe(403);
    }
    const bad = await api.call('PUT', PRIVACY, { user: 'ada', roles: 'admin', body: { colleaguesSeeNames: 'yes' } });
    expect([bad.status, bad.body.field]).toEqual([400, 'colleaguesSeeNames']);
    expect((await api.call('PUT', '/api/admin/sites/nowhere/privacy', { user: 'ada', roles: 'admin', body: { colleaguesSeeNames: true } })).status).toBe(404);
    expect(await whoIsInCard()).not.toContain('Alice');
  });
});
