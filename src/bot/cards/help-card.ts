import { t, translate, type Locale, type MessageKey } from '../../i18n/messages';
import { adaptiveCard, heading, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card';
import { myBookingsButton } from './card-parts';

const EXAMPLES: readonly MessageKey[] = [
  'card.help.example.book',
  'card.help.example.bookWith',
  'card.help.example.bookings',
  'card.help.example.cancel',
  'card.help.example.checkIn',
  'card.help.example.release',
  'card.help.example.whoIsIn',
];

export interface HelpCardOptions {
  /** Open with "Sorry, I did not understand that." (the answer to anything the bot cannot parse). */
  readonly notUnderstood?: boolean;
}

/** What the bot understands, with examples in the reader's language. */
export function helpCard(locale: Locale, options: HelpCardOptions = {}): AdaptiveCard {
  const body: CardElement[] = [];
  if (options.notUnderstood)
    body.push(textBlock(t(locale, 'card.help.notUnderstood'), { color: 'Attention' }));
  body.push(
    heading(t(locale, 'card.help.title')),
    textBlock(t(locale, 'card.help.intro'), { spacing: 'Small' }),
    ...EXAMPLES.map((key, i) =>
      textBlock(`• ${translate(locale, key)}`, { spacing: i === 0 ? 'Small' : 'None' }),
    ),
  );
  return adaptiveCard(body, [myBookingsButton(locale)]);
}

/** The example phrases of the help card, e.g. for tests that check the parser understands them. */
export function helpExamples(locale: Locale): string[] {
  return EXAMPLES.map((key) => translate(locale, key));
}
