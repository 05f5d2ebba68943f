/**
 * Scheduled jobs without the reminder passes: where reminders are off, an instance that can still write to people
 * (it has a notifier) must still retry the notices it or another instance left pending (admin-notices.ts). Each job
 * decides itself whether it is due; a job still running at the next tick is not started twice.
 */
import { setMaxListeners } from 'node:events';
import type { Logger } from '../use-cases/logger-port';
import { jobRunner, realTimer, type ScheduledJob, type Scheduler, type SchedulerTimer } from './scheduler';

export function startJobTicker(jobs: readonly ScheduledJob[], opts: { readonly intervalMs: number; readonly log: Logger; readonly timer?: SchedulerTimer }): Scheduler {
  const timer = opts.timer ?? realTimer;
  const abort = new AbortController();
  setMaxListeners(0, abort.signal);
  const running = new Map<string, Promise<void>>();
  let handle: unknown;
  let stopped = false;

  const runJob = jobRunner(running, abort.signal, () => stopped, opts.log);
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
