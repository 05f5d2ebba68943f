import { noShowReleasedCard, noShowReleasedSummary, reminderCard, reminderSummary, withCardLanguage } from '../cards';
import type { Locale } from '../../i18n/messages';
import type { ProactiveMessage } from '../../use-cases/reminders/reminder-ports';

/** The activity of a proactive message: the card in the person's language, a notification preview, an alert. */
export function renderProactive(
  message: ProactiveMessage,
  locale: Locale,
  mapUrl?: (date: string, floorId?: string) => string | undefined,
): Record<string, unknown> {
  const b = message.booking;
  const where = {
    deskLabel: message.desk.label,
    date: b.date,
    deadline: message.deadline,
    ...(message.desk.zoneName && { zoneName: message.desk.zoneName }),
    ...(message.desk.floorName && { floorName: message.desk.floorName }),
  };
  let card;
  let summary;
  if (message.kind === 'check-in-reminder') {
    const url = mapUrl?.(b.date, b.floorId);
    card = reminderCard({ ...where, bookingId: b.id, ...(url && { mapUrl: url }) }, locale);
    summary = reminderSummary(where, locale);
  } else {
    card = noShowReleasedCard(where, locale);
    summary = noShowReleasedSummary(where, locale);
  }
  return {
    type: 'message',
    locale,
    summary,
    // The buttons carry the card's language, so a click is answered in it whatever the client's locale.
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: withCardLanguage(card, locale) }],
    // A proactive card should show in the person's activity feed, not only in the chat.
    channelData: { notification: { alert: true } },
  };
}
