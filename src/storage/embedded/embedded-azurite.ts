/**
 * Embedded Azurite: runs the Azure Table Storage emulator (Table service only)
 * as a child process of the current Node executable.
 *
 * Used by the composition root when no storage is configured (data on disk under
 * a folder it chooses), and by the jest global setup and the bench (in memory).
 *
 * On disk, the child is our own store process (azurite-store-process.ts), not Azurite's
 * command line, because a confirmed booking must survive the ways a service is ended:
 * - it runs in its own process group, so a Ctrl-C or a SIGTERM to the app's group does not
 *   reach it; the server finishes its requests in flight, then calls stop(), which asks it
 *   over IPC to save and exit;
 * - it saves and exits by itself when its server dies (the IPC channel closes), so no
 *   orphan lives on to save over the next store's file;
 * - it takes the data folder's lock (store-lock.ts): never two stores over one folder;
 * - it saves every `saveIntervalMs` (250 ms by default) instead of Azurite's fixed 5 s.
 *
 * In memory there is nothing to keep, so Azurite's own entry point is used. Facts this
 * relies on (azurite@3.35, checked by hand):
 * - `--tablePort 0` is accepted, but the ready line then says `...started on 127.0.0.1:0`:
 *   the real port is never printed. So we pick a free port ourselves
 *   (net listen on port 0, close, hand it over) and retry with another one if
 *   the child dies with EADDRINUSE (someone took it in between).
 * - Ready signal: stdout line `Azurite Table service successfully started on <host>:<port>`.
 * - A process 'exit' hook kills in-memory children; a parent killed with SIGKILL cannot,
 *   but a terminal Ctrl-C reaches them (same process group).
 * - `--inMemoryPersistence` cannot be combined with `--location`; in memory, the
 *   child's cwd is used as workspace, so we give it a throw-away temp folder.
 *
 * This module reads no configuration: everything comes in as options.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_HOST, type EmbeddedAzurite, type EmbeddedAzuriteOptions } from './azurite-handle';
import { findFreePort } from './child-processes';
import { startAttempt } from './in-memory-azurite';
import { startStoreProcess } from './store-process-launcher';

// The parts are in azurite-handle.ts, child-processes.ts, in-memory-azurite.ts and store-process-launcher.ts;
// callers import this file alone.
export {
  AZURITE_ACCOUNT_KEY,
  AZURITE_ACCOUNT_NAME,
  AZURITE_TABLE_DB_FILE,
  devConnectionString,
  devTableEndpoint,
  type EmbeddedAzurite,
  type EmbeddedAzuriteOptions,
  type SaveReport,
} from './azurite-handle';
export { lastSaveTime } from './store-process-launcher';

const DEFAULT_START_TIMEOUT_MS = 30_000;
const MAX_PORT_ATTEMPTS = 8;
const DEFAULT_SAVE_INTERVAL_MS = 250;

/** Absolute path of azurite's table service entry point (what the `azurite-table` bin runs). */
export function resolveAzuriteTableMain(): string {
  try {
    return require.resolve('azurite/dist/src/table/main.js');
  } catch (err) {
    throw new Error(
      `Embedded Azurite: cannot find the 'azurite' package (azurite/dist/src/table/main.js). ` +
        `Install it (npm i -D azurite@~3.35.0) or configure a real storage connection. ` +
        `(${(err as Error).message})`,
    );
  }
}

/**
 * Starts Azurite's Table service in a child process on a free port and resolves when it
 * accepts connections. Rejects (after killing the child) on timeout or early exit.
 */
export async function startEmbeddedAzurite(
  options: EmbeddedAzuriteOptions = {},
): Promise<EmbeddedAzurite> {
  const host = options.host ?? DEFAULT_HOST;
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const onLog = options.onLog;
  const entry = resolveAzuriteTableMain();
  const location =
    options.location !== undefined ? path.resolve(options.location) : undefined;
  if (location !== undefined) {
    try {
      fs.mkdirSync(location, { recursive: true });
    } catch (err) {
      throw new Error(
        `Embedded Azurite: cannot create data folder ${location}: ${(err as Error).message}`,
      );
    }
  }

  if (location !== undefined) {
    return startStoreProcess({ location, host, timeoutMs, onLog, saveIntervalMs: options.saveIntervalMs ?? DEFAULT_SAVE_INTERVAL_MS });
  }

  const deadline = Date.now() + timeoutMs;
  let lastTail: string[] = [];
  for (let attempt = 1; attempt <= MAX_PORT_ATTEMPTS; attempt++) {
    const port = await findFreePort(host);
    const result = await startAttempt({ entry, host, port, deadline, timeoutMs, onLog });
    if (result.kind === 'ready') return result.handle;
    lastTail = result.tail;
    onLog?.(`embedded-azurite: port ${port} was taken before Azurite could bind it; retrying`);
  }
  throw new Error(
    `Embedded Azurite (table service) failed to start on ${host}: port already in use ` +
      `${MAX_PORT_ATTEMPTS} times in a row. Last output:\n${lastTail.join('\n')}`,
  );
}
