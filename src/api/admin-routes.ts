import type restify from 'restify';
import { z } from 'zod';
import { isCivilDate, isHhMm } from '../domain/civil-date';
import type { Result } from '../domain/model';
import { describeRefusal, errorMessage } from '../i18n/describe-refusal';
import { pluralKey, t, translate, type Locale } from '../i18n/messages';
import type { AdminDeps } from '../use-cases/admin-deps';
import type { AuditEntry } from '../use-cases/audit-port';
import { deskView, placeNames } from '../use-cases/booking-view';
import type { CatalogIndex } from '../use-cases/catalog-index';
import { applyPolicyChange, previewPolicyChange, type ChangePolicyCommand, type PolicyPlan, type PolicyRefusal } from '../use-cases/change-policy';
import { InvalidInputError } from '../use-cases/errors';
import type { RecheckCancellation } from '../use-cases/recheck-bookings';
import { exportSite, publishSite, type PublishProblem } from '../use-cases/publish-site';
import { planFloor, publishPlan, type PlanRefusal } from '../use-cases/headcount-plan';
import { authenticatedRoute, roleRoute } from './api-errors';
import { calibratePlan, MAX_PLAN_IMAGE_BYTES, uploadPlanImage } from '../use-cases/admin-plan-image';
import { auditSummary, csvCell } from './admin-audit-text';
import type { ZodError } from 'zod';
import { fieldName, readBody, readJson, sendError, zodField } from './http';
import type { ApiDeps } from './api-deps';

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** A whole site in the import format: far larger than a booking, and still bounded. */
const MAX_PUBLISH_BYTES = 8 * 1024 * 1024;
const MAX_POLICY_BYTES = 16 * 1024;
const MAX_AUDIT_ENTRIES = 5_000;
const DEFAULT_AUDIT_DAYS = 30;

const id = z.string().regex(ID, 'must be 1 to 128 letters, digits or . _ : -');
const day = z.string().max(10).refine(isCivilDate, 'must be a real day written YYYY-MM-DD');
const hhmm = z.string().max(5).refine(isHhMm, 'must be a time written HH:MM');
const capacity = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), value: z.number().int().min(0).max(100_000) }).strict(),
  z.object({ kind: z.literal('percent'), value: z.number().finite().min(0).max(100) }).strict(),
]);

const policyBody = z
  .object({
    siteId: id,
    zoneId: id.optional(),
    effectiveFrom: day,
    policy: z
      .object({
        zoneCapacity: capacity.optional(),
        minDistanceM: z.number().finite().min(0).max(100).optional(),
        horizonDays: z.number().int().min(0).max(365).optional(),
        bookableWeekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
        weeklyQuota: z.number().int().min(1).max(7).nullable().optional(),
        reminderTime: hhmm.optional(),
        checkInDeadline: hhmm.optional(),
      })
      .strict(),
    /** The revision the preview answered with: the apply is refused with 409 if the site changed since. */
    revision: z.number().int().min(0).optional(),
  })
  .strict();

const publishBody = z
  .object({
    site: z.record(z.string(), z.unknown()).optional(),
    /** The site file as text, as picked from disk: problems then name its own lines and columns. */
    siteJson: z.string().optional(),
    desksCsv: z.string().optional(),
    revision: z.number().int().min(0).optional(),
  })
  .strict();

/**
 * The admin API (DESIGN.md, "Admin and oversight API"): holders of the `admin` app role only, refused with 401 or a
 * 403 in the caller's language before anything is read. The routes translate HTTP to the admin use cases and back.
 */
export function mountAdminRoutes(server: restify.Server, deps: ApiDeps): void {
  const admin = roleRoute(deps, ['admin']);
  const adminDeps: AdminDeps = {
    store: deps.store,
    catalogStore: deps.catalogStore,
    catalog: deps.catalog,
    clock: deps.clock,
    audit: deps.audit,
    ...(deps.notices && { notices: deps.notices }),
    ...(deps.retry && { retry: deps.retry }),
    ...(deps.members && { members: deps.members }),
  };

  server.get('/api/admin/sites/:siteId/export', admin(async (req, res, _caller, locale) => {
    const siteId = String(req.params['siteId'] ?? '');
    const exported = ID.test(siteId) ? await exportSite(adminDeps, siteId) : null;
    if (!exported) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    res.json(200, exported);
  }));

  server.post('/api/admin/sites/:siteId/publish', admin(async (req, res, caller, locale) => {
    const siteId = String(req.params['siteId'] ?? '');
    if (!ID.test(siteId)) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    const parsed = publishBody.safeParse(await readJson(req, MAX_PUBLISH_BYTES));
    if (!parsed.success) return badBody(res, parsed.error, locale);
    const { site, siteJson, desksCsv, revision } = parsed.data;
    if ((site === undefined) === (siteJson === undefined)) {
      return sendError(res, 400, 'INVALID_INPUT', errorMessage('INVALID_INPUT', locale, t(locale, 'error.field.invalid', { field: 'site' })), { field: 'site' });
    }
    const result = await publishSite(adminDeps, {
      actor: caller,
      siteId,
      ...(site !== undefined && { site }),
      ...(siteJson !== undefined && { siteJson }),
      ...(desksCsv !== undefined && { desksCsv }),
      ...(revision !== undefined && { revision }),
    });
    if (!result.ok) {
      const r = result.error;
      if (r.kind === 'invalid') return invalidCatalog(res, r.problems, locale);
      if (r.kind === 'site-mismatch') {
        return sendError(res, 400, 'INVALID_INPUT', t(locale, 'admin.publish.siteMismatch', { pathId: siteId, bodyId: r.bodySiteId.slice(0, 128) }), { field: 'site.site.id' });
      }
      return sendError(res, 409, 'CATALOG_CHANGED', t(locale, 'admin.publish.stale', { current: r.current }), { revision: r.current });
    }
    const index = await deps.catalog.current();
    const v = result.value;
    res.json(200, {
      siteId: v.siteId,
      revision: v.revision,
      changed: v.changed,
      recheckComplete: v.complete,
      cancelled: v.cancelled.length,
      cancellations: v.cancelled.map((c) => cancellationDto(c, locale, index)),
      notices: v.notices,
    });
  }));

  const policyCommand = async (req: restify.Request, caller: Parameters<Parameters<typeof admin>[0]>[2]) => {
    const parsed = policyBody.safeParse(await readJson(req, MAX_POLICY_BYTES));
    if (!parsed.success) return parsed;
    const { siteId, zoneId, effectiveFrom, policy, revision } = parsed.data;
    return {
      success: true as const,
      data: { actor: caller, siteId, effectiveFrom, policy, ...(zoneId !== undefined && { zoneId }), ...(revision !== undefined && { revision }) },
    };
  };

  // Preview and apply take the same body and answer with the same head; apply adds what it did.
  const policyRoute = <V extends Pick<PolicyPlan, 'changes' | 'revision'>>(
    run: (cmd: ChangePolicyCommand) => Promise<Result<V, PolicyRefusal>>,
    rest: (v: V, dto: (c: RecheckCancellation) => ReturnType<typeof cancellationDto>) => object,
  ) =>
    admin(async (req, res, caller, locale) => {
      const cmd = await policyCommand(req, caller);
      if (!cmd.success) return badBody(res, cmd.error, locale);
      const result = await run(cmd.data);
      if (!result.ok) return policyRefused(res, result.error, locale);
      const index = await deps.catalog.current();
      const v = result.value;
      res.json(200, {
        siteId: cmd.data.siteId,
        effectiveFrom: cmd.data.effectiveFrom,
        revision: v.revision,
        changes: v.changes,
        ...rest(v, (c) => cancellationDto(c, locale, index)),
      });
    });

  server.post(
    '/api/admin/policies/preview',
    policyRoute(
      (cmd) => previewPolicyChange(adminDeps, cmd),
      (v, dto) => ({ cancellations: v.cancellations.map(dto) }),
    ),
  );

  server.post(
    '/api/admin/policies',
    policyRoute(
      (cmd) => applyPolicyChange(adminDeps, cmd),
      (v, dto) => ({ recheckComplete: v.complete, cancellations: v.cancelled.map(dto), notices: v.notices }),
    ),
  );

  mountPlanImageRoutes(server, deps, admin);
  mountHeadcountPlanRoutes(server, deps, adminDeps, admin);

  server.get('/api/admin/audit', admin(async (req, res, _caller, locale) => {
    const { from, to } = auditPeriod(req.query?.['from'], req.query?.['to'], deps.clock.now());
    const entries = await deps.audit.list({ from, to, limit: MAX_AUDIT_ENTRIES });
    if (/\btext\/csv\b/i.test(String(req.headers['accept'] ?? ''))) return sendCsv(res, entries, locale);
    res.json(200, { from, to, entries: entries.map((e) => auditDto(e, locale)) });
  }));
}

/** The field a body error is about, with its path: an unknown key inside `policy` is `policy.capacity`. */
function bodyField(error: ZodError): string {
  const issue = error.issues[0];
  if (issue?.code === 'unrecognized_keys') return fieldName([...issue.path, issue.keys[0]].join('.'));
  return zodField(error);
}

function badBody(res: restify.Response, error: ZodError, locale: Locale): void {
  const field = bodyField(error);
  const key = error.issues[0]?.code === 'unrecognized_keys' ? 'error.field.unknown' : 'error.field.invalid';
  sendError(res, 400, 'INVALID_INPUT', errorMessage('INVALID_INPUT', locale, t(locale, key, { field })), { field });
}

const calibrationBody = z
  .object({
    version: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be the version of the uploaded image'),
    a: z.tuple([z.number().finite(), z.number().finite()]),
    b: z.tuple([z.number().finite(), z.number().finite()]),
    distanceM: z.number().finite(),
  })
  .strict();

/**
 *   PUT /api/admin/floors/{floorId}/plan-image              raw PNG, JPEG or SVG (Content-Type), at most 2 MiB → 201 { url, version, removed }
 *   PUT /api/admin/floors/{floorId}/plan-image/calibration  { version, a: [x, y], b: [x, y], distanceM } → 200 the calibration
 *   GET /api/floors/{floorId}/plan-image                    the image (any signed-in caller), sandboxed
 *   GET /api/floors/{floorId}/plan-image/info               { contentType, version, calibration? }
 */
function mountPlanImageRoutes(server: restify.Server, deps: ApiDeps, admin: ReturnType<typeof roleRoute>): void {
  const route = authenticatedRoute(deps);
  const images = deps.planImages;
  const floorOf = (req: restify.Request) => {
    const floorId = String(req.params['floorId'] ?? '');
    return ID.test(floorId) ? floorId : null;
  };

  server.put('/api/admin/floors/:floorId/plan-image', admin(async (req, res, caller, locale) => {
    const floorId = floorOf(req);
    if (!floorId || !images) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    const data = await readBody(req, MAX_PLAN_IMAGE_BYTES);
    const result = await uploadPlanImage({ catalog: deps.catalog, planImages: images, clock: deps.clock }, { actor: caller, floorId, contentType: String(req.headers['content-type'] ?? ''), data });
    if (!result.ok) {
      const r = result.error;
      if (r.kind === 'unknown-floor') return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
      if (r.kind === 'too-large') return sendError(res, 413, 'PAYLOAD_TOO_LARGE', t(locale, 'error.PAYLOAD_TOO_LARGE', { max: r.max }));
      if (r.kind === 'type') return sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', t(locale, 'admin.plan.type'));
      return sendError(res, 400, 'INVALID_INPUT', t(locale, 'admin.plan.svg'), { field: 'body', detail: r.reason.slice(0, 200) });
    }
    res.json(201, { floorId, url: result.value.url, version: result.value.info.version, contentType: result.value.info.contentType, bytes: result.value.info.bytes, removed: result.value.removed });
  }));

  server.put('/api/admin/floors/:floorId/plan-image/calibration', admin(async (req, res, _caller, locale) => {
    const floorId = floorOf(req);
    if (!floorId || !images) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    const parsed = calibrationBody.safeParse(await readJson(req));
    if (!parsed.success) return badBody(res, parsed.error, locale);
    const result = await calibratePlan({ planImages: images }, { floorId, ...parsed.data });
    if (!result.ok) {
      if (result.error.kind === 'no-image') return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
      if (result.error.kind === 'stale') return sendError(res, 409, 'PLAN_CHANGED', t(locale, 'admin.plan.stale'));
      return sendError(res, 400, 'INVALID_INPUT', t(locale, 'admin.plan.calibration'), { field: 'distanceM' });
    }
    res.json(200, result.value);
  }));

  server.get('/api/floors/:floorId/plan-image', route(async (req, res, _caller, locale) => {
    const floorId = floorOf(req);
    const found = floorId && images ? await images.read(floorId) : null;
    if (!found) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    // Defence in depth for SVG, already rebuilt from an allow-list: opened on its own, it may run nothing and load nothing.
    res.writeHead(200, {
      'Content-Type': found.info.contentType,
      'Content-Length': found.data.length,
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'Content-Disposition': 'inline; filename="plan"',
      ETag: `"${found.info.version}"`,
    });
    res.end(found.data);
  }));

  server.get('/api/floors/:floorId/plan-image/info', route(async (req, res, _caller, locale) => {
    const floorId = floorOf(req);
    const info = floorId && images ? await images.info(floorId) : null;
    if (!info) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    res.json(200, { floorId: info.floorId, contentType: info.contentType, bytes: info.bytes, version: info.version, uploadedAt: info.uploadedAt, ...(info.calibration && { calibration: info.calibration }) });
  }));
}

const headcountPlanBody = z
  .object({
    revision: z.number().int().min(0),
    deskIds: z.array(id).max(10_000),
    date: day.optional(),
  })
  .strict();

/**
 * The safe-headcount plan of a floor (issue 15 §3):
 *   GET  /api/admin/floors/{floorId}/headcount-plan?date=          → the plan: count, deskIds (kept), offDeskIds, method, zones, revision
 *   POST /api/admin/floors/{floorId}/headcount-plan/publish        { revision, deskIds, date? } → the publish's answer, plus switchedOff
 */
function mountHeadcountPlanRoutes(server: restify.Server, deps: ApiDeps, adminDeps: AdminDeps, admin: ReturnType<typeof roleRoute>): void {
  const floorOf = (req: restify.Request) => {
    const floorId = String(req.params['floorId'] ?? '');
    return ID.test(floorId) ? floorId : null;
  };
  const dateOf = (raw: unknown): string | undefined => {
    if (raw === undefined || raw === '') return undefined;
    if (typeof raw !== 'string' || !isCivilDate(raw)) throw new InvalidInputError('date must be a real day written YYYY-MM-DD', 'date');
    return raw;
  };

  server.get('/api/admin/floors/:floorId/headcount-plan', admin(async (req, res, caller, locale) => {
    const floorId = floorOf(req);
    if (!floorId) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    const date = dateOf(req.query?.['date']);
    const result = await planFloor(adminDeps, { actor: caller, floorId, ...(date !== undefined && { date }) });
    if (!result.ok) return planRefused(res, result.error, locale);
    res.json(200, result.value);
  }));

  server.post('/api/admin/floors/:floorId/headcount-plan/publish', admin(async (req, res, caller, locale) => {
    const floorId = floorOf(req);
    if (!floorId) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    const parsed = headcountPlanBody.safeParse(await readJson(req));
    if (!parsed.success) return badBody(res, parsed.error, locale);
    const { revision, deskIds, date } = parsed.data;
    const result = await publishPlan(adminDeps, { actor: caller, floorId, revision, deskIds, ...(date !== undefined && { date }) });
    if (!result.ok) return planRefused(res, result.error, locale);
    const index = await deps.catalog.current();
    const v = result.value;
    res.json(200, {
      siteId: v.siteId,
      floorId: v.floorId,
      revision: v.revision,
      changed: v.changed,
      kept: v.kept,
      switchedOff: v.switchedOff,
      offFrom: v.offFrom,
      recheckComplete: v.complete,
      cancelled: v.cancelled.length,
      cancellations: v.cancelled.map((c) => cancellationDto(c, locale, index)),
      notices: v.notices,
    });
  }));
}

function planRefused(res: restify.Response, r: PlanRefusal, locale: Locale): void {
  switch (r.kind) {
    case 'not-allowed':
      return sendError(res, 403, 'NOT_ALLOWED', errorMessage('FORBIDDEN', locale));
    case 'unknown-floor':
      return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    case 'stale':
      return sendError(res, 409, 'CATALOG_CHANGED', t(locale, 'admin.publish.stale', { current: r.current }), { revision: r.current });
    case 'unsafe':
      return sendError(res, 400, 'INVALID_INPUT', t(locale, 'admin.headcountPlan.unsafe'), { field: 'deskIds', problems: r.problems.slice(0, 200).map((p) => p.slice(0, 500)) });
    case 'publish': {
      const p = r.refusal;
      if (p.kind === 'invalid') return invalidCatalog(res, p.problems, locale);
      if (p.kind === 'stale') return sendError(res, 409, 'CATALOG_CHANGED', t(locale, 'admin.publish.stale', { current: p.current }), { revision: p.current });
      return sendError(res, 409, 'CATALOG_CHANGED', t(locale, 'admin.publish.stale', { current: 0 }));
    }
  }
}

function cancellationDto(c: RecheckCancellation, locale: Locale, index: CatalogIndex) {
  const b = c.booking;
  return {
    bookingId: b.id,
    date: b.date,
    deskId: b.deskId,
    deskLabel: deskView(b.deskId, index).label,
    userId: b.userId,
    ...(b.userName !== undefined && { userName: b.userName }),
    code: c.refusal.code,
    reason: describeRefusal(c.refusal, locale, placeNames(index)),
  };
}

/** A field as the import names it, shown as it is when it is made of path characters only. */
function problemField(field: string): string {
  return /^[A-Za-z0-9_.[\]"-]{1,160}$/.test(field) ? field : 'site';
}

function invalidCatalog(res: restify.Response, problems: readonly PublishProblem[], locale: Locale): void {
  const first = problems[0];
  const field = problemField(first?.field ?? 'site');
  // The sentence names the place as the person's file has it: the path inside the site file (the body's own `site.`
  // prefix left out, or it reads "site.site.timeZone"), and the line and column in words when the file's text was sent.
  const path = field === 'site' ? field : field.replace(/^site\./, '');
  const shown =
    first?.line !== undefined
      ? t(locale, first.column ? 'admin.problems.place' : 'admin.problems.placeLine', { field: path, line: first.line, column: first.column ?? '' })
      : path;
  sendError(res, 400, 'INVALID_INPUT', translate(locale, pluralKey(locale, 'admin.problems', problems.length), { count: problems.length, field: shown }), {
    field,
    problems: problems.slice(0, 200).map((p) => ({ ...p, field: problemField(p.field), problem: p.problem.slice(0, 500) })),
  });
}

function policyRefused(res: restify.Response, r: PolicyRefusal, locale: Locale): void {
  switch (r.kind) {
    case 'unknown-site':
      return sendError(res, 400, 'INVALID_INPUT', errorMessage('INVALID_INPUT', locale, t(locale, 'error.field.invalid', { field: 'siteId' })), { field: 'siteId' });
    case 'unknown-zone':
      return sendError(res, 400, 'INVALID_INPUT', errorMessage('INVALID_INPUT', locale, t(locale, 'error.field.invalid', { field: 'zoneId' })), { field: 'zoneId' });
    case 'past':
      return sendError(res, 400, 'INVALID_INPUT', t(locale, 'admin.policy.past'), { field: 'effectiveFrom', today: r.today });
    case 'zone-only':
      return sendError(res, 400, 'INVALID_INPUT', t(locale, 'admin.policy.zoneOnly', { field: r.field }), { field: r.field });
    case 'stale':
      return sendError(res, 409, 'CATALOG_CHANGED', t(locale, 'admin.policy.stale', { current: r.current }), { revision: r.current });
    case 'invalid': {
      const field = r.problems[0]?.field ?? 'policy';
      return sendError(res, 400, 'INVALID_INPUT', translate(locale, pluralKey(locale, 'admin.problems', r.problems.length), { count: r.problems.length, field }), {
        field,
        problems: r.problems.slice(0, 50).map((p) => ({ field: p.field, problem: p.problem.slice(0, 500) })),
      });
    }
  }
}

/**
 * The period asked for: `from` and `to` as days (YYYY-MM-DD, UTC, both included) or ISO instants (`to` excluded).
 * Without them, the last 30 days.
 */
function auditPeriod(rawFrom: unknown, rawTo: unknown, now: Date): { from: string; to: string } {
  const to = rawTo === undefined || rawTo === '' ? new Date(now.getTime() + 1) : instantOf(rawTo, 'to', true);
  const from = rawFrom === undefined || rawFrom === '' ? new Date(to.getTime() - DEFAULT_AUDIT_DAYS * 86_400_000) : instantOf(rawFrom, 'from', false);
  if (from.getTime() > to.getTime()) throw new InvalidInputError('from must not be after to', 'from');
  return { from: from.toISOString(), to: to.toISOString() };
}

function instantOf(raw: unknown, field: string, endOfDay: boolean): Date {
  if (typeof raw !== 'string' || raw.length > 40) throw new InvalidInputError(`${field} must be a day or an ISO instant`, field);
  if (isCivilDate(raw)) {
    const start = Date.parse(`${raw}T00:00:00.000Z`);
    return new Date(endOfDay ? start + 86_400_000 : start);
  }
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw) ? Date.parse(raw) : NaN;
  if (!Number.isFinite(at)) throw new InvalidInputError(`${field} must be a day or an ISO instant`, field);
  return new Date(at);
}

function auditDto(e: AuditEntry, locale: Locale) {
  return {
    id: e.id,
    at: e.at,
    actor: e.actor,
    ...(e.actorName !== undefined && { actorName: e.actorName }),
    action: e.action,
    summary: auditSummary(e, locale),
    ...(e.siteId !== undefined && { siteId: e.siteId }),
    ...(e.subject !== undefined && { subject: e.subject }),
    ...(e.count !== undefined && { count: e.count }),
    params: e.params ?? {},
  };
}

function sendCsv(res: restify.Response, entries: readonly AuditEntry[], locale: Locale): void {
  const header = ['at', 'actor', 'actorName', 'action', 'siteId', 'count', 'summary'];
  const lines = [header, ...entries.map((e) => [e.at, e.actor, e.actorName ?? '', e.action, e.siteId ?? '', e.count === undefined ? '' : String(e.count), auditSummary(e, locale)])];
  const body = lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
  res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': 'attachment; filename="seatwise-audit.csv"',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
