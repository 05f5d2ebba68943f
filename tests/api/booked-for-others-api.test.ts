import nock from 'nock';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { personalConversationId, referenceFor } from '../use-cases/reminders/support/reminder-world';
import { asAdmin, fakeConnector, startAdminServer, type AdminServer } from './admin-harness';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const WEDNESDAY = '2026-12-02';
const THURSDAY = '2026-12-03';
const FRIDAY = '2026-12-04';
const catalog = gridCatalog({ zones: 1, cols: 4, rows: 4, pitch: 2, policy: { minDistanceM: 1.5 } });

describe('a delegate lists and cancels the bookings they made for a colleague, through the real server on Azurite', () => {
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
    for (const u of ['ann', 'bob', 'dan']) await api.tables.conversations.save(u, referenceFor(u, u === 'ann' ? 'fr-BE' : 'en-US'));
  });
  afterEach(async () => {
    connector.done();
    await api.close();
  });

  const ann = { user: 'ann', name: 'Ann Owner' };
  const bob = { user: 'bob', name: 'Bob Other' };
  const dan = { user: 'dan', name: 'Dan Delegate' };
  const cancelCardsTo = (userId: string) =>
    connector.cards.filter((c) => c.conversationId === personalConversationId(userId) && /annulé|cancelled/.test(c.text) && !/a été réservé pour vous/.test(c.text));
  const book = async (who: { user: string; name: string }, deskId: string, date: string, forPersonId?: string) => {
    const r = await api.call('POST', '/api/bookings', { ...who, body: { deskId, date, ...(forPersonId && { forPersonId }) } });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };

  it('lists only what Dan booked for colleagues who delegate to him, a page at a time, with their names', async () => {
    await api.call('PUT', '/api/me/delegates/dan', ann);
    await api.call('PUT', '/api/me/delegates/dan', bob);
    const annThu = await book(dan, 'f1-0-0', THURSDAY, 'ann');
    const bobThu = await book(dan, 'f1-0-2', THURSDAY, 'bob');
    const annFri = await book(dan, 'f1-0-0', FRIDAY, 'ann');
    await book(dan, 'f1-0-8', THURSDAY); // his own
    await book(ann, 'f1-0-0', WEDNESDAY); // hers, made by herself

    const all = await api.call('GET', '/api/me/booked-for', dan);
    expect(all.status).toBe(200);
    expect(all.body.map((b: { id: string }) => b.id)).toEqual([annThu, bobThu, annFri].sort());
    expect(all.body[all.body.length - 1]).toMatchObject({ id: annFri, userId: 'ann', ownerName: 'Ann Owner', bookedBy: 'dan', deskLabel: '1.00', date: FRIDAY });

    // Two bookings on Thursday: a page of 1 still ends on a day boundary, so the cursor (a day) loses neither.
    const first = await api.call('GET', '/api/me/booked-for?limit=1', dan);
    expect(first.body.map((b: { date: string }) => b.date)).toEqual([THURSDAY, THURSDAY]);
    const cursor = first.headers.get('x-next-cursor');
    expect(first.headers.get('link')).toBe(`</api/me/booked-for?cursor=${cursor}&limit=1>; rel="next"`);
    const second = await api.call('GET', `/api/me/booked-for?limit=1&cursor=${cursor}`, dan);
    expect(second.body.map((b: { id: string }) => b.id)).toEqual([annFri]);

    // Ann made none for anyone; once Bob withdraws, his booking leaves Dan's list (it stays Bob's).
    expect((await api.call('GET', '/api/me/booked-for', ann)).body).toEqual([]);
    expect((await api.call('DELETE', '/api/me/delegates/dan', bob)).status).toBe(204);
    expect((await api.call('GET', '/api/me/booked-for', dan)).body.map((b: { id: string }) => b.id)).toEqual([annThu, annFri]);
    expect((await api.call('GET', `/api/bookings?from=${THURSDAY}&to=${THURSDAY}`, bob)).body.map((b: { id: string }) => b.id)).toEqual([bobThu]);
  });

  it('Dan cancels a booking he made for Ann; she is told once, in French, by name; a repeat tells nobody again', async () => {
    await api.call('PUT', '/api/me/delegates/dan', ann);
    const id = await book(dan, 'f1-0-0', THURSDAY, 'ann');
    expect((await api.call('DELETE', `/api/bookings/${id}`, dan)).status).toBe(204);
    // A retry of the same DELETE (its answer lost) is the success it was, and sends nothing more.
    expect((await api.call('DELETE', `/api/bookings/${id}`, dan)).status).toBe(204);
    const cards = cancelCardsTo('ann');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.text).toContain('Un bureau réservé pour vous a été annulé');
    expect(cards[0]!.text).toContain('Dan Delegate');
    expect(cancelCardsTo('dan')).toHaveLength(0);
    const row = await h.reservations.getBooking(id);
    expect(row?.booking).toMatchObject({ status: 'released', releaseReason: 'cancelled', releasedBy: 'dan' });
    expect((await api.call('GET', '/api/me/booked-for', dan)).body).toEqual([]);
    // The desk is free at once: Ann can book it again herself.
    expect((await api.call('POST', '/api/bookings', { ...ann, body: { deskId: 'f1-0-0', date: THURSDAY } })).status).toBe(201);
  });

  it('refuses with 403 once the delegation is withdrawn, and for any booking Dan did not make, saying nothing of it', async () => {
    await api.call('PUT', '/api/me/delegates/dan', ann);
    const madeByDan = await book(dan, 'f1-0-0', THURSDAY, 'ann');
    const hersAlone = await book(ann, 'f1-0-5', FRIDAY);
    const bobs = await book(bob, 'f1-0-10', FRIDAY);

    // Ann's own booking stays hers to cancel, even while Dan may book for her.
    const own = await api.call('DELETE', `/api/bookings/${hersAlone}`, { ...dan, locale: 'de' });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('NOT_ALLOWED');
    // Someone else's booking: the same answer as Ann's, naming neither desk, day nor person.
    const stranger = await api.call('DELETE', `/api/bookings/${bobs}`, { ...dan, locale: 'de' });
    expect(stranger.status).toBe(403);
    expect(stranger.body).toEqual(own.body);
    for (const leak of ['bob', '1.10', FRIDAY, '4 décembre', '4. Dezember']) expect(stranger.text).not.toContain(leak);
    // An id nobody holds is a 404 (ids are 20 random characters: a 403 teaches nothing to someone without the id).
    expect((await api.call('DELETE', `/api/bookings/${THURSDAY}.zzzzzzzzzzzzzzzzzzzz`, dan)).status).toBe(404);

    expect((await api.call('DELETE', '/api/me/delegates/dan', ann)).status).toBe(204);
    const withdrawn = await api.call('DELETE', `/api/bookings/${madeByDan}`, dan);
    expect(withdrawn.status).toBe(403);
    expect(withdrawn.body.code).toBe('NOT_ALLOWED');
    expect((await h.reservations.getBooking(madeByDan))?.booking.status).toBe('booked');
    expect((await api.call('GET', '/api/me/booked-for', dan)).body).toEqual([]);
    expect(cancelCardsTo('ann')).toHaveLength(0);
  });

  it('an admin lists what they booked for anyone, and cancelling it tells the owner who did', async () => {
    const id = (await api.call('POST', '/api/bookings', asAdmin({ body: { deskId: 'f1-0-5', date: THURSDAY, forPersonId: 'bob' } }))).body.id as string;
    await book(bob, 'f1-0-0', FRIDAY);
    const listed = await api.call('GET', '/api/me/booked-for', asAdmin());
    expect(listed.body.map((b: { id: string; userId: string }) => [b.id, b.userId])).toEqual([[id, 'bob']]);
    expect((await api.call('DELETE', `/api/bookings/${id}`, asAdmin())).status).toBe(204);
    const cards = cancelCardsTo('bob');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.text).toContain('A desk booked for you was cancelled');
    expect(cards[0]!.text).toContain('Fiona Manager');
  });

  it('a card Teams throttled is sent by another instance’s notice job, with reminders off, once', async () => {
    connector.done();
    const sent: string[] = [];
    let n = 0;
    nock('https://smba.trafficmanager.net')
      .persist()
      .post(/\/v3\/conversations\/[^/]+\/activities$/)
      .reply(() => {
        if (++n === 1) return [429, { error: { code: 'throttled' } }, { 'Retry-After': '600' }];
        sent.push('card');
        return [201, { id: `act-${n}` }];
      });
    await api.call('PUT', '/api/me/delegates/dan', ann);
    const id = await book(dan, 'f1-0-0', THURSDAY, 'ann');
    expect(sent).toHaveLength(0);
    const pending = (await api.tables.claims.listDay(THURSDAY)).filter((c) => c.kind === 'booked-for');
    expect(pending.map((c) => [c.bookingId, c.state, c.owner])).toEqual([[id, 'pending', '']]);

    // Eleven minutes later a second instance starts (no reminder settings at all): its notice job sends the card.
    const other = await startAdminServer(h, [], new Date(Date.parse(NOW) + 11 * 60_000).toISOString(), api.tables);
    try {
      const deadline = Date.now() + 15_000;
      while (sent.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300));
      expect(sent).toHaveLength(1);
      expect((await api.tables.claims.listDay(THURSDAY)).filter((c) => c.kind === 'booked-for').map((c) => c.state)).toEqual(['sent']);
    } finally {
      await other.close();
    }
  });
});
