import { TableClaimStore } from '../../src/storage/table-claim-store';
import { TableMemberGroups } from '../../src/storage/table-member-groups';
import { TablePersonalDataStore } from '../../src/storage/table-personal-data-store';
import { uniqueTableName } from '../support/azurite';
import { gridCatalog } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { startOversightServer, type OversightServer } from './oversight-harness';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 4 }, weeklyQuota: 5, bookableWeekdays: [1, 2, 3, 4, 5, 6, 7] } });
const ALL_TIME = { from: '2026-01-01T00:00:00Z', to: '2028-01-01T00:00:00Z' };

describe("a person's own data: GET /api/me/data, and DELETE /api/admin/people/{id}", () => {
  let h: StoreHarness;
  let api: OversightServer;
  let claims: TableClaimStore;
  let claimsTable: string;
  let membersTable: string;

  beforeEach(async () => {
    h = await azuriteHarness();
    claimsTable = uniqueTableName('claims');
    claims = new TableClaimStore(h.gateway, claimsTable);
    await claims.init();
    // The groups each caller's token carried, remembered on every API call (the Members table).
    membersTable = uniqueTableName('members');
    const members = new TableMemberGroups(h.gateway, membersTable);
    await members.init();
    api = await startOversightServer(h, [catalog], NOW, () => ({
      personal: new TablePersonalDataStore(h.gateway, {
        reservations: h.tables.reservations,
        weeks: h.tables.weeks,
        claims: claimsTable,
        conversations: `${h.tables.catalog}conv`.slice(0, 63),
        discussions: `${h.tables.catalog}disc`.slice(0, 63),
      }),
      retentionDays: 90,
    }), { members });
  });
  afterEach(() => api.close());

  const book = async (user: string, deskId: string, date: string) => {
    const headers = { 'x-dev-name': user === 'alice' ? 'Alice Martin' : 'Bob Peeters', ...(user === 'alice' && { 'x-dev-groups': 'focus-team,g-0042' }) };
    const r = await api.call('POST', '/api/bookings', { user, body: { deskId, date }, headers });
    expect([user, date, r.status]).toEqual([user, date, 201]);
    return r.body.id as string;
  };
  const aliceEverywhere = async () => {
    const tables = [h.tables.reservations, h.tables.weeks, claimsTable, membersTable, `${h.tables.catalog}conv`.slice(0, 63), `${h.tables.catalog}disc`.slice(0, 63)];
    const found: string[] = [];
    for (const table of tables) {
      for (const { entity } of await h.gateway.queryTable(table)) if (/alice/i.test(JSON.stringify(entity))) found.push(`${table}: ${entity.partitionKey} ${entity.rowKey}`);
    }
    return found;
  };

  async function aliceAndBobBook() {
    api.clock.set('2026-11-30T08:00:00Z');
    const past = await book('alice', 'f1-0-0', '2026-11-30');
    expect((await api.call('POST', `/api/bookings/${past}/check-in`, { user: 'alice' })).status).toBe(200);
    api.clock.set(NOW);
    const today = await book('alice', 'f1-0-0', '2026-12-01');
    const upcoming = await book('alice', 'f1-0-5', '2026-12-03');
    const cancelled = await book('alice', 'f1-1-0', '2026-12-04');
    expect((await api.call('DELETE', `/api/bookings/${cancelled}`, { user: 'alice' })).status).toBe(204);
    await book('bob', 'f1-1-5', '2026-12-03');
    await api.conversations.save('alice', { conversation: { id: 'a:chat-alice' }, user: { id: '29:alice' } });
    await api.discussions.set('a:chat-alice|alice', { date: '2026-12-03', bookingId: upcoming });
    const claim = await claims.acquire({ date: '2026-12-01', bookingId: today, kind: 'reminder', siteId: 'site-1', userId: 'alice', owner: 'i-1', now: new Date(NOW), leaseMs: 60_000 });
    expect(claim.acquired).toBe(true);
    return { past, today, upcoming, cancelled };
  }

  it('gives the caller everything stored about them, and nothing about others', async () => {
    const ids = await aliceAndBobBook();
    const r = await api.call('GET', '/api/me/data', { user: 'alice', headers: { 'x-dev-groups': 'focus-team,g-0042' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/attachment/);
    const data = r.body;
    expect(data.userId).toBe('alice');
    expect(data.bookings.map((b: { id: string; status: string }) => [b.id, b.status])).toEqual([
      [ids.past, 'checked-in'],
      [ids.today, 'booked'],
      [ids.upcoming, 'booked'],
      [ids.cancelled, 'released'],
    ]);
    expect(data.bookings[0]).toMatchObject({ userName: 'Alice Martin', deskId: 'f1-0-0', date: '2026-11-30' });
    expect(data.weeks.map((w: { isoWeek: string }) => w.isoWeek)).toEqual(['2026-W49']);
    expect(data.conversationReference).toEqual({ stored: true });
    expect(data.discussions).toEqual([{ conversationId: 'a:chat-alice', fields: expect.objectContaining({ date: '2026-12-03', bookingId: ids.upcoming }) }]);
    expect(data.claims).toEqual([expect.objectContaining({ date: '2026-12-01', kind: 'reminder', bookingId: ids.today, state: 'pending' })]);
    // The groups her token carried, kept to enforce zones restricted to groups (the dev identity adds no role).
    expect(data.memberGroups).toEqual({ groups: ['focus-team', 'g-0042'], seenAt: expect.any(String) });
    expect(r.text).not.toMatch(/bob/i);
    const bob = (await api.call('GET', '/api/me/data', { user: 'bob' })).body;
    expect([bob.bookings.length, bob.conversationReference.stored, bob.discussions.length, bob.claims.length]).toEqual([1, false, 0, 0]);
    expect((await api.audit.list(ALL_TIME)).filter((e) => e.action === 'person.export').map((e) => [e.actor, e.subject, e.count]).sort()).toEqual([['alice', 'alice', 4], ['bob', 'bob', 1]]);
    expect((await api.call('GET', '/api/me/data', { user: null })).status).toBe(401);
  });

  it('erases a person: upcoming bookings cancelled and their desks freed, the past pseudonymised, audited', async () => {
    const ids = await aliceAndBobBook();
    for (const roles of [undefined, 'reports', 'tracer']) {
      const r = await api.call('DELETE', '/api/admin/people/alice', { user: 'bob', ...(roles && { roles }) });
      expect([roles, r.status]).toEqual([roles, 403]);
    }
    const r = await api.call('DELETE', '/api/admin/people/alice', { user: 'ada', roles: 'admin' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ pseudonym: expect.stringMatching(/^anon-[0-9a-f]{20}$/), cancelled: 2, weeksDeleted: 1, discussionsDeleted: 1, conversationReferenceDeleted: true, claimsPseudonymised: 1, memberGroupsDeleted: true });
    const pseudonym = r.body.pseudonym as string;

    expect(await aliceEverywhere()).toEqual([]);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [catalog])).violations).toEqual([]);
    // The desks of 1 and 3 December are free again; the checked-in day stays, under the pseudonym.
    const floor = (await api.call('GET', '/api/floors/f1?date=2026-12-03', { user: 'carol' })).body;
    expect(floor.desks.find((d: { id: string }) => d.id === 'f1-0-5').state).toBe('free');
    const past = (await h.reservations.getBooking(ids.past))!.booking;
    expect([past.userId, past.userName, past.status]).toEqual([pseudonym, undefined, 'checked-in']);
    expect((await h.reservations.getBooking(ids.upcoming))!.booking).toMatchObject({ userId: pseudonym, status: 'cancelled-by-admin' });
    expect(await h.reservations.readPersonDay('2026-11-30', pseudonym)).toMatchObject({ bookingId: ids.past });
    // Bob is untouched.
    expect((await api.call('GET', '/api/bookings?from=2026-12-01&to=2026-12-10', { user: 'bob' })).body).toHaveLength(1);

    const erasures = (await api.audit.list(ALL_TIME)).filter((e) => e.action === 'person.erase');
    expect(erasures.map((e) => [e.actor, e.subject, e.count])).toEqual([['ada', pseudonym, 2]]);
    expect(JSON.stringify(erasures)).not.toMatch(/alice/i);

    // Running it again finds nothing more, and gives the same pseudonym.
    const again = await api.call('DELETE', '/api/admin/people/alice', { user: 'ada', roles: 'admin' });
    expect(again.body).toMatchObject({ pseudonym, cancelled: 0, rowsPseudonymised: 0, weeksDeleted: 0, memberGroupsDeleted: false });
  });
});
