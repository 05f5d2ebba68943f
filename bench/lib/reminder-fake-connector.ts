/**
 * A fake Bot Framework connector for the reminder bench: an HTTP server on 127.0.0.1 that takes
 * `POST /v3/conversations/{id}/activities`, enforces Teams' limits (per tenant, per conversation), scaled up so that
 * a run of thousands of messages takes seconds, and answers 429 with a Retry-After when a sender exceeds them.
 * It records every accepted message by conversation and by booking, so the bench can count duplicates and losses.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface FakeConnectorOptions {
  /** Accepted requests per second per tenant (Teams: 50). */
  readonly tenantRps: number;
  /** Requests the tenant bucket holds when full: the burst it tolerates (arrival jitter of an evenly paced sender). */
  readonly tenantBurst?: number;
  /** Minimum time between two accepted messages to one conversation (Teams: about 1 s). */
  readonly conversationIntervalMs: number;
  /** Added before answering, like a network round trip to Teams. */
  readonly latencyMs?: number;
  /** Fraction of otherwise accepted requests answered 429 anyway (chaos), 0 by default. */
  readonly chaos429?: number;
}

export interface FakeConnectorStats {
  readonly requests: number;
  readonly accepted: number;
  /** 429s because a limit was exceeded. */
  readonly throttledTenant: number;
  readonly throttledConversation: number;
  /** 429s injected by `chaos429`. */
  readonly throttledChaos: number;
  /** Accepted messages per booking id (read from the card's buttons) or, failing that, per conversation. */
  readonly byKey: ReadonlyMap<string, number>;
  /** performance.now() of every accepted message. */
  readonly acceptedAt: readonly number[];
}

export interface FakeConnector {
  /** The serviceUrl to put in conversation references, with its trailing slash. */
  readonly serviceUrl: string;
  stats(): FakeConnectorStats;
  close(): Promise<void>;
}

const PATH = /^\/v3\/conversations\/([^/]+)\/activities$/;

function bookingIdIn(text: string): string | undefined {
  return /"bookingId":"([^"]+)"/.exec(text)?.[1];
}

export async function startFakeConnector(options: FakeConnectorOptions): Promise<FakeConnector> {
  // 100 ms of tolerance: arrivals bunch a little on the way (timers, the event loop), as they would over a network.
  const burst = options.tenantBurst ?? Math.max(1, Math.ceil(options.tenantRps / 10));
  const tenants = new Map<string, { tokens: number; at: number }>();
  const lastByConversation = new Map<string, number>();
  const byKey = new Map<string, number>();
  let requests = 0;
  let accepted = 0;
  let throttledTenant = 0;
  let throttledConversation = 0;
  let throttledChaos = 0;
  const acceptedAt: number[] = [];
  let chaosSeed = 12345;
  const chaos = (): number => {
    chaosSeed = (chaosSeed * 1664525 + 1013904223) >>> 0;
    return chaosSeed / 2 ** 32;
  };

  const answer = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    const send = (): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (options.latencyMs) setTimeout(send, options.latencyMs);
    else send();
  };

  const server = http.createServer((req, res) => {
    const match = req.method === 'POST' ? PATH.exec(req.url ?? '') : null;
    if (!match) return answer(res, 404, { error: { code: 'NotFound', message: 'no such route' } });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      let body: Record<string, unknown>;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return answer(res, 400, { error: { code: 'BadArgument', message: 'invalid JSON' } });
      }
      const conversationId = decodeURIComponent(match[1]!);
      const conversation = body['conversation'] as { tenantId?: unknown } | undefined;
      const tenant = typeof conversation?.tenantId === 'string' ? conversation.tenantId : 'default';
      const now = performance.now();

      // The conversation's limit first: a rejected message must not use up a tenant token.
      const last = lastByConversation.get(conversationId);
      if (last !== undefined && now - last < options.conversationIntervalMs) {
        throttledConversation++;
        const wait = (options.conversationIntervalMs - (now - last)) / 1000;
        return answer(
          res,
          429,
          { error: { code: 'ThrottledConversation', message: 'too many messages to this conversation' } },
          { 'retry-after': wait.toFixed(3) },
        );
      }
      const bucket = tenants.get(tenant) ?? { tokens: burst, at: now };
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) * options.tenantRps) / 1000);
      bucket.at = now;
      tenants.set(tenant, bucket);
      if (bucket.tokens < 1) {
        throttledTenant++;
        const wait = (1 - bucket.tokens) / options.tenantRps;
        return answer(
          res,
          429,
          { error: { code: 'ThrottledTenant', message: 'too many requests for this tenant' } },
          { 'retry-after': wait.toFixed(3) },
        );
      }
      if (options.chaos429 && chaos() < options.chaos429) {
        throttledChaos++;
        return answer(res, 429, { error: { code: 'Throttled', message: 'chaos' } });
      }
      bucket.tokens -= 1;
      lastByConversation.set(conversationId, now);
      accepted++;
      acceptedAt.push(now);
      const key = bookingIdIn(text) ?? `conversation:${conversationId}`;
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
      answer(res, 201, { id: `activity-${accepted}` });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    stats: () => ({
      requests,
      accepted,
      throttledTenant,
      throttledConversation,
      throttledChaos,
      byKey,
      acceptedAt,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
