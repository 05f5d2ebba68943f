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
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { STORE_LOCKED_EXIT_CODE } from './azurite-store-process';
import { StoreLockHeldError, type StoreLockInfo } from './store-lock';

/** The well-known Azurite / storage emulator account (public, documented by Microsoft). */
export const AZURITE_ACCOUNT_NAME = 'devstoreaccount1';
export const AZURITE_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** File Azurite's table service keeps its LokiJS database in, inside `location`. */
export const AZURITE_TABLE_DB_FILE = '__azurite_db_table__.json';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const KILL_WAIT_MS = 5_000;
const CLOSING_GRACE_MS = 50;
const MAX_PORT_ATTEMPTS = 8;
const TAIL_LINES = 20;
const DEFAULT_SAVE_INTERVAL_MS = 250;
/** The final save of a large pilot database takes a while; a store still closing after this is killed. */
const DISK_STOP_TIMEOUT_MS = 30_000;

const READY_RE = /Azurite Table service successfully started on (.+):(\d+)\s*$/;
const CLOSING_RE = /Azurite Table service is closing/;

export interface EmbeddedAzurite {
  /** Connection string for @azure/data-tables; pass `{ allowInsecureConnection: true }` (plain http). */
  readonly connectionString: string;
  /** TCP port the table service listens on (never fixed: chosen free at start). */
  readonly port: number;
  /** Host the service listens on, as given in the options. */
  readonly host: string;
  /** Child process id. */
  readonly pid: number;
  /** Data folder (absolute), or undefined for in-memory. */
  readonly location: string | undefined;
  /** Milliseconds from the successful spawn to the ready line. */
  readonly startupMs: number;
  /** Graceful stop; on disk the store saves first (killed only if still saving after 30 s). Idempotent. */
  stop(): Promise<void>;
  /** On disk: the store's last save as it reported it, and the interval it saves at now; null before the first. */
  lastSave?(): SaveReport | null;
}

export interface SaveReport {
  readonly at: string;
  readonly tookMs: number;
  /** The part of the save that stopped the store (serialising the database). */
  readonly blockedMs: number;
  /** Grows with the cost of a save on a large database (at most 5 s, Azurite's own interval). */
  readonly intervalMs: number;
}

export interface EmbeddedAzuriteOptions {
  /** Directory for on-disk data (created if missing); undefined = in memory. */
  location?: string;
  /** Listen host; default 127.0.0.1. */
  host?: string;
  /** Give up (and kill the child) when it is not ready after this long; default 30 s. */
  startTimeoutMs?: number;
  /** Receives every stdout/stderr line of the child, plus a few lines of our own. */
  onLog?: (line: string) => void;
  /** On disk: how often the store saves what changed; default 250 ms (Azurite alone: 5 s). */
  saveIntervalMs?: number;
}

/** Host usable by a client to reach a service listening on `host` (wildcards mapped to loopback). */
function clientHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  if (host.includes(':') && !host.startsWith('[')) return `[${host}]`;
  return host;
}

/** The table endpoint URL (without trailing slash) for Azurite on host:port. */
export function devTableEndpoint(port: number, host: string = DEFAULT_HOST): string {
  return `http://${clientHost(host)}:${port}/${AZURITE_ACCOUNT_NAME}`;
}

/** Connection string for the well-known dev account on an Azurite table service at host:port. */
export function devConnectionString(port: number, host: string = DEFAULT_HOST): string {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new RangeError(`devConnectionString: invalid port ${String(port)}`);
  }
  return (
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT_NAME};` +
    `AccountKey=${AZURITE_ACCOUNT_KEY};TableEndpoint=${devTableEndpoint(port, host)};`
  );
}

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

// ---------------------------------------------------------------------------
// Safety net: children must not outlive this process.

/** An in-memory Azurite child (on-disk stores end themselves when this process's IPC channel closes). */
interface LiveChild {
  child: ChildProcess;
  tmpCwd: string | undefined;
}

const liveChildren = new Set<LiveChild>();
/** Ports handed to children of this process that are still running (avoids self-collisions). */
const portsInUse = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: we can only send signals here.
  process.on('exit', () => {
    for (const live of liveChildren) {
      try {
        if (live.child.exitCode === null && live.child.signalCode === null) {
          // In memory there is nothing to save: SIGKILL is immediate and certain.
          live.child.kill('SIGKILL');
        }
      } catch {
        /* best effort */
      }
      if (live.tmpCwd) removeDirQuietly(live.tmpCwd);
    }
    liveChildren.clear();
  });
}

/**
 * On Windows, ChildProcess.kill('SIGINT') is a hard TerminateProcess: nothing would be
 * saved. There we ask for a graceful close with azurite's IPC message "shutdown" instead
 * (same code path in azurite's main.js as SIGINT).
 */
const USE_IPC_SHUTDOWN = process.platform === 'win32';

/** Asks the child to close gracefully (SIGINT, or IPC "shutdown" on Windows). */
function requestGracefulClose(child: ChildProcess): void {
  try {
    if (USE_IPC_SHUTDOWN && child.connected) child.send('shutdown');
    else child.kill('SIGINT');
  } catch {
    /* already gone */
  }
}

function removeDirQuietly(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    /* best effort */
  }
}

// ---------------------------------------------------------------------------

async function findFreePort(host: string): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.unref();
      srv.once('error', reject);
      srv.listen({ port: 0, host, exclusive: true }, () => {
        const addr = srv.address();
        const p = typeof addr === 'object' && addr ? addr.port : 0;
        srv.close(() => resolve(p));
      });
    });
    if (port > 0 && !portsInUse.has(port)) return port;
  }
  throw new Error(`Embedded Azurite: could not find a free TCP port on ${host}`);
}

function childEnv(): NodeJS.ProcessEnv {
  // Pass the environment through, minus AZURITE_ACCOUNTS: when set it replaces the
  // well-known dev account that our connection string relies on.
  // eslint-disable-next-line no-restricted-properties -- handing the environment on to the child is not reading configuration
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.AZURITE_ACCOUNTS;
  return env;
}

type AttemptResult =
  | { kind: 'ready'; handle: EmbeddedAzurite }
  | { kind: 'port-in-use'; tail: string[] };

/** Lets this process end while the child runs: neither the child, its IPC channel nor its pipes hold the event loop. */
function detach(child: ChildProcess): void {
  child.unref();
  (child.channel as { unref?: () => void } | null | undefined)?.unref?.();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
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

async function startAttempt(args: {
  entry: string;
  host: string;
  port: number;
  deadline: number;
  timeoutMs: number;
  onLog: ((line: string) => void) | undefined;
}): Promise<AttemptResult> {
  const { entry, host, port, deadline, timeoutMs, onLog } = args;
  // In memory, Azurite still writes a few files to its working folder: a throw-away one.
  const tmpCwd = fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-azurite-'));
  const cliArgs = [
    entry,
    '--tableHost',
    host,
    '--tablePort',
    String(port),
    '--disableTelemetry',
    '--silent',
    '--inMemoryPersistence',
  ];

  const startedAt = Date.now();
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, cliArgs, {
      cwd: tmpCwd,
      env: childEnv(),
      stdio: USE_IPC_SHUTDOWN ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
  } catch (err) {
    if (tmpCwd) removeDirQuietly(tmpCwd);
    throw new Error(`Embedded Azurite: could not spawn ${process.execPath}: ${(err as Error).message}`);
  }

  const tail: string[] = [];
  const stderrTail: string[] = [];
  let closing = false;
  let markClosing: () => void = () => undefined;
  const closingSeen = new Promise<void>((resolve) => {
    markClosing = resolve;
  });
  let ready: ((p: number) => void) | undefined;
  const remember = (buf: string[], line: string): void => {
    buf.push(line);
    if (buf.length > TAIL_LINES) buf.shift();
  };
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    // 'error' without 'exit' happens when spawn itself fails (ENOENT, EACCES...).
    child.once('error', () => resolve());
  });
  let spawnError: Error | undefined;
  child.on('error', (err) => {
    spawnError = err;
    onLog?.(`embedded-azurite: child process error: ${err.message}`);
  });

  const live: LiveChild = { child, tmpCwd };
  installExitHook();
  liveChildren.add(live);
  portsInUse.add(port);

  const forget = (): void => {
    liveChildren.delete(live);
    portsInUse.delete(port);
    if (tmpCwd) removeDirQuietly(tmpCwd);
  };

  if (child.stdout) {
    readline.createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
      remember(tail, line);
      if (CLOSING_RE.test(line)) {
        closing = true;
        markClosing();
      }
      const m = READY_RE.exec(line);
      if (m && ready) ready(Number(m[2]));
      onLog?.(line);
    });
  }
  if (child.stderr) {
    readline.createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => {
      remember(tail, line);
      remember(stderrTail, line);
      onLog?.(line);
    });
  }

  const describe = (): string =>
    `host ${host}, port ${port}, in memory, pid ${child.pid ?? '?'}`;
  const outputForError = (): string => {
    const lines = stderrTail.length > 0 ? stderrTail : tail;
    return lines.length > 0 ? `\nLast ${stderrTail.length > 0 ? 'stderr' : 'output'} lines:\n${lines.join('\n')}` : ' (no output)';
  };

  const killHard = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
      await waitAtMost(exited, KILL_WAIT_MS);
    }
  };

  type Outcome = { kind: 'ready'; port: number } | { kind: 'exit' } | { kind: 'timeout' };
  let timer: NodeJS.Timeout | undefined;
  const outcome = await new Promise<Outcome>((resolve) => {
    ready = (p) => resolve({ kind: 'ready', port: p });
    void exited.then(() => resolve({ kind: 'exit' }));
    timer = setTimeout(() => resolve({ kind: 'timeout' }), Math.max(0, deadline - Date.now()));
  });
  if (timer) clearTimeout(timer);
  ready = undefined;

  if (outcome.kind === 'timeout') {
    await killHard();
    forget();
    throw new Error(
      `Embedded Azurite (table service) did not report "successfully started" within ` +
        `${timeoutMs} ms (${describe()}); the child was killed.${outputForError()}`,
    );
  }
  if (outcome.kind === 'exit') {
    // Let readline flush the last lines that arrived together with the exit.
    await delay(20);
    forget();
    if (tail.some((l) => l.includes('EADDRINUSE'))) return { kind: 'port-in-use', tail: [...tail] };
    const how = spawnError
      ? `could not be spawned (${spawnError.message})`
      : `exited before it was ready (code ${String(child.exitCode)}, signal ${String(child.signalCode)})`;
    throw new Error(
      `Embedded Azurite (table service) ${how} (${describe()}), entry ${entry}.${outputForError()}`,
    );
  }
  if (outcome.port !== port) {
    await killHard();
    forget();
    throw new Error(
      `Embedded Azurite (table service) reported port ${outcome.port}, expected ${port} (${describe()}).`,
    );
  }

  const startupMs = Date.now() - startedAt;
  // The child must not keep this process alive by itself; the exit hook cleans it up.
  // (stop() keeps the loop alive with its own timer while it waits.)
  detach(child);

  let stopping: Promise<void> | undefined;
  void exited.then(() => {
    if (stopping) return;
    onLog?.(
      `embedded-azurite: pid ${child.pid ?? '?'} exited unexpectedly ` +
        `(code ${String(child.exitCode)}, signal ${String(child.signalCode)})`,
    );
    forget();
  });
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      try {
        if (child.exitCode !== null || child.signalCode !== null) return;
        // A terminal Ctrl-C reaches the whole process group, so the child may already be
        // closing. Its SIGINT handler is a `once`: a second SIGINT would kill it instead of
        // letting it close. Give its "is closing" line a moment to arrive before signalling.
        await waitAtMost(Promise.race([closingSeen, exited]), CLOSING_GRACE_MS);
        if (child.exitCode !== null || child.signalCode !== null) return;
        if (closing) {
          onLog?.(`embedded-azurite: pid ${child.pid ?? '?'} is already closing (signal from the terminal?); waiting`);
        } else {
          requestGracefulClose(child);
        }
        const stopped = await waitAtMost(exited, STOP_TIMEOUT_MS);
        if (!stopped) {
          onLog?.(
            `embedded-azurite: pid ${child.pid ?? '?'} did not exit ${STOP_TIMEOUT_MS} ms after SIGINT; sending SIGKILL`,
          );
          await killHard();
        }
      } finally {
        forget();
      }
    })();
    return stopping;
  };

  onLog?.(`embedded-azurite: table service ready on ${host}:${port} in ${startupMs} ms (pid ${child.pid ?? '?'})`);
  return {
    kind: 'ready',
    handle: {
      connectionString: devConnectionString(port, host),
      port,
      host,
      pid: child.pid ?? -1,
      location: undefined,
      startupMs,
      stop,
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves true when `p` settles within `ms`, false otherwise; leaves no timer behind. */
function waitAtMost(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void p.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}

// ---------------------------------------------------------------------------
// On disk: our own store process (azurite-store-process.ts).

/**
 * How to run the store: the built .js directly; the .ts source (under tsx or ts-jest) through tsx's require hook,
 * which is removed before Azurite is loaded, because it makes loading Azurite's few hundred modules twice as slow.
 */
function storeProcessCommand(): string[] {
  const ext = path.extname(__filename);
  const entry = path.join(__dirname, `azurite-store-process${ext}`);
  if (ext !== '.ts') return [entry];
  const bootstrap =
    `const unregister = require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();` +
    `const store = require(${JSON.stringify(entry)}); unregister(); store.main();`;
  return ['-e', bootstrap, '--'];
}

/** When the embedded store last saved to disk (the database file is replaced whole on each save), or null. */
export function lastSaveTime(location: string): Date | null {
  try {
    return fs.statSync(path.join(location, AZURITE_TABLE_DB_FILE)).mtime;
  } catch {
    return null;
  }
}

type StoreMessage =
  | { type: 'ready'; port: number }
  | { type: 'locked'; holder: StoreLockInfo }
  | ({ type: 'saved' } & SaveReport);

async function startStoreProcess(args: {
  location: string;
  host: string;
  timeoutMs: number;
  onLog: ((line: string) => void) | undefined;
  saveIntervalMs: number;
}): Promise<EmbeddedAzurite> {
  const { location, host, timeoutMs, onLog } = args;
  const startedAt = Date.now();
  let child: ChildProcess;
  try {
    child = spawn(
      process.execPath,
      [...storeProcessCommand(), '--location', location, '--host', host, '--save-interval-ms', String(args.saveIntervalMs)],
      {
        cwd: location,
        env: childEnv(),
        // Its own process group: signals meant for the app reach the server, which stops the store after its last request.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        windowsHide: true,
      },
    );
  } catch (err) {
    throw new Error(`Embedded Azurite: could not spawn ${process.execPath}: ${(err as Error).message}`);
  }
  const tail: string[] = [];
  const onLine = (line: string): void => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    onLog?.(line);
  };
  if (child.stdout) readline.createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', onLine);
  if (child.stderr) readline.createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', onLine);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (err) => {
      onLine(`embedded-azurite: child process error: ${err.message}`);
      resolve();
    });
  });
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const describe = (): string => `location ${location}, pid ${child.pid ?? '?'}`;

  type Outcome = { kind: 'ready'; port: number } | { kind: 'locked'; holder: StoreLockInfo } | { kind: 'exit' } | { kind: 'timeout' };
  let timer: NodeJS.Timeout | undefined;
  let lastSave: SaveReport | null = null;
  const outcome = await new Promise<Outcome>((resolve) => {
    child.on('message', (msg: StoreMessage) => {
      if (msg?.type === 'saved') lastSave = { at: msg.at, tookMs: msg.tookMs, blockedMs: msg.blockedMs, intervalMs: msg.intervalMs };
      else if (msg?.type === 'ready') resolve({ kind: 'ready', port: msg.port });
      else if (msg?.type === 'locked') resolve({ kind: 'locked', holder: msg.holder });
    });
    void exited.then(() => resolve({ kind: 'exit' }));
    timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
  });
  if (timer) clearTimeout(timer);

  if (outcome.kind === 'locked' || (outcome.kind === 'exit' && child.exitCode === STORE_LOCKED_EXIT_CODE)) {
    await waitAtMost(exited, KILL_WAIT_MS);
    const holder = outcome.kind === 'locked' ? outcome.holder : { pid: -1, parentPid: -1, port: null, startedAt: '' };
    throw new StoreLockHeldError(path.join(location, 'seatwise-store.lock'), holder);
  }
  if (outcome.kind !== 'ready') {
    if (!gone()) {
      // Not ready in time and holding nothing we must keep: no data was confirmed through it yet.
      child.kill('SIGKILL');
      await waitAtMost(exited, KILL_WAIT_MS);
    }
    throw new Error(
      outcome.kind === 'timeout'
        ? `Embedded Azurite (table service) did not report "successfully started" within ${timeoutMs} ms (${describe()}); the child was killed.\n${tail.join('\n')}`
        : `Embedded Azurite (table service) exited before it was ready (code ${String(child.exitCode)}, signal ${String(child.signalCode)}, ${describe()}).\n${tail.join('\n')}`,
    );
  }

  const port = outcome.port;
  const startupMs = Date.now() - startedAt;
  // The store must not keep this process alive; when this process ends, the channel closes and the store saves and exits.
  detach(child);

  let stopping: Promise<void> | undefined;
  void exited.then(() => {
    if (!stopping) onLine(`embedded-azurite: store pid ${child.pid ?? '?'} exited unexpectedly (code ${String(child.exitCode)}, signal ${String(child.signalCode)})`);
  });
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (gone()) return;
      try {
        if (child.connected) child.send('shutdown');
        else child.kill('SIGTERM');
      } catch {
        /* gone in between */
      }
      if (!(await waitAtMost(exited, DISK_STOP_TIMEOUT_MS))) {
        onLine(`embedded-azurite: store pid ${child.pid ?? '?'} did not finish its final save within ${DISK_STOP_TIMEOUT_MS} ms; killing it (unsaved writes are lost)`);
        child.kill('SIGKILL');
        await waitAtMost(exited, KILL_WAIT_MS);
      }
    })());

  onLog?.(`embedded-azurite: store ready on ${host}:${port} in ${startupMs} ms (pid ${child.pid ?? '?'}, saving every ${args.saveIntervalMs} ms)`);
  return {
    connectionString: devConnectionString(port, host),
    port,
    host,
    pid: child.pid ?? -1,
    location,
    startupMs,
    stop,
    lastSave: () => lastSave,
  };
}
