import { formatList, pluralKey, t, translate, type Locale } from '../../i18n/messages';
import {
  adaptiveCard,
  heading,
  textBlock,
  type AdaptiveCard,
  type CardElement,
  type Container,
} from './adaptive-card';
import { dayText, LIMITS, nameText } from './card-parts';
import { escapeMarkdown, plainText } from './markdown';

export const MAX_ZONES_SHOWN = 30;
export const MAX_NAMES_PER_ZONE = 30;
/** Names across the whole card, so that a large site stays well under the size limit. */
export const MAX_NAMES_SHOWN = 150;

export interface WhoIsInZone {
  readonly name: string;
  readonly booked: number;
  /** The zone's cap that day, when it has one. */
  readonly capacity?: number;
  /** Who booked; only when the site's privacy policy lets the caller see names (the caller decides). */
  readonly names?: readonly string[];
}

export interface WhoIsInCardInput {
  readonly date: string;
  readonly zones: readonly WhoIsInZone[];
}

function count(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.trunc(n) : 0;
}

function zoneBlock(zone: WhoIsInZone, budget: { names: number }, locale: Locale): Container {
  const booked = count(zone.booked);
  const counts =
    zone.capacity !== undefined && Number.isFinite(zone.capacity)
      ? t(locale, 'card.whoIsIn.count', { booked, capacity: count(zone.capacity) })
      : t(locale, 'card.whoIsIn.countNoCapacity', { booked });
  const items: CardElement[] = [textBlock(`**${nameText(zone.name)}** · ${counts}`)];
  const names = (zone.names ?? []).filter((n) => typeof n === 'string' && plainText(n).length > 0);
  if (names.length > 0) {
    const take = Math.min(names.length, MAX_NAMES_PER_ZONE, budget.names);
    budget.names -= take;
    const shown = names.slice(0, take).map((n) => escapeMarkdown(n, LIMITS.personName));
    const others = names.length - take;
    if (others > 0)
      shown.push(translate(locale, pluralKey(locale, 'card.whoIsIn.others', others), { count: others }));
    items.push(textBlock(formatList(shown, locale), { isSubtle: true, spacing: 'None' }));
  }
  return { type: 'Container', separator: true, items };
}

/** "Who is in on Thursday": counts per zone, and names where the caller was allowed to pass them. */
export function whoIsInCard(input: WhoIsInCardInput, locale: Locale): AdaptiveCard {
  const date = dayText(input.date, locale);
  const body: CardElement[] = [heading(t(locale, 'card.whoIsIn.title', { date }))];
  const total = input.zones.reduce((sum, z) => sum + count(z.booked), 0);
  if (total === 0) {
    body.push(textBlock(t(locale, 'card.whoIsIn.nobody', { date })));
    return adaptiveCard(body);
  }
  const budget = { names: MAX_NAMES_SHOWN };
  const zones = input.zones.slice(0, MAX_ZONES_SHOWN);
  body.push(...zones.map((z) => zoneBlock(z, budget, locale)));
  const hidden = input.zones.length - zones.length;
  if (hidden > 0) {
    body.push(
      textBlock(translate(locale, pluralKey(locale, 'card.whoIsIn.moreZones', hidden), { count: hidden }), {
        isSubtle: true,
      }),
    );
  }
  return adaptiveCard(body);
}
