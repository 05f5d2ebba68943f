/**
 * The lock that keeps one embedded store per data folder.
 *
 * Two Azurites over one folder each keep the whole database in memory and save it over the
 * other's file, so every write confirmed by the one that saves first is lost. The store
 * process itself takes this lock before it opens the database, and names itself in it
 * (pid, port, the pid of the server that started it), so that a server can find a live
 * store to share and tell a stale lock from a live one.
 *
 * Taking the lock is an exclusive create (`wx`): of two processes racing for a free folder
 * exactly one succeeds. A stale lock (its store is dead, e.g. killed with SIGKILL) is broken
 * under a second, short-lived lock (an exclusive mkdir) and only when the file still holds
 * the very content that was judged stale, so a breaker never removes a lock that a faster
 * racer has just taken.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const STORE_LOCK_FILE = 'seatwise-store.lock';
/** Part of the store process's command line; lets a pid check tell our store from a recycled pid. */
export const STORE_PROCESS_MARKER = 'azurite-store-process';

const BREAK_DIR_SUFFIX = '.break';
/** A breaker holds its lock for a few file operations; one older than this died while holding it. */
const BREAK_LOCK_STALE_MS = 5_000;
/** Enough for a racer to finish writing, and for a half-written lock to be judged stale (UNREADABLE_STALE_MS). */
const MAX_ATTEMPTS = 200;
const UNREADABLE_STALE_MS = 1_000;
const RETRY_MS = 20;

export interface StoreLockInfo {
  /** The store process. */
  readonly pid: number;
  /** The server that started it; the store exits by itself when that process is gone. */
  readonly parentPid: number;
  /** The table service port, once it listens; null while the store is starting. */
  readonly port: number | null;
  readonly startedAt: string;
  /** Set when the store has begun its final save: a server must wait for it to exit, not start using it. */
  readonly closing?: boolean;
}

export class StoreLockHeldError extends Error {
  readonly code = 'STORE_LOCKED';
  constructor(
    readonly lockFile: string,
    readonly holder: StoreLockInfo,
  ) {
    super(
      `The data folder ${path.dirname(lockFile)} is in use by the embedded store of process ${holder.pid} ` +
        `(started by process ${holder.parentPid}${holder.port === null ? ', still starting' : `, port ${holder.port}`}); ` +
        `two stores over one folder would overwrite each other's saves.`,
    );
    this.name = 'StoreLockHeldError';
  }
}

export function storeLockPath(location: string): string {
  return path.join(location, STORE_LOCK_FILE);
}

/** The lock's content, or null when there is no lock or it is being written (unreadable for a moment). */
export function readStoreLock(location: string): StoreLockInfo | null {
  return parseLock(readRaw(storeLockPath(location)));
}

function readRaw(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseLock(raw: string | null): StoreLockInfo | null {
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as Partial<StoreLockInfo>;
    if (typeof v.pid !== 'number' || typeof v.parentPid !== 'number') return null;
    return {
      pid: v.pid,
      parentPid: v.parentPid,
      port: typeof v.port === 'number' ? v.port : null,
      startedAt: typeof v.startedAt === 'string' ? v.startedAt : '',
      ...(v.closing === true && { closing: true }),
    };
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `pid` is a live embedded store. Where the command line can be read (Linux), a live
 * pid that is not our store process is a recycled pid: the lock naming it is stale (after a
 * reboot, low pids come back fast).
 */
export function storeProcessAlive(pid: number): boolean {
  if (!processAlive(pid)) return false;
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return true;
  }
  return cmdline.includes(STORE_PROCESS_MARKER);
}

export interface HeldStoreLock {
  readonly file: string;
  /** Publishes the port once the store listens (atomic rename: readers never see half a file). */
  setPort(port: number): void;
  /** Says that the store is closing, so that no server starts using it now. */
  markClosing(): void;
  /** Removes the lock if it is still ours. Synchronous, so that it can run on the way out. */
  release(): void;
}

/**
 * Takes the folder lock for the current process (the store). Throws StoreLockHeldError when
 * a live store holds it; breaks it when its holder is dead.
 */
export function acquireStoreLock(location: string, parentPid: number, now: () => Date = () => new Date()): HeldStoreLock {
  fs.mkdirSync(location, { recursive: true });
  const file = storeLockPath(location);
  let info: StoreLockInfo = { pid: process.pid, parentPid, port: null, startedAt: now().toISOString() };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
      let released = false;
      const publish = (next: StoreLockInfo): void => {
        info = next;
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(info));
        fs.renameSync(tmp, file);
      };
      return {
        file,
        setPort: (port) => publish({ ...info, port }),
        markClosing: () => {
          if (!released) publish({ ...info, closing: true });
        },
        release() {
          if (released) return;
          released = true;
          if (parseLock(readRaw(file))?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const raw = readRaw(file);
    const holder = parseLock(raw);
    if (raw === null) continue; // removed in between: try again at once
    if (holder === null) {
      // Being written right now by a racer; one still unreadable after a second was left half-written by a crash.
      if (ageMs(file) > UNREADABLE_STALE_MS) breakStale(file, raw);
      else sleepSync(RETRY_MS);
      continue;
    }
    if (storeProcessAlive(holder.pid)) throw new StoreLockHeldError(file, holder);
    breakStale(file, raw);
  }
  throw new Error(`Could not take the store lock ${file} after ${MAX_ATTEMPTS} attempts; another process keeps changing it.`);
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Removes the lock file if it still holds `staleRaw`, under the breaker lock. */
function breakStale(file: string, staleRaw: string): void {
  const breakDir = file + BREAK_DIR_SUFFIX;
  try {
    fs.mkdirSync(breakDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Someone else is breaking it; or a breaker died holding the break lock.
    try {
      if (Date.now() - fs.statSync(breakDir).mtimeMs > BREAK_LOCK_STALE_MS) fs.rmSync(breakDir, { recursive: true, force: true });
    } catch {
      /* gone already */
    }
    sleepSync(RETRY_MS);
    return;
  }
  try {
    if (readRaw(file) === staleRaw) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(breakDir, { recursive: true, force: true });
  }
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
/** The lock is taken before the store serves anything, so blocking for a few ms is harmless and keeps it simple. */
function sleepSync(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}
