import nock from 'nock';
import { desksOn } from '../../src/domain/model';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { personalConversationId, referenceFor } from '../use-cases/reminders/support/reminder-world';
import { asAdmin, fakeConnector, startAdminServer, untilCards, type AdminServer } from './admin-harness';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const THURSDAY = '2026-12-03';
const FRIDAY = '2026-12-04';
const MONDAY = '2026-12-07';
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
    expect(desksOn(stored.desks, THURSDAY).filter((d) => d.mode === 'bookable').map((d) => d.id).sort()).toEqual([...plan.deskIds].sort());
    // Thursday is ahead: the desks switch off from that day, and keep their mode before it.
    expect(stored.desks.filter((d) => d.offFrom === THURSDAY && d.mode === 'bookable')).toHaveLength(32);
    expect(published.body.offFrom).toBe(THURSDAY);
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

  it('switches the other desks off from the date only: bookings before it stand, those from it are cancelled and told', async () => {
    const plan = (await api.call('GET', `/api/admin/floors/f1/headcount-plan?date=${FRIDAY}`, asAdmin())).body;
    const offDesk = plan.offDeskIds[0] as string;
    const otherOff = plan.offDeskIds[plan.offDeskIds.length - 1] as string;
    for (const who of ['alice', 'bob', 'carol']) await api.tables.conversations.save(who, referenceFor(who));
    const book = (user: string, deskId: string, date: string) => api.call('POST', '/api/bookings', { user, body: { deskId, date }, locale: 'en' });
    const thursday = await book('alice', offDesk, THURSDAY);
    const friday = await book('bob', offDesk, FRIDAY);
    const monday = await book('carol', offDesk, MONDAY);
    expect([thursday.status, friday.status, monday.status]).toEqual([201, 201, 201]);

    const published = await api.call('POST', '/api/admin/floors/f1/headcount-plan/publish', asAdmin({ body: { revision: plan.revision, deskIds: plan.deskIds, date: FRIDAY }, locale: 'en' }));
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ offFrom: FRIDAY, cancelled: 2, notices: { queued: 2 } });
    expect(published.body.cancellations.map((c: { bookingId: string }) => c.bookingId).sort()).toEqual([friday.body.id, monday.body.id].sort());
    expect((await untilCards(connector, 2)).map((c) => c.conversationId).sort()).toEqual([personalConversationId('bob'), personalConversationId('carol')].sort());
    const mine = await api.call('GET', `/api/bookings?from=${THURSDAY}&to=${THURSDAY}`, { user: 'alice' });
    expect(mine.body.map((b: { id: string; status: string }) => [b.id, b.status])).toEqual([[thursday.body.id, 'booked']]);

    // Thursday: the desk is still a desk (alice holds it); from Friday it is off, and says so with the date.
    const floorOn = async (date: string) => (await api.call('GET', `/api/floors/f1?date=${date}`, { user: 'dave', locale: 'en' })).body.desks as { id: string; state: string; reason?: string }[];
    expect((await floorOn(THURSDAY)).find((d) => d.id === offDesk)).toMatchObject({ state: 'taken' });
    expect((await floorOn(THURSDAY)).find((d) => d.id === otherOff)!.state).not.toBe('unavailable');
    const fridayDesk = (await floorOn(FRIDAY)).find((d) => d.id === otherOff)!;
    expect(fridayDesk).toMatchObject({ state: 'unavailable', reason: 'Not bookable: switched off by the safe-headcount plan from Friday 4 December' });
    const refused = await book('dave', otherOff, MONDAY);
    expect([refused.status, refused.body.code]).toEqual([409, 'DESK_UNAVAILABLE']);
    expect(refused.body.message).toBe(`Desk ${catalog.desks.find((d) => d.id === otherOff)!.label} cannot be booked: it is switched off by the safe-headcount plan from Friday 4 December.`);
    const before = await book('dave', otherOff, THURSDAY);
    expect(before.body.code).not.toBe('DESK_UNAVAILABLE');

    // The export carries the date, and publishing the export again changes nothing.
    const exported = (await api.call('GET', '/api/admin/sites/site-1/export', asAdmin())).body;
    expect(exported.desksCsv.split('\r\n')[0]).toBe('floorId,id,label,x,y,zoneId,attributes,mode,offFrom');
    expect(exported.desksCsv).toContain(`,${offDesk},`);
    expect(exported.desksCsv.split('\r\n').find((l: string) => l.includes(`,${offDesk},`))).toMatch(new RegExp(`,bookable,${FRIDAY}$`));
    const again = await api.call('POST', '/api/admin/sites/site-1/publish', asAdmin({ body: { site: exported.site, desksCsv: exported.desksCsv, revision: exported.revision } }));
    expect([again.status, again.body.changed]).toEqual([200, false]);
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
