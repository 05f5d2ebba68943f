import { startBotServer, type BotServer } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const DAY = '2026-12-03';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 4 }, bookableWeekdays: [1, 2, 3, 4, 5] } });

interface FloorBody {
  desks: { id: string; state: string; reason: string; bookingId?: string }[];
  zones: { id: string; booked: number }[];
}

/**
 * The floor the tab reads is built once per set of ledger versions and shared (issue 10 §7, the morning rush):
 * sharing must never show one person another's view, a stale view of their own change, or another language.
 */
describe('the floor view, built once and shared by everyone who reads it', () => {
  let h: StoreHarness;
  let api: BotServer;
  beforeEach(async () => {
    h = await azuriteHarness();
    api = await startBotServer(h, [catalog], NOW);
  });
  afterEach(() => api.close());

  async function floor(user: string, language = 'en'): Promise<FloorBody> {
    const res = await fetch(`${api.url}/api/floors/f1?date=${DAY}`, { headers: { 'x-dev-user': user, 'accept-language': language } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return (await res.json()) as FloorBody;
  }

  async function book(user: string, deskId: string): Promise<string> {
    const res = await fetch(`${api.url}/api/bookings`, {
      method: 'POST',
      headers: { 'x-dev-user': user, 'content-type': 'application/json' },
      body: JSON.stringify({ deskId, date: DAY, requestId: `${user}-${deskId}` }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  const stateOf = (body: FloorBody, deskId: string) => body.desks.find((d) => d.id === deskId)?.state;

  it('shows a booking at once to the person who made it (mine) and to everyone else (taken), read right after it', async () => {
    // Both views are built and cached before the booking.
    expect(stateOf(await floor('alice'), 'f1-0-0')).toBe('free');
    expect(stateOf(await floor('bob'), 'f1-0-0')).toBe('free');
    const bookingId = await book('bob', 'f1-0-0');
    const bobs = await floor('bob');
    expect(bobs.desks.find((d) => d.id === 'f1-0-0')).toMatchObject({ state: 'mine', bookingId });
    expect(bobs.zones.find((z) => z.id === 'f1-z0')?.booked).toBe(1);
    const alices = await floor('alice');
    expect(stateOf(alices, 'f1-0-0')).toBe('taken');
    expect(alices.desks.find((d) => d.id === 'f1-0-0')?.bookingId).toBeUndefined();
    // Bob's own view was not handed to Carol, nor Carol's to Bob.
    expect(stateOf(await floor('carol'), 'f1-0-0')).toBe('taken');
    expect(stateOf(await floor('bob'), 'f1-0-0')).toBe('mine');
  });

  it('keeps one body per language', async () => {
    await book('bob', 'f1-0-0');
    const en = await floor('alice', 'en');
    const fr = await floor('alice', 'fr-BE');
    const reasonEn = en.desks.find((d) => d.id === 'f1-0-0')!.reason;
    const reasonFr = fr.desks.find((d) => d.id === 'f1-0-0')!.reason;
    expect(reasonFr).not.toBe(reasonEn);
    expect((await floor('carol', 'en')).desks.find((d) => d.id === 'f1-0-0')!.reason).toBe(reasonEn);
  });

  it('shows a cancellation at once', async () => {
    const bookingId = await book('bob', 'f1-0-0');
    expect(stateOf(await floor('alice'), 'f1-0-0')).toBe('taken');
    const res = await fetch(`${api.url}/api/bookings/${bookingId}`, { method: 'DELETE', headers: { 'x-dev-user': 'bob' } });
    expect(res.status).toBe(204);
    expect(stateOf(await floor('alice'), 'f1-0-0')).toBe('free');
  });
});
