import type { Booking } from '../domain/model';
import type { Refusal } from '../domain/refusal';
import { refusalView } from '../i18n/describe-refusal';
import type { Locale } from '../i18n/messages';
import { bookingView, deskView, placeNames } from '../use-cases/booking-view';
import type { CatalogIndex } from '../use-cases/catalog-index';
import { refusalCard, type AdaptiveCard, type CardBooking, type CardDesk, type DayResult } from './cards';
import { waitlistOffer } from './waitlist-handlers';

/** How the chat shows a desk, a booking and a refusal: the shared views of src/use-cases/booking-view, as cards. */
export function cardDesk(deskId: string, index: CatalogIndex): CardDesk {
  return deskView(deskId, index);
}

export function cardBooking(b: Booking, index: CatalogIndex): CardBooking {
  const { desk, ...v } = bookingView(b, index);
  return {
    id: v.id,
    date: v.date,
    status: v.status,
    deskLabel: desk.label,
    ...(desk.zoneName && { zoneName: desk.zoneName }),
    ...(desk.floorName && { floorName: desk.floorName }),
    checkedIn: v.checkedIn,
  };
}

/** The names a refusal's sentence needs. */
export const catalogNames = placeNames;

/** A day of a multi-day answer that went through: the desk, and its zone. */
export function dayDone(date: string, deskId: string, index: CatalogIndex): DayResult {
  const desk = cardDesk(deskId, index);
  return { date, ok: true, deskLabel: desk.label, ...(desk.zoneName && { zoneName: desk.zoneName }) };
}

export function refusalCardOf(r: Refusal, requestId: string, locale: Locale, index: CatalogIndex): AdaptiveCard {
  const view = refusalView(r, locale, placeNames(index));
  return refusalCard(
    {
      sentence: view.sentence,
      alternatives: view.alternatives.map((a) => ({ deskId: a.deskId, deskLabel: a.deskLabel, date: a.date, text: a.text })),
      requestId,
      ...waitlistOffer(r),
    },
    locale,
  );
}
