/**
 * The tab inside Teams, as far as a test can take it without Teams: a stand-in host page at
 * https://teams.microsoft.com frames the tab at https://seatwise.test/tab/ and answers teams-js's messages
 * (initialize, getContext, authentication.getAuthToken) and sends a theme change, all through Playwright's routing,
 * which serves both origins from the real server. The server runs in dev auth mode, so the routing stands in for
 * the Entra check: it lets through only API calls that carry the host's SSO token, as x-dev-user.
 */
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { demoCatalog } from '../../src/server/demo-site';
import { azuriteHarness } from '../support/stores';
import { ensureTabBuilt, launchChromium, screenshot, see, startTabServer, type TabServer } from './tab-harness';

jest.setTimeout(120_000);

const NOW = '2026-12-01T08:00:00.000Z';
const HOST = 'https://teams.microsoft.com';
const TAB = 'https://seatwise.test';
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.fake-sso-token-for-tests.signature';
const TEAMS_USER = 'teams-user-0001';

/** The Teams host's side of the teams-js protocol, enough for app.initialize, getContext and getAuthToken. */
function hostPage(context: Record<string, unknown>): string {
  const runtime = {
    apiVersion: 4,
    isLegacyTeams: false,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    supports: { app: {}, appEntity: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teams: { fullTrust: {} } },
  };
  return `<!doctype html><html lang="en"><head><title>Teams (stand-in)</title></head><body style="margin:0">
<iframe id="tab" title="Seatwise" src="${TAB}/tab/?view=map" style="width:1260px;height:880px;border:0"></iframe>
<script>
  window.hostLog = [];
  const frame = document.getElementById('tab');
  const send = (message) => frame.contentWindow.postMessage(message, ${JSON.stringify(TAB)});
  window.addEventListener('message', (e) => {
    if (e.source !== frame.contentWindow || e.origin !== ${JSON.stringify(TAB)}) return;
    const m = e.data;
    if (!m || typeof m.func !== 'string') return;
    window.hostLog.push(m.func);
    const reply = (args) => send({ id: m.id, uuidAsString: m.uuidAsString, args });
    if (m.func === 'initialize') reply(['content', 'web', ${JSON.stringify(JSON.stringify(runtime))}, '2.0.0']);
    else if (m.func === 'getContext') reply([${JSON.stringify(context)}]);
    else if (m.func === 'authentication.getAuthToken') reply([true, ${JSON.stringify(TOKEN)}]);
  });
  window.changeTheme = (theme) => send({ func: 'themeChange', args: [theme] });
</script></body></html>`;
}

let server: TabServer;
let browser: Browser;
let context: BrowserContext;
const apiCalls: { method: string; path: string; authorization?: string; devUser?: string }[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  await ensureTabBuilt();
  server = await startTabServer(await azuriteHarness(), [demoCatalog()], NOW);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

async function openInTeams(teamsContext: Record<string, unknown>): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.clock.setFixedTime(new Date(NOW));
  // Offline: the Office CDN (teams-js's list of hosts, fonts) is unreachable, as in the real sandbox.
  await context.route(/cdn\.office\.net/, (route) => route.abort());
  await context.route(`${HOST}/**`, (route) => route.fulfill({ contentType: 'text/html', body: hostPage(teamsContext) }));
  await context.route(`${TAB}/**`, async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    const headers = { ...request.headers() };
    if (url.pathname.startsWith('/api/')) {
      apiCalls.push({ method: request.method(), path: url.pathname + url.search, authorization: headers['authorization'], devUser: headers['x-dev-user'] });
      // The stand-in for Entra: only the host's token gets in, as the user it names.
      if (headers['authorization'] !== `Bearer ${TOKEN}`) return route.fulfill({ status: 401, contentType: 'application/json', body: '{"code":"UNAUTHENTICATED","message":"no token"}' });
      delete headers['authorization'];
      headers['x-dev-user'] = TEAMS_USER;
    }
    const response = await route.fetch({ url: `${server.url}${url.pathname}${url.search}`, headers });
    await route.fulfill({ response });
  });
  const page = await context.newPage();
  await page.goto(`${HOST}/_stand-in-host`);
  return page;
}

describe('the tab inside Teams (a stand-in host speaking the teams-js protocol)', () => {
  it('takes the user, language, theme and deep link from the Teams context, and calls the API with the SSO token', async () => {
    const page = await openInTeams({
      locale: 'fr-be',
      theme: 'dark',
      entityId: 'book',
      subEntityId: '2026-12-03|hq-2',
      appSessionId: 'session-1',
      hostClientType: 'web',
      frameContext: 'content',
      userObjectId: TEAMS_USER,
      userDisplayName: 'Alice Martin',
      userPrincipalName: 'alice@contoso.example',
      tid: 'tenant-1',
    });
    const tab = page.frameLocator('#tab');
    await tab.locator('svg.map-svg g[role="button"]').first().waitFor({ timeout: 20_000 });

    // Inside Teams: no dev banner, no identity picker, no view switch (the static tabs do that).
    await see.count(tab.getByTestId('dev-panel'), 0);
    await see.count(tab.locator('nav.views'), 0);
    // The deep link's day and floor, in the language and theme Teams gave.
    await see.value(tab.getByTestId('floor-picker'), 'hq-2');
    await see.value(tab.getByTestId('date-picker'), '2026-12-03');
    await see.exactText(tab.getByRole('heading', { level: 1 }), 'Réserver un bureau');
    await see.attribute(tab.locator('html'), 'lang', 'fr');
    await see.attribute(tab.locator('html'), 'data-theme', 'dark');
    await screenshot(page, '15-inside-teams-dark-french-deep-link');

    // Teams switches to high contrast: the tab follows without a reload.
    await page.evaluate(() => (globalThis as unknown as { changeTheme(t: string): void }).changeTheme('contrast'));
    await see.attribute(tab.locator('html'), 'data-theme', 'contrast');

    // Booking goes through as the token's user.
    // A real mouse click at the desk's place: Playwright's element actions stall in this out-of-process frame, and
    // the frame sits at the page's top-left corner, so its coordinates are the page's.
    const desk = tab.locator('svg.map-svg g[aria-label^="Bureau 2.20,"]');
    const r = await desk.evaluate((el) => {
      const b = (el as unknown as { getBoundingClientRect(): { x: number; y: number; width: number; height: number } }).getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    });
    await page.mouse.click(r.x, r.y);
    // The click opens the desk panel; its button books.
    const book = tab.getByTestId('desk-panel').getByRole('button', { name: 'Réserver le bureau 2.20' });
    await see.visible(book);
    const b = await book.evaluate((el) => {
      const box = (el as unknown as { getBoundingClientRect(): { x: number; y: number; width: number; height: number } }).getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    });
    await page.mouse.click(b.x, b.y);
    await see.text(tab.getByTestId('notice'), 'Le bureau 2.20 est réservé pour vous le jeudi 3 décembre.');
    await see.attribute(tab.locator('svg.map-svg g[aria-label^="Bureau 2.20,"]'), 'data-state', 'mine');
    await screenshot(page, '16-inside-teams-contrast-booked');

    const log = (await page.evaluate(() => (globalThis as unknown as { hostLog: string[] }).hostLog)) as string[];
    expect(log).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
    expect(apiCalls.length).toBeGreaterThanOrEqual(3);
    for (const call of apiCalls) {
      expect(call.authorization).toBe(`Bearer ${TOKEN}`);
      expect(call.devUser).toBeUndefined();
    }
    expect(apiCalls.map((c) => `${c.method} ${c.path.split('?')[0]}`)).toEqual(
      expect.arrayContaining(['GET /api/sites', 'GET /api/floors/hq-2', 'POST /api/bookings']),
    );
    const mine = (await (await fetch(`${server.url}/api/bookings?from=2026-12-03&to=2026-12-03`, { headers: { 'x-dev-user': TEAMS_USER } })).json()) as { deskId: string }[];
    expect(mine.map((b) => b.deskId)).toEqual(['hq-2-20']);
  });
  it("opens a desk's QR deep link (sub-entity desk|<id>) at that desk, for the token's user", async () => {
    await context.close();
    const page = await openInTeams({
      locale: 'nl-be',
      theme: 'default',
      entityId: 'book',
      subEntityId: 'desk|hq-2-21',
      appSessionId: 'session-2',
      hostClientType: 'android',
      frameContext: 'content',
      userObjectId: TEAMS_USER,
      tid: 'tenant-1',
    });
    const arrival = page.frameLocator('#tab').getByTestId('desk-arrival');
    await arrival.waitFor({ timeout: 20_000 });
    await see.attribute(arrival, 'data-state', 'free');
    await see.text(arrival, 'Bureau 2.21 is vandaag vrij.');
    expect(apiCalls.some((c) => c.path === '/api/desks/hq-2-21/today' && c.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });
});

