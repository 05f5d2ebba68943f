import { startBotServer, type BotServer } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { azuriteHarness } from '../support/stores';
import { VERSION_TTL_MS } from '../../src/api/conditional-get';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 4 }, bookableWeekdays: [1, 2, 3, 4, 5] } });

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

describe('what the booking tab reads and does beyond the REST API of DESIGN.md', () => {
  let api: BotServer;
  beforeEach(async () => {
    api = await startBotServer(await azuriteHarness(), [catalog], NOW);
  });
  afterEach(() => api.close());

  async function call(method: string, path: string, user: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { 'x-dev-user': user, ...(opts.headers ?? {}) };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${api.url}${path}`, { method, headers, ...(opts.body !== undefined && { body: JSON.stringify(opts.body) }) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  describe('GET /api/floors/{floorId}/days', () => {
    it('counts the desks free for the caller on every day of the window, and marks weekends as not bookable', async () => {
      const before = await call('GET', '/api/floors/f1/days', 'alice');
      expect(before.status).toBe(200);
      expect(before.body.today).toBe('2026-12-01');
      const day = (d: string) => before.body.days.find((x: { date: string }) => x.date === d);
      expect(day('2026-12-01')).toEqual({ date: '2026-12-01', bookable: true, free: 40, total: 40 });
      expect(day('2026-12-05')).toMatchObject({ date: '2026-12-05', bookable: false });
      expect(before.body.days[before.body.days.length - 1].date).toBe(before.body.lastBookableDate);

      expect((await call('POST', '/api/bookings', 'bob', { body: { deskId: 'f1-0-5', date: '2026-12-03' } })).status).toBe(201);
      const after = await call('GET', '/api/floors/f1/days', 'alice');
      const thursday = after.body.days.find((x: { date: string }) => x.date === '2026-12-03');
      // Bob's desk and its neighbours closer than 1.5 m are no longer free for Alice.
      expect(thursday.free).toBeLessThan(39);
      expect(thursday.mineDeskId).toBeUndefined();
      const bobs = await call('GET', '/api/floors/f1/days', 'bob');
      expect(bobs.body.days.find((x: { date: string }) => x.date === '2026-12-03').mineDeskId).toBe('f1-0-5');
    });

    it('answers 404 for a floor that does not exist', async () => {
      expect((await call('GET', '/api/floors/nope/days', 'alice')).status).toBe(404);
    });
  });

  describe('POST /api/bookings/{id}/move', () => {
    it('moves one’s booking to a free desk the same day', async () => {
      const booked = await call('POST', '/api/bookings', 'carol', { body: { deskId: 'f1-0-0', date: '2026-12-03' } });
      const moved = await call('POST', `/api/bookings/${booked.body.id}/move`, 'carol', { body: { deskId: 'f1-1-19', requestId: 'move-1' } });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ deskId: 'f1-1-19', date: '2026-12-03', status: 'booked' });
      const mine = (await call('GET', '/api/bookings', 'carol')).body.filter((b: { status: string }) => b.status === 'booked');
      expect(mine.map((b: { deskId: string }) => b.deskId)).toEqual(['f1-1-19']);
    });

    it('keeps the old desk when the new one is refused, and says why', async () => {
      await call('POST', '/api/bookings', 'dan', { body: { deskId: 'f1-1-10', date: '2026-12-03' } });
      const booked = await call('POST', '/api/bookings', 'erin', { body: { deskId: 'f1-0-0', date: '2026-12-03' } });
      const refused = await call('POST', `/api/bookings/${booked.body.id}/move`, 'erin', { body: { deskId: 'f1-1-10' } });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('DESK_TAKEN');
      const mine = (await call('GET', '/api/bookings', 'erin')).body.filter((b: { status: string }) => b.status === 'booked');
      expect(mine.map((b: { deskId: string }) => b.deskId)).toEqual(['f1-0-0']);
    });

    it('refuses to move someone else’s booking', async () => {
      const booked = await call('POST', '/api/bookings', 'fay', { body: { deskId: 'f1-0-0', date: '2026-12-03' } });
      const r = await call('POST', `/api/bookings/${booked.body.id}/move`, 'gus', { body: { deskId: 'f1-1-19' } });
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('NOT_ALLOWED');
    });

    it('checks its input', async () => {
      const booked = await call('POST', '/api/bookings', 'hal', { body: { deskId: 'f1-0-0', date: '2026-12-03' } });
      expect((await call('POST', `/api/bookings/${booked.body.id}/move`, 'hal', { body: { deskId: 'bad desk' } })).status).toBe(400);
      expect((await call('POST', `/api/bookings/${booked.body.id}/move`, 'hal', { body: { deskId: 'f1-1-19', extra: 1 } })).status).toBe(400);
    });
  });

  describe('conditional GET of a floor', () => {
    it('answers 304 to the current ETag, and 200 with a new one once the floor changed', async () => {
      const first = await call('GET', '/api/floors/f1?date=2026-12-03', 'ivy');
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"f-/);
      const same = await fetch(`${api.url}/api/floors/f1?date=2026-12-03`, { headers: { 'x-dev-user': 'ivy', 'if-none-match': etag! } });
      expect(same.status).toBe(304);
      expect(await same.text()).toBe('');
      // Another person's ETag differs: their "mine" is not Ivy's.
      expect((await call('GET', '/api/floors/f1?date=2026-12-03', 'jon')).headers.get('etag')).not.toBe(etag);

      await call('POST', '/api/bookings', 'jon', { body: { deskId: 'f1-0-0', date: '2026-12-03' } });
      // The ledger versions behind the ETag may be this old.
      await new Promise((r) => setTimeout(r, VERSION_TTL_MS + 100));
      const changed = await fetch(`${api.url}/api/floors/f1?date=2026-12-03`, { headers: { 'x-dev-user': 'ivy', 'if-none-match': etag! } });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      const body = (await changed.json()) as { desks: { id: string; state: string }[] };
      expect(body.desks.find((d) => d.id === 'f1-0-0')!.state).toBe('taken');
    });
  });
});
