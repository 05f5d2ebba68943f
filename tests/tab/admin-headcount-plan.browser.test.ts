/**
 * The safe-headcount plan and polygon zones in the Admin tab (issue 15 §1, §3), in Chromium against the real server
 * over Azurite. A facility manager computes the plan of a floor whose bench is too tight, sees it over the floor,
 * publishes it as the plan — the desk a colleague had booked is switched off and the booking cancelled — and draws
 * polygon zones with the pointer (click the corners, double-click to close, Escape to drop one) and by typing corners.
 * Fixed clock: Tuesday 1 December 2026, 09:00 in Brussels.
 */
import type { Page } from 'playwright-core';
import { azuriteHarness } from '../support/stores';
import { adminTabSession, oneFloorSite } from './admin-session';
import { eventually, runAxe, see, startTabServer } from './tab-harness';

jest.setTimeout(240_000);

const NOW = '2026-12-01T08:00:00.000Z';
const WEDNESDAY = '2026-12-02';
const THURSDAY = '2026-12-03';

/** 20 × 10 m. Zone West: a bench of four desks 1 m apart (D is 1.5 m, so two of them can be used) and one desk alone. */
const BENCH = oneFloorSite({ id: 'bench', name: 'Bench office' }, { id: 'bench-1', name: 'Bench floor' }, [
  { id: 'bench-1-1', label: 'B1', x: 2, y: 2 },
  { id: 'bench-1-2', label: 'B2', x: 3, y: 2 },
  { id: 'bench-1-3', label: 'B3', x: 4, y: 2 },
  { id: 'bench-1-4', label: 'B4', x: 5, y: 2 },
  { id: 'bench-1-5', label: 'B5', x: 3, y: 7 },
]);

const session = adminTabSession(NOW, async () => startTabServer(await azuriteHarness(), BENCH, NOW));

async function openAdmin(): Promise<{ page: Page; errors: string[] }> {
  // Tall enough that the whole floor is on screen, where the pointer can reach every corner.
  const opened = await session.open('ada', 'admin', { viewport: { width: 1280, height: 1400 } });
  await opened.page.getByTestId('admin-plan').waitFor({ state: 'visible', timeout: 30_000 });
  return opened;
}

async function api(method: string, path: string, user: string, roles = '', body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${session.server.url}${path}`, {
    method,
    headers: { 'x-dev-user': user, ...(roles && { 'x-dev-roles': roles }), ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

/** Where a point of the floor (metres) is on the screen. */
async function screenPoint(page: Page, [x, y]: [number, number]): Promise<[number, number]> {
  await page.getByTestId('admin-plan').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('admin-plan').boundingBox())!;
  return [box.x + (x / 20) * box.width, box.y + (y / 10) * box.height];
}

describe('the safe-headcount plan in the Admin tab', () => {
  it('shows the plan over the floor and publishes it from a date; a booking of a switched-off desk from that day is cancelled, one before it stands', async () => {
    // Bob has booked B2 on Thursday, Carol B4 on Wednesday; with the bench at 1 m and D 1.5 m, the plan keeps B1 and
    // B3 (and B5) and switches B2 and B4 off, from Thursday.
    const booked = await api('POST', '/api/bookings', 'bob', '', { deskId: 'bench-1-2', date: THURSDAY });
    expect(booked.status).toBe(201);
    const before = await api('POST', '/api/bookings', 'carol', '', { deskId: 'bench-1-4', date: WEDNESDAY });
    expect(before.status).toBe(201);
    const { page, errors } = await openAdmin();
    const panel = page.getByTestId('admin-headcount');
    await panel.getByLabel('Switch the other desks off from').fill(THURSDAY);
    await panel.getByTestId('admin-headcount-compute').click();
    await see.text(page.getByTestId('admin-headcount-from'), 'The other desks switch off from Thursday 3 December.');
    await see.text(panel, 'At most 3 people can work on Bench floor at once, with desks 1.5 m apart; the plan keeps 3 desks.');
    await see.text(panel, 'Method: exact');
    await see.text(page.getByTestId('admin-headcount-off'), 'Desks to switch off (2): B2, B4');

    // Over the floor: a dot on each kept desk, a cross on each desk the plan switches off.
    const plan = page.getByTestId('admin-plan');
    await see.count(plan.locator('.admin-desk.plan-keep'), 3);
    await see.count(plan.locator('.admin-desk.plan-off .plan-off-mark'), 2);
    expect(await plan.locator('[data-desk="bench-1-2"]').getAttribute('class')).toContain('plan-off');
    await see.text(page.getByTestId('admin-plan-legend'), 'switched off by the plan (2)');
    expect(await runAxe(page)).toEqual([]);
    // Hidden and shown again from its checkbox.
    await panel.getByRole('checkbox', { name: 'Show the plan on the floor' }).click();
    await see.count(plan.locator('.plan-off'), 0);
    await panel.getByRole('checkbox', { name: 'Show the plan on the floor' }).click();
    await see.count(plan.locator('.admin-desk.plan-off'), 2);

    // Nothing changes before the admin confirms.
    await panel.getByTestId('admin-headcount-publish').click();
    await see.text(panel, 'Switch off 2 desks from Thursday 3 December and publish?');
    expect((await api('GET', '/api/admin/sites/bench/export', 'ada', 'admin')).body.revision).toBe(1);
    expect(await runAxe(page)).toEqual([]);
    await panel.getByTestId('admin-headcount-confirm').click();
    await see.text(page.getByTestId('admin-headcount-outcome'), 'Plan published as version 2: 2 desks are off from Thursday 3 December, 1 bookings cancelled');

    const exported = (await api('GET', '/api/admin/sites/bench/export', 'ada', 'admin')).body;
    const modes = Object.fromEntries((exported.desksCsv as string).trim().split(/\r?\n/).slice(1).map((l) => [l.split(',')[2], l.split(',').slice(7).join(' ')]));
    expect(modes).toEqual({ B1: 'bookable ', B2: `bookable ${THURSDAY}`, B3: 'bookable ', B4: `bookable ${THURSDAY}`, B5: 'bookable ' });
    const bobs = (await api('GET', `/api/bookings?from=${THURSDAY}&to=${THURSDAY}`, 'bob')).body as { id: string; status: string }[];
    expect(bobs.filter((b) => b.id === booked.body.id && b.status !== 'cancelled-by-admin')).toEqual([]);
    const carols = (await api('GET', `/api/bookings?from=${WEDNESDAY}&to=${WEDNESDAY}`, 'carol')).body as { id: string; status: string }[];
    expect(carols.map((b) => [b.id, b.status])).toEqual([[before.body.id, 'booked']]);
    // The editor loaded the published version: the desks switched off from Thursday show as such, with the day.
    await see.text(page.locator('.admin-status'), 'version 2');
    await see.count(plan.locator('.admin-desk.off-from'), 2);
    await plan.locator('[data-desk="bench-1-4"]').click();
    await see.text(page.getByTestId('admin-desk-form'), 'switched off by the safe-headcount plan from Thursday 3 December');
    expect(errors).toEqual([]);
  });
});

describe('polygon zones in the Admin tab', () => {
  it('draws a polygon by clicking its corners and double-clicking, drops one with Escape, and takes typed corners', async () => {
    const { page, errors } = await openAdmin();
    const plan = page.getByTestId('admin-plan');
    const zones = page.getByTestId('admin-zones');
    await page.getByTestId('admin-mode-draw-polygon').click();
    // Each panel is drawn once: two siblings sharing a React key once drew the plan panel three times.
    await see.count(page.locator('[data-testid="admin-headcount"]'), 1);

    // An L over the east half: five corners clicked, the sixth double-clicked.
    const corners: [number, number][] = [[11, 1], [19, 1], [19, 9], [15, 9], [15, 5]];
    for (const c of corners) {
      const [x, y] = await screenPoint(page, c);
      await page.mouse.click(x, y);
    }
    await see.count(page.getByTestId('admin-polygon-draft').locator('circle'), 5);
    await see.text(page.getByTestId('admin-announcement'), 'Corner 5 at 15');
    const [lx, ly] = await screenPoint(page, [11, 5]);
    await page.mouse.dblclick(lx, ly);
    await see.count(page.getByTestId('admin-polygon-draft'), 0);
    await see.count(plan.locator('.admin-zone polygon'), 2);
    const drawn = (await plan.locator('.admin-zone polygon').nth(1).getAttribute('points'))!.split(' ').map((p) => p.split(',').map(Number));
    expect(drawn).toHaveLength(6);
    drawn.forEach((p, i) => {
      const want = [...corners, [11, 5]][i]!;
      expect(Math.abs(p[0]! - want[0]!)).toBeLessThan(0.2);
      expect(Math.abs(p[1]! - want[1]!)).toBeLessThan(0.2);
    });

    // Two corners, then Escape: nothing is added.
    for (const c of [[12, 7], [13, 8]] as [number, number][]) {
      const [x, y] = await screenPoint(page, c);
      await page.mouse.click(x, y);
    }
    await see.count(page.getByTestId('admin-polygon-draft').locator('circle'), 2);
    await page.keyboard.press('Escape');
    await see.count(page.getByTestId('admin-polygon-draft'), 0);
    await see.text(page.getByTestId('admin-announcement'), 'Zone drawing cancelled.');
    await see.count(plan.locator('.admin-zone polygon'), 2);

    // By keyboard: a bow tie is refused on the spot; a triangle is taken.
    const typed = page.getByTestId('admin-polygon-points');
    await typed.fill('11,6; 14,9; 14,6; 11,9');
    await typed.press('Enter');
    await see.text(zones, 'Give at least 3 corners on the floor, with edges that do not cross.');
    expect(await runAxe(page)).toEqual([]);
    await typed.fill('11,6; 14,9; 11,9');
    await typed.press('Enter');
    await see.count(plan.locator('.admin-zone polygon'), 3);
    await see.value(typed, '');

    await page.getByTestId('admin-publish').click();
    await see.text(page.getByTestId('admin-outcome'), 'Published as version');
    const outlines = (await api('GET', '/api/admin/sites/bench/export', 'ada', 'admin')).body.site.floors[0].zones.map((z: { outline: number[][] }) => z.outline.length).sort();
    expect(outlines).toEqual([3, 4, 6]);
    await eventually('the published version loaded', () => page.locator('.admin-status').innerText(), (s) => !/unpublished/i.test(s));
    expect(errors).toEqual([]);
  });
});
