import type http from 'node:http';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { openStores, untilStorageAnswers } from './storage-factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger();
  // The embedded store starts in its own process while this one loads the app (the bot framework alone takes
  // seconds); one after the other, a restart took about 30 s instead of 22 s on a busy 2-core machine.
  const [stores, { composeServer }, { TableClaimStore }, { demoCatalog }, { TableMemberGroups }, { TablePlanImages }] = await Promise.all([
    openStores(config, (line) => log.info(line)),
    import('./composition'),
    import('../storage/table-claim-store'),
    import('./demo-site'),
    import('../storage/table-member-groups'),
    import('../storage/table-plan-images'),
  ]);
  if (config.seedDemo && (await stores.catalog.listSiteCatalogs()).length === 0) {
    const demo = demoCatalog();
    await stores.catalog.replaceSiteCatalog(demo);
    log.info(`seeded the demo site ${demo.site.name} (${demo.floors.length} floors, ${demo.desks.length} desks)`);
  }
  const claims = new TableClaimStore(stores.gateway, `${config.tablePrefix}Claims`);
  const members = new TableMemberGroups(stores.gateway, `${config.tablePrefix}Members`);
  const planImages = new TablePlanImages(stores.gateway, `${config.tablePrefix}Plans`);
  await untilStorageAnswers(() => Promise.all([claims.init(), members.init(), planImages.init()]), (line) => log.warn({}, line));
  const { openOversightStores } = await import('./oversight-stores');
  const { archive, retention: retentionStore, personal, sitePrivacy } = await untilStorageAnswers(
    () => openOversightStores(stores.gateway, config.tablePrefix, `${config.tablePrefix}Claims`),
    (line) => log.warn({}, line),
  );
  // The tab is built by `npm run build:tab` (npm start builds it first); the server serves it at /tab.
  const { server, catalog, scheduler, retention } = composeServer(
    { ...config, tabDirectory: path.resolve(__dirname, '../../dist/tab') },
    { ...stores, claims, members, planImages, log, storeHealth: () => stores.health(), oversight: { archive, personal, sitePrivacy }, retention: retentionStore },
  );
  await catalog.current();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  log.info(`listening on http://${host}:${server.address().port} (health: /healthz, bot: /api/messages, auth: ${config.authMode})`);

  // An orderly stop keeps every promise made: no new requests, those in flight finish (their answers were or will
  // be confirmations), and only then does the store save and exit. The embedded store runs in its own process group,
  // so a Ctrl-C or a SIGTERM to the whole group reaches this process and not the store directly.
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      log.info(`${signal}: already stopping; waiting for the requests in flight and the store's final save`);
      return;
    }
    stopping = true;
    log.info(`${signal}: stopping: no new requests; finishing those in flight`);
    const drained = drainHttp(server.server, DRAIN_TIMEOUT_MS);
    await scheduler?.stop();
    await retention?.stop();
    if (!(await drained)) log.warn(`requests still in flight after ${DRAIN_TIMEOUT_MS} ms were cut off`);
    // The groups of the last callers may still be queued for their batch.
    await members.flush();
    await stores.close();
    log.info('stopped');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
}

/** Bounded so that a stuck client cannot hold a stop past what service managers wait (Docker: 10 s, then SIGKILL). */
const DRAIN_TIMEOUT_MS = 8_000;

/** Stops accepting connections and resolves when every request in flight has been answered (false: cut off at the timeout). */
function drainHttp(httpServer: http.Server, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    // Keep-alive connections go idle once their last response is sent; close them as they do, so close() can finish.
    const sweep = setInterval(() => httpServer.closeIdleConnections(), 25);
    const timer = setTimeout(() => {
      clearInterval(sweep);
      httpServer.closeAllConnections();
      resolve(false);
    }, timeoutMs);
    httpServer.close(() => {
      clearInterval(sweep);
      clearTimeout(timer);
      resolve(true);
    });
    httpServer.closeIdleConnections();
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Seatwise failed to start:', error);
  process.exit(1);
});
