import type { Locale } from '../../../i18n/messages';
import { alternation, DAY_CUE, MONTH_WORDS, SHORT_WEEKDAY_DOT_ONLY, SHORT_WEEKDAY_WEAK, SHORT_WEEKDAYS, WEEKDAY_WORDS } from '../date-words';
import { type Mention, overlaps } from './date-mentions';
import { EVERY_OTHER_MARKER, LIST_GAP, RANGE_WORD, REPEAT_MARKER } from './date-patterns';

// Short weekdays ("Tu", "jeu.", "Mo-Mi"), typos of day words, and days of the month without a month ("the 15th").

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
export function typoOfDayWord(word: string): { kind: 'weekday'; weekday: number } | { kind: 'relative'; days: number } | undefined {
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

// "Friday and We next week", "vendredi et me la semaine prochaine": the week the listed days are in.
const WEEK_AFTER_DAYS =
  /^[\s,]*(?:(?:of\s+)?(?:next|this|the\s+coming)\s+week|(?:de\s+)?(?:la\s+semaine|cette\s+semaine)|(?:volgende|deze|komende)\s+week|(?:n(?:a|ae)chste|diese|kommende)\s+woche)\b/;
const WEEKDAY_JOIN = new RegExp(`^(?:${LIST_GAP.source.slice(1, -1)}|,?\\s*${RANGE_WORD}\\s*)$`);
// "every Tu", "elke di", "jeden zweiten Do", "tous les ma": a short weekday right after a repeat is one for sure.
const REPEAT_BEFORE = new RegExp(`\\b(?:(${EVERY_OTHER_MARKER})|${REPEAT_MARKER})\\s+$`);

/**
 * Short weekday names in the message's language ("Tu and Th", "ma t/m wo", "Mo.-Mi.", "jeu."). A form that is an
 * ordinary word too ("we", "je", "ma", "so") counts only with a dot, after a day cue ("on", "le", "op", "am"), or
 * joined to another weekday by a list or a range; the others count wherever they stand as a word.
 */
export function findShortWeekdays(text: string, locale: Locale, taken: readonly Mention[]): Mention[] {
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
    if (SHORT_WEEKDAY_DOT_ONLY.has(word) && m[2] === undefined) continue;
    const repeat = REPEAT_BEFORE.exec(text.slice(0, start));
    const sure = m[2] !== undefined || !SHORT_WEEKDAY_WEAK.has(word) || DAY_CUE.test(text.slice(0, start)) || repeat !== null;
    candidates.push({ start, end, weekday, sure, repeat: repeat !== null, everyOther: repeat?.[1] !== undefined });
  }
  // A doubtful one joined to a weekday ("ma t/m wo", "we and th") is a weekday too; repeat until nothing changes.
  // Next to a day written in full it takes a word or a sign between them, and it must end the list or lead on to
  // another day: "Freitag mit Monitor", "vendredi je viens", "friday we will be 3" and "Freitag, die ganze Woche"
  // name one day, not two.
  const fullWeekdays = taken.filter((t) => t.kind === 'weekday');
  const endsList = (c: { end: number }): boolean => {
    const rest = text.slice(c.end);
    const next = /^[\s,]*([a-z'/]+)/.exec(rest)?.[1];
    return next === undefined || WEEKDAY_WORDS.has(next) || forms.has(next) || WEEKDAY_JOIN.test(next) || WEEK_AFTER_DAYS.test(rest);
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of candidates) {
      if (c.sure) continue;
      const joined = endsList(c) && fullWeekdays.some((w) => {
        const gap = w.end <= c.start ? text.slice(w.end, c.start) : c.end <= w.start ? text.slice(c.end, w.start) : undefined;
        return gap !== undefined && gap.trim() !== '' && WEEKDAY_JOIN.test(gap.trim());
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
const WEEKDAY_THEN_NUMBER = new RegExp(`\\b(?:${alternation(WEEKDAY_WORDS.keys())})\\b\\.?,?\\s+(\\d{1,2})\\.?(?![\\d.,:/-]|\\w)`, 'g');

export function findMonthDays(text: string, taken: readonly Mention[]): Mention[] {
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
