/**
 * Favourite desks and "same desk as last time" in the Book tab (issue 17 §6), in Chromium against the real server over
 * Azurite, by keyboard: the desk open in the panel becomes a favourite, is offered first above the map on the next
 * visit (on another day), and opens its panel there; the desk of the latest booking is offered too.
 * Fixed clock: Tuesday 1 December 2026, 09:00 in Brussels.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gridCatalog } from '../support/builders';
import { azuriteHarness } from '../support/stores';
import { deskOnMap, ensureTabBuilt, launchChromium, runAxe, see, startTabServer, userContext, waitForMap, watchPage, type TabServer } from './tab-harness';

jest.setTimeout(240_000);

const NOW = '2026-12-01T08:00:00.000Z';
const catalog = gridCatalog({ zones: 2, cols: 2, rows: 1, pitch: 2, policy: { minDistanceM: 1.5 } });

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

type Locator = ReturnType<Page['locator']>;

async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(target)} in ${max} presses`);
}

describe('favourite desks and the same desk as last time in the Book tab', () => {
  it('makes the open desk a favourite, offers it first on another day with the last desk, and opens it from there', async () => {
    const booked = await fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers: { 'x-dev-user': 'fay', 'content-type': 'application/json' },
      body: JSON.stringify({ deskId: 'f1-0-1', date: '2026-12-01' }),
    });
    expect(booked.status).toBe(201);

    const context = await userContext(browser, 'fay', { viewport: { width: 1280, height: 900 }, bypassCSP: true });
    contexts.push(context);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    const { errors } = watchPage(page, server.url);
    await page.goto(`${server.url}/tab/?view=map&floor=f1&date=2026-12-02`);
    await waitForMap(page);
    const mine = page.getByTestId('my-desks');
    await see.text(mine.getByTestId('same-as-last'), 'Same desk as last time (1.01)');
    await see.count(mine.getByTestId('favourite'), 0);

    // Desk 2.00, opened from the map with the keyboard, becomes a favourite.
    // The map is one tab stop; arrow keys move between its desks.
    await tabTo(page, page.locator('svg.map-svg g[role="button"][tabindex="0"]'));
    for (let i = 0; i < 4 && !(await deskOnMap(page, '2.00').evaluate((el) => el === el.ownerDocument.activeElement)); i++) await page.keyboard.press('ArrowRight');
    await see.focused(deskOnMap(page, '2.00'));
    await page.keyboard.press('Enter');
    await see.visible(page.getByTestId('desk-panel'));
    const toggle = mine.getByTestId('favourite-toggle');
    await see.text(toggle, 'Add desk 2.00 to favourites');
    await tabTo(page, toggle);
    await page.keyboard.press('Enter');
    await see.text(page.getByTestId('notice'), 'Desk 2.00 is now a favourite');
    await see.attribute(toggle, 'aria-pressed', 'true');

    // Another day, a fresh page: the favourite comes first, then the last desk; Enter opens it in the panel.
    await page.goto(`${server.url}/tab/?view=map&floor=f1&date=2026-12-03`);
    await waitForMap(page);
    await see.count(mine.getByTestId('favourite'), 1);
    const buttons = await mine.getByRole('button').allInnerTexts();
    expect(buttons.slice(0, 2)).toEqual(['Favourite: desk 2.00', 'Same desk as last time (1.01)']);
    await tabTo(page, mine.getByTestId('favourite'));
    await page.keyboard.press('Enter');
    await see.text(page.getByTestId('desk-panel'), '2.00');
    const violations = await runAxe(page);
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    const stored = (await (await fetch(`${server.url}/api/favourites`, { headers: { 'x-dev-user': 'fay' } })).json()) as { favourites: { deskId: string }[] };
    expect(stored.favourites.map((f) => f.deskId)).toEqual(['f1-1-0']);
    expect(errors).toEqual([]);
  });

  it('keeps the map where it is when a desk is picked and the favourites bar fills in (a phone, 390 px)', async () => {
    const context = await userContext(browser, 'gil', { viewport: { width: 390, height: 844 }, bypassCSP: true });
    contexts.push(context);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    const { errors } = watchPage(page, server.url);
    await page.goto(`${server.url}/tab/?view=map&floor=f1&date=2026-12-02`);
    await waitForMap(page);
    const map = page.locator('svg.map-svg');
    // From the top of the page, not of the viewport: opening a desk may scroll the page, which is not a jump.
    const top = async (): Promise<number> => map.evaluate((el) => el.getBoundingClientRect().top + el.ownerDocument.defaultView!.scrollY);
    const before = await top();

    await deskOnMap(page, '2.00').click();
    await see.visible(page.getByTestId('desk-panel'));
    await see.text(page.getByTestId('favourite-toggle'), 'Add desk 2.00 to favourites');
    expect(await top()).toBe(before);
    expect(errors).toEqual([]);
  });
});
