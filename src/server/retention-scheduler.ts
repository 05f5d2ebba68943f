/**
 * Runs the retention pass (src/use-cases/purge-expired.ts) on a timer: every tick asks each site whether its pass
 * of today is due and not done. The claim in Table Storage decides which instance runs it, so every instance may
 * tick; the timer only says how soon after `runAfter` the pass starts.
 */
import { purgeExpired, type PurgeReport, type RetentionDeps } from '../use-cases/purge-expired';
import { realTimer, type SchedulerTimer } from './scheduler';

export interface RetentionSchedulerDeps extends RetentionDeps {
  readonly log: { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
  /** Between two ticks; 10 minutes by default. */
  readonly intervalMs?: number;
  readonly timer?: SchedulerTimer;
}

export interface RetentionScheduler {
  /** Runs a tick now and resolves with the passes this instance ran. */
  tickNow(): Promise<PurgeReport[]>;
  stop(): Promise<void>;
}

export function startRetentionScheduler(deps: RetentionSchedulerDeps): RetentionScheduler {
  const timer = deps.timer ?? realTimer;
  const intervalMs = deps.intervalMs ?? 10 * 60_000;
  let running: Promise<PurgeReport[]> | undefined;
  let handle: unknown;
  let stopped = false;

  const tick = (): Promise<PurgeReport[]> => {
    // One pass at a time per instance: a long purge is not started twice by the next tick.
    running ??= purgeExpired(deps)
      .then((reports) => {
        for (const r of reports) deps.log.info({ ...r }, `retention pass at ${r.siteId}: ${r.bookings} bookings before ${r.before} purged`);
        return reports;
      })
      .catch((error: unknown) => {
        deps.log.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'retention pass failed; it is retried at the next tick');
        return [];
      })
      .finally(() => (running = undefined));
    return running;
  };

  const schedule = (): void => {
    if (stopped) return;
    handle = timer.setTimeout(() => {
      void tick();
      schedule();
    }, intervalMs);
  };
  schedule();

  return {
    tickNow: tick,
    async stop() {
      stopped = true;
      if (handle !== undefined) timer.clearTimeout(handle);
      await running;
    },
  };
}
