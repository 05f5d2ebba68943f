import type restify from 'restify';
import type { Refusal } from '../domain/refusal';
import { errorMessage, refusalView } from '../i18n/describe-refusal';
import type { Locale } from '../i18n/messages';
import { placeNames } from '../use-cases/booking-view';
import type { CatalogIndex } from '../use-cases/catalog-index';
import { deskArrival } from '../use-cases/desk-arrival';
import { deskCodes } from '../use-cases/desk-codes';
import { authenticatedRoute, roleRoute } from './api-errors';
import { sendError } from './http';
import type { ApiDeps } from './api-deps';

const ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * A desk's QR code and what scanning it opens (issue 17 §5). The sheet is for admins; the desk today is for anyone,
 * and tells the caller about their own booking only: someone else's booking of the desk is just "taken".
 */
export function mountDeskRoutes(server: restify.Server, deps: ApiDeps): void {
  const route = authenticatedRoute(deps);
  const admin = roleRoute(deps, ['admin']);

  server.get('/api/desks/:deskId/today', route(async (req, res, caller, locale) => {
    const deskId = String(req.params['deskId'] ?? '');
    const found = ID.test(deskId) ? await deskArrival(deps, { actor: caller, deskId }) : null;
    if (!found) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    const { desk, layout, date, today } = found;
    const index = await deps.catalog.current();
    res.json(200, {
      deskId: desk.id,
      deskLabel: desk.label,
      floorId: layout.floor.id,
      floorName: layout.floor.name,
      siteId: layout.site.id,
      siteName: layout.site.name,
      zoneName: layout.zones.find((z) => z.id === desk.zoneId)?.name,
      date,
      state: today.state,
      ...(today.state === 'mine' && { booking: { id: today.booking.id, status: today.booking.status, ...(today.booking.checkedInAt && { checkedInAt: today.booking.checkedInAt }) } }),
      ...(today.state === 'refused' && refusedToday(today.refusal, locale, index)),
    });
  }));

  server.get('/api/admin/sites/:siteId/desk-codes', admin(async (req, res, _caller, locale) => {
    const siteId = String(req.params['siteId'] ?? '');
    const linkOf = deps.deskUrl ?? tabLinkFrom(req);
    const sheet = ID.test(siteId) ? await deskCodes(deps, { siteId, linkOf }) : null;
    if (!sheet) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    res.json(200, sheet);
  }));
}

/**
 * Without a Teams app id or a public URL configured (a developer's machine), codes open the tab in a browser at the
 * address the admin used: good enough to try a printed sheet on the same network.
 */
function tabLinkFrom(req: restify.Request): (deskId: string) => string {
  const host = String(req.headers.host ?? '127.0.0.1');
  const secure = (req.headers['x-forwarded-proto'] ?? '') === 'https';
  return (deskId) => `${secure ? 'https' : 'http'}://${host}/tab/?view=map&desk=${encodeURIComponent(deskId)}`;
}

/** The Teams deep link that opens the Book tab at a desk: its sub-entity is `desk|<id>`. */
export function deskDeepLink(teamsAppId: string): (deskId: string) => string {
  return (deskId) => {
    const context = encodeURIComponent(JSON.stringify({ subEntityId: `desk|${deskId}` }));
    return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/book?context=${context}`;
  };
}

function refusedToday(r: Refusal, locale: Locale, index: CatalogIndex) {
  const view = refusalView(r, locale, placeNames(index));
  return { code: r.code, message: view.sentence, alternatives: view.alternatives };
}
