import nock from 'nock';
import { checkInvariants } from '../support/invariant-checker';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { personalConversationId, referenceFor } from '../use-cases/reminders/support/reminder-world';
import { asAdmin, fakeConnector, untilCards, startAdminServer, type AdminServer, type CallOptions } from './admin-harness';

const NOW = '2026-12-01T08:00:00Z';
const THURSDAY = '2026-12-03';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 2, policy: { zoneCapacity: { kind: 'count', value: 10 }, minDistanceM: 1.5 } });

const ANN: CallOptions = { user: 'ann', groups: 'focus' };
const BOB: CallOptions = { user: 'bob' };
// An app role the organisation defines (not one of Seatwise's): it counts as a group too.
const CY: CallOptions = { user: 'cy', roles: 'Facilities.Quiet' };

describe('a zone restricted to groups (Entra group ids or app roles from the token)', () => {
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

  async function restrict(groups: string[]) {
    const { site, desksCsv, revision } = (await api.call('GET', '/api/admin/sites/site-1/export', asAdmin())).body;
    const floors = [{ ...site.floors[0], zones: site.floors[0].zones.map((z: { id: string }) => (z.id === 'f1-z1' ? { ...z, allowedGroups: groups } : z)) }];
    return api.call('POST', '/api/admin/sites/site-1/publish', asAdmin({ body: { site: { ...site, floors }, desksCsv, revision }, locale: 'en' }));
  }

  it('cancels, on publish, the bookings of people outside its groups, tells them, audits it, and refuses them from then on', async () => {
    for (const user of ['ann', 'bob', 'cy']) await api.tables.conversations.save(user, referenceFor(user));
    for (const [who, desk] of [[ANN, 'f1-1-0'], [BOB, 'f1-1-2'], [CY, 'f1-1-8']] as const) {
      expect((await api.call('POST', '/api/bookings', { ...who, body: { deskId: desk, date: THURSDAY } })).status).toBe(201);
    }

    const published = await restrict(['focus', 'Facilities.Quiet']);
    expect(published.status).toBe(200);
    expect(published.body.cancellations.map((c: { userId: string; code: string }) => `${c.userId}:${c.code}`)).toEqual(['bob:DESK_UNAVAILABLE']);
    expect(published.body.cancellations[0].reason).toMatch(/reserved|restricted|group/i);
    expect((await untilCards(connector, 1)).map((c) => c.conversationId)).toEqual([personalConversationId('bob')]);

    const entries = (await api.call('GET', '/api/admin/audit', asAdmin({ locale: 'en' }))).body.entries as { action: string; summary: string }[];
    expect(entries.find((e) => e.action === 'zone.restrict')?.summary).toBe('Restricted zone f1-z1 of site site-1 to the groups focus, Facilities.Quiet. 1 booking cancelled.');

    // From now on Bob is refused with a reason in his language, and the others may book there.
    const refused = await api.call('POST', '/api/bookings', { ...BOB, locale: 'nl-BE', body: { deskId: 'f1-1-5', date: '2026-12-04' } });
    expect([refused.status, refused.body.code]).toEqual([409, 'DESK_UNAVAILABLE']);
    expect(refused.body.message).toMatch(/1\.05|bureau/i);
    expect((await api.call('POST', '/api/bookings', { ...ANN, body: { deskId: 'f1-1-5', date: '2026-12-04' } })).status).toBe(201);
    const floor = (await api.call('GET', `/api/floors/f1?date=${THURSDAY}`, BOB)).body;
    expect(floor.desks.find((d: { id: string }) => d.id === 'f1-1-5')).toMatchObject({ state: 'unavailable' });
    expect((await api.call('GET', `/api/floors/f1?date=${THURSDAY}`, { user: 'zed', groups: 'focus' })).body.desks.find((d: { id: string }) => d.id === 'f1-1-5')).toMatchObject({ state: 'free' });

    const stored = (await h.catalog.getSiteCatalog('site-1'))!;
    expect((await checkInvariants(h.gateway, h.tables.reservations, [stored])).violations).toEqual([]);
  });

  it('keeps the desk of someone whose groups it never saw: nobody loses a desk on a guess', async () => {
    expect((await api.call('POST', '/api/bookings', { ...BOB, body: { deskId: 'f1-1-2', date: THURSDAY } })).status).toBe(201);
    // Bob's groups are unknown (as if he had booked through the bot, whose activities carry no groups).
    await api.tables.members.forget('bob');
    const published = await restrict(['focus']);
    expect(published.body.cancellations).toEqual([]);
  });
});
