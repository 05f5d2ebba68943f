/**
 * "Booked for others" in My bookings, in Chromium against the real server over Azurite: Dan sees the desk he booked
 * for Ann and cancels it; the booking is gone from Ann's list; Ann, who booked for nobody, sees no such section.
 * Fixed clock: Tuesday 1 December 2026, 09:00 in Brussels.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gridCatalog } from '../support/builders';
import { azuriteHarness } from '../support/stores';
import { asUser, ensureTabBuilt, launchChromium, runAxe, see, startTabServer, watchPage, type TabServer } from './tab-harness';

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

async function api(method: string, path: string, userId: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'x-dev-user': userId, 'x-dev-name': userId === 'ann' ? 'Ann Owner' : 'Dan Delegate', ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function open(userId: string, name: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  await asUser(context, userId, name);
  contexts.push(context);
  await context.clock.setFixedTime(new Date(NOW));
  const page = await context.newPage();
  const { errors } = watchPage(page, server.url);
  await page.goto(`${server.url}/tab/?view=mine&lang=en`);
  return { page, errors };
}

describe('"Booked for others" in My bookings', () => {
  it('Dan sees the desk he booked for Ann and cancels it; Ann, who booked for nobody, sees no such section', async () => {
    expect((await api('PUT', '/api/me/delegates/dan', 'ann', { name: 'Dan Delegate' })).status).toBe(201);
    const booked = await api('POST', '/api/bookings', 'dan', { deskId: 'f1-0-3', date: THURSDAY, forPersonId: 'ann' });
    expect(booked.status).toBe(201);

    const dan = await open('dan', 'Dan Delegate');
    const section = dan.page.getByTestId('booked-for-others');
    await see.text(section, 'Booked for others');
    await see.text(section, 'Desk 1.03 for Ann Owner');
    expect(await runAxe(dan.page)).toEqual([]);
    const cancel = section.getByRole('button', { name: /Cancel desk 1\.03 booked for Ann Owner on Thursday,? 3 December/ });
    await cancel.focus();
    await dan.page.keyboard.press('Enter');
    await see.text(section.getByTestId('booked-for-status'), 'Desk 1.03 for Ann Owner on');
    await see.text(section.getByTestId('booked-for-status'), 'is cancelled. They are told in Teams.');
    await see.count(section.locator('li'), 0);
    expect((await api('GET', `/api/bookings?from=${THURSDAY}&to=${THURSDAY}`, 'ann')).body).toEqual([]);

    const ann = await open('ann', 'Ann Owner');
    await see.visible(ann.page.getByTestId('delegates-panel'));
    await see.count(ann.page.getByTestId('booked-for-others'), 0);
    expect([...dan.errors, ...ann.errors]).toEqual([]);
  });
});
