/**
 * `npm run import -- site.json [desks.csv]`: checks the files, then replaces each site's catalog in storage.
 * Storage is the one the server uses (see storage-factory). The files are validated in full before anything is
 * written, so a bad file changes nothing. A site whose catalog changed then has its future bookings re-checked
 * against the rules now in force (see recheckBookings), and the bookings cancelled are listed.
 * Exit codes: 0 done, 1 invalid files or a storage failure (import or re-check), 2 usage.
 */
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { holdUncountedBookings } from '../use-cases/admin-deps';
import { CachedCatalog } from '../use-cases/catalog-index';
import { CatalogImportError, importCatalog, parseCatalogFiles } from '../use-cases/import-catalog';
import type { CatalogStore, Clock, SiteCatalog } from '../use-cases/ports';
import {
  recheckBookings,
  RecheckIncompleteError,
  type RecheckDeps,
  type RecheckResult,
} from '../use-cases/recheck-bookings';

export interface OpenedCatalogStore {
  readonly store: CatalogStore;
  /** The bookings, to re-check them after an import; without it, bookings are not re-checked. */
  readonly reservations?: RecheckDeps['store'];
  close(): Promise<void>;
}

export interface ImportCliDeps {
  readonly openCatalogStore: () => Promise<OpenedCatalogStore>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Reads a file as UTF-8; defaults to the file system. */
  readonly readFile?: (path: string) => Promise<string>;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /**
   * Called once before bookings are re-checked, e.g. to wait until running servers have dropped their cached copy
   * of the catalog: a booking decided on the old rules after the re-check would escape it. Default: no wait.
   */
  readonly beforeRecheck?: () => Promise<void>;
}

export const USAGE = [
  'Usage: npm run import -- [--recheck] <site.json> [desks.csv]',
  '  site.json  sites, floors, zones, desks and policies (see docs/import-format.md)',
  '  desks.csv  optional extra desks: floorId,id,label,x,y,zoneId,attributes,mode',
  '  --recheck  re-check the future bookings of every site in the file, even when its catalog is unchanged',
  'After a site changes, its future bookings are re-checked against the new rules; those that break them are cancelled.',
];

/** The server reads the catalog at most every 10 s (CachedCatalog); a booking in flight then uses it a few seconds more. */
export const SERVER_CATALOG_SETTLE_MS = 15_000;

const systemClock: Clock = { now: () => new Date() };

/** Progress is printed at each further tenth of a site's rows, so a large site shows about ten lines. */
const PROGRESS_STEPS = 10;

export async function runImportCli(argv: readonly string[], deps: ImportCliDeps): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    for (const line of USAGE) deps.out(line);
    return 0;
  }
  const files = parseArgs(argv);
  if (typeof files === 'string') {
    deps.err(files);
    for (const line of USAGE) deps.err(line);
    return 2;
  }

  const read = deps.readFile ?? ((path: string) => readFile(path, 'utf8'));
  let siteJson: string;
  let desksCsv: string | undefined;
  try {
    siteJson = await read(files.json);
    desksCsv = files.csv === undefined ? undefined : await read(files.csv);
  } catch (error) {
    deps.err(`Cannot read ${describeReadError(error)}`);
    return 2;
  }

  let catalogs: SiteCatalog[];
  try {
    catalogs = parseCatalogFiles({ siteJson, siteJsonName: files.json, desksCsv, desksCsvName: files.csv });
  } catch (error) {
    if (!(error instanceof CatalogImportError)) throw error;
    for (const problem of error.problems) deps.err(problem);
    deps.err(
      `${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} found; nothing was imported.`,
    );
    return 1;
  }
  for (const c of catalogs) deps.out(`site ${c.site.id}: checked (${counts(c)})`);

  let opened: OpenedCatalogStore;
  try {
    opened = await deps.openCatalogStore();
  } catch (error) {
    deps.err(`Cannot open storage: ${messageOf(error)}; nothing was imported.`);
    return 1;
  }

  const done = new Set<string>();
  try {
    const printedStep = new Map<string, number>();
    const results = await importCatalog(opened.store, catalogs, (siteId, rows, total) => {
      const step =
        total <= 0 ? PROGRESS_STEPS : Math.min(PROGRESS_STEPS, Math.floor((rows * PROGRESS_STEPS) / total));
      if (step <= (printedStep.get(siteId) ?? 0)) return;
      printedStep.set(siteId, step);
      deps.out(`site ${siteId}: ${rows}/${total} rows`);
    });
    for (const { siteId, changed } of results) {
      done.add(siteId);
      const catalog = catalogs.find((c) => c.site.id === siteId)!;
      deps.out(changed ? `site ${siteId}: imported (${counts(catalog)})` : `site ${siteId}: unchanged`);
    }
    const toRecheck = results.filter((r) => r.changed || files.recheck).map((r) => r.siteId);
    return await recheckSites(
      toRecheck,
      results.some((r) => r.changed),
      catalogs,
      opened,
      deps,
      files,
    );
  } catch (error) {
    if (error instanceof CatalogImportError) {
      for (const problem of error.problems) deps.err(problem);
      deps.err('Nothing was imported.');
      return 1;
    }
    // Each site is replaced atomically, so a site is either fully in its new state or untouched.
    deps.err(`Import failed: ${messageOf(error)}`);
    const pending = catalogs.map((c) => c.site.id).filter((id) => !done.has(id));
    deps.err(
      `Sites not imported (unchanged in storage): ${pending.join(', ')}. Run the import again to finish.`,
    );
    return 1;
  } finally {
    await opened.close().catch((error: unknown) => deps.err(`Closing storage failed: ${messageOf(error)}`));
  }
}

/**
 * Re-checks the bookings of the sites whose catalog changed, against the catalog just written (read afresh, not
 * cached), and prints whom each re-check cancelled. The import itself is done by then; a re-check that fails is
 * finished by running the import again with --recheck.
 */
async function recheckSites(
  siteIds: readonly string[],
  anyChanged: boolean,
  catalogs: readonly SiteCatalog[],
  opened: OpenedCatalogStore,
  deps: ImportCliDeps,
  files: CliFiles,
): Promise<number> {
  if (siteIds.length === 0) return 0;
  if (!opened.reservations) {
    if (!files.recheck) return 0;
    deps.err('Cannot re-check bookings: this storage has no bookings.');
    return 1;
  }
  const clock = deps.clock ?? systemClock;
  // Servers already hold an unchanged catalog: only a change needs them to catch up.
  if (anyChanged) await deps.beforeRecheck?.();
  const recheckDeps: RecheckDeps = {
    store: opened.reservations,
    catalog: new CachedCatalog(opened.store, clock, 0),
    previous: opened.store,
    clock,
  };
  for (const siteId of siteIds) {
    const catalog = catalogs.find((c) => c.site.id === siteId)!;
    try {
      const result = await recheckBookings(recheckDeps, { siteId });
      // A quota that now applies counts the bookings made without one (see holdUncountedBookings); holding them can
      // race a booking that counted the row before, so the quotas are re-checked once more when any was added.
      if ((await holdUncountedBookings({ store: opened.reservations, clock }, recheckDeps.catalog, siteId, {})) > 0) {
        result.cancelled.push(...(await recheckBookings(recheckDeps, { siteId })).cancelled);
      }
      printRecheck(siteId, catalog, result, deps.out);
    } catch (error) {
      if (error instanceof RecheckIncompleteError) printRecheck(siteId, catalog, error.partial, deps.out);
      deps.err(`site ${siteId}: imported, but re-checking its bookings failed: ${messageOf(error)}`);
      deps.err(
        `Run the import again with --recheck to finish the re-check: npm run import -- --recheck ${fileArgs(files)}`,
      );
      return 1;
    }
  }
  return 0;
}

/** One line per cancelled booking (whom to tell, until Teams tells them), then the summary. */
function printRecheck(
  siteId: string,
  catalog: SiteCatalog,
  result: RecheckResult,
  out: (line: string) => void,
): void {
  for (const { booking: b, refusal } of result.cancelled) {
    const desk = catalog.desks.find((d) => d.id === b.deskId)?.label ?? b.deskId;
    const who =
      b.userName !== undefined && b.userName !== b.userId ? `${b.userName} (${b.userId})` : b.userId;
    out(`site ${siteId}: cancelled ${b.date} desk ${desk} of ${who}: ${refusal.code}`);
  }
  out(recheckSummary(siteId, result));
}

/** "site X: re-checked 15 days, cancelled 4 bookings (ZONE_FULL 3, TOO_CLOSE 1)". */
export function recheckSummary(siteId: string, result: RecheckResult): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const byCode = new Map<string, number>();
  for (const c of result.cancelled) byCode.set(c.refusal.code, (byCode.get(c.refusal.code) ?? 0) + 1);
  const codes = [...byCode]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
  return (
    `site ${siteId}: re-checked ${n(result.checkedDays, 'day')}, cancelled ${n(result.cancelled.length, 'booking')}` +
    (codes ? ` (${codes})` : '')
  );
}

interface CliFiles {
  readonly json: string;
  readonly csv?: string;
  readonly recheck: boolean;
}

function fileArgs(files: CliFiles): string {
  return [files.json, ...(files.csv !== undefined ? [files.csv] : [])].join(' ');
}

function parseArgs(all: readonly string[]): CliFiles | string {
  const recheck = all.includes('--recheck');
  const argv = all.filter((a) => a !== '--recheck');
  const options = argv.filter((a) => a.startsWith('-'));
  if (options.length > 0) return `Unknown option ${options[0]}`;
  if (argv.length === 0) return 'Missing the site file.';
  if (argv.length > 2)
    return `Too many arguments: expected a site file and at most one desks file, got ${argv.length}.`;
  const csv = argv.filter((a) => a.toLowerCase().endsWith('.csv'));
  const json = argv.filter((a) => !a.toLowerCase().endsWith('.csv'));
  if (json.length !== 1)
    return json.length === 0 ? 'Missing the site file (JSON).' : 'Give one site file (JSON), not two.';
  if (csv.length > 1) return 'Give at most one desks file (CSV).';
  return { json: json[0]!, ...(csv[0] !== undefined ? { csv: csv[0] } : {}), recheck };
}

function counts(c: SiteCatalog): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return [
    n(c.floors.length, 'floor'),
    n(c.zones.length, 'zone'),
    n(c.desks.length, 'desk'),
    `${c.policies.length} ${c.policies.length === 1 ? 'policy' : 'policies'}`,
  ].join(', ');
}

function describeReadError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e && e.code === 'ENOENT' && e.path) return `${e.path}: no such file`;
  if (e && e.code === 'EISDIR') return `${e.path ?? 'the file'}: it is a folder, not a file`;
  return messageOf(error);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

if (require.main === module) {
  runImportCli(process.argv.slice(2), {
    // Loaded only when run as a command, so that tests of runImportCli need no storage wiring.
    openCatalogStore: async () => {
      const [{ openStores }, { loadConfig }] = await Promise.all([
        import('./storage-factory'),
        import('./config'),
      ]);
      const stores = await openStores(loadConfig());
      return { store: stores.catalog, reservations: stores.reservations, close: () => stores.close() };
    },
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    beforeRecheck: async () => {
      process.stdout.write(
        `Waiting ${SERVER_CATALOG_SETTLE_MS / 1000} s for running servers to pick up the new rules before re-checking bookings…\n`,
      );
      await sleep(SERVER_CATALOG_SETTLE_MS);
    },
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `Import failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
