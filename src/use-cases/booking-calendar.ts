import { createHmac, timingSafeEqual } from 'node:crypto';
import { BOOKING_ID_PATTERN, isAdmin, type Actor, type Booking, type Result, ok, err } from '../domain/model';
import { refusal, type Refusal } from '../domain/refusal';
import type { CatalogIndex } from './catalog-index';
import type { LinkKeyStore } from './calendar-link-port';
import type { ReservationStore } from './ports';

export interface CalendarDeps {
  readonly store: Pick<ReservationStore, 'getBooking'>;
  readonly catalog: { current(): Promise<CatalogIndex> };
  readonly linkKeys: LinkKeyStore;
}

/** A booking with what a calendar entry shows of it: where the desk is, and the site's time zone. */
export interface CalendarEntry {
  readonly booking: Booking;
  readonly deskLabel: string;
  readonly zoneName?: string;
  readonly floorName?: string;
  readonly siteName?: string;
  readonly timeZone: string;
}

/** Who asks: a signed-in caller, or the holder of a link signed for this booking. */
export type CalendarAccess = { readonly actor: Actor } | { readonly token: string };

/** The link token of a booking: an HMAC of its id, so a link opens only the booking it was made for. */
export async function calendarLinkToken(keys: LinkKeyStore, bookingId: string): Promise<string> {
  return createHmac('sha256', await keys.signingKey()).update(`ics\n${bookingId}`).digest('base64url').slice(0, 43);
}

/**
 * The booking for its calendar file. Its owner or an admin may have it, or whoever holds the link the bot gave the
 * owner; anyone else is refused as not allowed, and a booking that does not exist as not found.
 */
export async function bookingCalendarEntry(deps: CalendarDeps, bookingId: string, access: CalendarAccess): Promise<Result<CalendarEntry, Refusal>> {
  if (!BOOKING_ID_PATTERN.test(bookingId)) return err(refusal({ code: 'BOOKING_NOT_FOUND', bookingId }));
  if ('token' in access) {
    const expected = Buffer.from(await calendarLinkToken(deps.linkKeys, bookingId));
    const given = Buffer.from(access.token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return err(refusal({ code: 'NOT_ALLOWED', action: 'calendar' }));
  }
  const found = await deps.store.getBooking(bookingId);
  if (!found) return err(refusal({ code: 'BOOKING_NOT_FOUND', bookingId }));
  const b = found.booking;
  if ('actor' in access && access.actor.userId !== b.userId && !isAdmin(access.actor)) return err(refusal({ code: 'NOT_ALLOWED', action: 'calendar' }));
  const index = await deps.catalog.current();
  const located = index.locateDesk(b.deskId);
  const site = index.site(b.siteId);
  const zone = located?.layout.zones.find((z) => z.id === b.zoneId);
  return ok({
    booking: b,
    deskLabel: located?.desk.label ?? b.deskId,
    ...(zone && { zoneName: zone.name }),
    ...(located && { floorName: located.layout.floor.name }),
    ...(site && { siteName: site.site.name }),
    timeZone: site?.site.timeZone ?? 'UTC',
  });
}
