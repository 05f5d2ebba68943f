import type restify from 'restify';
import { hasAnyRole, type Role } from '../domain/model';
import type { Refusal } from '../domain/refusal';
import { errorMessage, refusalView } from '../i18n/describe-refusal';
import { t, type Locale } from '../i18n/messages';
import { placeNames } from '../use-cases/booking-view';
import type { CatalogIndex } from '../use-cases/catalog-index';
import { InvalidInputError } from '../use-cases/errors';
import { ContentionError, StorageUnavailableError } from '../use-cases/ports';
import { AuthError, type Authenticator, type Caller } from './authenticate';
import { BodyError, bodyErrorMessage, fieldName, localeOf, sendError } from './http';
import type { Logger } from '../use-cases/logger-port';

/** What the API logs: its failures only. */
type ApiLogger = Pick<Logger, 'error'>;

/** How every API route authenticates and answers a refusal or a fault: the same statuses, codes and sentences in the caller's language. */
const REFUSAL_STATUS: Partial<Record<Refusal['code'], 403 | 404>> = { NOT_ALLOWED: 403, BOOKING_NOT_FOUND: 404, UNKNOWN_DESK: 404 };

/** A rule said no: 409 with the code, a sentence in the caller's language and the alternatives. */
export function refuse(res: restify.Response, r: Refusal, locale: Locale, index: CatalogIndex): void {
  const view = refusalView(r, locale, placeNames(index));
  sendError(res, REFUSAL_STATUS[r.code] ?? 409, r.code, view.sentence, { details: r.details, alternatives: view.alternatives });
}

function authMessage(error: AuthError, locale: Locale): string {
  switch (error.reason) {
    case 'dev-user':
      return t(locale, 'error.auth.devUser');
    case 'tenant':
      return t(locale, 'error.auth.tenant');
    case 'scope':
      return t(locale, 'error.auth.scope');
    case 'sign-in':
      return errorMessage(error.code, locale);
  }
}

export function fail(res: restify.Response, error: unknown, locale: Locale, log: ApiLogger): void {
  if (error instanceof AuthError) return sendError(res, error.status, error.code, authMessage(error, locale));
  if (error instanceof BodyError) return sendError(res, error.status, error.code, bodyErrorMessage(error, locale));
  if (error instanceof InvalidInputError) {
    // The use case's sentence is English and for developers; the caller is told which field, in their language.
    const details = t(locale, 'error.field.invalid', { field: error.field ? fieldName(error.field) : 'body' });
    return sendError(res, 400, 'INVALID_INPUT', errorMessage('INVALID_INPUT', locale, details), error.field ? { field: fieldName(error.field) } : {});
  }
  if (error instanceof StorageUnavailableError || error instanceof ContentionError) {
    res.header('Retry-After', String(error.retryAfterSeconds));
    return sendError(res, 503, error.code, errorMessage(error.code, locale));
  }
  log.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'api request failed');
  sendError(res, 500, 'INTERNAL', errorMessage('INTERNAL', locale));
}

export type RouteHandler = (req: restify.Request, res: restify.Response, caller: Caller, locale: Locale) => Promise<void>;

/**
 * Every API route: authenticate first (no token, no entry), then run the handler; a fault becomes the API's error
 * answer in the caller's language. Responses are never cached and never sniffed.
 */
export function authenticatedRoute(deps: { readonly auth: Authenticator; readonly log: ApiLogger }) {
  return (handler: RouteHandler) => async (req: restify.Request, res: restify.Response): Promise<void> => {
    const locale = localeOf(req);
    res.header('Cache-Control', 'no-store');
    res.header('X-Content-Type-Options', 'nosniff');
    try {
      const caller = await deps.auth.authenticate(req.headers);
      await handler(req, res, caller, locale);
    } catch (error) {
      fail(res, error, locale, deps.log);
    }
  };
}

/**
 * A route for holders of one of `roles` only (from the token's `roles` claim, or `x-dev-roles` in dev mode): anyone
 * else, signed in or not, is refused before the handler runs (401 without a token, 403 without the role). The 403
 * names the roles that would do, never what the route holds.
 */
export function roleRoute(deps: { readonly auth: Authenticator; readonly log: ApiLogger }, roles: readonly Role[]) {
  const route = authenticatedRoute(deps);
  return (handler: RouteHandler) =>
    route(async (req, res, caller, locale) => {
      if (!hasAnyRole(caller, roles)) {
        return sendError(res, 403, 'NOT_ALLOWED', t(locale, 'error.auth.role', { roles: roles.join(' / ') }));
      }
      await handler(req, res, caller, locale);
    });
}
