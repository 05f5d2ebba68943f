/**
 * Booking for someone (issue 17 §3) in Chromium against the real server over Azurite: Ann names Dan in My bookings,
 * Dan books a desk for her from the Book tab's "Book for", and Ann withdraws it. Fixed clock: Tuesday 1 December
 * 2026, 09:00 in Brussels.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gridCatalog } from '../support/builders';
import { azuriteHarness } from '../support/stores';
import { asUser, deskOnMap, ensureTabBuilt, launchChromium, runAxe, screenshot, see, startTabServer, waitForMap, watchPage, type TabServer } from './tab-harness';

jest.setTimeout(180_000);

const NOW = '2026-12-01T08:00:00.000Z';
const THURSDAY = '2026-12-03';
const catalog = gridCatalog({ zones: 1, cols: 4, rows: 2, pitch: 2, policy: { minDistanceM: 1.5 } });

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

async function bookingsOf(userId: string): Promise<{ deskId: string; bookedBy?: string }[]> {
  const res = await fetch(`${server.url}/api/bookings?from=${THURSDAY}&to=${THURSDAY}`, { headers: { 'x-dev-user': userId } });
  return (await res.json()) as { deskId: string; bookedBy?: string }[];
}

async function open(userId: string, name: string, query: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  await asUser(context, userId, name);
  contexts.push(context);
  await context.clock.setFixedTime(new Date(NOW));
  const page = await context.newPage();
  const { errors } = watchPage(page, server.url);
  await page.goto(`${server.url}/tab/?${query}`);
  return { page, errors };
}

describe('booking for a colleague from the tab', () => {
  it('Ann names Dan; Dan books for her with "Book for"; the booking is hers; Ann removes Dan and his picker empties', async () => {
    const ann = await open('ann', 'Ann Owner', 'view=mine&lang=en');
    const panel = ann.page.getByTestId('delegates-panel');
    await see.text(panel, 'Nobody can book for you.');
    await panel.getByTestId('delegate-id').fill('dan');
    await panel.getByTestId('delegate-name').fill('Dan Delegate');
    await panel.getByRole('button', { name: 'Let them book for me' }).click();
    await see.text(panel.getByTestId('delegates-status'), 'Dan Delegate can now book desks for you.');
    await see.count(panel.locator('li[data-person-id="dan"]'), 1);
    expect(await runAxe(ann.page)).toEqual([]);
    await screenshot(ann.page, 'delegates-panel');

    const dan = await open('dan', 'Dan Delegate', `view=map&floor=f1&date=${THURSDAY}&lang=en`);
    await waitForMap(dan.page);
    const picker = dan.page.getByTestId('book-for');
    await see.visible(picker);
    await picker.selectOption('ann');
    await deskOnMap(dan.page, '1.03').click();
    await dan.page.getByTestId('desk-panel').getByTestId('panel-book').click();
    await see.text(dan.page.getByTestId('notice'), 'Desk 1.03 is booked for Ann Owner on Thursday 3 December. They are told in Teams.');
    expect(await bookingsOf('ann')).toEqual([expect.objectContaining({ deskId: 'f1-0-3', bookedBy: 'dan' })]);
    expect(await bookingsOf('dan')).toEqual([]);
    expect(await runAxe(dan.page)).toEqual([]);

    // Dan's "I can book for" lists Ann, by the name her token gave.
    const danMine = await open('dan', 'Dan Delegate', 'view=mine&lang=en');
    await see.text(danMine.page.getByTestId('delegates-panel'), 'Ann Owner');

    await panel.getByRole('button', { name: 'Remove Dan Delegate' }).click();
    await see.text(panel.getByTestId('delegates-status'), 'Dan Delegate can no longer book for you.');
    await see.text(panel, 'Nobody can book for you.');
    // Dan's tab still shows Ann's day: the server now refuses it, and the tab goes back to his own day and says why.
    await see.text(dan.page.getByTestId('notice'), 'Ann Owner no longer lets you book for them: the map shows your own day again.');
    await see.count(dan.page.getByTestId('book-for'), 0);
    await see.count(dan.page.getByTestId('for-person-day'), 0);
    const refusal = (e: string): boolean => e.includes('status of 403');
    expect(dan.errors.some(refusal)).toBe(true);
    const again = await open('dan', 'Dan Delegate', `view=map&floor=f1&date=${THURSDAY}&lang=en`);
    await waitForMap(again.page);
    await see.count(again.page.getByTestId('book-for'), 0);
    // Only the refusals of Ann's day, which the tab answered by going back to Dan's own.
    expect([...ann.errors, ...dan.errors.filter((e) => !refusal(e)), ...danMine.errors, ...again.errors]).toEqual([]);
  });
});
