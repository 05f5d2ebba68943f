import type restify from 'restify';
import { z } from 'zod';
import { isCivilDate } from '../domain/civil-date';
import type { Refusal } from '../domain/refusal';
import type { Series, SeriesDay } from '../domain/series';
import { describeAlternative, describeRefusal, errorMessage } from '../i18n/describe-refusal';
import { t, type Locale } from '../i18n/messages';
import { cancelSeries, createSeries, getMySeries, listMySeries, NO_FREE_DESK, summarise, type SeriesDeps } from '../use-cases/book-series';
import { placeNames } from '../use-cases/booking-view';
import type { CatalogIndex } from '../use-cases/catalog-index';
import { previewSeries } from '../use-cases/preview-series';
import { InvalidInputError } from '../use-cases/errors';
import type { Authenticator } from './authenticate';
import { authenticatedRoute, refuse } from './api-errors';
import { describeZodError, readJson, sendError, zodField } from './http';
import type { ApiLogger } from './api-deps';

export interface SeriesApiDeps extends SeriesDeps {
  readonly auth: Authenticator;
  readonly log: ApiLogger;
}

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SERIES_ID = /^s[A-Za-z0-9]{8,40}$/;
const date = z.string().max(10).refine(isCivilDate, 'must be a real day written YYYY-MM-DD');

const seriesBody = z
  .object({
    deskId: z.string().regex(ID).optional(),
    siteId: z.string().regex(ID).optional(),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    every: z.union([z.literal(1), z.literal(2)]).optional(),
    from: date,
    until: date,
    zoneId: z.string().regex(ID).optional(),
    attributes: z.array(z.string().regex(/^[a-z0-9][a-z0-9 _-]{0,31}$/)).max(8).optional(),
    requestId: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/).optional(),
  })
  .strict();

/** The command of a parsed body, without what it does not name. */
function commandOf(body: z.infer<typeof seriesBody>) {
  return {
    weekdays: body.weekdays,
    from: body.from,
    until: body.until,
    ...(body.deskId !== undefined && { deskId: body.deskId }),
    ...(body.siteId !== undefined && { siteId: body.siteId }),
    ...(body.every !== undefined && { every: body.every }),
    ...(body.zoneId !== undefined && { zoneId: body.zoneId }),
    ...(body.attributes !== undefined && { attributes: body.attributes }),
  };
}

/**
 * Recurring series: POST makes one and books what the window reaches now, GET lists the caller's, DELETE cancels one
 * from a day on. The caller is always the owner: a series of someone else answers 404, as one that does not exist.
 */
export function mountSeriesRoutes(server: restify.Server, deps: SeriesApiDeps): void {
  const route = authenticatedRoute(deps);

  server.post('/api/series', route(async (req, res, caller, locale) => {
    const parsed = seriesBody.safeParse(await readJson(req));
    if (!parsed.success) return sendError(res, 400, 'INVALID_INPUT', describeZodError(parsed.error, locale), { field: zodField(parsed.error) });
    const body = parsed.data;
    const index = await deps.catalog.current();
    const result = await createSeries(deps, { actor: caller, ...commandOf(body), ...(body.requestId !== undefined && { requestId: body.requestId }) });
    if (!result.ok) return refuse(res, result.error, locale, index);
    const { series, refusals } = result.value;
    res.json(201, seriesDto(series, series.days, locale, index, refusals));
  }));

  // What POST would book and refuse now, and why, without booking anything: the tab shows it before Confirm.
  server.post('/api/series/preview', route(async (req, res, caller, locale) => {
    const parsed = seriesBody.safeParse(await readJson(req));
    if (!parsed.success) return sendError(res, 400, 'INVALID_INPUT', describeZodError(parsed.error, locale), { field: zodField(parsed.error) });
    const index = await deps.catalog.current();
    const result = await previewSeries(deps, { actor: caller, ...commandOf(parsed.data) });
    if (!result.ok) return refuse(res, result.error, locale, index);
    const lookup = placeNames(index);
    res.json(200, {
      siteId: result.value.siteId,
      lastBookableDate: result.value.lastBookableDate,
      days: result.value.days.map((d) => {
        if (d.state === 'book') return { date: d.date, state: d.state, deskId: d.deskId, deskLabel: index.locateDesk(d.deskId)?.desk.label ?? d.deskId };
        if (d.state === 'pending') return { date: d.date, state: d.state };
        const message = d.refusal ? describeRefusal(d.refusal, locale, lookup) : d.code === NO_FREE_DESK ? t(locale, 'series.noFreeDesk') : undefined;
        return { date: d.date, state: d.state, code: d.code, ...(message !== undefined && { message }) };
      }),
    });
  }));

  server.get('/api/series', route(async (_req, res, caller, locale) => {
    const index = await deps.catalog.current();
    const all = await listMySeries(deps, caller);
    res.json(200, all.map((s) => seriesDto(s.series, s.days, locale, index)));
  }));

  server.get('/api/series/:id', route(async (req, res, caller, locale) => {
    const id = String(req.params['id'] ?? '');
    const found = SERIES_ID.test(id) ? await getMySeries(deps, caller, id) : null;
    if (!found) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    const shown = await summarise(deps, found);
    res.json(200, seriesDto(found, shown.days, locale, await deps.catalog.current()));
  }));

  server.del('/api/series/:id', route(async (req, res, caller, locale) => {
    const id = String(req.params['id'] ?? '');
    const rawFrom = req.query?.['from'];
    let from: string | undefined;
    if (rawFrom !== undefined && rawFrom !== '') {
      const checked = date.safeParse(rawFrom);
      if (!checked.success) throw new InvalidInputError('from must be a real day written YYYY-MM-DD', 'from');
      from = checked.data;
    }
    const cancelled = SERIES_ID.test(id) ? await cancelSeries(deps, { actor: caller, seriesId: id, ...(from !== undefined && { from }) }) : null;
    if (!cancelled) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    const shown = await summarise(deps, cancelled);
    res.json(200, seriesDto(cancelled, shown.days, locale, await deps.catalog.current()));
  }));
}

/** A series in the Everyday API's shape: its days sorted into booked, refused (with the rule) and pending. */
export function seriesDto(series: Series, days: readonly SeriesDay[], locale: Locale, index: CatalogIndex, refusals: ReadonlyMap<string, Refusal> = new Map()) {
  const lookup = placeNames(index);
  const of = (state: SeriesDay['state']) => days.filter((d) => d.state === state);
  return {
    id: series.id,
    siteId: series.siteId,
    ...(series.deskId !== undefined && { deskId: series.deskId, deskLabel: index.locateDesk(series.deskId)?.desk.label ?? series.deskId }),
    ...(series.zoneId !== undefined && { zoneId: series.zoneId }),
    ...(series.attributes !== undefined && { attributes: series.attributes }),
    weekdays: series.weekdays,
    every: series.every,
    from: series.from,
    until: series.until,
    createdAt: series.createdAt,
    booked: of('booked').map((d) => d.date),
    refused: of('refused').map((d) => {
      const r = refusals.get(d.date);
      const message = r ? describeRefusal(r, locale, lookup) : d.code === NO_FREE_DESK ? t(locale, 'series.noFreeDesk') : undefined;
      return {
        date: d.date,
        code: d.code ?? 'REFUSED',
        ...(message !== undefined && { message }),
        ...(r && r.alternatives.length > 0 && { alternatives: r.alternatives.map((a) => ({ ...a, text: describeAlternative(a, locale) })) }),
      };
    }),
    pending: of('pending').map((d) => d.date),
    cancelled: of('cancelled').map((d) => d.date),
    bookings: of('booked').map((d) => ({ date: d.date, bookingId: d.bookingId })),
  };
}
