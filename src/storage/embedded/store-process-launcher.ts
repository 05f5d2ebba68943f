import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { AZURITE_TABLE_DB_FILE, devConnectionString, type EmbeddedAzurite, type SaveReport } from './azurite-handle';
import { STORE_LOCKED_EXIT_CODE } from './azurite-store-process';
import { childEnv, detach, KILL_WAIT_MS, TAIL_LINES, waitAtMost } from './child-processes';
import { readStoreLock, StoreLockHeldError, type StoreLockInfo } from './store-lock';

// On disk: our own store process (azurite-store-process.ts), which keeps a confirmed booking through a Ctrl-C.

/** The final save of a large pilot database takes a while; a store still closing after this is killed. */
const DISK_STOP_TIMEOUT_MS = 30_000;

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

export async function startStoreProcess(args: {
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
    // The child's 'locked' message and its exit race on a busy machine: without the message, the lock file names the
    // holder just as well.
    const holder =
      outcome.kind === 'locked' ? outcome.holder : (readStoreLock(location) ?? { pid: -1, parentPid: -1, port: null, startedAt: '' });
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
