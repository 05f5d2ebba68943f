/**
 * The reminder scheduler: every `intervalMs` it starts the passes that are due (reminders, no-show releases) at
 * every site, and on start it catches up what a downtime missed. Time comes from the injected clock and timer, so
 * tests step through a day without waiting.
 *
 * It never blocks request handling: a tick only starts passes and returns; each pass is asynchronous I/O with at
 * most `settings.concurrency` bookings in flight, paced by the notifier's rate limits. A pass still running at the
 * next tick is not started twice, and passes of different sites run side by side, so a long fan-out at one site
 * does not hold up another site's deadline.
 */
import { setMaxListeners } from 'node:events';
import { duePassesNow, passKey, runPass } from '../use-cases/reminders/catch-up';
import { isEventful, summary, type PassReport } from '../use-cases/reminders/pass-support';
import type { Logger } from '../use-cases/logger-port';
import type { ReminderDeps } from '../use-cases/reminders/reminder-ports';

export interface SchedulerTimer {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimer: SchedulerTimer = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // The scheduler alone never keeps the process alive.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Other periodic work run on the scheduler's ticks (the daily series pass); it decides itself whether it is due. */
export interface ScheduledJob {
  readonly name: string;
  run(signal: AbortSignal): Promise<void>;
}

export interface SchedulerDeps extends ReminderDeps {
  readonly jobs?: readonly ScheduledJob[];
  /** Between two ticks; 30 s by default, so a reminder goes out at most that long after its time. */
  readonly intervalMs?: number;
  readonly timer?: SchedulerTimer;
  /** Past days whose missed releases the start-up catch-up records; 3 covers a weekend. */
  readonly catchUpDays?: number;
  /** Every finished pass, for metrics and tests. */
  readonly onPass?: (report: PassReport) => void;
  /** The waitlist's offer pass (src/use-cases/waitlist-offers.ts), run on every tick, never twice at once. */
  readonly offerPass?: (signal: AbortSignal) => Promise<unknown>;
}

export interface Scheduler {
  /** Stops ticking, stops passes from starting new bookings, and waits for what is in flight to finish. */
  stop(): Promise<void>;
  /** Starts a tick now (as the timer would) and resolves when the passes it started have finished. */
  tickNow(): Promise<PassReport[]>;
  /** Resolves when no pass is running. */
  idle(): Promise<void>;
}

const MAX_REMEMBERED_PASSES = 500;
const WAITLIST_PASS = 'waitlist';

/**
 * Runs scheduled jobs, each at most once at a time: a job still running at the next tick is not started twice, and a
 * failing one is logged and tried at the next tick. `inFlight` is the caller's, so that a stop can wait for it.
 */
export function jobRunner(
  inFlight: Map<string, Promise<void>>,
  signal: AbortSignal,
  stopped: () => boolean,
  log: Pick<Logger, 'error'>,
): (job: ScheduledJob) => Promise<void> {
  return (job) => {
    const running = inFlight.get(job.name);
    if (running || stopped()) return running ?? Promise.resolve();
    const run = job.run(signal).catch((error: unknown) => {
      log.error({ job: job.name, err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'scheduled job failed');
    });
    inFlight.set(job.name, run);
    void run.finally(() => inFlight.delete(job.name));
    return run;
  };
}

export function startScheduler(deps: SchedulerDeps): Scheduler {
  const timer = deps.timer ?? realTimer;
  const intervalMs = deps.intervalMs ?? 30_000;
  const abort = new AbortController();
  // Every send waiting for a rate-limit slot listens for the stop; there are as many as passes × concurrency.
  setMaxListeners(0, abort.signal);
  const inFlight = new Map<string, Promise<PassReport | null>>();
  const completed = new Set<string>();
  let handle: unknown;
  let stopped = false;

  const report = (r: PassReport): void => {
    // A failing log line or metrics hook must not fail the pass, let alone the process (an unhandled rejection).
    try {
      log(r);
    } catch (error) {
      console.error('reminder scheduler: could not log a pass report', error);
    }
  };

  const log = (report: PassReport): void => {
    deps.onPass?.(report);
    if (report.noReference > 0) {
      deps.log.warn(
        {
          siteId: report.siteId,
          date: report.date,
          phase: report.phase,
          count: report.noReference,
          userIds: report.missingReferences.slice(0, 20),
        },
        `${report.noReference} people could not be reached: no conversation reference (the bot is not installed for them)`,
      );
    }
    if (report.ambiguous + report.ambiguousTakeovers + report.lostClaims > 0) {
      deps.log.warn(
        {
          siteId: report.siteId,
          date: report.date,
          phase: report.phase,
          ambiguous: report.ambiguous,
          ambiguousTakeovers: report.ambiguousTakeovers,
          lostClaims: report.lostClaims,
        },
        'some messages may have been delivered twice (ambiguous sends)',
      );
    }
    if (isEventful(report))
      deps.log.info(
        { ...summary(report), missingReferences: undefined },
        `${report.phase} pass at ${report.siteId} for ${report.date}`,
      );
  };

  const ticks = new Set<Promise<PassReport[]>>();
  const tick = (lookbackDays: number): Promise<PassReport[]> => {
    const run = runTick(lookbackDays).catch((error: unknown) => {
      deps.log.error({ err: error instanceof Error ? error.message : String(error) }, 'reminder tick failed');
      return [];
    });
    ticks.add(run);
    void run.finally(() => ticks.delete(run));
    return run;
  };

  const runTick = async (lookbackDays: number): Promise<PassReport[]> => {
    if (stopped) return [];
    if (completed.size > MAX_REMEMBERED_PASSES) completed.clear();
    let passes;
    try {
      passes = await duePassesNow(deps, lookbackDays);
    } catch (error) {
      deps.log.error(
        { err: error instanceof Error ? { name: error.name, message: error.message } : String(error) },
        'could not work out the due reminder passes',
      );
      return [];
    }
    const started: Promise<PassReport | null>[] = [];
    for (const pass of passes) {
      const key = passKey(pass);
      if (completed.has(key) || inFlight.has(key) || stopped) continue;
      const run = runPass(deps, pass, { signal: abort.signal, completed }).then((r) => {
        if (r) report(r);
        return r;
      });
      inFlight.set(key, run);
      void run.finally(() => inFlight.delete(key));
      started.push(run);
    }
    const jobs = (deps.jobs ?? []).map((job) => runJob(job));
    if (deps.offerPass && !inFlight.has(WAITLIST_PASS) && !stopped) {
      const run = deps.offerPass(abort.signal).then(
        () => null,
        (error: unknown) => {
          deps.log.error({ err: error instanceof Error ? error.message : String(error) }, 'waitlist pass failed');
          return null;
        },
      );
      inFlight.set(WAITLIST_PASS, run);
      void run.finally(() => inFlight.delete(WAITLIST_PASS));
      started.push(run);
    }
    const reports = await Promise.all(started);
    await Promise.all(jobs);
    return reports.filter((r): r is PassReport => r !== null);
  };

  const jobsInFlight = new Map<string, Promise<void>>();
  const runJob = jobRunner(jobsInFlight, abort.signal, () => stopped, deps.log);

  const schedule = (): void => {
    if (stopped) return;
    handle = timer.setTimeout(() => {
      // The tick starts its passes and is not awaited: the next tick is due on time even while a fan-out runs.
      void tick(0);
      schedule();
    }, intervalMs);
  };

  // Catch-up on start, without waiting for it: a downtime's reminders go out while the server already answers.
  void tick(deps.catchUpDays ?? 3);
  schedule();

  const idle = async (): Promise<void> => {
    while (ticks.size + inFlight.size + jobsInFlight.size > 0) await Promise.all([...ticks, ...inFlight.values(), ...jobsInFlight.values()]);
  };

  return {
    async stop() {
      stopped = true;
      if (handle !== undefined) timer.clearTimeout(handle);
      abort.abort();
      await idle();
    },
    tickNow: () => tick(0),
    idle,
  };
}
