/**
 * "Book for" shows the colleague's day (issue 17 §3), in Chromium against the real server over Azurite: Dan, whom Ann
 * named, sees Zone B (kept for Ann's group) as unavailable to himself but free for Ann, books there for her, and then
 * sees that desk as Ann's and her one-desk-a-day refusal, not his own booking. Fixed clock: Tuesday 1 December 2026,
 * 09:00 in Brussels.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { gridCatalog } from '../support/builders';
import { azuriteHarness } from '../support/stores';
import { asUser, deskOnMap, ensureTabBuilt, launchChromium, runAxe, see, startTabServer, waitForMap, watchPage, type TabServer } from './tab-harness';

jest.setTimeout(180_000);

const NOW = '2026-12-01T08:00:00.000Z';
const THURSDAY = '2026-12-03';
const base = gridCatalog({ zones: 2, cols: 4, rows: 2, pitch: 2, policy: { minDistanceM: 1.5 } });
const catalog = { ...base, zones: base.zones.map((z) => (z.id === 'f1-z1' ? { ...z, allowedGroups: ['g-ann'] } : z)) };

let server: TabServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  await ensureTabBuilt();
  server = await startTabServer(await azuriteHarness(), [catalog], NOW, { members: true });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function api(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

// Ann's token carries the group Zone B is kept for; the server remembers it for bookings made for her.
const ANN = { 'x-dev-user': 'ann', 'x-dev-name': 'Ann Owner', 'x-dev-groups': 'g-ann' };
const DAN = { 'x-dev-user': 'dan', 'x-dev-name': 'Dan Delegate' };

describe('"Book for" in the Book tab', () => {
  it("shows the map as the colleague's day: her groups' zone, her desk as hers, her one-desk refusal; and back to one's own", async () => {
    expect((await api('PUT', '/api/me/delegates/dan', ANN, { name: 'Dan Delegate' })).status).toBe(201);
    expect((await api('POST', '/api/bookings', DAN, { deskId: 'f1-0-1', date: THURSDAY })).status).toBe(201);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    contexts.push(context);
    await asUser(context, 'dan', 'Dan Delegate');
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    const { errors } = watchPage(page, server.url);
    await page.goto(`${server.url}/tab/?view=map&floor=f1&date=${THURSDAY}&lang=en`);
    await waitForMap(page);

    // His own day: Zone B is not his to book, and 1.01 is his desk.
    await see.attribute(deskOnMap(page, '2.00'), 'data-state', 'unavailable');
    await see.attribute(deskOnMap(page, '1.01'), 'data-state', 'mine');

    await page.getByTestId('book-for').selectOption('ann');
    await see.text(page.getByTestId('day-status'), 'You are booking for Ann Owner: the map shows their day.');
    await see.text(page.getByTestId('for-person-day'), 'Ann Owner has no desk on Thursday 3 December yet.');
    await see.attribute(deskOnMap(page, '2.00'), 'data-state', 'free');
    // His own booking is someone else's desk in Ann's day.
    await see.attribute(deskOnMap(page, '1.01'), 'data-state', 'taken');

    await deskOnMap(page, '2.00').click();
    await page.getByTestId('desk-panel').getByTestId('panel-book').click();
    await see.text(page.getByTestId('notice'), 'Desk 2.00 is booked for Ann Owner on Thursday 3 December.');
    const hers = page.locator('svg.map-svg g[role="button"][aria-label^="Desk 2.00, Ann Owner\'s desk"]');
    await see.attribute(hers, 'data-state', 'mine');
    await see.text(page.getByTestId('for-person-day'), 'Ann Owner already has desk 2.00 on Thursday 3 December: one desk a day.');
    // Her desk is hers: the delegate gets no Cancel or Release for it.
    await hers.click();
    await see.text(page.getByTestId('panel-state'), "Ann Owner's desk");
    await see.count(page.getByTestId('panel-cancel'), 0);
    expect(await runAxe(page)).toEqual([]);
    await page.getByTestId('desk-panel').getByRole('button', { name: 'Close' }).click();

    const annBookings = (await api('GET', `/api/bookings?from=${THURSDAY}&to=${THURSDAY}`, ANN)).json as { deskId: string; bookedBy?: string }[];
    expect(annBookings).toEqual([expect.objectContaining({ deskId: 'f1-1-0', bookedBy: 'dan' })]);

    // Back to himself: his own day again.
    await page.getByTestId('book-for').selectOption('');
    await see.attribute(deskOnMap(page, '1.01'), 'data-state', 'mine');
    await see.attribute(deskOnMap(page, '2.00'), 'data-state', 'taken');
    await see.count(page.getByTestId('for-person-day'), 0);
    expect(errors).toEqual([]);
  });
});
