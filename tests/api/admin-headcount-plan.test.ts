import nock from 'nock';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { personalConversationId, referenceFor } from '../use-cases/reminders/support/reminder-world';
import { asAdmin, fakeConnector, startAdminServer, untilCards, type AdminServer } from './admin-harness';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const THURSDAY = '2026-12-03';
// Two zones of 4 × 5 desks 1 m apart, side by side: with D 1.5 m even diagonal neighbours are too close, so distance
// alone allows 12 desks on the floor (every other column and row); a capacity of 4 per zone leaves 8.
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { zoneCapacity: { kind: 'count', value: 4 }, minDistanceM: 1.5 } });

describe('the safe-headcount plan through the admin API', () => {
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

  it('shows which desks to keep, the maximum per floor and zone, and the method, and changes nothing', async () => {
    const r = await api.call('GET', `/api/admin/floors/f1/headcount-plan?date=${THURSDAY}`, asAdmin());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ floorId: 'f1', siteId: 'site-1', date: THURSDAY, minDistanceM: 1.5, revision: 1, count: 8, headcount: 8, method: 'exact', upperBound: 8 });
    expect(r.body.zones).toEqual([
      { zoneId: 'f1-z0', bookable: 20, capacity: 4, kept: 4, headcount: 4 },
      { zoneId: 'f1-z1', bookable: 20, capacity: 4, kept: 4, headcount: 4 },
    ]);
    expect(r.body.deskIds).toHaveLength(8);
    expect(r.body.offDeskIds).toHaveLength(32);
    expect(new Set([...r.body.deskIds, ...r.body.offDeskIds]).size).toBe(40);
    expect((await h.catalog.getSiteCatalog('site-1'))!.revision).toBe(1);
    expect((await api.call('GET', '/api/admin/floors/nowhere/headcount-plan', asAdmin())).status).toBe(404);
    expect((await api.call('GET', '/api/admin/floors/f1/headcount-plan?date=2026-02-30', asAdmin())).body).toMatchObject({ code: 'INVALID_INPUT', field: 'date' });
  });

  it('publishes the plan: the other desks switch off, their bookings are cancelled and told once, and it is audited', async () => {
    const plan = (await api.call('GET', `/api/admin/floors/f1/headcount-plan?date=${THURSDAY}`, asAdmin())).body;
    const keptDesk = plan.deskIds[0] as string;
    const at = (id: string) => catalog.desks.find((d) => d.id === id)!;
    const offDesk = (plan.offDeskIds as string[]).find((id) => Math.hypot(at(id).x - at(keptDesk).x, at(id).y - at(keptDesk).y) > 3)!;
    await api.tables.conversations.save('alice', referenceFor('alice', 'fr-BE'));
    await api.tables.conversations.save('bob', referenceFor('bob'));
    const alice = await api.call('POST', '/api/bookings', { user: 'alice', body: { deskId: offDesk, date: THURSDAY } });
    expect(alice.status).toBe(201);
    expect((await api.call('POST', '/api/bookings', { user: 'bob', body: { deskId: keptDesk, date: THURSDAY } })).status).toBe(201);

    const published = await api.call('POST', '/api/admin/floors/f1/headcount-plan/publish', asAdmin({ body: { revision: plan.revision, deskIds: plan.deskIds, date: THURSDAY }, locale: 'en' }));
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ siteId: 'site-1', floorId: 'f1', changed: true, revision: 2, kept: 8, cancelled: 1, recheckComplete: true, notices: { queued: 1 } });
    expect(published.body.switchedOff).toEqual(plan.offDeskIds);
    expect(published.body.cancellations).toEqual([expect.objectContaining({ bookingId: alice.body.id, deskId: offDesk, userId: 'alice', date: THURSDAY })]);
    expect((await untilCards(connector, 1)).map((c) => c.conversationId)).toEqual([personalConversationId('alice')]);

    const stored = (await h.catalog.getSiteCatalog('site-1'))!;
    expect(stored.desks.filter((d) => d.mode === 'bookable').map((d) => d.id).sort()).toEqual([...plan.deskIds].sort());
    expect(stored.desks.filter((d) => d.mode === 'off')).toHaveLength(32);
    // Every desk still bookable can be booked on the same day: the plan is what the booking tab now offers.
    const floor = (await api.call('GET', `/api/floors/f1?date=${THURSDAY}`, { user: 'carol' })).body;
    expect(floor.desks.filter((d: { state: string }) => d.state === 'free')).toHaveLength(7);
    expect(floor.desks.find((d: { id: string }) => d.id === offDesk)).toMatchObject({ state: 'unavailable' });

    const audit = (await api.call('GET', '/api/admin/audit', asAdmin({ locale: 'en' }))).body.entries;
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual(['catalog.publish', 'plan.publish']);
    expect(audit.find((e: { action: string }) => e.action === 'plan.publish')).toMatchObject({ actor: 'fm', count: 1, params: { floorId: 'f1', kept: 8, switchedOff: 32 } });

    // The same plan again is now on an older revision.
    const again = await api.call('POST', '/api/admin/floors/f1/headcount-plan/publish', asAdmin({ body: { revision: plan.revision, deskIds: plan.deskIds } }));
    expect([again.status, again.body.code, again.body.revision]).toEqual([409, 'CATALOG_CHANGED', 2]);
  });

  it('refuses a set of desks that is not safe, naming the field, and writes nothing', async () => {
    const tooClose = await api.call('POST', '/api/admin/floors/f1/headcount-plan/publish', asAdmin({ body: { revision: 1, deskIds: ['f1-0-0', 'f1-0-1'] }, locale: 'de' }));
    expect(tooClose.status).toBe(400);
    expect(tooClose.body).toMatchObject({ code: 'INVALID_INPUT', field: 'deskIds', problems: ['desks f1-0-0 and f1-0-1 are closer than 1.5 m'] });
    expect(tooClose.body.message).toMatch(/Schreibtische/);
    const overCapacity = await api.call('POST', '/api/admin/floors/f1/headcount-plan/publish', asAdmin({ body: { revision: 1, deskIds: ['f1-0-0', 'f1-0-2', 'f1-0-8', 'f1-0-10', 'f1-0-16'] } }));
    expect(overCapacity.body.problems).toEqual(['zone f1-z0 would keep 5 desks; its capacity is 4']);
    const badBody = await api.call('POST', '/api/admin/floors/f1/headcount-plan/publish', asAdmin({ body: { deskIds: [] } }));
    expect([badBody.status, badBody.body.field]).toEqual([400, 'revision']);
    expect((await h.catalog.getSiteCatalog('site-1'))!.revision).toBe(1);
    expect((await api.call('GET', '/api/admin/audit', asAdmin())).body.entries).toEqual([]);
  });
});
