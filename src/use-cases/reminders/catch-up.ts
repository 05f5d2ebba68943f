/**
 * What is due now, at every site: the passes of the scheduler's ticks, and the catch-up after a downtime.
 *
 * Catching up needs no record of when the server was down: work is due by the clock (reminders from the reminder
 * time until the deadline, releases from the deadline on) and done or not by its claims. A server back at 09:10
 * sends the reminders still due (the deadline is 10:00); one back at 10:30 sends none and releases the no-shows;
 * one back the next morning also records yesterday's no-shows (lookbackDays), without telling anyone about a day
 * that is over.
 */
import { describe, isComplete, type PassReport } from './pass-support';
import { releaseNoShows } from './release-no-shows';
import { duePasses, type DuePass } from './reminder-schedule';
import type { ReminderDeps } from './reminder-ports';
import { sendReminders } from './send-reminders';

export interface PassRunOptions {
  readonly signal?: AbortSignal;
  /** Passes known to be complete, by passKey; they are not run again. Completed passes are added. */
  readonly completed?: Set<string>;
}

/**
 * A pass is remembered as complete only this long after its moment: a booking decided just before the reminder time
 * (or the deadline) may commit a moment after it, and the next tick must still see it.
 */
const SETTLE_MS = 60_000;

export function passKey(pass: DuePass): string {
  return `${pass.phase}|${pass.moments.siteId}|${pass.moments.date}`;
}

/** The passes due now at every site in the catalog. */
export async function duePassesNow(
  deps: Pick<ReminderDeps, 'catalog' | 'clock'>,
  lookbackDays = 0,
): Promise<DuePass[]> {
  const index = await deps.catalog.current();
  const now = deps.clock.now();
  return index.sites.flatMap((site) => duePasses(site, now, lookbackDays));
}

/** Runs one pass; a failure is logged and reported as null (the pass runs again at the next tick). */
export async function runPass(
  deps: ReminderDeps,
  pass: DuePass,
  options: PassRunOptions = {},
): Promise<PassReport | null> {
  try {
    const signal = options.signal && { signal: options.signal };
    const report =
      pass.phase === 'reminders'
        ? await sendReminders(deps, pass.moments, { ...signal })
        : await releaseNoShows(deps, pass.moments, { notify: pass.notify, ...signal });
    const moment = pass.phase === 'reminders' ? pass.moments.reminderAt : pass.moments.deadlineAt;
    const settled = deps.clock.now().getTime() - moment.getTime() >= SETTLE_MS;
    if (settled && isComplete(report) && options.signal?.aborted !== true)
      options.completed?.add(passKey(pass));
    return report;
  } catch (error) {
    deps.log.error(
      { err: describe(error), pass: passKey(pass) },
      'reminder pass failed; it runs again at the next tick',
    );
    return null;
  }
}
