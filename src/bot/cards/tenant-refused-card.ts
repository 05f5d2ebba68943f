import { t, type Locale } from '../../i18n/messages';
import { adaptiveCard, heading, textBlock, type AdaptiveCard } from './adaptive-card';

/** The answer to a person whose organisation is not on the allow-list: why, and that nothing was kept. No buttons: none would work. */
export function tenantRefusedCard(locale: Locale): AdaptiveCard {
  return adaptiveCard([{ ...heading(t(locale, 'tenant.refused.title')), color: 'Attention' }, textBlock(t(locale, 'tenant.refused.text'), { spacing: 'Small' })], []);
}
