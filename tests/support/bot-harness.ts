import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type restify from 'restify';
import { TableConversationStore } from '../../src/storage/table-conversation-store';
import { TableDiscussionStore } from '../../src/storage/table-discussion-store';
import { TableWaitlistStore } from '../../src/storage/table-waitlist-store';
import { composeServer, type ServerConfig } from '../../src/server/composition';
import type { SiteCatalog } from '../../src/use-cases/ports';
import { fixedClock, sequentialIds } from './builders';
import type { StoreHarness } from './stores';

/** Each server makes its own ids, as separate processes would: two instances must not make the same booking id. */
let servers = 0;

export const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

export interface BotServer {
  readonly url: string;
  readonly server: restify.Server;
  readonly conversations: TableConversationStore;
  readonly discussions: TableDiscussionStore;
  readonly clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/**
 * The real restify server with the bot, over a store harness, listening on a free port. Bot auth is off (dev).
 * Servers started over the same harness share its tables, as instances of one deployment share a storage account.
 */
export async function startBotServer(
  h: StoreHarness,
  catalogs: readonly SiteCatalog[],
  now: string,
  botId = '',
  overrides: Partial<ServerConfig> = {},
): Promise<BotServer> {
  for (const c of catalogs) await h.catalog.replaceSiteCatalog(c);
  const conversations = new TableConversationStore(h.gateway, `${h.tables.catalog}conv`.slice(0, 63));
  await conversations.init();
  const clock = fixedClock(now);
  const discussions = new TableDiscussionStore(h.gateway, `${h.tables.catalog}disc`.slice(0, 63), clock);
  await discussions.init();
  servers += 1;
  const { server } = composeServer(
    { botId, botPassword: botId ? 'not-a-real-secret' : '', botType: '', botTenantId: '', teamsAppId: 'seatwise-test-app', showNamesInWhoIsIn: false, authMode: 'dev', aadClientId: '', allowedTenantIds: [], ...overrides },
    { reservations: h.reservations, catalog: h.catalog, conversations, discussions, waitlist: new TableWaitlistStore(h.gateway, h.tables.reservations), clock, ids: sequentialIds(`bot${servers}x`), log: pino({ level: 'silent' }) },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, server, conversations, discussions, clock, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let counter = 0;

export interface Person {
  readonly aadObjectId: string;
  readonly name: string;
}

export const ALICE: Person = { aadObjectId: '00000000-0000-0000-0000-00000000a11c', name: 'Alice Martin' };
export const BOB: Person = { aadObjectId: '00000000-0000-0000-0000-0000000000b0', name: 'Bob Peeters' };

function base(person: Person, over: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    id: `activity-${counter}`,
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    timestamp: '2026-12-01T08:00:00.000Z',
    from: { id: `29:${person.aadObjectId}`, name: person.name, aadObjectId: person.aadObjectId },
    recipient: { id: '28:seatwise-bot', name: 'Seatwise' },
    conversation: { id: `a:personal-${person.aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'en-US',
    ...over,
  };
}

export function messageActivity(person: Person, text: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return base(person, { type: 'message', text, deliveryMode: 'expectReplies', ...over });
}

export function executeActivity(person: Person, data: Record<string, unknown>, over: Record<string, unknown> = {}): Record<string, unknown> {
  return base(person, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: data['verb'], data }, trigger: 'manual' },
    ...over,
  });
}

export async function post(url: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; json: unknown; text: string }> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** The adaptive cards among the replies of an expectReplies turn. */
export function cardsOf(json: unknown): Record<string, unknown>[] {
  const activities = ((json as { activities?: unknown[] })?.activities ?? []) as { attachments?: { contentType: string; content: Record<string, unknown> }[] }[];
  return activities.flatMap((a) => (a.attachments ?? []).filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x) => x.content));
}

/** The card of an Action.Execute invoke response. */
export function invokeCard(json: unknown): Record<string, unknown> {
  const body = json as { statusCode?: number; type?: string; value?: Record<string, unknown> };
  if (body?.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) throw new Error(`Not a card invoke response: ${JSON.stringify(json).slice(0, 300)}`);
  return body.value;
}

/** Every Action.Execute in a card, with its title and data. */
export function actionsOf(card: unknown): { title: string; verb: string; data: Record<string, unknown> }[] {
  const out: { title: string; verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n['type'] === 'Action.Execute') out.push({ title: String(n['title']), verb: String(n['verb']), data: n['data'] as Record<string, unknown> });
    for (const [k, v] of Object.entries(n)) if (k !== 'fallback') walk(v);
  };
  walk(card);
  return out;
}

export function textOf(card: unknown): string {
  return JSON.stringify(card);
}
