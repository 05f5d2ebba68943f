/**
 * Scheduled jobs without the reminder passes: where reminders are off, an instance that can still write to people
 * (it has a notifier) must still retry the notices it or another instance left pending (admin-notices.ts). Each job
 * decides itself whether it is due; a job still running at the next tick is not started twice.
 */
import { setMaxListeners } from 'node:events';
import type { Logger } from '../use-cases/logger-port';
import { realTimer, type ScheduledJob, type Scheduler, type SchedulerTimer } from './scheduler';

export function startJobTicker(jobs: readonly ScheduledJob[], opts: { readonly intervalMs: number; readonly log: Logger; readonly timer?: SchedulerTimer }): Scheduler {
  const timer = opts.timer ?? realTimer;
  const abort = new AbortController();
  setMaxListeners(0, abort.signal);
  const running = new Map<string, Promise<void>>();
  let handle: unknown;
  let stopped = false;

  const runJob = (job: ScheduledJob): Promise<void> => {
    const current = running.get(job.name);
    if (current || stopped) return current ?? Promise.resolve();
    const run = job.run(abort.signal).catch((error: unknown) => {
      opts.log.error({ job: job.name, err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'scheduled job failed');
    });
    running.set(job.name, run);
    void run.finally(() => running.delete(job.name));
    return run;
  };
  const tick = async (): Promise<[]> => {
    await Promise.all(jobs.map(runJob));
    return [];
  };
  const schedule = (): void => {
    if (stopped) return;
    handle = timer.setTimeout(() => {
      void tick();
      schedule();
    }, opts.intervalMs);
  };
  // At once on start too: what a previous process left pending goes out without waiting a full interval.
  void tick();
  schedule();

  const idle = async (): Promise<void> => {
    while (running.size > 0) await Promise.all([...running.values()]);
  };
  return {
    async stop() {
      stopped = true;
      if (handle !== undefined) timer.clearTimeout(handle);
      abort.abort();
      await idle();
    },
    tickNow: tick,
    idle,
  };
}
