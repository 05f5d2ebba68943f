/**
 * The booking days a message names, as civil dates (YYYY-MM-DD) in the site's time zone.
 *
 * How a day is resolved:
 * - `today` is the site's civil date at the message's instant (the caller works it out with Intl, see
 *   parse-message.ts). Everything else is calendar arithmetic on civil dates, never milliseconds.
 * - A weekday means the next such day **on or after today**: "Thursday" said on a Thursday is today, because
 *   people who write "book a desk Thursday" on a Thursday morning mean this morning. "next Thursday" (and
 *   "jeudi prochain", "volgende donderdag", "nächsten Donnerstag") is the next one **after** today.
 * - "next week Tuesday" is the Tuesday of the next ISO week (Monday to Sunday); "next week" alone is Monday to
 *   Friday of that week, and "this week" alone is today to Friday.
 * - A date without a year is its nearest occurrence: "3 January" said in December is next January's, but
 *   "2 December" said on 3 December is the day that just went, handed back as unparsed (the bot asks), never
 *   next year's. "the 15th" ("le 15", "de 15e", "am 15.") likewise, within a month either side.
 * - Short weekdays ("Tu", "jeu.", "di", "Mo-Mi") are read in the message's language; exclusions ("except",
 *   "sauf", "behalve", "außer") take their days out; "every other Tuesday" is every second week.
 * - Past days ("yesterday", "last Monday"), lengths with no start ("for 3 days") and feasts ("Christmas") are
 *   handed back as unparsed, so that the bot asks instead of booking some other day.
 * - Numbers are read day first ("3/12", "3.12.", "3-12" are the 3rd of December) in every language, English
 *   included: the service is in Belgium, where en-GB habits apply.
 * - Ranges ("Monday to Wednesday", "du 3 au 5 décembre") expand to every day in between; lists ("Tuesday and
 *   Thursday") give each day; repeats ("every Tuesday in December", "dienstags") give every such day from
 *   today on, within the named month, "this/next month", an "until …" day, or else the next 31 days.
 *   "every day" means every working day, Monday to Friday.
 * - An expansion never spans more than 31 days, and at most 31 dates are returned, sorted and without repeats.
 *
 * chrono-node reads the single dates it knows well in the message's language ("3 Dec", "December 3rd", "le 1er
 * décembre", "3. Dezember", "in two weeks", "3 to 5 December"). Our own rules read what chrono 2.10.3 gets wrong
 * or cannot know, each one found by trying it: weekdays (with forwardDate, chrono keeps today's weekday before
 * noon and moves it a week on after noon), "day after tomorrow" (chrono: tomorrow), "après-demain" (demain),
 * "overmorgen" (nothing), "next week Tuesday" (this week's Tuesday), "am 3.12." (nothing), "3/12" in English
 * (12 March), "desk 3.12" (03:12), "3 t/m 5 december" (only the 5th), "le 3 et le 5 décembre" (03:00 and the
 * 5th), repeats, and "Guten Morgen, morgen früh" (tomorrow, and "fr" as Friday).
 */
import * as chrono from 'chrono-node';
import { addDays, daysBetween, isCivilDate, isoWeekday } from '../../domain/civil-date';
import type { CivilDate } from '../../domain/model';
import type { Locale } from '../../i18n/messages';
import {
  DAY_CUE,
  DURATION_PATTERN,
  EXCLUDE_MARKER,
  MONTH_NAMES,
  MONTH_WORDS,
  PAST_DAY_PATTERN,
  PAST_WEEKDAY_PATTERN,
  UNPLACEABLE_DAY_PATTERN,
  RELATIVE_DAY_PATTERNS,
  SHORT_WEEKDAYS,
  SHORT_WEEKDAY_WEAK,
  WEEKDAY_WORDS,
  alternation,
} from './date-words';
import { sourceSlice, type FoldedText } from './fold-text';

/** The longest span a range or a repeat may cover, and the most dates one message may name. */
export const MAX_EXPANSION_DAYS = 31;

/**
 * A repeat with no week or range around it ("every Tuesday and Thursday until 31 January", "elke maandag", "un mardi
 * sur deux"): a recurring series. `from` is the first day it names; `until` is absent when the text gave no end.
 */
export interface SeriesReading {
  readonly weekdays: number[];
  readonly every: 1 | 2;
  readonly from: CivilDate;
  readonly until?: CivilDate;
}

export interface DateExtraction {
  /** Sorted, without repeats, at most MAX_EXPANSION_DAYS. */
  dates: CivilDate[];
  /** Set when the days named are a recurring series; `dates` then holds its first days. */
  series?: SeriesReading;
  /** Date-like text that could not be resolved (e.g. "31 février", "45/13", "yesterday"), as typed. */
  unparsedText?: string;
}

export interface DateContext {
  /** The site's civil date at the message's instant. */
  readonly today: CivilDate;
  /** The message's language: which chrono-node parser reads it. */
  readonly locale: Locale;
}

interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A calendar day the text names; the year is filled in later when the text did not give one. */
interface DayPoint {
  readonly kind: 'day';
  readonly month: number;
  readonly day: number;
  readonly year?: number;
  /** Written with a month (name or number): day numbers before it ("3 and 5 December") share its month. */
  readonly anchorsDayNumbers: boolean;
}

interface WeekdayPoint {
  readonly kind: 'weekday';
  readonly weekday: number;
  /** "next Thursday": strictly after today. */
  readonly strictlyAfterToday: boolean;
  repeat: boolean;
  /** "every other Tuesday": every second week from the first one. */
  readonly everyOther?: boolean;
}

interface FixedPoint {
  readonly kind: 'fixed';
  readonly date: CivilDate;
}

/** A day of the month without a month: "on the 15th", "le 15", "de 15e", "am 15.". */
interface MonthDayPoint {
  readonly kind: 'monthday';
  readonly day: number;
}

type Point = DayPoint | WeekdayPoint | FixedPoint | MonthDayPoint;

type Mention =
  | ({ start: number; end: number; source: 'own' | 'chrono' } & Point)
  | { kind: 'range'; start: number; end: number; source: 'chrono'; from: DayPoint; to: DayPoint }
  | { kind: 'week'; start: number; end: number; source: 'own'; which: 'this' | 'next' }
  | {
      kind: 'month';
      start: number;
      end: number;
      source: 'own';
      month: number;
      year?: number;
    }
  | { kind: 'every-day'; start: number; end: number; source: 'own' }
  | { kind: 'unparsed'; start: number; end: number; source: 'own' };

type PointMention = Extract<Mention, { kind: 'day' | 'weekday' | 'fixed' | 'monthday' }>;

// ---------------------------------------------------------------------------------------------
// Patterns (on folded text: lower case, no accents)

const WEEKDAY_ALT = alternation(WEEKDAY_WORDS.keys());
const MONTH_ALT = alternation(MONTH_WORDS.keys());
const MONTH_NAME_ALT = alternation(MONTH_NAMES.keys());

const REPEAT_MARKER = '(?:every|each|tous\\s+les|toutes\\s+les|chaque|elke|iedere?|jede[nmr]?|alle)';
// "every other Tuesday", "un mardi sur deux", "om de andere dinsdag", "jeden zweiten Dienstag": every second week.
const EVERY_OTHER_MARKER =
  '(?:every\\s+(?:other|second|2nd)|(?:tous|toutes)\\s+les\\s+(?:deux|2)|(?:elke|iedere?)\\s+(?:tweede|2e)|om\\s+de\\s+(?:andere|twee)|(?:jede[nmr]?|alle)\\s+(?:zweite[nmr]?|2\\.))';
const EVERY_OTHER = new RegExp(`^${EVERY_OTHER_MARKER}$`);
const NEXT_MARKER =
  '(?:next|this\\s+coming|coming|volgende|komende|aanstaande|na(?:e)?chste[nmrs]?|kommende[nmrs]?)';
const THIS_MARKER = '(?:this|ce|cette|deze|diese[nmrs]?)';
const WEEKDAY_PATTERN = new RegExp(
  `\\b(?:(${EVERY_OTHER_MARKER}|${REPEAT_MARKER})\\s+)?(?:(${NEXT_MARKER})\\s+|${THIS_MARKER}\\s+)?(${WEEKDAY_ALT})\\b\\.?(?:\\s+(prochaine?|qui\\s+vient|a\\.s\\.?|aanstaande))?`,
  'g',
);
const NEXT_WEEK =
  /\bnext\s+(?:week|wk)\b|\b(?:la\s+)?semaine\s+prochaine\b|\b(?:la\s+)?prochaine\s+semaine\b|\b(?:volgende|komende)\s+week\b|\b(?:in\s+der\s+)?(?:na(?:e)?chste[nr]?|kommende[nr]?)\s+woche\b/g;
const THIS_WEEK = /\bthis\s+week\b|\bcette\s+semaine\b|\bdeze\s+week\b|\b(?:in\s+)?diese[rn]?\s+woche\b/g;
const THIS_MONTH =
  /\bthis\s+month\b|\bce\s+mois(?:[-\s]ci)?\b|\bdeze\s+maand\b|\b(?:in\s+)?diese[mn]?\s+monat\b/g;
const NEXT_MONTH =
  /\bnext\s+month\b|\b(?:le\s+)?mois\s+prochain\b|\b(?:le\s+)?prochain\s+mois\b|\b(?:volgende|komende)\s+maand\b|\b(?:im\s+)?(?:na(?:e)?chste[nm]?|kommende[nm]?)\s+monat\b/g;
// A month on its own is a scope ("every Tuesday in December") only after a preposition; "may" alone is a verb.
const MONTH_SCOPE = new RegExp(
  `\\b(?:in|en|de|du\\s+mois\\s+de|during|throughout|for|pour|voor|tijdens|van|im|fur|fuer|of|in\\s+de\\s+maand)\\s+(${MONTH_NAME_ALT})\\b(?:\\s+(\\d{4})\\b)?`,
  'g',
);
const EVERY_DAY = new RegExp(
  `\\b${REPEAT_MARKER}\\s+(?:working\\s+days?|work\\s?days?|week\\s?days?|days?|jours(?:\\s+ouvrables)?|jour(?:\\s+ouvrable)?|werkdagen|werkdag|dagen|dag|werktage|werktag|tage|tag)\\b|\\bdaily\\b|\\bquotidiennement\\b|\\bdagelijks\\b|\\bta(?:e)?glich\\b`,
  'g',
);

const FRENCH_YESTERDAY = /\bhier\b/g;

const ISO_DATE = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g;
// Day first: 3/12, 03.12., 3-12, 3/12/2026, 3.12.26. The separator is the same throughout.
const NUMERIC_DATE =
  /(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})(?:\2(\d{4}|\d{2})(?![\d]))?(\.)?(?![\d/-]|[.,]\d)/g;
const NOT_A_DATE_AFTER = new RegExp(
  `^\\s*(?:h\\b|uur\\b|uhr\\b|am\\b|pm\\b|m\\b|cm\\b|km\\b|%|€|eur\\b|${MONTH_ALT}\\b)`,
);
const DAY_MONTH = new RegExp(
  `(?<![\\d.,/])(\\d{1,2})(?:st|nd|rd|th|er|e|ste|de)?\\.?\\s*(?:of\\s+|de\\s+)?(${MONTH_ALT})\\b\\.?(?:\\s*,?\\s*(\\d{4})\\b)?`,
  'g',
);
const MONTH_DAY = new RegExp(
  `\\b(${MONTH_ALT})\\.?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\b(?![./-]\\d)(?:\\s*,?\\s*(\\d{4})\\b)?`,
  'g',
);

const RANGE_WORD =
  "(?:to|till|til|until|through|thru|up\\s+to|au|a|jusqu\\s?'?\\s?(?:au|a)|tot(?:\\s+en\\s+met)?|t/m|tm|tem|bis(?:\\s+(?:zum|zur|einschliesslich|und\\s+mit))?|-|->|>)";
const RANGE_GAP = new RegExp(
  `^,?\\s*${RANGE_WORD}(?:\\s+(?:le|the|de|den|der|dem|zum|inclus|inclusive))?\\s*,?$`,
);
const LIST_GAP =
  /^(?:,|and|et|en|und|&|\+|\/|or|ou|of|oder|as\s+well\s+as|ainsi\s+que|plus|\s)*(?:(?:on|le|les|the|de|den|der|am|op|du)\s+)?$/;
const BETWEEN_BEFORE = /\b(?:between|entre|tussen|zwischen)\s*$/;
const AND_GAP = /^(?:and|et|en|und|&)$/;
const UNTIL_BEFORE = new RegExp(
  "\\b(?:until|till|til|up\\s+to|through|jusqu\\s?'?\\s?(?:au|a)|tot(?:\\s+en\\s+met)?|t/m|bis(?:\\s+(?:zum|zur|einschliesslich))?)\\s+(?:(?:le|the|de|den|der|dem)\\s+)?$",
);
const ADJACENT_GAP = /^[\s,]*(?:(?:the|le|den|de|der|dem)\s*)?$/;
// Day numbers before a dated mention: "3, 4 et 5 décembre", "3 t/m 5 december", "3. und 5. Dezember".
const DAY_NUMBER_TAIL = new RegExp(
  `(?:^|[\\s,(])(\\d{1,2})(?:st|nd|rd|th|er|e|ste|de)?\\.?\\s*(,|and|et|en|und|&|\\+|${RANGE_WORD})\\s*(?:(?:le|the|de|den|der|dem|zum)\\s+)?$`,
);

// ---------------------------------------------------------------------------------------------
// Calendar helpers

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function civil(year: number, month: number, day: number): CivilDate | undefined {
  const s = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  return year >= 1 && year <= 9999 && isCivilDate(s) ? s : undefined;
}

function ymdOf(date: CivilDate): Ymd {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** The first date on or after `notBefore` with this month and day (years tried for 29 February). */
function onOrAfter(month: number, day: number, notBefore: CivilDate): CivilDate | undefined {
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
function nearestUnlessPast(month: number, day: number, today: CivilDate): CivilDate | undefined {
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
function nearestMonthDayUnlessPast(day: number, today: CivilDate): CivilDate | undefined {
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

function weekdayOnOrAfter(from: CivilDate, weekday: number, strictly: boolean): CivilDate {
  let ahead = (weekday - isoWeekday(from) + 7) % 7;
  if (ahead === 0 && strictly) ahead = 7;
  return addDays(from, ahead);
}

function mondayOf(date: CivilDate): CivilDate {
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

function monthEndsAsDays(text: string, today: CivilDate): string {
  const t = ymdOf(today);
  return text.replace(MONTH_END, (whole, until: string, _end: string, name: string) => {
    const month = MONTH_NAMES.get(name);
    if (month === undefined) return whole;
    const last = lastDayOfMonth(month >= t.month ? t.year : t.year + 1, month);
    const written = `${until}${Number(last.slice(8))} ${name}`;
    return written.padEnd(whole.length, ' ');
  });
}

function lastDayOfMonth(year: number, month: number): CivilDate {
  const nextMonthFirst = month === 12 ? civil(year + 1, 1, 1) : civil(year, month + 1, 1);
  return addDays(nextMonthFirst ?? `${pad(year, 4)}-12-31`, -1);
}

function daysFrom(from: CivilDate, to: CivilDate): CivilDate[] {
  const last = daysBetween(from, to) >= MAX_EXPANSION_DAYS ? addDays(from, MAX_EXPANSION_DAYS - 1) : to;
  const out: CivilDate[] = [];
  for (let d = from; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Finding mentions

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

class MentionList {
  readonly items: Mention[] = [];

  /** Adds the mention unless it overlaps one already found (earlier finders win). */
  add(mention: Mention): boolean {
    if (mention.end <= mention.start || this.items.some((m) => overlaps(m, mention))) return false;
    this.items.push(mention);
    return true;
  }
}

function findOwnMentions(text: string, today: CivilDate, locale: Locale): MentionList {
  const list = new MentionList();
  const todayYmd = ymdOf(today);

  for (const [pattern, days] of RELATIVE_DAY_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      list.add({ kind: 'fixed', date: addDays(today, days), start, end: start + m[0].length, source: 'own' });
    }
  }
  // Days that went ("yesterday", "last Monday") and lengths without a start ("for 3 days") cannot be booked as
  // said; they are handed back so that the bot asks, instead of booking some other day.
  // "hier" is yesterday in French only; in Dutch it is "here".
  const pastPatterns = locale === 'fr' ? [PAST_DAY_PATTERN, FRENCH_YESTERDAY] : [PAST_DAY_PATTERN];
  for (const pattern of [...pastPatterns, PAST_WEEKDAY_PATTERN, DURATION_PATTERN, UNPLACEABLE_DAY_PATTERN]) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      list.add({ kind: 'unparsed', start, end: start + m[0].length, source: 'own' });
    }
  }
  for (const [pattern, which] of [
    [NEXT_WEEK, 'next'],
    [THIS_WEEK, 'this'],
  ] as const) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      list.add({ kind: 'week', which, start, end: start + m[0].length, source: 'own' });
    }
  }
  for (const [pattern, relative] of [
    [NEXT_MONTH, 'next'],
    [THIS_MONTH, 'this'],
  ] as const) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      const month = relative === 'this' ? todayYmd.month : (todayYmd.month % 12) + 1;
      const year = relative === 'next' && todayYmd.month === 12 ? todayYmd.year + 1 : todayYmd.year;
      list.add({ kind: 'month', month, year, start, end: start + m[0].length, source: 'own' });
    }
  }
  for (const m of text.matchAll(ISO_DATE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (civil(year, month, day) === undefined) list.add({ kind: 'unparsed', start, end, source: 'own' });
    else list.add({ kind: 'day', year, month, day, anchorsDayNumbers: false, start, end, source: 'own' });
  }
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (NOT_A_DATE_AFTER.test(text.slice(end))) continue;
    const day = Number(m[1]);
    const month = Number(m[3]);
    const year = m[4] === undefined ? undefined : m[4].length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    const valid = civil(year ?? 2000, month, day) !== undefined; // 2000 is a leap year: 29/02 stays possible
    if (valid) {
      list.add({
        kind: 'day',
        month,
        day,
        ...(year === undefined ? {} : { year }),
        anchorsDayNumbers: true,
        start,
        end,
        source: 'own',
      });
    } else if (m[2] === '/' || year !== undefined) {
      // Clearly meant as a date ("31/02", "30.02.2027") but no such day. "14.30." is a time: let it be.
      list.add({ kind: 'unparsed', start, end, source: 'own' });
    }
  }
  for (const m of text.matchAll(EVERY_DAY)) {
    const start = m.index ?? 0;
    list.add({ kind: 'every-day', start, end: start + m[0].length, source: 'own' });
  }
  for (const m of text.matchAll(WEEKDAY_PATTERN)) {
    const word = WEEKDAY_WORDS.get(m[3] ?? '');
    if (!word) continue;
    const start = m.index ?? 0;
    // "un mardi sur deux": every other Tuesday.
    const otherTail = /^\s+sur\s+deux\b/.exec(text.slice(start + m[0].length));
    const everyOtherAfter = otherTail !== null;
    list.add({
      kind: 'weekday',
      weekday: word.weekday,
      strictlyAfterToday: m[2] !== undefined || m[4] !== undefined,
      repeat: word.repeat || m[1] !== undefined || everyOtherAfter,
      everyOther: EVERY_OTHER.test(m[1] ?? '') || everyOtherAfter,
      start,
      end: start + m[0].length + (otherTail?.[0].length ?? 0),
      source: 'own',
    });
  }
  for (const m of text.matchAll(MONTH_SCOPE)) {
    const month = MONTH_NAMES.get(m[1] ?? '');
    if (month === undefined) continue;
    // The scope starts at the month word; "in December 3" is a day-month, found later, which replaces it.
    const start = (m.index ?? 0) + m[0].indexOf(m[1] ?? '');
    const end = (m.index ?? 0) + m[0].length;
    const year = m[2] === undefined ? undefined : Number(m[2]);
    list.add({ kind: 'month', month, ...(year === undefined ? {} : { year }), start, end, source: 'own' });
  }
  // Typos of day words ("thrusday", "wednsday", "mecredi", "donderdg", "fretag", "demin", "morgn"): one letter
  // off, swapped, missing or extra. Only where no exact reading took the word.
  for (const m of text.matchAll(/[a-z]{5,}/g)) {
    const start = m.index ?? 0;
    const found = typoOfDayWord(m[0]);
    if (found === undefined) continue;
    const end = start + m[0].length;
    if (found.kind === 'weekday') {
      list.add({ kind: 'weekday', weekday: found.weekday, strictlyAfterToday: false, repeat: false, start, end, source: 'own' });
    } else {
      list.add({ kind: 'fixed', date: addDays(today, found.days), start, end, source: 'own' });
    }
  }
  return list;
}

/** Day-month dates written with a month word; chrono-node reads most of these, this is the safety net. */
function findDayMonths(text: string): Mention[] {
  const found: Mention[] = [];
  const push = (
    start: number,
    end: number,
    day: number,
    monthWord: string,
    yearText: string | undefined,
  ): void => {
    const month = MONTH_WORDS.get(monthWord);
    if (month === undefined) return;
    const year = yearText === undefined ? undefined : Number(yearText);
    if (civil(year ?? 2000, month, day) === undefined) {
      found.push({ kind: 'unparsed', start, end, source: 'own' });
      return;
    }
    found.push({
      kind: 'day',
      month,
      day,
      ...(year === undefined ? {} : { year }),
      anchorsDayNumbers: true,
      start,
      end,
      source: 'own',
    });
  };
  for (const m of text.matchAll(DAY_MONTH)) {
    const start = m.index ?? 0;
    push(start, start + m[0].length, Number(m[1]), m[2] ?? '', m[3]);
  }
  for (const m of text.matchAll(MONTH_DAY)) {
    const start = m.index ?? 0;
    const mention = { start, end: start + m[0].length };
    if (found.some((f) => overlaps(f, mention))) continue;
    push(mention.start, mention.end, Number(m[2]), m[1] ?? '', m[3]);
  }
  return found;
}

const CHRONO_PARSERS: Readonly<Record<Locale, chrono.Chrono>> = {
  // en.GB reads 3/12 as the 3rd of December, as people in Belgium write it.
  en: chrono.en.GB,
  fr: chrono.fr.casual,
  nl: chrono.nl.casual,
  de: chrono.de.casual,
};

function dayPointOf(components: chrono.ParsedComponents): DayPoint | undefined {
  const month = components.get('month');
  const day = components.get('day');
  const year = components.get('year');
  if (month === null || day === null || year === null) return undefined;
  return {
    kind: 'day',
    month,
    day,
    ...(components.isCertain('year') ? { year } : {}),
    anchorsDayNumbers: components.isCertain('month'),
  };
}

/**
 * Single dates as chrono-node reads them. The reference is noon UTC of the site's civil `today`, with a zero
 * offset: chrono's calendar then *is* the site's calendar, its components (year, month, day) are civil dates, and
 * nothing depends on the server's zone. chrono 2.10.3 cannot take an IANA zone (its `timezone` is minutes or an
 * abbreviation, fixed for the whole parse), so an offset taken at the message's instant would be wrong for days
 * across a DST switch; and its `date()` carries that fixed offset, so it is never used. forwardDate is left off:
 * its refiner compares instants shifted by the server's own offset, and the year rule is applied below instead.
 */
function findChronoMentions(text: string, locale: Locale, today: CivilDate): Mention[] {
  const t = ymdOf(today);
  const reference = { instant: new Date(Date.UTC(t.year, t.month - 1, t.day, 12)), timezone: 0 };
  const found: Mention[] = [];
  for (const result of CHRONO_PARSERS[locale].parse(text, reference)) {
    // Only results that name a day: weekdays are ours (see above), bare months and times are not days. A range
    // whose end is not a day ("today until Friday") is left to our own range reading.
    if (!result.start.isCertain('day')) continue;
    if (result.end && !result.end.isCertain('day')) continue;
    const from = dayPointOf(result.start);
    if (!from) continue;
    const start = result.index;
    const end = result.index + result.text.length;
    const to = result.end ? dayPointOf(result.end) : undefined;
    if (to && (to.month !== from.month || to.day !== from.day || to.year !== from.year)) {
      found.push({ kind: 'range', from, to, start, end, source: 'chrono' });
    } else {
      found.push({ ...from, start, end, source: 'chrono' });
    }
  }
  return found;
}

/** Day words long enough that a word one edit away from them is a typo of them, not another word. */
const TYPO_TARGETS: ReadonlyArray<readonly [string, { kind: 'weekday'; weekday: number } | { kind: 'relative'; days: number }]> = [
  ...[...WEEKDAY_WORDS.entries()]
    .filter(([w, v]) => w.length >= 6 && !v.repeat)
    .map(([w, v]) => [w, { kind: 'weekday' as const, weekday: v.weekday }] as const),
  ...(
    [
      ['tomorrow', 1],
      ['demain', 1],
      ['morgen', 1],
      ['overmorgen', 2],
      ['ubermorgen', 2],
      ['apres-demain', 2],
      ['vandaag', 0],
      ['aujourd', 0],
    ] as const
  ).map(([w, days]) => [w, { kind: 'relative' as const, days }] as const),
];
// Real words one edit away from a day word: "morgens" is "in the mornings", "domain" and "morgan" are no days.
const NOT_TYPOS = new Set(['morgens', 'domain', 'morgan', 'sunday', 'monday', 'mondays', 'sundays', 'montage', 'samedis']);

/** The day a misspelt word stands for, if it is one edit (insert, delete, change or swap) from a day word. */
function typoOfDayWord(word: string): { kind: 'weekday'; weekday: number } | { kind: 'relative'; days: number } | undefined {
  if (WEEKDAY_WORDS.has(word) || MONTH_WORDS.has(word) || NOT_TYPOS.has(word)) return undefined;
  for (const [target, meaning] of TYPO_TARGETS) if (oneEditApart(word, target)) return meaning;
  return undefined;
}

function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const SHORT_WEEKDAY_PATTERNS: Readonly<Record<Locale, RegExp>> = (() => {
  const out = {} as Record<Locale, RegExp>;
  for (const locale of Object.keys(SHORT_WEEKDAYS) as Locale[]) {
    out[locale] = new RegExp(`(?<![\\w'])(${alternation(SHORT_WEEKDAYS[locale].keys())})(?![\\w'])(\\.)?`, 'g');
  }
  return out;
})();

const WEEKDAY_JOIN = new RegExp(`^(?:${LIST_GAP.source.slice(1, -1)}|,?\\s*${RANGE_WORD}\\s*)$`);
// "every Tu", "elke di", "jeden zweiten Do", "tous les ma": a short weekday right after a repeat is one for sure.
const REPEAT_BEFORE = new RegExp(`\\b(?:(${EVERY_OTHER_MARKER})|${REPEAT_MARKER})\\s+$`);

/**
 * Short weekday names in the message's language ("Tu and Th", "ma t/m wo", "Mo.-Mi.", "jeu."). A form that is an
 * ordinary word too ("we", "je", "ma", "so") counts only with a dot, after a day cue ("on", "le", "op", "am"), or
 * joined to another weekday by a list or a range; the others count wherever they stand as a word.
 */
function findShortWeekdays(text: string, locale: Locale, taken: readonly Mention[]): Mention[] {
  const forms = SHORT_WEEKDAYS[locale];
  const candidates: Array<{ start: number; end: number; weekday: number; sure: boolean; repeat: boolean; everyOther: boolean }> = [];
  for (const m of text.matchAll(SHORT_WEEKDAY_PATTERNS[locale])) {
    const word = m[1] ?? '';
    const weekday = forms.get(word);
    if (weekday === undefined) continue;
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (taken.some((t) => overlaps(t, { start, end }))) continue;
    // "mar 15" is March the 15th (found as a day-month already), and "15 mar" likewise; "do 3" is not a time.
    if (/^\s*\d/.test(text.slice(end)) && MONTH_WORDS.has(word)) continue;
    const repeat = REPEAT_BEFORE.exec(text.slice(0, start));
    const sure = m[2] !== undefined || !SHORT_WEEKDAY_WEAK.has(word) || DAY_CUE.test(text.slice(0, start)) || repeat !== null;
    candidates.push({ start, end, weekday, sure, repeat: repeat !== null, everyOther: repeat?.[1] !== undefined });
  }
  // A doubtful one joined to a weekday ("ma t/m wo", "we and th") is a weekday too; repeat until nothing changes.
  const weekdays = (): Array<{ start: number; end: number }> => [
    ...taken.filter((t) => t.kind === 'weekday'),
    ...candidates.filter((c) => c.sure),
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of candidates) {
      if (c.sure) continue;
      const joined = weekdays().some((w) => {
        const gap = w.end <= c.start ? text.slice(w.end, c.start) : c.end <= w.start ? text.slice(c.end, w.start) : undefined;
        return gap !== undefined && WEEKDAY_JOIN.test(gap.trim());
      });
      const pair = candidates.some((o) => {
        if (o === c) return false;
        const gap = o.end <= c.start ? text.slice(o.end, c.start) : c.end <= o.start ? text.slice(c.end, o.start) : undefined;
        // "lu ma me", "Mo Di Mi": short forms in a row, with nothing between them, are a list too.
        return gap !== undefined && WEEKDAY_JOIN.test(gap.trim());
      });
      if (joined || pair) {
        c.sure = true;
        changed = true;
      }
    }
  }
  return candidates
    .filter((c) => c.sure)
    .map((c) => ({ kind: 'weekday', weekday: c.weekday, strictlyAfterToday: false, repeat: c.repeat, ...(c.everyOther && { everyOther: true }), start: c.start, end: c.end, source: 'own' }) as Mention);
}

// "on the 15th", "the 15th", "le 15", "le 1er", "de 15e", "op de 15de", "am 15.", "den 15.", "zum 15.".
const MONTH_DAY_ONLY =
  /\b(?:(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)|le\s+(\d{1,2})(?:er|eme)?|(?:op\s+)?de\s+(\d{1,2})(?:e|ste|de)|(?:am|den|zum|ab\s+dem)\s+(\d{1,2})\.)(?![\d.,:/-]|\w)/g;
const NOT_A_MONTH_DAY_AFTER =
  /^\s*(?:h\b|u\b|uur\b|uhr\b|am\b|pm\b|:|\d|%|people|persons|personnes|personen|mensen|leute|desks?|bureaux|bureaus|places|plaatsen|platze|min|minutes?|floor|etage|verdieping|stock)/;

// "jeudi 18", "donderdag 18", "Freitag 18", "Thursday, 17.": a weekday then a bare day number is a day of the month
// (never a count or a time: NOT_A_MONTH_DAY_AFTER), which the weekday restates; only the number is captured here.
const WEEKDAY_THEN_NUMBER = new RegExp(`\\b(?:${WEEKDAY_ALT})\\b\\.?,?\\s+(\\d{1,2})\\.?(?![\\d.,:/-]|\\w)`, 'g');

function findMonthDays(text: string, taken: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  const found = [
    ...[...text.matchAll(MONTH_DAY_ONLY)].map((m) => ({ raw: m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5], start: m.index ?? 0, length: m[0].length })),
    ...[...text.matchAll(WEEKDAY_THEN_NUMBER)].map((m) => {
      const digits = m[1] ?? '';
      const start = (m.index ?? 0) + m[0].lastIndexOf(digits);
      return { raw: digits, start, length: (m.index ?? 0) + m[0].length - start };
    }),
  ];
  for (const { raw, start, length } of found) {
    const day = Number(raw);
    const end = start + length;
    if ([...taken, ...out].some((t) => overlaps(t, { start, end }))) continue;
    if (NOT_A_MONTH_DAY_AFTER.test(text.slice(end))) continue;
    if (day < 1 || day > 31) {
      out.push({ kind: 'unparsed', start, end, source: 'own' });
      continue;
    }
    out.push({ kind: 'monthday', day, start, end, source: 'own' });
  }
  return out;
}

/**
 * Merges the finders: our own rules first; chrono's results where they do not overlap our structural finds, and
 * in place of our own weekday and day-month finds they cover ("Thursday 3 December" is one day).
 */
function collectMentions(text: string, ctx: DateContext): Mention[] {
  const own = findOwnMentions(text, ctx.today, ctx.locale);
  const dayMonths = findDayMonths(text).filter(
    (d) => !own.items.some((m) => overlaps(m, d) && m.kind !== 'month'),
  );
  // A day-month replaces a month scope made of the same words ("in December 3").
  for (const d of dayMonths) {
    for (let i = own.items.length - 1; i >= 0; i -= 1) {
      const m = own.items[i];
      if (m && m.kind === 'month' && overlaps(m, d)) own.items.splice(i, 1);
    }
  }
  let mentions: Mention[] = [...own.items, ...dayMonths];
  let chronoResults: Mention[] = [];
  try {
    chronoResults = findChronoMentions(text, ctx.locale, ctx.today);
  } catch {
    // chrono is a helper: if it fails on some input, our own rules still answer.
  }
  const ownDayMonths = new Set(dayMonths);
  for (const c of chronoResults) {
    const hit = mentions.filter((m) => overlaps(m, c));
    // chrono's reading wins over a plain weekday or day-month it covers ("Thursday 3 December" is one day), and
    // over a relative day it extends ("a week from today"); never over our other finds.
    const replaceable = (m: Mention): boolean =>
      (m.kind === 'weekday' && !m.repeat) ||
      ownDayMonths.has(m) ||
      (m.kind === 'fixed' && c.start <= m.start && m.end <= c.end && c.end - c.start > m.end - m.start);
    if (hit.every(replaceable)) {
      mentions = mentions.filter((m) => !hit.includes(m));
      mentions.push(c);
    }
  }
  mentions.push(...findShortWeekdays(text, ctx.locale, mentions));
  mentions.push(...findMonthDays(text, mentions));
  return mentions.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Resolving

interface Resolver {
  readonly today: CivilDate;
  /** "next week Tuesday": weekdays fall in this ISO week or the next one. */
  readonly week?: 'this' | 'next';
  /** "Tuesday in December": weekdays fall on or after this day (the month's first day, or today). */
  readonly weekdayFloor?: CivilDate;
}

function resolvePoint(point: Point, r: Resolver): CivilDate | undefined {
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

function resolveRange(from: Point, to: Point, r: Resolver): CivilDate[] {
  const start = resolvePoint(from, r);
  if (start === undefined) return [];
  const end = resolveEnd(to, start);
  if (end === undefined) return [start];
  return end < start ? daysFrom(end, start) : daysFrom(start, end);
}

function isPoint(m: Mention): m is PointMention {
  return m.kind === 'day' || m.kind === 'weekday' || m.kind === 'fixed' || m.kind === 'monthday';
}

function isRepeat(m: Mention): boolean {
  return (m.kind === 'weekday' && m.repeat) || m.kind === 'every-day';
}

const RANGE_WORD_ONLY = new RegExp(`^${RANGE_WORD}$`);

/** Day numbers written before a dated mention, sharing its month: "le 3 et le 5 décembre", "3 t/m 5 december". */
function dayNumbersBefore(
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
function expandDayNumbers(
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

function blankNonDates(text: string): string {
  return text.replace(NOT_DATES, (m) => ' '.repeat(m.length));
}

export function extractDates(folded: FoldedText, maskedText: string, ctx: DateContext): DateExtraction {
  const today = ctx.today;
  const text = monthEndsAsDays(blankNonDates(maskedText), today);
  const mentions = collectMentions(text, ctx);
  const unparsed: string[] = [];
  const dates = new Set<CivilDate>();
  const add = (list: Iterable<CivilDate>): void => {
    for (const d of list) dates.add(d);
  };
  const gapBetween = (a: Mention, b: Mention): string => text.slice(a.end, b.start).trim();

  // "Thursday 3 December", "3 décembre (jeudi)": the weekday only restates the date.
  const restated = new Set<Mention>();
  for (let i = 0; i + 1 < mentions.length; i += 1) {
    const a = mentions[i];
    const b = mentions[i + 1];
    if (!a || !b || !ADJACENT_GAP.test(text.slice(a.end, b.start).replace(/[()]/g, ' '))) continue;
    if (a.kind === 'weekday' && !a.repeat && (b.kind === 'day' || b.kind === 'monthday')) restated.add(a);
    if ((a.kind === 'day' || a.kind === 'monthday') && b.kind === 'weekday' && !b.repeat) restated.add(b);
  }
  const stated = mentions.filter((m) => !restated.has(m));

  // "Thursday the 18th" when the 18th is a Friday: the person meant one of two days, so the bot asks which. The
  // weekday is beside the date (restated above) or inside chrono's reading of both ("Thursday 18 December").
  const namedWeekday = new Map<Mention, { weekday: number; start: number; end: number }>();
  for (let i = 0; i < mentions.length; i += 1) {
    const m = mentions[i]!;
    if (m.kind !== 'day' && m.kind !== 'monthday') continue;
    for (const w of [mentions[i - 1], mentions[i + 1]])
      if (w?.kind === 'weekday' && restated.has(w)) namedWeekday.set(m, { weekday: w.weekday, start: w.start, end: w.end });
    for (const word of text.slice(m.start, m.end).split(/[^a-z]+/)) {
      const named = WEEKDAY_WORDS.get(word);
      if (named && !named.repeat) namedWeekday.set(m, { weekday: named.weekday, start: m.start, end: m.end });
    }
  }

  // "next week except Wednesday", "sauf mercredi", "behalve woensdag en vrijdag", "außer Mittwoch": what follows the
  // marker (and the list it starts) is taken out of what the rest names.
  const excluded = new Set<Mention>();
  for (let i = 0; i < stated.length; i += 1) {
    const m = stated[i]!;
    if (m.kind === 'unparsed') continue;
    const previous = stated[i - 1];
    const before = text.slice(previous?.end ?? 0, m.start);
    if (EXCLUDE_MARKER.test(before) || (previous && excluded.has(previous) && before.trim() !== '' && LIST_GAP.test(before.trim())))
      excluded.add(m);
  }
  const live = stated.filter((m) => !excluded.has(m));

  // A repeat spreads along its list: "every Tuesday and Thursday", "tous les mardis et jeudis".
  for (let i = 0; i + 1 < live.length; i += 1) {
    const a = live[i];
    const b = live[i + 1];
    if (a?.kind === 'weekday' && b?.kind === 'weekday' && a.repeat && LIST_GAP.test(gapBetween(a, b)))
      b.repeat = true;
  }
  const hasRepeat = live.some(isRepeat);

  const weeks = live.filter((m) => m.kind === 'week');
  const week = weeks.some((m) => m.which === 'next') ? 'next' : weeks.length > 0 ? 'this' : undefined;
  const monthMention = live.find((m) => m.kind === 'month');
  const t = ymdOf(today);
  const monthScope =
    monthMention === undefined
      ? undefined
      : (() => {
          const year = monthMention.year ?? (monthMention.month >= t.month ? t.year : t.year + 1);
          const first = civil(year, monthMention.month, 1);
          return first === undefined
            ? undefined
            : { from: first > today ? first : today, to: lastDayOfMonth(year, monthMention.month) };
        })();
  const r: Resolver = {
    today,
    ...(week === undefined ? {} : { week }),
    ...(monthScope === undefined || hasRepeat ? {} : { weekdayFloor: monthScope.from }),
  };

  const used = new Set<Mention>();
  // Ranges are kept apart: "every day from Friday to Monday" is the working days of that range only.
  const ranges: CivilDate[][] = [];
  const addRange = (list: readonly CivilDate[]): void => {
    ranges.push([...list]);
  };
  const repeatWeekdays = new Set<number>();
  let repeatUntil: CivilDate | undefined;
  let everyOther = false;

  for (let i = 0; i < live.length; i += 1) {
    const m = live[i];
    if (!m || used.has(m)) continue;
    used.add(m);
    const next = live[i + 1];
    const previousEnd = live[i - 1]?.end ?? 0;
    const before = text.slice(previousEnd, m.start);

    if (m.kind === 'unparsed') {
      unparsed.push(sourceSlice(folded, m.start, m.end));
      continue;
    }
    if (m.kind === 'range') {
      const range = resolveRange(m.from, m.to, r);
      if (range.length === 0) unparsed.push(sourceSlice(folded, m.start, m.end));
      addRange(range);
      continue;
    }
    if (m.kind === 'every-day') {
      for (let wd = 1; wd <= 5; wd += 1) repeatWeekdays.add(wd);
      continue;
    }
    if (m.kind === 'weekday' && m.repeat) {
      repeatWeekdays.add(m.weekday);
      if (m.everyOther) everyOther = true;
      // "every Tuesday until 20 December"
      if (next && isPoint(next) && next.kind !== 'weekday' && RANGE_GAP.test(gapBetween(m, next))) {
        repeatUntil = resolvePoint(next, r);
        used.add(next);
      }
      continue;
    }
    if (!isPoint(m)) continue;

    // Day numbers before a dated mention share its month.
    let sharesMonth = false;
    if (m.kind === 'day' && m.anchorsDayNumbers) {
      const anchor = resolvePoint(m, r);
      const numbers = dayNumbersBefore(text, previousEnd, m.start);
      if (anchor !== undefined && numbers.length > 0) {
        sharesMonth = true;
        add(expandDayNumbers(numbers, anchor, (start) => unparsed.push(sourceSlice(folded, start, m.end))));
      }
    }

    // A range: "Monday to Wednesday", "between Monday and Wednesday".
    if (next && isPoint(next) && !isRepeat(next)) {
      const gap = gapBetween(m, next);
      if (RANGE_GAP.test(gap) || (AND_GAP.test(gap) && BETWEEN_BEFORE.test(before))) {
        used.add(next);
        const range = resolveRange(m, next, r);
        if (range.length === 0) unparsed.push(sourceSlice(folded, m.start, next.end));
        addRange(range);
        continue;
      }
    }

    const date = resolvePoint(m, r);
    if (date === undefined) {
      unparsed.push(sourceSlice(folded, m.start, m.end));
      continue;
    }
    const weekdayNamed = namedWeekday.get(m);
    if (weekdayNamed !== undefined && isoWeekday(date) !== weekdayNamed.weekday) {
      unparsed.push(sourceSlice(folded, Math.min(m.start, weekdayNamed.start), Math.max(m.end, weekdayNamed.end)));
      continue;
    }
    // "until Friday" with nothing before it: from today to Friday, or the end of a repeat.
    if (
      !sharesMonth &&
      UNTIL_BEFORE.test(before) &&
      !live.slice(0, i).some((x) => isPoint(x) || x.kind === 'range')
    ) {
      if (hasRepeat) repeatUntil = date;
      else add(date >= today ? daysFrom(today, date) : [date]);
      continue;
    }
    dates.add(date);
  }

  const scopedRepeat = repeatWeekdays.size > 0 && ranges.length > 0;
  const singleDays = dates.size;
  let seriesReading: SeriesReading | undefined;
  for (const range of ranges) add(scopedRepeat ? range.filter((d) => repeatWeekdays.has(isoWeekday(d))) : range);
  if (scopedRepeat) {
    // Done above: the repeat applied within the ranges.
  } else if (repeatWeekdays.size > 0) {
    let from = today;
    let to = addDays(today, MAX_EXPANSION_DAYS - 1);
    if (monthScope !== undefined) {
      ({ from, to } = monthScope);
    } else if (week !== undefined) {
      const monday = addDays(mondayOf(today), week === 'next' ? 7 : 0);
      from = monday > today ? monday : today;
      to = addDays(monday, 6);
    }
    if (repeatUntil !== undefined) to = repeatUntil;
    const matching = from <= to ? daysFrom(from, to).filter((d) => repeatWeekdays.has(isoWeekday(d))) : [];
    const first = matching[0];
    add(everyOther && first !== undefined ? matching.filter((d) => Math.floor(daysBetween(mondayOf(first), d) / 7) % 2 === 0) : matching);
    // Weekdays repeated without a week around them, nor other days beside them, are a series: it may run past the
    // 31 days listed here, to its "until" (or an end the bot proposes). "every day" stays a list of working days.
    const everyDay = live.some((m) => m.kind === 'every-day');
    if (week === undefined && singleDays === 0 && !everyDay && first !== undefined) {
      const end = repeatUntil ?? monthScope?.to;
      seriesReading = { weekdays: [...repeatWeekdays].sort(), every: everyOther ? 2 : 1, from: first, ...(end !== undefined && { until: end }) };
    }
  } else if (week !== undefined && !live.some((m) => m.kind === 'weekday')) {
    // "next week" alone: the working days of that week; "this week" alone: today to Friday.
    const monday = addDays(mondayOf(today), week === 'next' ? 7 : 0);
    const workingDays = [0, 1, 2, 3, 4].map((k) => addDays(monday, k)).filter((d) => d >= today);
    add(workingDays);
    const weekMention = weeks[0];
    // "this week" said at the weekend: no working day is left; say which words we could not use.
    if (workingDays.length === 0 && weekMention)
      unparsed.push(sourceSlice(folded, weekMention.start, weekMention.end));
  } else if (
    monthMention !== undefined &&
    !live.some((m) => m.kind === 'weekday') &&
    dates.size === 0 &&
    unparsed.length === 0
  ) {
    // "a desk in December": which day? Say so rather than guess.
    unparsed.push(sourceSlice(folded, monthMention.start, monthMention.end));
  }

  const excludedWeekdays = new Set<number>();
  const excludedDates = new Set<CivilDate>();
  for (const m of excluded) {
    if (m.kind === 'weekday') excludedWeekdays.add(m.weekday);
    else if (m.kind === 'range') for (const d of resolveRange(m.from, m.to, r)) excludedDates.add(d);
    else if (isPoint(m)) {
      const d = resolvePoint(m, r);
      if (d !== undefined) excludedDates.add(d);
    }
  }
  const kept = [...dates].filter((d) => !excludedDates.has(d) && !excludedWeekdays.has(isoWeekday(d)));
  const result: DateExtraction = { dates: kept.sort().slice(0, MAX_EXPANSION_DAYS) };
  if (unparsed.length > 0) result.unparsedText = [...new Set(unparsed)].join(', ');
  else if (seriesReading) {
    // "every weekday except Wednesday": the exclusions hold for the whole series, never only its first month.
    const weekdays = seriesReading.weekdays.filter((wd) => !excludedWeekdays.has(wd));
    const firstKept = result.dates[0];
    const onlyWeekdaysExcluded = [...excluded].every((m) => m.kind === 'weekday');
    if (weekdays.length > 0 && onlyWeekdaysExcluded && firstKept !== undefined) result.series = { ...seriesReading, weekdays, from: firstKept };
  }
  return result;
}
