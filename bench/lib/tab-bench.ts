/**
 * Figures for the floor-map tab (issue 4, §4):
 * - tabBundleGzipBytes: the JavaScript a browser downloads for the tab, gzipped (goal: at most 250 KB);
 * - firstMapPaint(s): in headless Chromium, the time from navigation to the first frame painted after the
 *   map's SVG holds every desk of the floor (the tab marks it: performance mark "seatwise:map-painted"), so that a
 *   1,000-desk floor can be set against a 100-desk one (goal: at most 2×).
 *
 * The server must run in dev auth mode (x-dev-user) and serve the built tab at /tab/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/support/chromium';
import { median } from './measure';

/** What the page functions below use of the browser; this Node-side code is compiled without DOM types. */
interface PageGlobals {
  readonly performance: { getEntriesByName(name: string): { readonly startTime: number; readonly detail?: { readonly desks?: number } }[] };
  readonly document: { querySelectorAll(selector: string): { readonly length: number } };
}

/** The performance marks the tab sets (src/tab/floor-map.tsx). */
const PAINTED_MARK = 'seatwise:map-painted';

/**
 * The gzipped size, in bytes, of every .js file under `<distDir>/assets` (all chunks, the lazy ones included),
 * each compressed on its own at zlib's default level, as the server sends them.
 */
export async function tabBundleGzipBytes(distDir: string): Promise<number> {
  const assets = path.join(distDir, 'assets');
  if (!fs.existsSync(assets)) {
    throw new Error(`tabBundleGzipBytes: ${assets} does not exist; build the tab first (vite build --config vite.config.mts)`);
  }
  let total = 0;
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.m?js$/.test(entry.name)) total += gzipSync(fs.readFileSync(full)).length;
    }
  };
  walk(assets);
  if (total === 0) throw new Error(`tabBundleGzipBytes: no .js file under ${assets}`);
  return total;
}

export interface MapPaintOptions {
  /** Timed page loads per floor; the median is reported. Default 5. */
  readonly runs?: number;
  /** The day to show (YYYY-MM-DD); default: the server's today. */
  readonly date?: string;
  /** The dev identity the tab sends as x-dev-user. */
  readonly devUser?: string;
  readonly chromiumPath?: string;
  /** Per load. Default 60 s. */
  readonly timeoutMs?: number;
}

/** Median time to first map paint, in ms since navigation start, for one floor. */
export async function firstMapPaint(baseUrl: string, floorId: string, options: MapPaintOptions = {}): Promise<number> {
  const [ms] = await firstMapPaints(baseUrl, [floorId], options);
  return ms!;
}

/**
 * Median time to first map paint, in ms since navigation start, for each floor, in the order given. One browser;
 * each load in a fresh context (empty cache and storage), floors interleaved run by run so that drift in the
 * machine's load spreads evenly over them, after one untimed warm-up load per floor.
 */
export async function firstMapPaints(baseUrl: string, floorIds: readonly string[], options: MapPaintOptions = {}): Promise<number[]> {
  const runs = options.runs ?? 5;
  const executablePath = options.chromiumPath ?? (await chromiumPath());
  const timeout = options.timeoutMs ?? 60_000;
  const browser = await chromium
    .launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS], timeout })
    .catch((error: unknown) => {
      throw new Error(`Chromium (${executablePath}) did not start within ${timeout} ms: ${firstLine(error)}`);
    });
  try {
    const samples = floorIds.map(() => [] as number[]);
    for (let run = -1; run < runs; run++) {
      for (let i = 0; i < floorIds.length; i++) {
        const ms = await onePaint(browser, baseUrl, floorIds[i]!, options).catch((error: unknown) => {
          throw new Error(`floor ${floorIds[i]!}, ${run < 0 ? 'warm-up load' : `load ${run + 1} of ${runs}`}: ${firstLine(error)}`);
        });
        if (run >= 0) samples[i]!.push(ms);
      }
    }
    return samples.map((s) => median(s));
  } finally {
    await browser.close();
  }
}

async function onePaint(browser: Browser, baseUrl: string, floorId: string, options: MapPaintOptions): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript((user) => {
      (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('seatwise.devUser', user);
    }, options.devUser ?? 'bench-user');
    const page = await context.newPage();
    const query = new URLSearchParams({ view: 'map', floor: floorId, ...(options.date && { date: options.date }) });
    const timeout = options.timeoutMs ?? 60_000;
    await page.goto(`${baseUrl.replace(/\/$/, '')}/tab/?${query.toString()}`, { timeout }).catch((error: unknown) => {
      throw new Error(`the page did not load within ${timeout} ms: ${firstLine(error)}`);
    });
    // Functions, not strings: the tab's Content-Security-Policy forbids eval, which string predicates need.
    await page
      .waitForFunction((name) => (globalThis as unknown as PageGlobals).performance.getEntriesByName(name).length > 0, PAINTED_MARK, { timeout })
      .catch((error: unknown) => {
        throw new Error(`the map was not painted within ${timeout} ms of loading: ${firstLine(error)}`);
      });
    const mark = await page.evaluate((name) => {
      const m = (globalThis as unknown as PageGlobals).performance.getEntriesByName(name)[0]!;
      return { at: m.startTime, desks: m.detail?.desks };
    }, PAINTED_MARK);
    const drawn = await page.evaluate(
      () => (globalThis as unknown as PageGlobals).document.querySelectorAll('svg.map-svg [data-desk-id], svg.map-svg .desk-filtered').length,
    );
    if (!mark.desks || drawn !== mark.desks) {
      throw new Error(`firstMapPaint: floor ${floorId} painted ${String(mark.desks)} desks but the SVG holds ${drawn}`);
    }
    return mark.at;
  } finally {
    await context.close();
  }
}

/** Playwright's messages carry a call log after the first line; the bench's last line wants the cause only. */
function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}
