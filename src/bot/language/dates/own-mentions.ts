import { addDays } from '../../../domain/civil-date';
import type { CivilDate } from '../../../domain/model';
import type { Locale } from '../../../i18n/messages';
import { DURATION_PATTERN, MONTH_NAMES, MONTH_WORDS, PAST_DAY_PATTERN, PAST_WEEKDAY_PATTERN, RELATIVE_DAY_PATTERNS, UNPLACEABLE_DAY_PATTERN, WEEKDAY_WORDS } from '../date-words';
import { civil, ymdOf } from './calendar-days';
import { type Mention, MentionList, overlaps } from './date-mentions';
import { DAY_MONTH, EVERY_DAY, EVERY_OTHER, FRENCH_YESTERDAY, ISO_DATE, MONTH_DAY, MONTH_SCOPE, NEXT_MONTH, NEXT_WEEK, NOT_A_DATE_AFTER, NUMERIC_DATE, THIS_MONTH, THIS_WEEK, WEEKDAY_PATTERN } from './date-patterns';
import { typoOfDayWord } from './short-mentions';
import { VAGUE_DAY_PATTERNS } from './vague-days';

// Our own finders: relative days, weekdays, weeks, months, repeats, numeric and day-month dates, and the day-like
// words handed back unparsed.

export function findOwnMentions(text: string, today: CivilDate, locale: Locale): MentionList {
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
  for (const pattern of [...pastPatterns, PAST_WEEKDAY_PATTERN, DURATION_PATTERN, UNPLACEABLE_DAY_PATTERN, ...VAGUE_DAY_PATTERNS]) {
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
    // "12/17": 17 cannot be a month, so the only reading is month first (17 December), as en-US writes it.
    const monthFirst = m[2] === '/' && Number(m[3]) > 12 && Number(m[1]) <= 12;
    const day = Number(monthFirst ? m[3] : m[1]);
    const month = Number(monthFirst ? m[1] : m[3]);
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
export function findDayMonths(text: string): Mention[] {
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
