/**
 * Proactive messages to Teams through the Bot Framework connector, within Teams' rate limits.
 *
 * A message is one `POST {serviceUrl}/v3/conversations/{conversationId}/activities` (the connector's
 * sendToConversation), made here with fetch rather than through botbuilder's ConnectorClient: its HTTP pipeline has
 * retry policies of its own (429 and 5xx retried out of sight of the rate limiter and of the counts), and
 * `continueConversationAsync` answers to a made-up activity id. Owning the request lets every retry go through the
 * token bucket, honour Retry-After, and be counted.
 *
 * - Rate: a token bucket (GCRA) per tenant, 50 requests/s at most (configurable), and per conversation at most one
 *   message per second, in order (a queue per conversation).
 * - 429: wait Retry-After (seconds or an HTTP date) when given, and nothing goes to that tenant before it; without
 *   one, back off exponentially with jitter on that conversation (the tenant bucket already keeps to its rate).
 * - 403 (blocked, uninstalled): final, logged, never retried. Other 4xx: final.
 * - 408, 412, 5xx and network errors: retried with back-off a bounded number of times, then handed back to the
 *   caller as retry-later.
 * - Ambiguous: a timeout, or a connection dropped after the request was written, or a 504, may hide a message the
 *   connector accepted. It is retried (a reminder is worth more than a rare duplicate), logged and counted.
 * - No request starts that could still be running when the caller's budget ends, which keeps every request of a
 *   claim inside the claim's lease.
 */
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { performance } from 'node:perf_hooks';
import { noShowReleasedCard, noShowReleasedSummary, reminderCard, reminderSummary, withCardLanguage } from '../cards';
import { resolveLocale, type Locale } from '../../i18n/messages';
import type { Clock } from '../../use-cases/ports';
import type {
  Notifier,
  NotifyOptions,
  NotifyOutcome,
  ProactiveMessage,
  Recipient,
  ReminderLogger,
} from '../../use-cases/reminders/reminder-ports';

// ---------------------------------------------------------------------------------------------------------------
// Time

/** Elapsed time and waiting, for rate limits and back-off; tests pass a virtual one. */
export interface NotifierTime {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Resolves true after `ms`, or false as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}

export const realNotifierTime: NotifierTime = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<boolean>((resolve) => {
      if (signal?.aborted) return resolve(false);
      if (ms <= 0) return resolve(true);
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

// ---------------------------------------------------------------------------------------------------------------
// Rate limits

export interface RateLimits {
  /** Requests per second per tenant (Teams: 50 per app per tenant). */
  readonly tenantRps: number;
  /** Requests the tenant bucket may send back to back after an idle spell; 1 spaces every request evenly. */
  readonly tenantBurst: number;
  /** Minimum time between two messages to one conversation (Teams: 1 s is well inside 7/s, 60/30 s). */
  readonly conversationIntervalMs: number;
}

export type SlotOutcome = 'ok' | 'aborted' | { readonly tooLateUntil: number };

interface TenantState {
  /** GCRA theoretical arrival time: the slot the next request would get on an evenly spaced schedule. */
  tat: number;
}

interface ConversationState {
  /** The last request's turn; the next one waits for it, so one conversation's messages go in order. */
  tail: Promise<void>;
  /** Earliest time of the next message. */
  next: number;
  waiting: number;
}

/**
 * Per-tenant GCRA bucket and per-conversation spacing. A request first waits its turn in its conversation (FIFO,
 * spaced by conversationIntervalMs from the previous message's actual send), then takes the tenant's next slot, so a
 * conversation that must wait never holds up the tenant's other conversations.
 */
export class RateLimiter {
  private readonly tenants = new Map<string, TenantState>();
  private readonly conversations = new Map<string, ConversationState>();
  private calls = 0;

  constructor(
    private readonly time: NotifierTime,
    private readonly limits: RateLimits,
  ) {
    if (!(limits.tenantRps > 0) || !(limits.tenantBurst >= 1) || !(limits.conversationIntervalMs >= 0)) {
      throw new RangeError(
        `Invalid rate limits ${JSON.stringify(limits)}: tenantRps > 0, tenantBurst >= 1, conversationIntervalMs >= 0`,
      );
    }
  }

  /**
   * Waits for a slot to send to `conversation` of `tenant`. Gives up without a slot when it would come after
   * `latestStart` (tooLateUntil says when it would have come), or when `signal` aborts.
   */
  async acquire(
    tenant: string,
    conversation: string,
    latestStart: number,
    signal?: AbortSignal,
  ): Promise<SlotOutcome> {
    const conv = this.conversation(conversation);
    const previous = conv.tail;
    let release!: () => void;
    conv.tail = new Promise<void>((resolve) => (release = resolve));
    conv.waiting++;
    try {
      await previous;
      if (signal?.aborted) return 'aborted';
      const convAt = Math.max(this.time.now(), conv.next);
      if (convAt > latestStart) return { tooLateUntil: convAt };
      if (!(await this.time.sleep(convAt - this.time.now(), signal))) return 'aborted';
      const t = this.tenant(tenant);
      const interval = 1000 / this.limits.tenantRps;
      const tolerance = (this.limits.tenantBurst - 1) * interval;
      const now = this.time.now();
      const slot = Math.max(now, t.tat - tolerance);
      if (slot > latestStart) return { tooLateUntil: slot };
      t.tat = Math.max(t.tat, slot) + interval;
      if (!(await this.time.sleep(slot - this.time.now(), signal))) return 'aborted';
      conv.next = Math.max(conv.next, this.time.now() + this.limits.conversationIntervalMs);
      return 'ok';
    } finally {
      conv.waiting--;
      release();
      this.prune();
    }
  }

  /** After a 429: nothing more to this conversation (and this tenant, when given) until `until`. */
  pause(tenant: string | undefined, conversation: string, until: number): void {
    if (tenant !== undefined) {
      const t = this.tenant(tenant);
      t.tat = Math.max(t.tat, until);
    }
    const c = this.conversation(conversation);
    c.next = Math.max(c.next, until);
  }

  private tenant(id: string): TenantState {
    let t = this.tenants.get(id);
    if (!t) {
      t = { tat: this.time.now() };
      this.tenants.set(id, t);
    }
    return t;
  }

  private conversation(key: string): ConversationState {
    let c = this.conversations.get(key);
    if (!c) {
      c = { tail: Promise.resolve(), next: -Infinity, waiting: 0 };
      this.conversations.set(key, c);
    }
    return c;
  }

  /** Forgets conversations nobody waits on and whose spacing has passed, so a fan-out leaves no trail. */
  private prune(): void {
    // A sweep is linear in the conversations known, so it runs once every 500 sends, not on every one.
    if (++this.calls % 500 !== 0 || this.conversations.size < 2_000) return;
    const now = this.time.now();
    for (const [key, c] of this.conversations)
      if (c.waiting === 0 && c.next <= now) this.conversations.delete(key);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Transport

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

// ---------------------------------------------------------------------------------------------------------------
// The notifier

export interface TeamsNotifierOptions {
  readonly transport: ConnectorTransport;
  readonly log: ReminderLogger;
  /** The business clock, for the retry times handed back (claims compare them across instances). */
  readonly clock?: Clock;
  readonly time?: NotifierTime;
  readonly limits?: Partial<RateLimits>;
  /** One HTTP request's timeout. */
  readonly attemptTimeoutMs?: number;
  /** Retries of 408/412/5xx/network errors within one send. */
  readonly maxServerRetries?: number;
  /** Retries after 429 within one send (each waits Retry-After or a back-off). */
  readonly maxThrottleRetries?: number;
  /** First back-off after a 5xx or network error, and after a 429 without Retry-After; doubles, with jitter. */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  readonly random?: () => number;
  /** A deep link to the tab's map on a day, for the reminder's "Open map". */
  readonly mapUrl?: (date: string, floorId?: string) => string | undefined;
  /**
   * The tenant allow-list (ALLOWED_TENANT_IDS), given the reference's conversation.tenantId: a reference saved
   * before the list was set, or by a foreign tenant, gets nothing. Without it every tenant is served.
   */
  readonly allowsTenant?: (tenantId: unknown) => boolean;
}

export interface NotifierMetrics {
  /** HTTP requests made. */
  requests: number;
  sent: number;
  throttled: number;
  blocked: number;
  rejected: number;
  serverErrors: number;
  networkErrors: number;
  /** Requests whose outcome is unknown: timeouts, resets after writing, 504. */
  ambiguous: number;
  retryLater: number;
}

/** What Retry-After asks for, in ms from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - nowMs), MAX_RETRY_AFTER_MS);
}

/** A Retry-After beyond an hour is read as an hour: a broken header must not park a reminder for days. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;
const DEFAULT_LIMITS: RateLimits = { tenantRps: 50, tenantBurst: 1, conversationIntervalMs: 1_000 };

interface ParsedReference {
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly tenantId: string;
  readonly locale: Locale;
  readonly bot?: unknown;
  readonly user?: unknown;
  readonly conversation: Record<string, unknown>;
}

/** The fields of a saved conversation reference that a send needs, checked; null when it cannot be used. */
export function parseReference(reference: Record<string, unknown>): ParsedReference | null {
  const serviceUrl = reference['serviceUrl'];
  const conversation = reference['conversation'];
  if (typeof serviceUrl !== 'string' || serviceUrl.length > 2048 || !isAcceptableServiceUrl(serviceUrl))
    return null;
  if (!conversation || typeof conversation !== 'object') return null;
  const c = conversation as Record<string, unknown>;
  const id = c['id'];
  if (typeof id !== 'string' || id.length === 0 || id.length > 1024) return null;
  const tenantId = typeof c['tenantId'] === 'string' && c['tenantId'] ? c['tenantId'] : 'default';
  const locale = resolveLocale(typeof reference['locale'] === 'string' ? reference['locale'] : undefined);
  return {
    serviceUrl,
    conversationId: id,
    tenantId,
    locale,
    bot: reference['bot'],
    user: reference['user'],
    conversation: c,
  };
}

/** The activity of a proactive message: the card in the person's language, a notification preview, an alert. */
export function renderProactive(
  message: ProactiveMessage,
  locale: Locale,
  mapUrl?: (date: string, floorId?: string) => string | undefined,
): Record<string, unknown> {
  const b = message.booking;
  const where = {
    deskLabel: message.desk.label,
    date: b.date,
    deadline: message.deadline,
    ...(message.desk.zoneName && { zoneName: message.desk.zoneName }),
    ...(message.desk.floorName && { floorName: message.desk.floorName }),
  };
  let card;
  let summary;
  if (message.kind === 'check-in-reminder') {
    const url = mapUrl?.(b.date, b.floorId);
    card = reminderCard({ ...where, bookingId: b.id, ...(url && { mapUrl: url }) }, locale);
    summary = reminderSummary(where, locale);
  } else {
    card = noShowReleasedCard(where, locale);
    summary = noShowReleasedSummary(where, locale);
  }
  return {
    type: 'message',
    locale,
    summary,
    // The buttons carry the card's language, so a click is answered in it whatever the client's locale.
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: withCardLanguage(card, locale) }],
    // A proactive card should show in the person's activity feed, not only in the chat.
    channelData: { notification: { alert: true } },
  };
}

export class TeamsNotifier implements Notifier {
  private readonly limiter: RateLimiter;
  private readonly time: NotifierTime;
  private readonly clock: Clock;
  private readonly attemptTimeoutMs: number;
  private readonly maxServerRetries: number;
  private readonly maxThrottleRetries: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly random: () => number;
  private readonly counts: NotifierMetrics = {
    requests: 0,
    sent: 0,
    throttled: 0,
    blocked: 0,
    rejected: 0,
    serverErrors: 0,
    networkErrors: 0,
    ambiguous: 0,
    retryLater: 0,
  };

  constructor(private readonly options: TeamsNotifierOptions) {
    this.time = options.time ?? realNotifierTime;
    this.clock = options.clock ?? { now: () => new Date() };
    this.limiter = new RateLimiter(this.time, { ...DEFAULT_LIMITS, ...options.limits });
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 15_000;
    this.maxServerRetries = options.maxServerRetries ?? 3;
    this.maxThrottleRetries = options.maxThrottleRetries ?? 8;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  metrics(): NotifierMetrics {
    return { ...this.counts };
  }

  async send(
    recipient: Recipient,
    message: ProactiveMessage,
    options: NotifyOptions,
  ): Promise<NotifyOutcome> {
    const ref = parseReference(recipient.reference);
    if (!ref) {
      this.counts.rejected++;
      this.options.log.warn(
        { userId: recipient.userId, bookingId: message.booking.id },
        'conversation reference unusable (no https serviceUrl or conversation id); not sent',
      );
      return { status: 'rejected', httpStatus: 0, attempts: 0, ambiguous: false };
    }
    if (this.options.allowsTenant && !this.options.allowsTenant(ref.conversation['tenantId'])) {
      this.counts.rejected++;
      this.options.log.warn({ userId: recipient.userId, bookingId: message.booking.id }, 'conversation of a tenant that is not allowed; not sent');
      return { status: 'rejected', httpStatus: 0, attempts: 0, ambiguous: false };
    }
    const activity = {
      ...renderProactive(message, ref.locale, this.options.mapUrl),
      ...(ref.bot !== undefined && { from: ref.bot }),
      ...(ref.user !== undefined && { recipient: ref.user }),
      conversation: ref.conversation,
    };
    const conversationKey = `${ref.serviceUrl}|${ref.conversationId}`;
    const latestStart = this.time.now() + options.budgetMs - this.attemptTimeoutMs;
    let attempts = 0;
    let ambiguous = false;
    let serverErrors = 0;
    let throttles = 0;
    const later = (reason: string, waitMs?: number): NotifyOutcome => {
      this.counts.retryLater++;
      const retryAt =
        waitMs === undefined ? undefined : new Date(this.clock.now().getTime() + Math.max(0, waitMs));
      return { status: 'retry-later', reason, attempts, ambiguous, ...(retryAt && { retryAt }) };
    };

    for (;;) {
      const slot = await this.limiter.acquire(ref.tenantId, conversationKey, latestStart, options.signal);
      if (slot === 'aborted') return later('stopping', 0);
      if (slot !== 'ok')
        return later(
          'the send budget ends before a request could be made and answered',
          slot.tooLateUntil - this.time.now(),
        );

      attempts++;
      this.counts.requests++;
      let status: number;
      let retryAfter: string | null = null;
      let body = '';
      try {
        const res = await this.options.transport.post({
          serviceUrl: ref.serviceUrl,
          conversationId: ref.conversationId,
          activity,
          timeoutMs: this.attemptTimeoutMs,
        });
        status = res.status;
        retryAfter = res.retryAfter;
        body = res.body;
      } catch (error) {
        const unknownOutcome = error instanceof ConnectorRequestError ? error.ambiguous : true;
        this.counts.networkErrors++;
        if (unknownOutcome) {
          ambiguous = true;
          this.counts.ambiguous++;
        }
        this.options.log.warn(
          {
            userId: recipient.userId,
            bookingId: message.booking.id,
            attempt: attempts,
            ambiguous: unknownOutcome,
            err: error instanceof Error ? error.message.slice(0, 300) : String(error),
          },
          unknownOutcome
            ? 'proactive send timed out or was cut off: the connector may have accepted it'
            : 'proactive send did not reach the connector',
        );
        serverErrors++;
        if (serverErrors > this.maxServerRetries) return later('network errors');
        if (!(await this.backoff(serverErrors, latestStart, options.signal)))
          return options.signal?.aborted ? later('stopping', 0) : later('network errors');
        continue;
      }

      if (status >= 200 && status < 300) {
        this.counts.sent++;
        return { status: 'sent', attempts, ambiguous };
      }
      if (status === 429) {
        this.counts.throttled++;
        throttles++;
        const asked = parseRetryAfter(retryAfter, this.clock.now().getTime());
        // A little jitter on top of Retry-After, so that the waiting senders do not all come back at once.
        const waitMs =
          asked !== undefined
            ? asked + this.random() * Math.min(250, asked * 0.1 + 50)
            : this.backoffDelay(throttles);
        const until = this.time.now() + waitMs;
        // Retry-After is the service's word: nothing goes to the tenant before it. Without one, the scope of the
        // limit is unknown; the tenant bucket already keeps to the tenant's rate, so only this conversation waits.
        this.limiter.pause(asked !== undefined ? ref.tenantId : undefined, conversationKey, until);
        if (throttles > this.maxThrottleRetries) return later('throttled (429) too often', waitMs);
        if (until > latestStart) return later('throttled (429) past the send budget', waitMs);
        continue;
      }
      if (status === 403) {
        this.counts.blocked++;
        this.options.log.warn(
          { userId: recipient.userId, bookingId: message.booking.id, status, body: body.slice(0, 200) },
          'the connector refused the message (403): the bot is blocked or uninstalled; not retried',
        );
        return { status: 'blocked', attempts, ambiguous };
      }
      if (status === 408 || status === 412 || status >= 500) {
        this.counts.serverErrors++;
        if (status === 504) {
          ambiguous = true;
          this.counts.ambiguous++;
        }
        serverErrors++;
        this.options.log.warn(
          { userId: recipient.userId, bookingId: message.booking.id, status, attempt: attempts },
          'the connector failed the message; retrying with back-off',
        );
        if (serverErrors > this.maxServerRetries) return later(`connector error ${status}`);
        if (!(await this.backoff(serverErrors, latestStart, options.signal)))
          return options.signal?.aborted ? later('stopping', 0) : later(`connector error ${status}`);
        continue;
      }
      this.counts.rejected++;
      this.options.log.warn(
        { userId: recipient.userId, bookingId: message.booking.id, status, body: body.slice(0, 200) },
        'the connector rejected the message; not retried',
      );
      return { status: 'rejected', httpStatus: status, attempts, ambiguous };
    }
  }

  /** Exponential back-off with equal jitter: half the delay fixed, half random. */
  private backoffDelay(n: number): number {
    const full = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** Math.max(0, n - 1));
    return full / 2 + this.random() * (full / 2);
  }

  /** Waits before a retry; false when the wait would pass the budget or the scheduler stops. */
  private async backoff(n: number, latestStart: number, signal?: AbortSignal): Promise<boolean> {
    const delay = this.backoffDelay(n);
    if (this.time.now() + delay > latestStart) return false;
    return this.time.sleep(delay, signal);
  }
}
