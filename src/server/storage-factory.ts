import path from 'node:path';
import { ManagedIdentityCredential, DefaultAzureCredential } from '@azure/identity';
import { AzureTableGateway } from '../storage/azure-table/azure-table-gateway';
import { TableCatalogStore } from '../storage/table-catalog-store';
import { TableReservationStore } from '../storage/table-reservation-store';
import type { TableGateway } from '../storage/table-gateway';
import type { CatalogStore, ReservationStore } from '../use-cases/ports';
import { loadConfig, type AppConfig } from './config';
import { startEmbeddedAzurite, type EmbeddedAzurite } from './embedded-azurite';

export interface Stores {
  readonly reservations: ReservationStore;
  readonly catalog: CatalogStore;
  readonly gateway: TableGateway;
  /** Where the data is, for the start-up log; never a secret. */
  readonly description: string;
  close(): Promise<void>;
}

export function tableNames(prefix: string) {
  return { reservations: `${prefix}Reservations`, weeks: `${prefix}Weeks`, catalog: `${prefix}Catalog` };
}

/** Builds the stores over one gateway, starting embedded Azurite when no storage account is configured. */
export async function openStores(config: Pick<AppConfig, 'storage' | 'tablePrefix'>, log: (line: string) => void = () => {}): Promise<Stores> {
  let azurite: EmbeddedAzurite | undefined;
  let gateway: AzureTableGateway;
  let description: string;
  const storage = config.storage;
  if (storage.kind === 'embedded') {
    const location = path.resolve(storage.dataDir, 'azurite');
    azurite = await startEmbeddedAzurite({ location });
    gateway = new AzureTableGateway({ kind: 'connection-string', connectionString: azurite.connectionString });
    description = `embedded Azurite on 127.0.0.1:${azurite.port}, data in ${location}`;
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
    await reservations.init();
    await catalog.init();
    log(`storage: ${description}`);
    return { reservations, catalog, gateway, description, close: async () => azurite?.stop() };
  } catch (error) {
    await azurite?.stop();
    throw error;
  }
}

/** For command-line tools: the catalog store of the configured storage (embedded Azurite included). */
export async function openCatalogStoreFromEnv(): Promise<{ store: CatalogStore; close(): Promise<void> }> {
  const stores = await openStores(loadConfig());
  return { store: stores.catalog, close: () => stores.close() };
}
