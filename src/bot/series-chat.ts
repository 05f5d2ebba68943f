/**
 * A recurring series in chat: "book a desk every Tuesday and Thursday until 31 January", "elke maandag", "tous les
 * mardis", "jeden Mittwoch". The bot shows what it understood (the weekdays, the first and last day, how many days,
 * which wait for the booking window) and books on Confirm only, through the series use case: each day by the
 * ordinary rules, never a day the person did not name.
 */
import { bookingWindow } from '../domain/booking-window';
import { addDays, civilDateOf, daysBetween } from '../domain/civil-date';
import type { Actor } from '../domain/model';
import { MAX_SERIES_SPAN_DAYS, seriesDates } from '../domain/series';
import { describeRefusal } from '../i18n/describe-refusal';
import { formatDate, t, type Locale } from '../i18n/messages';
import { cancelSeries, createSeries, NO_FREE_DESK, type SeriesDeps } from '../use-cases/book-series';
import { placeNames } from '../use-cases/booking-view';
import type { SeriesReading } from './language/extract-dates';
import type { Command } from './language/parse-message';
import { statusCard, toRequestId, type AdaptiveCard } from './cards';
import { SERIES_VERBS, seriesPreviewCard, seriesResultCard, type SeriesActionData } from './series-cards';

type BookCommand = Extract<Command, { kind: 'book' }>;

/** Without an end, a series runs twelve weeks: long enough to be worth it, short enough to be seen whole on the card. */
export const DEFAULT_SERIES_WEEKS = 12;

/**
 * The series a booking command asks for, when the series flow should answer it: a repeat of weekdays, every day
 * placed, and no zone or equipment wish (the series books each day's suggested desk or one named desk; a zone or
 * equipment wish goes through the multi-day flow, which honours it).
 */
export function seriesRequestOf(cmd: Command, unplaced: readonly string[]): SeriesReading | undefined {
  if (cmd.kind !== 'book' || !cmd.series || unplaced.length > 0) return undefined;
  if (cmd.zoneName !== undefined || cmd.attributes.length > 0 || cmd.sameAsLastTime) return undefined;
  return cmd.series;
}

export async function previewSeries(deps: SeriesDeps, cmd: BookCommand, reading: SeriesReading, locale: Locale, activityId: string): Promise<AdaptiveCard> {
  const index = await deps.catalog.current();
  const site = index.sites[0];
  if (!site) return statusCard({ title: t(locale, 'card.error.title'), text: t(locale, 'series.noFreeDesk'), tone: 'attention' }, locale);
  const desk = cmd.deskLabel !== undefined ? index.findDeskByLabel(site.site.id, cmd.deskLabel) : undefined;
  let until = reading.until ?? addDays(reading.from, DEFAULT_SERIES_WEEKS * 7 - 1);
  // A year at most, as the API: a longer "until" is shown shortened, before anything is booked.
  if (daysBetween(reading.from, until) >= MAX_SERIES_SPAN_DAYS) until = addDays(reading.from, MAX_SERIES_SPAN_DAYS - 1);
  const spec = { weekdays: reading.weekdays, every: reading.every, from: reading.from, until };
  const window = bookingWindow({ now: deps.clock.now(), timeZone: site.site.timeZone, policies: site.policies });
  return seriesPreviewCard(
    {
      ...spec,
      proposedEnd: reading.until === undefined,
      days: seriesDates(spec),
      lastBookableDate: window.lastBookableDate,
      requestId: toRequestId(`${activityId}.series`),
      ...(desk && { deskId: desk.id, deskLabel: desk.label }),
    },
    locale,
  );
}

export async function seriesAction(deps: SeriesDeps, data: SeriesActionData, actor: Actor, locale: Locale): Promise<AdaptiveCard> {
  const index = await deps.catalog.current();
  const lookup = placeNames(index);
  switch (data.verb) {
    case SERIES_VERBS.dismiss:
      return statusCard({ title: t(locale, 'series.dismissed'), text: '' }, locale);
    case SERIES_VERBS.cancelRest: {
      const site = index.sites[0];
      const from = civilDateOf(deps.clock.now(), site?.site.timeZone ?? 'UTC');
      const cancelled = await cancelSeries(deps, { actor, seriesId: data.seriesId, from });
      if (!cancelled) return statusCard({ title: t(locale, 'card.error.title'), text: t(locale, 'series.notFound'), tone: 'attention' }, locale);
      return statusCard({ title: t(locale, 'series.cancelled.title'), text: t(locale, 'series.cancelled.text', { from: formatDate(from, locale) }), tone: 'good', showBookings: true }, locale);
    }
    case SERIES_VERBS.confirm: {
      // The caller books for themselves only: the card says which days, the channel says who.
      const made = await createSeries(deps, {
        actor,
        weekdays: data.weekdays,
        every: data.every,
        from: data.from,
        until: data.until,
        requestId: data.requestId,
        ...(data.deskId !== undefined && { deskId: data.deskId }),
      });
      if (!made.ok) return statusCard({ title: t(locale, 'card.error.title'), text: describeRefusal(made.error, locale, lookup), tone: 'attention' }, locale);
      const { series, refusals } = made.value;
      const of = (state: string) => series.days.filter((d) => d.state === state);
      return seriesResultCard(
        {
          seriesId: series.id,
          weekdays: series.weekdays,
          every: series.every,
          booked: of('booked').map((d) => d.date),
          refused: of('refused').map((d) => {
            const r = refusals.get(d.date);
            const sentence = r ? describeRefusal(r, locale, lookup) : d.code === NO_FREE_DESK ? t(locale, 'series.noFreeDesk') : undefined;
            return { date: d.date, ...(sentence !== undefined && { sentence }) };
          }),
          pending: of('pending').map((d) => d.date),
        },
        locale,
      );
    }
  }
}
