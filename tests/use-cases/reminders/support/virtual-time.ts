import type { NotifierTime } from '../../../../src/bot/proactive/notifier-time';
import type { SchedulerTimer } from '../../../../src/server/scheduler';
import type { Clock } from '../../../../src/use-cases/ports';

interface Waiter {
  readonly at: number;
  readonly seq: number;
  resolve: (completed: boolean) => void;
}

/**
 * One virtual timeline for the business clock (claims, deadlines) and the notifier's waits (rate limits, Retry-After,
 * back-off). A sleep never waits in real time: when something sleeps, the timeline jumps to the earliest wake-up
 * (after letting pending I/O callbacks run), so a minute of throttling takes milliseconds, and a test can assert on
 * when, in virtual time, each request went out.
 */
export class VirtualTime {
  private t: number;
  private seq = 0;
  private waiters: Waiter[] = [];
  private advancing = false;

  constructor(iso: string) {
    this.t = Date.parse(iso);
  }

  readonly clock: Clock & { set(iso: string): void; advance(ms: number): void } = {
    now: () => new Date(this.t),
    set: (iso: string) => {
      const next = Date.parse(iso);
      if (next < this.t)
        throw new Error(`VirtualTime only moves forward: ${iso} is before ${new Date(this.t).toISOString()}`);
      this.t = next;
    },
    advance: (ms: number) => {
      this.t += ms;
    },
  };

  readonly time: NotifierTime = {
    now: () => this.t,
    sleep: (ms, signal) => {
      if (signal?.aborted) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        const onAbort = (): void => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) {
            this.waiters.splice(i, 1);
            resolve(false);
          }
        };
        const waiter: Waiter = {
          at: this.t + Math.max(0, ms),
          seq: this.seq++,
          resolve: (completed) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(completed);
          },
        };
        this.waiters.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
        this.kick();
      });
    },
  };

  nowIso(): string {
    return new Date(this.t).toISOString();
  }

  private kick(): void {
    if (this.advancing) return;
    this.advancing = true;
    setImmediate(() => this.step());
  }

  private step(): void {
    this.advancing = false;
    if (this.waiters.length === 0) return;
    this.waiters.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = this.waiters.shift()!;
    this.t = Math.max(this.t, next.at);
    next.resolve(true);
    if (this.waiters.length > 0) this.kick();
  }
}

/** A scheduler timer that fires only when the test says so. */
export class ManualTimer implements SchedulerTimer {
  private nextId = 1;
  private readonly pending = new Map<number, { fn: () => void; ms: number }>();

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { fn, ms });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** The intervals the scheduler asked for, still pending. */
  delays(): number[] {
    return [...this.pending.values()].map((p) => p.ms);
  }

  /** Fires every pending timeout once (as if their time had come). */
  fire(): number {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, p] of due) p.fn();
    return due.length;
  }
}
