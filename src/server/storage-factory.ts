import net from 'node:net';
import path from 'node:path';
import { ManagedIdentityCredential, DefaultAzureCredential } from '@azure/identity';
import { AzureTableGateway } from '../storage/azure-table/azure-table-gateway';
import { TableCatalogStore } from '../storage/table-catalog-store';
import { TableReservationStore } from '../storage/table-reservation-store';
import { TableWaitlistStore } from '../storage/table-waitlist-store';
import type { WaitlistStore } from '../use-cases/waitlist-port';
import type { TableGateway } from '../storage/table-gateway';
import { TableConversationStore } from '../storage/table-conversation-store';
import { TableAuditLog } from '../storage/table-audit-log';
import { TableDiscussionStore } from '../storage/table-discussion-store';
import { TableFavouritesStore } from '../storage/table-favourites-store';
import { TableSeriesStore } from '../storage/table-series-store';
import { TableDelegationStore } from '../storage/table-delegation-store';
import type { DelegationStore } from '../use-cases/delegation-port';
import { TableLinkKeyStore } from '../storage/table-link-key-store';
import type { LinkKeyStore } from '../use-cases/calendar-link-port';
import type { FavouritesStore } from '../use-cases/favourites-port';
import type { SeriesStore } from '../use-cases/series-port';
import type { AuditLog } from '../use-cases/audit-port';
import { StorageUnavailableError } from '../use-cases/ports';
import type { DiscussionStore } from '../use-cases/discussion-port';
import type { CatalogStore, ConversationReferenceStore, ReservationStore } from '../use-cases/ports';
import type { AppConfig } from './config';
import { devConnectionString, lastSaveTime, startEmbeddedAzurite, type EmbeddedAzurite } from '../storage/embedded/embedded-azurite';
import { processAlive, readStoreLock, StoreLockHeldError, storeProcessAlive } from '../storage/embedded/store-lock';

/** What /healthz says about the store: never a secret. */
export type StoreHealth =
  | {
      readonly kind: 'embedded';
      /** The store process, and whether this server started it or shares the one another Seatwise process started. */
      readonly pid: number;
      readonly port: number;
      readonly shared: boolean;
      /** When the store last wrote its database to disk; null before its first save. */
      readonly lastSavedAt: string | null;
      /** How often it saves what changed now (it grows with the database); writes confirmed since the last save are lost if the store process is killed. */
      readonly saveIntervalMs: number | null;
      /** How long its last save took. */
      readonly lastSaveMs: number | null;
    }
  | { readonly kind: 'azure-table'; readonly auth: 'connection-string' | 'managed-identity' };

export interface Stores {
  readonly reservations: ReservationStore;
  readonly catalog: CatalogStore;
  readonly conversations: ConversationReferenceStore;
  /** What each chat is about, shared by every server instance and kept across restarts. */
  readonly discussions: DiscussionStore;
  /** The append-only record of admin changes, tracing runs and personal-data requests. */
  readonly audit: AuditLog;
  /** Recurring series: their days and what became of each. */
  readonly series: SeriesStore;
  /** The key that signs calendar links, shared by every instance. */
  readonly linkKeys: LinkKeyStore;
  /** The waitlist, in the reservations table: its holds share the day partitions of the bookings. */
  readonly waitlist: WaitlistStore;
  /** Who may book for whom. */
  readonly delegations: DelegationStore;
  /** Favourite desks, per person. */
  readonly favourites: FavouritesStore;
  readonly gateway: TableGateway;
  /** Where the data is, for the start-up log; never a secret. */
  readonly description: string;
  health(): StoreHealth;
  close(): Promise<void>;
}

export function tableNames(prefix: string) {
  return {
    reservations: `${prefix}Reservations`,
    weeks: `${prefix}Weeks`,
    catalog: `${prefix}Catalog`,
    conversations: `${prefix}Conversations`,
    discussions: `${prefix}Discussions`,
    audit: `${prefix}Audit`,
    series: `${prefix}Series`,
    delegations: `${prefix}Delegations`,
  };
}

/** Builds the stores over one gateway, starting embedded Azurite when no storage account is configured. */
export async function openStores(config: Pick<AppConfig, 'storage' | 'tablePrefix'>, log: (line: string) => void = () => {}): Promise<Stores> {
  let azurite: EmbeddedAzurite | undefined;
  let gateway: AzureTableGateway;
  let description: string;
  let health: () => StoreHealth;
  const storage = config.storage;
  if (storage.kind === 'embedded') {
    const location = path.resolve(storage.dataDir, 'azurite');
    const found = await openEmbeddedStore(location, log);
    azurite = found.own;
    const { pid, port } = found;
    gateway = new AzureTableGateway({ kind: 'connection-string', connectionString: devConnectionString(port) });
    description = found.own
      ? `embedded Azurite (pid ${pid}) on 127.0.0.1:${port}, data in ${location}`
      : `the embedded Azurite (pid ${pid}) that process ${found.parentPid} started on 127.0.0.1:${port}, data in ${location}`;
    health = () => {
      const saved = lastSaveTime(location);
      return {
        kind: 'embedded',
        pid,
        port,
        shared: !found.own,
        lastSavedAt: saved ? saved.toISOString() : null,
        saveIntervalMs: found.own ? (found.own.lastSave?.()?.intervalMs ?? EMBEDDED_SAVE_INTERVAL_MS) : null,
        lastSaveMs: found.own?.lastSave?.()?.tookMs ?? null,
      };
    };
  } else if (storage.kind === 'connection-string') {
    gateway = new AzureTableGateway({ kind: 'connection-string', connectionString: storage.connectionString });
    description = 'the storage account of AZURE_TABLES_CONNECTION_STRING';
    health = () => ({ kind: 'azure-table', auth: 'connection-string' });
  } else {
    // In Azure the app runs as its user-assigned managed identity: no account keys anywhere.
    const credential = storage.managedIdentityClientId
      ? new ManagedIdentityCredential({ clientId: storage.managedIdentityClientId })
      : new DefaultAzureCredential();
    gateway = new AzureTableGateway({ kind: 'endpoint', endpoint: storage.endpoint, credential });
    description = `${storage.endpoint} with a managed identity`;
    health = () => ({ kind: 'azure-table', auth: 'managed-identity' });
  }
  try {
    const names = tableNames(config.tablePrefix);
    const reservations = new TableReservationStore(gateway, { reservations: names.reservations, weeks: names.weeks });
    const catalog = new TableCatalogStore(gateway, names.catalog);
    const conversations = new TableConversationStore(gateway, names.conversations);
    const discussions = new TableDiscussionStore(gateway, names.discussions, { now: () => new Date() });
    const audit = new TableAuditLog(gateway, names.audit);
    await untilStorageAnswers(() => Promise.all([reservations.init(), catalog.init(), conversations.init(), discussions.init(), audit.init()]), log);
    const series = new TableSeriesStore(gateway, names.series);
    const delegations = new TableDelegationStore(gateway, names.delegations);
    await untilStorageAnswers(() => Promise.all([series.init(), delegations.init()]), log);
    // The series table holds the link key too, in a partition of its own.
    const linkKeys = new TableLinkKeyStore(gateway, names.series);
    // And people's favourite desks, a partition per person.
    const favourites = new TableFavouritesStore(gateway, names.series);
    log(`storage: ${description}`);
    const close = async (): Promise<void> => {
      await azurite?.stop();
    };
    const waitlist = new TableWaitlistStore(gateway, names.reservations);
    return { reservations, catalog, conversations, discussions, audit, series, linkKeys, waitlist, delegations, favourites, gateway, description, health, close };
  } catch (error) {
    await azurite?.stop();
    throw error;
  }
}

const EMBEDDED_SAVE_INTERVAL_MS = 250;
/** A store whose server died saves and exits by itself; a large database can take a while to save. */
const EMBEDDED_WAIT_MS = 30_000;
const EMBEDDED_POLL_MS = 100;

/**
 * The store over this data folder: a live one another Seatwise process started (the server, while `npm run import`
 * runs) is shared; otherwise this process starts its own. A store that is starting, or whose server died and which is
 * saving before it exits, is waited for: two stores over one folder would overwrite each other's saves.
 */
async function openEmbeddedStore(
  location: string,
  log: (line: string) => void,
): Promise<{ own: EmbeddedAzurite | undefined; pid: number; port: number; parentPid: number }> {
  const deadline = Date.now() + EMBEDDED_WAIT_MS;
  let waitingFor = -1;
  for (;;) {
    const holder = readStoreLock(location);
    if (holder && storeProcessAlive(holder.pid)) {
      if (holder.port !== null && !holder.closing && processAlive(holder.parentPid) && (await answers(holder.port))) {
        return { own: undefined, pid: holder.pid, port: holder.port, parentPid: holder.parentPid };
      }
      if (waitingFor !== holder.pid) {
        waitingFor = holder.pid;
        log(
          holder.closing
            ? `storage: the embedded store of process ${holder.pid} over ${location} is closing; waiting while it saves and exits`
            : processAlive(holder.parentPid)
              ? `storage: the embedded store of process ${holder.pid} over ${location} is starting; waiting for it`
              : `storage: the embedded store of process ${holder.pid} lost its server (process ${holder.parentPid}); waiting while it saves and exits`,
        );
      }
    } else {
      try {
        const own = await startEmbeddedAzurite({ location, saveIntervalMs: EMBEDDED_SAVE_INTERVAL_MS, onLog: (line) => log(`store: ${line}`) });
        return { own, pid: own.pid, port: own.port, parentPid: process.pid };
      } catch (error) {
        // Another store took the folder between our look and our start: look again.
        if (!(error instanceof StoreLockHeldError)) throw error;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Embedded Azurite: the data folder ${location} is still held by the store of process ${holder?.pid ?? '?'} ` +
          `after ${EMBEDDED_WAIT_MS / 1000} s; stop that process, or remove its lock file if it is not a Seatwise store.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, EMBEDDED_POLL_MS));
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Runs a start-up step (creating tables) again when storage did not answer in time: at start the process is busy
 * loading the app while its first requests wait, and a store just started (embedded Azurite, a cold storage account)
 * may answer slowly. Creating a table that exists is a no-op, so a repeat is safe. Nothing is served before it ends.
 */
export async function untilStorageAnswers<T>(step: () => Promise<T>, log: (line: string) => void = () => {}, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof StorageUnavailableError) || attempt >= attempts) throw error;
      log(`storage did not answer in time at start (attempt ${attempt} of ${attempts}); trying again`);
    }
  }
}
