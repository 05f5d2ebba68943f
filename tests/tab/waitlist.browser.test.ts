/**
 * The waitlist in the Book tab (issue 17 §1), in Chromium against the real server over Azurite: on a day with no desk
 * left, the desk panel offers "Notify me if a place frees up", and pressing it puts the person in line.
 * Fixed clock: Tuesday 1 December 2026, 09:00 in Brussels.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { gridCatalog } from '../support/builders';
import { azuriteHarness } from '../support/stores';
import { deskOnMap, ensureTabBuilt, launchChromium, see, startTabServer, userContext, waitForMap, watchPage, type TabServer } from './tab-harness';

jest.setTimeout(180_000);

const NOW = '2026-12-01T08:00:00.000Z';
const THURSDAY = '2026-12-03';
// Two desks 2 m apart: two bookings fill the floor.
const catalog = gridCatalog({ zones: 1, cols: 2, rows: 1, pitch: 2, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 2 } } });

let server: TabServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  await ensureTabBuilt();
  server = await startTabServer(await azuriteHarness(), [catalog], NOW);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function api(method: string, path: string, userId: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'x-dev-user': userId, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

describe('the waitlist in the Book tab', () => {
  it('offers "Notify me if a place frees up" on a full day, and puts the person in line, in their language', async () => {
    expect((await api('POST', '/api/bookings', 'alice', { deskId: 'f1-0-0', date: THURSDAY })).status).toBe(201);
    expect((await api('POST', '/api/bookings', 'bob', { deskId: 'f1-0-1', date: THURSDAY })).status).toBe(201);

    const context = await userContext(browser, 'carol', { viewport: { width: 1280, height: 800 }, locale: 'nl-BE' });
    contexts.push(context);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    const { errors } = watchPage(page, server.url);
    await page.goto(`${server.url}/tab/?view=map&floor=f1&date=${THURSDAY}`);
    await waitForMap(page);

    // The map names desks in the person's language ("Bureau 1.00, …").
    await page.locator('svg.map-svg g[role="button"][aria-label*=" 1.00,"]').click();
    const panel = page.getByTestId('desk-panel');
    const join = panel.getByTestId('panel-waitlist');
    await see.text(join, 'Laat het me weten als er een plek vrijkomt');
    await join.click();
    await see.text(page.getByTestId('notice'), 'Je staat op de wachtlijst');
    await see.text(page.getByTestId('notice'), 'nummer 1');

    const listed = (await api('GET', '/api/waitlist', 'carol')).json as { date: string; position: number }[];
    expect(listed).toEqual([expect.objectContaining({ date: THURSDAY, position: 1 })]);
    // A person who has a desk that day is not offered the waitlist.
    const alice = await userContext(browser, 'alice', { viewport: { width: 1280, height: 800 } });
    contexts.push(alice);
    await alice.clock.setFixedTime(new Date(NOW));
    const page2 = await alice.newPage();
    await page2.goto(`${server.url}/tab/?view=map&floor=f1&date=${THURSDAY}`);
    await waitForMap(page2);
    await deskOnMap(page2, '1.01').click();
    await see.visible(page2.getByTestId('desk-panel'));
    await see.count(page2.getByTestId('panel-waitlist'), 0);
    expect(errors).toEqual([]);
  });
});
