import { checkInvariants } from '../support/invariant-checker';
import { startBotServer, type BotServer } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { demoCatalog } from '../../src/server/demo-site';
import { azuriteHarness, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 4 }, bookableWeekdays: [1, 2, 3, 4, 5] } });

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

describe('the REST API of the tab, over HTTP in dev mode', () => {
  let h: StoreHarness;
  let api: BotServer;
  beforeEach(async () => {
    h = await azuriteHarness();
    api = await startBotServer(h, [catalog], NOW);
  });
  afterEach(() => api.close());

  async function call(method: string, path: string, opts: { user?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.user !== null) headers['x-dev-user'] = opts.user ?? 'alice';
    let body: string | undefined;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(`${api.url}${path}`, { method, headers, ...(body !== undefined && { body }) });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  it('refuses every endpoint without an identity', async () => {
    for (const [method, path] of [['GET', '/api/me'], ['GET', '/api/sites'], ['GET', '/api/floors/f1'], ['POST', '/api/bookings'], ['GET', '/api/bookings'], ['DELETE', '/api/bookings/2026-12-03.abcdefgh12'], ['POST', '/api/bookings/2026-12-03.abcdefgh12/check-in']] as const) {
      const r = await call(method, path, { user: null, ...(method === 'POST' && { body: { deskId: 'f1-0-0', date: '2026-12-03' } }) });
      expect([method, path, r.status, r.body.code]).toEqual([method, path, 401, 'UNAUTHENTICATED']);
    }
  });

  it('answers /api/me and /api/sites', async () => {
    expect((await call('GET', '/api/me', { headers: { 'x-dev-roles': 'admin', 'x-dev-name': 'Alice', 'accept-language': 'fr-BE' } })).body).toEqual({ id: 'alice', name: 'Alice', roles: ['admin'], locale: 'fr' });
    expect((await call('GET', '/api/sites')).body).toEqual([
      {
        id: 'site-1',
        name: 'Test site',
        timeZone: 'Europe/Brussels',
        floors: [{ id: 'f1', name: 'Floor 1' }],
        bookingWindow: {
          today: '2026-12-01',
          firstBookableDate: '2026-12-01',
          lastBookableDate: '2026-12-15',
          horizonDays: 14,
          bookableWeekdays: [1, 2, 3, 4, 5],
          bookableDates: ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14', '2026-12-15'],
        },
      },
    ]);
  });

  it('books a desk, shows it as mine and its neighbour as too close with the reason, then cancels', async () => {
    const booked = await call('POST', '/api/bookings', { body: { deskId: 'f1-0-5', date: '2026-12-03', requestId: 'tab-1' } });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ deskId: 'f1-0-5', date: '2026-12-03', userId: 'alice', status: 'booked', id: expect.stringMatching(/^2026-12-03\./) });
    const again = await call('POST', '/api/bookings', { body: { deskId: 'f1-0-5', date: '2026-12-03', requestId: 'tab-1' } });
    expect(again.body.id).toBe(booked.body.id);

    const floor = (await call('GET', '/api/floors/f1?date=2026-12-03', { user: 'bob' })).body;
    expect(floor).toMatchObject({ floor: { id: 'f1', siteId: 'site-1' }, date: '2026-12-03', policy: { minDistanceM: 1.5, checkInDeadline: '10:00', horizonDays: 14 } });
    const desk = (id: string) => floor.desks.find((d: { id: string }) => d.id === id);
    expect(desk('f1-0-5')).toMatchObject({ state: 'taken' });
    expect(desk('f1-0-6')).toMatchObject({ state: 'too-close', reason: '1 m from a booked desk; the minimum is 1.5 m' });
    expect(floor.zones.find((z: { id: string }) => z.id === 'f1-z0')).toMatchObject({ capacity: 4, booked: 1 });
    const mine = (await call('GET', '/api/floors/f1?date=2026-12-03')).body.desks.find((d: { id: string }) => d.id === 'f1-0-5');
    expect(mine).toMatchObject({ state: 'mine', bookingId: booked.body.id });

    expect((await call('GET', '/api/bookings?from=2026-12-01&to=2026-12-10')).body.map((b: { id: string }) => b.id)).toEqual([booked.body.id]);
    expect((await call('DELETE', `/api/bookings/${booked.body.id}`, { user: 'bob' })).status).toBe(403);
    expect((await call('DELETE', `/api/bookings/${booked.body.id}`, { user: 'carol', headers: { 'x-dev-roles': 'admin' } })).status).toBe(204);
    expect((await call('GET', '/api/bookings')).body).toEqual([]);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [catalog])).violations).toEqual([]);
  });

  it('refuses with 409, the rule in the caller language and alternatives', async () => {
    await call('POST', '/api/bookings', { body: { deskId: 'f1-0-5', date: '2026-12-03' } });
    const r = await call('POST', '/api/bookings', { user: 'bob', body: { deskId: 'f1-0-6', date: '2026-12-03' }, headers: { 'accept-language': 'nl-BE' } });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('TOO_CLOSE');
    expect(r.body.message).toMatch(/1,5 m/);
    expect(r.body.alternatives.length).toBeGreaterThan(0);
    expect(r.body.alternatives[0]).toMatchObject({ deskId: expect.any(String), text: expect.any(String) });
  });

  it('checks in only on the day and only the owner', async () => {
    const today = (await call('POST', '/api/bookings', { body: { deskId: 'f1-0-0', date: '2026-12-01' } })).body;
    const later = (await call('POST', '/api/bookings', { body: { deskId: 'f1-0-0', date: '2026-12-02' } })).body;
    expect((await call('POST', `/api/bookings/${today.id}/check-in`, { user: 'bob' })).status).toBe(403);
    expect((await call('POST', `/api/bookings/${later.id}/check-in`)).body.code).toBe('OUTSIDE_WINDOW');
    const ok = await call('POST', `/api/bookings/${today.id}/check-in`);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('checked-in');
  });

  it.each([
    ['garbled JSON', { raw: '{"deskId": "f1-0-0", "date":' }],
    ['a wrong date format', { body: { deskId: 'f1-0-0', date: '03/12/2026' } }],
    ['a date that does not exist', { body: { deskId: 'f1-0-0', date: '2026-02-30' } }],
    ['a __proto__ key', { raw: '{"deskId":"f1-0-0","date":"2026-12-03","__proto__":{"admin":true}}' }],
    ['an unknown field', { body: { deskId: 'f1-0-0', date: '2026-12-03', userId: 'bob' } }],
    ['a 10,000-character id', { body: { deskId: 'x'.repeat(10_000), date: '2026-12-03' } }],
    ['control characters', { body: { deskId: 'f1-0\u0000-0', date: '2026-12-03' } }],
    ['an id with / # ?', { body: { deskId: 'f1/0#0?', date: '2026-12-03' } }],
    ['an array', { raw: '[]' }],
    ['a number', { raw: '42' }],
  ])('answers %s with 400 { code, message }', async (_name, opts) => {
    const r = await call('POST', '/api/bookings', opts);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'INVALID_INPUT', message: expect.any(String) });
  });

  it('answers a huge body with 413 and a non-JSON body with 415, and stays up', async () => {
    expect((await call('POST', '/api/bookings', { raw: JSON.stringify({ deskId: 'f1-0-0', date: '2026-12-03', pad: 'x'.repeat(200_000) }) })).status).toBe(413);
    expect((await call('POST', '/api/bookings', { raw: 'deskId=f1', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });

  it.each([
    ['/api/floors/f1?date=2026-13-01', 400],
    ['/api/floors/f1?date=tomorrow', 400],
    ['/api/floors/nope?date=2026-12-03', 404],
    ['/api/floors/a%2Fb', 404],
    ['/api/bookings?from=2026-12-01&to=2027-12-01', 400],
    ['/api/bookings?from=yesterday', 400],
  ])('answers GET %s with %i', async (path, status) => {
    const r = await call('GET', path);
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });

  it('answers ids with odd characters in the path with 404', async () => {
    for (const id of ['..%2F..%2Fetc', 'x%23y', '2026-12-03.a%3Fb', "2026-12-03.abc'or'1"]) {
      expect((await call('DELETE', `/api/bookings/${id}`)).status).toBe(404);
    }
  });

  it('answers 503 with Retry-After when storage is down', async () => {
    // The server's reads fail: the store's gateway is broken for this request.
    const gateway = h.gateway as { get: typeof h.gateway.get; queryPartition: typeof h.gateway.queryPartition };
    const real = gateway.queryPartition.bind(h.gateway);
    const { StorageUnavailableError } = await import('../../src/use-cases/ports');
    gateway.queryPartition = async () => {
      throw new StorageUnavailableError('injected');
    };
    try {
      const r = await call('GET', '/api/floors/f1?date=2026-12-03');
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(r.body.code).toBe('STORAGE_UNAVAILABLE');
    } finally {
      gateway.queryPartition = real;
    }
  });
});

describe('the floor view of a floor with a drawn plan', () => {
  it('carries the plan, as imported, to the tab', async () => {
    const demo = demoCatalog();
    const h = await azuriteHarness();
    const api = await startBotServer(h, [demo], NOW);
    try {
      const res = await fetch(`${api.url}/api/floors/hq-3?date=2026-12-03`, { headers: { 'x-dev-user': 'alice' } });
      expect(res.status).toBe(200);
      const view = (await res.json()) as { floor: { plan?: unknown } };
      const plan = demo.floors.find((f) => f.id === 'hq-3')!.plan!;
      expect(plan.shapes.length).toBeGreaterThan(10);
      expect(view.floor.plan).toEqual(JSON.parse(JSON.stringify(plan)));
    } finally {
      await api.close();
    }
  });
});
