import { t, type Locale } from '../../i18n/messages';
import { adaptiveCard, factSet, heading, openUrlAction, textBlock, type AdaptiveCard, type CardAction, type Fact } from '../cards/adaptive-card';
import { dayText, labelText, myBookingsButton, nameText } from '../cards/card-parts';
import type { ProactiveMessage } from '../../use-cases/reminders/reminder-ports';

type CancelledForMessage = Extract<ProactiveMessage, { kind: 'cancelled-for' }>;

/**
 * "Dan cancelled desk 3.12 he had booked for you on Thursday": the desk is free again, so the card offers the
 * person's bookings and the map, where they can book another one themselves.
 */
export function renderCancelledFor(
  message: CancelledForMessage,
  locale: Locale,
  mapUrl?: (date: string, floorId?: string) => string | undefined,
): { card: AdaptiveCard; summary: string } {
  const b = message.booking;
  const who = nameText(message.cancelledByName);
  const facts: Fact[] = [
    { title: t(locale, 'card.fact.desk'), value: labelText(message.desk.label) },
    ...(message.desk.floorName?.trim() ? [{ title: t(locale, 'card.fact.floor'), value: nameText(message.desk.floorName) }] : []),
    { title: t(locale, 'delegation.cancelCard.cancelledBy'), value: who },
  ];
  const actions: CardAction[] = [myBookingsButton(locale)];
  const map = openUrlAction(t(locale, 'card.action.openMap'), mapUrl?.(b.date, b.floorId));
  if (map) actions.push(map);
  const card = adaptiveCard(
    [
      { ...heading(t(locale, 'delegation.cancelCard.title')), color: 'Attention' },
      textBlock(t(locale, 'delegation.cancelCard.text', { name: who, desk: labelText(message.desk.label), date: dayText(b.date, locale) }), { spacing: 'Small' }),
      factSet(facts),
    ],
    actions,
  );
  const summary = t(locale, 'delegation.cancelCard.summary', { name: message.cancelledByName.slice(0, 60), desk: message.desk.label.slice(0, 60) });
  return { card, summary };
}
