import { t, type Locale } from '../../i18n/messages';
import {
  adaptiveCard,
  heading,
  openUrlAction,
  textBlock,
  type AdaptiveCard,
  type CardAction,
} from './adaptive-card';
import { bookButton, LIMITS } from './card-parts';
import { escapeMarkdown } from './markdown';
import { toRequestId } from './verbs';
import { joinWaitlistButton } from './waitlist-cards';

/** The domain offers at most three alternatives (MAX_ALTERNATIVES in src/domain/refusal.ts). */
export const MAX_REFUSAL_ALTERNATIVES = 3;

export interface CardAlternative {
  readonly deskId: string;
  readonly deskLabel: string;
  readonly date: string;
  /** Its button title, from describeAlternative: "Desk 3.14, 2.1 m away". */
  readonly text: string;
}

export interface RefusalCardInput {
  /** Which rule refused and why, from describeRefusal, in the reader's language; plain text, escaped here. */
  readonly sentence: string;
  readonly alternatives: readonly CardAlternative[];
  readonly requestId: string;
  readonly mapUrl?: string;
  /** No desk is left that day: offer "Notify me if a place frees up" for it. */
  readonly waitlistDate?: string;
}

/**
 * The request id of the i-th alternative: `${requestId}-a${i}`, cutting the base rather than the suffix when it
 * is too long, so that two alternatives never share an id.
 */
export function alternativeRequestId(requestId: string, index: number): string {
  const suffix = `-a${index}`;
  return `${toRequestId(requestId).slice(0, 100 - suffix.length)}${suffix}`;
}

/** Why a booking was refused, with the alternatives as buttons. */
export function refusalCard(input: RefusalCardInput, locale: Locale): AdaptiveCard {
  const alternatives = input.alternatives.slice(0, MAX_REFUSAL_ALTERNATIVES);
  const actions: CardAction[] = alternatives.map((alt, i) =>
    bookButton(alt.text, alt.deskId, alt.date, alternativeRequestId(input.requestId, i)),
  );
  if (input.waitlistDate !== undefined) actions.push(joinWaitlistButton(input.waitlistDate, locale));
  const map = openUrlAction(t(locale, 'card.action.openMap'), input.mapUrl);
  if (map) actions.push(map);
  return adaptiveCard(
    [
      { ...heading(t(locale, 'card.refusal.title')), color: 'Attention' },
      textBlock(escapeMarkdown(input.sentence, LIMITS.sentence), { spacing: 'Small' }),
      alternatives.length > 0
        ? textBlock(t(locale, 'alternatives.intro'), { weight: 'Bolder' })
        : textBlock(t(locale, 'card.refusal.noAlternatives'), { isSubtle: true }),
    ],
    actions,
  );
}
