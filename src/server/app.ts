import restify from 'restify';
import type { ReservationStore } from '../use-cases/ports';
import type { StoreHealth } from './storage-factory';

export interface AppDeps {
  readonly store: Pick<ReservationStore, 'ping'>;
  readonly log: (line: string) => void;
  /** Which store answers, for operators: the embedded one says when it last saved. */
  readonly storeHealth?: () => StoreHealth;
}

/** The restify server: health now; the bot (/api/messages), the REST API and the tab mount here too. */
export function createServer(deps: AppDeps): restify.Server {
  const server = restify.createServer({ name: 'seatwise', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.get('/healthz', async (_req, res) => {
    try {
      await deps.store.ping();
      res.json(200, { status: 'ok', ...(deps.storeHealth && { store: deps.storeHealth() }) });
    } catch (error) {
      deps.log(`healthz: storage does not answer: ${error instanceof Error ? error.message : String(error)}`);
      res.header('Retry-After', '5');
      res.json(503, { status: 'unavailable', code: 'STORAGE_UNAVAILABLE', ...(deps.storeHealth && { store: deps.storeHealth() }) });
    }
  });
  return server;
}
