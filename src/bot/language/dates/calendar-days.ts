import { addDays, daysBetween, isCivilDate, isoWeekday } from '../../../domain/civil-date';
import type { CivilDate } from '../../../domain/model';
import { MONTH_NAMES } from '../date-words';
import type { Ymd } from './date-mentions';
import { MONTH_NAME_ALT } from './date-patterns';

// Calendar arithmetic on civil dates for reading days: the nearest such day, weeks, month ends.

/** The longest span a range or a repeat may cover, and the most dates one message may name. */
export const MAX_EXPANSION_DAYS = 31;


function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function civil(year: number, month: number, day: number): CivilDate | undefined {
  const s = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  return year >= 1 && year <= 9999 && isCivilDate(s) ? s : undefined;
}

export function ymdOf(date: CivilDate): Ymd {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** The first date on or after `notBefore` with this month and day (years tried for 29 February). */
export function onOrAfter(month: number, day: number, notBefore: CivilDate): CivilDate | undefined {
  const first = ymdOf(notBefore).year;
  for (let year = first; year <= first + 8; year += 1) {
    const candidate = civil(year, month, day);
    if (candidate !== undefined && candidate >= notBefore) return candidate;
  }
  return undefined;
}

/**
 * A date written without a year means its nearest occurrence: "3 January" said in December is next January, but
 * "18 November" said on 19 November is the day that just went, which is past (undefined), never next year's.
 */
export function nearestUnlessPast(month: number, day: number, today: CivilDate): CivilDate | undefined {
  const year = ymdOf(today).year;
  let best: CivilDate | undefined;
  for (let y = year - 4; y <= year + 4; y += 1) {
    const d = civil(y, month, day);
    if (d === undefined) continue;
    if (best === undefined || Math.abs(daysBetween(today, d)) < Math.abs(daysBetween(today, best))) best = d;
  }
  return best !== undefined && best >= today ? best : undefined;
}

/**
 * "the 15th": this month's while it is still ahead; once gone, next month's if it went by more than half a month
 * ago, and past (so the bot asks) if it has only just gone.
 */
export function nearestMonthDayUnlessPast(day: number, today: CivilDate): CivilDate | undefined {
  const t = ymdOf(today);
  const thisMonth = civil(t.year, t.month, day);
  if (thisMonth !== undefined && thisMonth >= today) return thisMonth;
  let best: CivilDate | undefined;
  for (let k = -1; k <= 2; k += 1) {
    const month = ((t.month - 1 + k + 12) % 12) + 1;
    const year = t.year + Math.floor((t.month - 1 + k) / 12);
    const d = civil(year, month, day);
    if (d === undefined) continue;
    if (best === undefined || Math.abs(daysBetween(today, d)) < Math.abs(daysBetween(today, best))) best = d;
  }
  return best !== undefined && best >= today ? best : undefined;
}

export function weekdayOnOrAfter(from: CivilDate, weekday: number, strictly: boolean): CivilDate {
  let ahead = (weekday - isoWeekday(from) + 7) % 7;
  if (ahead === 0 && strictly) ahead = 7;
  return addDays(from, ahead);
}

export function mondayOf(date: CivilDate): CivilDate {
  return addDays(date, 1 - isoWeekday(date));
}

/**
 * "until the end of January", "jusqu'à fin janvier", "tot eind januari", "bis Ende Januar": the end is that month's last
 * day, written over the words as a day and month ("31 january") that the day-month reading then takes. The text keeps
 * its length (the rest is blanked), so every position still points at the words the person typed. The month is the
 * next one of that name from today, as for "in January".
 */
const MONTH_END = new RegExp(
  `(\\b(?:until|till|til|up\\s+to|through|to|jusqu\\s?'?\\s?(?:au|a)|tot(?:\\s+en\\s+met)?|t/m|bis(?:\\s+(?:zum|zur))?)\\s+)((?:the\\s+)?end\\s+of|(?:la\\s+)?fin(?:\\s+de|\\s+d\\s?')?|einde?(?:\\s+van)?|ende)\\s+(${MONTH_NAME_ALT})\\b`,
  'g',
);

export function monthEndsAsDays(text: string, today: CivilDate): string {
  const t = ymdOf(today);
  return text.replace(MONTH_END, (whole, until: string, _end: string, name: string) => {
    const month = MONTH_NAMES.get(name);
    if (month === undefined) return whole;
    const last = lastDayOfMonth(month >= t.month ? t.year : t.year + 1, month);
    const written = `${until}${Number(last.slice(8))} ${name}`;
    return written.padEnd(whole.length, ' ');
  });
}

export function lastDayOfMonth(year: number, month: number): CivilDate {
  const nextMonthFirst = month === 12 ? civil(year + 1, 1, 1) : civil(year, month + 1, 1);
  return addDays(nextMonthFirst ?? `${pad(year, 4)}-12-31`, -1);
}

export function daysFrom(from: CivilDate, to: CivilDate): CivilDate[] {
  const last = daysBetween(from, to) >= MAX_EXPANSION_DAYS ? addDays(from, MAX_EXPANSION_DAYS - 1) : to;
  const out: CivilDate[] = [];
  for (let d = from; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}
