/**
 * The waitlist's cards and buttons: "Notify me if a place frees up" on a refusal, "You are on the waitlist", and the
 * offer "A desk is free: Book it". The buttons carry what was clicked (a day, an entry id), never who clicked: the
 * handler acts for `from.aadObjectId` alone, and an entry id only selects among that person's own entries.
 */
import { t, type Locale } from '../../i18n/messages';
import { adaptiveCard, executeAction, factSet, heading, openUrlAction, textBlock, type AdaptiveCard, type CardAction, type ExecuteAction } from './adaptive-card';
import { dayText, deadlineText, labelText, whereFacts, type DeskUntil } from './card-parts';
import { WAITLIST_VERBS, type WaitlistActionData } from './waitlist-verbs';

export { isWaitlistVerb, parseWaitlistAction, WAITLIST_VERBS, type WaitlistActionData, type WaitlistVerb } from './waitlist-verbs';

function waitlistButton(title: string, data: WaitlistActionData, style?: 'positive' | 'destructive'): ExecuteAction {
  return executeAction(title, data, style);
}

/** "Notify me if a place frees up", for a refusal card when no desk is left that day, with the wish it answers. */
export function joinWaitlistButton(date: string, locale: Locale, wish: { readonly zoneId?: string; readonly attributes?: readonly string[] } = {}): ExecuteAction {
  return waitlistButton(t(locale, 'waitlist.action.join'), {
    verb: WAITLIST_VERBS.join,
    date,
    ...(wish.zoneId !== undefined && { zoneId: wish.zoneId }),
    ...(wish.attributes !== undefined && wish.attributes.length > 0 && { attributes: wish.attributes }),
  });
}

/** A card with "Notify me if a place frees up" added to its buttons. */
export function withJoinWaitlist(card: AdaptiveCard, date: string, locale: Locale, wish: { readonly zoneId?: string; readonly attributes?: readonly string[] } = {}): AdaptiveCard {
  return { ...card, actions: [...card.actions, joinWaitlistButton(date, locale, wish)] };
}

export function waitlistJoinedCard(input: { readonly date: string; readonly position: number; readonly entryId: string }, locale: Locale): AdaptiveCard {
  return adaptiveCard(
    [heading(t(locale, 'waitlist.joined.title')), textBlock(t(locale, 'waitlist.joined.text', { date: dayText(input.date, locale), position: input.position }), { spacing: 'Small' })],
    [waitlistButton(t(locale, 'waitlist.action.leave'), { verb: WAITLIST_VERBS.leave, entryId: input.entryId })],
  );
}

export interface WaitlistOfferCardInput extends DeskUntil {
  readonly entryId: string;
}

/** "A desk is free": the held desk, until when, and Book it / No, thanks. */
export function waitlistOfferCard(input: WaitlistOfferCardInput, locale: Locale): AdaptiveCard {
  const actions: CardAction[] = [
    waitlistButton(t(locale, 'waitlist.action.book'), { verb: WAITLIST_VERBS.book, entryId: input.entryId }, 'positive'),
    waitlistButton(t(locale, 'waitlist.action.decline'), { verb: WAITLIST_VERBS.decline, entryId: input.entryId }),
  ];
  const map = openUrlAction(t(locale, 'card.action.openMap'), input.mapUrl);
  if (map) actions.push(map);
  const deadline = deadlineText(input.deadline);
  return adaptiveCard(
    [
      { ...heading(t(locale, 'waitlist.offer.title')), color: 'Good' },
      textBlock(t(locale, 'waitlist.offer.text', { desk: labelText(input.deskLabel), date: dayText(input.date, locale), deadline }), { spacing: 'Small' }),
      factSet(whereFacts(input, locale)),
    ],
    actions,
  );
}

/** The notification preview of an offer. */
export function waitlistOfferSummary(input: Pick<WaitlistOfferCardInput, 'date' | 'deskLabel'>, locale: Locale): string {
  return t(locale, 'waitlist.offer.summary', { date: dayText(input.date, locale), desk: labelText(input.deskLabel) });
}

/**
 * The offer card's input from the notifier's message (ProactiveMessage 'waitlist-offer'): what a proactive renderer
 * needs to show it, with the map link for its day and floor.
 */
export function waitlistOfferInputOf(
  message: { readonly entryId: string; readonly booking: { readonly date: string; readonly floorId: string }; readonly desk: { readonly label: string; readonly zoneName?: string; readonly floorName?: string }; readonly deadline: string },
  mapUrl?: (date: string, floorId?: string) => string | undefined,
): WaitlistOfferCardInput {
  const url = mapUrl?.(message.booking.date, message.booking.floorId);
  return {
    entryId: message.entryId,
    date: message.booking.date,
    deskLabel: message.desk.label,
    ...(message.desk.zoneName && { zoneName: message.desk.zoneName }),
    ...(message.desk.floorName && { floorName: message.desk.floorName }),
    deadline: message.deadline,
    ...(url && { mapUrl: url }),
  };
}

/**
 * The card and notification preview of a 'waitlist-offer' proactive message, for the notifier's renderer: the one
 * branch it needs is `card, summary = renderWaitlistOffer(message, locale, mapUrl)`.
 */
export function renderWaitlistOffer(
  message: Parameters<typeof waitlistOfferInputOf>[0],
  locale: Locale,
  mapUrl?: (date: string, floorId?: string) => string | undefined,
): { card: AdaptiveCard; summary: string } {
  const input = waitlistOfferInputOf(message, mapUrl);
  return { card: waitlistOfferCard(input, locale), summary: waitlistOfferSummary(input, locale) };
}
