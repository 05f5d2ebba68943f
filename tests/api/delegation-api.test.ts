import nock from 'nock';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { personalConversationId, referenceFor } from '../use-cases/reminders/support/reminder-world';
import { asAdmin, fakeConnector, startAdminServer, type AdminServer } from './admin-harness';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const WEDNESDAY = '2026-12-02';
const THURSDAY = '2026-12-03';
// Desks 2 m apart (only the person's own rules can refuse), at most two bookings a week each.
const catalog = gridCatalog({ zones: 1, cols: 4, rows: 4, pitch: 2, policy: { minDistanceM: 1.5, weeklyQuota: 2 } });

describe('booking for a colleague who delegated (issue 17 §3), through the real server on Azurite', () => {
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
    for (const u of ['ann', 'dan']) await api.tables.conversations.save(u, referenceFor(u, u === 'ann' ? 'fr-BE' : 'en-US'));
  });
  afterEach(async () => {
    connector.done();
    await api.close();
  });

  const ann = { user: 'ann', name: 'Ann Owner' };
  const dan = { user: 'dan', name: 'Dan Delegate' };
  const cardsTo = (userId: string) => connector.cards.filter((c) => c.conversationId === personalConversationId(userId));

  it('Ann lets Dan book for her; his booking is hers (her quota, her one desk a day), records him, and she is told once in her language', async () => {
    expect((await api.call('PUT', '/api/me/delegates/dan', { ...ann, body: { name: 'Dan' } })).status).toBe(201);
    expect((await api.call('PUT', '/api/me/delegates/dan', { ...ann, body: { name: 'Dan D.' } })).status).toBe(200);
    const mine = await api.call('GET', '/api/me/delegates', ann);
    expect(mine.body).toEqual({ delegates: [{ id: 'dan', name: 'Dan D.', grantedAt: NOW.replace('Z', '.000Z') }], canBookFor: [] });
    const his = await api.call('GET', '/api/me/delegates', dan);
    expect(his.body).toEqual({ delegates: [], canBookFor: [{ id: 'ann', name: 'Ann Owner', grantedAt: NOW.replace('Z', '.000Z') }] });

    const booked = await api.call('POST', '/api/bookings', { ...dan, body: { deskId: 'f1-0-0', date: THURSDAY, forPersonId: 'ann', requestId: 'dan-for-ann-1' } });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ deskId: 'f1-0-0', date: THURSDAY, userId: 'ann', bookedBy: 'dan', status: 'booked' });
    // A retry of the same request answers the same booking and tells nobody again.
    const again = await api.call('POST', '/api/bookings', { ...dan, body: { deskId: 'f1-0-0', date: THURSDAY, forPersonId: 'ann', requestId: 'dan-for-ann-1' } });
    expect(again.body.id).toBe(booked.body.id);
    expect(cardsTo('ann')).toHaveLength(1);
    expect(cardsTo('dan')).toHaveLength(0);
    const card = cardsTo('ann')[0]!.text;
    expect(card).toContain('Un bureau a été réservé pour vous');
    expect(card).toContain('Dan Delegate');
    expect(card).toContain(booked.body.id);

    // It is Ann's booking: in her list, not in Dan's.
    const annList = await api.call('GET', `/api/bookings?from=${THURSDAY}&to=${THURSDAY}`, ann);
    expect(annList.body.map((b: { id: string }) => b.id)).toEqual([booked.body.id]);
    expect((await api.call('GET', `/api/bookings?from=${THURSDAY}&to=${THURSDAY}`, dan)).body).toEqual([]);

    // Her one desk a day: a second desk for her that day is refused; Dan's own day is untouched.
    const second = await api.call('POST', '/api/bookings', { ...dan, body: { deskId: 'f1-0-2', date: THURSDAY, forPersonId: 'ann' } });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('ALREADY_BOOKED');
    // Dan learns she has a desk that day, not her booking's id.
    expect(second.text).not.toContain(booked.body.id);
    expect((await api.call('POST', '/api/bookings', { ...dan, body: { deskId: 'f1-0-2', date: THURSDAY } })).status).toBe(201);

    // Her quota (2 a week): she books Wednesday herself; a third booking of her week, by Dan, is refused.
    expect((await api.call('POST', '/api/bookings', { ...ann, body: { deskId: 'f1-0-0', date: WEDNESDAY } })).status).toBe(201);
    const third = await api.call('POST', '/api/bookings', { ...dan, body: { deskId: 'f1-0-8', date: '2026-12-04', forPersonId: 'ann' } });
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('QUOTA_EXCEEDED');
  });

  it('refuses with 403 a booking for someone who did not name the caller, and after the delegation is withdrawn', async () => {
    const eve = await api.call('POST', '/api/bookings', { user: 'eve', locale: 'de', body: { deskId: 'f1-0-0', date: THURSDAY, forPersonId: 'ann' } });
    expect(eve.status).toBe(403);
    expect(eve.body.code).toBe('NOT_ALLOWED');
    expect(eve.body.message).toContain('Sie können nur für sich selbst buchen');

    await api.call('PUT', '/api/me/delegates/dan', ann);
    // A delegation goes one way: Ann may not book for Dan.
    expect((await api.call('POST', '/api/bookings', { ...ann, body: { deskId: 'f1-0-0', date: THURSDAY, forPersonId: 'dan' } })).status).toBe(403);
    expect((await api.call('DELETE', '/api/me/delegates/dan', ann)).status).toBe(204);
    expect((await api.call('DELETE', '/api/me/delegates/dan', ann)).status).toBe(404);
    // Dan cannot withdraw or grant on Ann's behalf: his DELETE names his own list, where Ann is not.
    expect((await api.call('POST', '/api/bookings', { ...dan, body: { deskId: 'f1-0-0', date: THURSDAY, forPersonId: 'ann' } })).status).toBe(403);
    // The identity is the token's alone: a user id in the body is refused, not obeyed.
    const spoof = await api.call('POST', '/api/bookings', { ...dan, body: { deskId: 'f1-0-0', date: THURSDAY, userId: 'ann' } });
    expect(spoof.status).toBe(400);
    const ledger = await h.reservations.readLedgers(THURSDAY, 'f1', ['f1-z0']);
    expect(ledger.flatMap((l) => l.entries)).toEqual([]);
    expect(connector.cards).toHaveLength(0);
  });

  it('lets an admin book for anyone, recorded as theirs', async () => {
    const r = await api.call('POST', '/api/bookings', asAdmin({ body: { deskId: 'f1-0-5', date: THURSDAY, forPersonId: 'ann' } }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ userId: 'ann', bookedBy: 'fm' });
    expect(cardsTo('ann')).toHaveLength(1);
    expect(cardsTo('ann')[0]!.text).toContain('Fiona Manager');
  });

  it('refuses to name oneself, and an id that is not a person id', async () => {
    expect((await api.call('PUT', '/api/me/delegates/ann', ann)).status).toBe(400);
    const bad = await api.call('PUT', '/api/me/delegates/a%20b', ann);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('id');
  });

  it('puts delegations in "my data" on both sides, and erasure removes them and the id Dan left on Ann\'s booking', async () => {
    await api.call('PUT', '/api/me/delegates/dan', { ...ann, body: { name: 'Dan' } });
    const booked = await api.call('POST', '/api/bookings', { ...dan, body: { deskId: 'f1-0-0', date: THURSDAY, forPersonId: 'ann' } });
    const annData = await api.call('GET', '/api/me/data', ann);
    expect(annData.body.delegations.given.map((d: { delegateId: string }) => d.delegateId)).toEqual(['dan']);
    const danData = await api.call('GET', '/api/me/data', dan);
    expect(danData.body.delegations.received.map((d: { ownerId: string }) => d.ownerId)).toEqual(['ann']);
    expect(danData.body.bookings.map((b: { id: string }) => b.id)).toEqual([booked.body.id]);

    const erased = await api.call('DELETE', '/api/admin/people/dan', asAdmin());
    expect(erased.status).toBe(200);
    expect(erased.body.delegationsDeleted).toBe(1);
    expect((await api.call('GET', '/api/me/delegates', ann)).body.delegates).toEqual([]);
    const row = await h.reservations.getBooking(booked.body.id);
    expect(row?.booking.userId).toBe('ann');
    expect(row?.booking.bookedBy).toMatch(/^anon-/);
  });
});
