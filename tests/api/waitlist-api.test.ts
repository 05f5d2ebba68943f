import type { ProactiveMessage } from '../../src/use-cases/reminders/reminder-ports';
import { runOfferPass, type OfferDeps } from '../../src/use-cases/waitlist-offers';
import { startBotServer, type BotServer } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';
import { offerPassDeps } from '../support/offer-pass';
import { azuriteHarness, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels; the day in question is Thursday 3 December.
const NOW = '2026-12-01T08:00:00Z';
const DAY = '2026-12-03';
// Two desks 2 m apart in one zone of capacity 2, and one standing desk in a zone of its own: easy to fill.
const catalog = gridCatalog({ zones: 2, cols: 2, rows: 1, pitch: 2, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 2 } } });

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('the waitlist API (/api/waitlist), over HTTP on Azurite', () => {
  let h: StoreHarness;
  let api: BotServer;
  beforeEach(async () => {
    h = await azuriteHarness();
    api = await startBotServer(h, [catalog], NOW);
  });
  afterEach(() => api.close());

  async function call(method: string, path: string, user: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: { 'x-dev-user': user, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async function fillTheDay(): Promise<Record<string, string>> {
    const ids: Record<string, string> = {};
    for (const [user, deskId] of [['alice', 'f1-0-0'], ['bob', 'f1-0-1'], ['zoe', 'f1-1-0'], ['yan', 'f1-1-1']] as const) {
      const r = await call('POST', '/api/bookings', user, { deskId, date: DAY });
      expect(r.status).toBe(201);
      ids[user] = r.body.id;
    }
    return ids;
  }

  it('puts people in line in the order they ask, keeps a place asked for twice, and lists only the caller’s', async () => {
    await fillTheDay();
    const carol = await call('POST', '/api/waitlist', 'carol', { date: DAY });
    expect(carol.status).toBe(201);
    expect(carol.body).toMatchObject({ id: expect.stringMatching(/^2026-12-03\./), position: 1, date: DAY, state: 'waiting' });
    const dave = await call('POST', '/api/waitlist', 'dave', { date: DAY, zoneId: 'f1-z1', attributes: ['monitor'] });
    expect(dave.body).toMatchObject({ position: 2, zoneId: 'f1-z1', attributes: ['monitor'] });
    const again = await call('POST', '/api/waitlist', 'carol', { date: DAY });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: carol.body.id, position: 1 });

    expect((await call('GET', '/api/waitlist', 'dave')).body).toEqual([expect.objectContaining({ id: dave.body.id, position: 2 })]);
    expect((await call('GET', '/api/waitlist', 'erin')).body).toEqual([]);
  });

  it('answers a bad body with 400 naming the field, in the caller’s language', async () => {
    const fr = { 'accept-language': 'fr-BE' };
    const cases: [unknown, string][] = [
      [{}, 'date'],
      [{ date: '2026-02-30' }, 'date'],
      [{ date: DAY, zoneId: 'no/such' }, 'zoneId'],
      [{ date: DAY, zoneId: 'nowhere' }, 'zoneId'],
      [{ date: DAY, siteId: 'atlantis' }, 'siteId'],
      [{ date: DAY, attributes: ['jacuzzi'] }, 'attributes'],
      [{ date: DAY, userId: 'someone-else' }, 'userId'],
    ];
    for (const [body, field] of cases) {
      const r = await call('POST', '/api/waitlist', 'carol', body, fr);
      expect([JSON.stringify(body), r.status, r.body.code, r.body.field]).toEqual([JSON.stringify(body), 400, 'INVALID_INPUT', field]);
      expect(r.body.message).toMatch(/La demande n.est pas valide/);
      expect(r.body.message).toContain(field);
    }
  });

  it('refuses as a booking would: a person who has a desk that day, or a day outside the window', async () => {
    await fillTheDay();
    expect((await call('POST', '/api/waitlist', 'alice', { date: DAY })).body.code).toBe('ALREADY_BOOKED');
    const past = await call('POST', '/api/waitlist', 'carol', { date: '2026-11-30' });
    expect([past.status, past.body.code]).toEqual([409, 'OUTSIDE_WINDOW']);
  });

  it('refuses with 409 DESKS_FREE, in the caller’s language, a day when desks that suit them are free, and names them', async () => {
    const r = await call('POST', '/api/waitlist', 'carol', { date: DAY }, { 'accept-language': 'fr-BE' });
    expect([r.status, r.body.code]).toEqual([409, 'DESKS_FREE']);
    expect(r.body.message).toMatch(/4 bureaux qui vous conviennent sont encore libres le jeudi 3 décembre/);
    expect(r.body.alternatives).toHaveLength(3);
    expect(r.body.alternatives[0]).toMatchObject({ kind: 'desk', date: DAY, deskId: expect.stringMatching(/^f1-/) });
    expect((await call('GET', '/api/waitlist', 'carol')).body).toEqual([]);
  });

  it('accepts a wait for a full zone while the other zone has room', async () => {
    await call('POST', '/api/bookings', 'alice', { deskId: 'f1-0-0', date: DAY });
    await call('POST', '/api/bookings', 'bob', { deskId: 'f1-0-1', date: DAY });
    const full = await call('POST', '/api/waitlist', 'carol', { date: DAY, zoneId: 'f1-z0' });
    expect([full.status, full.body.position]).toEqual([201, 1]);
    const open = await call('POST', '/api/waitlist', 'dave', { date: DAY, zoneId: 'f1-z1' });
    expect([open.status, open.body.code, open.body.alternatives.map((a: { deskId: string }) => a.deskId).sort()]).toEqual([409, 'DESKS_FREE', ['f1-1-0', 'f1-1-1']]);
  });

  it('lets only the owner leave (403 for others, in their language), and says 404 for an unknown entry', async () => {
    await fillTheDay();
    const carol = await call('POST', '/api/waitlist', 'carol', { date: DAY });
    const dave = await call('POST', '/api/waitlist', 'dave', { date: DAY });
    const forbidden = await call('DELETE', `/api/waitlist/${carol.body.id}`, 'dave', undefined, { 'accept-language': 'nl' });
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 'NOT_ALLOWED']);
    expect(forbidden.body.message).toMatch(/wachtlijst/);
    expect((await call('DELETE', '/api/waitlist/2026-12-03.nosuchentry', 'carol')).status).toBe(404);
    expect((await call('DELETE', '/api/waitlist/not-an-id', 'carol')).status).toBe(404);

    expect((await call('DELETE', `/api/waitlist/${carol.body.id}`, 'carol')).status).toBe(204);
    expect((await call('GET', '/api/waitlist', 'carol')).body).toEqual([]);
    // Dave moves up.
    expect((await call('GET', '/api/waitlist', 'dave')).body).toEqual([expect.objectContaining({ id: dave.body.id, position: 1 })]);
  });

  it('holds a freed desk for the first in line only, who books it from the tab; no one else can take it meanwhile', async () => {
    const bookings = await fillTheDay();
    const carol = await call('POST', '/api/waitlist', 'carol', { date: DAY });
    await call('POST', '/api/waitlist', 'dave', { date: DAY });
    expect((await call('DELETE', `/api/bookings/${bookings['alice']}`, 'alice')).status).toBe(204);

    const sent: ProactiveMessage[] = [];
    const offers = await offerDeps(h, api, sent);
    const report = await runOfferPass(offers);
    expect(report).toMatchObject({ placed: 1, sent: 1 });
    expect(sent).toEqual([expect.objectContaining({ kind: 'waitlist-offer', entryId: carol.body.id, booking: expect.objectContaining({ userId: 'carol', deskId: 'f1-0-0' }) })]);

    const listed = (await call('GET', '/api/waitlist', 'carol')).body;
    expect(listed).toEqual([expect.objectContaining({ id: carol.body.id, state: 'offered', offer: expect.objectContaining({ deskId: 'f1-0-0' }) })]);
    // The held desk is taken for everyone else, on the map and when booking.
    const map = (await call('GET', `/api/floors/f1?date=${DAY}`, 'erin')).body;
    expect(map.desks.find((d: { id: string }) => d.id === 'f1-0-0').state).toBe('taken');
    expect((await call('POST', '/api/bookings', 'erin', { deskId: 'f1-0-0', date: DAY })).body.code).toBe('DESK_TAKEN');
    // Only Carol can answer her offer.
    expect((await call('POST', `/api/waitlist/${carol.body.id}/accept`, 'dave')).status).toBe(404);

    const booked = await call('POST', `/api/waitlist/${carol.body.id}/accept`, 'carol');
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ deskId: 'f1-0-0', date: DAY, userId: 'carol', status: 'booked' });
    expect((await call('GET', '/api/waitlist', 'carol')).body).toEqual([]);
    // A second click finds the same booking.
    expect((await call('POST', `/api/waitlist/${carol.body.id}/accept`, 'carol')).body.id).toBe(booked.body.id);

    const report2 = await runOfferPass(offers);
    expect(report2.placed).toBe(0);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [catalog])).violations).toEqual([]);
  });

  it('passes an offer that runs out, or is declined, to the next in line', async () => {
    const bookings = await fillTheDay();
    const carol = await call('POST', '/api/waitlist', 'carol', { date: DAY });
    const dave = await call('POST', '/api/waitlist', 'dave', { date: DAY });
    const erin = await call('POST', '/api/waitlist', 'erin', { date: DAY });
    await call('DELETE', `/api/bookings/${bookings['bob']}`, 'bob');
    const sent: ProactiveMessage[] = [];
    const offers = await offerDeps(h, api, sent);
    await runOfferPass(offers);
    api.clock.advance(16 * 60_000);
    const report = await runOfferPass(offers);
    expect(report).toMatchObject({ expired: 1, placed: 1 });
    expect(sent.map((m) => (m.kind === 'waitlist-offer' ? m.entryId : ''))).toEqual([carol.body.id, dave.body.id]);
    expect((await call('POST', `/api/waitlist/${carol.body.id}/accept`, 'carol')).body.code).toBe('OFFER_ENDED');

    const declined = await call('POST', `/api/waitlist/${dave.body.id}/decline`, 'dave');
    expect(declined.body.state).toBe('declined');
    await runOfferPass(offers);
    expect(sent.map((m) => (m.kind === 'waitlist-offer' ? m.entryId : ''))).toEqual([carol.body.id, dave.body.id, erin.body.id]);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [catalog])).violations).toEqual([]);
  });

  it('passes a held desk on at once when its person books another desk meanwhile', async () => {
    const bookings = await fillTheDay();
    const carol = await call('POST', '/api/waitlist', 'carol', { date: DAY });
    const erin = await call('POST', '/api/waitlist', 'erin', { date: DAY, zoneId: 'f1-z0' });
    await call('DELETE', `/api/bookings/${bookings['alice']}`, 'alice');
    const sent: ProactiveMessage[] = [];
    const offers = await offerDeps(h, api, sent);
    await runOfferPass(offers);
    // Carol holds f1-0-0; a desk in the other zone frees up and she books it herself.
    await call('DELETE', `/api/bookings/${bookings['zoe']}`, 'zoe');
    expect((await call('POST', '/api/bookings', 'carol', { deskId: 'f1-1-0', date: DAY })).status).toBe(201);
    const report = await runOfferPass(offers);
    expect(report).toMatchObject({ booked: 1, placed: 1 });
    expect(sent.map((m) => (m.kind === 'waitlist-offer' ? [m.entryId, m.booking.deskId] : []))).toEqual([
      [carol.body.id, 'f1-0-0'],
      [erin.body.id, 'f1-0-0'],
    ]);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [catalog])).violations).toEqual([]);
  });
});

/** The offer pass as a server instance runs it, over the same tables, with a notifier that records what it sends. */
function offerDeps(h: StoreHarness, api: BotServer, sent: ProactiveMessage[]): Promise<OfferDeps> {
  return offerPassDeps(h, api.clock, sent, { ids: 'pass', instanceId: 'test-pass' });
}
