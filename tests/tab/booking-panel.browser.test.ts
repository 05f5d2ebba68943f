/**
 * The booking tab as people use it (issue 13), in Chromium against the real server over Azurite, at 1280 × 800 and
 * at 390 × 844 with touch: a desk panel before any action, Undo after a cancel, moving one's booking, no layout
 * shift, bad ?date= links, an offline state that survives a server stop and start, touch targets, and live updates.
 * Fixed clock: Tuesday 1 December 2026, 09:00 in Brussels.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoCatalog } from '../../src/server/demo-site';
import { azuriteHarness } from '../support/stores';
import {
  deskOnMap,
  ensureTabBuilt,
  eventually,
  launchChromium,
  runAxe,
  screenshot,
  see,
  startTabServer,
  userContext,
  waitForMap,
  watchPage,
  type TabServer,
} from './tab-harness';

jest.setTimeout(120_000);

const NOW = '2026-12-01T08:00:00.000Z';
const TODAY = '2026-12-01';
const THURSDAY = '2026-12-03';
const FRIDAY = '2026-12-04';

const DESKTOP = { viewport: { width: 1280, height: 800 } } as const;
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 } as const;

let server: TabServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  await ensureTabBuilt();
  server = await startTabServer(await azuriteHarness(), [demoCatalog()], NOW);
});

// Each open page polls its floor every 1.5 s: close a test's pages when it ends, so that the next test's server
// is not answering a growing crowd of forgotten tabs.
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function openAs(userId: string, query: string, options: Parameters<Browser['newContext']>[0] = DESKTOP): Promise<{ page: Page; errors: string[] }> {
  const context = await userContext(browser, userId, options);
  contexts.push(context);
  await context.clock.setFixedTime(new Date(NOW));
  const page = await context.newPage();
  const { errors } = watchPage(page, server.url);
  await page.goto(`${server.url}/tab/?${query}`);
  return { page, errors };
}

async function api(method: string, path: string, userId: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'x-dev-user': userId, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function bookingsOf(userId: string): Promise<{ deskId: string; date: string; status: string }[]> {
  return (await api('GET', '/api/bookings', userId)).json as { deskId: string; date: string; status: string }[];
}

const panel = (page: Page) => page.getByTestId('desk-panel');
const notice = (page: Page) => page.locator('[data-testid="notice"]');

async function mapBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  return (await page.locator('svg.map-svg').boundingBox())!;
}

describe('the desk panel: nothing happens before its button is pressed', () => {
  it('opens the panel on a click, books only from its button, and cancels with Undo (1280 × 800)', async () => {
    const { page, errors } = await openAs('pam', `view=map&floor=hq-3&date=${THURSDAY}`);
    await waitForMap(page);
    const desk = deskOnMap(page, '3.21');
    await see.attribute(desk, 'data-state', 'free');

    await desk.click();
    await see.visible(panel(page));
    await see.text(panel(page).locator('h2'), 'Desk 3.21');
    await see.text(panel(page), 'Zone');
    await see.text(panel(page), '3rd floor');
    await see.text(panel(page), 'No booked desk closer than 1.5 m.');
    // A side panel on a wide screen: the right-hand edge, the window's full height.
    const side = (await panel(page).boundingBox())!;
    expect(side.x + side.width).toBeCloseTo(1280, 0);
    expect(side.height).toBeCloseTo(800, 0);
    // The click alone booked nothing.
    expect(await bookingsOf('pam')).toEqual([]);
    await see.attribute(desk, 'data-state', 'free');

    const before = await mapBox(page);
    await panel(page).getByRole('button', { name: 'Book desk 3.21' }).click();
    await see.attribute(desk, 'data-state', 'mine');
    await see.text(notice(page), 'Desk 3.21 is booked for you on Thursday 3 December.');
    await see.text(page.getByTestId('day-status'), 'Your desk on Thursday 3 December: 3.21');
    // The outcome and the "your desk" line appeared without moving the map under the pointer.
    expect(await mapBox(page)).toEqual(before);
    await screenshot(page, 'panel-01-booked-desktop', false);

    await panel(page).getByRole('button', { name: 'Cancel my booking' }).click();
    await see.attribute(desk, 'data-state', 'free');
    await see.text(notice(page), 'Your booking of desk 3.21 on Thursday 3 December is cancelled.');
    expect(await mapBox(page)).toEqual(before);
    await notice(page).getByRole('button', { name: 'Undo: book desk 3.21 again' }).click();
    await see.attribute(desk, 'data-state', 'mine');
    await see.text(notice(page), 'Desk 3.21 is yours again on Thursday 3 December.');
    expect((await bookingsOf('pam')).filter((b) => b.status === 'booked').map((b) => b.deskId)).toEqual(['hq-3-21']);
    expect(errors).toEqual([]);
  });

  it('opens the panel with Enter and explains a desk that cannot be booked, with the nearest free desks', async () => {
    await api('POST', '/api/bookings', 'quinn', { deskId: 'hq-3-1', date: FRIDAY, requestId: 'quinn-1' });
    const { page } = await openAs('rita', `view=map&floor=hq-3&date=${FRIDAY}`);
    await waitForMap(page);
    await deskOnMap(page, '3.08').focus();
    await page.keyboard.press('Enter');
    await see.text(panel(page), 'Desk 3.08');
    await see.text(panel(page), '1.4 m from a booked desk; the minimum is 1.5 m');
    await see.count(panel(page).getByRole('button', { name: /^Book/ }), 0);
    const nearest = panel(page).locator('.panel-nearest button');
    await see.count(nearest, 3);
    const label = /Desk (\S+),/.exec((await nearest.first().innerText()) ?? '')?.[1];
    await nearest.first().click();
    await see.text(panel(page).locator('h2'), `Desk ${label}`);
    await see.visible(panel(page).getByRole('button', { name: `Book desk ${label}` }));
    // Escape closes the panel and gives the focus back to the desk.
    await page.keyboard.press('Escape');
    await see.count(panel(page), 0);
    await see.focused(deskOnMap(page, label!));
    expect(await bookingsOf('rita')).toEqual([]);
  });

  it('moves one’s booking to a free desk from the panel ("move here")', async () => {
    await api('POST', '/api/bookings', 'sam', { deskId: 'hq-3-40', date: THURSDAY, requestId: 'sam-1' });
    const { page } = await openAs('sam', `view=map&floor=hq-3&date=${THURSDAY}`);
    await waitForMap(page);
    await see.text(page.getByTestId('my-day'), 'Your desk on Thursday 3 December: 3.40');
    await deskOnMap(page, '3.45').click();
    await see.text(panel(page), 'You already have desk 3.40 that day.');
    await panel(page).getByRole('button', { name: 'Move my booking here' }).click();
    await see.attribute(deskOnMap(page, '3.45'), 'data-state', 'mine');
    await see.attribute(deskOnMap(page, '3.40'), 'data-state', 'free');
    await see.text(notice(page), 'Your booking moved to desk 3.45 on Thursday 3 December.');
    const active = (await bookingsOf('sam')).filter((b) => b.status === 'booked');
    expect(active.map((b) => `${b.deskId}@${b.date}`)).toEqual([`hq-3-45@${THURSDAY}`]);
  });

  it('cancels from My bookings with Undo', async () => {
    await api('POST', '/api/bookings', 'tess', { deskId: 'hq-3-50', date: FRIDAY, requestId: 'tess-1' });
    const { page } = await openAs('tess', 'view=mine');
    const row = page.locator('.mine-view tbody tr').first();
    await see.text(row, '3.50');
    await row.getByRole('button', { name: 'Cancel desk 3.50 on Friday 4 December' }).click();
    await see.text(notice(page), 'Your booking of desk 3.50 on Friday 4 December is cancelled.');
    await see.count(page.locator('.mine-view tbody tr'), 0);
    await notice(page).getByRole('button', { name: 'Undo: book desk 3.50 again' }).click();
    await see.text(page.locator('.mine-view tbody tr').first(), '3.50');
    expect((await bookingsOf('tess')).filter((b) => b.status === 'booked').map((b) => b.deskId)).toEqual(['hq-3-50']);
  });

  it('has no axe-core violations with the panel open', async () => {
    const { page } = await openAs('uma', `view=map&floor=hq-3&date=${THURSDAY}`, { ...DESKTOP, bypassCSP: true });
    await waitForMap(page);
    await deskOnMap(page, '3.30').click();
    await see.visible(panel(page));
    const violations = await runAxe(page);
    expect(violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

describe('guidance per day', () => {
  it('shows per day how many desks are free, and marks the days that cannot be booked', async () => {
    const { page } = await openAs('vera', 'view=map&floor=hq-3');
    await waitForMap(page);
    const picker = page.getByTestId('date-picker');
    await eventually('free counts in the day picker', () => picker.locator(`option[value="${THURSDAY}"]`).innerText(), (t) => /Thursday 3 December: \d+ free/.test(t));
    await see.attribute(picker.locator('option[value="2026-12-05"]'), 'disabled', '');
    await see.text(picker.locator('option[value="2026-12-05"]'), 'Saturday 5 December: not a booking day');
  });

  it.each([
    ['a past day', '2026-11-20', TODAY, 'is in the past; showing Tuesday 1 December, the first day you can book.'],
    ['a weekend day', '2026-12-05', '2026-12-07', 'Saturday 5 December is not a booking day; showing Monday 7 December, the nearest one.'],
    ['a day beyond the window', '2027-03-01', '2026-12-15', 'is beyond the booking window; showing Tuesday 15 December, the last day you can book.'],
    ['no date at all', 'soon', TODAY, '"soon" is not a date; showing Tuesday 1 December.'],
    ['an impossible date', '2026-02-30', TODAY, '"2026-02-30" is not a date; showing Tuesday 1 December.'],
  ])('snaps ?date= of %s to the nearest bookable day and says so', async (_what, asked, shown, says) => {
    const { page } = await openAs('walt', `view=map&floor=hq-3&date=${encodeURIComponent(asked)}`);
    await waitForMap(page);
    await see.value(page.getByTestId('date-picker'), shown);
    await see.text(notice(page), says);
    // The arrows work from the snapped day.
    await page.getByRole('button', { name: shown === '2026-12-15' ? 'Previous day' : 'Next day' }).click();
    await eventually('the day to move', () => page.getByTestId('date-picker').inputValue(), (v) => v !== shown);
  });
});

describe('never blank', () => {
  it('survives a server stop and start while moving between views, without a reload', async () => {
    const { page } = await openAs('xena', `view=map&floor=hq-3&date=${THURSDAY}`);
    await waitForMap(page);
    await page.evaluate(() => ((globalThis as unknown as Record<string, unknown>)['sameDocument'] = true));
    await server.stop();
    try {
      await see.visible(page.getByTestId('offline'), 10_000);
      await see.text(page.getByTestId('offline'), 'Offline: showing what was known at');
      // The last map stays, with its actions paused.
      await deskOnMap(page, '3.33').click();
      await see.attribute(panel(page).getByRole('button', { name: 'Book desk 3.33' }), 'disabled', '');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'My bookings' }).click();
      await see.exactText(page.getByRole('heading', { level: 1 }), 'My bookings');
      await page.getByRole('button', { name: 'Book a desk' }).click();
      await see.exactText(page.getByRole('heading', { level: 1 }), 'Book a desk');
      // One banner, not one per failed request.
      await see.count(page.locator('[role="alert"]:not(:empty), [data-testid="offline"]'), 1);
      await screenshot(page, 'panel-02-offline');
    } finally {
      await server.start();
    }
    await see.count(page.getByTestId('offline'), 0, 10_000);
    await waitForMap(page);
    await see.value(page.getByTestId('date-picker'), THURSDAY);
    await deskOnMap(page, '3.33').click();
    await panel(page).getByRole('button', { name: 'Book desk 3.33' }).click();
    await see.attribute(deskOnMap(page, '3.33'), 'data-state', 'mine');
    expect(await page.evaluate(() => (globalThis as unknown as Record<string, unknown>)['sameDocument'])).toBe(true);
  });
});

describe('live', () => {
  it('shows a booking made through the API within 2 s', async () => {
    const { page } = await openAs('yann', `view=map&floor=hq-3&date=${FRIDAY}`);
    await waitForMap(page);
    await see.attribute(deskOnMap(page, '3.55'), 'data-state', 'free');
    const made = await api('POST', '/api/bookings', 'zack', { deskId: 'hq-3-55', date: FRIDAY, requestId: 'zack-1' });
    expect(made.status).toBe(201);
    // A behaviour bound (the tab polls every 1.5 s), not a speed benchmark.
    await see.attribute(deskOnMap(page, '3.55'), 'data-state', 'taken', 2000);
  });
});

describe('on a phone (390 × 844, touch)', () => {
  it('opens zoomed so that every desk is a touch target of at least 24 × 24 px, inside the page width', async () => {
    const { page } = await openAs('anna', `view=map&floor=hq-3&date=${THURSDAY}`, PHONE);
    await waitForMap(page);
    const sizes = await page.locator('svg.map-svg g[role="button"] rect.hit').evaluateAll((rects) =>
      rects.map((r) => {
        const b = (r as unknown as { getBoundingClientRect(): { width: number; height: number } }).getBoundingClientRect();
        return Math.min(b.width, b.height);
      }),
    );
    expect(sizes.length).toBeGreaterThan(20);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(24);
    const box = await mapBox(page);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // Nothing sticks out of the page sideways (the floor inside the map may: it is clipped and panned).
    const overflowing = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { right: number }; closest(s: string): unknown; tagName: string; className: unknown }> } }).document;
      return Array.from(doc.querySelectorAll('body *'))
        .filter((el) => !el.closest('svg') && el.getBoundingClientRect().right > 390.5)
        .map((el) => `${el.tagName}.${String(el.className)}`);
    });
    expect(overflowing).toEqual([]);
    // One finger scrolls the page; in pan mode it moves the map.
    expect(await page.locator('svg.map-svg').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { touchAction: string } }).getComputedStyle(el).touchAction)).toBe('pan-y');
    await page.getByTestId('pan-mode').tap();
    expect(await page.locator('svg.map-svg').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { touchAction: string } }).getComputedStyle(el).touchAction)).toBe('none');
    // Touch screens get touch help, not keyboard help.
    await see.text(page.locator('.map-help'), 'Tap a desk');
    expect(await page.locator('.map-help').innerText()).not.toContain('Arrow keys');
    await screenshot(page, 'panel-03-phone-map');
  });

  it('books nothing on a tap beside a desk, and books from the bottom sheet without moving the map', async () => {
    const { page } = await openAs('bert', `view=map&floor=hq-3&date=${THURSDAY}`, PHONE);
    await waitForMap(page);
    // A desk the first view shows whole (the map opens zoomed in, so not every desk is in view).
    const map = await mapBox(page);
    let label: string | undefined;
    for (const g of await page.locator('svg.map-svg g[role="button"][data-state="free"]').all()) {
      const b = (await g.locator('rect.hit').boundingBox())!;
      if (b.x - 12 > map.x && b.x + b.width < map.x + map.width && b.y > map.y && b.y + b.height < map.y + map.height) {
        label = /Desk (\S+?),/.exec((await g.getAttribute('aria-label')) ?? '')?.[1];
        break;
      }
    }
    expect(label).toBeDefined();
    const desk = deskOnMap(page, label!);
    const hit = (await desk.locator('rect.hit').boundingBox())!;
    // 9 px beside the desk's target: whatever is there, a tap opens at most a panel and books nothing.
    const x = hit.x - 9;
    const y = hit.y + hit.height / 2;
    await page.touchscreen.tap(x, y);
    await page.waitForTimeout(300);
    expect(await bookingsOf('bert')).toEqual([]);
    const opened = await panel(page).count();
    if (opened > 0) expect(await panel(page).locator('h2').innerText()).not.toBe(`Desk ${label}`);
    if (opened > 0) await panel(page).getByRole('button', { name: 'Close' }).tap();

    await desk.tap();
    await see.visible(panel(page));
    // A bottom sheet: full width, at the bottom of the screen.
    const sheet = (await panel(page).boundingBox())!;
    expect(sheet.width).toBeCloseTo(390, 0);
    expect(sheet.y + sheet.height).toBeCloseTo(844, 0);
    const before = await mapBox(page);
    await panel(page).getByRole('button', { name: `Book desk ${label}` }).tap();
    await see.attribute(desk, 'data-state', 'mine');
    await see.visible(notice(page));
    expect(await mapBox(page)).toEqual(before);
    // The sheet does not hide the desk it is about: the map moved up above it.
    const tapped = (await desk.locator('rect.hit').boundingBox())!;
    expect(tapped.y + tapped.height).toBeLessThanOrEqual(sheet.y);
    await screenshot(page, 'panel-04-phone-sheet', false);
  });

  it('scrolls the page with one finger, and zooms the map with two', async () => {
    const { page } = await openAs('dora', `view=map&floor=hq-3&date=${THURSDAY}`, PHONE);
    await waitForMap(page);
    const map = page.locator('svg.map-svg');
    const viewBox = await map.getAttribute('viewBox');
    // "Zoom: 1,600 %": digits only.
    const zoom = async (): Promise<number> => Number((await page.locator('.map-zoom').innerText()).replace(/\D/g, ''));
    const zoomBefore = await zoom();
    // Outside Teams the development panel sits above the controls, so the map starts below the first screen: bring
    // its top to the middle of the screen, with page left below to scroll into.
    const scrollY = () => page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
    const mapTop = (await mapBox(page)).y + (await scrollY());
    await page.evaluate((y) => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, y), Math.max(0, mapTop - 600));
    const startY = await scrollY();
    const box = await mapBox(page);
    const cx = Math.round(box.x + box.width / 2);
    const cy = Math.round(box.y + Math.min(box.height, 844 - box.y) / 2) - 60;
    // Every finger below must land on the map, or the gesture tests nothing.
    const onMap = (points: readonly (readonly [number, number])[]) =>
      page.evaluate((pts) => {
        const doc = (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): { closest(s: string): unknown } | null } }).document;
        return pts.every(([x, y]) => Boolean(doc.elementFromPoint(x, y)?.closest('svg.map-svg')));
      }, points);
    expect(await onMap([[cx, cy + 60]])).toBe(true);
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: string, points: readonly (readonly [number, number])[]) =>
      cdp.send('Input.dispatchTouchEvent', { type: type as 'touchStart', touchPoints: points.map(([x, y], id) => ({ x, y, id })) });

    // One finger, upwards across the map: the page scrolls, the floor stays where it was.
    await touch('touchStart', [[cx, cy + 60]]);
    for (let i = 1; i <= 8; i++) await touch('touchMove', [[cx, cy + 60 - i * 15]]);
    await touch('touchEnd', []);
    await eventually('the page to scroll', scrollY, (y) => y > startY);
    expect(await map.getAttribute('viewBox')).toBe(viewBox);

    // Two fingers moving apart: the map zooms in.
    await map.scrollIntoViewIfNeeded();
    const b2 = await mapBox(page);
    const my = Math.round(b2.y + b2.height / 2);
    expect(await onMap([[cx - 20, my], [cx + 20, my]])).toBe(true);
    await touch('touchStart', [[cx - 20, my], [cx + 20, my]]);
    for (let i = 1; i <= 6; i++) await touch('touchMove', [[cx - 20 - i * 12, my], [cx + 20 + i * 12, my]]);
    await touch('touchEnd', []);
    await eventually('a pinch to zoom in', zoom, (z) => z > zoomBefore);
    expect(await bookingsOf('dora')).toEqual([]);
  });

  it('shows the list as cards, free desks first, and has no axe-core violations', async () => {
    const { page } = await openAs('cleo', `view=map&floor=hq-3&date=${THURSDAY}&layout=list`, { ...PHONE, bypassCSP: true });
    const rows = page.locator('.desk-list tbody tr');
    await rows.first().waitFor();
    const states = await rows.evaluateAll((rs) => rs.map((r) => (r as unknown as { dataset: { state: string } }).dataset.state));
    const firstOther = states.findIndex((s) => s !== 'free' && s !== 'mine');
    expect(states.slice(firstOther).every((s) => s !== 'free')).toBe(true);
    expect(await rows.first().evaluate((r) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(r).display)).toBe('block');
    // The filters and the layout switch fold away behind one button.
    await see.count(page.getByRole('radio', { name: 'List' }), 0);
    await page.getByTestId('more-options').tap();
    await see.visible(page.getByRole('radio', { name: 'List' }));
    const violations = await runAxe(page);
    expect(violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    await page.getByRole('radio', { name: 'Map' }).check();
    await waitForMap(page);
    const mapViolations = await runAxe(page);
    expect(mapViolations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
