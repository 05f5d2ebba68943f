import { TableClaimStore } from '../../src/storage/table-claim-store';
import { TableWaitlistStore } from '../../src/storage/table-waitlist-store';
import { CachedCatalog } from '../../src/use-cases/catalog-index';
import type { Clock } from '../../src/use-cases/ports';
import type { Notifier, ProactiveMessage } from '../../src/use-cases/reminders/reminder-ports';
import type { OfferDeps } from '../../src/use-cases/waitlist-offers';
import { uniqueTableName } from './azurite';
import { noSleepRetry, sequentialIds } from './builders';
import type { StoreHarness } from './stores';

/** A notifier that delivers every message at once and keeps it in `sent`. */
export function recordingNotifier(sent: ProactiveMessage[]): Notifier {
  return {
    send: async (_to, message) => {
      sent.push(message);
      return { status: 'sent', attempts: 1, ambiguous: false };
    },
  };
}

/**
 * The waitlist's offer pass as a server instance runs it, over the harness's tables and a claims table of its own,
 * on the server's clock, with a notifier that records what it sends.
 */
export async function offerPassDeps(
  h: StoreHarness,
  clock: Clock,
  sent: ProactiveMessage[],
  names: { readonly ids: string; readonly instanceId: string },
): Promise<OfferDeps> {
  const claims = new TableClaimStore(h.gateway, uniqueTableName('claims'));
  await claims.init();
  return {
    store: h.reservations,
    catalog: new CachedCatalog(h.catalog, clock, 60_000),
    clock,
    ids: sequentialIds(names.ids),
    retry: noSleepRetry,
    waitlist: new TableWaitlistStore(h.gateway, h.tables.reservations),
    claims,
    conversations: { get: async (userId) => ({ userId }) },
    notifier: recordingNotifier(sent),
    instanceId: names.instanceId,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  };
}
