/**
 * The person's repeating bookings in "My bookings" (issue 17 §2): what each repeats, how many days are booked and
 * still to book, and "Cancel the rest" (every day from today on; past days stay). One day is cancelled from its row
 * in the bookings table, like any booking.
 */
import { Button } from '@fluentui/react-components';
import { formatDate, formatIsoWeekday, formatList, t, type Locale } from '../i18n/messages';
import type { SeriesDto } from './series-types';

export interface MySeriesProps {
  readonly series: readonly SeriesDto[];
  readonly busy: ReadonlySet<string>;
  readonly offline: boolean;
  readonly onCancelRest: (s: SeriesDto) => void;
  readonly locale: Locale;
}

export function describeSeries(s: SeriesDto, locale: Locale): string {
  const weekdays = formatList([...s.weekdays].sort().map((d) => formatIsoWeekday(d, locale)), locale);
  return t(locale, s.every === 2 ? 'tab.mine.series.everyOther' : 'tab.mine.series.every', {
    weekdays,
    from: formatDate(s.from, locale),
    until: formatDate(s.until, locale),
  });
}

export function MySeries({ series, busy, offline, onCancelRest, locale }: MySeriesProps) {
  // A series with nothing left to book or hold is history: "My bookings" is about what is coming.
  const live = series.filter((s) => s.booked.length > 0 || s.pending.length > 0);
  if (live.length === 0) return null;
  return (
    <section aria-labelledby="my-series-title" className="my-series" data-testid="my-series">
      <h2 id="my-series-title" className="list-caption">
        {t(locale, 'tab.mine.series.title')}
      </h2>
      <ul>
        {live.map((s) => {
          const what = describeSeries(s, locale);
          return (
            <li key={s.id} data-series-id={s.id}>
              <span>{what}</span>
              {s.deskLabel && <span>{` · ${s.deskLabel}`}</span>}
              <span>{` · ${t(locale, 'tab.mine.series.counts', { booked: s.booked.length, pending: s.pending.length })}`}</span>{' '}
              <Button size="small" disabled={busy.has(s.id) || offline} aria-label={t(locale, 'tab.action.cancelRestOf', { series: what })} onClick={() => onCancelRest(s)}>
                {t(locale, 'tab.action.cancelRest')}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
