import { adminCancelledCard, adminCancelledSummary, noShowReleasedCard, noShowReleasedSummary, reminderCard, reminderSummary, withCardLanguage } from '../cards';
import { renderWaitlistOffer } from '../cards/waitlist-cards';
import { renderBookedFor } from './booked-for-card';
import { renderCancelledFor } from './cancelled-for-card';
import { describeAlternative, describeRefusal } from '../../i18n/describe-refusal';
import type { Locale } from '../../i18n/messages';
import type { ProactiveMessage } from '../../use-cases/reminders/reminder-ports';

/** The activity of a proactive message: the card in the person's language, a notification preview, an alert. */
export function renderProactive(
  message: ProactiveMessage,
  locale: Locale,
  mapUrl?: (date: string, floorId?: string) => string | undefined,
): Record<string, unknown> {
  const b = message.booking;
  const place = {
    deskLabel: message.desk.label,
    date: b.date,
    ...(message.desk.zoneName && { zoneName: message.desk.zoneName }),
    ...(message.desk.floorName && { floorName: message.desk.floorName }),
  };
  let card;
  let summary;
  switch (message.kind) {
    case 'cancelled-by-admin': {
      const alternatives = message.refusal.alternatives.map((a) => ({ deskId: a.deskId, deskLabel: a.deskLabel, date: a.date, text: describeAlternative(a, locale) }));
      const input = { ...place, bookingId: b.id, reason: describeRefusal(message.refusal, locale), alternatives };
      card = adminCancelledCard(input, locale);
      summary = adminCancelledSummary(input, locale);
      break;
    }
    case 'check-in-reminder': {
      const where = { ...place, deadline: message.deadline };
      const url = mapUrl?.(b.date, b.floorId);
      card = reminderCard({ ...where, bookingId: b.id, ...(url && { mapUrl: url }) }, locale);
      summary = reminderSummary(where, locale);
      break;
    }
    case 'waitlist-offer':
      ({ card, summary } = renderWaitlistOffer(message, locale, mapUrl));
      break;
    case 'booked-for':
      ({ card, summary } = renderBookedFor(message, locale, mapUrl));
      break;
    case 'cancelled-for':
      ({ card, summary } = renderCancelledFor(message, locale, mapUrl));
      break;
    case 'no-show-released': {
      const where = { ...place, deadline: message.deadline };
      card = noShowReleasedCard(where, locale);
      summary = noShowReleasedSummary(where, locale);
      break;
    }
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
