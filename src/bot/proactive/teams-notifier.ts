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
import { resolveLocale, type Locale } from '../../i18n/messages';
import type { Clock } from '../../use-cases/ports';
import type {
  Notifier,
  NotifyOptions,
  NotifyOutcome,
  ProactiveMessage,
  Recipient,
} from '../../use-cases/reminders/reminder-ports';
import type { Logger } from '../../use-cases/logger-port';
import { ConnectorRequestError, isAcceptableServiceUrl, type ConnectorTransport } from './connector-transport';
import { realNotifierTime, type NotifierTime } from './notifier-time';
import { RateLimiter, type RateLimits } from './rate-limiter';
import { renderProactive } from './render-proactive';

export interface TeamsNotifierOptions {
  readonly transport: ConnectorTransport;
  readonly log: Logger;
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
