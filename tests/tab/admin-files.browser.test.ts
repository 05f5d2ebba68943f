/**
 * The Admin tab (issue 15) in Chromium against the real server over Azurite: the import's two files downloaded and
 * imported back from the tab, with the command line's own problems; and a zone restricted to groups from the tab.
 * Fixed clock: Tuesday 1 December 2026, 09:00 in Brussels.
 */
import fs from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { CatalogImportError, parseCatalogFiles } from '../../src/use-cases/import-catalog';
import { azuriteHarness } from '../support/stores';
import { adminTabSession, ANNEX } from './admin-session';
import { eventually, runAxe, see, startTabServer } from './tab-harness';

jest.setTimeout(180_000);

const NOW = '2026-12-01T08:00:00.000Z';
const THURSDAY = '2026-12-03';

const session = adminTabSession(NOW, async () => startTabServer(await azuriteHarness(), ANNEX, NOW));

async function openAdmin(): Promise<{ page: Page; errors: string[] }> {
  const opened = await session.open('ada', 'admin', { context: { acceptDownloads: true } });
  await opened.page.getByTestId('admin-plan').waitFor({ state: 'visible', timeout: 30_000 });
  return opened;
}

async function exported(): Promise<{ site: { floors: { zones: { id: string; name: string; allowedGroups?: string[] }[] }[] }; desksCsv: string; revision: number }> {
  const res = await fetch(`${session.server.url}/api/admin/sites/annex/export`, { headers: { 'x-dev-user': 'ada', 'x-dev-roles': 'admin' } });
  expect(res.status).toBe(200);
  return (await res.json()) as never;
}

async function book(userId: string, deskId: string, groups?: string): Promise<{ status: number; code?: string }> {
  const headers: Record<string, string> = { 'x-dev-user': userId, 'content-type': 'application/json', ...(groups !== undefined && { 'x-dev-groups': groups }) };
  const res = await fetch(`${session.server.url}/api/bookings`, { method: 'POST', headers, body: JSON.stringify({ deskId, date: THURSDAY }) });
  const body = (await res.json()) as { code?: string };
  return { status: res.status, ...(body.code !== undefined && { code: body.code }) };
}

/** What `npm run import annex.json annex-desks.csv` prints for these files, one problem a line. */
function cliProblems(siteJson: string, desksCsv: string): string[] {
  try {
    parseCatalogFiles({ siteJson, siteJsonName: 'annex.json', desksCsv, desksCsvName: 'annex-desks.csv' });
  } catch (error) {
    if (error instanceof CatalogImportError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('the site files in the Admin tab: the import format, both ways', () => {
  it('downloads both files, lists the problems of edited ones as the command line does, then imports the fixed files', async () => {
    const { page, errors } = await openAdmin();
    const files = page.getByTestId('admin-files');
    const before = await exported();

    // Export: both files, as stored.
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await files.getByRole('button', { name: 'Download the site and desks files' }).click();
    await eventually('two downloads', async () => downloads.length, (n) => n === 2);
    const byName = new Map(await Promise.all(downloads.map(async (d) => [d.suggestedFilename(), fs.readFileSync((await d.path())!, 'utf8')] as const)));
    expect([...byName.keys()].sort()).toEqual(['annex-desks.csv', 'annex.json']);
    const siteFile = JSON.parse(byName.get('annex.json')!);
    expect(siteFile.site).toEqual({ id: 'annex', name: 'Annex', timeZone: 'Europe/Brussels' });
    expect(byName.get('annex-desks.csv')).toBe(before.desksCsv);

    // Edited as a facility manager would, with two slips: a misspelt time zone, and a unit typed after a number.
    siteFile.site.timeZone = 'Europe/Brusels';
    siteFile.floors[0].zones.push({ id: 'annex-e', name: 'East', outline: [[10, 0], [20, 0], [20, 10], [10, 10]] });
    const badJson = JSON.stringify(siteFile, null, 2);
    const badCsv = `${before.desksCsv}annex-1,annex-1-5,E1,15m,5,,monitor,bookable\r\n`;
    const expected = cliProblems(badJson, badCsv);
    expect(expected).toHaveLength(2);

    await files.getByLabel('Site file (JSON)').setInputFiles({ name: 'annex.json', mimeType: 'application/json', buffer: Buffer.from(badJson) });
    await files.getByLabel('Desks file (CSV, optional)').setInputFiles({ name: 'annex-desks.csv', mimeType: 'text/csv', buffer: Buffer.from(badCsv) });
    await files.getByRole('button', { name: 'Import and publish' }).click();
    const problems = page.getByTestId('admin-files-problems').getByRole('listitem');
    await see.count(problems, 2);
    expect(await problems.allInnerTexts()).toEqual(expected);
    expect(await runAxe(page)).toEqual([]);
    expect((await exported()).revision).toBe(before.revision);

    // Fixed and imported again: a new version, and the editor shows it.
    siteFile.site.timeZone = 'Europe/Brussels';
    await files.getByLabel('Site file (JSON)').setInputFiles({ name: 'annex.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(siteFile, null, 2)) });
    await files.getByLabel('Desks file (CSV, optional)').setInputFiles({ name: 'annex-desks.csv', mimeType: 'text/csv', buffer: Buffer.from(badCsv.replace('15m', '15')) });
    await files.getByRole('button', { name: 'Import and publish' }).click();
    await see.text(page.getByTestId('admin-files-outcome'), 'Published as version');
    const after = await exported();
    expect(after.revision).toBe(before.revision + 1);
    expect(after.site.floors[0]!.zones.map((z) => z.name).sort()).toEqual(['East', 'West']);
    expect(after.desksCsv).toContain('annex-1,annex-1-5,E1,15,5,annex-e,monitor,bookable');
    await eventually('desk E1 on the editor\'s plan', () => page.getByTestId('admin-plan').textContent({ timeout: 500 }), (v) => (v ?? '').includes('E1'));
    await see.text(page.locator('.admin-status'), String(after.revision));
    // Chromium logs the refused import's 400 itself; nothing else may go wrong.
    expect(errors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
  });
});

describe('a zone restricted to groups from the Admin tab', () => {
  it('types the groups, publishes, and only their members may book there; emptied, the zone is everyone’s again', async () => {
    const { page, errors } = await openAdmin();
    const groups = page.getByTestId('admin-zone-groups');
    const west = groups.getByRole('textbox', { name: 'Groups allowed in West' });
    await see.text(groups, 'Everyone may book here.');
    await west.focus();
    await page.keyboard.type('focus-team, facilities;focus-team');
    await page.keyboard.press('Tab');
    await see.text(groups, 'Only members of these groups may book here.');
    await see.value(west, 'focus-team, facilities');
    expect(await runAxe(page)).toEqual([]);

    // An undo steps back over it, like any edit; typed again, it is published.
    await page.getByRole('button', { name: 'Undo' }).click();
    await see.value(west, '');
    await west.fill('focus-team, facilities');
    await west.press('Enter');
    await page.getByTestId('admin-publish').click();
    await see.text(page.getByTestId('admin-outcome'), 'Published as version');
    expect((await exported()).site.floors[0]!.zones.find((z) => z.id === 'annex-w')!.allowedGroups).toEqual(['focus-team', 'facilities']);

    // The booking rules enforce it.
    expect(await book('bob', 'annex-1-1')).toEqual({ status: 409, code: 'DESK_UNAVAILABLE' });
    expect((await book('cleo', 'annex-1-1', 'facilities')).status).toBe(201);

    // Emptied, everyone may book again.
    await west.fill('');
    await west.press('Tab');
    await see.text(groups, 'Everyone may book here.');
    await page.getByTestId('admin-publish').click();
    await see.text(page.getByTestId('admin-outcome'), 'Published as version');
    expect((await exported()).site.floors[0]!.zones.find((z) => z.id === 'annex-w')).not.toHaveProperty('allowedGroups');
    expect((await book('bob', 'annex-1-4')).status).toBe(201);
    expect(errors).toEqual([]);
  });
});

describe('the Admin tab on a phone', () => {
  it.each(['en-GB', 'de-DE'])('in %s at 390 px, the site files panel fits the screen: nothing scrolls sideways', async (locale) => {
    const { page, errors } = await session.open('ada', 'admin', { context: { locale }, viewport: { width: 390, height: 844 } });
    const files = page.locator('.admin-files-pick').first();
    await see.visible(files, 30_000);
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBe(0);
    expect(errors).toEqual([]);
  });
});
