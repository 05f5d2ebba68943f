import { addDays, civilDateOf, daysBetween, isoWeekday } from './civil-date';
import type { CivilDate } from './model';
import { effectivePolicy, type PolicyRules, type PolicyVersion } from './policy';
import { refusal, type Refusal } from './refusal';

type WindowFields = Pick<PolicyRules, 'horizonDays' | 'bookableWeekdays'>;

/**
 * The rules the window reads: a site's policy versions, or one set of rules that holds on every day.
 * With versions, how far ahead one may book is TODAY's horizon (a later policy cannot open days before it starts),
 * while whether a weekday is bookable is the rule in force on that day.
 */
export type WindowRules = { readonly policies: readonly PolicyVersion[] } | { readonly rules: WindowFields };

/** A site at an instant, and its rules. */
export type WindowAt = { readonly now: Date; readonly timeZone: string } & WindowRules;
export type WindowInput = { readonly date: CivilDate } & WindowAt;

export interface BookingWindow {
  /** Today in the site's time zone. */
  readonly today: CivilDate;
  /** The window's first day: today. */
  readonly firstBookableDate: CivilDate;
  /** The window's last day: today + today's horizon. */
  readonly lastBookableDate: CivilDate;
  readonly horizonDays: number;
  /** Today's bookable weekdays (ISO, 1 = Monday); a later policy may change them, see bookableDates. */
  readonly bookableWeekdays: readonly number[];
  /** Every bookable day of the window, in order: the exact answer, whatever policies start inside it. */
  readonly bookableDates: readonly CivilDate[];
}

function rulesOn(input: WindowRules, date: CivilDate): WindowFields {
  return 'policies' in input ? effectivePolicy(input.policies, date).rules : input.rules;
}

/**
 * A day can be booked from today (site time) up to today + today's horizon, on a weekday bookable that day.
 * "Today" is the site's civil date, so a person in UTC+10 booking at 07:30 their time books Brussels' yesterday-or-today.
 */
export function checkBookingWindow(input: WindowInput): Refusal | null {
  const today = civilDateOf(input.now, input.timeZone);
  const horizonDays = rulesOn(input, today).horizonDays;
  const bookableWeekdays = input.date >= today ? rulesOn(input, input.date).bookableWeekdays : rulesOn(input, today).bookableWeekdays;
  const base = {
    code: 'OUTSIDE_WINDOW' as const,
    date: input.date,
    today,
    lastBookableDate: addDays(today, horizonDays),
    horizonDays,
    bookableWeekdays,
  };
  if (input.date < today) return refusal({ ...base, reason: 'past' });
  if (daysBetween(today, input.date) > horizonDays) return refusal({ ...base, reason: 'beyond-horizon' });
  if (!bookableWeekdays.includes(isoWeekday(input.date))) return refusal({ ...base, reason: 'weekday' });
  return null;
}

/** The booking window of a site at an instant: what the bot, the tab and the rules all read. */
export function bookingWindow(input: WindowAt): BookingWindow {
  const today = civilDateOf(input.now, input.timeZone);
  const rules = rulesOn(input, today);
  const bookableDates: CivilDate[] = [];
  for (let i = 0; i <= rules.horizonDays; i++) {
    const d = addDays(today, i);
    if (rulesOn(input, d).bookableWeekdays.includes(isoWeekday(d))) bookableDates.push(d);
  }
  return {
    today,
    firstBookableDate: today,
    lastBookableDate: addDays(today, rules.horizonDays),
    horizonDays: rules.horizonDays,
    bookableWeekdays: rules.bookableWeekdays,
    bookableDates,
  };
}

/** The bookable days of the window, in order, starting today. */
export function bookableDays(input: WindowAt): CivilDate[] {
  return [...bookingWindow(input).bookableDates];
}
