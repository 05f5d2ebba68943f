/**
 * The waitlist in the Book tab (issue 17 §1), in Chromium against the real server over Azurite: on a day with no desk
 * left, the desk panel offers "Notify me if a place frees up", and pressing it puts the person in line.
 * Fixed clock: Tuesday 1 December 2026, 09:00 in Brussels.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { TableClaimStore } from '../../src/storage/table-claim-store';
import { TableWaitlistStore } from '../../src/storage/table-waitlist-store';
import { CachedCatalog } from '../../src/use-cases/catalog-index';
import { runOfferPass } from '../../src/use-cases/waitlist-offers';
import { uniqueTableName } from '../support/azurite';
import { noSleepRetry, sequentialIds } from '../support/builders';
import { deskOnMap, ensureTabBuilt, launchChromium, see, startTabServer, userContext, waitForMap, watchPage, type TabServer } from './tab-harness';

jest.setTimeout(180_000);

const NOW = '2026-12-01T08:00:00.000Z';
const THURSDAY = '2026-12-03';
// Two desks 2 m apart: two bookings fill the floor.
const catalog = gridCatalog({ zones: 1, cols: 2, rows: 1, pitch: 2, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 2 } } });

let server: TabServer;
let harness: StoreHarness;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  await ensureTabBuilt();
  harness = await azuriteHarness();
  server = await startTabServer(harness, [catalog], NOW);
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
  it('offers "Notify me if a place frees up" on a full day, puts the person in line, and lets them book the desk held for them', async () => {
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
    // It asks what to wait for; "any desk" is the first choice.
    await see.text(page.getByTestId('waitlist-chooser'), 'Elk bureau in');
    await page.getByTestId('waitlist-chooser').getByTestId('waitlist-join').click();
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

    // Alice cancels; the offer pass holds her desk for Carol, who sees it as hers to book, and books it.
    const aliceBooking = ((await api('GET', '/api/bookings', 'alice')).json as { id: string }[])[0]!;
    expect((await api('DELETE', `/api/bookings/${aliceBooking.id}`, 'alice')).status).toBe(204);
    const claims = new TableClaimStore(harness.gateway, uniqueTableName('claims'));
    await claims.init();
    const report = await runOfferPass({
      store: harness.reservations,
      catalog: new CachedCatalog(harness.catalog, server.clock, 0),
      clock: server.clock,
      ids: sequentialIds('tabpass'),
      retry: noSleepRetry,
      waitlist: new TableWaitlistStore(harness.gateway, harness.tables.reservations),
      claims,
      conversations: { get: async () => null },
      notifier: { send: async () => ({ status: 'sent', attempts: 1, ambiguous: false }) },
      instanceId: 'tab-test',
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    expect(report).toMatchObject({ placed: 1, unreachable: 1 });
    const held = page.locator('svg.map-svg g[role="button"][aria-label*=" 1.00,"]');
    await see.attribute(held, 'data-state', 'mine', 15_000);
    await held.click();
    await page.getByTestId('panel-book-held').click();
    await see.count(page.getByTestId('panel-book-held'), 0);
    const bookings = (await api('GET', '/api/bookings', 'carol')).json as { deskId: string; date: string; status: string }[];
    expect(bookings).toEqual([expect.objectContaining({ deskId: 'f1-0-0', date: THURSDAY, status: 'booked' })]);
    expect(errors).toEqual([]);
  });
});
