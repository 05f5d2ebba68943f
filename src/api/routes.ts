import { performance } from 'node:perf_hooks';
import type restify from 'restify';
import { z } from 'zod';
import { bookingWindow, type BookingWindow } from '../domain/booking-window';
import { civilDateOf, isCivilDate } from '../domain/civil-date';
import { BOOKING_ID_PATTERN, ok, type Booking } from '../domain/model';
import { describeDeskReason, errorMessage } from '../i18n/describe-refusal';
import { formatDate, t, type Locale } from '../i18n/messages';
import { effectivePolicy } from '../domain/policy';
import type { Refusal } from '../domain/refusal';
import { floorViewerOf, personalRefusal, type FloorViewer } from '../use-cases/floor-availability';
import { bookingView } from '../use-cases/booking-view';
import type { CatalogIndex } from '../use-cases/catalog-index';
import { checkIn, releaseBooking, type cancelBooking } from '../use-cases/change-booking';
import { InvalidInputError } from '../use-cases/errors';
import type { FloorDay } from '../domain/floor-day';
import { floorViewsOf } from './conditional-get';
import { floorHeadcount } from '../use-cases/floor-headcount';
import { listMyBookings, listUpcomingBookings } from '../use-cases/list-my-bookings';
import { mountAdminRoutes } from './admin-routes';
import { describeZodError, readJson, sendError, zodField } from './http';
import { authenticatedRoute, refuse } from './api-errors';
import { mountDaySummaryRoutes } from './day-summary-routes';
import { mountOversightRoutes } from './oversight-routes';
import { mountSeriesRoutes } from './series-routes';
import { mountCalendarRoutes } from './calendar-routes';
import { mountWaitlistRoutes } from './waitlist-routes';
import { bookForSomeone } from '../use-cases/book-for-someone';
import { cancelAsCaller, listBookedForOthers } from '../use-cases/booked-for-others';
import { PERSON_ID_PATTERN } from '../domain/delegation';
import { mountDelegationRoutes } from './delegation-routes';
import { mountDeskRoutes } from './desk-routes';
import { mountFavouritesRoutes } from './favourites-routes';

import type { BookingDto, BookingWindowDto, DeskDto, FloorViewDto, ForPersonDto, MeDto, SiteDto } from '../api-contract/api-types';
import type { ApiDeps } from './api-deps';

export type { ApiDeps, ApiLogger } from './api-deps';

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const bookingBody = z
  .object({
    deskId: z.string().regex(ID, 'must be 1 to 128 letters, digits or . _ : -'),
    date: z.string().refine(isCivilDate, 'must be a real day written YYYY-MM-DD'),
    requestId: z.string().regex(REQUEST_ID, 'must be 1 to 100 letters, digits or . _ : -').optional(),
    forPersonId: z.string().regex(PERSON_ID_PATTERN, 'must be 1 to 128 letters, digits or . _ : @ -').optional(),
  })
  .strict();

const dateQuery = z.string().max(10).refine(isCivilDate, 'must be a real day written YYYY-MM-DD');

/**
 * The REST API of the tab. Every route authenticates first (no token, no entry); the caller is the token's or the
 * dev header's identity, never an id from the body or the query.
 */
export function mountApi(server: restify.Server, deps: ApiDeps): void {
  const route = authenticatedRoute(deps);

  server.get('/api/me', route(async (_req, res, caller, locale) => {
    const me: MeDto = { id: caller.userId, name: caller.name ?? caller.userId, roles: caller.roles, locale };
    res.json(200, me);
  }));

  server.get('/api/sites', route(async (_req, res) => {
    const index = await deps.catalog.current();
    const now = deps.clock.now();
    res.json(
      200,
      index.sites.map((s): SiteDto => ({
        id: s.site.id,
        name: s.site.name,
        timeZone: s.site.timeZone,
        floors: s.floors.map((f) => ({ id: f.id, name: f.name })),
        bookingWindow: windowDto(bookingWindow({ now, timeZone: s.site.timeZone, policies: s.policies })),
      })),
    );
  }));

  const views = floorViewsOf(deps.store);
  /**
   * Floor bodies as sent, per floor day built (so per set of ledger versions) and per language and today: in a
   * morning rush everyone reads the same few floors, and building, describing and serialising 400 desks per request
   * was most of the server's time. Only bodies that are the same for everyone are kept: a caller with a desk on the
   * floor that day, or on a floor with zones restricted to groups, gets one of their own.
   */
  const bodies = new WeakMap<FloorDay, Map<string, Buffer>>();

  server.get('/api/floors/:floorId', route(async (req, res, caller, locale) => {
    const floorId = String(req.params['floorId'] ?? '');
    const index = await deps.catalog.current();
    const found = ID.test(floorId) ? index.floor(floorId) : undefined;
    if (!found) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    const timeZone = found.layout.site.timeZone;
    const today = civilDateOf(deps.clock.now(), timeZone);
    const date = parseDate(req.query?.['date'], today);
    // "Book for": the colleague's day, checked as booking for them is; the caller stays who the token says.
    const viewer = await floorViewerOf(deps, caller, optionalPersonId(req.query?.['forPersonId']));
    if (!viewer.ok) return refuse(res, viewer.error, locale, index);
    const colleague = viewer.value.colleague;
    // The colleague's own refusals are read alongside the floor, not after it.
    const [{ ledgers, floorDay }, theirRefusal] = await Promise.all([
      views.read(found.layout, found.catalog.policies, date, performance.now()),
      colleague ? personalRefusal(deps, colleague.id, date, effectivePolicy(found.catalog.policies, date).rules) : undefined,
    ]);
    const personal =
      colleague !== undefined ||
      ledgers.some((l) => l.entries.some((e) => e.userId === caller.userId)) ||
      found.layout.zones.some((z) => (z.allowedGroups?.length ?? 0) > 0);
    const key = `${locale}|${today}`;
    let body = personal ? undefined : bodies.get(floorDay)?.get(key);
    if (!body) {
      const window = bookingWindow({ now: deps.clock.now(), timeZone, policies: found.catalog.policies });
      const rules = floorDay.policy.rules;
      const view: FloorViewDto = {
        floor: found.layout.floor,
        date,
        policy: {
          minDistanceM: rules.minDistanceM,
          checkInDeadline: rules.checkInDeadline,
          reminderTime: rules.reminderTime,
          weeklyQuota: rules.weeklyQuota,
          ...windowDto(window),
          timeZone,
        },
        zones: floorDay.zoneSummaries().map((z) => ({ id: z.zone.id, name: z.zone.name, outline: z.zone.outline, capacity: z.capacity, booked: z.booked })),
        desks: floorDay.verdicts(viewer.value.actor).map((v) => ({
          id: v.desk.id,
          label: v.desk.label,
          x: v.desk.x,
          y: v.desk.y,
          zoneId: v.desk.zoneId,
          attributes: v.desk.attributes,
          state: v.state,
          reason: describeDeskReason(v.reason, locale),
          ...(v.reason.kind === 'mine' && (colleague ? theirDesk(colleague, v.reason.checkedIn, locale) : { bookingId: v.reason.bookingId, checkedIn: v.reason.checkedIn })),
        })),
        ...(colleague && { forPerson: forPersonDto(colleague, theirRefusal, date, index, locale) }),
      };
      body = Buffer.from(JSON.stringify(view));
      if (!personal) {
        let forDay = bodies.get(floorDay);
        if (!forDay) bodies.set(floorDay, (forDay = new Map()));
        forDay.set(key, body);
      }
    }
    // Already JSON: sent as it is, without the formatter serialising it again.
    res.sendRaw(200, body, { 'Content-Type': 'application/json' });
  }));

  server.get('/api/floors/:floorId/headcount', route(async (req, res, caller, locale) => {
    const floorId = String(req.params['floorId'] ?? '');
    const index = await deps.catalog.current();
    const found = ID.test(floorId) ? index.floor(floorId) : undefined;
    if (!found) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    const date = parseDate(req.query?.['date'], civilDateOf(deps.clock.now(), found.layout.site.timeZone));
    const result = await floorHeadcount(deps, { actor: caller, floorId, date });
    if (!result) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    if (!result.ok) return sendError(res, 403, 'FORBIDDEN', errorMessage('FORBIDDEN', locale));
    res.json(200, result.value);
  }));

  server.post('/api/bookings', route(async (req, res, caller, locale) => {
    const parsed = bookingBody.safeParse(await readJson(req));
    if (!parsed.success) return sendError(res, 400, 'INVALID_INPUT', describeZodError(parsed.error, locale), { field: zodField(parsed.error) });
    const { deskId, date, requestId, forPersonId } = parsed.data;
    const index = await deps.catalog.current();
    const result = await bookForSomeone(deps, { actor: caller, deskId, date, ...(requestId && { requestId }), ...(forPersonId && { forPersonId }) });
    if (!result.ok) return refuse(res, result.error, locale, index);
    res.json(201, bookingDto(result.value.booking, index));
  }));

  server.get('/api/bookings', route(async (req, res, caller) => {
    const index = await deps.catalog.current();
    const from = optionalDate(req.query?.['from'], 'from');
    const to = optionalDate(req.query?.['to'], 'to');
    if (from || to) {
      const bookings = await listMyBookings(deps, { actor: caller, ...(from && { from }), ...(to && { to }) });
      return res.json(200, bookings.map((b) => bookingDto(b, index)));
    }
    // Every upcoming booking, a page at a time. The body stays a plain array, as before; the next page is in
    // the Link header (RFC 8288) and X-Next-Cursor.
    const cursor = optionalText(req.query?.['cursor'], 'cursor');
    const limit = optionalLimit(req.query?.['limit']);
    const page = await listUpcomingBookings(deps, { actor: caller, ...(cursor !== undefined && { cursor }), ...(limit !== undefined && { limit }) });
    if (page.nextCursor) {
      const next = `/api/bookings?cursor=${encodeURIComponent(page.nextCursor)}${limit !== undefined ? `&limit=${limit}` : ''}`;
      res.header('Link', `<${next}>; rel="next"`);
      res.header('X-Next-Cursor', page.nextCursor);
    }
    res.json(200, page.bookings.map((b) => bookingDto(b, index)));
  }));

  const change = (op: typeof cancelBooking, okStatus: 200 | 204) =>
    route(async (req, res, caller, locale) => {
      const id = String(req.params['id'] ?? '');
      if (!BOOKING_ID_PATTERN.test(id)) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
      const index = await deps.catalog.current();
      const result = await op(deps, { actor: caller, bookingId: id });
      if (!result.ok) return refuse(res, result.error, locale, index);
      if (okStatus === 204) {
        res.status(204);
        res.end();
        return;
      }
      res.json(200, bookingDto(result.value, index));
    });

  // A delegate may cancel what they booked for a colleague (booked-for-others.ts); owners and admins as before.
  server.del('/api/bookings/:id', change(async (_deps, cmd) => {
    const r = await cancelAsCaller(deps, cmd);
    return r.ok ? ok(r.value.booking) : r;
  }, 204));
  server.post('/api/bookings/:id/check-in', change(checkIn, 200));
  server.post('/api/bookings/:id/release', change(releaseBooking, 200));
  // The bookings the caller made for colleagues, paged like GET /api/bookings; each carries the owner's name.
  server.get('/api/me/booked-for', route(async (req, res, caller) => {
    const index = await deps.catalog.current();
    const cursor = optionalText(req.query?.['cursor'], 'cursor');
    const limit = optionalLimit(req.query?.['limit']);
    const page = await listBookedForOthers(deps, { actor: caller, ...(cursor !== undefined && { cursor }), ...(limit !== undefined && { limit }) });
    if (page.nextCursor) {
      res.header('Link', `</api/me/booked-for?cursor=${encodeURIComponent(page.nextCursor)}${limit !== undefined ? `&limit=${limit}` : ''}>; rel="next"`);
      res.header('X-Next-Cursor', page.nextCursor);
    }
    res.json(200, page.bookings.map((b) => ({ ...bookingDto(b.booking, index), ...(b.ownerName !== undefined && { ownerName: b.ownerName }) })));
  }));
  mountOversightRoutes(server, deps);
  mountDaySummaryRoutes(server, deps);
  mountAdminRoutes(server, deps);
  mountSeriesRoutes(server, deps);
  mountCalendarRoutes(server, deps);
  if (deps.waitlist) mountWaitlistRoutes(server, { ...deps, waitlist: deps.waitlist });
  mountDelegationRoutes(server, deps);
  mountDeskRoutes(server, deps);
  if (deps.favourites) mountFavouritesRoutes(server, { ...deps, favourites: deps.favourites });
}

function optionalPersonId(raw: unknown): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !PERSON_ID_PATTERN.test(raw)) throw new InvalidInputError('forPersonId must be 1 to 128 letters, digits or . _ : @ -', 'forPersonId');
  return raw;
}

type Colleague = NonNullable<FloorViewer['colleague']>;

/** The colleague's own desk in their view: named as theirs, without its booking id (the delegate cannot act on it). */
function theirDesk(colleague: Colleague, checkedIn: boolean, locale: Locale): Pick<DeskDto, 'reason' | 'stateText' | 'checkedIn'> {
  const name = colleague.name ?? colleague.id;
  const text = t(locale, checkedIn ? 'floorFor.theirsCheckedIn' : 'floorFor.theirs', { name });
  return { reason: text, stateText: t(locale, 'floorFor.theirs', { name }), checkedIn };
}

/** Who the view is for, and what would refuse booking for them that day whatever the desk. */
function forPersonDto(colleague: Colleague, r: Refusal | undefined, date: string, index: CatalogIndex, locale: Locale): ForPersonDto {
  const name = colleague.name ?? colleague.id;
  const d = r?.details;
  const message =
    d?.code === 'ALREADY_BOOKED'
      ? t(locale, 'floorFor.alreadyBooked', { name, desk: index.locateDesk(d.existingDeskId)?.desk.label ?? d.existingDeskId, date: formatDate(date, locale) })
      : d?.code === 'QUOTA_EXCEEDED'
        ? t(locale, 'floorFor.quota', { name, quota: d.quota, week: Number(d.isoWeek.slice(d.isoWeek.indexOf('W') + 1)) })
        : undefined;
  return { id: colleague.id, ...(colleague.name !== undefined && { name: colleague.name }), ...(d && message !== undefined && { refusal: { code: d.code, message } }) };
}

function parseDate(raw: unknown, fallback: string): string {
  if (raw === undefined || raw === '') return fallback;
  const parsed = dateQuery.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError('date must be a real day written YYYY-MM-DD', 'date');
  return parsed.data;
}

function optionalDate(raw: unknown, field: string): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const parsed = dateQuery.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(`${field} must be a real day written YYYY-MM-DD`, field);
  return parsed.data;
}

function optionalText(raw: unknown, field: string): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || raw.length > 40) throw new InvalidInputError(`${field} is not valid`, field);
  return raw;
}

function optionalLimit(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^\d{1,4}$/.test(raw)) throw new InvalidInputError('limit must be a whole number', 'limit');
  return Number(raw);
}

/** The booking window as the tab reads it: the same computation as the rules' (src/domain/booking-window.ts). */
function windowDto(w: BookingWindow): BookingWindowDto {
  return {
    today: w.today,
    firstBookableDate: w.firstBookableDate,
    lastBookableDate: w.lastBookableDate,
    horizonDays: w.horizonDays,
    bookableWeekdays: w.bookableWeekdays,
    bookableDates: w.bookableDates,
  };
}

function bookingDto(b: Booking, index: CatalogIndex): BookingDto {
  const view = bookingView(b, index);
  return {
    id: b.id,
    deskId: b.deskId,
    deskLabel: view.desk.label,
    // The desk's zone now (a desk an import removed keeps the zone it was booked in, unnamed).
    zoneId: view.desk.zoneId ?? b.zoneId,
    zoneName: view.desk.zoneName,
    floorId: b.floorId,
    floorName: view.desk.floorName,
    siteId: b.siteId,
    date: b.date,
    userId: b.userId,
    status: b.status,
    createdAt: b.createdAt,
    ...(b.checkedInAt && { checkedInAt: b.checkedInAt }),
    ...(b.releasedAt && { releasedAt: b.releasedAt, releaseReason: b.releaseReason }),
    ...(b.seriesId && { seriesId: b.seriesId }),
    ...(b.bookedBy && { bookedBy: b.bookedBy }),
  };
}

