import { t, type Locale } from '../../i18n/messages';
import { adaptiveCard, factSet, heading, openUrlAction, textBlock, type AdaptiveCard, type CardAction, type Fact } from '../cards/adaptive-card';
import { bookingButton, dayText, labelText, myBookingsButton, nameText } from '../cards/card-parts';
import { VERBS } from '../cards/verbs';
import type { ProactiveMessage } from '../../use-cases/reminders/reminder-ports';

type BookedForMessage = Extract<ProactiveMessage, { kind: 'booked-for' }>;

/**
 * "Dan booked desk 3.12 for you on Thursday": the desk is the person's own booking, so the card offers what their own
 * bookings offer (Cancel, My bookings, Open map); the Cancel button carries the booking id, and the bot acts for the
 * person who clicks, so only its owner can use it.
 */
export function renderBookedFor(
  message: BookedForMessage,
  locale: Locale,
  mapUrl?: (date: string, floorId?: string) => string | undefined,
): { card: AdaptiveCard; summary: string } {
  const b = message.booking;
  const who = nameText(message.bookedByName);
  const facts: Fact[] = [
    { title: t(locale, 'card.fact.desk'), value: labelText(message.desk.label) },
    ...(message.desk.zoneName?.trim() ? [{ title: t(locale, 'card.fact.zone'), value: nameText(message.desk.zoneName) }] : []),
    ...(message.desk.floorName?.trim() ? [{ title: t(locale, 'card.fact.floor'), value: nameText(message.desk.floorName) }] : []),
    { title: t(locale, 'delegation.card.bookedBy'), value: who },
  ];
  const actions: CardAction[] = [bookingButton(t(locale, 'card.action.cancel'), VERBS.bookingCancel, b.id, 'destructive'), myBookingsButton(locale)];
  const map = openUrlAction(t(locale, 'card.action.openMap'), mapUrl?.(b.date, b.floorId));
  if (map) actions.push(map);
  const card = adaptiveCard(
    [
      { ...heading(t(locale, 'delegation.card.title')), color: 'Accent' },
      textBlock(t(locale, 'delegation.card.text', { name: who, desk: labelText(message.desk.label), date: dayText(b.date, locale) }), { spacing: 'Small' }),
      factSet(facts),
    ],
    actions,
  );
  const summary = t(locale, 'delegation.card.summary', { name: message.bookedByName.slice(0, 60), desk: message.desk.label.slice(0, 60) });
  return { card, summary };
}
