import { randomBytes } from 'node:crypto';
import { CachedCatalog } from '../use-cases/catalog-index';
import { demoCatalog } from '../use-cases/import-catalog';
import type { Clock, IdGenerator } from '../use-cases/ports';
import { createServer } from './app';
import { ConfigError, loadConfig } from './config';
import { openStores } from './storage-factory';

export const systemClock: Clock = { now: () => new Date() };

/** 16 characters of base-36 randomness: unguessable enough for booking and request ids. */
export const randomIds: IdGenerator = {
  newId: () => {
    const bytes = randomBytes(12);
    let out = '';
    for (const b of bytes) out += (b % 36).toString(36);
    return out + randomBytes(4).readUInt32BE(0).toString(36).padStart(7, '0').slice(0, 4);
  },
};

const log = (line: string): void => console.log(`[seatwise] ${line}`);

async function main(): Promise<void> {
  const config = loadConfig();
  const stores = await openStores(config, log);
  const catalog = new CachedCatalog(stores.catalog, systemClock);
  if (config.seedDemo && (await stores.catalog.listSiteCatalogs()).length === 0) {
    const demo = demoCatalog();
    await stores.catalog.replaceSiteCatalog(demo);
    log(`seeded the demo site "${demo.site.name}" (${demo.floors.length} floors, ${demo.desks.length} desks)`);
  }
  await catalog.current();

  const server = createServer({ store: stores.reservations, log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  log(`listening on http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${address.port} (health: /healthz)`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    server.close();
    // Azurite is stopped with SIGINT so it saves its last writes to disk.
    await stores.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('[seatwise] failed to start:', error);
  process.exit(1);
});
