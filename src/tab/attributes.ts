import { MESSAGES, translate, type Locale, type MessageKey } from '../i18n/messages';

/** The well-known attributes first, in this order; a site's own words follow, sorted. */
const ORDER = ['monitor', 'standing', 'docking', 'accessible', 'quiet', 'window'];

/** A desk attribute in words; a site's own word (not in the catalogue) is shown as it is. */
export function attributeLabel(attribute: string, locale: Locale): string {
  const key = `tab.attribute.${attribute}`;
  return Object.prototype.hasOwnProperty.call(MESSAGES.en, key) ? translate(locale, key as MessageKey) : attribute;
}

export function sortAttributes(attributes: Iterable<string>): string[] {
  const rank = (a: string): number => {
    const i = ORDER.indexOf(a);
    return i < 0 ? ORDER.length : i;
  };
  return [...new Set(attributes)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
