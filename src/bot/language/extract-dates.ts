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
 *
 * This file combines the mentions into dates; the parts are in dates/: the patterns, the calendar arithmetic, the
 * finders (our own, chrono's, short weekdays and days of the month), how they merge, and how a mention resolves.
 */
import { addDays, daysBetween, isoWeekday } from '../../domain/civil-date';
import type { CivilDate } from '../../domain/model';
import { EXCLUDE_MARKER, WEEKDAY_WORDS } from './date-words';
import { civil, daysFrom, lastDayOfMonth, MAX_EXPANSION_DAYS, mondayOf, monthEndsAsDays, ymdOf } from './dates/calendar-days';
import { collectMentions } from './dates/collect-mentions';
import { type DateContext, type Mention } from './dates/date-mentions';
import { ADJACENT_GAP, AND_GAP, BETWEEN_BEFORE, LIST_GAP, RANGE_GAP, UNTIL_BEFORE } from './dates/date-patterns';
import { blankNonDates, dayNumbersBefore, expandDayNumbers, isPoint, isRepeat, resolvePoint, type Resolver, resolveRange } from './dates/resolve-mentions';
import { type FoldedText, sourceSlice } from './fold-text';

export { MAX_EXPANSION_DAYS } from './dates/calendar-days';
export type { DateContext } from './dates/date-mentions';

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

