import type restify from 'restify';
import { z } from 'zod';
import { isCivilDate } from '../domain/civil-date';
import { errorMessage } from '../i18n/describe-refusal';
import { InvalidInputError } from '../use-cases/errors';
import { occupancyReport } from '../use-cases/occupancy-report';
import { erasePerson } from '../use-cases/erase-person';
import { exportMyData } from '../use-cases/export-my-data';
import { setSitePrivacy, sitePrivacy } from '../use-cases/set-site-privacy';
import { traceContacts } from '../use-cases/trace-contacts';
import { DEFAULT_RETENTION } from '../use-cases/purge-expired';
import { authenticatedRoute, refuse, roleRoute } from './api-errors';
import { describeZodError, readJson, sendError, zodField } from './http';
import { sendCsv, toCsv, wantsCsv } from './oversight-csv';
import type { ApiDeps } from './api-deps';

export type { OversightPorts } from './api-deps';

const SITE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const privacyBody = z.object({ colleaguesSeeNames: z.boolean() }).strict();

/** Columns of the occupancy CSV: the JSON rows' fields, in the same order, so both say exactly the same. */
export const OCCUPANCY_COLUMNS = ['date', 'floorId', 'zoneId', 'booked', 'checkedIn', 'noShow', 'cancelled', 'capacity', 'releasedEarly', 'held', 'floorName', 'zoneName'] as const;
/** Columns of the weekly CSV (`per=week`), the JSON weeks' fields. */
export const OCCUPANCY_WEEK_COLUMNS = ['week', 'floorId', 'zoneId', 'days', 'booked', 'checkedIn', 'noShow', 'cancelled', 'releasedEarly', 'peakHeld', 'peakDate', 'capacity', 'floorName', 'zoneName'] as const;

/**
 * The admin and oversight API (DESIGN.md, "Admin and oversight API"): occupancy reports, contact tracing and
 * personal-data requests. Routes translate HTTP to use cases and back; the rules live in the use cases.
 */
export function mountOversightRoutes(server: restify.Server, deps: ApiDeps): void {
  const ports = deps.oversight ?? {};
  const reporters = roleRoute(deps, ['admin', 'reports']);

  server.get('/api/reports/occupancy', reporters(async (req, res, _caller, locale) => {
    const siteId = requiredText(req.query?.['siteId'], 'siteId', SITE_ID);
    const from = requiredDate(req.query?.['from'], 'from');
    const to = requiredDate(req.query?.['to'], 'to');
    const floorId = optionalText(req.query?.['floorId'], 'floorId', SITE_ID);
    const per = req.query?.['per'] ?? 'day';
    if (per !== 'day' && per !== 'week') throw new InvalidInputError('per must be day or week', 'per');
    const report = await occupancyReport({ ...deps, ...(ports.archive && { archive: ports.archive }) }, { siteId, from, to, ...(floorId !== undefined && { floorId }) });
    if (!report) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    // The CSV holds the rows the report page shows for the same query: per day and zone, or per week and zone.
    const name = `occupancy-${siteId}${floorId ? `-${floorId}` : ''}-${from}-${to}${per === 'week' ? '-weeks' : ''}.csv`;
    if (wantsCsv(req)) return sendCsv(res, per === 'week' ? toCsv(OCCUPANCY_WEEK_COLUMNS, report.weeks) : toCsv(OCCUPANCY_COLUMNS, report.rows), name);
    res.json(200, report);
  }));

  // Tracer only: an admin or a reporter is refused like anyone else. The result is sent once and not kept; the run
  // itself is in the audit log (the use case writes it before answering).
  server.post('/api/tracing', roleRoute(deps, ['tracer'])(async (req, res, caller, locale) => {
    const parsed = tracingBody.safeParse(await readJson(req));
    if (!parsed.success) return sendError(res, 400, 'INVALID_INPUT', describeZodError(parsed.error, locale), { field: zodField(parsed.error) });
    const csv = wantsCsv(req);
    const { radiusM, ...rest } = parsed.data;
    const result = await traceContacts(deps, { actor: caller, ...rest, ...(radiusM !== undefined && { radiusM }), format: csv ? 'csv' : 'json' });
    if (!result.ok) return refuse(res, result.error, locale, await deps.catalog.current());
    if (csv) return sendCsv(res, toCsv(TRACING_COLUMNS, result.value.contacts), `tracing-${rest.from}-${rest.to}.csv`);
    res.json(200, result.value);
  }));

  const route = authenticatedRoute(deps);
  const retentionDays = ports.retentionDays ?? DEFAULT_RETENTION.retentionDays;

  // Anyone, about themselves only: the caller is the token's identity, never an id from the request.
  server.get('/api/me/data', route(async (_req, res, caller, locale) => {
    if (!ports.personal) return sendError(res, 503, 'STORAGE_UNAVAILABLE', errorMessage('STORAGE_UNAVAILABLE', locale));
    const data = await exportMyData({ ...deps, personal: ports.personal, retentionDays, ...(deps.favourites && { favourites: deps.favourites }) }, caller);
    res.header('Content-Disposition', 'attachment; filename="seatwise-my-data.json"');
    res.json(200, data);
  }));

  server.del('/api/admin/people/:userId', roleRoute(deps, ['admin'])(async (req, res, caller, locale) => {
    if (!ports.personal || !ports.pseudonymOf) return sendError(res, 503, 'STORAGE_UNAVAILABLE', errorMessage('STORAGE_UNAVAILABLE', locale));
    const userId = String(req.params['userId'] ?? '');
    const result = await erasePerson({ ...deps, personal: ports.personal, retentionDays, pseudonymOf: ports.pseudonymOf, ...(deps.favourites && { favourites: deps.favourites }) }, { actor: caller, userId });
    if (!result.ok) return refuse(res, result.error, locale, await deps.catalog.current());
    res.json(200, result.value);
  }));

  // Names of colleagues ("who is in") per site: hidden unless the site turns them on (or the deployment's default does).
  const admins = roleRoute(deps, ['admin']);
  server.get('/api/admin/sites/:siteId/privacy', admins(async (req, res, _caller, locale) => {
    const siteId = String(req.params['siteId'] ?? '');
    if (!ports.sitePrivacy) return sendError(res, 503, 'STORAGE_UNAVAILABLE', errorMessage('STORAGE_UNAVAILABLE', locale));
    if (!SITE_ID.test(siteId) || !(await deps.catalog.current()).site(siteId)) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    res.json(200, await sitePrivacy({ sitePrivacy: ports.sitePrivacy }, siteId, ports.defaultShowNames ?? false));
  }));
  server.put('/api/admin/sites/:siteId/privacy', admins(async (req, res, caller, locale) => {
    const siteId = String(req.params['siteId'] ?? '');
    if (!ports.sitePrivacy) return sendError(res, 503, 'STORAGE_UNAVAILABLE', errorMessage('STORAGE_UNAVAILABLE', locale));
    const parsed = privacyBody.safeParse(await readJson(req));
    if (!parsed.success) return sendError(res, 400, 'INVALID_INPUT', describeZodError(parsed.error, locale), { field: zodField(parsed.error) });
    const result = SITE_ID.test(siteId) ? await setSitePrivacy({ ...deps, sitePrivacy: ports.sitePrivacy }, { actor: caller, siteId, ...parsed.data }) : null;
    if (!result) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    if (!result.ok) return refuse(res, result.error, locale, await deps.catalog.current());
    res.json(200, { ...result.value, chosenBySite: true });
  }));
}

const tracingBody = z
  .object({
    userId: z.string().min(1).max(128),
    from: z.string().max(10),
    to: z.string().max(10),
    radiusM: z.number().finite().optional(),
    reason: z.string().max(2000),
  })
  .strict();

/** Columns of the tracing CSV, the JSON contacts' fields. */
export const TRACING_COLUMNS = ['userId', 'userName', 'date', 'deskId', 'deskLabel', 'distanceM', 'nearDeskId', 'radiusM', 'floorId', 'floorName'] as const;

function requiredText(raw: unknown, field: string, pattern: RegExp): string {
  if (typeof raw !== 'string' || !pattern.test(raw)) throw new InvalidInputError(`${field} is missing or not valid`, field);
  return raw;
}

function optionalText(raw: unknown, field: string, pattern: RegExp): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  return requiredText(raw, field, pattern);
}

function requiredDate(raw: unknown, field: string): string {
  if (typeof raw !== 'string' || raw.length > 10 || !isCivilDate(raw)) throw new InvalidInputError(`${field} must be a real day written YYYY-MM-DD`, field);
  return raw;
}
