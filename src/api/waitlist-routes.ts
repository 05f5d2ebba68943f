import type restify from 'restify';
import { z } from 'zod';
import { isCivilDate } from '../domain/civil-date';
import { BOOKING_ID_PATTERN } from '../domain/model';
import type { WaitlistEntry } from '../domain/waitlist';
import { t } from '../i18n/messages';
import type { CatalogIndex } from '../use-cases/catalog-index';
import { joinWaitlist, leaveWaitlist, listMyWaitlist, type WaitlistDeps } from '../use-cases/waitlist';
import { acceptOffer, declineOffer } from '../use-cases/waitlist-offers';
import { authenticatedRoute, refuse } from './api-errors';
import { describeZodError, readJson, sendError, zodField } from './http';
import type { ApiDeps } from './api-deps';

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const ATTRIBUTE = /^[a-z0-9][a-z0-9 _-]{0,31}$/;

const joinBody = z
  .object({
    date: z.string().max(10).refine(isCivilDate, 'must be a real day written YYYY-MM-DD'),
    siteId: z.string().regex(ID).optional(),
    zoneId: z.string().regex(ID).optional(),
    attributes: z.array(z.string().regex(ATTRIBUTE)).max(8).optional(),
  })
  .strict();

/**
 * The waitlist for the tab: join a day's list, see one's places in line and open offers, leave, and answer an offer.
 * The caller is always the authenticated person; an id in the path only says which of their entries is meant.
 */
export function mountWaitlistRoutes(server: restify.Server, deps: ApiDeps & Pick<WaitlistDeps, 'waitlist'>): void {
  const route = authenticatedRoute(deps);

  server.post('/api/waitlist', route(async (req, res, caller, locale) => {
    const parsed = joinBody.safeParse(await readJson(req));
    if (!parsed.success) return sendError(res, 400, 'INVALID_INPUT', describeZodError(parsed.error, locale), { field: zodField(parsed.error) });
    const index = await deps.catalog.current();
    const { date, siteId, zoneId, attributes } = parsed.data;
    const result = await joinWaitlist(deps, { actor: caller, date, ...(siteId && { siteId }), ...(zoneId && { zoneId }), ...(attributes && { attributes }) });
    if (!result.ok) return refuse(res, result.error, locale, index);
    res.json(result.value.created ? 201 : 200, entryDto(result.value.entry, result.value.position, index));
  }));

  server.get('/api/waitlist', route(async (_req, res, caller) => {
    const index = await deps.catalog.current();
    const places = await listMyWaitlist(deps, { actor: caller });
    res.json(200, places.map((p) => entryDto(p.entry, p.position, index)));
  }));

  server.del('/api/waitlist/:id', route(async (req, res, caller, locale) => {
    const id = String(req.params['id'] ?? '');
    if (!BOOKING_ID_PATTERN.test(id)) return sendError(res, 404, 'NOT_FOUND', t(locale, 'waitlist.error.notFound'));
    const result = await leaveWaitlist(deps, { actor: caller, id });
    if (!result.ok) {
      return result.error === 'not-allowed'
        ? sendError(res, 403, 'NOT_ALLOWED', t(locale, 'waitlist.error.notAllowed'))
        : sendError(res, 404, 'NOT_FOUND', t(locale, 'waitlist.error.notFound'));
    }
    res.status(204);
    res.end();
  }));

  // "Book it" from the tab: the offer held for the caller becomes their booking, by the ordinary rules.
  server.post('/api/waitlist/:id/accept', route(async (req, res, caller, locale) => {
    const id = String(req.params['id'] ?? '');
    if (!BOOKING_ID_PATTERN.test(id)) return sendError(res, 404, 'NOT_FOUND', t(locale, 'waitlist.error.notFound'));
    const index = await deps.catalog.current();
    const result = await acceptOffer(deps, { actor: caller, entryId: id });
    if (result.ok) return res.json(201, { id: result.value.id, deskId: result.value.deskId, date: result.value.date, userId: result.value.userId, status: result.value.status });
    if (result.error === 'not-found') return sendError(res, 404, 'NOT_FOUND', t(locale, 'waitlist.error.notFound'));
    if (result.error === 'expired') return sendError(res, 409, 'OFFER_ENDED', t(locale, 'waitlist.error.expired'));
    refuse(res, result.error, locale, index);
  }));

  server.post('/api/waitlist/:id/decline', route(async (req, res, caller, locale) => {
    const id = String(req.params['id'] ?? '');
    if (!BOOKING_ID_PATTERN.test(id)) return sendError(res, 404, 'NOT_FOUND', t(locale, 'waitlist.error.notFound'));
    const index = await deps.catalog.current();
    const result = await declineOffer(deps, { actor: caller, entryId: id });
    if (!result.ok) return sendError(res, 404, 'NOT_FOUND', t(locale, 'waitlist.error.notFound'));
    res.json(200, entryDto(result.value, 0, index));
  }));
}

function entryDto(e: WaitlistEntry, position: number, index: CatalogIndex) {
  const desk = e.offer && index.locateDesk(e.offer.deskId);
  return {
    id: e.id,
    position,
    date: e.date,
    siteId: e.siteId,
    ...(e.zoneId !== undefined && { zoneId: e.zoneId }),
    attributes: e.attributes,
    state: e.state,
    joinedAt: e.joinedAt,
    ...(e.offer &&
      e.state === 'offered' && {
        offer: { deskId: e.offer.deskId, deskLabel: desk?.desk.label ?? e.offer.deskId, floorId: e.offer.floorId, expiresAt: e.offer.expiresAt },
      }),
  };
}
