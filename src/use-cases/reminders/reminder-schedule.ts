import { addDays, civilDateOf, zonedInstant } from '../../domain/civil-date';
import { checkInDeadlineOf } from '../../domain/lifecycle';
import type { CivilDate } from '../../domain/model';
import { effectivePolicy } from '../../domain/policy';
import type { SiteCatalog } from '../ports';

/** The two instants of a site's day that the reminder job acts on, from the policy in force that day. */
export interface DayMoments {
  readonly siteId: string;
  readonly date: CivilDate;
  readonly timeZone: string;
  /** Site-local HH:MM of the reminder and of the check-in deadline, as the policy says them. */
  readonly reminderTime: string;
  readonly checkInDeadline: string;
  readonly reminderAt: Date;
  readonly deadlineAt: Date;
}

/**
 * The reminder and deadline instants of `date` at a site. They come from the site's wall clock on that civil date
 * (zonedInstant), never from yesterday's instant plus 24 hours: on 2026-10-25 in Brussels, 08:30 is 07:30Z, while
 * the day before it was 06:30Z.
 */
export function momentsOf(site: SiteCatalog, date: CivilDate): DayMoments {
  const rules = effectivePolicy(site.policies, date).rules;
  const timeZone = site.site.timeZone;
  return {
    siteId: site.site.id,
    date,
    timeZone,
    reminderTime: rules.reminderTime,
    checkInDeadline: rules.checkInDeadline,
    reminderAt: zonedInstant(date, rules.reminderTime, timeZone),
    deadlineAt: checkInDeadlineOf(date, timeZone, rules.checkInDeadline),
  };
}

export type Phase = 'reminders' | 'releases';

export interface DuePass {
  readonly phase: Phase;
  readonly moments: DayMoments;
  /** Whether released owners are told: only on the day itself, not when a past day is caught up. */
  readonly notify: boolean;
}

/**
 * The passes due at a site at `now`:
 * - today's reminders, from the reminder time until the check-in deadline (so reminders a downtime missed still go
 *   out while they are useful, and never after the deadline, when the desk is about to be released);
 * - today's releases, from the deadline on;
 * - with `lookbackDays`, the releases of that many past days, which a downtime over the deadline (or over midnight)
 *   missed. They are recorded as no-shows; their owners are not told about a day that is over.
 * Work already done is recognised by its claims, so repeating a pass is harmless.
 */
export function duePasses(site: SiteCatalog, now: Date, lookbackDays = 0): DuePass[] {
  const today = civilDateOf(now, site.site.timeZone);
  const passes: DuePass[] = [];
  for (let back = lookbackDays; back >= 1; back--) {
    passes.push({ phase: 'releases', moments: momentsOf(site, addDays(today, -back)), notify: false });
  }
  const moments = momentsOf(site, today);
  const t = now.getTime();
  if (t >= moments.deadlineAt.getTime()) passes.push({ phase: 'releases', moments, notify: true });
  else if (t >= moments.reminderAt.getTime()) passes.push({ phase: 'reminders', moments, notify: true });
  return passes;
}
