import type { AddressInfo } from 'node:net';
import nock from 'nock';
import pino from 'pino';
import { composeServer } from '../../src/server/composition';
import { TablePersonalDataStore } from '../../src/storage/table-personal-data-store';
import { TableSitePrivacyStore } from '../../src/storage/table-site-privacy-store';
import { TableAuditLog } from '../../src/storage/table-audit-log';
import { TableClaimStore } from '../../src/storage/table-claim-store';
import { TableConversationStore } from '../../src/storage/table-conversation-store';
import { TableMemberGroups } from '../../src/storage/table-member-groups';
import { TablePlanImages } from '../../src/storage/table-plan-images';
import type { SiteCatalog } from '../../src/use-cases/ports';
import { uniqueTableName } from '../support/azurite';
import { fixedClock, sequentialIds } from '../support/builders';
import type { StoreHarness } from '../support/stores';

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
  headers: Headers;
}

export interface CallOptions {
  /** x-dev-user; null sends no identity. */
  user?: string | null;
  roles?: string;
  name?: string;
  groups?: string;
  locale?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

/** Tables shared by the servers of one test, as instances of one deployment share a storage account. */
export interface SharedTables {
  readonly conversations: TableConversationStore;
  readonly claims: TableClaimStore;
  readonly audit: TableAuditLog;
  readonly members: TableMemberGroups;
  readonly planImages: TablePlanImages;
  readonly sitePrivacy: TableSitePrivacyStore;
  readonly names: { readonly conversations: string; readonly claims: string; readonly discussions: string };
}

export async function sharedTables(h: StoreHarness): Promise<SharedTables> {
  const names = { conversations: uniqueTableName('conv'), claims: uniqueTableName('claims'), discussions: uniqueTableName('disc') };
  await h.gateway.ensureTables([names.discussions]);
  const conversations = new TableConversationStore(h.gateway, names.conversations);
  const claims = new TableClaimStore(h.gateway, names.claims);
  const audit = new TableAuditLog(h.gateway, uniqueTableName('audit'));
  const members = new TableMemberGroups(h.gateway, uniqueTableName('members'));
  const planImages = new TablePlanImages(h.gateway, uniqueTableName('plans'));
  const sitePrivacy = new TableSitePrivacyStore(h.gateway, uniqueTableName('privacy'));
  await Promise.all([conversations.init(), claims.init(), audit.init(), members.init(), planImages.init(), sitePrivacy.init()]);
  return { conversations, claims, audit, members, planImages, sitePrivacy, names };
}

export interface AdminServer {
  readonly url: string;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly tables: SharedTables;
  call(method: string, path: string, opts?: CallOptions): Promise<Reply>;
  /** Every route the composed server serves, as "METHOD /path/:param". */
  routes(): string[];
  close(): Promise<void>;
}

let servers = 0;

/**
 * The real server as composed (REST API, admin routes, the Teams notifier over the claims table), over a store
 * harness on a free port, in dev auth. The reminder scheduler is off: only the admin's notices send.
 */
export async function startAdminServer(h: StoreHarness, catalogs: readonly SiteCatalog[], now: string, tables?: SharedTables): Promise<AdminServer> {
  for (const c of catalogs) await h.catalog.replaceSiteCatalog(c);
  const shared = tables ?? (await sharedTables(h));
  const clock = fixedClock(now);
  servers += 1;
  const { server } = composeServer(
    { botId: '', botPassword: '', botType: '', botTenantId: '', teamsAppId: 'seatwise-test-app', showNamesInWhoIsIn: false, authMode: 'dev', aadClientId: '', allowedTenantIds: [] },
    {
      reservations: h.reservations,
      catalog: h.catalog,
      conversations: shared.conversations,
      claims: shared.claims,
      audit: shared.audit,
      members: shared.members,
      planImages: shared.planImages,
      // The admin's personal-data and privacy routes, over the same tables as the bookings.
      oversight: {
        personal: new TablePersonalDataStore(h.gateway, {
          reservations: h.tables.reservations,
          weeks: h.tables.weeks,
          claims: shared.names.claims,
          conversations: shared.names.conversations,
          discussions: shared.names.discussions,
        }),
        sitePrivacy: shared.sitePrivacy,
      },
      clock,
      ids: sequentialIds(`adm${servers}x`),
      log: pino({ level: 'silent' }),
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    clock,
    tables: shared,
    call: (method, path, opts = {}) => call(url, method, path, opts),
    routes: () => Object.values(server.router.getRoutes()).map((r) => `${r.method} ${r.path}`),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function call(url: string, method: string, path: string, opts: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.user !== null) headers['x-dev-user'] = opts.user ?? 'fm';
  if (opts.roles !== undefined) headers['x-dev-roles'] = opts.roles;
  if (opts.name !== undefined) headers['x-dev-name'] = opts.name;
  if (opts.groups !== undefined) headers['x-dev-groups'] = opts.groups;
  if (opts.locale !== undefined) headers['accept-language'] = opts.locale;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined && { body }) });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

/** An admin's call. */
export function asAdmin(opts: CallOptions = {}): CallOptions {
  return { user: 'fm', roles: 'admin', name: 'Fiona Manager', ...opts };
}

export interface Card {
  readonly conversationId: string;
  readonly activity: Record<string, unknown>;
  readonly text: string;
}

/** nock as the Teams connector: every activity POSTed is recorded and accepted (201). */
export function fakeConnector(): { cards: Card[]; done(): void } {
  const cards: Card[] = [];
  nock('https://smba.trafficmanager.net')
    .persist()
    .post(/\/v3\/conversations\/[^/]+\/activities$/)
    .reply(201, (uri, body) => {
      const activity = body as Record<string, unknown>;
      cards.push({ conversationId: decodeURIComponent(uri.split('/')[4]!), activity, text: JSON.stringify(activity) });
      return { id: `act-${cards.length}` };
    });
  return { cards, done: () => nock.cleanAll() };
}

/** The notices of an admin's change go out after the answer: waits (up to 15 s) until the connector got `n` cards. */
export async function untilCards(connector: { cards: Card[] }, n: number): Promise<Card[]> {
  const deadline = Date.now() + 15_000;
  while (connector.cards.length < n) {
    if (Date.now() > deadline) throw new Error(`Expected ${n} cards sent to the connector within 15 s; got ${connector.cards.length}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  // A card too many would arrive on the heels of the last one expected.
  await new Promise((r) => setTimeout(r, 200));
  return connector.cards;
}

export interface TwoServers {
  readonly h: StoreHarness;
  /** Holds the catalog from the start. */
  readonly a: AdminServer;
  /** Starts with none: it reads A's from the shared tables, and keeps it cached (its clock stands still). */
  readonly b: AdminServer;
  readonly connector: ReturnType<typeof fakeConnector>;
}

/**
 * For a race between two servers over one Azurite: registers the jest hooks that start both (and nock as the
 * connector) before each test and close them after. Read the fields inside a test, not at registration.
 */
export function twoServersPerTest(catalog: SiteCatalog, now: string, azurite: () => Promise<StoreHarness>): TwoServers {
  let current: TwoServers | undefined;
  const get = (): TwoServers => {
    if (!current) throw new Error('the two servers start before each test');
    return current;
  };
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    const h = await azurite();
    const tables = await sharedTables(h);
    const a = await startAdminServer(h, [catalog], now, tables);
    const b = await startAdminServer(h, [], now, tables);
    current = { h, a, b, connector: fakeConnector() };
  });
  afterEach(async () => {
    const { a, b, connector } = get();
    connector.done();
    await Promise.all([a.close(), b.close()]);
    current = undefined;
  });
  return {
    get h() {
      return get().h;
    },
    get a() {
      return get().a;
    },
    get b() {
      return get().b;
    },
    get connector() {
      return get().connector;
    },
  };
}
