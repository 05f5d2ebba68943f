/**
 * The cards of a recurring series in chat: what was understood (weekdays, end, how many days, which wait for the
 * booking window) with Confirm, and what came of it (booked, refused with the rule, pending) with "cancel the rest".
 * Pure functions of their input; text people wrote (desk labels) is escaped.
 */
import { formatDate, formatIsoWeekday, formatList, t, type Locale } from '../i18n/messages';
import { adaptiveCard, executeAction, factSet, heading, textBlock, type AdaptiveCard, type CardAction, type CardElement, type Fact } from './cards/adaptive-card';
import type { ActionData } from './cards/verbs';
import { dayText, LIMITS, labelText } from './cards/card-parts';
import { escapeMarkdown } from './cards/markdown';

export const SERIES_VERBS = {
  confirm: 'series.confirm',
  dismiss: 'series.dismiss',
  cancelRest: 'series.cancelRest',
} as const;

export type SeriesVerb = (typeof SERIES_VERBS)[keyof typeof SERIES_VERBS];

export interface SeriesConfirmData {
  readonly verb: typeof SERIES_VERBS.confirm;
  readonly weekdays: readonly number[];
  readonly every: 1 | 2;
  readonly from: string;
  readonly until: string;
  readonly requestId: string;
  readonly deskId?: string;
}

export type SeriesActionData =
  | SeriesConfirmData
  | { readonly verb: typeof SERIES_VERBS.dismiss }
  | { readonly verb: typeof SERIES_VERBS.cancelRest; readonly seriesId: string };

/**
 * A series button, built as every card button of the bot is (executeAction). The series verbs are the series flow's
 * own, outside the cards' ActionData, hence the cast; parseSeriesActionData reads them back.
 */
function seriesButton(title: string, data: SeriesActionData, style?: 'positive' | 'destructive'): CardAction {
  return executeAction(title, data as unknown as ActionData, style);
}

/** "every Tuesday and Thursday", "un mardi sur deux", "jeden zweiten Freitag". */
export function patternText(weekdays: readonly number[], every: 1 | 2, locale: Locale): string {
  // French names the days of a repeat in the plural: "tous les mardis et jeudis".
  const names = weekdays.map((d) => formatIsoWeekday(d, locale)).map((n) => (locale === 'fr' && every === 1 ? `${n}s` : n));
  return t(locale, every === 2 ? 'series.everyOther' : 'series.every', { days: formatList(names, locale) });
}

export interface SeriesPreviewInput {
  readonly weekdays: readonly number[];
  readonly every: 1 | 2;
  readonly from: string;
  readonly until: string;
  /** True when the person named no end and `until` is the bot's proposal. */
  readonly proposedEnd: boolean;
  /** Every day the series names. */
  readonly days: readonly string[];
  /** The last day the booking window reaches today: later days wait for the daily pass. */
  readonly lastBookableDate: string;
  readonly deskId?: string;
  readonly deskLabel?: string;
  readonly requestId: string;
}

export function seriesPreviewCard(input: SeriesPreviewInput, locale: Locale): AdaptiveCard {
  const pattern = patternText(input.weekdays, input.every, locale);
  const later = input.days.filter((d) => d > input.lastBookableDate).length;
  const body: CardElement[] = [
    heading(escapeMarkdown(t(locale, 'series.preview.title', { pattern }), 200)),
    textBlock(t(locale, 'series.preview.text', { from: dayText(input.from, locale), until: dayText(input.until, locale), count: input.days.length }), { spacing: 'Small' }),
  ];
  if (input.deskLabel) body.push(factSet([{ title: t(locale, 'card.fact.desk'), value: labelText(input.deskLabel) }]));
  if (later > 0) body.push(textBlock(t(locale, 'series.preview.later', { last: dayText(input.lastBookableDate, locale) }), { isSubtle: true }));
  if (input.proposedEnd) body.push(textBlock(escapeMarkdown(t(locale, 'series.preview.defaultEnd', { until: formatDate(input.until, locale) }), LIMITS.sentence), { isSubtle: true }));
  const confirm: SeriesConfirmData = {
    verb: SERIES_VERBS.confirm,
    weekdays: [...input.weekdays],
    every: input.every,
    from: input.from,
    until: input.until,
    requestId: input.requestId,
    ...(input.deskId !== undefined && { deskId: input.deskId }),
  };
  return adaptiveCard(body, [
    seriesButton(t(locale, 'series.action.confirm'), confirm, 'positive'),
    seriesButton(t(locale, 'series.action.dismiss'), { verb: SERIES_VERBS.dismiss }),
  ]);
}

export interface SeriesResultInput {
  readonly seriesId: string;
  readonly weekdays: readonly number[];
  readonly every: 1 | 2;
  readonly booked: readonly string[];
  /** `sentence`: the rule that refused the day, in the reader's language, plain text; absent on a repeated Confirm. */
  readonly refused: ReadonlyArray<{ readonly date: string; readonly sentence?: string }>;
  readonly pending: readonly string[];
}

/** The most days listed by name in one line; a year of Tuesdays and Thursdays is summed up after them. */
const MAX_LISTED = 12;

function datesText(dates: readonly string[], locale: Locale): string {
  const shown = dates.slice(0, MAX_LISTED).map((d) => formatDate(d, locale));
  const rest = dates.length - shown.length;
  return escapeMarkdown(formatList(rest > 0 ? [...shown, `+${rest}`] : shown, locale), LIMITS.sentence);
}

export function seriesResultCard(input: SeriesResultInput, locale: Locale): AdaptiveCard {
  const pattern = patternText(input.weekdays, input.every, locale);
  const body: CardElement[] = [{ ...heading(escapeMarkdown(t(locale, 'series.result.title', { pattern }), 200)), color: input.booked.length > 0 ? 'Good' : 'Attention' }];
  if (input.booked.length > 0) {
    body.push(textBlock(t(locale, 'series.result.booked', { count: input.booked.length, dates: datesText(input.booked, locale) }), { color: 'Good', spacing: 'Small' }));
  }
  if (input.refused.length > 0) {
    body.push(textBlock(t(locale, 'series.result.refused', { count: input.refused.length }), { weight: 'Bolder', color: 'Attention', separator: true }));
    const withReason: Fact[] = input.refused
      .slice(0, MAX_LISTED)
      .map((r) => ({ title: dayText(r.date, locale), value: r.sentence ? escapeMarkdown(r.sentence, LIMITS.sentence) : '—' }));
    body.push(factSet(withReason));
  }
  if (input.pending.length > 0) {
    body.push(textBlock(t(locale, 'series.result.pending', { count: input.pending.length, dates: datesText(input.pending, locale) }), { isSubtle: true, separator: true }));
  }
  if (input.booked.length === 0 && input.pending.length === 0) body.push(textBlock(t(locale, 'series.result.nothingBooked'), { spacing: 'Small' }));
  const actions = input.booked.length + input.pending.length > 0 ? [seriesButton(t(locale, 'series.action.cancelRest'), { verb: SERIES_VERBS.cancelRest, seriesId: input.seriesId }, 'destructive')] : [];
  return adaptiveCard(body, actions);
}

const SERIES_ID = /^s[A-Za-z0-9]{8,40}$/;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Card data of a series button, re-validated field by field (it comes back from the client); null when anything is off. */
export function parseSeriesActionData(value: unknown): SeriesActionData | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return null;
  const own = (key: string): unknown => (Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined);
  switch (own('verb')) {
    case SERIES_VERBS.dismiss:
      return { verb: SERIES_VERBS.dismiss };
    case SERIES_VERBS.cancelRest: {
      const seriesId = own('seriesId');
      return typeof seriesId === 'string' && SERIES_ID.test(seriesId) ? { verb: SERIES_VERBS.cancelRest, seriesId } : null;
    }
    case SERIES_VERBS.confirm: {
      const weekdays = own('weekdays');
      const every = own('every');
      const from = own('from');
      const until = own('until');
      const requestId = own('requestId');
      const deskId = own('deskId');
      if (!Array.isArray(weekdays) || weekdays.length === 0 || weekdays.length > 7 || !weekdays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) return null;
      if ((every !== 1 && every !== 2) || typeof from !== 'string' || !DATE.test(from) || typeof until !== 'string' || !DATE.test(until)) return null;
      if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) return null;
      if (deskId !== undefined && (typeof deskId !== 'string' || !/^[A-Za-z0-9._:-]{1,128}$/.test(deskId))) return null;
      return { verb: SERIES_VERBS.confirm, weekdays: [...(weekdays as number[])], every, from, until, requestId, ...(deskId !== undefined && { deskId }) };
    }
    default:
      return null;
  }
}
