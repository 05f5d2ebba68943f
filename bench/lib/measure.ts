import * as diagnostics from 'node:diagnostics_channel';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

/** Runs task(0..n-1) with at most `concurrency` in flight, like a client with a fixed pool of outstanding requests. */
export async function runPool(
  n: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A seeded PRNG, so that every run (and every round) replays the same storm. */
export { mulberry32 } from '../../src/domain/seeded-random';

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Counts the HTTP requests this process sends (SDK retries included) and the statuses of their responses, through
 * Node's built-in `http.client.*` diagnostics channels: an independent check of the gateway-level counts.
 */
export class HttpRequestCounter {
  count = 0;
  readonly statuses = new Map<number, number>();
  private readonly onStart = (): void => {
    this.count++;
  };
  private readonly onFinish = (message: unknown): void => {
    const status = (message as { response?: { statusCode?: number } }).response?.statusCode ?? 0;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  };
  constructor() {
    diagnostics.subscribe('http.client.request.start', this.onStart);
    diagnostics.subscribe('http.client.response.finish', this.onFinish);
  }
  /** Responses by status since `since` (a copy of `statuses` taken earlier). */
  statusesSince(since: ReadonlyMap<number, number>): Map<number, number> {
    const out = new Map<number, number>();
    for (const [status, n] of this.statuses) {
      const d = n - (since.get(status) ?? 0);
      if (d > 0) out.set(status, d);
    }
    return out;
  }
  dispose(): void {
    diagnostics.unsubscribe('http.client.request.start', this.onStart);
    diagnostics.unsubscribe('http.client.response.finish', this.onFinish);
  }
}

let clockTicks: number | undefined;

/** CPU time (ms) a process has used so far, from /proc (Linux); undefined elsewhere. */
export function processCpuMs(pid: number): number | undefined {
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "pid (comm) ": state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return undefined;
  }
}

/** CPU used by this process and by the storage process between start() and the returned function's call. */
export function cpuMeter(storagePid: number): () => { clientMs: number; storageMs: number | undefined } {
  const client0 = process.cpuUsage();
  const storage0 = processCpuMs(storagePid);
  return () => {
    const d = process.cpuUsage(client0);
    const storage1 = processCpuMs(storagePid);
    return {
      clientMs: (d.user + d.system) / 1000,
      storageMs: storage0 === undefined || storage1 === undefined ? undefined : storage1 - storage0,
    };
  };
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}
