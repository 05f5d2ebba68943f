/**
 * The waitlist's cards and buttons: "Notify me if a place frees up" on a refusal, "You are on the waitlist", and the
 * offer "A desk is free: Book it". The buttons carry what was clicked (a day, an entry id), never who clicked: the
 * handler acts for `from.aadObjectId` alone, and an entry id only selects among that person's own entries.
 */
import { t, type Locale } from '../../i18n/messages';
import { adaptiveCard, factSet, heading, openUrlAction, textBlock, type AdaptiveCard, type CardAction, type ExecuteAction, type Fact } from './adaptive-card';
import { dayText, labelText, nameText } from './card-parts';
import { escapeMarkdown } from './markdown';
import { isCivilDate, isDeskId } from './verbs';

export const WAITLIST_VERBS = {
  join: 'waitlist.join',
  book: 'waitlist.book',
  decline: 'waitlist.decline',
  leave: 'waitlist.leave',
} as const;

export type WaitlistVerb = (typeof WAITLIST_VERBS)[keyof typeof WAITLIST_VERBS];

export type WaitlistActionData =
  | { readonly verb: typeof WAITLIST_VERBS.join; readonly date: string; readonly zoneId?: string; readonly attributes?: readonly string[] }
  | { readonly verb: typeof WAITLIST_VERBS.book | typeof WAITLIST_VERBS.decline | typeof WAITLIST_VERBS.leave; readonly entryId: string };

const ATTRIBUTE = /^[a-z0-9][a-z0-9 _-]{0,31}$/;

/** Entry ids are `<date>.<random>`, as booking ids. */
const ENTRY_ID = /^\d{4}-\d{2}-\d{2}\.[A-Za-z0-9_-]{8,40}$/;

export function isWaitlistVerb(value: unknown): value is WaitlistVerb {
  return typeof value === 'string' && (Object.values(WAITLIST_VERBS) as string[]).includes(value);
}

/** Card data re-validated field by field (the client controls it); extras, a user id among them, are dropped. */
export function parseWaitlistAction(value: unknown): WaitlistActionData | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return null;
  const own = (k: string): unknown => (Object.prototype.hasOwnProperty.call(value, k) ? (value as Record<string, unknown>)[k] : undefined);
  const verb = own('verb');
  if (!isWaitlistVerb(verb)) return null;
  if (verb === WAITLIST_VERBS.join) {
    const date = own('date');
    const zoneId = own('zoneId');
    const attributes = own('attributes');
    if (!isCivilDate(date) || (zoneId !== undefined && !isDeskId(zoneId))) return null;
    if (attributes !== undefined && !(Array.isArray(attributes) && attributes.length <= 8 && attributes.every((a) => typeof a === 'string' && ATTRIBUTE.test(a)))) return null;
    return { verb, date, ...(zoneId !== undefined && { zoneId }), ...(attributes !== undefined && { attributes: [...(attributes as string[])] }) };
  }
  const entryId = own('entryId');
  if (typeof entryId !== 'string' || !ENTRY_ID.test(entryId)) return null;
  return { verb, entryId };
}

function waitlistButton(title: string, data: WaitlistActionData, style?: 'positive' | 'destructive'): ExecuteAction {
  const styled = style === undefined ? {} : { style };
  return { type: 'Action.Execute', title, verb: data.verb, data: { ...data }, ...styled, fallback: { type: 'Action.Submit', title, data: { ...data }, ...styled } };
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

export interface WaitlistOfferCardInput {
  readonly entryId: string;
  readonly date: string;
  readonly deskLabel: string;
  readonly zoneName?: string;
  readonly floorName?: string;
  /** Site-local HH:MM when the offer passes on. */
  readonly deadline: string;
  readonly mapUrl?: string;
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "A desk is free": the held desk, until when, and Book it / No, thanks. */
export function waitlistOfferCard(input: WaitlistOfferCardInput, locale: Locale): AdaptiveCard {
  const facts: Fact[] = [{ title: t(locale, 'card.fact.desk'), value: labelText(input.deskLabel) }];
  if (input.zoneName?.trim()) facts.push({ title: t(locale, 'card.fact.zone'), value: nameText(input.zoneName) });
  if (input.floorName?.trim()) facts.push({ title: t(locale, 'card.fact.floor'), value: nameText(input.floorName) });
  const actions: CardAction[] = [
    waitlistButton(t(locale, 'waitlist.action.book'), { verb: WAITLIST_VERBS.book, entryId: input.entryId }, 'positive'),
    waitlistButton(t(locale, 'waitlist.action.decline'), { verb: WAITLIST_VERBS.decline, entryId: input.entryId }),
  ];
  const map = openUrlAction(t(locale, 'card.action.openMap'), input.mapUrl);
  if (map) actions.push(map);
  const deadline = HH_MM.test(input.deadline) ? input.deadline : escapeMarkdown(input.deadline, 10);
  return adaptiveCard(
    [
      { ...heading(t(locale, 'waitlist.offer.title')), color: 'Good' },
      textBlock(t(locale, 'waitlist.offer.text', { desk: labelText(input.deskLabel), date: dayText(input.date, locale), deadline }), { spacing: 'Small' }),
      factSet(facts),
    ],
    actions,
  );
}

/** The notification preview of an offer. */
export function waitlistOfferSummary(input: Pick<WaitlistOfferCardInput, 'date' | 'deskLabel'>, locale: Locale): string {
  return t(locale, 'waitlist.offer.summary', { date: dayText(input.date, locale), desk: labelText(input.deskLabel) });
}
