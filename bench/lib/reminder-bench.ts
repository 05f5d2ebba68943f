/**
 * The reminder fan-out bench: n check-in reminders, through the real reminder pass (claims in Azurite, the
 * TeamsNotifier with its token bucket and per-conversation spacing, fetch over HTTP) to a local fake connector that
 * enforces Teams' limits scaled up (and answers 429 past them).
 *
 * It reports the achieved rate against the allowed one (goal >= 0.9), duplicates (goal 0) and lost reminders
 * (goal 0), plus what it cost: 429s, storage requests per reminder, and the event-loop delay during the fan-out
 * (the bot shares the loop, so the scheduler must not block it).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pino from 'pino';
import type { EmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { fetchConnectorTransport } from '../../src/bot/proactive/connector-transport';
import { TeamsNotifier } from '../../src/bot/proactive/teams-notifier';
import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { mapLimit } from '../../src/storage/map-limit';
import { bookingToEntity, dayPartition } from '../../src/storage/reservation-rows';
import { TableCatalogStore } from '../../src/storage/table-catalog-store';
import { TableClaimStore } from '../../src/storage/table-claim-store';
import { TableConversationStore } from '../../src/storage/table-conversation-store';
import type { TableGateway, TableOperation } from '../../src/storage/table-gateway';
import { TableReservationStore } from '../../src/storage/table-reservation-store';
import type { Booking } from '../../src/domain/model';
import { CachedCatalog } from '../../src/use-cases/catalog-index';
import { KeyedMutex } from '../../src/use-cases/keyed-mutex';
import type { SiteCatalog } from '../../src/use-cases/ports';
import { momentsOf } from '../../src/use-cases/reminders/reminder-schedule';
import { sendReminders } from '../../src/use-cases/reminders/send-reminders';
import { fixedClock, gridCatalog } from '../../tests/support/builders';
import { CountingGateway } from './counting-gateway';
import { cpuMeter } from './measure';
import { startFakeConnector } from './reminder-fake-connector';

export interface ReminderBenchOptions {
  /** The fake connector's per-tenant limit, i.e. Teams' 50 requests/s scaled up. */
  readonly allowedRate?: number;
  /** Reminders in flight at once in the pass. */
  readonly concurrency?: number;
  /** Fraction of requests the fake connector answers 429 regardless of the limits (0: none). */
  readonly chaos429?: number;
  /** Simulated connector round trip, ms. */
  readonly latencyMs?: number;
}

export interface ReminderBenchResult {
  readonly n: number;
  /** Reminders accepted by the connector per second, over the whole pass (listing and claims included). */
  readonly achievedRate: number;
  readonly allowedRate: number;
  /** achievedRate / allowedRate; the goal is at least 0.9. */
  readonly ratio: number;
  /** Reminders the connector accepted more than once (goal 0). */
  readonly duplicates: number;
  /** Due reminders the connector never accepted (goal 0). */
  readonly lost: number;
  readonly elapsedMs: number;
  /** 429s the fake connector answered: limits exceeded (tenant, conversation) and injected. */
  readonly throttled: { readonly tenant: number; readonly conversation: number; readonly chaos: number };
  readonly connectorRequests: number;
  readonly storageRequestsPerReminder: number;
  /** The same requests by kind, per reminder: point reads, partition queries, table scans, commits (ok, refused). */
  readonly storageRequestsByKind: Readonly<Record<keyof CountingGateway['totals'], number>>;
  readonly eventLoopDelayMs: { readonly p99: number; readonly max: number };
  /** CPU per reminder in this process (pass, SDK, fetch, and the fake connector) and in Azurite, when known. */
  readonly cpuPerReminderMs: { readonly client: number; readonly storage: number | undefined };
  /** The claims after the pass, by state. */
  readonly claims: Readonly<Record<string, number>>;
  readonly ambiguous: number;
  /** The notifier's own counts (requests, 429s seen, retries handed back). */
  readonly notifier: ReturnType<TeamsNotifier['metrics']>;
  /** Seconds from the start of the pass until 50 %, 90 % and 100 % of the reminders were accepted. */
  readonly acceptedBy: { readonly p50: number; readonly p90: number; readonly p100: number };
}

const DAY = '2026-12-03';
/** Thursday 3 December 2026, 08:31 in Brussels: a minute into the reminder window. */
const NOW = '2026-12-03T07:31:00Z';
const TEAMS_TENANT_RPS = 50;
const TEAMS_CONVERSATION_INTERVAL_MS = 1_000;

/** One site with `n` desks: floors of 100 desks (one zone each), as the reminder's "desk, zone, floor" needs. */
function benchCatalog(n: number): SiteCatalog {
  const floors = Array.from({ length: Math.ceil(n / 100) }, (_, f) =>
    gridCatalog({ siteId: 'bench-site', floorId: `bf${f}`, zones: 1, cols: 10, rows: 10, pitch: 2 }),
  );
  return {
    site: { id: 'bench-site', name: 'Bench site', timeZone: 'Europe/Brussels' },
    floors: floors.flatMap((c) => c.floors.map((fl) => ({ ...fl, siteId: 'bench-site' }))),
    zones: floors.flatMap((c) => c.zones),
    desks: floors.flatMap((c) => c.desks),
    policies: floors[0]!.policies,
  };
}

/** Writes the day's booking rows directly, 100 per transaction: the bench measures the fan-out, not booking. */
async function seedBookings(
  gateway: TableGateway,
  table: string,
  catalog: SiteCatalog,
  n: number,
): Promise<Booking[]> {
  const bookings: Booking[] = catalog.desks.slice(0, n).map((d, i) => ({
    id: `${DAY}.bench${String(i).padStart(6, '0')}`,
    siteId: catalog.site.id,
    floorId: d.floorId,
    zoneId: d.zoneId,
    deskId: d.id,
    date: DAY,
    userId: `bench-user-${i}`,
    status: 'booked',
    createdAt: '2026-12-01T09:00:00.000Z',
  }));
  for (let i = 0; i < bookings.length; i += 100) {
    const ops: TableOperation[] = bookings
      .slice(i, i + 100)
      .map((b) => ({ kind: 'create', entity: bookingToEntity(b) }));
    const outcome = await gateway.transact(table, dayPartition(DAY), ops);
    if (outcome !== 'ok') throw new Error(`bench: seeding bookings ${i}… conflicted`);
  }
  return bookings;
}

/** Runs a fan-out of `n` reminders against Azurite (a running embedded one, or a connection string). */
export async function reminderFanOut(
  azurite: EmbeddedAzurite | string,
  n = 5000,
  options: ReminderBenchOptions = {},
): Promise<ReminderBenchResult> {
  const connectionString = typeof azurite === 'string' ? azurite : azurite.connectionString;
  const allowedRate = options.allowedRate ?? 150;
  const scale = allowedRate / TEAMS_TENANT_RPS;
  const connector = await startFakeConnector({
    tenantRps: allowedRate,
    conversationIntervalMs: TEAMS_CONVERSATION_INTERVAL_MS / scale,
    ...(options.chaos429 !== undefined && { chaos429: options.chaos429 }),
    ...(options.latencyMs !== undefined && { latencyMs: options.latencyMs }),
  });
  const raw = new AzureTableGateway({ kind: 'connection-string', connectionString });
  const suffix = Math.random().toString(36).slice(2, 8);
  const tables = {
    reservations: `remres${suffix}`,
    weeks: `remwk${suffix}`,
    catalog: `remcat${suffix}`,
    conversations: `remconv${suffix}`,
    claims: `remclaims${suffix}`,
  };
  try {
    const catalogStore = new TableCatalogStore(raw, tables.catalog);
    const conversations = new TableConversationStore(raw, tables.conversations);
    const reservations = new TableReservationStore(raw, {
      reservations: tables.reservations,
      weeks: tables.weeks,
    });
    await Promise.all([catalogStore.init(), conversations.init(), reservations.init()]);
    const catalog = benchCatalog(n);
    await catalogStore.replaceSiteCatalog(catalog);
    const bookings = await seedBookings(raw, tables.reservations, catalog, n);
    await mapLimit(bookings, 32, (b) =>
      conversations.save(b.userId, {
        user: { id: `29:${b.userId}`, aadObjectId: b.userId },
        bot: { id: '28:seatwise-bench', name: 'Seatwise' },
        conversation: { id: `a:bench-${b.userId}`, conversationType: 'personal', tenantId: 'bench-tenant' },
        channelId: 'msteams',
        locale: ['en-GB', 'fr-BE', 'nl-BE', 'de-DE'][Number(b.userId.slice(11)) % 4],
        serviceUrl: connector.serviceUrl,
      }),
    );

    // The pass goes through a counting gateway, to report storage requests per reminder.
    const counting = new CountingGateway(raw);
    const clock = fixedClock(NOW);
    const claims = new TableClaimStore(counting, tables.claims);
    await claims.init();
    const log = pino({ level: 'silent' });
    const notifier = new TeamsNotifier({
      transport: fetchConnectorTransport(),
      log,
      clock,
      limits: { tenantRps: allowedRate, conversationIntervalMs: TEAMS_CONVERSATION_INTERVAL_MS / scale },
      attemptTimeoutMs: 5_000,
    });
    const deps = {
      store: new TableReservationStore(counting, { reservations: tables.reservations, weeks: tables.weeks }),
      catalog: new CachedCatalog(catalogStore, clock, 600_000),
      clock,
      ids: { newId: () => Math.random().toString(36).slice(2, 12) },
      locks: new KeyedMutex(),
      claims,
      conversations: new TableConversationStore(counting, tables.conversations),
      notifier,
      instanceId: `bench-${suffix}`,
      log,
      settings: { concurrency: options.concurrency ?? Math.max(32, Math.ceil(allowedRate / 4)) },
    };
    await deps.catalog.current();
    const storageBefore = storageTotal(counting);
    const totalsBefore = { ...counting.totals };

    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const cpu = cpuMeter(typeof azurite === 'string' ? -1 : azurite.pid);
    const started = performance.now();
    const report = await sendReminders(deps, momentsOf(catalog, DAY));
    const elapsedMs = performance.now() - started;
    const used = cpu();
    loop.disable();

    const stats = connector.stats();
    let duplicates = 0;
    let delivered = 0;
    for (const b of bookings) {
      const count = stats.byKey.get(b.id) ?? 0;
      if (count > 0) delivered++;
      if (count > 1) duplicates += count - 1;
    }
    const claimStates: Record<string, number> = {};
    for (const c of await claims.listDay(DAY)) claimStates[c.state] = (claimStates[c.state] ?? 0) + 1;
    const achievedRate = delivered / (elapsedMs / 1000);
    return {
      n,
      achievedRate,
      allowedRate,
      ratio: achievedRate / allowedRate,
      duplicates,
      lost: n - delivered,
      elapsedMs,
      throttled: {
        tenant: stats.throttledTenant,
        conversation: stats.throttledConversation,
        chaos: stats.throttledChaos,
      },
      connectorRequests: stats.requests,
      storageRequestsPerReminder: (storageTotal(counting) - storageBefore) / n,
      storageRequestsByKind: perReminder(counting.totals, totalsBefore, n),
      eventLoopDelayMs: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      cpuPerReminderMs: {
        client: used.clientMs / n,
        storage: used.storageMs === undefined ? undefined : used.storageMs / n,
      },
      claims: claimStates,
      ambiguous: report.ambiguous,
      notifier: notifier.metrics(),
      acceptedBy: acceptedBy(stats.acceptedAt, started),
    };
  } finally {
    await connector.close();
  }
}

function acceptedBy(times: readonly number[], started: number): ReminderBenchResult['acceptedBy'] {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length === 0
      ? NaN
      : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! - started) / 1000;
  return { p50: at(0.5), p90: at(0.9), p100: at(1) };
}

function perReminder(
  after: CountingGateway['totals'],
  before: CountingGateway['totals'],
  n: number,
): ReminderBenchResult['storageRequestsByKind'] {
  const at = (k: keyof CountingGateway['totals']) => Math.round(((after[k] - before[k]) / n) * 1000) / 1000;
  return { gets: at('gets'), queries: at('queries'), scans: at('scans'), commitsOk: at('commitsOk'), commitsConflict: at('commitsConflict') };
}

function storageTotal(g: CountingGateway): number {
  const t = g.totals;
  return t.gets + t.queries + t.scans + t.commitsOk + t.commitsConflict;
}

/** One line for the bench summary. */
export function reminderBenchLine(r: ReminderBenchResult): string {
  const f = (x: number, d = 0) => x.toFixed(d);
  return (
    `reminder fan-out (${r.n})`.padEnd(32) +
    `${f(r.achievedRate).padStart(6)} msg/s   ratio ${f(r.ratio, 2)} of the allowed ${r.allowedRate}/s (goal >= 0.9)   ` +
    `duplicates ${r.duplicates} (goal 0), lost ${r.lost} (goal 0)   ${f(r.elapsedMs / 1000, 1)} s, ` +
    `429s ${r.throttled.tenant + r.throttled.conversation + r.throttled.chaos} (tenant ${r.throttled.tenant}, conversation ${r.throttled.conversation}, injected ${r.throttled.chaos}), ` +
    `${f(r.storageRequestsPerReminder, 1)} storage req/reminder (gets ${f(r.storageRequestsByKind.gets, 2)}, commits ${f(r.storageRequestsByKind.commitsOk + r.storageRequestsByKind.commitsConflict, 2)}), cpu/reminder ${f(r.cpuPerReminderMs.client, 2)} ms + azurite ${r.cpuPerReminderMs.storage === undefined ? 'n/a' : f(r.cpuPerReminderMs.storage, 2)} ms, event-loop delay p99 ${f(r.eventLoopDelayMs.p99, 1)} ms max ${f(r.eventLoopDelayMs.max, 1)} ms`
  );
}

/** Whether the run met its goals. */
export function reminderBenchOk(r: ReminderBenchResult): boolean {
  return r.ratio >= 0.9 && r.duplicates === 0 && r.lost === 0;
}
