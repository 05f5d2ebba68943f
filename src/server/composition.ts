import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { SeatwiseAdapter } from './seatwise-adapter';
import type restify from 'restify';
import type { BotDeps } from '../bot/bot-handlers';
import { DevAuthenticator, EntraAuthenticator } from '../api/authenticate';
import { mountApi } from '../api/routes';
import { InMemoryDiscussions } from '../bot/discussion-memory';
import { InMemoryTableGateway } from '../storage/in-memory/in-memory-table-gateway';
import { TableAuditLog } from '../storage/table-audit-log';
import { createSeatwiseBot } from '../bot/seatwise-bot';
import { TenantGate } from '../bot/tenant-gate';
import { CachedCatalog } from '../use-cases/catalog-index';
import { KeyedMutex } from '../use-cases/keyed-mutex';
import type { CatalogStore, Clock, ConversationReferenceStore, IdGenerator, ReservationStore } from '../use-cases/ports';
import type { AuditLog } from '../use-cases/audit-port';
import type { DiscussionStore } from '../use-cases/discussion-port';
import type { ClaimStore } from '../use-cases/reminders/reminder-ports';
import { createServer } from './app';
import { mountBotEndpoint } from './bot-endpoint';
import { startScheduler, type Scheduler } from './scheduler';
import { mountTab } from './tab-static';
import { botConnectorTokenProvider, fetchConnectorTransport } from '../bot/proactive/connector-transport';
import { TeamsNotifier } from '../bot/proactive/teams-notifier';
import type { AppConfig } from './config';
import type { Logger } from '../use-cases/logger-port';
import type { StoreHealth } from './storage-factory';

export const systemClock: Clock = { now: () => new Date() };

/** 20 characters of base-36 randomness: unguessable enough for booking and request ids. */
export const randomIds: IdGenerator = {
  newId: () => {
    let out = '';
    for (const b of randomBytes(20)) out += (b % 36).toString(36);
    return out;
  },
};

export interface AppParts {
  readonly reservations: ReservationStore;
  readonly catalog: CatalogStore;
  readonly conversations: ConversationReferenceStore;
  /** What each chat is about; without it, this process's memory only (tests of the API, benches): servers pass the table's. */
  readonly discussions?: DiscussionStore;
  /** The audit log; without it, this process's memory only (tests of the employee's side, benches): servers pass the table's. */
  readonly audit?: AuditLog;
  /** Claims of reminders and releases; without them no scheduler runs (tests of the bot and the API). */
  readonly claims?: ClaimStore;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly log: Logger;
  /** What /healthz reports about the store. */
  readonly storeHealth?: () => StoreHealth;
}

export type ServerConfig = Pick<
  AppConfig,
  'botId' | 'botPassword' | 'botType' | 'botTenantId' | 'teamsAppId' | 'showNamesInWhoIsIn' | 'authMode' | 'aadClientId' | 'allowedTenantIds'
> & {
  /** Tokens are checked against these keys instead of Microsoft's (tests sign their own). */
  readonly jwksUrl?: string;
  /** The built tab (dist/tab), served at /tab; without it there is no tab. */
  readonly tabDirectory?: string;
  readonly reminders?: AppConfig['reminders'];
};

/** Wires the use cases, the bot and the HTTP endpoints over the given stores: the one place defaults are chosen. */
export function composeServer(
  config: ServerConfig,
  parts: AppParts,
): { server: restify.Server; catalog: CachedCatalog; scheduler: Scheduler | undefined } {
  const clock = parts.clock ?? systemClock;
  const catalog = new CachedCatalog(parts.catalog, clock);
  const deps: BotDeps = {
    store: parts.reservations,
    catalog,
    clock,
    ids: parts.ids ?? randomIds,
    locks: new KeyedMutex(),
    showNamesInWhoIsIn: config.showNamesInWhoIsIn,
    ...(config.teamsAppId && { mapUrl: tabDeepLink(config.teamsAppId) }),
  };
  const adapter = new SeatwiseAdapter({
    MicrosoftAppId: config.botId,
    MicrosoftAppPassword: config.botPassword,
    MicrosoftAppType: config.botType || (config.botTenantId ? 'SingleTenant' : 'MultiTenant'),
    MicrosoftAppTenantId: config.botTenantId,
  });
  const bot = createSeatwiseBot(adapter, deps, {
    botAppId: config.botId,
    conversations: parts.conversations,
    discussions: parts.discussions ?? new InMemoryDiscussions(),
    log: parts.log,
  });
  const server = createServer({
    store: parts.reservations,
    log: (line) => parts.log.warn({}, line),
    ...(parts.storeHealth && { storeHealth: parts.storeHealth }),
  });
  const tenants = new TenantGate(config.allowedTenantIds);
  mountBotEndpoint(server, adapter, bot, parts.log, tenants);
  const auth =
    config.authMode === 'dev'
      ? new DevAuthenticator()
      : new EntraAuthenticator({ clientId: config.aadClientId, allowedTenantIds: config.allowedTenantIds, ...(config.jwksUrl && { jwksUrl: config.jwksUrl }) });
  // Admin and oversight routes record what they do in the audit log.
  const audit = parts.audit ?? new TableAuditLog(new InMemoryTableGateway(), 'audit');
  mountApi(server, { ...deps, auth, log: parts.log, audit });
  if (config.tabDirectory) mountTab(server, { directory: config.tabDirectory });
  const reminders = config.reminders;
  const scheduler =
    parts.claims && reminders?.enabled
      ? startScheduler({
          ...deps,
          claims: parts.claims,
          conversations: parts.conversations,
          notifier: new TeamsNotifier({
            transport: fetchConnectorTransport({ token: botConnectorTokenProvider(config) }),
            log: parts.log,
            clock,
            limits: { tenantRps: reminders.tenantRps },
            allowsTenant: (tenantId) => tenants.allowsTenant(tenantId),
            ...(config.teamsAppId && { mapUrl: tabDeepLink(config.teamsAppId) }),
          }),
          // Unique per process start: a claim names its holder, and a restarted process is a new holder.
          instanceId: `${hostname()}-${process.pid}-${randomIds.newId().slice(0, 6)}`,
          log: parts.log,
          intervalMs: reminders.intervalSeconds * 1000,
        })
      : undefined;
  return { server, catalog, scheduler };
}

/** A deep link that opens the Book tab on a day (and floor), for the cards' "Open map". */
export function tabDeepLink(teamsAppId: string): (date: string, floorId?: string) => string {
  return (date, floorId) => {
    const context = encodeURIComponent(JSON.stringify({ subEntityId: floorId ? `${date}|${floorId}` : date }));
    return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/book?context=${context}`;
  };
}
