import { errorMessage } from '../../i18n/describe-refusal';
import { t, type Locale } from '../../i18n/messages';
import {
  adaptiveCard,
  heading,
  textBlock,
  type AdaptiveCard,
  type CardAction,
  type TextBlock,
} from './adaptive-card';
import { dayText, LIMITS, labelText, myBookingsButton } from './card-parts';
import { escapeMarkdown } from './markdown';

export type StatusTone = 'good' | 'attention' | 'neutral';

export interface StatusCardInput {
  /** Plain text, already in the reader's language; escaped here. */
  readonly title: string;
  readonly text: string;
  readonly tone?: StatusTone;
  /** Offer a "My bookings" button. */
  readonly showBookings?: boolean;
}

const COLORS: Readonly<Record<StatusTone, TextBlock['color']>> = {
  good: 'Good',
  attention: 'Attention',
  neutral: undefined,
};

function toned(block: TextBlock, tone: StatusTone): TextBlock {
  const color = COLORS[tone];
  return color ? { ...block, color } : block;
}

function simpleCard(title: string, text: string, tone: StatusTone, actions: CardAction[]): AdaptiveCard {
  return adaptiveCard([toned(heading(title), tone), textBlock(text, { spacing: 'Small' })], actions);
}

/** A one-line outcome; both strings are plain text (they may hold names) and are escaped. */
export function statusCard(input: StatusCardInput, locale: Locale): AdaptiveCard {
  return simpleCard(
    escapeMarkdown(input.title, 200),
    escapeMarkdown(input.text, LIMITS.sentence),
    input.tone ?? 'neutral',
    input.showBookings ? [myBookingsButton(locale)] : [],
  );
}

export interface DeskDayInput {
  readonly deskLabel: string;
  readonly date: string;
}

export function cancelledCard(input: DeskDayInput, locale: Locale): AdaptiveCard {
  const params = { desk: labelText(input.deskLabel), date: dayText(input.date, locale) };
  return simpleCard(t(locale, 'card.cancelled.title'), t(locale, 'card.cancelled.text', params), 'neutral', [
    myBookingsButton(locale),
  ]);
}

export function checkedInCard(input: DeskDayInput, locale: Locale): AdaptiveCard {
  const params = { desk: labelText(input.deskLabel), date: dayText(input.date, locale) };
  return simpleCard(t(locale, 'card.checkedIn.title'), t(locale, 'card.checkedIn.text', params), 'good', [
    myBookingsButton(locale),
  ]);
}

export function releasedCard(input: DeskDayInput, locale: Locale): AdaptiveCard {
  const params = { desk: labelText(input.deskLabel), date: dayText(input.date, locale) };
  return simpleCard(t(locale, 'card.released.title'), t(locale, 'card.released.text', params), 'neutral', [
    myBookingsButton(locale),
  ]);
}

/**
 * - storage: the store did not answer; contention: too many retries against other bookings;
 * - internal: a bug; not-yours: someone clicked a card made for another person;
 * - stale: the card's data did not validate (an old or tampered card).
 */
export type ErrorKind = 'storage' | 'contention' | 'internal' | 'not-yours' | 'stale';

function errorText(kind: ErrorKind, locale: Locale): string {
  switch (kind) {
    case 'storage':
      return errorMessage('STORAGE_UNAVAILABLE', locale);
    case 'contention':
      return errorMessage('CONTENTION', locale);
    case 'not-yours':
      return t(locale, 'card.error.notYours');
    case 'stale':
      return t(locale, 'card.error.stale');
    case 'internal':
    default:
      return errorMessage('INTERNAL', locale);
  }
}

/** A failure in words the reader can act on; never a stack trace. */
export function errorCard(kind: ErrorKind, locale: Locale): AdaptiveCard {
  return simpleCard(t(locale, 'card.error.title'), errorText(kind, locale), 'attention', []);
}
