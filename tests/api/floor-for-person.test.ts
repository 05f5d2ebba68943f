import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { startAdminServer, type AdminServer } from './admin-harness';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const WEDNESDAY = '2026-12-02';
const THURSDAY = '2026-12-03';
const FRIDAY = '2026-12-04';
// Two zones of 8 desks 2 m apart (no distance refusals); Zone B is kept for the group g-ann; two bookings a week each.
const base = gridCatalog({ zones: 2, cols: 4, rows: 2, pitch: 2, policy: { minDistanceM: 1.5, weeklyQuota: 2 } });
const catalog = { ...base, zones: base.zones.map((z) => (z.id === 'f1-z1' ? { ...z, allowedGroups: ['g-ann'] } : z)) };

interface DeskOut {
  id: string;
  state: string;
  bookingId?: string;
  stateText?: string;
  reason: string;
}

describe('GET /api/floors/{id}?forPersonId=: the day of a colleague who delegated, checked as booking for them is', () => {
  let h: StoreHarness;
  let api: AdminServer;
  beforeEach(async () => {
    h = await azuriteHarness();
    api = await startAdminServer(h, [catalog], NOW);
  });
  afterEach(async () => {
    await api.close();
  });

  // Ann's token carries g-ann, which the server remembers: Zone B is hers to book, not Dan's.
  const ann = { user: 'ann', name: 'Ann Owner', groups: 'g-ann' };
  const dan = { user: 'dan', name: 'Dan Delegate' };
  const desk = (body: { desks: DeskOut[] }, id: string): DeskOut => body.desks.find((d) => d.id === id)!;
  const floorFor = (who: { user: string; name: string; roles?: string }, personId: string | undefined, headers: Record<string, string> = {}) =>
    api.call('GET', `/api/floors/f1?date=${THURSDAY}${personId ? `&forPersonId=${encodeURIComponent(personId)}` : ''}`, { ...who, headers });

  it("shows Dan Ann's day: her desk as hers (without its id), his own as taken, her groups' zone free, and her one-desk-a-day refusal", async () => {
    expect((await api.call('PUT', '/api/me/delegates/dan', { ...ann, body: { name: 'Dan' } })).status).toBe(201);
    expect((await api.call('POST', '/api/bookings', { ...ann, body: { deskId: 'f1-0-0', date: THURSDAY } })).status).toBe(201);
    expect((await api.call('POST', '/api/bookings', { ...dan, body: { deskId: 'f1-0-2', date: THURSDAY } })).status).toBe(201);

    const own = await floorFor(dan, undefined);
    expect(own.status).toBe(200);
    expect(desk(own.body, 'f1-0-2')).toMatchObject({ state: 'mine', bookingId: expect.any(String) });
    expect(desk(own.body, 'f1-0-0').state).toBe('taken');
    expect(desk(own.body, 'f1-1-0').state).toBe('unavailable');
    expect(own.body.forPerson).toBeUndefined();

    const hers = await floorFor(dan, 'ann');
    expect(hers.status).toBe(200);
    expect(desk(hers.body, 'f1-0-0')).toMatchObject({ state: 'mine', stateText: "Ann Owner's desk", reason: "Ann Owner's desk" });
    expect(desk(hers.body, 'f1-0-0').bookingId).toBeUndefined();
    expect(desk(hers.body, 'f1-0-2').state).toBe('taken');
    expect(desk(hers.body, 'f1-1-0').state).toBe('free');
    expect(hers.body.forPerson).toEqual({
      id: 'ann',
      name: 'Ann Owner',
      refusal: { code: 'ALREADY_BOOKED', message: 'Ann Owner already has desk 1.00 on Thursday 3 December: one desk a day.' },
    });
    // Nothing of Ann's reaches the text of the view beyond her desk's label.
    expect(hers.text).not.toContain((await api.call('GET', '/api/bookings', ann)).body[0].id);
  });

  it("says when Ann's weekly quota is used, in the caller's language, and that a day without a refusal has none", async () => {
    expect((await api.call('PUT', '/api/me/delegates/dan', { ...ann, body: { name: 'Dan' } })).status).toBe(201);
    const free = await floorFor(dan, 'ann');
    expect(free.body.forPerson).toEqual({ id: 'ann', name: 'Ann Owner' });

    for (const date of [WEDNESDAY, FRIDAY]) expect((await api.call('POST', '/api/bookings', { ...ann, body: { deskId: 'f1-0-1', date } })).status).toBe(201);
    const full = await api.call('GET', `/api/floors/f1?date=${THURSDAY}&forPersonId=ann`, { ...dan, locale: 'fr-BE' });
    expect(full.body.forPerson.refusal.code).toBe('QUOTA_EXCEEDED');
    // French puts a narrow no-break space before the colon.
    expect(full.body.forPerson.refusal.message.replace(/\s/gu, ' ')).toBe('Ann Owner ne peut plus réserver cette semaine : la limite est de 2 par semaine (semaine 49).');
    // Dan's own day is not limited by Ann's quota.
    expect((await floorFor(dan, undefined)).body.forPerson).toBeUndefined();
  });

  it('refuses 403 NOT_ALLOWED to a stranger, the other way round, and after the delegation is withdrawn', async () => {
    expect((await api.call('PUT', '/api/me/delegates/dan', { ...ann, body: { name: 'Dan' } })).status).toBe(201);
    expect((await floorFor(dan, 'ann')).status).toBe(200);

    const stranger = await floorFor({ user: 'eve', name: 'Eve' }, 'ann');
    expect(stranger.status).toBe(403);
    expect(stranger.body.code).toBe('NOT_ALLOWED');
    const reverse = await floorFor(ann, 'dan');
    expect(reverse.status).toBe(403);
    expect(reverse.body.code).toBe('NOT_ALLOWED');

    expect((await api.call('DELETE', '/api/me/delegates/dan', ann)).status).toBe(204);
    const withdrawn = await floorFor(dan, 'ann');
    expect(withdrawn.status).toBe(403);
    expect(withdrawn.body).toMatchObject({ code: 'NOT_ALLOWED' });
    expect(withdrawn.body.desks).toBeUndefined();
  });

  it('lets an admin see anyone\'s day (as an admin may book for anyone), and asking for oneself is one\'s own view', async () => {
    // Ann's groups are known once her own token has been seen.
    expect((await api.call('GET', '/api/me', ann)).status).toBe(200);
    const admin = await floorFor({ user: 'fm', name: 'Facility', roles: 'admin' }, 'ann');
    expect(admin.status).toBe(200);
    expect(admin.body.forPerson).toEqual({ id: 'ann' });
    expect(desk(admin.body, 'f1-1-0').state).toBe('free');
    const self = await floorFor(ann, 'ann');
    expect(self.body.forPerson).toBeUndefined();
  });

  it("never answers a colleague's day with 304 for the caller's own version, and refuses a malformed id with 400", async () => {
    expect((await api.call('PUT', '/api/me/delegates/dan', { ...ann, body: { name: 'Dan' } })).status).toBe(201);
    const own = await floorFor(dan, undefined);
    const etag = own.headers.get('etag');
    expect(etag).toBeTruthy();
    const hers = await floorFor(dan, 'ann', { 'if-none-match': etag! });
    expect(hers.status).toBe(200);
    expect(hers.body.forPerson).toMatchObject({ id: 'ann' });

    const bad = await floorFor(dan, 'ann smith');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('forPersonId');
  });
});
