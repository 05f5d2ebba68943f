import { addDays, civilDateOf, daysBetween, isoWeekday } from './civil-date';
import type { CivilDate } from './model';
import type { PolicyRules } from './policy';
import { refusal, type Refusal } from './refusal';

export interface WindowInput {
  readonly date: CivilDate;
  readonly now: Date;
  readonly timeZone: string;
  readonly rules: Pick<PolicyRules, 'horizonDays' | 'bookableWeekdays'>;
}

/**
 * A day can be booked from today (site time) up to today + horizon, on a bookable weekday.
 * "Today" is the site's civil date, so a person in UTC+10 booking at 07:30 their time books Brussels' yesterday-or-today.
 */
export function checkBookingWindow(input: WindowInput): Refusal | null {
  const today = civilDateOf(input.now, input.timeZone);
  const lastBookableDate = addDays(today, input.rules.horizonDays);
  const base = {
    code: 'OUTSIDE_WINDOW' as const,
    date: input.date,
    today,
    lastBookableDate,
    horizonDays: input.rules.horizonDays,
    bookableWeekdays: input.rules.bookableWeekdays,
  };
  if (input.date < today) return refusal({ ...base, reason: 'past' });
  if (daysBetween(today, input.date) > input.rules.horizonDays) return refusal({ ...base, reason: 'beyond-horizon' });
  if (!input.rules.bookableWeekdays.includes(isoWeekday(input.date))) return refusal({ ...base, reason: 'weekday' });
  return null;
}

/** The bookable days of the window, in order, starting today. */
export function bookableDays(input: Omit<WindowInput, 'date'>): CivilDate[] {
  const today = civilDateOf(input.now, input.timeZone);
  const days: CivilDate[] = [];
  for (let i = 0; i <= input.rules.horizonDays; i++) {
    const d = addDays(today, i);
    if (input.rules.bookableWeekdays.includes(isoWeekday(d))) days.push(d);
  }
  return days;
}
