import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type restify from 'restify';
import { civilDateOf, isCivilDate } from '../domain/civil-date';
import { isId } from '../domain/ids';
import { localeOf } from './http';
import type { ApiDeps } from './api-deps';
import { FloorViews } from '../use-cases/floor-availability';
import type { ReservationStore } from '../use-cases/ports';

/** GET /api/floors/{floorId}: the floor of a day, which every open tab polls every 1.5 s. */
const FLOOR = /^\/api\/floors\/([^/]+)$/;

/**
 * How old a ledger version may be when it answers "not modified". Changes made by another instance reach a tab
 * within this plus one poll interval (0.4 + 1.5 s < 2 s).
 */
export const VERSION_TTL_MS = 400;

const viewsPerStore = new WeakMap<object, FloorViews>();

/** The floor views of the process, one per store: the ETag here and the floor's body in the route share one read. */
export function floorViewsOf(store: Pick<ReservationStore, 'readLedgers'>): FloorViews {
  let views = viewsPerStore.get(store);
  if (!views) viewsPerStore.set(store, (views = new FloorViews(store, VERSION_TTL_MS)));
  return views;
}

/**
 * Conditional GET for the floor the tab polls, decided before the floor is computed. The ETag is a hash of what
 * the answer depends on: the floor's zone-ledger versions that day (every booking, cancellation and check-in
 * writes its zone's ledger with a new ETag), the catalog in force, today's date, the caller and the language. A
 * request whose If-None-Match names the current one gets a bodiless 304 from one shared, briefly cached ledger read
 * instead of the full floor computation (the bench: bench/live-tabs-bench.ts).
 */
export function mountConditionalGet(server: restify.Server, deps: ApiDeps): void {
  const views = floorViewsOf(deps.store);
  const catalogStamps = new WeakMap<object, number>();
  let nextStamp = 1;

  const etagOf = async (req: restify.Request, floorId: string): Promise<string | undefined> => {
    const index = await deps.catalog.current();
    const found = index.floor(floorId);
    if (!found) return undefined;
    const today = civilDateOf(deps.clock.now(), found.layout.site.timeZone);
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    // A colleague's day ("Book for") depends on their bookings elsewhere and their week, which this floor's ledgers
    // do not version: always answered in full (a delegate's view is rare, and checked each time by the route).
    if (query.has('forPersonId')) return undefined;
    const raw = query.get('date');
    const date = raw === null || raw === '' ? today : raw;
    if (!isCivilDate(date)) return undefined;
    const caller = await deps.auth.authenticate(req.headers);
    // The cache's age is wall time, not the site's clock (which tests fix): it bounds how stale a 304 may be.
    const { ledgers } = await views.read(found.layout, found.catalog.policies, date, performance.now());
    let stamp = catalogStamps.get(index);
    if (stamp === undefined) catalogStamps.set(index, (stamp = nextStamp++));
    const parts = [floorId, date, today, caller.userId, (caller.groups ?? []).join(','), caller.roles.join(','), localeOf(req), stamp, ...ledgers.map((l) => `${l.zoneId}=${l.version ?? ''}`)];
    return `"f-${createHash('sha1').update(parts.join('|')).digest('base64url')}"`;
  };

  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const floorId = req.method === 'GET' ? FLOOR.exec(path)?.[1] : undefined;
    if (!floorId || !isId(floorId)) return next();
    etagOf(req, floorId).then(
      (etag) => {
        if (!etag) return next();
        res.header('ETag', etag);
        if (req.headers['if-none-match'] === etag) {
          res.header('Cache-Control', 'no-store');
          res.status(304);
          res.end();
          return next(false);
        }
        return next();
      },
      // No ETag then: the route itself answers, and reports what failed (a bad token, storage down).
      () => next(),
    );
  });
}
