/**
 * The floor-map tab under test: the real server (composeServer, dev auth) over Azurite, the tab built by Vite into
 * dist/tab, and headless Chromium (tests/support/chromium.ts). Nothing here skips: without a browser the suite fails
 * and says how to get one.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type restify from 'restify';
import { composeServer, type ServerConfig } from '../../src/server/composition';
import { TableWaitlistStore } from '../../src/storage/table-waitlist-store';
import { TableConversationStore } from '../../src/storage/table-conversation-store';
import { TablePlanImages } from '../../src/storage/table-plan-images';
import { TableMemberGroups } from '../../src/storage/table-member-groups';
import type { SiteCatalog } from '../../src/use-cases/ports';
import { fixedClock, sequentialIds } from '../support/builders';
import type { StoreHarness } from '../support/stores';

export const ROOT = path.resolve(__dirname, '../..');
export const TAB_DIST = path.join(ROOT, 'dist', 'tab');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'tab');
const BUILD_INPUTS = ['src/tab', 'src/i18n', 'src/domain', 'vite.config.mts', 'package-lock.json'];
const STAMP = path.join(TAB_DIST, '.build-stamp');
const LOCK = path.join(ROOT, 'dist', '.tab-build.lock');

function newestMtime(p: string): number {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function isFresh(): boolean {
  if (!fs.existsSync(STAMP) || !fs.existsSync(path.join(TAB_DIST, 'index.html'))) return false;
  const built = fs.statSync(STAMP).mtimeMs;
  return BUILD_INPUTS.every((p) => newestMtime(p) <= built);
}

/**
 * Builds the tab into dist/tab with `vite build`, once: skipped when the build is newer than every input, and
 * serialised across jest workers by a lock folder. Runs Vite as a child process (async, so the event loop of this
 * worker stays free).
 */
export async function ensureTabBuilt(): Promise<void> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // Another worker builds; a lock older than 3 minutes is left over from a killed run.
      const age = fs.existsSync(LOCK) ? Date.now() - fs.statSync(LOCK).mtimeMs : 0;
      if (age > 180_000) fs.rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another worker to build the tab (lock ${LOCK})`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (isFresh()) return;
    const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, [vite, 'build', '--config', 'vite.config.mts', '--logLevel', 'warn'], { cwd: ROOT, timeout: 170_000, env: { ...process.env, NODE_ENV: 'production' } }, (error, stdout, stderr) => {
        if (error) reject(new Error(`vite build failed (exit ${String(error.code)}):\n${stderr || stdout}`));
        else resolve();
      });
    });
    fs.writeFileSync(STAMP, new Date().toISOString());
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface TabServer {
  readonly url: string;
  readonly server: restify.Server;
  readonly clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
  /** Stops answering: closes the listener and every open connection, as a crashed or restarting server would. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/** The real server in dev auth mode with the built tab mounted at /tab, over a store harness, on a free port. */
/** `members`: remember the groups each caller's token carries, as a deployment does (zones kept for groups). */
export async function startTabServer(h: StoreHarness, catalogs: readonly SiteCatalog[], now: string, options: { members?: boolean } = {}): Promise<TabServer> {
  for (const c of catalogs) await h.catalog.replaceSiteCatalog(c);
  const members = options.members ? new TableMemberGroups(h.gateway, `${h.tables.catalog}members`.slice(0, 63)) : undefined;
  await members?.init();
  const conversations = new TableConversationStore(h.gateway, `${h.tables.catalog}conv`.slice(0, 63));
  await conversations.init();
  const planImages = new TablePlanImages(h.gateway, `${h.tables.catalog}plans`.slice(0, 63));
  await planImages.init();
  const clock = fixedClock(now);
  const config: ServerConfig = {
    botId: '',
    botPassword: '',
    botType: '',
    botTenantId: '',
    teamsAppId: 'seatwise-test-app',
    showNamesInWhoIsIn: false,
    authMode: 'dev',
    aadClientId: '',
    allowedTenantIds: [],
    tabDirectory: TAB_DIST,
  };
  const { server } = composeServer(config, {
    reservations: h.reservations,
    catalog: h.catalog,
    conversations,
    waitlist: new TableWaitlistStore(h.gateway, h.tables.reservations),
    planImages,
    ...(members && { members }),
    clock,
    ids: sequentialIds('tab'),
    log: pino({ level: 'silent' }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const http = (server as unknown as { server: HttpServer }).server;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    clock,
    close: () => new Promise<void>((r) => server.close(() => r())),
    stop: () =>
      new Promise<void>((r) => {
        http.close(() => r());
        http.closeAllConnections();
      }),
    start: () => new Promise<void>((r) => http.listen(port, '127.0.0.1', () => r())),
  };
}


export { launchChromium } from '../support/chromium';

/** A fresh browser context (own cookies and localStorage) signed in as a dev user. */
export async function userContext(browser: Browser, userId: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await asUser(context, userId);
  return context;
}

/**
 * The few browser globals that functions run in the page use. This Node-side code is compiled without DOM types,
 * so page functions reach them as `(globalThis as unknown as PageGlobals)`; the cast disappears at compile time.
 */
export interface PageGlobals {
  readonly document: { readonly activeElement: { closest(selector: string): unknown } | null };
  readonly localStorage: { setItem(key: string, value: string): void };
  readonly window: { dispatchEvent(event: unknown): boolean };
  readonly Event: new (type: string) => unknown;
  getComputedStyle(element: unknown): { readonly backgroundColor: string };
}

/** Sets the dev identity (x-dev-user) before any page script runs. */
export async function asUser(context: BrowserContext, userId: string, name = ''): Promise<void> {
  await context.addInitScript(
    ([u, n]) => {
      const g = globalThis as unknown as PageGlobals;
      g.localStorage.setItem('seatwise.devUser', u);
      g.localStorage.setItem('seatwise.devName', n);
    },
    [userId, name] as const,
  );
}

/** Collects console errors and failed same-origin requests, to assert a clean page. */
export function watchPage(page: Page, origin: string): { errors: string[] } {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/res(-1)?\.cdn\.office\.net|ERR_NAME_NOT_RESOLVED|validDomains/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    // The tab polls the floor with If-None-Match; Chromium reports a 304 answer to such a fetch as ERR_ABORTED,
    // although the page's fetch resolves with the 304 as it should.
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && r.method() === 'GET' && /\/api\/floors\/[^/?]+\?/.test(r.url())) return;
    if (r.url().startsWith(origin)) errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  return { errors };
}

/** A screenshot in test-artifacts/tab/: the whole page, or (fullPage false) what the window shows. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

export const AXE_SOURCE_PATH = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[]; readonly failureSummary?: string }[];
}

/** Runs axe-core in the page (WCAG 2.x A and AA rules) and returns the violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: fs.readFileSync(AXE_SOURCE_PATH, 'utf8') });
  return page.evaluate(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  })()`);
}

/** A desk on the map, by label: the SVG button named "Desk <label>, <state>". */
export function deskOnMap(page: Page, label: string) {
  return page.locator(`svg.map-svg g[role="button"][aria-label^="Desk ${label},"]`);
}

/** Waits until the map shows the floor with all its desks (the tab's own mark). */
export async function waitForMap(page: Page): Promise<void> {
  await page.locator('svg.map-svg[data-desks] g[role="button"]').first().waitFor({ state: 'visible', timeout: 20_000 });
}

// ---------------------------------------------------------------------------------------------------------------
// Waiting assertions. playwright-core has no `expect`; these poll the page until the condition holds, and fail
// with what was expected and what was last seen.

/** Polls `read` until `ok` holds or `timeoutMs` passes. */
export async function eventually<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
      if (ok(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `error ${lastError instanceof Error ? lastError.message.split('\n')[0] : String(lastError)}` : JSON.stringify(last);
      throw new Error(`Expected ${what} within ${timeoutMs} ms; last saw ${seen}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Locator = ReturnType<Page['locator']>;

/** One short read that never waits long for a missing element: the poll loop does the waiting. */
const QUICK = { timeout: 500 } as const;

export const see = {
  attribute: (l: Locator, name: string, value: string, timeoutMs?: number) =>
    eventually(`${String(l)} to have ${name}="${value}"`, () => l.getAttribute(name, QUICK), (v) => v === value, timeoutMs),
  text: (l: Locator, text: string, timeoutMs?: number) =>
    eventually(`${String(l)} to contain "${text}"`, () => l.innerText(QUICK), (v) => v.replace(/\s+/g, ' ').includes(text), timeoutMs),
  exactText: (l: Locator, text: string, timeoutMs?: number) =>
    eventually(`${String(l)} to read "${text}"`, () => l.innerText(QUICK), (v) => v.replace(/\s+/g, ' ').trim() === text, timeoutMs),
  value: (l: Locator, value: string, timeoutMs?: number) =>
    eventually(`${String(l)} to have the value "${value}"`, () => l.inputValue(QUICK), (v) => v === value, timeoutMs),
  count: (l: Locator, n: number, timeoutMs?: number) => eventually(`${n} of ${String(l)}`, () => l.count(), (v) => v === n, timeoutMs),
  visible: (l: Locator, timeoutMs = 10_000) => l.waitFor({ state: 'visible', timeout: timeoutMs }),
  focused: (l: Locator, timeoutMs?: number) =>
    eventually(`${String(l)} to have the focus`, () => l.evaluate((el) => el === el.ownerDocument.activeElement, undefined, QUICK), (v) => v, timeoutMs),
};
