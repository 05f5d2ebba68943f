import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

// The children's side: none outlives this process, free ports, their environment, and waiting on them.

export const KILL_WAIT_MS = 5_000;
export const TAIL_LINES = 20;

// ---------------------------------------------------------------------------
// Safety net: children must not outlive this process.

/** An in-memory Azurite child (on-disk stores end themselves when this process's IPC channel closes). */
export interface LiveChild {
  child: ChildProcess;
  tmpCwd: string | undefined;
}

export const liveChildren = new Set<LiveChild>();
/** Ports handed to children of this process that are still running (avoids self-collisions). */
export const portsInUse = new Set<number>();
let exitHookInstalled = false;

export function installExitHook(): void {
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
export const USE_IPC_SHUTDOWN = process.platform === 'win32';

/** Asks the child to close gracefully (SIGINT, or IPC "shutdown" on Windows). */
export function requestGracefulClose(child: ChildProcess): void {
  try {
    if (USE_IPC_SHUTDOWN && child.connected) child.send('shutdown');
    else child.kill('SIGINT');
  } catch {
    /* already gone */
  }
}

export function removeDirQuietly(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    /* best effort */
  }
}

export async function findFreePort(host: string): Promise<number> {
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

export function childEnv(): NodeJS.ProcessEnv {
  // Pass the environment through, minus AZURITE_ACCOUNTS: when set it replaces the
  // well-known dev account that our connection string relies on.
  // eslint-disable-next-line no-restricted-properties -- handing the environment on to the child is not reading configuration
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.AZURITE_ACCOUNTS;
  return env;
}

/** Lets this process end while the child runs: neither the child, its IPC channel nor its pipes hold the event loop. */
export function detach(child: ChildProcess): void {
  child.unref();
  (child.channel as { unref?: () => void } | null | undefined)?.unref?.();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves true when `p` settles within `ms`, false otherwise; leaves no timer behind. */
export function waitAtMost(p: Promise<unknown>, ms: number): Promise<boolean> {
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
