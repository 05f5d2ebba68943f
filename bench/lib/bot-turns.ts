import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import pino from 'pino';
import restify from 'restify';
import { composeServer } from '../../src/server/composition';
import type { EmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { TableCatalogStore } from '../../src/storage/table-catalog-store';
import { TableConversationStore } from '../../src/storage/table-conversation-store';
import { TableDiscussionStore } from '../../src/storage/table-discussion-store';
import { TableReservationStore } from '../../src/storage/table-reservation-store';
import { fixedClock, gridCatalog } from '../../tests/support/builders';
import { percentile } from './measure';

export interface TurnLatencies {
  readonly turns: number;
  readonly seatwise: { p50: number; p99: number };
  readonly echo: { p50: number; p99: number };
}

function activity(i: number, text: string): Record<string, unknown> {
  const user = `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`;
  return {
    type: 'message',
    id: `bench-${i}-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    from: { id: `29:${user}`, name: `Person ${i}`, aadObjectId: user },
    recipient: { id: '28:seatwise', name: 'Seatwise' },
    conversation: { id: `a:${user}`, conversationType: 'personal', tenantId: 'bench' },
    locale: 'en-US',
    text,
    deliveryMode: 'expectReplies',
  };
}

async function listen(server: restify.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
}

async function turn(url: string, body: unknown): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200 || !text.includes('"activities"')) throw new Error(`bench turn failed: ${res.status} ${text.slice(0, 200)}`);
  return performance.now() - started;
}

/**
 * "book a desk Thursday" through the Seatwise bot against the same message through a bare botbuilder echo bot,
 * both at /api/messages with expectReplies, in this process, turns interleaved one by one.
 */
export async function botTurnLatencies(azurite: EmbeddedAzurite, turns: number): Promise<TurnLatencies> {
  const gateway = new AzureTableGateway({ kind: 'connection-string', connectionString: azurite.connectionString });
  const suffix = Math.random().toString(36).slice(2, 8);
  const reservations = new TableReservationStore(gateway, { reservations: `botres${suffix}`, weeks: `botwk${suffix}` });
  const catalog = new TableCatalogStore(gateway, `botcat${suffix}`);
  const conversations = new TableConversationStore(gateway, `botconv${suffix}`);
  const clock = fixedClock('2026-12-01T08:00:00Z');
  // As in production: every suggestion is remembered in the shared table before the answer goes out.
  const discussions = new TableDiscussionStore(gateway, `botdisc${suffix}`, clock);
  await Promise.all([reservations.init(), catalog.init(), conversations.init(), discussions.init()]);
  await catalog.replaceSiteCatalog(gridCatalog({ zones: 4, cols: 5, rows: 6, pitch: 1.6 }));
  const { server: seatwise, catalog: cached } = composeServer(
    { botId: '', botPassword: '', botType: '', botTenantId: '', teamsAppId: '', showNamesInWhoIsIn: false, authMode: 'dev', aadClientId: '', allowedTenantIds: [] },
    { reservations, catalog, conversations, discussions, clock, log: pino({ level: 'silent' }) },
  );
  await cached.current();

  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const echo = restify.createServer();
  echo.post('/api/messages', restify.plugins.bodyParser({ mapParams: false }), async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, async (context) => {
      await context.sendActivity(String(context.activity.text));
    });
  });

  const [seatwiseUrl, echoUrl] = [await listen(seatwise), await listen(echo)];
  try {
    const s: number[] = [];
    const e: number[] = [];
    const warmup = 20;
    for (let i = 0; i < turns + warmup; i++) {
      // Alternate which goes first, so that neither always runs on a warmer process.
      const pair =
        i % 2 === 0
          ? [await turn(seatwiseUrl, activity(i, 'book a desk Thursday')), await turn(echoUrl, activity(i, 'book a desk Thursday'))]
          : [await turn(echoUrl, activity(i, 'book a desk Thursday')), await turn(seatwiseUrl, activity(i, 'book a desk Thursday'))].reverse();
      if (i >= warmup) {
        s.push(pair[0]!);
        e.push(pair[1]!);
      }
    }
    return {
      turns,
      seatwise: { p50: percentile(s, 50), p99: percentile(s, 99) },
      echo: { p50: percentile(e, 50), p99: percentile(e, 99) },
    };
  } finally {
    await Promise.all([new Promise<void>((r) => seatwise.close(() => r())), new Promise<void>((r) => echo.close(() => r()))]);
  }
}
