import { pluralKey, t, translate, type Locale } from '../../i18n/messages';
import {
  actionSet,
  adaptiveCard,
  heading,
  textBlock,
  type AdaptiveCard,
  type CardElement,
  type Container,
} from './adaptive-card';
import { statusText, type CardBooking } from './booked-card';
import { bookingButtons, capped, dayText, labelText, whereText } from './card-parts';

/** Twenty rows keep the card small and readable; "my bookings" covers a month ahead. */
export const MAX_BOOKINGS_SHOWN = 20;

export interface BookingsCardInput {
  /** The caller's upcoming bookings; shown in date order. */
  readonly bookings: readonly CardBooking[];
  /** Today in the site's time zone, YYYY-MM-DD. */
  readonly today: string;
}

function bookingRow(booking: CardBooking, today: string, locale: Locale): Container {
  const day = dayText(booking.date, locale);
  const title = booking.date === today ? `${day} · ${t(locale, 'card.bookings.today')}` : day;
  const where = whereText(booking.zoneName, booking.floorName);
  const desk = t(locale, 'card.desk', { desk: labelText(booking.deskLabel) });
  const checkedIn = booking.checkedIn || booking.status === 'checked-in';
  const buttons = bookingButtons(booking, today, locale);
  const items: CardElement[] = [
    textBlock(title, { weight: 'Bolder' }),
    textBlock(where ? `${desk} · ${where}` : desk, { spacing: 'None' }),
  ];
  if (checkedIn || booking.status !== 'booked') {
    items.push(
      textBlock(statusText(booking, locale), {
        spacing: 'None',
        isSubtle: true,
        color: checkedIn ? 'Good' : 'Warning',
      }),
    );
  }
  if (buttons.length > 0) items.push(actionSet(buttons));
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

/** "My bookings": each upcoming booking with Cancel, and Check in on the day. */
export function bookingsCard(input: BookingsCardInput, locale: Locale): AdaptiveCard {
  const sorted = [...input.bookings].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const { shown, hidden } = capped(sorted, MAX_BOOKINGS_SHOWN);
  const body: CardElement[] = [heading(t(locale, 'card.bookings.title'))];
  if (shown.length === 0) body.push(textBlock(t(locale, 'card.bookings.empty')));
  body.push(...shown.map((b) => bookingRow(b, input.today, locale)));
  if (hidden > 0) {
    body.push(
      textBlock(translate(locale, pluralKey(locale, 'card.bookings.more', hidden), { count: hidden }), {
        isSubtle: true,
      }),
    );
  }
  return adaptiveCard(body);
}
