/**
 * A person's groups when their token could not carry them. Entra leaves the `groups` claim out of a token whose user
 * is in more groups than fit (200 in a JWT), and says so with `_claim_names.groups` (v2) or `hasgroups` (v1): the
 * "groups overage". Zones restricted to groups would then refuse that person, so the groups are asked of Microsoft
 * Graph (`POST /users/{id}/getMemberGroups`, transitive), with the tab app's own credentials (client credentials,
 * application permission GroupMember.Read.All). Answers are kept for a while per person, so a person's requests do
 * not each cost a Graph call. When Graph cannot answer, the person is treated as in no group, and the log says why.
 */

export interface GroupDirectory {
  /** The Entra group ids the person is a member of (directly or through other groups); null when unknown now. */
  memberGroupsOf(tenantId: string, userId: string): Promise<readonly string[] | null>;
}

export interface GraphGroupDirectoryOptions {
  /** The tab's app registration (AAD_CLIENT_ID) and its client secret (AAD_CLIENT_SECRET). */
  readonly clientId: string;
  readonly clientSecret: string;
  readonly log: { warn(obj: object, msg?: string): void };
  readonly clock?: { now(): Date };
  readonly loginUrl?: string;
  readonly graphUrl?: string;
  /** How long a person's groups are reused. */
  readonly cacheMs?: number;
  /** How long a failed lookup is not retried for that person, so an outage of Graph does not slow every request. */
  readonly failureCacheMs?: number;
  readonly timeoutMs?: number;
}

export const GRAPH_URL = 'https://graph.microsoft.com';
export const LOGIN_URL = 'https://login.microsoftonline.com';
/** Graph answers getMemberGroups with at most this many ids; more would be a broken answer. */
const MAX_GROUPS = 11_000;
const GROUP_ID = /^[0-9a-fA-F-]{1,64}$/;

class GraphError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export class GraphGroupDirectory implements GroupDirectory {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();
  private readonly known = new Map<string, { groups: readonly string[] | null; until: number }>();
  private readonly pending = new Map<string, Promise<readonly string[] | null>>();
  private readonly clock: { now(): Date };

  constructor(private readonly options: GraphGroupDirectoryOptions) {
    if (!options.clientId || !options.clientSecret) throw new Error('Resolving groups through Microsoft Graph needs AAD_CLIENT_ID and AAD_CLIENT_SECRET');
    this.clock = options.clock ?? { now: () => new Date() };
  }

  memberGroupsOf(tenantId: string, userId: string): Promise<readonly string[] | null> {
    const key = `${tenantId}|${userId}`;
    const now = this.clock.now().getTime();
    const hit = this.known.get(key);
    if (hit && hit.until > now) return Promise.resolve(hit.groups);
    // Several requests of one person at once share one lookup.
    const running = this.pending.get(key);
    if (running) return running;
    const lookup = this.lookUp(tenantId, userId).finally(() => this.pending.delete(key));
    this.pending.set(key, lookup);
    return lookup;
  }

  private async lookUp(tenantId: string, userId: string): Promise<readonly string[] | null> {
    const key = `${tenantId}|${userId}`;
    try {
      const groups = await this.fetchGroups(tenantId, userId);
      this.remember(key, groups, this.options.cacheMs ?? 15 * 60_000);
      return groups;
    } catch (error) {
      this.options.log.warn(
        { tenantId, userId, err: error instanceof Error ? { name: error.name, message: error.message, ...(error instanceof GraphError && error.status !== undefined && { status: error.status }) } : String(error) },
        'groups overage: Microsoft Graph could not give the caller groups; treating them as in no group',
      );
      this.remember(key, null, this.options.failureCacheMs ?? 60_000);
      return null;
    }
  }

  private remember(key: string, groups: readonly string[] | null, forMs: number): void {
    const now = this.clock.now().getTime();
    if (this.known.size >= 10_000) for (const [k, v] of this.known) if (v.until <= now) this.known.delete(k);
    this.known.set(key, { groups, until: now + forMs });
  }

  private async fetchGroups(tenantId: string, userId: string): Promise<readonly string[]> {
    const graph = this.options.graphUrl ?? GRAPH_URL;
    const token = await this.appToken(tenantId);
    const res = await fetch(`${graph}/v1.0/users/${encodeURIComponent(userId)}/getMemberGroups`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ securityEnabledOnly: false }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
    });
    // A token revoked or expired early: the next lookup asks for a new one.
    if (res.status === 401) this.tokens.delete(tenantId);
    if (!res.ok) throw new GraphError(`getMemberGroups answered ${res.status}`, res.status);
    const body = (await res.json()) as { value?: unknown };
    if (!Array.isArray(body.value) || body.value.length > MAX_GROUPS || !body.value.every((g) => typeof g === 'string' && GROUP_ID.test(g))) {
      throw new GraphError('getMemberGroups answered something other than a list of group ids');
    }
    return body.value as string[];
  }

  /** An app-only token for Graph in the person's tenant, reused until a minute before it expires. */
  private async appToken(tenantId: string): Promise<string> {
    const now = this.clock.now().getTime();
    const held = this.tokens.get(tenantId);
    if (held && held.expiresAt - 60_000 > now) return held.token;
    const login = this.options.loginUrl ?? LOGIN_URL;
    const res = await fetch(`${login}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
        scope: `${this.options.graphUrl ?? GRAPH_URL}/.default`,
      }).toString(),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
    });
    if (!res.ok) throw new GraphError(`the token endpoint answered ${res.status}`, res.status);
    const body = (await res.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token === '') throw new GraphError('the token endpoint gave no access token');
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 0);
    this.tokens.set(tenantId, { token: body.access_token, expiresAt: now + (Number.isFinite(seconds) ? seconds : 0) * 1000 });
    return body.access_token;
  }
}

/** Whether a verified token's payload says its groups were left out for being too many. */
export function hasGroupsOverage(payload: Readonly<Record<string, unknown>>): boolean {
  if (Array.isArray(payload['groups'])) return false;
  const names = payload['_claim_names'];
  const named = typeof names === 'object' && names !== null && 'groups' in names;
  return named || payload['hasgroups'] === true || payload['hasgroups'] === 'true';
}
