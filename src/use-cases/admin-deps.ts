/**
 * What the admin use cases (publish a site, change a policy, read the audit log) need, and the step they share
 * after a catalog change: re-check the bookings against the new rules, tell each person whose booking was cancelled,
 * and say how it went.
 */
import type { Actor, CivilDate } from '../domain/model';
import type { AuditLog } from './audit-port';
import { CachedCatalog, type CatalogIndex } from './catalog-index';
import { tellCancelledOwners, type CancellationNoticeDeps, type NoticeReport } from './admin-notices';
import type { CatalogStore, Clock } from './ports';
import { recheckBookings, RecheckIncompleteError, type RecheckCancellation, type RecheckDeps } from './recheck-bookings';
import type { RetryPolicy } from './retry-policy';

export interface AdminDeps {
  readonly store: RecheckDeps['store'];
  /** Where catalogs are versioned: a change writes a complete new version and flips the site's pointer. */
  readonly catalogStore: CatalogStore;
  /** This server's cached catalog; dropped after a change so that this instance decides on the new rules at once. */
  readonly catalog: { current(): Promise<CatalogIndex>; invalidate?(): void };
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** How people are told in Teams; without it (no bot credentials, no claims table) nobody is told, and the result says so. */
  readonly notices?: Omit<CancellationNoticeDeps, 'clock'>;
  readonly retry?: RetryPolicy;
}

/** Who made a change, as the audit log records them. */
export function actorOf(actor: Actor): { actor: string; actorName?: string } {
  return { actor: actor.userId, ...(actor.name !== undefined && actor.name !== actor.userId && { actorName: actor.name }) };
}

export interface AfterChange {
  readonly cancelled: RecheckCancellation[];
  /** False when the re-check stopped part-way (storage down, contention): the cancellations listed did commit. */
  readonly complete: boolean;
  readonly notices: NoticeReport | null;
}

/**
 * Re-checks the site's bookings against the catalog now stored (read afresh, never a cached copy), from `from` for
 * `days` days, and tells each person whose booking was cancelled. Other servers holding the old catalog learn of the
 * change from the revision the re-check stamps on every ledger of the site (see recheckBookings).
 */
export async function recheckAndTell(
  deps: AdminDeps,
  siteId: string,
  window: { from?: CivilDate; days?: number } = {},
): Promise<AfterChange> {
  deps.catalog.invalidate?.();
  const fresh = new CachedCatalog(deps.catalogStore, deps.clock, 0);
  const recheckDeps: RecheckDeps = { store: deps.store, catalog: fresh, previous: deps.catalogStore, clock: deps.clock, ...(deps.retry && { retry: deps.retry }) };
  let cancelled: RecheckCancellation[];
  let complete = true;
  try {
    cancelled = (await recheckBookings(recheckDeps, { siteId, ...window })).cancelled;
  } catch (error) {
    if (!(error instanceof RecheckIncompleteError)) throw error;
    cancelled = error.partial.cancelled;
    complete = false;
  }
  const notices = deps.notices && cancelled.length > 0 ? await tellCancelledOwners({ ...deps.notices, clock: deps.clock }, await fresh.current(), cancelled) : null;
  return { cancelled, complete, notices };
}
