import type restify from 'restify';
import { t } from '../i18n/messages';
import { addFavourite, MAX_FAVOURITES, myDesks, removeFavourite, type FavouritesDeps } from '../use-cases/favourites';
import { authenticatedRoute, refuse } from './api-errors';
import { sendError } from './http';
import type { ApiDeps } from './api-deps';

const DESK_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The caller's favourite desks and "the same desk as last time", for the Book tab: GET lists them, PUT adds one,
 * DELETE removes one. Always the caller's own: there is no user id in the path.
 */
export function mountFavouritesRoutes(server: restify.Server, deps: ApiDeps & Pick<FavouritesDeps, 'favourites'>): void {
  const route = authenticatedRoute(deps);

  server.get('/api/favourites', route(async (_req, res, caller) => {
    res.json(200, await myDesks(deps, caller));
  }));

  server.put('/api/favourites/:deskId', route(async (req, res, caller, locale) => {
    const deskId = String(req.params['deskId'] ?? '');
    const index = await deps.catalog.current();
    if (!DESK_ID.test(deskId)) return refuse(res, { code: 'UNKNOWN_DESK', details: { code: 'UNKNOWN_DESK', deskId }, alternatives: [] }, locale, index);
    const result = await addFavourite(deps, { actor: caller, deskId });
    if (result.ok) return res.json(200, result.value);
    if (result.error === 'too-many') return sendError(res, 409, 'TOO_MANY_FAVOURITES', t(locale, 'tab.favourites.tooMany', { max: MAX_FAVOURITES }));
    refuse(res, result.error, locale, index);
  }));

  server.del('/api/favourites/:deskId', route(async (req, res, caller) => {
    const deskId = String(req.params['deskId'] ?? '');
    res.json(200, DESK_ID.test(deskId) ? await removeFavourite(deps, { actor: caller, deskId }) : await myDesks(deps, caller));
  }));
}
