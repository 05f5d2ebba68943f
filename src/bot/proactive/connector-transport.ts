/**
 * The Bot Framework connector's sendToConversation over fetch, and the bearer tokens it takes. Owning the HTTP
 * request (rather than botbuilder's ConnectorClient, which retries out of sight) lets the notifier count, pace and
 * retry every attempt itself.
 */
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';

export interface ConnectorRequest {
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly activity: Record<string, unknown>;
  readonly timeoutMs: number;
}

export interface ConnectorResponse {
  readonly status: number;
  readonly retryAfter: string | null;
  /** The start of the body, for logs (the connector's error JSON). */
  readonly body: string;
}

/** A request that got no HTTP answer. `ambiguous` when it may have reached the connector (timeout, reset). */
export class ConnectorRequestError extends Error {
  readonly code = 'CONNECTOR_UNREACHABLE';
  constructor(
    message: string,
    readonly ambiguous: boolean,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'ConnectorRequestError';
  }
}

export interface ConnectorTransport {
  post(request: ConnectorRequest): Promise<ConnectorResponse>;
}

/** Network failures that prove the request never left: nothing can have been delivered. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
]);

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'CONNECTOR_UNREACHABLE') return code;
  }
  return undefined;
}

export function isAmbiguousNetworkError(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return true;
  if (name === 'NetConnectNotAllowedError') return false;
  const code = errorCode(error);
  if (code && NOT_SENT_CODES.has(code)) return false;
  // A reset, a closed socket, a parser error: the request may have been written and processed.
  return true;
}

/** Only https, or plain http to this machine (the Agents Playground, the bench's fake connector). */
export function isAcceptableServiceUrl(serviceUrl: string): boolean {
  try {
    const u = new URL(serviceUrl);
    if (u.protocol === 'https:') return true;
    return (
      u.protocol === 'http:' &&
      (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]')
    );
  } catch {
    return false;
  }
}

export function activitiesUrl(serviceUrl: string, conversationId: string): string {
  const base = serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`;
  return new URL(`v3/conversations/${encodeURIComponent(conversationId)}/activities`, base).href;
}

/** The connector over fetch. `token` gives the Bot Framework bearer token, or null when auth is off (dev). */
export function fetchConnectorTransport(
  options: { token?: () => Promise<string | null> } = {},
): ConnectorTransport {
  return {
    async post(request) {
      let token: string | null = null;
      try {
        token = (await options.token?.()) ?? null;
      } catch (cause) {
        throw new ConnectorRequestError(
          `could not get a Bot Framework token: ${cause instanceof Error ? cause.message : String(cause)}`,
          false,
          { cause },
        );
      }
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
      if (token) headers['authorization'] = `Bearer ${token}`;
      let res: Response;
      try {
        res = await fetch(activitiesUrl(request.serviceUrl, request.conversationId), {
          method: 'POST',
          headers,
          body: JSON.stringify(request.activity),
          signal: AbortSignal.timeout(request.timeoutMs),
        });
      } catch (cause) {
        const ambiguous = isAmbiguousNetworkError(cause);
        const why = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
        throw new ConnectorRequestError(
          `no answer from the connector (${why}${errorCode(cause) ? `, ${errorCode(cause)}` : ''})`,
          ambiguous,
          { cause },
        );
      }
      // The status decides; a body that fails to arrive after it changes nothing.
      const body = await res.text().catch(() => '');
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: body.slice(0, 500) };
    },
  };
}

/** Bearer tokens for the connector, from the bot's identity; null (no header) when the bot id is empty (dev). */
export function botConnectorTokenProvider(config: {
  botId: string;
  botPassword: string;
  botType: string;
  botTenantId: string;
}): () => Promise<string | null> {
  if (!config.botId) return async () => null;
  const factory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.botId,
    MicrosoftAppPassword: config.botPassword,
    MicrosoftAppType: config.botType || (config.botTenantId ? 'SingleTenant' : 'MultiTenant'),
    MicrosoftAppTenantId: config.botTenantId,
  });
  let credentials: Promise<{ getToken(force?: boolean): Promise<string> }> | undefined;
  return async () => {
    credentials ??= factory
      .createCredentials(
        config.botId,
        AuthenticationConstants.ToChannelFromBotOAuthScope,
        AuthenticationConstants.ToChannelFromBotLoginUrl,
        true,
      )
      .then((c) => c as unknown as { getToken(force?: boolean): Promise<string> });
    // The credentials cache the token and renew it before it expires.
    return (await credentials).getToken();
  };
}
