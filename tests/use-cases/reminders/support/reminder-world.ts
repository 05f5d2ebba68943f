import nock from 'nock';
import type { Booking } from '../../../../src/domain/model';
import { fetchConnectorTransport, type ConnectorTransport } from '../../../../src/bot/proactive/connector-transport';
import { TeamsNotifier, type TeamsNotifierOptions } from '../../../../src/bot/proactive/teams-notifier';
import { startScheduler, type Scheduler, type SchedulerDeps } from '../../../../src/server/scheduler';
import { TableClaimStore } from '../../../../src/storage/table-claim-store';
import { TableConversationStore } from '../../../../src/storage/table-conversation-store';
import { uniqueTableName } from '../../../support/azurite';
import { bookDesk, type BookingDeps } from '../../../../src/use-cases/book-desk';
import type { SiteCatalog } from '../../../../src/use-cases/ports';
import type { PassReport } from '../../../../src/use-cases/reminders/pass-support';
import type { Logger } from '../../../../src/use-cases/logger-port';
import type { ReminderDeps, ReminderSettings } from '../../../../src/use-cases/reminders/reminder-ports';
import { anActor, gridCatalog } from '../../../support/builders';
import { bookingDeps, type HarnessFactory, type StoreHarness } from '../../../support/stores';
import { ManualTimer, VirtualTime } from './virtual-time';

export const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
export const ACTIVITIES_PATH = /^\/emea\/v3\/conversations\/[^/]+\/activities$/;

/** A Brussels site (DEFAULT_RULES: reminder 08:30, deadline 10:00), desks 2 m apart so anyone can sit anywhere. */
export function brusselsCatalog(desks = 40): SiteCatalog {
  const cols = 5;
  const rows = Math.max(1, Math.ceil(desks / (cols * 2)));
  return gridCatalog({
    zones: 2,
    cols,
    rows,
    pitch: 2,
    policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 10_000 } },
  });
}

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly obj: object;
  readonly msg?: string;
}

export class CapturingLog implements Logger {
  readonly entries: LogEntry[] = [];
  info(obj: object, msg?: string): void {
    this.entries.push({ level: 'info', obj, ...(msg !== undefined && { msg }) });
  }
  warn(obj: object, msg?: string): void {
    this.entries.push({ level: 'warn', obj, ...(msg !== undefined && { msg }) });
  }
  error(obj: object, msg?: string): void {
    this.entries.push({ level: 'error', obj, ...(msg !== undefined && { msg }) });
  }
  messages(level?: LogEntry['level']): string[] {
    return this.entries.filter((e) => !level || e.level === level).map((e) => e.msg ?? '');
  }
}

export function personalConversationId(userId: string): string {
  return `a:1personal-${userId}`;
}

/** A conversation reference as the bot saves it (TurnContext.getConversationReference of a personal chat). */
export function referenceFor(
  userId: string,
  locale = 'en-US',
  serviceUrl = SERVICE_URL,
): Record<string, unknown> {
  return {
    activityId: `f:${userId}`,
    user: { id: `29:${userId}`, aadObjectId: userId, name: userId },
    bot: { id: '28:seatwise-bot', name: 'Seatwise' },
    conversation: { id: personalConversationId(userId), conversationType: 'personal', tenantId: 'tenant-1' },
    channelId: 'msteams',
    locale,
    serviceUrl,
  };
}

export interface Delivery {
  readonly conversationId: string;
  /** Virtual time of the request. */
  readonly at: number;
  readonly summary: string;
  readonly kind: 'reminder' | 'released' | 'other';
  readonly bookingId?: string;
  readonly activity: Record<string, unknown>;
}

/** Walks a card for the Action.Execute buttons. */
export function executeActions(
  card: unknown,
): { title: string; verb: string; data: Record<string, unknown> }[] {
  const out: { title: string; verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n['type'] === 'Action.Execute')
      out.push({
        title: String(n['title']),
        verb: String(n['verb']),
        data: n['data'] as Record<string, unknown>,
      });
    for (const [k, v] of Object.entries(n)) if (k !== 'fallback') walk(v);
  };
  walk(card);
  return out;
}

export function cardOf(activity: Record<string, unknown>): Record<string, unknown> {
  const attachments = activity['attachments'] as { contentType: string; content: Record<string, unknown> }[];
  return attachments[0]!.content;
}

export function describeDelivery(
  conversationId: string,
  at: number,
  activity: Record<string, unknown>,
): Delivery {
  const card = cardOf(activity);
  const bookingId = executeActions(card).find((a) => typeof a.data['bookingId'] === 'string')?.data[
    'bookingId'
  ] as string | undefined;
  const text = JSON.stringify(card);
  const kind = bookingId
    ? 'reminder'
    : /released|libéré|vrijgegeven|freigegeben/i.test(text)
      ? 'released'
      : 'other';
  return {
    conversationId,
    at,
    summary: String(activity['summary'] ?? ''),
    kind,
    ...(bookingId && { bookingId }),
    activity,
  };
}

const STAMP = 'x-test-virtual-at';

/** The real fetch transport, with the virtual instant of each request written into it for mockConnector. */
export function stampingTransport(
  vt: VirtualTime,
  inner: ConnectorTransport = fetchConnectorTransport(),
): ConnectorTransport {
  return {
    post: (request) => inner.post({ ...request, activity: { ...request.activity, [STAMP]: vt.time.now() } }),
  };
}

export type ConnectorAnswer =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: number; thenStatus?: number };

/**
 * nock as the Teams connector: POST {serviceUrl}v3/conversations/{id}/activities. Every request is recorded (with
 * the virtual time it arrived at); `answer` decides the reply, 201 by default. A `hang` answer holds the reply for
 * that many real milliseconds (longer than the notifier's timeout: the connector "accepted" it, we never hear).
 */
export function mockConnector(
  vt: VirtualTime,
  answer: (n: number, conversationId: string) => ConnectorAnswer = () => ({ status: 201 }),
) {
  const requests: Delivery[] = [];
  const delivered: Delivery[] = [];
  let n = 0;
  const scope = nock('https://smba.trafficmanager.net')
    .persist()
    .post(ACTIVITIES_PATH)
    .reply(async (uri, body) => {
      const conversationId = decodeURIComponent(uri.split('/')[4]!);
      const activity = body as Record<string, unknown>;
      // The virtual instant the sender issued the request (stampingTransport); nock's own callback runs a few event
      // loop turns later, when other waits may already have moved the virtual clock on.
      const at = typeof activity[STAMP] === 'number' ? (activity[STAMP] as number) : vt.time.now();
      const d = describeDelivery(conversationId, at, activity);
      requests.push(d);
      const a = answer(++n, conversationId);
      if ('hang' in a) {
        // The connector accepts the message, but its answer comes too late for the sender.
        delivered.push(d);
        await new Promise((r) => setTimeout(r, a.hang));
        return [a.thenStatus ?? 201, { id: `act-${n}` }];
      }
      if (a.status >= 200 && a.status < 300) delivered.push(d);
      return [
        a.status,
        a.body ??
          (a.status < 300 ? { id: `act-${n}` } : { error: { code: 'x', message: `status ${a.status}` } }),
        a.headers ?? {},
      ];
    });
  return { scope, requests, delivered };
}

/** How many times each key was delivered, and the keys delivered more than once. */
export function duplicatesOf(
  deliveries: readonly Delivery[],
  key: (d: Delivery) => string = (d) => `${d.kind}|${d.conversationId}`,
) {
  const counts = new Map<string, number>();
  for (const d of deliveries) counts.set(key(d), (counts.get(key(d)) ?? 0) + 1);
  return { counts, duplicated: [...counts.entries()].filter(([, c]) => c > 1).map(([k]) => k) };
}

export interface Instance {
  readonly name: string;
  readonly deps: SchedulerDeps;
  readonly notifier: TeamsNotifier;
  readonly log: CapturingLog;
  readonly timer: ManualTimer;
  readonly reports: PassReport[];
  scheduler?: Scheduler;
  start(): Scheduler;
}

export interface ReminderWorld {
  readonly h: StoreHarness;
  readonly vt: VirtualTime;
  readonly catalog: SiteCatalog;
  readonly conversations: TableConversationStore;
  readonly claims: TableClaimStore;
  readonly booking: BookingDeps;
  /** Books `deskId` for `userId` on `date`, at the current virtual time. */
  book(userId: string, deskId: string, date: string): Promise<Booking>;
  /** A server instance: its own notifier, logger and id, over the shared storage. */
  instance(name: string, options?: InstanceOptions): Instance;
}

export interface InstanceOptions {
  readonly settings?: Partial<ReminderSettings>;
  readonly notifier?: Partial<TeamsNotifierOptions>;
  readonly transport?: ConnectorTransport;
  /** Wraps the instance's deps, e.g. to simulate a crash. */
  readonly wrap?: (deps: SchedulerDeps) => SchedulerDeps;
  readonly catchUpDays?: number;
}

/** Storage, catalog, clock and people for the reminder tests, over the in-memory gateway or Azurite. */
export async function reminderWorld(
  factory: HarnessFactory,
  startIso: string,
  catalog: SiteCatalog = brusselsCatalog(),
): Promise<ReminderWorld> {
  const h = await factory();
  const vt = new VirtualTime(startIso);
  const booking = await bookingDeps(h, [catalog], vt.clock);
  const conversations = new TableConversationStore(h.gateway, uniqueTableName('conv'));
  await conversations.init();
  const claims = new TableClaimStore(h.gateway, uniqueTableName('claims'));
  await claims.init();
  return {
    h,
    vt,
    catalog,
    conversations,
    claims,
    booking,
    async book(userId, deskId, date) {
      const r = await bookDesk(booking, { actor: anActor(userId), deskId, date });
      if (!r.ok) throw new Error(`booking ${deskId} on ${date} for ${userId} was refused: ${r.error.code}`);
      return r.value;
    },
    instance(name, options = {}) {
      const log = new CapturingLog();
      const timer = new ManualTimer();
      const reports: PassReport[] = [];
      const notifier = new TeamsNotifier({
        transport: options.transport ?? stampingTransport(vt),
        log,
        clock: vt.clock,
        time: vt.time,
        attemptTimeoutMs: 5_000,
        ...options.notifier,
      });
      const base: ReminderDeps = {
        ...booking,
        claims,
        conversations,
        notifier,
        instanceId: name,
        log,
        settings: { concurrency: 4, ...options.settings },
      };
      const schedulerDeps: SchedulerDeps = {
        ...base,
        timer,
        intervalMs: 30_000,
        catchUpDays: options.catchUpDays ?? 1,
        onPass: (r) => reports.push(r),
      };
      const deps = options.wrap ? options.wrap(schedulerDeps) : schedulerDeps;
      const inst: Instance = {
        name,
        deps,
        notifier,
        log,
        timer,
        reports,
        start() {
          inst.scheduler = startScheduler(deps);
          return inst.scheduler;
        },
      };
      return inst;
    },
  };
}

/** Sums a field over pass reports. */
export function total(
  reports: readonly PassReport[],
  field: keyof Omit<PassReport, 'phase' | 'siteId' | 'date' | 'missingReferences'>,
): number {
  return reports.reduce((sum, r) => sum + (r[field] as number), 0);
}
