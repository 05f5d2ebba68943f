import { bookingStatusLabel } from '../../i18n/describe-refusal';
import { t, type Locale } from '../../i18n/messages';
import type { BookingStatus } from '../../domain/model';
import {
  adaptiveCard,
  factSet,
  heading,
  openUrlAction,
  textBlock,
  type AdaptiveCard,
  type CardAction,
  type Fact,
} from './adaptive-card';
import { bookingButtons, dayText, labelText, nameText } from './card-parts';

/** A booking as the cards show it. */
export interface CardBooking {
  /** The booking id (`2026-12-03.k3j…`), which the buttons carry; the handler checks ownership. */
  readonly id: string;
  readonly date: string;
  readonly status: BookingStatus;
  readonly deskLabel: string;
  readonly zoneName?: string;
  readonly floorName?: string;
  readonly checkedIn: boolean;
}

export interface BookedCardInput {
  readonly booking: CardBooking;
  readonly mapUrl?: string;
  /** The booking's calendar file (a signed link to GET /api/bookings/{id}/ics). */
  readonly calendarUrl?: string;
  /** Today in the site's time zone, YYYY-MM-DD: check-in and release are offered on the day only. */
  readonly today: string;
}

export function isActiveStatus(status: string): boolean {
  return status === 'booked' || status === 'checked-in';
}

export function statusText(booking: Pick<CardBooking, 'status' | 'checkedIn'>, locale: Locale): string {
  const status: BookingStatus =
    booking.checkedIn && booking.status === 'booked' ? 'checked-in' : booking.status;
  return bookingStatusLabel(status, locale);
}

/** What a confirmed booking turns into: "Booked", the details, and Cancel (or Check in / Release on the day). */
export function bookedCard(input: BookedCardInput, locale: Locale): AdaptiveCard {
  const { booking, today } = input;
  const active = isActiveStatus(booking.status);
  const facts: Fact[] = [];
  if (booking.zoneName?.trim())
    facts.push({ title: t(locale, 'card.fact.zone'), value: nameText(booking.zoneName) });
  if (booking.floorName?.trim())
    facts.push({ title: t(locale, 'card.fact.floor'), value: nameText(booking.floorName) });
  facts.push({ title: t(locale, 'card.fact.status'), value: statusText(booking, locale) });

  const checkedIn = booking.checkedIn || booking.status === 'checked-in';
  const remind = active && booking.date === today && !checkedIn;
  const actions: CardAction[] = [...bookingButtons(booking, today, locale)];
  const map = openUrlAction(t(locale, 'card.action.openMap'), input.mapUrl);
  if (map) actions.push(map);
  const calendar = active ? openUrlAction(t(locale, 'card.addToCalendar'), input.calendarUrl) : undefined;
  if (calendar) actions.push(calendar);

  const headline = active ? t(locale, 'card.booked.title') : statusText(booking, locale);
  return adaptiveCard(
    [
      { ...heading(headline), color: active ? 'Good' : 'Warning' },
      textBlock(
        t(locale, 'card.booked.summary', {
          desk: labelText(booking.deskLabel),
          date: dayText(booking.date, locale),
        }),
        {
          size: 'Large',
          weight: 'Bolder',
          spacing: 'Small',
        },
      ),
      factSet(facts),
      ...(remind ? [textBlock(t(locale, 'card.booked.checkInReminder'), { isSubtle: true })] : []),
    ],
    actions,
  );
}
