/**
 * Turn tests of the bot through botbuilder's TestAdapter, as teams-ai's own tests do: the teams-ai Application
 * from createSeatwiseBot runs each activity in process, over the in-memory store, with a fixed clock. No HTTP,
 * no connector: the bot's replies (and the invoke responses of card actions) land in the adapter's queue.
 */
import { TeamsAdapter, type Application, type TurnState } from '@microsoft/teams-ai';
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import type { BotDeps } from '../../src/bot/bot-handlers';
import { createSeatwiseBot } from '../../src/bot/seatwise-bot';
import type { Logger } from '../../src/use-cases/logger-port';
import { tabDeepLink } from '../../src/server/composition';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableConversationStore } from '../../src/storage/table-conversation-store';
import { TableDiscussionStore } from '../../src/storage/table-discussion-store';
import type { SiteCatalog } from '../../src/use-cases/ports';
import { checkCard } from '../bot/cards/card-checks';
import { actionsOf, ALICE, BOB, type Person } from './bot-harness';

export { actionsOf };
import { fixedClock } from './builders';
import { bookingDeps, inMemoryHarness, type StoreHarness } from './stores';

export type Card = Record<string, unknown>;

export { ALICE, BOB, type Person };

export const BOT_ACCOUNT = { id: '28:seatwise-bot', name: 'Seatwise' };
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly obj: object;
  readonly msg?: string;
}

export interface TurnHarness {
  readonly store: StoreHarness;
  /** The use cases' dependencies the bot runs on, e.g. to book directly in a test's setup. */
  readonly deps: BotDeps;
  readonly gateway: InMemoryTableGateway;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly conversations: TableConversationStore;
  /** What each chat is about, in the same (in-memory) tables as the bookings. */
  readonly discussions: TableDiscussionStore;
  readonly adapter: TestAdapter;
  readonly app: Application<TurnState>;
  readonly logs: LogLine[];
  /** Runs one activity through the bot; resolves to what the bot sent back (typing indicators left out). */
  send(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** A message from a person; resolves to the one adaptive card the bot answered with. */
  say(person: Person, text: string, locale?: string): Promise<Card>;
  /** An Action.Execute click by a person; resolves to the card of the invoke response. */
  click(person: Person, data: Record<string, unknown>, locale?: string): Promise<Card>;
}

export interface TurnHarnessOptions {
  readonly now: string;
  readonly catalog: SiteCatalog;
  readonly showNamesInWhoIsIn?: boolean;
}

let counter = 0;

function base(person: Person, over: Partial<Activity>): Partial<Activity> {
  counter += 1;
  return {
    id: `turn-activity-${counter}`,
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: `29:${person.aadObjectId}`, name: person.name, aadObjectId: person.aadObjectId },
    recipient: { ...BOT_ACCOUNT },
    conversation: { id: `a:personal-${person.aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-1', isGroup: false, name: '' },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'en-US',
    ...over,
  } as Partial<Activity>;
}

export function messageActivity(person: Person, text: string, over: Partial<Activity> = {}): Partial<Activity> {
  return base(person, { type: 'message', text, ...over });
}

export function executeActivity(person: Person, data: Record<string, unknown>, over: Partial<Activity> = {}): Partial<Activity> {
  return base(person, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: data['verb'], data }, trigger: 'manual' },
    ...over,
  });
}

/** The bot installed in a personal chat: Teams adds both the person and the bot as members. */
export function membersAddedActivity(person: Person, over: Partial<Activity> = {}): Partial<Activity> {
  return base(person, {
    type: 'conversationUpdate',
    membersAdded: [{ id: `29:${person.aadObjectId}`, name: person.name, aadObjectId: person.aadObjectId }, { ...BOT_ACCOUNT }],
    ...over,
  });
}

export function cardsIn(activities: readonly Partial<Activity>[]): Card[] {
  return activities.flatMap((a) => (a.attachments ?? []).filter((x) => x.contentType === CARD_TYPE).map((x) => x.content as Card));
}

/** The card of an invoke response sent by teams-ai's actionExecute (or by the bot's error handler). */
export function invokeCardIn(activities: readonly Partial<Activity>[]): Card {
  const response = activities.find((a) => a.type === 'invokeResponse');
  const body = (response?.value as { status?: number; body?: { statusCode?: number; type?: string; value?: Card } } | undefined)?.body;
  if (!response || body?.type !== CARD_TYPE || !body.value) {
    throw new Error(`No card invoke response among: ${JSON.stringify(activities).slice(0, 500)}`);
  }
  return body.value;
}

export async function startTurnHarness(opts: TurnHarnessOptions): Promise<TurnHarness> {
  const store = await inMemoryHarness();
  if (!(store.gateway instanceof InMemoryTableGateway)) throw new Error('The turn harness needs the in-memory gateway');
  const gateway = store.gateway;
  const clock = fixedClock(opts.now);
  const conversations = new TableConversationStore(gateway, `${store.tables.catalog}conv`.slice(0, 63));
  await conversations.init();
  const discussions = new TableDiscussionStore(gateway, `${store.tables.catalog}disc`.slice(0, 63), clock);
  await discussions.init();
  const deps: BotDeps = {
    ...(await bookingDeps(store, [opts.catalog], clock)),
    showNamesInWhoIsIn: opts.showNamesInWhoIsIn ?? false,
    mapUrl: tabDeepLink('seatwise-test-app'),
  };
  const logs: LogLine[] = [];
  const log: Logger = {
    info: (obj, msg) => logs.push({ level: 'info', obj, ...(msg !== undefined && { msg }) }),
    warn: (obj, msg) => logs.push({ level: 'warn', obj, ...(msg !== undefined && { msg }) }),
    error: (obj, msg) => logs.push({ level: 'error', obj, ...(msg !== undefined && { msg }) }),
  };
  // The Teams adapter is only used for late (proactive) answers; turns run through the TestAdapter.
  const teamsAdapter = new TeamsAdapter({});
  const app = createSeatwiseBot(teamsAdapter, deps, { botAppId: '', conversations, discussions, log });
  const adapter = new TestAdapter(async (context: TurnContext) => {
    await app.run(context);
  });
  // app.error() installs the bot's error handler on the adapter it was built with; in production that adapter
  // runs the turn, so hand the same handler to the test adapter.
  adapter.onTurnError = teamsAdapter.onTurnError;

  const send = async (activity: Partial<Activity>): Promise<Partial<Activity>[]> => {
    adapter.activeQueue.splice(0);
    await adapter.processActivity(activity);
    const out = adapter.activeQueue.splice(0).filter((a) => a.type !== 'typing');
    for (const card of [...cardsIn(out), ...out.filter((a) => a.type === 'invokeResponse').map((a) => invokeCardIn([a]))]) {
      checkCard(card);
    }
    return out;
  };

  return {
    store,
    deps,
    gateway,
    clock,
    conversations,
    discussions,
    adapter,
    app,
    logs,
    send,
    async say(person, text, locale = 'en-US') {
      const replies = await send(messageActivity(person, text, { locale }));
      const cards = cardsIn(replies);
      if (cards.length !== 1) throw new Error(`Expected one card in answer to "${text}", got ${cards.length}: ${JSON.stringify(replies).slice(0, 500)}`);
      return cards[0]!;
    },
    async click(person, data, locale = 'en-US') {
      return invokeCardIn(await send(executeActivity(person, data, { locale })));
    },
  };
}

/** The one button of a verb (throws when there is none or several). */
export function buttonOf(card: unknown, verb: string): { title: string; verb: string; data: Record<string, unknown> } {
  const found = actionsOf(card).filter((a) => a.verb === verb);
  if (found.length !== 1) throw new Error(`Expected one ${verb} button, found ${found.length} in ${JSON.stringify(card).slice(0, 600)}`);
  return found[0]!;
}

/**
 * Every text a person reads on the card (TextBlocks, facts, button titles), joined by newlines, as Teams shows
 * it: Markdown backslash escapes removed, and no-break spaces (French puts one before a colon) as plain spaces.
 * Bold markers (`**`) stay.
 */
export function readableText(card: unknown): string {
  return checkCard(card)
    .texts.join('\n')
    .replace(/\\([\\`*_~[\]()<>{}#+.-])/g, '$1')
    .replace(/[\u00a0\u202f]/g, ' ');
}
