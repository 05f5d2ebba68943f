import * as chrono from 'chrono-node';
import type { CivilDate } from '../../../domain/model';
import type { Locale } from '../../../i18n/messages';
import { ymdOf } from './calendar-days';
import type { DayPoint, Mention } from './date-mentions';

// chrono-node's readings of single dates and ranges, as mentions, in the message's language.

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
export function findChronoMentions(text: string, locale: Locale, today: CivilDate): Mention[] {
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
