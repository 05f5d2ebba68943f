import type { Locale } from '../../i18n/messages';
import type { AdaptiveCard } from './adaptive-card';

/**
 * Writes the card's language into the data of its buttons, so that a click is answered in the language the card
 * was written in. Teams (and the Playground) send the client's locale with a click, which may differ from the
 * language the person wrote in.
 */
export function withCardLanguage(card: AdaptiveCard, locale: Locale): AdaptiveCard {
  const stamp = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(stamp);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) out[k] = stamp(v);
    if ((out['type'] === 'Action.Execute' || out['type'] === 'Action.Submit') && out['data'] && typeof out['data'] === 'object') {
      out['data'] = { ...(out['data'] as Record<string, unknown>), lang: locale };
    }
    return out;
  };
  return stamp(card) as AdaptiveCard;
}
