import { pluralKey, t, translate, type Locale } from '../../i18n/messages';
import {
  adaptiveCard,
  factSet,
  heading,
  openUrlAction,
  textBlock,
  type AdaptiveCard,
  type CardAction,
  type Fact,
} from './adaptive-card';
import { attributesText, bookButton, button, dayText, labelText, nameText } from './card-parts';
import { toRequestId, VERBS } from './verbs';

/** A desk as the cards show it: names, not ids, except for the id the buttons carry. */
export interface CardDesk {
  readonly id: string;
  readonly label: string;
  readonly zoneName?: string;
  readonly floorName?: string;
  readonly attributes?: readonly string[];
}

/** Why the domain chose the desk (`Suggestion['why']` in src/domain/suggest.ts). */
export interface SuggestionWhy {
  readonly favourite: boolean;
  readonly preferredZone: boolean;
  readonly matchedAttributes: readonly string[];
  /** Free desks that booking this one would make too close for others. */
  readonly blocksFreeDesks: number;
  /** Not asked for, but one of the person's favourites or their desk of last time (the reason it came first). */
  readonly ownDesk?: 'favourite' | 'last-time';
}

export interface SuggestionCardInput {
  readonly date: string;
  readonly desk: CardDesk;
  readonly why: SuggestionWhy;
  /** Makes Confirm book once however often it is clicked; also carried by "Pick another". */
  readonly requestId: string;
  /** A deep link to the Book tab on that day. */
  readonly mapUrl?: string;
  /** Other free desks that match the request; "Pick another" is offered only when there are some. */
  readonly otherDeskCount: number;
  /** The request's constraints, kept for "Pick another". */
  readonly constraints?: { readonly zoneId?: string; readonly attributes?: readonly string[] };
}

/** Facts about a desk: zone, floor and features, each only when known. */
export function deskFacts(desk: Omit<CardDesk, 'id' | 'label'>, locale: Locale): Fact[] {
  const facts: Fact[] = [];
  if (desk.zoneName?.trim())
    facts.push({ title: t(locale, 'card.fact.zone'), value: nameText(desk.zoneName) });
  if (desk.floorName?.trim())
    facts.push({ title: t(locale, 'card.fact.floor'), value: nameText(desk.floorName) });
  const features = attributesText(desk.attributes, locale);
  if (features) facts.push({ title: t(locale, 'card.fact.features'), value: features });
  return facts;
}

/** The reasons the desk was chosen, in the order the domain weighs them. */
function whySentences(why: SuggestionWhy, locale: Locale): string[] {
  const out: string[] = [];
  if (why.favourite) out.push(t(locale, 'card.why.favourite'));
  else if (why.ownDesk === 'favourite') out.push(t(locale, 'card.why.myFavourite'));
  else if (why.ownDesk === 'last-time') out.push(t(locale, 'card.why.lastTime'));
  if (why.preferredZone) out.push(t(locale, 'card.why.preferredZone'));
  const matched = attributesText(why.matchedAttributes, locale);
  if (matched) out.push(t(locale, 'card.why.matchedAttributes', { features: matched }));
  const blocks = why.blocksFreeDesks;
  if (Number.isFinite(blocks) && blocks >= 0) {
    out.push(
      blocks === 0
        ? t(locale, 'card.why.blocksNone')
        : translate(locale, pluralKey(locale, 'card.why.blocks', blocks), { count: Math.trunc(blocks) }),
    );
  }
  return out;
}

function othersSentence(count: number, locale: Locale): string {
  if (!Number.isFinite(count) || count <= 0) return t(locale, 'card.suggestion.others.none');
  const n = Math.trunc(count);
  return translate(locale, pluralKey(locale, 'card.suggestion.others', n), { count: n });
}

/** The desk the domain suggests for a day, why, and Confirm / Pick another / Open map. */
export function suggestionCard(input: SuggestionCardInput, locale: Locale): AdaptiveCard {
  const { date, desk, why } = input;
  const requestId = toRequestId(input.requestId);
  const why_ = whySentences(why, locale);
  const facts = deskFacts(desk, locale);

  const actions: CardAction[] = [
    bookButton(t(locale, 'card.action.confirm'), desk.id, date, requestId, 'positive'),
  ];
  if (Number.isFinite(input.otherDeskCount) && input.otherDeskCount > 0) {
    actions.push(
      button(t(locale, 'card.action.pickAnother'), {
        verb: VERBS.bookChange,
        date,
        requestId,
        deskId: desk.id,
        ...(input.constraints?.zoneId && { zoneId: input.constraints.zoneId }),
        ...(input.constraints?.attributes?.length && { attributes: [...input.constraints.attributes] }),
      }),
    );
  }
  const map = openUrlAction(t(locale, 'card.action.openMap'), input.mapUrl);
  if (map) actions.push(map);

  return adaptiveCard(
    [
      heading(t(locale, 'card.suggestion.title', { date: dayText(date, locale) })),
      textBlock(t(locale, 'card.desk', { desk: labelText(desk.label) }), {
        size: 'Large',
        weight: 'Bolder',
        spacing: 'Small',
      }),
      ...(facts.length > 0 ? [factSet(facts)] : []),
      ...(why_.length > 0
        ? [
            textBlock(t(locale, 'card.why.title'), { weight: 'Bolder' as const, spacing: 'Medium' as const }),
            textBlock(why_.join(' '), { spacing: 'None' }),
          ]
        : []),
      textBlock(othersSentence(input.otherDeskCount, locale), { isSubtle: true, spacing: 'Small' }),
    ],
    actions,
  );
}
