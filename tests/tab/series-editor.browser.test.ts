/**
 * Repeating bookings and calendar files in the tab (issue 17 §2 and §4), in Chromium against the real server over
 * Azurite, with the keyboard only: the Book tab's "Repeat a booking" previews what would be booked and refused, and
 * books on Confirm; "My bookings" lists the series with "Cancel this day" and "Cancel the rest", and every booking
 * offers its calendar file (a cancelled one, the cancellation). Fixed clock: Tuesday 1 December 2026, 09:00 in
 * Brussels; the window runs to Tuesday 15 December.
 */
import * as fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gridCatalog } from '../support/builders';
import { azuriteHarness } from '../support/stores';
import { ensureTabBuilt, launchChromium, runAxe, screenshot, see, startTabServer, userContext, waitForMap, watchPage, type TabServer } from './tab-harness';

jest.setTimeout(240_000);

const NOW = '2026-12-01T08:00:00.000Z';
// Two zones of two desks 2 m apart: Zone B is full on Thursday 3 December once Bob and Zoe book there.
const catalog = gridCatalog({ zones: 2, cols: 2, rows: 1, pitch: 2, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 2 } } });

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

async function api(method: string, path: string, userId: string, body?: unknown): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'x-dev-user': userId, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

type Locator = ReturnType<Page['locator']>;

/** Presses Tab until `target` has the focus: the way a keyboard user gets there, never a click or focus(). */
async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(target)} in ${max} presses`);
}

async function noAxeViolations(page: Page): Promise<void> {
  const violations = await runAxe(page);
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

describe('repeating bookings and calendar files in the tab, by keyboard', () => {
  it('previews a series (booked, refused with the reason, later), books it on Confirm, cancels one day and the rest, and saves calendar files', async () => {
    expect((await api('POST', '/api/bookings', 'bob', { deskId: 'f1-1-0', date: '2026-12-03' })).status).toBe(201);
    expect((await api('POST', '/api/bookings', 'zoe', { deskId: 'f1-1-1', date: '2026-12-03' })).status).toBe(201);

    const context = await userContext(browser, 'sam', { viewport: { width: 1280, height: 900 }, acceptDownloads: true, bypassCSP: true });
    contexts.push(context);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    const { errors } = watchPage(page, server.url);
    await page.goto(`${server.url}/tab/?view=map&floor=f1&date=2026-12-01`);
    await waitForMap(page);

    // Open the editor; Tuesday (the day in view) is ticked: add Thursday, and ask for Zone B.
    await tabTo(page, page.getByTestId('series-open'));
    await page.keyboard.press('Enter');
    const editor = page.getByTestId('series-editor');
    await see.visible(editor);
    await see.count(editor.getByRole('checkbox', { name: 'Tuesday', checked: true }), 1);
    await tabTo(page, editor.getByRole('checkbox', { name: 'Thursday' }));
    await page.keyboard.press('Space');
    const zone = editor.getByRole('combobox', { name: 'Zone' });
    await see.count(zone.locator('option'), 3);
    await tabTo(page, zone);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await see.value(zone, 'f1-z1');

    await tabTo(page, editor.getByTestId('series-preview'));
    await page.keyboard.press('Enter');
    const result = editor.getByTestId('series-preview-result');
    await see.visible(result);
    const states = await result.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-date'), r.getAttribute('data-state')]));
    expect(states).toEqual([
      ['2026-12-01', 'book'],
      ['2026-12-03', 'refused'],
      ['2026-12-08', 'book'],
      ['2026-12-10', 'book'],
      ['2026-12-15', 'book'],
      ['2026-12-17', 'pending'],
      ['2026-12-22', 'pending'],
      ['2026-12-24', 'pending'],
    ]);
    await see.text(result.locator('tr[data-date="2026-12-03"]'), 'Not booked: No desk was free that day for what you asked.');
    await see.text(result.locator('caption'), 'Nothing is booked yet: 4 days would be booked now, 1 refused, 3 booked later');
    expect((await api('GET', '/api/bookings', 'sam')).json).toEqual([]);
    await noAxeViolations(page);
    await screenshot(page, 'series-editor-preview');

    await tabTo(page, editor.getByTestId('series-confirm'));
    await page.keyboard.press('Enter');
    await see.text(page.getByTestId('notice'), '4 days booked, 1 refused, 3 to be booked');
    const booked = (await api('GET', '/api/bookings', 'sam')).json as { id: string; date: string; deskId: string; seriesId?: string }[];
    expect(booked.map((b) => b.date)).toEqual(['2026-12-01', '2026-12-08', '2026-12-10', '2026-12-15']);
    expect(booked.every((b) => b.seriesId && ['f1-1-0', 'f1-1-1'].includes(b.deskId))).toBe(true);

    // My bookings: the series, each day with "Cancel this day", "Cancel the rest" and its calendar file.
    await tabTo(page, page.getByRole('button', { name: 'My bookings' }));
    await page.keyboard.press('Enter');
    const mySeries = page.getByTestId('my-series');
    await see.text(mySeries, 'Every Tuesday and Thursday, Tuesday 1 December to Monday 28 December');
    await see.text(mySeries, '4 booked, 3 still to book');
    await noAxeViolations(page);

    const dec8 = booked.find((b) => b.date === '2026-12-08')!;
    const row8 = page.locator(`tr[data-booking-id="${dec8.id}"]`);
    await see.text(row8, 'repeats');
    await tabTo(page, row8.getByRole('button', { name: /^Add to calendar \(desk / }));
    const [ics] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(ics.suggestedFilename()).toBe('seatwise-2026-12-08.ics');
    const file = fs.readFileSync((await ics.path())!, 'utf8');
    expect(file).toContain('BEGIN:VEVENT');
    expect(file).toMatch(/DTSTART;VALUE=DATE:20261208/);
    expect(file).not.toContain('METHOD:CANCEL');

    await tabTo(page, row8.getByRole('button', { name: /^Cancel this day \(desk / }));
    await page.keyboard.press('Enter');
    await see.count(row8, 0);
    const cancelledHere = page.getByTestId('cancelled-here');
    await see.visible(cancelledHere);
    await tabTo(page, cancelledHere.getByRole('button', { name: /^Remove from calendar \(desk / }));
    const [cancelIcs] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(cancelIcs.suggestedFilename()).toBe('seatwise-2026-12-08-cancelled.ics');
    expect(fs.readFileSync((await cancelIcs.path())!, 'utf8')).toContain('METHOD:CANCEL');
    expect(((await api('GET', '/api/bookings', 'sam')).json as { date: string }[]).map((b) => b.date)).toEqual(['2026-12-01', '2026-12-10', '2026-12-15']);

    // "Cancel the rest" in the series list: every day from today on, and the days still pending.
    await tabTo(page, mySeries.getByRole('button', { name: /Cancel the rest of: Every Tuesday and Thursday/ }));
    await page.keyboard.press('Enter');
    await see.count(page.locator('tr[data-booking-id]'), 0);
    await see.count(mySeries, 0);
    expect((await api('GET', '/api/bookings', 'sam')).json).toEqual([]);
    const [series] = (await api('GET', '/api/series', 'sam')).json as { booked: string[]; pending: string[] }[];
    expect(series).toMatchObject({ booked: [], pending: [] });
    await noAxeViolations(page);
    expect(errors).toEqual([]);
  });
});
