/**
 * The one place that finds and launches the headless Chromium of the browser tests, the Playground end-to-end test
 * and the bench. A machine with only Node must pass `npm install && npm test`, so the search ends with a Chromium
 * that npm itself installed:
 *   1. SEATWISE_CHROMIUM_PATH, when set (it must exist: a wrong path is a mistake to report, not to work around);
 *   2. a system Chromium or Chrome (Debian's /usr/bin/chromium first);
 *   3. `@sparticuz/chromium` (a devDependency; Linux x64 only), which ships a compressed Chromium inside the package
 *      and unpacks it into the temp folder on first use.
 * The jest global setup resolves it once and exports SEATWISE_CHROMIUM_PATH, so parallel workers never unpack the
 * same archive at the same time.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ENV_VAR = 'SEATWISE_CHROMIUM_PATH';

/** The flags of DESIGN.md: headless, no sandbox (root in CI), and nothing that reaches out to the network. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
];

export interface ChromiumSearch {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly exists?: (path: string) => boolean;
  readonly platform?: string;
  readonly arch?: string;
  /** Unpacks the npm-installed Chromium and returns its path; injectable so the order can be tested. */
  readonly npmChromium?: () => Promise<string>;
}

async function unpackNpmChromium(): Promise<string> {
  // A dynamic import: the package is ESM-first and only needed when no other browser was found.
  const mod = (await import('@sparticuz/chromium')) as { default?: { executablePath(): Promise<string> } } & {
    executablePath?: () => Promise<string>;
  };
  const api = mod.default ?? (mod as { executablePath(): Promise<string> });
  return api.executablePath();
}

/** Where the browser is, with how it was found; throws with every place searched and how to fix it. */
export async function findChromium(search: ChromiumSearch = {}): Promise<{ path: string; source: string }> {
  const env = search.env ?? process.env;
  const exists = search.exists ?? existsSync;
  const override = env[CHROMIUM_ENV_VAR];
  if (override) {
    if (!exists(override)) {
      throw new Error(`${CHROMIUM_ENV_VAR} is set to ${override}, which does not exist. Unset it, or point it at a Chromium or Chrome binary.`);
    }
    return { path: override, source: CHROMIUM_ENV_VAR };
  }
  const system = SYSTEM_BROWSERS.find((p) => exists(p));
  if (system) return { path: system, source: 'system' };
  const platform = search.platform ?? process.platform;
  const arch = search.arch ?? process.arch;
  if (platform === 'linux' && arch === 'x64') {
    try {
      return { path: await (search.npmChromium ?? unpackNpmChromium)(), source: '@sparticuz/chromium' };
    } catch (cause) {
      throw new Error(
        `No Chromium found: none of ${SYSTEM_BROWSERS.join(', ')} exists, and unpacking @sparticuz/chromium failed ` +
          `(${(cause as Error).message}). Run \`npm install\`, or set ${CHROMIUM_ENV_VAR}.`,
        { cause },
      );
    }
  }
  throw new Error(
    `No Chromium found on ${platform}/${arch}: none of ${SYSTEM_BROWSERS.join(', ')} exists, and the npm-installed ` +
      `Chromium exists for Linux x64 only. Install Chromium or Chrome, or set ${CHROMIUM_ENV_VAR} to its binary.`,
  );
}

let found: Promise<string> | undefined;

/** The browser's path, found once per process. Browser tests fail with its error; they never skip. */
export function chromiumPath(): Promise<string> {
  found ??= findChromium().then((f) => f.path);
  return found;
}

/** A headless Chromium; Playwright gives each launch a fresh, empty profile, removed on close. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] });
}
