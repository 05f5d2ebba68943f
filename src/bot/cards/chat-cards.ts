/**
 * The chat's own cards: the question when a day is missing or could not be used, the confirmation of a request
 * for several days, and the offer to cancel when someone says they cannot come.
 */
import { formatDate, pluralKey, t, translate, type Locale } from '../../i18n/messages';
import { adaptiveCard, factSet, heading, textBlock, type AdaptiveCard, type CardAction, type Fact } from './adaptive-card';
import { button, dayText, labelText, LIMITS } from './card-parts';
import { escapeMarkdown, plainText } from './markdown';
import { MAX_CARD_DAYS, toRequestId, VERBS } from './verbs';

export interface RequestConstraints {
  readonly zoneId?: string;
  readonly attributes?: readonly string[];
  /** A desk to prefer (multi-day confirmations only). */
  readonly deskId?: string;
}

export interface AskDayCardInput {
  /** Words the person wrote that could not be used as a day, as typed; empty when no day was named at all. */
  readonly unplaced: readonly string[];
  /** Likely days to offer as buttons (the next bookable ones); none for a question that is not about booking. */
  readonly days: readonly string[];
  readonly constraints?: RequestConstraints;
  /** The site the days are civil dates of. */
  readonly siteId?: string;
}

/** "Which day?": names what could not be used, and offers the likely days as buttons. Never books on its own. */
export function askDayCard(input: AskDayCardInput, locale: Locale): AdaptiveCard {
  const text =
    input.unplaced.length > 0
      ? t(locale, 'chat.ask.unplaced', { words: plainText(input.unplaced.join(', '), 120) })
      : t(locale, 'bot.askDate');
  const c = input.constraints ?? {};
  const actions: CardAction[] = input.days.slice(0, 5).map((date) =>
    button(formatDate(date, locale), {
      verb: VERBS.bookDay,
      date,
      ...(c.zoneId !== undefined && { zoneId: c.zoneId }),
      ...(c.attributes !== undefined && c.attributes.length > 0 && { attributes: [...c.attributes] }),
      ...(input.siteId !== undefined && { siteId: input.siteId }),
    }),
  );
  // Escaped as a whole: the words are the person's, and "31. Februar" must not start a numbered list.
  return adaptiveCard([heading(t(locale, 'chat.ask.title')), textBlock(escapeMarkdown(text, LIMITS.sentence), { spacing: 'Small' })], actions);
}

/** A question in words only (e.g. "to which day should I move it?"). */
export function questionCard(text: string, locale: Locale): AdaptiveCard {
  return adaptiveCard([heading(t(locale, 'chat.ask.title')), textBlock(escapeMarkdown(text, LIMITS.sentence), { spacing: 'Small' })]);
}

export interface ConfirmDaysCardInput {
  readonly dates: readonly string[];
  readonly requestId: string;
  readonly constraints?: RequestConstraints;
  readonly siteId?: string;
}

/** The days understood, and one Confirm that books them all; nothing is booked before it is clicked. */
export function confirmDaysCard(input: ConfirmDaysCardInput, locale: Locale): AdaptiveCard {
  const dates = input.dates.slice(0, MAX_CARD_DAYS);
  const c = input.constraints ?? {};
  const facts: Fact[] = dates.map((d, i) => ({ title: String(i + 1), value: dayText(d, locale) }));
  return adaptiveCard(
    [
      heading(t(locale, 'chat.confirmDays.title')),
      textBlock(translate(locale, pluralKey(locale, 'chat.confirmDays.text', dates.length), { count: dates.length }), { spacing: 'Small' }),
      factSet(facts),
    ],
    [
      button(
        t(locale, 'chat.confirmDays.confirm'),
        {
          verb: VERBS.bookDays,
          dates,
          requestId: toRequestId(input.requestId),
          ...(c.zoneId !== undefined && { zoneId: c.zoneId }),
          ...(c.attributes !== undefined && c.attributes.length > 0 && { attributes: [...c.attributes] }),
          ...(c.deskId !== undefined && { deskId: c.deskId }),
          ...(input.siteId !== undefined && { siteId: input.siteId }),
        },
        'positive',
      ),
    ],
  );
}

export interface OfferCancelCardInput {
  readonly bookings: ReadonlyArray<{ readonly id: string; readonly date: string; readonly deskLabel: string; readonly today: boolean }>;
}

/** "I can't come on Thursday": the booking of that day, and a button to cancel it (release it, when it is today). */
export function offerCancelCard(input: OfferCancelCardInput, locale: Locale): AdaptiveCard {
  const shown = input.bookings.slice(0, 5);
  const body = [heading(t(locale, 'chat.offerCancel.title'))];
  const actions: CardAction[] = [];
  for (const b of shown) {
    body.push(textBlock(t(locale, 'chat.offerCancel.text', { desk: labelText(b.deskLabel), date: dayText(b.date, locale) }), { spacing: 'Small' }));
    actions.push(
      b.today
        ? button(t(locale, 'chat.offerCancel.release'), { verb: VERBS.bookingRelease, bookingId: b.id }, 'destructive')
        : button(plainText(t(locale, 'chat.offerCancel.cancel', { date: formatDate(b.date, locale) }), 80), { verb: VERBS.bookingCancel, bookingId: b.id }, 'destructive'),
    );
  }
  return adaptiveCard(body, actions);
}

/** The card with a sentence of ours under its heading (e.g. "No desk has 'window'"); the sentence is escaped here. */
export function withNote(card: AdaptiveCard, note: string): AdaptiveCard {
  const [first, ...rest] = card.body;
  const block = textBlock(escapeMarkdown(note, LIMITS.sentence), { spacing: 'Small', color: 'Attention' });
  return { ...card, body: first ? [first, block, ...rest] : [block] };
}
