import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { OversightPorts } from '../../src/api/oversight-routes';
import { composeServer } from '../../src/server/composition';
import { TableAuditLog } from '../../src/storage/table-audit-log';
import { TableConversationStore } from '../../src/storage/table-conversation-store';
import { TableDiscussionStore } from '../../src/storage/table-discussion-store';
import type { TableMemberGroups } from '../../src/storage/table-member-groups';
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

export interface OversightServer {
  readonly url: string;
  readonly audit: TableAuditLog;
  readonly conversations: TableConversationStore;
  readonly discussions: TableDiscussionStore;
  readonly clock: ReturnType<typeof fixedClock>;
  call(method: string, path: string, opts?: { user?: string | null; roles?: string; body?: unknown; headers?: Record<string, string> }): Promise<Reply>;
  close(): Promise<void>;
}

let servers = 0;

/** The real server (dev auth) over Azurite tables, with a table-backed audit log the test can read. */
export async function startOversightServer(
  h: StoreHarness,
  catalogs: readonly SiteCatalog[],
  now: string,
  oversight: (parts: { audit: TableAuditLog; conversations: TableConversationStore; discussions: TableDiscussionStore; clock: ReturnType<typeof fixedClock> }) => OversightPorts = () => ({}),
  shared: { audit?: TableAuditLog; members?: TableMemberGroups } = {},
): Promise<OversightServer> {
  for (const c of catalogs) await h.catalog.replaceSiteCatalog(c);
  const clock = fixedClock(now);
  const audit = shared.audit ?? new TableAuditLog(h.gateway, uniqueTableName('audit'));
  await audit.init();
  const conversations = new TableConversationStore(h.gateway, `${h.tables.catalog}conv`.slice(0, 63));
  await conversations.init();
  const discussions = new TableDiscussionStore(h.gateway, `${h.tables.catalog}disc`.slice(0, 63), clock);
  await discussions.init();
  servers += 1;
  const { server } = composeServer(
    { botId: '', botPassword: '', botType: '', botTenantId: '', teamsAppId: '', showNamesInWhoIsIn: false, authMode: 'dev', aadClientId: '', allowedTenantIds: [] },
    {
      reservations: h.reservations,
      catalog: h.catalog,
      conversations,
      discussions,
      audit,
      ...(shared.members && { members: shared.members }),
      oversight: oversight({ audit, conversations, discussions, clock }),
      clock,
      ids: sequentialIds(`ovs${servers}x`),
      log: pino({ level: 'silent' }),
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call: OversightServer['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.user !== null) headers['x-dev-user'] = opts.user ?? 'alice';
    if (opts.roles) headers['x-dev-roles'] = opts.roles;
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined && { body }) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };
  return { url, audit, conversations, discussions, clock, call, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A CSV body as records keyed by its header, numbers as numbers (no quoting in the figures we compare). */
export function parseCsv(text: string): Record<string, string | number>[] {
  const [head, ...lines] = text.trim().split('\r\n');
  const columns = head!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, /^-?\d+$/.test(cells[i]!) ? Number(cells[i]) : cells[i]!]));
  });
}
