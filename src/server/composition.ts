import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { SeatwiseAdapter } from './seatwise-adapter';
import type restify from 'restify';
import type { BotDeps } from '../bot/bot-handlers';
import { DevAuthenticator, EntraAuthenticator } from '../api/authenticate';
import { GraphGroupDirectory } from '../api/graph-group-directory';
import { mountApi } from '../api/routes';
import { RememberingAuthenticator } from '../api/remembering-authenticator';
import { OncePerRequest } from '../api/once-per-request';
import type { MemberGroups } from '../use-cases/member-groups-port';
import type { PlanImages } from '../use-cases/plan-image-port';
import { InMemoryDiscussions } from '../bot/discussion-memory';
import { InMemoryTableGateway } from '../storage/in-memory/in-memory-table-gateway';
import { TableAuditLog } from '../storage/table-audit-log';
import { TableFavouritesStore } from '../storage/table-favourites-store';
import { TableSeriesStore } from '../storage/table-series-store';
import { TableLinkKeyStore } from '../storage/table-link-key-store';
import type { LinkKeyStore } from '../use-cases/calendar-link-port';
import { calendarLinkParams } from '../use-cases/booking-calendar';
import type { FavouritesStore } from '../use-cases/favourites-port';
import type { SeriesStore } from '../use-cases/series-port';
import { seriesPassJob } from '../use-cases/series-pass';
import { noticeRetryJob, type BackgroundWork } from '../use-cases/admin-notices';
import { createSeatwiseBot } from '../bot/seatwise-bot';
import { TenantGate } from '../bot/tenant-gate';
import { CachedCatalog } from '../use-cases/catalog-index';
import { KeyedMutex } from '../use-cases/keyed-mutex';
import type { CatalogStore, Clock, ConversationReferenceStore, IdGenerator, ReservationStore } from '../use-cases/ports';
import type { AuditLog } from '../use-cases/audit-port';
import type { DiscussionStore } from '../use-cases/discussion-port';
import type { ClaimStore } from '../use-cases/reminders/reminder-ports';
import type { WaitlistStore } from '../use-cases/waitlist-port';
import { createServer } from './app';
import { mountBotEndpoint } from './bot-endpoint';
import { startScheduler, type Scheduler, type SchedulerDeps } from './scheduler';
import { startJobTicker } from './job-ticker';
import { runOfferPass } from '../use-cases/waitlist-offers';
import { startRetentionScheduler, type RetentionScheduler } from './retention-scheduler';
import type { OversightPorts } from '../api/oversight-routes';
import { keyedPseudonym } from './oversight-stores';
import type { Actor } from '../domain/model';
import { exportMyData } from '../use-cases/export-my-data';
import { DEFAULT_RETENTION } from '../use-cases/purge-expired';
import type { RetentionStore } from '../use-cases/retention-port';
import type { SitePrivacyStore } from '../use-cases/site-privacy-port';
import type { DelegationStore } from '../use-cases/delegation-port';
import { TableDelegationStore } from '../storage/table-delegation-store';
import { deskDeepLink } from '../api/desk-routes';
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
  /** The groups people's tokens carried, remembered on each API call for the re-check of restricted zones. */
  readonly members?: MemberGroups;
  /** Uploaded floor-plan images. */
  readonly planImages?: PlanImages;
  /** Recurring series; without them, this process's memory only (tests of other parts, benches): servers pass the table's. */
  readonly series?: SeriesStore;
  /** The key of calendar links; without it, this process's own (links then work on this process only). */
  readonly linkKeys?: LinkKeyStore;
  /** Favourite desks; without them, this process's memory only (tests of other parts, benches): servers pass the table's. */
  readonly favourites?: FavouritesStore;
  /** Claims of reminders and releases; without them no scheduler runs (tests of the bot and the API). */
  readonly claims?: ClaimStore;
  /** The waitlist, over the reservations table; without it there is no waitlist (tests of other parts, benches). */
  readonly waitlist?: WaitlistStore;
  /** Who may book for whom; without it, this process's memory only (tests of other parts): servers pass the table's. */
  readonly delegations?: DelegationStore;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly log: Logger;
  /** Reports' archive and the personal-data ports of the oversight routes. */
  readonly oversight?: OversightPorts;
  /** With claims and the archive: the daily retention pass runs. */
  readonly retention?: RetentionStore;
  /** What /healthz reports about the store. */
  readonly storeHealth?: () => StoreHealth;
}

export type ServerConfig = Pick<
  AppConfig,
  'botId' | 'botPassword' | 'botType' | 'botTenantId' | 'teamsAppId' | 'showNamesInWhoIsIn' | 'authMode' | 'aadClientId' | 'aadClientSecret' | 'allowedTenantIds'
> & {
  /** Microsoft's sign-in and Graph addresses, for the groups overage (tests may point them elsewhere). */
  readonly graph?: { readonly loginUrl?: string; readonly graphUrl?: string };
  /** Tokens are checked against these keys instead of Microsoft's (tests sign their own). */
  readonly jwksUrl?: string;
  /** The built tab (dist/tab), served at /tab; without it there is no tab. */
  readonly tabDirectory?: string;
  readonly reminders?: AppConfig['reminders'];
  /** SEATWISE_RETENTION_DAYS; 90 when left out. */
  readonly retentionDays?: number;
  /** SEATWISE_PSEUDONYM_KEY: the key of erased people's pseudonyms. */
  readonly pseudonymKey?: string;
  readonly publicUrl?: string;
  readonly waitlist?: AppConfig['waitlist'];
};

/** Wires the use cases, the bot and the HTTP endpoints over the given stores: the one place defaults are chosen. */
export function composeServer(
  config: ServerConfig,
  parts: AppParts,
): { server: restify.Server; catalog: CachedCatalog; scheduler: Scheduler | undefined; retention: RetentionScheduler | undefined } {
  const clock = parts.clock ?? systemClock;
  const catalog = new CachedCatalog(parts.catalog, clock);
  const sitePrivacy = parts.oversight?.sitePrivacy;
  const series = parts.series ?? new TableSeriesStore(new InMemoryTableGateway(), 'series');
  const linkKeys = parts.linkKeys ?? new TableLinkKeyStore(new InMemoryTableGateway(), 'keys');
  const delegations = parts.delegations ?? new TableDelegationStore(new InMemoryTableGateway(), 'delegations');
  const favourites = parts.favourites ?? new TableFavouritesStore(new InMemoryTableGateway(), 'favourites');
  // The site's own "colleagues can see names" choice travels with the deps the bot hands to "who is in"
  // (src/use-cases/who-is-in.ts reads it when present; SEATWISE_SHOW_NAMES is the default for sites without one).
  const deps: BotDeps & { readonly sitePrivacy?: SitePrivacyStore; series: SeriesStore } = {
    ...(sitePrivacy && { sitePrivacy }),
    series,
    favourites,
    store: parts.reservations,
    catalog,
    clock,
    ids: parts.ids ?? randomIds,
    locks: new KeyedMutex(),
    showNamesInWhoIsIn: config.showNamesInWhoIsIn,
    // Booking for a colleague in chat; the notices are read when a booking is made, being wired further down.
    bookFor: { delegations, ...(parts.members && { members: parts.members }), notices: () => notices },
    ...(config.teamsAppId && { mapUrl: tabDeepLink(config.teamsAppId) }),
    ...(config.publicUrl && { calendarUrl: calendarLink(config.publicUrl, linkKeys, clock) }),
  };
  const adapter = new SeatwiseAdapter({
    MicrosoftAppId: config.botId,
    MicrosoftAppPassword: config.botPassword,
    MicrosoftAppType: config.botType || (config.botTenantId ? 'SingleTenant' : 'MultiTenant'),
    MicrosoftAppTenantId: config.botTenantId,
  });
  const audit = parts.audit ?? new TableAuditLog(new InMemoryTableGateway(), 'audit');
  const personal = parts.oversight?.personal;
  const retentionDays = config.retentionDays ?? DEFAULT_RETENTION.retentionDays;
  const bot = createSeatwiseBot(adapter, deps, {
    ...(personal && { myData: (actor: Actor) => exportMyData({ ...deps, personal, audit, retentionDays, delegations, favourites, ...(parts.members && { members: parts.members }) }, actor) }),
    botAppId: config.botId,
    conversations: parts.conversations,
    discussions: parts.discussions ?? new InMemoryDiscussions(),
    log: parts.log,
    ...(parts.waitlist && { waitlist: parts.waitlist }),
  });
  const server = createServer({
    store: parts.reservations,
    log: (line) => parts.log.warn({}, line),
    ...(parts.storeHealth && { storeHealth: parts.storeHealth }),
  });
  const tenants = new TenantGate(config.allowedTenantIds);
  mountBotEndpoint(server, adapter, bot, parts.log, tenants);
  const tokens =
    config.authMode === 'dev'
      ? new DevAuthenticator()
      : new EntraAuthenticator({
          clientId: config.aadClientId,
          allowedTenantIds: config.allowedTenantIds,
          ...(config.jwksUrl && { jwksUrl: config.jwksUrl }),
          ...(config.aadClientSecret && {
            directory: new GraphGroupDirectory({ clientId: config.aadClientId, clientSecret: config.aadClientSecret, log: parts.log, clock: parts.clock, ...config.graph }),
          }),
        });
  const auth = new OncePerRequest(parts.members ? new RememberingAuthenticator(tokens, parts.members, parts.log) : tokens);
  // Admin and oversight routes (and "my data" in the bot, above) record what they do in the audit log.
  const oversight = {
    ...parts.oversight,
    retentionDays,
    defaultShowNames: config.showNamesInWhoIsIn,
    pseudonymOf: keyedPseudonym(config.pseudonymKey ?? ''),
  };
  const reminders = config.reminders;
  // One notifier for the reminders and the admin's cancellation notices, so that both keep to one set of Teams rate
  // limits; both need the claims table, which makes each message go out once.
  const notifier = parts.claims
    ? new TeamsNotifier({
        transport: fetchConnectorTransport({ token: botConnectorTokenProvider(config) }),
        log: parts.log,
        clock,
        ...(reminders && { limits: { tenantRps: reminders.tenantRps } }),
        allowsTenant: (tenantId) => tenants.allowsTenant(tenantId),
        ...(config.teamsAppId && { mapUrl: tabDeepLink(config.teamsAppId) }),
      })
    : undefined;
  // Unique per process start: a claim names its holder, and a restarted process is a new holder.
  const instanceId = `${hostname()}-${process.pid}-${randomIds.newId().slice(0, 6)}`;
  // Notices of an admin's cancellations go out after the answer; what fails there is logged, and a pending claim is
  // retried by the scheduler's notice job.
  const background: BackgroundWork = {
    run: (what, task) =>
      void task().catch((error: unknown) => parts.log.error({ err: error instanceof Error ? error.message : String(error) }, `${what} failed`)),
  };
  const notices = parts.claims && notifier ? { claims: parts.claims, conversations: parts.conversations, notifier, instanceId, log: parts.log, background } : undefined;
  mountApi(server, { ...deps, delegations, ...(config.teamsAppId && { deskUrl: deskDeepLink(config.teamsAppId) }), auth, log: parts.log, audit, oversight, linkKeys, favourites, ...(parts.waitlist && { waitlist: parts.waitlist }), catalogStore: parts.catalog, ...(notices && { notices }), ...(parts.members && { members: parts.members }), ...(parts.planImages && { planImages: parts.planImages }) });
  if (config.tabDirectory) mountTab(server, { directory: config.tabDirectory });
  // Notices left pending (throttled, or cut off by a stop) are retried by any instance that can write to people,
  // whether or not it sends reminders.
  const noticeRetry = parts.claims && notifier ? noticeRetryJob({ ...deps, claims: parts.claims, conversations: parts.conversations, notifier, instanceId, log: parts.log }) : undefined;
  const intervalMs = (reminders?.intervalSeconds ?? 30) * 1000;
  const scheduler =
    parts.claims && notifier && reminders?.enabled
      ? startScheduler(
          withOfferPass(
            {
              jobs: [
                seriesPassJob({ ...deps, claims: parts.claims, instanceId, log: parts.log, keepEndedDays: retentionDays, ...(parts.members && { members: parts.members }) }),
                ...(noticeRetry ? [noticeRetry] : []),
              ],
              ...deps,
              claims: parts.claims,
              conversations: parts.conversations,
              notifier,
              instanceId,
              log: parts.log,
              intervalMs,
            },
            parts.waitlist,
            config.waitlist,
          ),
        )
      : noticeRetry
        ? startJobTicker([noticeRetry], { intervalMs, log: parts.log })
        : undefined;
  const archive = parts.oversight?.archive;
  const retention =
    parts.claims && parts.retention && archive
      ? startRetentionScheduler({
          ...deps,
          claims: parts.claims,
          archive,
          retention: parts.retention,
          audit,
          instanceId: `${hostname()}-${process.pid}-retention-${randomIds.newId().slice(0, 6)}`,
          log: parts.log,
          ...(config.retentionDays !== undefined && { settings: { retentionDays: config.retentionDays } }),
        })
      : undefined;
  return { server, catalog, scheduler, retention };
}

/** The signed link of a booking's calendar file: a browser opens it without a Teams sign-in. */
function calendarLink(publicUrl: string, keys: LinkKeyStore, clock: Clock): (bookingId: string, locale: string) => Promise<string> {
  return async (bookingId, locale) => {
    const { token, expires } = await calendarLinkParams(keys, bookingId, clock.now());
    return `${publicUrl}/api/bookings/${encodeURIComponent(bookingId)}/ics?token=${token}&exp=${expires}&lang=${encodeURIComponent(locale)}`;
  };
}

/**
 * The waitlist's offer pass rides on the reminder scheduler's ticks, with its claims and its notifier: one rate limit
 * per tenant for every proactive message the app sends.
 */
function withOfferPass(deps: SchedulerDeps, waitlist: WaitlistStore | undefined, settings: AppConfig['waitlist'] | undefined): SchedulerDeps {
  if (!waitlist) return deps;
  return {
    ...deps,
    offerPass: (signal) => runOfferPass({ ...deps, waitlist, ...(settings && { offers: { offerMinutes: settings.offerMinutes } }) }, { signal }),
  };
}

/** A deep link that opens the Book tab on a day (and floor), for the cards' "Open map". */
export function tabDeepLink(teamsAppId: string): (date: string, floorId?: string) => string {
  return (date, floorId) => {
    const context = encodeURIComponent(JSON.stringify({ subEntityId: floorId ? `${date}|${floorId}` : date }));
    return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/book?context=${context}`;
  };
}
