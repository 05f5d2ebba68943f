import type restify from 'restify';
import { z } from 'zod';
import { ID_PATTERN, isId, REQUEST_ID_PATTERN } from '../domain/ids';
import { BOOKING_ID_PATTERN } from '../domain/model';
import { errorMessage } from '../i18n/describe-refusal';
import { deskView } from '../use-cases/booking-view';
import { floorDaySummaries } from '../use-cases/floor-day-summaries';
import { moveToDesk } from '../use-cases/move-booking';
import { authenticatedRoute, refuse } from './api-errors';
import { mountConditionalGet } from './conditional-get';
import { describeZodError, readJson, sendError, zodField } from './http';
import type { BookingDto, DaySummariesDto } from '../api-contract/api-types';
import type { ApiDeps } from './api-deps';

const moveBody = z
  .object({
    deskId: z.string().regex(ID_PATTERN, 'must be 1 to 128 letters, digits or . _ : -'),
    requestId: z.string().regex(REQUEST_ID_PATTERN, 'must be 1 to 100 letters, digits or . _ : -').optional(),
  })
  .strict();

/**
 * What the booking tab needs beyond the REST API of DESIGN.md:
 *   GET  /api/floors/{floorId}/days      → { today, lastBookableDate, days: [{ date, bookable, free, total, mineDeskId? }] }
 *   POST /api/bookings/{id}/move {deskId, requestId?} → 200 with the new booking; a refusal → 409 (the old desk kept)
 */
export function mountDaySummaryRoutes(server: restify.Server, deps: ApiDeps): void {
  mountConditionalGet(server, deps);
  const route = authenticatedRoute(deps);

  server.get('/api/floors/:floorId/days', route(async (req, res, caller, locale) => {
    const floorId = String(req.params['floorId'] ?? '');
    const summaries = isId(floorId) ? await floorDaySummaries(deps, { actor: caller, floorId }) : null;
    if (!summaries) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    const body: DaySummariesDto = summaries;
    res.json(200, body);
  }));

  server.post('/api/bookings/:id/move', route(async (req, res, caller, locale) => {
    const id = String(req.params['id'] ?? '');
    if (!BOOKING_ID_PATTERN.test(id)) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    const parsed = moveBody.safeParse(await readJson(req));
    if (!parsed.success) return sendError(res, 400, 'INVALID_INPUT', describeZodError(parsed.error, locale), { field: zodField(parsed.error) });
    const result = await moveToDesk(deps, { actor: caller, bookingId: id, ...parsed.data });
    const index = await deps.catalog.current();
    if (!result.ok) return refuse(res, result.error, locale, index);
    const b = result.value;
    const moved: BookingDto = {
      id: b.id,
      deskId: b.deskId,
      deskLabel: deskView(b.deskId, index).label,
      floorId: b.floorId,
      date: b.date,
      userId: b.userId,
      status: b.status,
    };
    res.json(200, moved);
  }));
}
