import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { devConnectionString, type EmbeddedAzurite } from './azurite-handle';
import { childEnv, delay, detach, installExitHook, KILL_WAIT_MS, type LiveChild, liveChildren, portsInUse, removeDirQuietly, requestGracefulClose, TAIL_LINES, USE_IPC_SHUTDOWN, waitAtMost } from './child-processes';

// In memory: Azurite's own entry point as a child, on a port chosen free (see embedded-azurite.ts for why).

const STOP_TIMEOUT_MS = 10_000;
const CLOSING_GRACE_MS = 50;

const READY_RE = /Azurite Table service successfully started on (.+):(\d+)\s*$/;
const CLOSING_RE = /Azurite Table service is closing/;

type AttemptResult =
  | { kind: 'ready'; handle: EmbeddedAzurite }
  | { kind: 'port-in-use'; tail: string[] };

export async function startAttempt(args: {
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
