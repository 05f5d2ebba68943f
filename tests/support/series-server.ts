import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { composeServer, type ServerConfig } from '../../src/server/composition';
import { TableConversationStore } from '../../src/storage/table-conversation-store';
import { TableDiscussionStore } from '../../src/storage/table-discussion-store';
import { TableSeriesStore } from '../../src/storage/table-series-store';
import { TableLinkKeyStore } from '../../src/storage/table-link-key-store';
import type { SiteCatalog } from '../../src/use-cases/ports';
import { uniqueTableName } from './azurite';
import { fixedClock, sequentialIds } from './builders';
import type { StoreHarness } from './stores';

let servers = 0;

export interface SeriesServer {
  readonly url: string;
  readonly series: TableSeriesStore;
  readonly clock: ReturnType<typeof fixedClock>;
  /** A JSON call as `user` (dev identity), with the answer parsed. */
  call(method: string, path: string, opts?: { user?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; text: string; headers: Headers }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

/**
 * The real server (bot and API) over a store harness, with its series in a table of the same storage account, as
 * `npm start` wires them: the API tests of series and calendar files go through it over HTTP.
 */
export async function startSeriesServer(h: StoreHarness, catalogs: readonly SiteCatalog[], now: string, options: { series?: TableSeriesStore; config?: Partial<ServerConfig> } = {}): Promise<SeriesServer> {
  for (const c of catalogs) await h.catalog.replaceSiteCatalog(c);
  const clock = fixedClock(now);
  const conversations = new TableConversationStore(h.gateway, uniqueTableName('conv'));
  await conversations.init();
  const discussions = new TableDiscussionStore(h.gateway, uniqueTableName('disc'), clock);
  await discussions.init();
  const store = options.series ?? new TableSeriesStore(h.gateway, uniqueTableName('ser'));
  await store.init();
  servers += 1;
  const { server } = composeServer(
    { botId: '', botPassword: '', botType: '', botTenantId: '', teamsAppId: 'seatwise-test-app', showNamesInWhoIsIn: false, authMode: 'dev', aadClientId: '', allowedTenantIds: [], ...options.config },
    { reservations: h.reservations, catalog: h.catalog, conversations, discussions, series: store, linkKeys: new TableLinkKeyStore(h.gateway, uniqueTableName('keys')), clock, ids: sequentialIds(`ser${servers}x`), log: pino({ level: 'silent' }) },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    series: store,
    clock,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { 'x-dev-user': opts.user ?? 'alice', ...(opts.headers ?? {}) };
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}${path}`, { method, headers, ...(opts.body !== undefined && { body: JSON.stringify(opts.body) }) });
      const text = await res.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      return { status: res.status, body, text, headers: res.headers };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
