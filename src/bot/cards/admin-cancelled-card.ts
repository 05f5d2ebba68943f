import { formatDate, t, type Locale } from '../../i18n/messages';
import { adaptiveCard, factSet, heading, textBlock, type AdaptiveCard, type CardAction, type Fact } from './adaptive-card';
import { bookButton, dayText, LIMITS, labelText, myBookingsButton, nameText } from './card-parts';
import { escapeMarkdown } from './markdown';
import { alternativeRequestId, MAX_REFUSAL_ALTERNATIVES, type CardAlternative } from './refusal-card';

/** A booking an admin's change of the rules (a policy or a new floor layout) cancelled, as its owner is told. */
export interface AdminCancelledCardInput {
  readonly bookingId: string;
  readonly date: string;
  readonly deskLabel: string;
  readonly zoneName?: string;
  readonly floorName?: string;
  /** Which rule the booking breaks now, from describeRefusal, in the reader's language; plain text, escaped here. */
  readonly reason: string;
  /** Free desks the person can book instead with one click (at most three are shown). */
  readonly alternatives: readonly CardAlternative[];
}

/**
 * Tells the owner that the new rules cancelled their booking, why (the rule, with its numbers), and offers up to three
 * desks to book instead, each one click (Action.Execute book.confirm with a request id of its own, so that a double
 * click books once).
 */
export function adminCancelledCard(input: AdminCancelledCardInput, locale: Locale): AdaptiveCard {
  const alternatives = input.alternatives.slice(0, MAX_REFUSAL_ALTERNATIVES);
  const actions: CardAction[] = alternatives.map((alt, i) =>
    bookButton(alt.text, alt.deskId, alt.date, alternativeRequestId(`cx-${input.bookingId}`, i), i === 0 ? 'positive' : undefined),
  );
  actions.push(myBookingsButton(locale));
  const facts: Fact[] = [{ title: t(locale, 'card.fact.desk'), value: labelText(input.deskLabel) }];
  if (input.zoneName?.trim()) facts.push({ title: t(locale, 'card.fact.zone'), value: nameText(input.zoneName) });
  if (input.floorName?.trim()) facts.push({ title: t(locale, 'card.fact.floor'), value: nameText(input.floorName) });
  return adaptiveCard(
    [
      { ...heading(t(locale, 'admin.cancelled.title')), color: 'Warning' },
      textBlock(t(locale, 'admin.cancelled.text', { desk: labelText(input.deskLabel), date: dayText(input.date, locale) }), { spacing: 'Small' }),
      textBlock(escapeMarkdown(input.reason, LIMITS.sentence), { spacing: 'Small' }),
      factSet(facts),
      alternatives.length > 0
        ? textBlock(t(locale, 'alternatives.intro'), { weight: 'Bolder' })
        : textBlock(t(locale, 'card.refusal.noAlternatives'), { isSubtle: true }),
    ],
    actions,
  );
}

/** The notification preview (plain text: no Markdown is rendered there). */
export function adminCancelledSummary(input: Pick<AdminCancelledCardInput, 'deskLabel' | 'date'>, locale: Locale): string {
  return t(locale, 'admin.cancelled.summary', { desk: input.deskLabel.slice(0, 60), date: formatDate(input.date, locale) });
}
