/**
 * Civil dates (YYYY-MM-DD) and wall-clock times (HH:MM) in a site's IANA time zone.
 *
 * A booking day is a civil date in the site's zone, not a 24-hour span of UTC. Day arithmetic is
 * therefore done on calendar dates; instants are only converted to and from wall-clock readings
 * through the zone's rules (Intl), so DST switches never shift a booking to another day.
 */
import type { CivilDate } from './model';

const CIVIL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const MINUTES_PER_DAY = 1_440;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

/** Instants whose civil date is within years 0001–9999 in every zone (offsets stay under a day). */
const MIN_INSTANT_MS = ymdToUtcMs(MIN_YEAR, 1, 2);
const MAX_INSTANT_MS = ymdToUtcMs(MAX_YEAR, 12, 31) - 1;

interface YearMonthDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** True when `s` is a real calendar date written exactly YYYY-MM-DD (years 0001–9999). */
export function isCivilDate(s: unknown): s is CivilDate {
  return typeof s === 'string' && parseCivilDate(s) !== undefined;
}

/** True when the runtime knows `tz` as an IANA time zone (e.g. Europe/Brussels, UTC). */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.length === 0) return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** True when `s` is a wall-clock time written exactly HH:MM, from 00:00 to 23:59. */
export function isHhMm(s: unknown): boolean {
  return typeof s === 'string' && HH_MM_PATTERN.test(s);
}

/** The civil date shown by calendars in `timeZone` at `instant`. */
export function civilDateOf(instant: Date, timeZone: string): CivilDate {
  // Every request asks "what day is it at the site" several times; the answer only changes on a minute boundary
  // (offsets are whole minutes), so the last answer per zone is kept for its minute.
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastDates.get(timeZone);
  if (last && last.minute === minute) return last.date;
  const date = localTimeOf(instant, timeZone).date;
  lastDates.set(timeZone, { minute, date });
  return date;
}

const lastDates = new Map<string, { minute: number; date: CivilDate }>();

/** The wall-clock reading in `timeZone` at `instant`, to the minute. */
export function localTimeOf(
  instant: Date,
  timeZone: string,
): { date: CivilDate; minutesOfDay: number; hhmm: string } {
  const ms = requireInstant(instant);
  const wall = wallClockOf(ms, requireTimeZone(timeZone));
  const minutesOfDay = wall.hour * 60 + wall.minute;
  return { date: formatYmd(wall), minutesOfDay, hhmm: formatHhMm(minutesOfDay) };
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` at `hhmm`.
 *
 * When that reading never happens (the hour skipped when clocks spring forward), the result lies as
 * far past the switch as the reading lies past the switch time: 02:30 on a night when 02:00 jumps to
 * 03:00 gives 03:30. A reminder or check-in deadline set in the skipped hour then still fires on that
 * day, shortly after the switch, rather than being lost or firing before the time people chose.
 * When the reading happens twice (the hour repeated when clocks fall back), the first one is
 * returned, so a deadline is never an hour later than people expect.
 */
export function zonedInstant(date: CivilDate, hhmm: string, timeZone: string): Date {
  const ymd = requireCivilDate(date);
  const minutes = requireHhMm(hhmm);
  const tz = requireTimeZone(timeZone);

  // The wanted reading, written as if it were a UTC instant; subtracting the zone's offset gives the instant.
  const wanted = ymdToUtcMs(ymd.year, ymd.month, ymd.day) + minutes * MS_PER_MINUTE;

  // A zone's offset changes at most once within a day either side of a wall reading, so the offsets
  // in force a day before and a day after are the only ones that can produce it.
  const offsetBefore = offsetAt(wanted - MS_PER_DAY, tz);
  const offsetAfter = offsetAt(wanted + MS_PER_DAY, tz);
  const matches = [offsetBefore, offsetAfter]
    .map((offset) => wanted - offset)
    .filter((candidate) => wallClockMs(candidate, tz) === wanted);

  if (matches.length > 0) return new Date(Math.min(...matches));
  // Skipped reading: keep the offset from before the switch, which lands just as far past it.
  return new Date(wanted - offsetBefore);
}

/** The first instant of `date` in `timeZone`: midnight, or the first minute after a skip at midnight. */
export function startOfDay(date: CivilDate, timeZone: string): Date {
  return zonedInstant(date, '00:00', timeZone);
}

/** The civil date `n` calendar days after `date` (before it when `n` is negative). */
export function addDays(date: CivilDate, n: number): CivilDate {
  const ymd = requireCivilDate(date);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`Invalid day count ${describe(n)}: expected a whole number of days`);
  }
  const result = utcMsToYmd(ymdToUtcMs(ymd.year, ymd.month, ymd.day + n));
  if (result.year < MIN_YEAR || result.year > MAX_YEAR) {
    throw new RangeError(`Adding ${n} days to ${date} leaves the supported years ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return formatYmd(result);
}

/** How many calendar days `to` is after `from`; negative when it is before. */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return epochDay(requireCivilDate(to)) - epochDay(requireCivilDate(from));
}

/** ISO weekday of `date`: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  return isoWeekdayOf(requireCivilDate(date));
}

/**
 * The ISO-8601 week of `date`, written YYYY-Www. Weekly quotas count Monday to Sunday, and a week
 * belongs to the year of its Thursday, so the days around New Year can carry the other year's number.
 */
export function isoWeek(date: CivilDate): string {
  const { year, week } = isoWeekOf(requireCivilDate(date));
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}

/** The seven civil dates, Monday to Sunday, of an ISO week written YYYY-Www. */
export function isoWeekDates(isoWeekKey: string): CivilDate[] {
  const match = typeof isoWeekKey === 'string' ? ISO_WEEK_PATTERN.exec(isoWeekKey) : null;
  const year = Number(match?.[1]);
  const week = Number(match?.[2]);
  if (!match || year < MIN_YEAR || year > MAX_YEAR || week < 1 || week > isoWeeksInYear(year)) {
    throw new RangeError(
      `Invalid ISO week ${describe(isoWeekKey)}: expected YYYY-Www with a week that exists in that year, e.g. 2026-W49`,
    );
  }
  // Week 1 is the week that holds 4 January.
  const jan4 = { year, month: 1, day: 4 };
  const mondayOfWeek1 = 4 - (isoWeekdayOf(jan4) - 1);
  const dates: CivilDate[] = [];
  for (let i = 0; i < 7; i += 1) {
    dates.push(formatYmd(utcMsToYmd(ymdToUtcMs(year, 1, mondayOfWeek1 + (week - 1) * 7 + i))));
  }
  return dates;
}

/** Negative when `a` is before `b`, 0 when equal, positive when after; usable with Array.sort. */
export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  requireCivilDate(a);
  requireCivilDate(b);
  // Fixed-width YYYY-MM-DD sorts chronologically as text.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Minutes since midnight (0–1439) written as HH:MM. */
export function formatHhMm(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= MINUTES_PER_DAY) {
    throw new RangeError(
      `Invalid minutes of day ${describe(minutes)}: expected a whole number from 0 (00:00) to 1439 (23:59)`,
    );
  }
  return `${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
}

// ---------------------------------------------------------------------------------------------
// Validation

function requireCivilDate(date: unknown): YearMonthDay {
  const ymd = typeof date === 'string' ? parseCivilDate(date) : undefined;
  if (!ymd) {
    throw new RangeError(
      `Invalid civil date ${describe(date)}: expected an existing calendar date written YYYY-MM-DD, e.g. 2026-12-03`,
    );
  }
  return ymd;
}

function requireHhMm(hhmm: unknown): number {
  const match = typeof hhmm === 'string' ? HH_MM_PATTERN.exec(hhmm) : null;
  if (!match) {
    throw new RangeError(`Invalid time ${describe(hhmm)}: expected HH:MM from 00:00 to 23:59, e.g. 08:30`);
  }
  return Number(match[1]) * 60 + Number(match[2]);
}

function requireTimeZone(timeZone: unknown): string {
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
    throw new RangeError(
      `Invalid time zone ${describe(timeZone)}: expected an IANA time zone name, e.g. Europe/Brussels`,
    );
  }
  return timeZone;
}

function requireInstant(instant: unknown): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms) || ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) {
    throw new RangeError(
      `Invalid instant ${describe(instant)}: expected a valid Date between years ${MIN_YEAR} and ${MAX_YEAR}`,
    );
  }
  return ms;
}

function parseCivilDate(s: string): YearMonthDay | undefined {
  const match = CIVIL_DATE_PATTERN.exec(s);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
}

function describe(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on civil dates, through UTC midnights (UTC has no DST, so days are equal).

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** UTC midnight of a calendar date; `day` may overflow the month, as with Date.UTC. */
function ymdToUtcMs(year: number, month: number, day: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear takes the year as written.
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function utcMsToYmd(ms: number): YearMonthDay {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function epochDay(ymd: YearMonthDay): number {
  return Math.round(ymdToUtcMs(ymd.year, ymd.month, ymd.day) / MS_PER_DAY);
}

function isoWeekdayOf(ymd: YearMonthDay): number {
  const sundayIsZero = new Date(ymdToUtcMs(ymd.year, ymd.month, ymd.day)).getUTCDay();
  return sundayIsZero === 0 ? 7 : sundayIsZero;
}

function isoWeekOf(ymd: YearMonthDay): { year: number; week: number } {
  const thursday = utcMsToYmd(ymdToUtcMs(ymd.year, ymd.month, ymd.day + 4 - isoWeekdayOf(ymd)));
  const dayOfYear = epochDay(thursday) - epochDay({ year: thursday.year, month: 1, day: 1 }) + 1;
  return { year: thursday.year, week: Math.floor((dayOfYear - 1) / 7) + 1 };
}

/** 28 December is always in the last ISO week of its year. */
function isoWeeksInYear(year: number): number {
  return isoWeekOf({ year, month: 12, day: 28 }).week;
}

function formatYmd(ymd: YearMonthDay): CivilDate {
  return `${pad(ymd.year, 4)}-${pad(ymd.month, 2)}-${pad(ymd.day, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// ---------------------------------------------------------------------------------------------
// Wall clocks in a zone, read through Intl.

interface WallClock extends YearMonthDay {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError when the runtime does not know `timeZone`. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockOf(ms: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  let beforeCommonEra = false;
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type === 'era') beforeCommonEra = part.value.startsWith('B');
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const field = (name: string): number => {
    const value = fields[name];
    if (value === undefined || !Number.isInteger(value)) {
      throw new Error(
        `Intl.DateTimeFormat gave no usable "${name}" for ${new Date(ms).toISOString()} in ${timeZone}`,
      );
    }
    return value;
  };
  return {
    // Astronomical year numbering (1 BC is year 0), as Date.UTC uses; only reached around year 0001.
    year: beforeCommonEra ? 1 - field('year') : field('year'),
    month: field('month'),
    day: field('day'),
    // Some runtimes write midnight as 24 even with hourCycle h23.
    hour: field('hour') % 24,
    minute: field('minute'),
    second: field('second'),
  };
}

/** The wall-clock reading at `ms`, written as if it were a UTC instant, to the second. */
function wallClockMs(ms: number, timeZone: string): number {
  const wall = wallClockOf(ms, timeZone);
  return (
    ymdToUtcMs(wall.year, wall.month, wall.day) +
    wall.hour * MS_PER_HOUR +
    wall.minute * MS_PER_MINUTE +
    wall.second * MS_PER_SECOND
  );
}

/** The zone's offset from UTC at `ms`, in milliseconds (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const wholeSecond = Math.floor(ms / MS_PER_SECOND) * MS_PER_SECOND;
  return wallClockMs(wholeSecond, timeZone) - wholeSecond;
}
