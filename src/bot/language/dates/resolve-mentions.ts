import { addDays } from '../../../domain/civil-date';
import type { CivilDate } from '../../../domain/model';
import { civil, daysFrom, mondayOf, nearestMonthDayUnlessPast, nearestUnlessPast, onOrAfter, weekdayOnOrAfter, ymdOf } from './calendar-days';
import type { Mention, Point, PointMention } from './date-mentions';
import { DAY_NUMBER_TAIL, RANGE_WORD } from './date-patterns';

// Turning mentions into civil dates: points, ends of ranges, and day numbers that share a month ("3, 4 and 5
// December").

export interface Resolver {
  readonly today: CivilDate;
  /** "next week Tuesday": weekdays fall in this ISO week or the next one. */
  readonly week?: 'this' | 'next';
  /** "Tuesday in December": weekdays fall on or after this day (the month's first day, or today). */
  readonly weekdayFloor?: CivilDate;
}

export function resolvePoint(point: Point, r: Resolver): CivilDate | undefined {
  switch (point.kind) {
    case 'fixed':
      return point.date;
    case 'day':
      if (point.year !== undefined) return civil(point.year, point.month, point.day);
      return nearestUnlessPast(point.month, point.day, r.today);
    case 'monthday':
      return nearestMonthDayUnlessPast(point.day, r.today);
    case 'weekday':
      if (r.week !== undefined && !point.strictlyAfterToday) {
        const monday = addDays(mondayOf(r.today), r.week === 'next' ? 7 : 0);
        return addDays(monday, point.weekday - 1);
      }
      return weekdayOnOrAfter(r.weekdayFloor ?? r.today, point.weekday, point.strictlyAfterToday);
  }
}

/** The end of a range, read from its start on: "Friday to Monday" ends the Monday after, "28 Dec to 3 Jan" next year. */
function resolveEnd(point: Point, start: CivilDate): CivilDate | undefined {
  switch (point.kind) {
    case 'fixed':
      return point.date;
    case 'day':
      if (point.year !== undefined) return civil(point.year, point.month, point.day);
      return onOrAfter(point.month, point.day, start);
    case 'monthday': {
      const s = ymdOf(start);
      for (let k = 0; k < 3; k += 1) {
        const month = ((s.month - 1 + k) % 12) + 1;
        const year = s.year + Math.floor((s.month - 1 + k) / 12);
        const d = civil(year, month, point.day);
        if (d !== undefined && d >= start) return d;
      }
      return undefined;
    }
    case 'weekday':
      return weekdayOnOrAfter(start, point.weekday, false);
  }
}

export function resolveRange(from: Point, to: Point, r: Resolver): CivilDate[] {
  const start = resolvePoint(from, r);
  if (start === undefined) return [];
  const end = resolveEnd(to, start);
  if (end === undefined) return [start];
  return end < start ? daysFrom(end, start) : daysFrom(start, end);
}

export function isPoint(m: Mention): m is PointMention {
  return m.kind === 'day' || m.kind === 'weekday' || m.kind === 'fixed' || m.kind === 'monthday';
}

export function isRepeat(m: Mention): boolean {
  return (m.kind === 'weekday' && m.repeat) || m.kind === 'every-day';
}

const RANGE_WORD_ONLY = new RegExp(`^${RANGE_WORD}$`);

/** Day numbers written before a dated mention, sharing its month: "le 3 et le 5 décembre", "3 t/m 5 december". */
export function dayNumbersBefore(
  text: string,
  from: number,
  upTo: number,
): Array<{ day: number; range: boolean; start: number }> {
  const numbers: Array<{ day: number; range: boolean; start: number }> = [];
  let prefix = text.slice(from, upTo);
  for (let guard = 0; guard < 31; guard += 1) {
    const m = DAY_NUMBER_TAIL.exec(prefix);
    if (!m) break;
    numbers.unshift({
      day: Number(m[1]),
      range: RANGE_WORD_ONLY.test((m[2] ?? '').trim()),
      start: from + m.index,
    });
    prefix = prefix.slice(0, m.index);
  }
  return numbers;
}

/** The dates of "3, 4 and 5 December" or "3 t/m 5 december" besides the anchor itself. */
export function expandDayNumbers(
  numbers: ReadonlyArray<{ day: number; range: boolean; start: number }>,
  anchor: CivilDate,
  onInvalid: (start: number) => void,
): CivilDate[] {
  const a = ymdOf(anchor);
  const out: CivilDate[] = [];
  let previous: CivilDate | undefined;
  let previousIsRangeStart = false;
  for (const n of numbers) {
    // "28 to 3 January": a number above the anchor's day belongs to the month before.
    const date =
      n.day <= a.day
        ? civil(a.year, a.month, n.day)
        : a.month === 1
          ? civil(a.year - 1, 12, n.day)
          : civil(a.year, a.month - 1, n.day);
    if (date === undefined) {
      onInvalid(n.start);
      previous = undefined;
      continue;
    }
    if (previous !== undefined && previousIsRangeStart) out.push(...daysFrom(previous, date));
    out.push(date);
    previous = date;
    previousIsRangeStart = n.range;
  }
  if (previous !== undefined && previousIsRangeStart) out.push(...daysFrom(previous, anchor));
  return out;
}

// Greetings and times of day that chrono-node would read as "tomorrow".
const NOT_DATES =
  /\b(?:guten|goede|good)\s+morgen\b|\bgoedemorgen\b|\b(?:am|jeden|diesen|des)\s+morgens?\b|'s\s+morgens\b/g;

export function blankNonDates(text: string): string {
  return text.replace(NOT_DATES, (m) => ' '.repeat(m.length));
}
