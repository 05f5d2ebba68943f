/**
 * The tab catches up with chat (issue 17 §6): a checked-in booking is released from the desk panel, in Chromium
 * against the real server over Azurite. Fixed clock: Tuesday 1 December 2026, 09:00 in Brussels (before the 10:00
 * check-in deadline).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { gridCatalog } from '../support/builders';
import { azuriteHarness } from '../support/stores';
import { ensureTabBuilt, launchChromium, see, startTabServer, userContext, waitForMap, watchPage, type TabServer } from './tab-harness';

jest.setTimeout(180_000);

const NOW = '2026-12-01T08:00:00.000Z';
const TODAY = '2026-12-01';
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

describe('the desk panel of a checked-in booking', () => {
  it('offers "Release my desk" instead of Cancel, and releasing frees the desk for others', async () => {
    const booked = await api('POST', '/api/bookings', 'rita', { deskId: 'f1-0-0', date: TODAY });
    expect(booked.status).toBe(201);
    const id = (booked.json as { id: string }).id;
    expect((await api('POST', `/api/bookings/${id}/check-in`, 'rita')).status).toBe(200);

    const context = await userContext(browser, 'rita', { viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    const { errors } = watchPage(page, server.url);
    await page.goto(`${server.url}/tab/?view=map&floor=f1&date=${TODAY}`);
    await waitForMap(page);
    const desk = page.locator('svg.map-svg g[role="button"][aria-label^="Desk 1.00,"]');
    await see.attribute(desk, 'data-state', 'mine');
    await desk.click();
    const panel = page.getByTestId('desk-panel');
    await see.count(panel.getByTestId('panel-cancel'), 0);
    await panel.getByTestId('panel-release').click();
    await see.text(page.getByTestId('notice'), 'You released desk 1.00');
    await see.attribute(desk, 'data-state', 'free');
    const after = (await api('GET', `/api/bookings?from=${TODAY}&to=${TODAY}`, 'rita')).json as unknown[];
    expect(after).toEqual([]);
    expect(errors).toEqual([]);
  });
});
