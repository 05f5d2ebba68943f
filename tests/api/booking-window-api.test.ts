import { addDays } from '../../src/domain/civil-date';
import { DEFAULT_RULES, type PolicyVersion } from '../../src/domain/policy';
import { startBotServer, type BotServer } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const TODAY = '2026-12-01';
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const version = (effectiveFrom: string, over: Partial<PolicyVersion['rules']>): PolicyVersion => ({
  effectiveFrom,
  rules: { ...DEFAULT_RULES, bookableWeekdays: EVERY_DAY, ...over },
});

async function call(api: BotServer, method: string, path: string, body?: unknown, user = 'alice') {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { 'x-dev-user': user, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as any };
}

describe("the booking horizon is today's policy, over the API", () => {
  let h: StoreHarness;
  let api: BotServer;
  // Today's horizon is 14 days; a policy from 8 February 2027 (69 days ahead) allows 90.
  const catalog = gridCatalog({ policies: [version('2026-01-01', { horizonDays: 14 }), version('2027-02-08', { horizonDays: 90 })] });
  beforeAll(async () => {
    h = await azuriteHarness();
    api = await startBotServer(h, [catalog], NOW);
  });
  afterAll(() => api.close());

  it('refuses a booking 69 days ahead with OUTSIDE_WINDOW, naming the 14-day horizon', async () => {
    const r = await call(api, 'POST', '/api/bookings', { deskId: 'f1-0-0', date: addDays(TODAY, 69) });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'OUTSIDE_WINDOW', details: { reason: 'beyond-horizon', horizonDays: 14, lastBookableDate: '2026-12-15' } });
    expect(await h.reservations.listBookingsOfDay(addDays(TODAY, 69))).toEqual([]);
  });

  it('sends each site its bookable window in GET /api/sites, and the same in the floor view', async () => {
    const sites = (await call(api, 'GET', '/api/sites')).body;
    const expected = {
      today: TODAY,
      firstBookableDate: TODAY,
      lastBookableDate: '2026-12-15',
      horizonDays: 14,
      bookableWeekdays: EVERY_DAY,
      bookableDates: Array.from({ length: 15 }, (_, i) => addDays(TODAY, i)),
    };
    expect(sites).toEqual([{ id: 'site-1', name: 'Test site', timeZone: 'Europe/Brussels', floors: [{ id: 'f1', name: 'Floor 1' }], bookingWindow: expected }]);
    const floor = (await call(api, 'GET', `/api/floors/f1?date=${addDays(TODAY, 69)}`)).body;
    expect(floor.policy).toMatchObject(expected);
  });
});

describe('"my bookings" lists every upcoming booking, a page at a time', () => {
  let h: StoreHarness;
  let api: BotServer;
  const catalog = gridCatalog({ policies: [version('2026-01-01', { horizonDays: 120 })] });
  const days = [0, 5, 40, 64, 100].map((n) => addDays(TODAY, n));
  beforeAll(async () => {
    h = await azuriteHarness();
    api = await startBotServer(h, [catalog], NOW);
    for (const date of days) expect((await call(api, 'POST', '/api/bookings', { deskId: 'f1-0-0', date })).status).toBe(201);
    expect((await call(api, 'POST', '/api/bookings', { deskId: 'f1-1-0', date: addDays(TODAY, 41) }, 'bob')).status).toBe(201);
  });
  afterAll(() => api.close());

  it('lists bookings beyond 31 days ahead when no range is given', async () => {
    const r = await call(api, 'GET', '/api/bookings');
    expect(r.status).toBe(200);
    expect(r.body.map((b: { date: string }) => b.date)).toEqual(days);
    expect(r.headers.get('link')).toBeNull();
  });

  it('pages with limit and the cursor of the Link header, without gaps or repeats', async () => {
    const seen: string[] = [];
    let path: string | null = '/api/bookings?limit=2';
    let pages = 0;
    while (path) {
      const r = await call(api, 'GET', path);
      expect(r.status).toBe(200);
      expect(r.body.length).toBeLessThanOrEqual(2);
      seen.push(...r.body.map((b: { date: string }) => b.date));
      const link = r.headers.get('link');
      path = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1]! : null;
      if (path) expect(r.headers.get('x-next-cursor')).toEqual(expect.any(String));
      pages += 1;
      expect(pages).toBeLessThan(6);
    }
    expect(seen).toEqual(days);
  });

  it('answers a bad cursor or limit with 400 naming the field', async () => {
    for (const [q, field] of [['cursor=../etc', 'cursor'], ['limit=0', 'limit'], ['limit=5000', 'limit'], ['limit=abc', 'limit']] as const) {
      const r = await call(api, 'GET', `/api/bookings?${q}`);
      expect([q, r.status, r.body.code]).toEqual([q, 400, 'INVALID_INPUT']);
      expect(r.body.message).toContain(field);
    }
  });
});
