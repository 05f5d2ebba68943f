import nock from 'nock';
import { checkInvariants } from '../support/invariant-checker';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { personalConversationId, referenceFor } from '../use-cases/reminders/support/reminder-world';
import { asAdmin, fakeConnector, untilCards, startAdminServer, type AdminServer } from './admin-harness';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const THURSDAY = '2026-12-03';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 2, policy: { zoneCapacity: { kind: 'count', value: 10 }, minDistanceM: 1.5 } });

describe('export and publish a site in the import format', () => {
  let h: StoreHarness;
  let api: AdminServer;
  let connector: ReturnType<typeof fakeConnector>;
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    h = await azuriteHarness();
    api = await startAdminServer(h, [catalog], NOW);
    connector = fakeConnector();
  });
  afterEach(async () => {
    connector.done();
    await api.close();
  });

  it('exports the site file and the desks CSV, and publishing them unchanged changes nothing', async () => {
    const exported = await api.call('GET', '/api/admin/sites/site-1/export', asAdmin());
    expect(exported.status).toBe(200);
    expect(exported.body.site.site).toEqual({ id: 'site-1', name: 'Test site', timeZone: 'Europe/Brussels' });
    expect(exported.body.site.floors).toHaveLength(1);
    expect(exported.body.site.floors[0].desks).toBeUndefined();
    expect(exported.body.site.floors[0].zones.map((z: { id: string }) => z.id)).toEqual(['f1-z0', 'f1-z1']);
    const lines = exported.body.desksCsv.trim().split('\r\n');
    expect(lines[0]).toBe('floorId,id,label,x,y,zoneId,attributes,mode');
    expect(lines).toHaveLength(41);
    expect(lines[1]).toBe('f1,f1-0-0,1.00,1,1,f1-z0,monitor,bookable');
    expect(exported.body.revision).toBe(1);

    const published = await api.call('POST', '/api/admin/sites/site-1/publish', asAdmin({ body: exported.body }));
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ siteId: 'site-1', changed: false, revision: 1, cancelled: 0 });
    expect((await api.call('GET', '/api/admin/audit', asAdmin())).body.entries).toEqual([]);
    expect((await api.call('GET', '/api/admin/sites/nope/export', asAdmin())).status).toBe(404);
  });

  it('publishes a changed layout atomically, cancels the booking of a removed desk, tells its owner once, and audits', async () => {
    await api.tables.conversations.save('alice', referenceFor('alice', 'nl-BE'));
    await api.tables.conversations.save('bob', referenceFor('bob'));
    const alice = await api.call('POST', '/api/bookings', { user: 'alice', body: { deskId: 'f1-0-5', date: THURSDAY } });
    expect((await api.call('POST', '/api/bookings', { user: 'bob', body: { deskId: 'f1-1-0', date: THURSDAY } })).status).toBe(201);

    const { site, desksCsv, revision } = (await api.call('GET', '/api/admin/sites/site-1/export', asAdmin())).body;
    const edited = {
      site: { ...site, floors: [{ ...site.floors[0], zones: site.floors[0].zones.map((z: { id: string; name: string }) => (z.id === 'f1-z1' ? { ...z, name: 'Quiet' } : z)) }] },
      desksCsv: `${desksCsv.split('\r\n').filter((l: string) => !l.startsWith('f1,f1-0-5,')).join('\r\n')}f1,f1-0-new,"1.99, by the window",1,9,f1-z0,standing;window,bookable\r\n`,
      revision,
    };
    const published = await api.call('POST', '/api/admin/sites/site-1/publish', asAdmin({ body: edited, locale: 'en' }));
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ siteId: 'site-1', changed: true, revision: 2, recheckComplete: true, cancelled: 1, notices: { queued: 1 } });
    expect(published.body.cancellations).toEqual([
      expect.objectContaining({ bookingId: alice.body.id, date: THURSDAY, deskId: 'f1-0-5', userId: 'alice', code: 'UNKNOWN_DESK', reason: expect.any(String) }),
    ]);

    // Alice is told once, in Dutch; Bob, whose desk stays, is not.
    expect((await untilCards(connector, 1)).map((c) => c.conversationId)).toEqual([personalConversationId('alice')]);
    expect(connector.cards[0]!.text).toMatch(/geannuleerd/);

    // This server sees the new layout at once; the booking is gone and nothing is broken.
    const floor = (await api.call('GET', `/api/floors/f1?date=${THURSDAY}`, { user: 'x' })).body;
    expect(floor.desks.find((d: { id: string }) => d.id === 'f1-0-new')).toMatchObject({ label: '1.99, by the window', attributes: ['standing', 'window'], state: 'free' });
    expect(floor.desks.find((d: { id: string }) => d.id === 'f1-0-5')).toBeUndefined();
    expect(floor.zones.find((z: { id: string }) => z.id === 'f1-z1')).toMatchObject({ name: 'Quiet' });
    const stored = (await h.catalog.getSiteCatalog('site-1'))!;
    expect((await checkInvariants(h.gateway, h.tables.reservations, [stored])).violations).toEqual([]);

    // The audit entry: who, what changed, what it cost; rendered in the reader's language.
    const audit = (await api.call('GET', '/api/admin/audit', asAdmin({ locale: 'en' }))).body.entries;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'fm', actorName: 'Fiona Manager', action: 'catalog.publish', count: 1, summary: 'Published site site-1: zones ~1, desks +1 −1. 1 booking cancelled.' });
    expect(audit[0].params.changes).toBe('~zone f1-z1 (name); +desk f1-0-new; -desk f1-0-5');
    const german = (await api.call('GET', '/api/admin/audit', asAdmin({ locale: 'de-DE' }))).body.entries[0];
    expect(german.summary).toBe('Standort site-1 veröffentlicht: Zonen ~1, Plätze +1 −1. 1 Buchung storniert.');

    // Publishing from the same export again is refused: someone (we) published since.
    const stale = await api.call('POST', '/api/admin/sites/site-1/publish', asAdmin({ body: edited, locale: 'fr-BE' }));
    expect([stale.status, stale.body.code, stale.body.revision]).toEqual([409, 'CATALOG_CHANGED', 2]);
    expect(stale.body.message).toMatch(/version 2/);
  });

  it.each([
    ['a desk position that is not a number (CSV)', (b: Publish) => ({ ...b, desksCsv: b.desksCsv.replace('f1,f1-0-1,1.01,3,1,', 'f1,f1-0-1,1.01,abc,1,') }), 'de-DE', 'desksCsv', /Probleme? gefunden/, { field: 'desksCsv', line: 3, column: 'x' }],
    ['a negative floor width (JSON)', (b: Publish) => ({ ...b, site: { ...b.site, floors: [{ ...b.site.floors[0], width: -5 }] } }), 'fr-BE', 'site.floors[0].width', /problème/, { field: 'site.floors[0].width' }],
    ['a desk in a zone that does not exist', (b: Publish) => ({ ...b, desksCsv: b.desksCsv.replace('f1,f1-0-1,1.01,3,1,f1-z0', 'f1,f1-0-1,1.01,3,1,f1-z9') }), 'nl-BE', 'desksCsv', /probleem/, { field: 'desksCsv', line: 3, column: 'zoneId' }],
    ['a misspelt field', (b: Publish) => ({ ...b, site: { ...b.site, polices: [] } }), 'en', 'site.polices', /problem/, { field: 'site.polices', problem: expect.stringMatching(/unknown field "polices"/) }],
  ])('refuses %s with 400 naming the field in the caller language, and writes nothing', async (_what, edit, locale, field, message, problem) => {
    const exported = (await api.call('GET', '/api/admin/sites/site-1/export', asAdmin())).body as Publish;
    const r = await api.call('POST', '/api/admin/sites/site-1/publish', asAdmin({ body: edit(exported), locale }));
    expect([r.status, r.body.code, r.body.field]).toEqual([400, 'INVALID_INPUT', field]);
    expect(r.body.message).toMatch(message);
    expect(r.body.problems[0]).toMatchObject(problem);
    expect((await h.catalog.getSiteCatalog('site-1'))?.revision).toBe(1);
  });

  it('names the first problem of a sent site file by its path and its line and column in words, not the body path', async () => {
    const exported = (await api.call('GET', '/api/admin/sites/site-1/export', asAdmin())).body as Publish;
    // Line 5, column 17 is the value of "timeZone" in this rendering.
    const siteJson = JSON.stringify({ ...exported.site, site: { ...exported.site.site, timeZone: 'Europe/Brusels' } }, null, 2);
    expect(siteJson.split('\n')[4]!.indexOf('"Europe/Brusels"')).toBe(16);
    const r = await api.call('POST', '/api/admin/sites/site-1/publish', asAdmin({ body: { siteJson, desksCsv: exported.desksCsv }, locale: 'en' }));
    expect([r.status, r.body.field]).toEqual([400, 'site.site.timeZone']);
    expect(r.body.message).toBe('It cannot be saved: 1 problem was found, in "site.timeZone, line 5, column 17". Nothing was changed.');
    expect(r.body.problems).toEqual([expect.objectContaining({ field: 'site.site.timeZone', line: 5, column: '17' })]);
    const french = await api.call('POST', '/api/admin/sites/site-1/publish', asAdmin({ body: { siteJson, desksCsv: exported.desksCsv }, locale: 'fr-BE' }));
    expect(french.body.message).toContain('« site.timeZone, ligne 5, colonne 17 »');
    const csv = await api.call('POST', '/api/admin/sites/site-1/publish', asAdmin({ body: { ...exported, desksCsv: exported.desksCsv.replace('f1,f1-0-1,1.01,3,1,', 'f1,f1-0-1,1.01,abc,1,') }, locale: 'en' }));
    expect(csv.body.message).toContain('in "desksCsv, line 3, column x"');
  });

  it('after a zone is renamed, "my bookings" names the zone the desk is in now, as the floor view does', async () => {
    const booked = await api.call('POST', '/api/bookings', { user: 'ann', body: { deskId: 'f1-0-0', date: THURSDAY, requestId: 'r-ann' } });
    expect(booked.status).toBe(201);
    const exported = (await api.call('GET', '/api/admin/sites/site-1/export', asAdmin())).body;
    const siteFile = JSON.parse(JSON.stringify(exported.site));
    siteFile.floors[0].zones[0] = { ...siteFile.floors[0].zones[0], id: 'f1-north', name: 'North' };
    const body = { siteJson: JSON.stringify(siteFile), desksCsv: exported.desksCsv.replaceAll(',f1-z0,', ',f1-north,'), revision: exported.revision };
    expect((await api.call('POST', '/api/admin/sites/site-1/publish', asAdmin({ body }))).status).toBe(200);
    const floor = (await api.call('GET', `/api/floors/f1?date=${THURSDAY}`, { user: 'ann' })).body;
    expect(floor.zones.map((z: { id: string }) => z.id)).toContain('f1-north');
    const [mine] = (await api.call('GET', '/api/bookings', { user: 'ann' })).body;
    expect(mine).toMatchObject({ deskId: 'f1-0-0', zoneId: 'f1-north', zoneName: 'North' });
  });

  it('refuses a body that describes another site than the address', async () => {
    const exported = (await api.call('GET', '/api/admin/sites/site-1/export', asAdmin())).body as Publish;
    const other = { ...exported, site: { ...exported.site, site: { ...exported.site.site, id: 'site-2' } } };
    const r = await api.call('POST', '/api/admin/sites/site-1/publish', asAdmin({ body: other, locale: 'fr-BE' }));
    expect([r.status, r.body.field]).toEqual([400, 'site.site.id']);
    expect(r.body.message).toMatch(/site-2/);
    expect((await h.catalog.listSiteCatalogs()).map((c) => c.site.id)).toEqual(['site-1']);
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Publish = { site: any; desksCsv: string; revision: number };
