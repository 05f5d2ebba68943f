import { createHmac, timingSafeEqual } from 'node:crypto';
import { BOOKING_ID_PATTERN, isAdmin, type Actor, type Booking, type Result, ok, err } from '../domain/model';
import { refusal, type Refusal } from '../domain/refusal';
import type { CatalogIndex } from './catalog-index';
import type { LinkKeyStore } from './calendar-link-port';
import type { Clock, ReservationStore } from './ports';

export interface CalendarDeps {
  readonly store: Pick<ReservationStore, 'getBooking'>;
  readonly catalog: { current(): Promise<CatalogIndex> };
  readonly linkKeys: LinkKeyStore;
  readonly clock: Clock;
}

/**
 * How long a signed link opens its file: long past the booked day (booking windows are weeks, not months), so that a
 * cancellation can still be fetched from the same card, yet a link forwarded or left in a chat history stops working.
 */
export const CALENDAR_LINK_DAYS = 60;

/** A booking with what a calendar entry shows of it: where the desk is, and the site's time zone. */
export interface CalendarEntry {
  readonly booking: Booking;
  readonly deskLabel: string;
  readonly zoneName?: string;
  readonly floorName?: string;
  readonly siteName?: string;
  readonly timeZone: string;
}

/**
 * Who asks: a signed-in caller, or the holder of a link signed for this booking until `expires` (Unix seconds;
 * absent on links made before links expired).
 */
export type CalendarAccess = { readonly actor: Actor } | { readonly token: string; readonly expires?: number };

/**
 * The link token of a booking: an HMAC of its id and the link's end, so a link opens only the booking it was made for,
 * and only until then (changing the end in the link breaks the signature).
 */
export async function calendarLinkToken(keys: LinkKeyStore, bookingId: string, expires: number): Promise<string> {
  return sign(await keys.signingKey(), `ics\n${bookingId}\n${expires}`);
}

/** A signed link's token and end, `CALENDAR_LINK_DAYS` from `now`. */
export async function calendarLinkParams(keys: LinkKeyStore, bookingId: string, now: Date): Promise<{ token: string; expires: number }> {
  const expires = Math.floor(now.getTime() / 1000) + CALENDAR_LINK_DAYS * 86_400;
  return { token: await calendarLinkToken(keys, bookingId, expires), expires };
}

function sign(key: Uint8Array, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url').slice(0, 43);
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Why a signed link does not open: someone else's or altered, or genuine but past its end. */
export type LinkProblem = 'expired';

/**
 * The booking for its calendar file. Its owner or an admin may have it, or whoever holds the link the bot gave the
 * owner; anyone else is refused as not allowed, and a booking that does not exist as not found.
 */
export async function bookingCalendarEntry(deps: CalendarDeps, bookingId: string, access: CalendarAccess): Promise<Result<CalendarEntry, Refusal | LinkProblem>> {
  if (!BOOKING_ID_PATTERN.test(bookingId)) return err(refusal({ code: 'BOOKING_NOT_FOUND', bookingId }));
  if ('token' in access) {
    const key = await deps.linkKeys.signingKey();
    if (access.expires === undefined) {
      // A link from before links expired: genuine ones are told they have expired, forged ones are refused.
      return err(sameToken(access.token, sign(key, `ics\n${bookingId}`)) ? 'expired' : refusal({ code: 'NOT_ALLOWED', action: 'calendar' }));
    }
    if (!sameToken(access.token, sign(key, `ics\n${bookingId}\n${access.expires}`))) return err(refusal({ code: 'NOT_ALLOWED', action: 'calendar' }));
    if (access.expires * 1000 <= deps.clock.now().getTime()) return err('expired');
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
