/**
 * What the waitlist waits for, chosen in the Book tab (issue 17 §1), in Chromium against the real server over
 * Azurite: Carol asks for a desk in Zone A with a monitor; the entry stores both, and the offer pass holds for her only
 * a freed desk that fits. Fixed clock: Tuesday 1 December 2026, 09:00 in Brussels.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import type { ProactiveMessage } from '../../src/use-cases/reminders/reminder-ports';
import { runOfferPass } from '../../src/use-cases/waitlist-offers';
import { gridCatalog } from '../support/builders';
import { offerPassDeps } from '../support/offer-pass';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { deskOnMap, ensureTabBuilt, launchChromium, runAxe, see, startTabServer, userContext, waitForMap, watchPage, type TabServer } from './tab-harness';

jest.setTimeout(180_000);

const NOW = '2026-12-01T08:00:00.000Z';
const THURSDAY = '2026-12-03';
// Two zones of two desks 2 m apart: 1.00 and 2.00 have a monitor, 1.01 and 2.01 are standing desks.
const catalog = gridCatalog({ zones: 2, cols: 2, rows: 1, pitch: 2, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 2 } } });
const OTHERS: Record<string, string> = { 'f1-0-0': 'ann', 'f1-0-1': 'bob', 'f1-1-0': 'dan', 'f1-1-1': 'eve' };

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

async function cancel(deskId: string): Promise<void> {
  const userId = OTHERS[deskId]!;
  const [booking] = (await api('GET', `/api/bookings?from=${THURSDAY}&to=${THURSDAY}`, userId)).json as { id: string }[];
  expect((await api('DELETE', `/api/bookings/${booking!.id}`, userId)).status).toBe(204);
}

interface EntryOut {
  date: string;
  zoneId?: string;
  attributes: string[];
  state: string;
  offer?: { deskId: string };
}

describe('choosing what the waitlist waits for in the Book tab', () => {
  it('stores "a desk in Zone A with a monitor", and the offer pass holds only a freed desk that fits', async () => {
    for (const [deskId, userId] of Object.entries(OTHERS)) expect((await api('POST', '/api/bookings', userId, { deskId, date: THURSDAY })).status).toBe(201);

    const context = await userContext(browser, 'carol', { viewport: { width: 1280, height: 800 }, bypassCSP: true });
    contexts.push(context);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    const { errors } = watchPage(page, server.url);
    await page.goto(`${server.url}/tab/?view=map&floor=f1&date=${THURSDAY}&lang=en`);
    await waitForMap(page);

    await deskOnMap(page, '1.00').click();
    await page.getByTestId('desk-panel').getByTestId('panel-waitlist').click();
    const chooser = page.getByTestId('waitlist-chooser');
    await see.visible(chooser);
    // "Any desk" is the first choice, as joining was before; the zone is the desk's own.
    await see.text(chooser, 'Any desk at');
    await chooser.getByRole('radio', { name: 'A desk in Zone A' }).check();
    await chooser.getByRole('checkbox', { name: 'Monitor' }).check();
    expect(await runAxe(page)).toEqual([]);
    await chooser.getByTestId('waitlist-join').click();
    await see.text(page.getByTestId('notice'), 'You are on the waitlist');

    const entries = () => api('GET', '/api/waitlist', 'carol').then((r) => r.json as EntryOut[]);
    expect(await entries()).toEqual([expect.objectContaining({ date: THURSDAY, zoneId: 'f1-z0', attributes: ['monitor'], state: 'waiting' })]);

    const sent: ProactiveMessage[] = [];
    const pass = await offerPassDeps(harness, server.clock, sent, { ids: 'wishpass', instanceId: 'wish-test' });
    // A monitor desk in Zone B, and a Zone A desk without a monitor: neither is what Carol waits for.
    await cancel('f1-1-0');
    await cancel('f1-0-1');
    expect(await runOfferPass(pass)).toMatchObject({ placed: 0 });
    expect((await entries())[0]).toMatchObject({ state: 'waiting' });
    // Desk 1.00 is both: it is held for her.
    await cancel('f1-0-0');
    expect(await runOfferPass(pass)).toMatchObject({ placed: 1 });
    expect((await entries())[0]).toMatchObject({ state: 'offered', offer: { deskId: 'f1-0-0' } });
    expect(errors).toEqual([]);
  });
});
