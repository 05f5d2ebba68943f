/**
 * The Admin tab's oversight pages (issue 16) in Chromium against the real server over Azurite: the occupancy report
 * for a report reader (figures, charts with their tables, the CSV of what is shown, no person anywhere on the page),
 * contact tracing for a prevention adviser (a reason, the results, an audit entry, a CSV once), and which sections
 * each role sees. Driven by keyboard, except date fields, which are filled (their typed order follows the browser's locale). Fixed clock: Tuesday 1 December 2026, 09:00 in Brussels.
 */
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { releaseNoShow } from '../../src/use-cases/change-booking';
import { fixedClock, gridCatalog } from '../support/builders';
import { azuriteHarness, bookingDeps, type StoreHarness } from '../support/stores';
import { adminTabSession } from './admin-session';
import { eventually, runAxe, see, startTabServer } from './tab-harness';

jest.setTimeout(180_000);

const NOW = '2026-12-01T08:00:00.000Z';
/** One floor, "Floor 1", two zones of 4 × 5 desks 1 m apart (zone A: f1-0-*, zone B: f1-1-*); D = 1.5 m. */
const CATALOG = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 4 } } });
const PEOPLE = {
  'u-alice': 'Alice Quenby',
  'u-bob': 'Bob Zarkov',
  'u-carol': 'Carol Yuste',
  'u-dave': 'Dave Xiong',
  'u-frank': 'Frank Vance',
  'u-erin': 'Erin Wexley',
  'u-gina': 'Gina Umber',
} as const;
type Person = keyof typeof PEOPLE;

/** The server's address, known before the session hands the server over, so the bookings can be made first. */
let serverUrl = '';
const session = adminTabSession(NOW, async () => {
  const h = await azuriteHarness();
  const server = await startTabServer(h, [CATALOG], NOW);
  serverUrl = server.url;
  await seed(h);
  return server;
});

async function api(method: string, path: string, user: string, roles = '', body?: unknown, accept = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = { 'x-dev-user': user, 'x-dev-name': PEOPLE[user as Person] ?? user, 'x-dev-roles': roles, accept };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${serverUrl}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
}

async function book(user: Person, deskId: string, date: string): Promise<string> {
  const r = await api('POST', '/api/bookings', user, '', { deskId, date });
  expect([user, deskId, r.status]).toEqual([user, deskId, 201]);
  return ((await r.json()) as { id: string }).id;
}

/** The bookings the pages report on, made before the first test. */
async function seed(h: StoreHarness): Promise<void> {
  // Tuesday: Alice checks in; Bob never does (released as a no-show); Carol cancels; Dave and Frank are booked.
  const alice = await book('u-alice', 'f1-0-0', '2026-12-01');
  expect((await api('POST', `/api/bookings/${alice}/check-in`, 'u-alice')).status).toBe(200);
  const bob = await book('u-bob', 'f1-0-2', '2026-12-01');
  const carol = await book('u-carol', 'f1-1-0', '2026-12-01');
  expect((await api('DELETE', `/api/bookings/${carol}`, 'u-carol')).status).toBe(204);
  await book('u-dave', 'f1-1-2', '2026-12-01');
  await book('u-frank', 'f1-0-10', '2026-12-01');
  // Wednesday: Alice again, with Erin and Gina 2.24 m and 2 m away.
  await book('u-alice', 'f1-0-0', '2026-12-02');
  await book('u-erin', 'f1-0-6', '2026-12-02');
  await book('u-gina', 'f1-0-8', '2026-12-02');
  // At 10:30 Bob's desk is released as a no-show, as the scheduler would.
  const late = await bookingDeps(h, [CATALOG], fixedClock('2026-12-01T09:30:00Z'));
  expect((await releaseNoShow(late, bob)).ok).toBe(true);
}

function openAs(userId: string, roles: string): Promise<{ page: Page; errors: string[] }> {
  return session.open(userId, roles, { context: { acceptDownloads: true, locale: 'en-GB' } });
}

/** Types into a field by keyboard: focus, select what is there, type. */
async function typeInto(page: Page, field: ReturnType<Page['locator']>, text: string): Promise<void> {
  await field.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
}

/** A table's body rows as arrays of cell texts. */
async function tableRows(table: ReturnType<Page['locator']>): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td: { textContent: string | null }) => (td.textContent ?? '').trim())));
}

/** Clicks a download button by keyboard and returns the file's text. */
async function downloadBy(page: Page, button: ReturnType<Page['locator']>): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download', { timeout: 15_000 });
  await button.focus();
  await page.keyboard.press('Enter');
  const file = await download;
  const path = await file.path();
  return { name: file.suggestedFilename(), text: fs.readFileSync(path, 'utf8') };
}

function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\r\n');
  const columns = head!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i]!, cell])));
}

async function noPersonIn(page: Page): Promise<void> {
  const html = await page.content();
  for (const [id, name] of Object.entries(PEOPLE)) {
    expect([id, html.includes(id)]).toEqual([id, false]);
    expect([name, html.includes(name)]).toEqual([name, false]);
  }
}

describe('the occupancy report, for a report reader', () => {
  it('shows the figures of seeded bookings per day, with charts, their tables and the CSV of exactly what is shown, and no person', async () => {
    const { page, errors } = await openAs('rita', 'reports');
    const report = page.getByTestId('report-page');
    await see.visible(report, 30_000);
    // A reporter has one section: no tabs, and no tracing.
    expect(await page.getByRole('tablist').count()).toBe(0);
    expect(await page.getByTestId('tracing-page').count()).toBe(0);

    // 1 to 2 December, typed, and shown with Enter.
    await report.getByLabel('From').fill('2026-12-01');
    await report.getByLabel('To').fill('2026-12-02');
    await page.keyboard.press('Enter');
    const outcomes = page.getByTestId('report-outcomes-table');
    await eventually('two days in the outcomes table', () => tableRows(outcomes), (rows) => rows.length === 2);

    // Tuesday: 5 booked: 1 checked in, 2 still booked, 1 no-show, 1 cancelled. Wednesday: 3 still booked.
    expect((await tableRows(outcomes)).map((r) => r.slice(1))).toEqual([
      ['5', '1', '2', '1', '1'],
      ['3', '0', '3', '0', '0'],
    ]);
    // Desks held at the busiest moment (Alice, Bob until the deadline, Frank and Dave), against 8 and the safe maximum.
    const peaks = await tableRows(page.getByTestId('report-peaks-table'));
    expect(peaks.map((r) => r.slice(1, 3))).toEqual([
      ['4', '8'],
      ['3', '8'],
    ]);
    expect(Number(peaks[0]![3])).toBeGreaterThan(0);
    await see.text(page.getByTestId('report-peak'), 'Busiest day: Tuesday 1 December, 4 desks held, against a capacity of 8');
    // Each chart is one named image, with the same figures in the table under it.
    await see.visible(page.getByRole('img', { name: 'Bookings and what became of them' }));
    await see.visible(page.getByRole('img', { name: /^Desks held at the busiest moment/ }));
    expect(await page.getByTestId('report-outcomes-chart').locator('rect').count()).toBeGreaterThan(0);

    // The figures per zone, and the CSV: the same rows, the same numbers.
    const details = page.getByTestId('report-details');
    const shown = await details.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-key'), ...Array.from(r.querySelectorAll('td'), (td: { textContent: string | null }) => (td.textContent ?? '').trim())]));
    expect(shown).toHaveLength(4);
    const csv = await downloadBy(page, page.getByTestId('report-csv'));
    expect(csv.name).toBe('seatwise-occupancy-site-1-2026-12-01-2026-12-02.csv');
    const rows = parseCsv(csv.text);
    expect(rows.map((r) => [`${r['date']}|${r['floorId']}|${r['zoneId']}`, r['floorName'], r['zoneName'], r['booked'], r['checkedIn'], r['noShow'], r['cancelled'], r['capacity'], r['releasedEarly'], r['held']])).toEqual(
      shown.map(([key, , floor, zone, ...numbers]) => [key, floor, zone, ...numbers]),
    );
    expect(rows[0]).toMatchObject({ date: '2026-12-01', zoneName: 'Zone A', booked: '3', checkedIn: '1', noShow: '1', held: '3' });
    for (const [id, name] of Object.entries(PEOPLE)) expect([id, csv.text.includes(id) || csv.text.includes(name)]).toEqual([id, false]);

    await noPersonIn(page);
    expect(await runAxe(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('keeps showing what the reader asked for when the opening report answers after it', async () => {
    // The opening report (the last two weeks) is held back until the reader's own query has been answered.
    let releaseOpening: () => void = () => undefined;
    const opening = new Promise<void>((r) => (releaseOpening = r));
    let first = true;
    const { page, errors } = await session.open('rita', 'reports', {
      context: { locale: 'en-GB' },
      beforeLoad: async (p) => {
        await p.route('**/api/reports/occupancy?**', async (route) => {
          if (first) {
            first = false;
            await opening;
          }
          await route.continue();
        });
      },
    });
    const report = page.getByTestId('report-page');
    await see.visible(report, 30_000);
    await report.getByLabel('From').fill('2026-12-01');
    await report.getByLabel('To').fill('2026-12-02');
    await page.keyboard.press('Enter');
    const outcomes = page.getByTestId('report-outcomes-table');
    await eventually('two days in the outcomes table', () => tableRows(outcomes), (rows) => rows.length === 2);
    const openingAnswered = page.waitForResponse((r) => r.url().includes('/api/reports/occupancy?') && r.url().includes('from=2026-11-'));
    releaseOpening();
    await openingAnswered;
    // Give React the turn in which a late answer would have replaced the table.
    await page.waitForTimeout(300);
    expect(await tableRows(outcomes)).toHaveLength(2);
    expect(await report.getByLabel('From').inputValue()).toBe('2026-12-01');
    expect(errors).toEqual([]);
  });

  it('rolls up per week for one floor, and the CSV follows', async () => {
    const { page, errors } = await openAs('rita', 'reports');
    const report = page.getByTestId('report-page');
    await see.visible(report, 30_000);
    await report.getByLabel('From').fill('2026-12-01');
    await report.getByLabel('To').fill('2026-12-02');
    await page.getByTestId('report-floor').selectOption('f1');
    await page.getByTestId('report-per').selectOption('week');
    await report.getByRole('button', { name: 'Show' }).focus();
    await page.keyboard.press('Enter');
    const details = page.getByTestId('report-details');
    await eventually('week rows per zone', () => tableRows(details), (rows) => rows.length === 2 && rows[0]![0]!.includes('2026-W49'));
    expect((await tableRows(details)).map((r) => [r[2], r[3], r[4]])).toEqual([
      ['Zone A', '2', '6'],
      ['Zone B', '2', '2'],
    ]);
    const csv = await downloadBy(page, page.getByTestId('report-csv'));
    expect(csv.name).toBe('seatwise-occupancy-site-1-f1-2026-12-01-2026-12-02-weeks.csv');
    expect(parseCsv(csv.text).map((r) => [r['week'], r['zoneName'], r['days'], r['booked'], r['peakHeld']])).toEqual([
      ['2026-W49', 'Zone A', '2', '6', '3'],
      ['2026-W49', 'Zone B', '2', '2', '1'],
    ]);
    expect(await runAxe(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('contact tracing, for a prevention adviser only', () => {
  it('needs a reason, lists who sat within the radius with desk, distance, day and floor, and leaves an audit entry', async () => {
    const { page, errors } = await openAs('tess', 'tracer');
    const tracing = page.getByTestId('tracing-page');
    await see.visible(tracing, 30_000);
    expect(await page.getByTestId('report-page').count()).toBe(0);
    await see.text(page.getByTestId('tracing-logged'), 'Every run is recorded in the audit log');

    await typeInto(page, tracing.getByRole('textbox', { name: /^Person \(user id\)/ }), 'u-alice');
    await tracing.getByLabel('From').fill('2026-12-01');
    await tracing.getByLabel('To').fill('2026-12-02');
    await typeInto(page, tracing.getByRole('spinbutton', { name: /^Within \(metres\)/ }), '3');
    // No reason yet: nothing runs.
    await page.keyboard.press('Enter');
    await see.text(tracing.getByRole('alert'), 'Give the person, the period and a reason.');
    const runs = async (): Promise<{ action: string; actor: string }[]> => ((await (await api('GET', '/api/admin/audit?from=2026-11-01&to=2026-12-31', 'ada', 'admin')).json()) as { entries: { action: string; actor: string }[] }).entries.filter((e) => e.action === 'tracing.run');
    expect(await runs()).toEqual([]);

    await typeInto(page, tracing.getByRole('textbox', { name: /^Reason/ }), 'Positive test reported on 3 December');
    await tracing.getByRole('button', { name: 'Find contacts' }).focus();
    await page.keyboard.press('Enter');
    const results = page.getByTestId('tracing-results');
    await eventually('three contacts', () => tableRows(results), (rows) => rows.length === 3);
    // Frank on Tuesday (Bob was a no-show, Carol cancelled); Gina and Erin on Wednesday; Dave is 6 m away.
    expect((await tableRows(results)).map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      ['Frank Vance (u-frank)', 'Floor 1', '1.10', '2.83'],
      ['Gina Umber (u-gina)', 'Floor 1', '1.08', '2'],
      ['Erin Wexley (u-erin)', 'Floor 1', '1.06', '2.24'],
    ]);
    await see.text(page.getByTestId('tracing-outcome'), 'Contacts found: 3.');
    await see.text(page.getByTestId('tracing-outcome'), 'This run is in the audit log.');
    expect(await runs()).toEqual([expect.objectContaining({ actor: 'tess', action: 'tracing.run' })]);
    expect(await runAxe(page)).toEqual([]);

    // The CSV once: the button is spent afterwards, and the download is a run of its own in the audit log.
    const csv = await downloadBy(page, page.getByTestId('tracing-csv'));
    expect(parseCsv(csv.text).map((r) => [r['userId'], r['date'], r['deskId'], r['distanceM'], r['floorName']])).toEqual([
      ['u-frank', '2026-12-01', 'f1-0-10', '2.83', 'Floor 1'],
      ['u-gina', '2026-12-02', 'f1-0-8', '2', 'Floor 1'],
      ['u-erin', '2026-12-02', 'f1-0-6', '2.24', 'Floor 1'],
    ]);
    await eventually('the CSV button spent', () => page.getByTestId('tracing-csv').isDisabled(), (v) => v);
    expect(await runs()).toHaveLength(2);
    // Nothing of the result is kept in the browser beyond the page.
    const kept = await page.evaluate(() => {
      const g = globalThis as unknown as { localStorage: object; sessionStorage: object };
      return JSON.stringify([Object.entries(g.localStorage), Object.entries(g.sessionStorage)]);
    });
    for (const id of ['u-frank', 'u-gina', 'u-erin']) expect(kept).not.toContain(id);
    expect(errors).toEqual([]);
  });
});

describe('the Admin tab shows each role its own sections', () => {
  it('gives an admin the editor and the report as tabs, moved between by arrow keys, and no tracing', async () => {
    const { page, errors } = await openAs('ada', 'admin');
    const tabs = page.getByRole('tablist', { name: 'Admin sections' }).getByRole('tab');
    await see.count(tabs, 2, 30_000);
    expect(await tabs.allInnerTexts()).toEqual(['Floors, rules and audit', 'Occupancy']);
    await see.visible(page.getByTestId('admin-plan'), 30_000);
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    await see.visible(page.getByTestId('report-page'));
    await see.focused(page.getByRole('tab', { name: 'Occupancy' }));
    expect(await page.getByRole('tab', { name: 'Occupancy' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('admin-plan').count()).toBe(0);
    expect(await page.getByTestId('tracing-page').count()).toBe(0);
    await page.keyboard.press('Home');
    await see.visible(page.getByTestId('admin-plan'));
    expect(errors).toEqual([]);
  });

  it('refuses tracing to admins and reporters in the API too, and tells someone with no role the page is not for them', async () => {
    for (const roles of ['admin', 'reports', 'admin,reports']) {
      const r = await api('POST', '/api/tracing', 'ada', roles, { userId: 'u-alice', from: '2026-12-01', to: '2026-12-01', reason: 'curious' });
      expect([roles, r.status]).toEqual([roles, 403]);
    }
    const { page, errors } = await openAs('nina', '');
    await see.text(page.getByTestId('admin-not-allowed'), 'it needs the Seatwise admin, reports or tracer role');
    expect(await page.getByTestId('report-page').count()).toBe(0);
    expect(await page.getByTestId('tracing-page').count()).toBe(0);
    expect(await runAxe(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
