import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isRole, type Actor, type Role } from '../domain/model';
import { hasGroupsOverage, type GroupDirectory } from './graph-group-directory';

/**
 * Why the caller is refused, as the caller is told it (in their language):
 * - sign-in: no usable token (none, forged, expired, for another app or issuer); the details stay in `message`;
 * - dev-user: development identity missing or malformed;
 * - tenant: a genuine token of an organisation that is not on the allow-list;
 * - scope: a genuine token that does not grant the API.
 */
export type AuthRefusal = 'sign-in' | 'dev-user' | 'tenant' | 'scope';

/**
 * Why a request has no usable identity: 401 when it proves nothing, 403 when it proves the wrong thing.
 * `message` is for the log (it may quote the token library); callers get the sentence `reason` names.
 */
export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN',
    message: string,
    readonly reason: AuthRefusal = 'sign-in',
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export interface Caller extends Actor {
  readonly tenantId?: string;
}

/** Establishes who is calling from the request headers. Never from the body or the query. */
export interface Authenticator {
  authenticate(headers: Readonly<Record<string, string | string[] | undefined>>): Promise<Caller>;
}

const DEV_USER = /^[A-Za-z0-9._:@-]{1,128}$/;

function header(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function rolesFrom(values: readonly unknown[]): Role[] {
  const roles = new Set<Role>();
  for (const v of values) {
    const r = typeof v === 'string' ? v.trim().toLowerCase() : '';
    if (isRole(r)) roles.add(r);
  }
  return [...roles];
}

/**
 * What a zone may be restricted to: the Entra group ids of the token's `groups` claim and every app-role value of its
 * `roles` claim (Seatwise's own and any other the organisation defines). Only short, printable values are kept.
 * A token with too many groups carries none (Entra's "overage"): the Entra authenticator then asks its group
 * directory (Microsoft Graph) when it has one, and otherwise treats the person as in no group.
 */
function groupsFrom(...lists: readonly unknown[][]): string[] {
  const groups = new Set<string>();
  for (const list of lists) {
    for (const v of list) {
      const g = typeof v === 'string' ? v.trim() : '';
      if (g.length > 0 && g.length <= 128 && !/[\u0000-\u001f\u007f]/.test(g)) groups.add(g);
    }
  }
  return [...groups].slice(0, 500);
}

/**
 * Development identity (AUTH_MODE=dev, refused in production by the configuration): `x-dev-user`, with optional
 * `x-dev-name`, `x-dev-roles: admin,tracer` and `x-dev-groups: <group ids or app roles>`.
 */
export class DevAuthenticator implements Authenticator {
  async authenticate(headers: Readonly<Record<string, string | string[] | undefined>>): Promise<Caller> {
    const user = header(headers, 'x-dev-user');
    if (!user) throw new AuthError(401, 'UNAUTHENTICATED', 'Sign in: in development, send the header x-dev-user', 'dev-user');
    if (!DEV_USER.test(user)) {
      throw new AuthError(401, 'UNAUTHENTICATED', 'x-dev-user must be 1 to 128 letters, digits or . _ : @ -', 'dev-user');
    }
    const name = header(headers, 'x-dev-name')?.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 100);
    const rawRoles = (header(headers, 'x-dev-roles') ?? '').split(',');
    const roles = rolesFrom(rawRoles);
    const groups = groupsFrom((header(headers, 'x-dev-groups') ?? '').split(','), rawRoles);
    return { userId: user, ...(name && { name }), roles, ...(groups.length > 0 && { groups }) };
  }
}

export interface EntraOptions {
  /** The tab's app registration (AAD_CLIENT_ID): tokens must be issued for it. */
  readonly clientId: string;
  /** Entra tenants whose users may call (ALLOWED_TENANT_IDS). */
  readonly allowedTenantIds: readonly string[];
  /** The key set; by default Microsoft's, fetched once and cached (refreshed when an unknown key id appears). */
  readonly jwks?: JWTVerifyGetKey;
  readonly jwksUrl?: string;
  /** Where the groups of a token with too many to carry are found (Microsoft Graph); without it, such a person has none. */
  readonly directory?: GroupDirectory;
}

export const ENTRA_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
const SCOPE = 'access_as_user';

/**
 * Teams tab SSO tokens (Entra ID), checked with jose: the RS256 signature against Microsoft's keys (no other
 * algorithm, so neither "none" nor an HMAC made with the public key passes), expiry, the audience (the tab's app),
 * the issuer of the token's own tenant, the tenant against the allow-list, and the access_as_user scope. The
 * person is the token's oid; roles come from its `roles` claim.
 */
export class EntraAuthenticator implements Authenticator {
  private readonly jwks: JWTVerifyGetKey;
  private readonly allowed: ReadonlySet<string>;

  constructor(private readonly options: EntraOptions) {
    if (!options.clientId) throw new Error('Entra authentication needs AAD_CLIENT_ID');
    this.jwks = options.jwks ?? createRemoteJWKSet(new URL(options.jwksUrl ?? ENTRA_JWKS_URL), { cacheMaxAge: 12 * 3600_000, cooldownDuration: 30_000 });
    this.allowed = new Set(options.allowedTenantIds.map((t) => t.toLowerCase()));
  }

  async authenticate(headers: Readonly<Record<string, string | string[] | undefined>>): Promise<Caller> {
    const auth = header(headers, 'authorization');
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    if (!token) throw new AuthError(401, 'UNAUTHENTICATED', 'Sign in: send the Teams SSO token as "Authorization: Bearer <token>"');
    // Version 1 tokens name the app by its Application ID URI, api://<domain>/<client id>; version 2 by its id.
    const claimed = decodeAudience(token);
    const audience = [this.options.clientId];
    if (claimed && /^api:\/\/[^/]+\/.+/.test(claimed) && claimed.endsWith(`/${this.options.clientId}`)) audience.push(claimed);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        algorithms: ['RS256'],
        audience,
        clockTolerance: 60,
        requiredClaims: ['exp', 'iss', 'aud'],
      }));
    } catch (error) {
      throw new AuthError(401, 'UNAUTHENTICATED', `The token was refused: ${error instanceof Error ? error.message : 'invalid'}`);
    }
    const tid = typeof payload['tid'] === 'string' ? payload['tid'].toLowerCase() : '';
    const oid = typeof payload['oid'] === 'string' ? payload['oid'] : '';
    if (!tid || !oid) throw new AuthError(401, 'UNAUTHENTICATED', 'The token names no tenant (tid) or user (oid)');
    const issuers = [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`];
    if (!issuers.includes(String(payload.iss).toLowerCase())) {
      throw new AuthError(401, 'UNAUTHENTICATED', 'The token was not issued by its own tenant');
    }
    if (!this.allowed.has(tid)) throw new AuthError(403, 'FORBIDDEN', 'The token\'s tenant is not on the allow-list', 'tenant');
    const scopes = typeof payload['scp'] === 'string' ? payload['scp'].split(' ') : [];
    if (!scopes.includes(SCOPE)) throw new AuthError(403, 'FORBIDDEN', `The token lacks the ${SCOPE} scope`, 'scope');
    const name = typeof payload['name'] === 'string' ? payload['name'].slice(0, 100) : undefined;
    const rawRoles = Array.isArray(payload['roles']) ? payload['roles'] : [];
    const roles = rolesFrom(rawRoles);
    const fromToken = Array.isArray(payload['groups']) ? payload['groups'] : [];
    const resolved = this.options.directory && hasGroupsOverage(payload) ? ((await this.options.directory.memberGroupsOf(tid, oid)) ?? []) : [];
    const groups = groupsFrom(fromToken, [...resolved], rawRoles);
    return { userId: oid, tenantId: tid, ...(name && { name }), roles, ...(groups.length > 0 && { groups }) };
  }
}

function decodeAudience(token: string): string | undefined {
  try {
    const body = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { aud?: unknown };
    return typeof body.aud === 'string' ? body.aud : undefined;
  } catch {
    return undefined;
  }
}
