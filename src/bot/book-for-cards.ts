/**
 * The cards of booking for a colleague in chat (issue 17 §3): the desk suggested for them, whom it is for, and the
 * questions asked when the message does not say which colleague or which day. Their buttons are the flow's own verbs
 * (never book.confirm, which books for whoever clicks), and carry the colleague's id only as what was shown: the
 * handler checks the delegation again when it is clicked. Pure functions; names people wrote are escaped.
 */
import { isCivilDate, isDeskId, isRequestId, MAX_CARD_DAYS, type ActionData } from './cards/verbs';
import { formatDate, t, type Locale } from '../i18n/messages';
import { isPersonId } from '../domain/delegation';
import { adaptiveCard, executeAction, factSet, heading, openUrlAction, textBlock, type AdaptiveCard, type CardAction } from './cards/adaptive-card';
import { dayText, LIMITS, labelText } from './cards/card-parts';
import { escapeMarkdown, plainText } from './cards/markdown';
import { deskFacts, type CardDesk } from './cards/suggestion-card';

export const BOOK_FOR_VERBS = {
  /** Suggest a desk for a colleague (a colleague or a day chosen on a question card). */
  suggest: 'bookFor.suggest',
  /** Book the desk shown for the colleague. */
  confirm: 'bookFor.confirm',
} as const;

export interface BookForWish {
  readonly zoneId?: string;
  readonly attributes?: readonly string[];
  /** The desk asked for by its number. */
  readonly deskId?: string;
  readonly siteId?: string;
}

export interface BookForSuggestData extends BookForWish {
  readonly verb: typeof BOOK_FOR_VERBS.suggest;
  readonly forPersonId: string;
  /** Absent: the bot asks which day. */
  readonly date?: string;
}

export interface BookForConfirmData {
  readonly verb: typeof BOOK_FOR_VERBS.confirm;
  readonly forPersonId: string;
  readonly deskId: string;
  readonly date: string;
  readonly requestId: string;
}

export type BookForActionData = BookForSuggestData | BookForConfirmData;

export function isBookForVerb(verb: string): boolean {
  return (Object.values(BOOK_FOR_VERBS) as string[]).includes(verb);
}

/** The flow's verbs are its own, outside the cards' ActionData, hence the cast; parseBookForAction reads them back. */
function bookForButton(title: string, data: BookForActionData, style?: 'positive'): CardAction {
  return executeAction(title, data as unknown as ActionData, style);
}

const ATTRIBUTE = /^[a-z0-9][a-z0-9 _-]{0,31}$/;

function own(value: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * The data of a click, re-validated field by field (the client controls it), or null. The colleague's id is only
 * which colleague the card showed: whether the clicker may book for them is decided again by the handler.
 */
export function parseBookForAction(value: unknown): BookForActionData | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return null;
  if (['__proto__', 'constructor', 'prototype'].some((k) => Object.prototype.hasOwnProperty.call(value, k))) return null;
  const verb = own(value, 'verb');
  const forPersonId = own(value, 'forPersonId');
  if (typeof forPersonId !== 'string' || !isPersonId(forPersonId)) return null;
  const date = own(value, 'date');
  const deskId = own(value, 'deskId');
  if (verb === BOOK_FOR_VERBS.confirm) {
    const requestId = own(value, 'requestId');
    if (!isDeskId(deskId) || !isCivilDate(date) || !isRequestId(requestId)) return null;
    return { verb, forPersonId, deskId, date, requestId };
  }
  if (verb !== BOOK_FOR_VERBS.suggest) return null;
  const zoneId = own(value, 'zoneId');
  const siteId = own(value, 'siteId');
  const attributes = own(value, 'attributes');
  if (date !== undefined && !isCivilDate(date)) return null;
  if (deskId !== undefined && !isDeskId(deskId)) return null;
  if (zoneId !== undefined && !isDeskId(zoneId)) return null;
  if (siteId !== undefined && !isDeskId(siteId)) return null;
  if (attributes !== undefined && !(Array.isArray(attributes) && attributes.length <= 8 && attributes.every((a) => typeof a === 'string' && ATTRIBUTE.test(a)))) {
    return null;
  }
  return {
    verb,
    forPersonId,
    ...(date !== undefined && { date }),
    ...(deskId !== undefined && { deskId }),
    ...(zoneId !== undefined && { zoneId }),
    ...(siteId !== undefined && { siteId }),
    ...(attributes !== undefined && { attributes: [...(attributes as string[])] }),
  };
}

function personName(name: string): string {
  return escapeMarkdown(name, LIMITS.personName);
}

export interface SuggestionForInput {
  readonly name: string;
  readonly forPersonId: string;
  readonly date: string;
  readonly desk: CardDesk;
  readonly requestId: string;
  readonly mapUrl?: string;
}

/** "A desk for Ann on Thursday": the desk, whose booking it will be, and Confirm. */
export function suggestionForCard(input: SuggestionForInput, locale: Locale): AdaptiveCard {
  const who = personName(input.name);
  const facts = deskFacts(input.desk, locale);
  const actions: CardAction[] = [
    bookForButton(
      t(locale, 'card.action.confirm'),
      { verb: BOOK_FOR_VERBS.confirm, forPersonId: input.forPersonId, deskId: input.desk.id, date: input.date, requestId: input.requestId },
      'positive',
    ),
  ];
  const map = openUrlAction(t(locale, 'card.action.openMap'), input.mapUrl);
  if (map) actions.push(map);
  return adaptiveCard(
    [
      { ...heading(t(locale, 'bookFor.chat.title', { name: who, date: dayText(input.date, locale) })), color: 'Accent' },
      textBlock(t(locale, 'card.desk', { desk: labelText(input.desk.label) }), { size: 'Large', weight: 'Bolder', spacing: 'Small' }),
      ...(facts.length > 0 ? [factSet(facts)] : []),
      textBlock(t(locale, 'bookFor.chat.theirs', { name: who }), { spacing: 'Medium' }),
    ],
    actions,
  );
}

/** A question whose answers are buttons: one per colleague, or one per day, each suggesting a desk for them. */
export function choiceForCard(input: {
  readonly title: string;
  readonly text: string;
  readonly choices: ReadonlyArray<{ readonly title: string; readonly data: BookForSuggestData }>;
}): AdaptiveCard {
  const actions = input.choices.slice(0, 6).map((c) => bookForButton(plainText(c.title, LIMITS.personName), c.data));
  return adaptiveCard([heading(escapeMarkdown(input.title, 200)), textBlock(escapeMarkdown(input.text, LIMITS.sentence), { spacing: 'Small' })], actions);
}

/** The days of a request for someone, as buttons ("Thursday 3 December"), at most a card's worth. */
export function dayChoices(dates: readonly string[], base: Omit<BookForSuggestData, 'date'>, locale: Locale): Array<{ title: string; data: BookForSuggestData }> {
  return dates.slice(0, Math.min(6, MAX_CARD_DAYS)).map((date) => ({ title: formatDate(date, locale), data: { ...base, date } }));
}

/** "Booked for Ann": the desk, the day, and that she is told. */
export function bookedForCard(input: { readonly name: string; readonly desk: CardDesk; readonly date: string; readonly mapUrl?: string }, locale: Locale): AdaptiveCard {
  const who = personName(input.name);
  const facts = deskFacts(input.desk, locale);
  const map = openUrlAction(t(locale, 'card.action.openMap'), input.mapUrl);
  return adaptiveCard(
    [
      { ...heading(t(locale, 'bookFor.chat.booked.title', { name: who })), color: 'Good' },
      textBlock(t(locale, 'delegation.bookFor.booked', { desk: labelText(input.desk.label), name: who, date: dayText(input.date, locale) }), { spacing: 'Small' }),
      ...(facts.length > 0 ? [factSet(facts)] : []),
    ],
    map ? [map] : [],
  );
}

