/**
 * The set-up the Admin and oversight pages' browser tests share: one tab server over Azurite and one Chromium for the
 * file, each test's browser contexts closed after it, and pages opened as a user with dev roles at a fixed clock.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseCatalogFiles } from '../../src/use-cases/import-catalog';
import { ensureTabBuilt, launchChromium, userContext, watchPage, type PageGlobals, type TabServer } from './tab-harness';

/**
 * A site of one floor, 20 × 10 m, whose west half is zone West (id `<floor>-w`) and whose east half has no zone:
 * weekdays bookable 14 days ahead, D = 1.5 m, no quota.
 */
export function oneFloorSite(
  site: { readonly id: string; readonly name: string },
  floor: { readonly id: string; readonly name: string },
  desks: readonly { readonly id: string; readonly label: string; readonly x: number; readonly y: number }[],
): ReturnType<typeof parseCatalogFiles> {
  return parseCatalogFiles({
    siteJson: JSON.stringify({
      site: { ...site, timeZone: 'Europe/Brussels' },
      floors: [{ ...floor, width: 20, height: 10, zones: [{ id: `${site.id}-w`, name: 'West', outline: [[0, 0], [10, 0], [10, 10], [0, 10]] }], desks }],
      policies: [
        {
          effectiveFrom: '2026-01-05',
          rules: {
            zoneCapacity: { kind: 'percent', value: 100 },
            minDistanceM: 1.5,
            horizonDays: 14,
            bookableWeekdays: [1, 2, 3, 4, 5],
            weeklyQuota: null,
            reminderTime: '08:30',
            checkInDeadline: '10:00',
          },
        },
      ],
    }),
  });
}

/** Zone West holds four desks; the east half has no zone and no desk yet. */
export const ANNEX = oneFloorSite({ id: 'annex', name: 'Annex' }, { id: 'annex-1', name: 'Annex' }, [
  { id: 'annex-1-1', label: 'W1', x: 2, y: 2 },
  { id: 'annex-1-2', label: 'W2', x: 6, y: 2 },
  { id: 'annex-1-3', label: 'W3', x: 2, y: 7 },
  { id: 'annex-1-4', label: 'W4', x: 6, y: 7 },
]);

export interface OpenOptions {
  readonly query?: string;
  readonly context?: Parameters<Browser['newContext']>[0];
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Runs on the new page before it loads the tab, e.g. to hold back a request with `page.route`. */
  readonly beforeLoad?: (page: Page) => Promise<void>;
}

export interface AdminTabSession {
  /** The server `start` gave, once beforeAll has run. */
  readonly server: TabServer;
  open(userId: string, roles: string, options?: OpenOptions): Promise<{ page: Page; errors: string[] }>;
}

/** Registers the file's beforeAll, afterEach and afterAll; `start` is called once the browser is up and the tab built. */
export function adminTabSession(now: string, start: () => Promise<TabServer>): AdminTabSession {
  let browser: Browser | undefined;
  let server: TabServer | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    await ensureTabBuilt();
    server = await start();
  });

  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const session: AdminTabSession = {
    get server(): TabServer {
      if (!server) throw new Error('the tab server is started in beforeAll');
      return server;
    },
    async open(userId, roles, options = {}) {
      if (!browser) throw new Error('the browser is launched in beforeAll');
      // axe is injected as an inline script, which the tab's Content-Security-Policy refuses (as it should).
      const context = await userContext(browser, userId, { bypassCSP: true, ...options.context });
      await context.addInitScript((r) => (globalThis as unknown as PageGlobals).localStorage.setItem('seatwise.devRoles', r), roles);
      contexts.push(context);
      await context.clock.setFixedTime(new Date(now));
      const page = await context.newPage();
      if (options.viewport) await page.setViewportSize(options.viewport);
      const { errors } = watchPage(page, session.server.url);
      await options.beforeLoad?.(page);
      await page.goto(`${session.server.url}/tab/?${options.query ?? 'view=admin'}`);
      return { page, errors };
    },
  };
  return session;
}
