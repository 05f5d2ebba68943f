/**
 * The Admin tab (issue 15) in Chromium against the real server over Azurite: a facility manager places three desks
 * with the keyboard, renames one, draws a zone around them, undoes a slip, previews nothing lost, and publishes; a
 * colleague then books one of the new desks in the booking tab. Someone without the admin role is told the page is
 * not for them, and the API refuses them anyway. Fixed clock: Tuesday 1 December 2026, 09:00 in Brussels.
 */
import type { Page } from 'playwright-core';
import { azuriteHarness } from '../support/stores';
import { adminTabSession, ANNEX } from './admin-session';
import { deskOnMap, eventually, runAxe, see, startTabServer, waitForMap } from './tab-harness';

jest.setTimeout(180_000);

const NOW = '2026-12-01T08:00:00.000Z';
const THURSDAY = '2026-12-03';

const session = adminTabSession(NOW, async () => startTabServer(await azuriteHarness(), ANNEX, NOW));

function openAs(userId: string, roles: string, query: string): Promise<{ page: Page; errors: string[] }> {
  return session.open(userId, roles, { query });
}

const announcement = (page: Page) => page.getByTestId('admin-announcement');
const plan = (page: Page) => page.getByTestId('admin-plan');

async function exported(): Promise<{ site: { floors: { zones: { name: string }[] }[] }; desksCsv: string; revision: number }> {
  const res = await fetch(`${session.server.url}/api/admin/sites/annex/export`, { headers: { 'x-dev-user': 'ada', 'x-dev-roles': 'admin' } });
  expect(res.status).toBe(200);
  return (await res.json()) as never;
}

describe('a facility manager sets up desks and a zone in Teams, by keyboard alone', () => {
  it('places three desks, renames one, draws a zone, undoes a slip, publishes; a colleague then books a new desk', async () => {
    const { page, errors } = await openAs('ada', 'admin', 'view=admin');
    await plan(page).waitFor({ state: 'visible', timeout: 30_000 });
    const before = await exported();

    // Three desks in the empty east half: N adds one in the middle (10, 5); arrows move it, Shift by a metre.
    await plan(page).focus();
    await page.keyboard.press('n');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
    await see.text(announcement(page), 'at 14 m across, 5 m down');
    await page.keyboard.press('n');
    for (let i = 0; i < 7; i++) await page.keyboard.press('Shift+ArrowRight');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    await see.text(announcement(page), 'at 17 m across, 5.5 m down');
    await page.keyboard.press('n');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowUp');
    await see.text(announcement(page), 'at 14 m across, 2 m down');
    // A slip, undone.
    await page.keyboard.press('Shift+ArrowUp');
    await see.text(announcement(page), 'at 14 m across, 1 m down');
    await page.keyboard.press('Control+z');
    await eventually('the undone desk back at 2 m', () => page.getByTestId('admin-desk-form').locator('input[type="number"]').nth(1).inputValue(), (v) => v === '2');

    // Rename the desk at (14, 2) from its form, by keyboard.
    const label = page.getByTestId('admin-desk-form').getByRole('textbox', { name: 'Label people see and type' });
    await label.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('E.12');
    await page.keyboard.press('Tab');

    // The new desks lie in no zone yet: publishing now would be refused. Type a zone over the east half.
    const zones = page.getByTestId('admin-zones');
    for (const [name, value] of [['New zone: left edge (m)', '10'], ['top edge (m)', '0'], ['width (m)', '10'], ['depth (m)', '10']] as const) {
      await zones.getByRole('spinbutton', { name }).fill(value);
    }
    await zones.getByRole('button', { name: 'Add this zone' }).click();
    await zones.getByRole('textbox', { name: /^Name of zone/ }).nth(1).fill('East');
    await zones.getByRole('textbox', { name: /^Name of zone/ }).nth(1).press('Tab');

    // Nothing reached colleagues before Publish.
    expect((await exported()).revision).toBe(before.revision);
    expect(await runAxe(page)).toEqual([]);
    await page.getByTestId('admin-publish').click();
    await see.text(page.getByTestId('admin-outcome'), 'Published as version');
    await see.text(page.getByTestId('admin-outcome'), 'Bookings cancelled by the new layout: 0');
    const after = await exported();
    expect(after.revision).toBeGreaterThan(before.revision);
    expect(after.site.floors[0]!.zones.map((z) => z.name).sort()).toEqual(['East', 'West']);
    expect(after.desksCsv).toContain('E.12');
    expect(after.desksCsv.trim().split(/\r?\n/)).toHaveLength(1 + 7);
    // The publish is in the audit log the page shows.
    await page.getByRole('button', { name: 'Show' }).click();
    await see.text(page.getByTestId('admin-audit-table'), 'ada');
    expect(errors).toEqual([]);

    // A colleague books the renamed desk on the map.
    const bob = await openAs('bob', '', `view=map&floor=annex-1&date=${THURSDAY}`);
    await waitForMap(bob.page);
    const desk = deskOnMap(bob.page, 'E.12');
    await see.attribute(desk, 'data-state', 'free');
    await desk.click();
    await bob.page.getByTestId('desk-panel').getByRole('button', { name: 'Book desk E.12' }).click();
    await see.attribute(desk, 'data-state', 'mine');
    expect(bob.errors).toEqual([]);
  });

  it('uploads a plan image with a script in it, calibrates it by two typed points, and the booking tab draws it', async () => {
    const { page, errors } = await openAs('ada', 'admin', 'view=admin');
    await plan(page).waitFor({ state: 'visible', timeout: 30_000 });
    // 400 × 200 px; the script and the handler must not survive the server's cleaning.
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200"><script>alert(1)</script><rect x="0" y="0" width="400" height="200" fill="#eee" onload="alert(2)"/><line x1="0" y1="100" x2="400" y2="100" stroke="#333" stroke-width="4"/></svg>';
    const panel = page.getByTestId('admin-plan-image');
    await panel.locator('input[type="file"]').setInputFiles({ name: 'plan.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
    await panel.getByRole('img', { name: 'Uploaded plan of Annex' }).waitFor({ state: 'visible', timeout: 20_000 });
    // Both ends of the 400 px line are 20 m apart: 5 cm a pixel, so the floor is 20 × 10 m.
    for (const [name, value] of [['Point 1: pixels from the left', '0'], ['Point 1: pixels from the top', '100'], ['Point 2: pixels from the left', '400'], ['Point 2: pixels from the top', '100'], ['Distance between the points (m)', '20']] as const) {
      await panel.getByRole('spinbutton', { name }).fill(value);
    }
    await panel.getByRole('button', { name: 'Use this scale' }).click();
    await see.text(panel, 'The floor now measures 20 × 10 m');
    await page.getByTestId('admin-publish').click();
    await see.text(page.getByTestId('admin-outcome'), 'Published as version');
    const site = (await exported()).site as unknown as { floors: { planImageUrl?: string; width: number; height: number }[] };
    expect(site.floors[0]).toMatchObject({ width: 20, height: 10, planImageUrl: expect.stringMatching(/^\/api\/floors\/annex-1\/plan-image\?v=/) });
    const stored = await fetch(`${session.server.url}${site.floors[0]!.planImageUrl!}`, { headers: { 'x-dev-user': 'bob' } });
    const cleaned = await stored.text();
    expect(cleaned).toContain('<line');
    expect(cleaned).not.toMatch(/script|onload|alert/);
    expect(errors).toEqual([]);

    // A colleague's map draws it, fetched with their identity (an <image> cannot send a Teams token).
    const bob = await openAs('bob', '', `view=map&floor=annex-1&date=${THURSDAY}`);
    await waitForMap(bob.page);
    await eventually('the plan image under the desks', () => bob.page.locator('svg.map-svg image.floor-plan').getAttribute('href', { timeout: 1000 }), (href) => (href ?? '').startsWith('blob:'));
    expect(bob.errors).toEqual([]);
  });

  it('tells someone without the admin role that the page is not for them, and the API refuses them', async () => {
    const { page, errors } = await openAs('carl', '', 'view=admin');
    await see.text(page.getByTestId('admin-not-allowed'), 'it needs the Seatwise admin, reports or tracer role');
    expect(await page.getByTestId('admin-plan').count()).toBe(0);
    const res = await fetch(`${session.server.url}/api/admin/sites/annex/export`, { headers: { 'x-dev-user': 'carl', 'x-dev-roles': 'reports' } });
    expect(res.status).toBe(403);
    expect(await runAxe(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
