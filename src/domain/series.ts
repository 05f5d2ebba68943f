import { addDays, daysBetween, isCivilDate, isoWeekday } from './civil-date';
import type { CivilDate } from './model';

/**
 * A recurring series: "every Tuesday and Thursday until 31 January". It is a list of ordinary day bookings that share
 * a series id; each day is decided by the ordinary rules, so the series itself holds no rule of its own beyond which
 * days it names.
 */

/** A year at most: a series longer than that outlives its policies, and the row holding its days stays small. */
export const MAX_SERIES_SPAN_DAYS = 366;

export type SeriesEvery = 1 | 2;

export interface SeriesSpec {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly weekdays: readonly number[];
  /** Every week (1) or every other week (2), counted from the week of `from`. */
  readonly every: SeriesEvery;
  readonly from: CivilDate;
  readonly until: CivilDate;
}

/** Why a spec cannot be a series, naming the field: the caller is told which one in their language. */
export interface SeriesSpecProblem {
  readonly field: 'weekdays' | 'every' | 'from' | 'until';
  readonly reason: 'empty' | 'not-a-weekday' | 'not-a-date' | 'before-from' | 'too-long' | 'not-1-or-2';
}

export function checkSeriesSpec(spec: SeriesSpec): SeriesSpecProblem | null {
  if (spec.weekdays.length === 0) return { field: 'weekdays', reason: 'empty' };
  if (!spec.weekdays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) return { field: 'weekdays', reason: 'not-a-weekday' };
  if (spec.every !== 1 && spec.every !== 2) return { field: 'every', reason: 'not-1-or-2' };
  if (!isCivilDate(spec.from)) return { field: 'from', reason: 'not-a-date' };
  if (!isCivilDate(spec.until)) return { field: 'until', reason: 'not-a-date' };
  const span = daysBetween(spec.from, spec.until);
  if (span < 0) return { field: 'until', reason: 'before-from' };
  if (span >= MAX_SERIES_SPAN_DAYS) return { field: 'until', reason: 'too-long' };
  return null;
}

function mondayOf(date: CivilDate): CivilDate {
  return addDays(date, 1 - isoWeekday(date));
}

/**
 * The days a series names, in order: each day from `from` to `until` (inclusive) on one of its weekdays, in the
 * weeks it covers. "Every other" counts calendar weeks from the week of `from`, so the first named day is in it.
 * Throws on a spec that `checkSeriesSpec` refuses.
 */
export function seriesDates(spec: SeriesSpec): CivilDate[] {
  const problem = checkSeriesSpec(spec);
  if (problem) throw new RangeError(`Not a series: ${problem.field} ${problem.reason}`);
  const weekdays = new Set(spec.weekdays);
  const firstMonday = mondayOf(spec.from);
  const out: CivilDate[] = [];
  for (let d = spec.from; d <= spec.until; d = addDays(d, 1)) {
    if (!weekdays.has(isoWeekday(d))) continue;
    const week = daysBetween(firstMonday, mondayOf(d)) / 7;
    if (week % spec.every === 0) out.push(d);
  }
  return out;
}

export type SeriesDayState = 'pending' | 'booked' | 'refused' | 'cancelled';

/** One named day of a series and what became of it. */
export interface SeriesDay {
  readonly date: CivilDate;
  readonly state: SeriesDayState;
  /** The day's booking, once booked. */
  readonly bookingId?: string;
  /** Why the day was refused: a refusal code, or NO_FREE_DESK when no desk matched a series without a desk. */
  readonly code?: string;
}

export interface Series extends SeriesSpec {
  readonly id: string;
  readonly userId: string;
  readonly userName?: string;
  readonly siteId: string;
  /** The desk asked for; without it each day gets the desk the rules suggest. */
  readonly deskId?: string;
  /** Without a desk: only desks of this zone are suggested. */
  readonly zoneId?: string;
  /** Without a desk: only desks with all of these features are suggested. */
  readonly attributes?: readonly string[];
  readonly createdAt: string;
  readonly days: readonly SeriesDay[];
}

/** Days a series still has to try, in order: pending ones the booking window reaches by `lastBookableDate`. */
export function dueDays(series: Pick<Series, 'days'>, lastBookableDate: CivilDate): CivilDate[] {
  return series.days.filter((d) => d.state === 'pending' && d.date <= lastBookableDate).map((d) => d.date);
}

/**
 * Cancels a series from a day on: its pending days from `from` become cancelled, and the booked ones are returned so
 * that their bookings are cancelled by the ordinary rule. Days before `from` stay as they are.
 */
export function cancelFrom(series: Series, from: CivilDate): { series: Series; bookingsToCancel: string[] } {
  const bookingsToCancel: string[] = [];
  const days = series.days.map((d): SeriesDay => {
    if (d.date < from || d.state === 'cancelled' || d.state === 'refused') return d;
    if (d.state === 'booked' && d.bookingId) bookingsToCancel.push(d.bookingId);
    return { date: d.date, state: 'cancelled', ...(d.bookingId && { bookingId: d.bookingId }) };
  });
  return { series: { ...series, days }, bookingsToCancel };
}

/** Records a day's outcome on a series; an outcome for a day the series cancelled meanwhile is not recorded. */
export function withDayOutcome(series: Series, outcome: SeriesDay): { series: Series; cancelledMeanwhile: boolean } {
  let cancelledMeanwhile = false;
  const days = series.days.map((d) => {
    if (d.date !== outcome.date) return d;
    if (d.state === 'cancelled') {
      cancelledMeanwhile = true;
      return d;
    }
    return outcome;
  });
  return { series: { ...series, days }, cancelledMeanwhile };
}
