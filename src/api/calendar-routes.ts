import ical, { ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import type restify from 'restify';
import { addDays } from '../domain/civil-date';
import { isActive } from '../domain/model';
import { resolveLocale, t, type Locale } from '../i18n/messages';
import { bookingCalendarEntry, type CalendarDeps, type CalendarEntry } from '../use-cases/booking-calendar';
import type { CatalogIndex } from '../use-cases/catalog-index';
import { authenticatedRoute, fail, refuse } from './api-errors';
import type { Authenticator } from './authenticate';
import { localeOf, sendError } from './http';
import type { ApiLogger } from './api-deps';

export interface CalendarApiDeps extends CalendarDeps {
  readonly auth: Authenticator;
  readonly log: ApiLogger;
  readonly catalog: { current(): Promise<CatalogIndex> };
  /** Where "open the map" in the entry leads: the tab's deep link at the day and floor. */
  readonly mapUrl?: (date: string, floorId?: string) => string | undefined;
}

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

/**
 * GET /api/bookings/{id}/ics: the booking as an all-day calendar entry. A signed-in owner or admin may fetch it, and
 * so may a browser that follows the signed link of a card (`?token=`), which carries no Teams sign-in.
 */
export function mountCalendarRoutes(server: restify.Server, deps: CalendarApiDeps): void {
  const route = authenticatedRoute(deps);
  const signedIn = route(async (req, res, caller, locale) => {
    const id = String(req.params['id'] ?? '');
    const entry = await bookingCalendarEntry(deps, id, { actor: caller });
    if (!entry.ok) return entry.error === 'expired' ? sendError(res, 403, 'LINK_EXPIRED', t(locale, 'calendar.linkExpired')) : refuse(res, entry.error, locale, await deps.catalog.current());
    send(res, entry.value, locale, deps);
  });

  server.get('/api/bookings/:id/ics', async (req: restify.Request, res: restify.Response) => {
    const token = req.query?.['token'];
    if (token === undefined) return signedIn(req, res);
    // A link opened from a card carries the chat's language; a browser's own would be a guess.
    const lang = req.query?.['lang'];
    const locale = typeof lang === 'string' && lang.length <= 10 ? resolveLocale(lang) : localeOf(req);
    res.header('Cache-Control', 'no-store');
    res.header('X-Content-Type-Options', 'nosniff');
    try {
      const index = await deps.catalog.current();
      if (typeof token !== 'string' || !TOKEN.test(token)) return refuse(res, { code: 'NOT_ALLOWED', details: { code: 'NOT_ALLOWED', action: 'calendar' }, alternatives: [] }, locale, index);
      const exp = req.query?.['exp'];
      const expires = typeof exp === 'string' && /^\d{1,12}$/.test(exp) ? Number(exp) : undefined;
      const entry = await bookingCalendarEntry(deps, String(req.params['id'] ?? ''), { token, ...(expires !== undefined && { expires }) });
      // A link past its end is refused as any link that grants nothing, with a code and a sentence of its own.
      if (!entry.ok) return entry.error === 'expired' ? sendError(res, 403, 'LINK_EXPIRED', t(locale, 'calendar.linkExpired')) : refuse(res, entry.error, locale, index);
      send(res, entry.value, locale, deps);
    } catch (error) {
      fail(res, error, locale, deps.log);
    }
  });
}

function send(res: restify.Response, entry: CalendarEntry, locale: Locale, deps: Pick<CalendarApiDeps, 'mapUrl'>): void {
  const body = bookingIcs(entry, locale, deps.mapUrl?.(entry.booking.date, entry.booking.floorId));
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="seatwise-${entry.booking.date}.ics"`);
  res.writeHead(200);
  res.end(body);
}

/**
 * The calendar file of a booking: one all-day VEVENT on the booking's civil date in the site's time zone (a DATE
 * value, so a calendar in any zone shows it on that day), with the desk, floor and a link back to the map.
 * An ended booking gives the matching cancellation: METHOD:CANCEL, the same UID and a higher SEQUENCE, so a calendar
 * that imported the booking removes it.
 */
export function bookingIcs(entry: CalendarEntry, locale: Locale, link?: string): string {
  const b = entry.booking;
  const active = isActive(b);
  const place = [entry.zoneName, entry.floorName, entry.siteName].filter((x): x is string => !!x && x.trim() !== '').join(', ');
  const where = place ? `${entry.deskLabel}, ${place}` : entry.deskLabel;
  const calendar = ical({
    prodId: { company: 'Seatwise', product: 'Seatwise desk booking', language: locale.toUpperCase() },
    method: active ? ICalCalendarMethod.PUBLISH : ICalCalendarMethod.CANCEL,
    x: [{ key: 'X-WR-TIMEZONE', value: entry.timeZone }],
  });
  // A civil date at UTC midnight: with no calendar time zone set, the library writes its UTC date, which is this day.
  const day = (d: string) => new Date(`${d}T00:00:00Z`);
  calendar.createEvent({
    id: `${b.id}@seatwise`,
    sequence: active ? 0 : 1,
    stamp: new Date(b.releasedAt ?? b.createdAt),
    start: day(b.date),
    end: day(addDays(b.date, 1)),
    allDay: true,
    summary: active ? t(locale, 'ics.summary', { desk: entry.deskLabel }) : t(locale, 'ics.cancelledSummary', { desk: entry.deskLabel }),
    location: where,
    // Without the app's Teams id there is no link to the map: the sentence then ends without one.
    description: link ? t(locale, 'ics.description', { desk: entry.deskLabel, place, link }) : t(locale, 'ics.descriptionNoLink', { desk: entry.deskLabel, place }),
    ...(link && { url: link }),
    status: active ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
    // A desk is not a meeting: the day stays free in the person's calendar.
    transparency: ICalEventTransparency.TRANSPARENT,
  });
  return calendar.toString();
}
