/**
 * `npm run import -- site.json [desks.csv]`: checks the files, then replaces each site's catalog in storage.
 * Storage is the one the server uses (see storage-factory). The files are validated in full before anything is
 * written, so a bad file changes nothing. Exit codes: 0 done, 1 invalid files or a storage failure, 2 usage.
 */
import { readFile } from 'node:fs/promises';
import { CatalogImportError, importCatalog, parseCatalogFiles } from '../use-cases/import-catalog';
import type { CatalogStore, SiteCatalog } from '../use-cases/ports';

export interface OpenedCatalogStore {
  readonly store: CatalogStore;
  close(): Promise<void>;
}

export interface ImportCliDeps {
  readonly openCatalogStore: () => Promise<OpenedCatalogStore>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Reads a file as UTF-8; defaults to the file system. */
  readonly readFile?: (path: string) => Promise<string>;
}

export const USAGE = [
  'Usage: npm run import -- <site.json> [desks.csv]',
  '  site.json  sites, floors, zones, desks and policies (see docs/import-format.md)',
  '  desks.csv  optional extra desks: floorId,id,label,x,y,zoneId,attributes,mode',
];

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
    return 0;
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

function parseArgs(argv: readonly string[]): { json: string; csv?: string } | string {
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
  return { json: json[0]!, ...(csv[0] !== undefined ? { csv: csv[0] } : {}) };
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
    openCatalogStore: async () => (await import('./storage-factory')).openCatalogStoreFromEnv(),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
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
