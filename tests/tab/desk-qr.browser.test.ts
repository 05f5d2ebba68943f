/**
 * QR codes at desks (issue 17 §5) in Chromium against the real server over Azurite: the desk a code opens, in its
 * three states (yours today: check in; free: book it on the spot; otherwise: why not), and the admin's printable
 * sheet. Fixed clock: Tuesday 1 December 2026, 09:00 in Brussels, before the 10:00 check-in deadline.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { gridCatalog } from '../support/builders';
import { azuriteHarness } from '../support/stores';
import { asUser, ensureTabBuilt, launchChromium, runAxe, screenshot, see, startTabServer, watchPage, type TabServer } from './tab-harness';

jest.setTimeout(180_000);

const NOW = '2026-12-01T08:00:00.000Z';
const TODAY = '2026-12-01';
// Desks 1 m apart under a 1.5 m rule: the neighbour of a booked desk is too close.
const catalog = gridCatalog({ zones: 1, cols: 4, rows: 2, pitch: 1, policy: { minDistanceM: 1.5 } });

let server: TabServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  await ensureTabBuilt();
  server = await startTabServer(await azuriteHarness(), [catalog], NOW);
});

afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function api(method: string, path: string, userId: string, body?: unknown, roles?: string): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'x-dev-user': userId, ...(roles && { 'x-dev-roles': roles }), ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function open(userId: string, query: string, options: { roles?: string; width?: number } = {}): Promise<{ page: Page; errors: string[] }> {
  // axe is injected as an inline script, which the tab's Content-Security-Policy refuses (as it should).
  const context = await browser.newContext({ viewport: { width: options.width ?? 390, height: 844 }, bypassCSP: true });
  await asUser(context, userId);
  if (options.roles) {
    await context.addInitScript((r) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('seatwise.devRoles', r), options.roles);
  }
  contexts.push(context);
  await context.clock.setFixedTime(new Date(NOW));
  const page = await context.newPage();
  const { errors } = watchPage(page, server.url);
  await page.goto(`${server.url}/tab/?${query}`);
  return { page, errors };
}

describe('the desk a QR code opens', () => {
  it('is yours today: Check in, and it says you are checked in', async () => {
    const booked = await api('POST', '/api/bookings', 'rita', { deskId: 'f1-0-0', date: TODAY });
    expect(booked.status).toBe(201);
    const { page, errors } = await open('rita', 'view=map&desk=f1-0-0&lang=en');
    const arrival = page.getByTestId('desk-arrival');
    await see.attribute(arrival, 'data-state', 'mine');
    await see.text(arrival, 'This is your desk today.');
    expect(await runAxe(page)).toEqual([]);
    await arrival.getByRole('button', { name: 'Check in' }).click();
    await see.attribute(arrival, 'data-state', 'checked-in');
    await see.text(arrival, 'You are checked in at desk 1.00');
    await see.count(arrival.getByRole('button', { name: 'Check in' }), 0);
    await screenshot(page, 'desk-qr-checked-in');
    expect((await api('GET', `/api/bookings?from=${TODAY}&to=${TODAY}`, 'rita')).json.map((b: { status: string }) => b.status)).toEqual(['checked-in']);
    expect(errors).toEqual([]);
  });

  it('is free: booked on the spot in French, then checked in', async () => {
    const { page, errors } = await open('sam', 'view=map&desk=f1-0-3&lang=fr');
    const arrival = page.getByTestId('desk-arrival');
    await see.attribute(arrival, 'data-state', 'free');
    await see.text(arrival, 'Le bureau 1.03 est libre aujourd’hui.');
    expect(await runAxe(page)).toEqual([]);
    await arrival.getByRole('button', { name: 'Le réserver pour aujourd’hui' }).click();
    await see.attribute(arrival, 'data-state', 'mine');
    await arrival.getByRole('button', { name: 'M’enregistrer' }).click();
    await see.attribute(arrival, 'data-state', 'checked-in');
    const mine = (await api('GET', `/api/bookings?from=${TODAY}&to=${TODAY}`, 'sam')).json;
    expect(mine.map((b: { deskId: string; status: string }) => [b.deskId, b.status])).toEqual([['f1-0-3', 'checked-in']]);
    expect(errors).toEqual([]);
  });

  it('cannot be booked: says why in German, offers no Book button, and books nothing', async () => {
    // Rita's desk (1.00) is 1 m from 1.01.
    const { page, errors } = await open('tom', 'view=map&desk=f1-0-1&lang=de');
    const arrival = page.getByTestId('desk-arrival');
    await see.attribute(arrival, 'data-state', 'refused');
    await see.text(page.getByTestId('arrival-refused'), 'Sie können den Schreibtisch 1.01 heute nicht buchen.');
    await see.count(arrival.getByRole('button', { name: 'Für heute buchen' }), 0);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'desk-qr-refused-de');
    // "Open the map" goes to the map at that desk and day.
    await arrival.getByRole('button', { name: 'Plan öffnen' }).click();
    await see.value(page.getByTestId('floor-picker'), 'f1');
    await see.value(page.getByTestId('date-picker'), TODAY);
    expect((await api('GET', `/api/bookings?from=${TODAY}&to=${TODAY}`, 'tom')).json).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('names an unknown desk as such', async () => {
    const { page } = await open('tom', 'view=map&desk=gone-desk&lang=nl');
    await see.text(page.getByTestId('arrival-problem'), 'Deze code verwijst naar een bureau dat Seatwise niet kent');
  });
});

describe("the admin's sheet of desk QR codes", () => {
  it('shows one code per desk with its label and floor, each the Teams link to that desk, prints without the controls, and has no axe violations', async () => {
    const { page, errors } = await open('fm', 'view=admin&lang=en', { roles: 'admin', width: 1280 });
    await page.getByRole('link', { name: 'Print desk QR codes' }).click();
    const sheet = page.getByTestId('qr-sheet');
    await see.count(sheet.locator('li.qr-card'), 8);
    const card = sheet.locator('li.qr-card[data-desk-id="f1-0-5"]');
    await see.text(card, '1.05');
    await see.text(card, 'Zone A');
    const link = (await card.getAttribute('data-link'))!;
    expect(JSON.parse(new URL(link).searchParams.get('context')!)).toEqual({ subEntityId: 'desk|f1-0-5' });
    await see.count(card.getByRole('img', { name: 'QR code of desk 1.05' }), 1);
    // What the page draws is, module for module, the QR code of the link.
    const d = (await card.locator('svg path').getAttribute('d'))!;
    const expected = QRCode.create(link, { errorCorrectionLevel: 'M' }).modules;
    const drawn = Array.from({ length: expected.size }, () => new Array<boolean>(expected.size).fill(false));
    for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) for (let i = 0; i < Number(m[3]); i++) drawn[Number(m[2])]![Number(m[1]) + i] = true;
    for (let y = 0; y < expected.size; y++) for (let x = 0; x < expected.size; x++) expect([x, y, drawn[y]![x]]).toEqual([x, y, expected.get(y, x) === 1]);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'desk-qr-sheet');
    await page.emulateMedia({ media: 'print' });
    expect(await sheet.locator('.qr-controls').isVisible()).toBe(false);
    expect(await card.isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('is refused to someone without the admin role, in their language', async () => {
    const { page } = await open('ann', 'view=admin&print=qr&lang=nl', { width: 1280 });
    await see.count(page.getByTestId('qr-sheet').getByRole('alert'), 1);
    await see.count(page.locator('li.qr-card'), 0);
  });
});
