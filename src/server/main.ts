import path from 'node:path';
import { TableClaimStore } from '../storage/table-claim-store';
import { demoCatalog } from '../use-cases/import-catalog';
import { composeServer } from './composition';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { openStores } from './storage-factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger();
  const stores = await openStores(config, (line) => log.info(line));
  if (config.seedDemo && (await stores.catalog.listSiteCatalogs()).length === 0) {
    const demo = demoCatalog();
    await stores.catalog.replaceSiteCatalog(demo);
    log.info(`seeded the demo site ${demo.site.name} (${demo.floors.length} floors, ${demo.desks.length} desks)`);
  }
  const claims = new TableClaimStore(stores.gateway, `${config.tablePrefix}Claims`);
  await claims.init();
  // The tab is built by `npm run build:tab` (npm start builds it first); the server serves it at /tab.
  const { server, catalog, scheduler } = composeServer(
    { ...config, tabDirectory: path.resolve(__dirname, '../../dist/tab') },
    { ...stores, claims, log },
  );
  await catalog.current();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  log.info(`listening on http://${host}:${server.address().port} (health: /healthz, bot: /api/messages, auth: ${config.authMode})`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    server.close();
    await scheduler?.stop();
    // Azurite is stopped with SIGINT so that it saves its last writes to disk.
    await stores.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Seatwise failed to start:', error);
  process.exit(1);
});
