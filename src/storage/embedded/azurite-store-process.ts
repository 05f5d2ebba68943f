/**
 * Entry of the embedded store's own process: Azurite's table service over a data folder,
 * wrapped so that a confirmed write is not lost when the app is stopped or crashes.
 *
 * Started by embedded-azurite.ts in its own process group with an IPC channel, so that:
 * - a Ctrl-C or a SIGTERM sent to the app's process group does not reach it: the server
 *   first finishes its requests in flight, then asks the store to close ("shutdown");
 * - SIGTERM, SIGINT and SIGHUP that reach it anyway (systemd signals a whole cgroup) close
 *   it gracefully too; Azurite's own entry point saves on SIGINT only;
 * - when the server dies (kill -9, out of memory) the channel closes and the store saves
 *   and exits by itself, instead of living on as an orphan that a second store would
 *   then save over.
 * It takes the folder lock (store-lock.ts) before it opens the database, and saves the
 * database more often than Azurite's fixed 5 s, which narrows what a kill -9 of the store
 * itself can lose.
 *
 * Messages on the IPC channel: to the parent `{ type: 'ready', port }`,
 * `{ type: 'locked', holder }` and after each save `{ type: 'saved', at, tookMs, blockedMs, intervalMs }`; from the parent
 * the string "shutdown".
 */
import * as path from 'node:path';
import { acquireStoreLock, StoreLockHeldError, STORE_PROCESS_MARKER, type HeldStoreLock } from './store-lock';

/** Exit code of a store that found the folder locked by a live store. */
export const STORE_LOCKED_EXIT_CODE = 75;
/** The file Azurite's table service keeps its LokiJS database in. */
const DB_FILE = '__azurite_db_table__.json';
/** After a signal, how long the store waits for its server to finish in-flight requests and ask it to close. */
const SIGNAL_GRACE_MS = 5_000;
/** Serialising for a save may stop the store for at most 1/SAVE_COST_FACTOR of its time. */
const SAVE_COST_FACTOR = 4;
/** Azurite's own interval: never worse than Azurite alone. */
const MAX_SAVE_INTERVAL_MS = 5_000;

// Azurite ships no type declarations; these are the parts used here (azurite 3.35).
interface LokiDb {
  saveDatabase(callback: (err?: Error | null) => void): void;
  autosaveDirty(): boolean;
  autosaveDisable(): void;
}
interface AzuriteTableServer {
  start(): Promise<void>;
  close(): Promise<void>;
  readonly httpServer: { address(): { port: number } | string | null };
  readonly metadataStore: { readonly db: LokiDb };
}
type TableServerClass = new (config: unknown) => AzuriteTableServer;
type TableConfigurationClass = new (...args: unknown[]) => unknown;

interface Args {
  location: string;
  host: string;
  saveIntervalMs: number;
}

function parseArgs(argv: readonly string[]): Args {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const location = value('--location');
  if (!location) throw new Error(`${STORE_PROCESS_MARKER}: --location <data folder> is required`);
  const saveIntervalMs = Number(value('--save-interval-ms') ?? '250');
  if (!Number.isInteger(saveIntervalMs) || saveIntervalMs < 10) throw new Error(`${STORE_PROCESS_MARKER}: bad --save-interval-ms`);
  return { location: path.resolve(location), host: value('--host') ?? '127.0.0.1', saveIntervalMs };
}

function send(message: unknown): void {
  try {
    if (process.connected) process.send?.(message);
  } catch {
    /* the parent is gone: nobody to tell */
  }
}

/** Runs the store until it is asked to close; the process exits when it has saved. */
export async function runStoreProcess(): Promise<void> {
  // A dead parent breaks the pipes; writing the farewell lines must not crash the final save.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  // The whole argv: run through `node -e` there is no script path before the options.
  const args = parseArgs(process.argv);
  const parentPid = process.ppid;

  let lock: HeldStoreLock;
  try {
    lock = acquireStoreLock(args.location, parentPid);
  } catch (error) {
    if (error instanceof StoreLockHeldError) {
      send({ type: 'locked', holder: error.holder });
      console.error(error.message);
      // Let the message reach the parent before exiting.
      setTimeout(() => process.exit(STORE_LOCKED_EXIT_CODE), 50);
      return;
    }
    throw error;
  }
  // However this process ends in JavaScript, the lock goes with it; after a kill -9 it is stale and broken by the next store.
  process.on('exit', () => lock.release());

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const TableServer = (require('azurite/dist/src/table/TableServer') as { default: TableServerClass }).default;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const TableConfiguration = (require('azurite/dist/src/table/TableConfiguration') as { default: TableConfigurationClass }).default;
  // Positional: host, port (0: the system picks a free one, read back below), keep-alive (s), db path, debug log,
  // access log, access log stream, debug file, loose, skipApiVersionCheck, cert, key, pwd, oauth, disableProductStyleUrl, in memory.
  const config = new TableConfiguration(args.host, 0, 5, path.join(args.location, DB_FILE), false, false, undefined, undefined, false, false, '', '', '', undefined, false, false);
  const server = new TableServer(config);
  await server.start();

  // Azurite saves every 5 s (fixed in 3.35, no option): a kill -9 of the store would lose up to 5 s of confirmed
  // writes. We save what changed every saveIntervalMs instead. Each save writes a new file and renames it over the old
  // one, so a crash never leaves a half-written file. A save serialises the whole database, which stops the store for
  // that long (measured on a loaded 2-core machine: 35 ms of a 150 ms save at 5,000 rows, 700 ms of 1.3 s at 50,000); the interval grows
  // to SAVE_COST_FACTOR times that stop so that a large pilot database does not spend its time saving.
  const db = server.metadataStore.db;
  db.autosaveDisable(); // Loki's own close still saves what is unsaved: it checks the autosave option, not the timer.
  const save = (): Promise<void> => new Promise<void>((resolve, reject) => db.saveDatabase((err) => (err ? reject(err) : resolve())));
  let saveTimer: NodeJS.Timeout | undefined;
  let intervalMs = args.saveIntervalMs;
  let closing: Promise<void> | undefined;
  const scheduleSave = (): void => {
    saveTimer = setTimeout(() => {
      if (!db.autosaveDirty()) return scheduleSave();
      const began = Date.now();
      const saving = save();
      // Loki serialises inside the call and writes the file asynchronously: only the first part stops the store.
      const blockedMs = Date.now() - began;
      saving.then(
        () => {
          const tookMs = Date.now() - began;
          intervalMs = Math.min(MAX_SAVE_INTERVAL_MS, Math.max(args.saveIntervalMs, SAVE_COST_FACTOR * blockedMs));
          send({ type: 'saved', at: new Date().toISOString(), tookMs, blockedMs, intervalMs });
          if (!closing) scheduleSave();
        },
        (error: unknown) => {
          console.error(`${STORE_PROCESS_MARKER}: saving ${args.location} failed: ${(error as Error).message}`);
          if (!closing) scheduleSave();
        },
      );
    }, intervalMs);
  };
  scheduleSave();

  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  lock.setPort(port);

  const close = (why: string): Promise<void> =>
    (closing ??= (async () => {
      console.log(`${STORE_PROCESS_MARKER}: closing (${why}); saving ${args.location}`);
      let code = 0;
      try {
        // Azurite's close stops the HTTP server and closes the Loki database, which saves what is marked unsaved. But
        // an autosave in progress has already cleared those marks while its file write is still under way, and close
        // does not wait for it: exiting then would drop that write. A save requested now is queued behind it (Loki
        // throttles saves) and only calls back once everything is on disk.
        clearTimeout(saveTimer);
        lock.markClosing();
        await server.close();
        await save();
      } catch (error) {
        code = 1;
        console.error(`${STORE_PROCESS_MARKER}: the final save failed: ${(error as Error).message}`);
      }
      lock.release();
      process.exit(code);
    })());

  process.on('message', (msg) => {
    if (msg === 'shutdown') void close('asked by the server');
  });
  // The channel closes when the server exits by any means, kill -9 included.
  process.on('disconnect', () => void close('the server is gone'));
  if (!process.connected) void close('started without a server');

  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) return;
    // A signal for the whole service (systemd signals every process of the unit) also reaches the server, which
    // still finishes its requests in flight before it asks us to close; give it that time, then close anyway.
    if (process.connected) {
      console.log(`${STORE_PROCESS_MARKER}: ${signal}; waiting up to ${SIGNAL_GRACE_MS} ms for the server to finish`);
      setTimeout(() => void close(signal), SIGNAL_GRACE_MS).unref();
    } else {
      void close(signal);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => onSignal(signal));

  send({ type: 'ready', port });
  console.log(`${STORE_PROCESS_MARKER}: ready on ${args.host}:${port}, saving every ${args.saveIntervalMs} ms, data in ${args.location}`);
}

/** The entry when run as a script (built), or from embedded-azurite's bootstrap (source, under a TypeScript hook). */
export function main(): void {
  runStoreProcess().catch((error: unknown) => {
    console.error(`${STORE_PROCESS_MARKER}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}

if (require.main === module) main();
