import { findChronoMentions } from './chrono-mentions';
import { type DateContext, type Mention, overlaps } from './date-mentions';
import { findDayMonths, findOwnMentions } from './own-mentions';
import { findMonthDays, findShortWeekdays } from './short-mentions';

/**
 * Merges the finders: our own rules first; chrono's results where they do not overlap our structural finds, and
 * in place of our own weekday and day-month finds they cover ("Thursday 3 December" is one day).
 */
export function collectMentions(text: string, ctx: DateContext): Mention[] {
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
