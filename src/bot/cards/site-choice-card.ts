import { t, type Locale } from '../../i18n/messages';
import { adaptiveCard, heading, textBlock, type AdaptiveCard, type CardAction } from './adaptive-card';
import { button, LIMITS } from './card-parts';
import { escapeMarkdown } from './markdown';
import { MAX_CARRIED_TEXT, VERBS } from './verbs';

/** Buttons Teams shows in a row before folding them into "…"; more sites than this are rare for one organisation. */
export const MAX_SITE_CHOICES = 6;

export interface SiteChoiceCardInput {
  readonly sites: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  /** The message that needs a site, carried back by each button so that it is answered in the site chosen. */
  readonly text?: string;
}

/** "Which site?": one button per site. The choice is kept for the conversation, so it is asked once. */
export function siteChoiceCard(input: SiteChoiceCardInput, locale: Locale): AdaptiveCard {
  const text = input.text !== undefined && input.text.length > 0 && input.text.length <= MAX_CARRIED_TEXT ? input.text : undefined;
  const actions: CardAction[] = input.sites.slice(0, MAX_SITE_CHOICES).map((s) =>
    button(s.name.slice(0, LIMITS.name), { verb: VERBS.siteChoose, siteId: s.id, ...(text !== undefined && { text }) }),
  );
  return adaptiveCard([heading(t(locale, 'chat.site.title')), textBlock(escapeMarkdown(t(locale, 'chat.site.text'), LIMITS.sentence), { spacing: 'Small' })], actions);
}
