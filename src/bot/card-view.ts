import type { Booking } from '../domain/model';
import type { Refusal } from '../domain/refusal';
import { describeAlternative, describeRefusal } from '../i18n/describe-refusal';
import type { Locale } from '../i18n/messages';
import type { CatalogIndex } from '../use-cases/catalog-index';
import { refusalCard, type AdaptiveCard, type CardBooking, type CardDesk, type DayResult } from './cards';
import { waitlistOffer } from './waitlist-handlers';

/**
 * How the chat shows a desk, a booking and a refusal: names looked up in the catalog, since the use cases speak ids.
 * A desk an import removed since is shown by its id rather than dropped.
 */
export function cardDesk(deskId: string, index: CatalogIndex): CardDesk {
  const found = index.locateDesk(deskId);
  if (!found) return { id: deskId, label: deskId };
  const zone = found.layout.zones.find((z) => z.id === found.desk.zoneId);
  return {
    id: deskId,
    label: found.desk.label,
    ...(zone && { zoneName: zone.name }),
    floorName: found.layout.floor.name,
    attributes: found.desk.attributes,
  };
}

export function cardBooking(b: Booking, index: CatalogIndex): CardBooking {
  const desk = cardDesk(b.deskId, index);
  return {
    id: b.id,
    date: b.date,
    status: b.status,
    deskLabel: desk.label,
    ...(desk.zoneName && { zoneName: desk.zoneName }),
    ...(desk.floorName && { floorName: desk.floorName }),
    checkedIn: b.status === 'checked-in',
  };
}

/** The names a refusal's sentence needs. */
export function catalogNames(index: CatalogIndex) {
  return {
    deskLabel: (id: string) => index.locateDesk(id)?.desk.label,
    zoneName: (id: string) => index.sites.flatMap((s) => s.zones).find((z) => z.id === id)?.name,
  };
}

/** A day of a multi-day answer that went through: the desk, and its zone. */
export function dayDone(date: string, deskId: string, index: CatalogIndex): DayResult {
  const desk = cardDesk(deskId, index);
  return { date, ok: true, deskLabel: desk.label, ...(desk.zoneName && { zoneName: desk.zoneName }) };
}

export function refusalCardOf(r: Refusal, requestId: string, locale: Locale, index: CatalogIndex): AdaptiveCard {
  return refusalCard(
    {
      sentence: describeRefusal(r, locale, catalogNames(index)),
      alternatives: r.alternatives.map((a) => ({ deskId: a.deskId, deskLabel: a.deskLabel, date: a.date, text: describeAlternative(a, locale) })),
      requestId,
      ...waitlistOffer(r),
    },
    locale,
  );
}
