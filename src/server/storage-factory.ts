import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { ManagedIdentityCredential, DefaultAzureCredential } from '@azure/identity';
import { AzureTableGateway } from '../storage/azure-table/azure-table-gateway';
import { TableCatalogStore } from '../storage/table-catalog-store';
import { TableReservationStore } from '../storage/table-reservation-store';
import type { TableGateway } from '../storage/table-gateway';
import { TableConversationStore } from '../storage/table-conversation-store';
import type { CatalogStore, ConversationReferenceStore, ReservationStore } from '../use-cases/ports';
import type { AppConfig } from './config';
import { devConnectionString, startEmbeddedAzurite, type EmbeddedAzurite } from './embedded-azurite';

export interface Stores {
  readonly reservations: ReservationStore;
  readonly catalog: CatalogStore;
  readonly conversations: ConversationReferenceStore;
  readonly gateway: TableGateway;
  /** Where the data is, for the start-up log; never a secret. */
  readonly description: string;
  close(): Promise<void>;
}

export function tableNames(prefix: string) {
  return {
    reservations: `${prefix}Reservations`,
    weeks: `${prefix}Weeks`,
    catalog: `${prefix}Catalog`,
    conversations: `${prefix}Conversations`,
  };
}

/** Builds the stores over one gateway, starting embedded Azurite when no storage account is configured. */
export async function openStores(config: Pick<AppConfig, 'storage' | 'tablePrefix'>, log: (line: string) => void = () => {}): Promise<Stores> {
  let azurite: EmbeddedAzurite | undefined;
  let gateway: AzureTableGateway;
  let description: string;
  const storage = config.storage;
  let releaseLock = async (): Promise<void> => {};
  if (storage.kind === 'embedded') {
    const location = path.resolve(storage.dataDir, 'azurite');
    const running = await runningEmbeddedAzurite(storage.dataDir);
    if (running) {
      // Another Seatwise process (the server, while `npm run import` runs) owns this data folder: share its Azurite,
      // because two Azurites over one folder would overwrite each other's saves.
      gateway = new AzureTableGateway({ kind: 'connection-string', connectionString: devConnectionString(running.port) });
      description = `the embedded Azurite of process ${running.pid} on 127.0.0.1:${running.port}, data in ${location}`;
    } else {
      azurite = await startEmbeddedAzurite({ location });
      gateway = new AzureTableGateway({ kind: 'connection-string', connectionString: azurite.connectionString });
      description = `embedded Azurite on 127.0.0.1:${azurite.port}, data in ${location}`;
      const lockFile = path.resolve(storage.dataDir, RUNNING_FILE);
      await mkdir(path.dirname(lockFile), { recursive: true });
      await writeFile(lockFile, JSON.stringify({ pid: process.pid, port: azurite.port }));
      releaseLock = () => rm(lockFile, { force: true });
    }
  } else if (storage.kind === 'connection-string') {
    gateway = new AzureTableGateway({ kind: 'connection-string', connectionString: storage.connectionString });
    description = 'the storage account of AZURE_TABLES_CONNECTION_STRING';
  } else {
    // In Azure the app runs as its user-assigned managed identity: no account keys anywhere.
    const credential = storage.managedIdentityClientId
      ? new ManagedIdentityCredential({ clientId: storage.managedIdentityClientId })
      : new DefaultAzureCredential();
    gateway = new AzureTableGateway({ kind: 'endpoint', endpoint: storage.endpoint, credential });
    description = `${storage.endpoint} with a managed identity`;
  }
  try {
    const names = tableNames(config.tablePrefix);
    const reservations = new TableReservationStore(gateway, { reservations: names.reservations, weeks: names.weeks });
    const catalog = new TableCatalogStore(gateway, names.catalog);
    const conversations = new TableConversationStore(gateway, names.conversations);
    await reservations.init();
    await catalog.init();
    await conversations.init();
    log(`storage: ${description}`);
    const close = async (): Promise<void> => {
      await releaseLock();
      await azurite?.stop();
    };
    return { reservations, catalog, conversations, gateway, description, close };
  } catch (error) {
    await releaseLock();
    await azurite?.stop();
    throw error;
  }
}

const RUNNING_FILE = 'azurite-running.json';

/** The embedded Azurite that another live process started over this data folder, if any. */
async function runningEmbeddedAzurite(dataDir: string): Promise<{ pid: number; port: number } | null> {
  try {
    const info = JSON.parse(await readFile(path.resolve(dataDir, RUNNING_FILE), 'utf8')) as { pid?: unknown; port?: unknown };
    if (typeof info.pid !== 'number' || typeof info.port !== 'number') return null;
    process.kill(info.pid, 0); // throws when that process is gone
    const answering = await new Promise<boolean>((resolve) => {
      const socket = net.connect(info.port as number, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    return answering ? { pid: info.pid, port: info.port } : null;
  } catch {
    return null;
  }
}
