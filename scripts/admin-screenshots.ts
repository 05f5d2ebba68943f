/**
 * The README's Admin tab screenshots, taken again: `npx tsx scripts/admin-screenshots.ts`.
 *
 * Runs the real server (dev auth) over an in-memory embedded Azurite with the demo site, a few colleagues booked on
 * Thursday in Zone A, and a facility manager's view in headless Chromium (the browser the tests use), on a fixed
 * day (Tuesday 1 December 2026). Writes docs/admin-editor.png, docs/admin-rules-preview.png and
 * docs/admin-site-files.png. Not part of `npm test`.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { demoCatalog } from '../src/server/demo-site';
import { startEmbeddedAzurite } from '../src/storage/embedded/embedded-azurite';
import { azuriteHarnessAt } from '../tests/support/stores';
import { ensureTabBuilt, launchChromium, startTabServer, userContext } from '../tests/tab/tab-harness';

const NOW = '2026-12-01T08:00:00.000Z';
const DAYS = ['2026-12-03', '2026-12-04'];
const DOCS = path.resolve(__dirname, '..', 'docs');

async function main(): Promise<void> {
  const azurite = await startEmbeddedAzurite({ startTimeoutMs: 60_000 });
  const browser = await launchChromium();
  try {
    await ensureTabBuilt();
    const server = await startTabServer(await azuriteHarnessAt(azurite.connectionString), [demoCatalog()], NOW);
    try {
      await bookZoneA(server.url);
      const context = await userContext(browser, 'fiona', { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
      await context.addInitScript(() => {
        const storage = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage;
        storage.setItem('seatwise.devRoles', 'admin');
        storage.setItem('seatwise.devName', 'Fiona Manager');
      });
      await context.clock.setFixedTime(new Date(NOW));
      const page = await context.newPage();
      await page.goto(`${server.url}/tab/?view=admin`);
      await page.getByTestId('admin-plan').waitFor({ state: 'visible', timeout: 30_000 });
      await editor(page);
      await rulesPreview(page);
      await siteFiles(page);
      await context.close();
    } finally {
      await server.close();
    }
  } finally {
    await browser.close();
    await azurite.stop();
  }
}

/** Colleagues book what the distance rule leaves free in Zone A on Thursday and Friday: something to cancel. */
async function bookZoneA(url: string): Promise<void> {
  const names = ['Ann Peeters', 'Bruno Dubois', 'Chloé Martin', 'Dirk Janssens', 'Eva Maes', 'Farid El Amrani', 'Greet Claes', 'Hugo Lambert'];
  for (const date of DAYS) {
    const floor = (await (await fetch(`${url}/api/floors/hq-2?date=${date}`, { headers: { 'x-dev-user': 'probe' } })).json()) as {
      desks: { id: string; zoneId: string }[];
    };
    let n = date === DAYS[0] ? 0 : 4;
    for (const desk of floor.desks.filter((d) => d.zoneId === 'hq-2-a')) {
      const name = names[n % names.length]!;
      const res = await fetch(`${url}/api/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-dev-user': name.split(' ')[0]!.toLowerCase(), 'x-dev-name': name },
        body: JSON.stringify({ deskId: desk.id, date }),
      });
      if (res.status === 201) n++;
    }
  }
}

/** The floor editor with a desk selected. */
async function editor(page: Page): Promise<void> {
  await page.getByTestId('admin-desk-select').selectOption({ label: '2.20' });
  await page.mouse.move(0, 0);
  // From the Admin heading down (the development panel above it is not part of Teams).
  await page.locator('.admin-view').evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
  await page.screenshot({ path: path.join(DOCS, 'admin-editor.png') });
}

/** Zone A down to one person from today: the preview lists who would lose their desk, and why. */
async function rulesPreview(page: Page): Promise<void> {
  const panel = page.locator('section.admin-policy');
  await panel.getByRole('combobox', { name: 'Applies to' }).selectOption('hq-2-a');
  await panel.getByRole('combobox', { name: 'Zone capacity' }).selectOption('count');
  await panel.getByRole('spinbutton', { name: 'Capacity value' }).fill('1');
  await panel.getByTestId('admin-policy-preview').click();
  await panel.getByTestId('admin-policy-cancellations').waitFor({ state: 'visible', timeout: 20_000 });
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(DOCS, 'admin-rules-preview.png') });
}

/** The site files, with the problems of an edited file listed as `npm run import` prints them. */
async function siteFiles(page: Page): Promise<void> {
  const files = page.getByTestId('admin-files');
  const exported = (await page.evaluate(async () => {
    const res = await fetch('/api/admin/sites/brussels-hq/export', { headers: { 'x-dev-user': 'fiona', 'x-dev-roles': 'admin' } });
    return res.json();
  })) as { site: { site: { timeZone: string } }; desksCsv: string };
  exported.site.site.timeZone = 'Europe/Brusels';
  const csv = `${exported.desksCsv}hq-2,hq-2-new,2.99,4.5m,9,,monitor,bookable\r\n`;
  await files.getByLabel('Site file (JSON)').setInputFiles({ name: 'brussels-hq.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported.site, null, 2)) });
  await files.getByLabel('Desks file (CSV, optional)').setInputFiles({ name: 'brussels-hq-desks.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await files.getByRole('button', { name: 'Import and publish' }).click();
  await page.getByTestId('admin-files-problems').waitFor({ state: 'visible', timeout: 20_000 });
  await files.scrollIntoViewIfNeeded();
  await files.screenshot({ path: path.join(DOCS, 'admin-site-files.png') });
}

main().then(
  () => process.stdout.write(`screenshots written to ${DOCS}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
