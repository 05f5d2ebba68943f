/**
 * What the admin use cases (publish a site, change a policy, read the audit log) need, and the step they share
 * after a catalog change: re-check the bookings against the new rules, tell each person whose booking was cancelled,
 * and say how it went.
 */
import { addDays, civilDateOf, isoWeek, isoWeekDates } from '../domain/civil-date';
import { isActive, type Actor, type Booking, type CivilDate } from '../domain/model';
import { DEFAULT_RULES, effectivePolicy } from '../domain/policy';
import type { AuditLog } from './audit-port';
import { CachedCatalog, type CatalogIndex } from './catalog-index';
import { tellCancelledOwners, type CancellationNoticeDeps, type NoticeReport } from './admin-notices';
import type { MemberGroups } from './member-groups-port';
import { ContentionError, type CatalogStore, type Clock, type SiteCatalog } from './ports';
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
  /** The groups people's tokens carried, so that the re-check enforces zones restricted to groups. */
  readonly members?: Pick<MemberGroups, 'groupsOf'>;
}

/**
 * The groups of everyone with a booking of the site in the window, when a zone of the site is restricted to groups
 * (undefined otherwise: nothing to enforce). People never seen are left out, and keep their desks.
 */
export async function groupsLookup(
  deps: Pick<AdminDeps, 'members' | 'store' | 'clock'>,
  catalog: SiteCatalog,
  window: { from?: CivilDate; days?: number },
): Promise<((userId: string) => readonly string[] | undefined) | undefined> {
  if (!deps.members || !catalog.zones.some((z) => (z.allowedGroups?.length ?? 0) > 0)) return undefined;
  const today = civilDateOf(deps.clock.now(), catalog.site.timeZone);
  const first = window.from === undefined || window.from < today ? today : window.from;
  const days = window.days ?? Math.max(DEFAULT_RULES.horizonDays, ...catalog.policies.map((p) => p.rules.horizonDays)) + 1;
  const users = new Set<string>();
  for (let i = 0; i < days; i++) {
    for (const b of await deps.store.listBookingsOfDay(addDays(first, i))) if (b.siteId === catalog.site.id && isActive(b)) users.add(b.userId);
  }
  const known = await deps.members.groupsOf([...users]);
  return (userId) => known.get(userId);
}

/**
 * Adds to each person's week row the bookings of the site that count against a weekly quota (active, or checked in)
 * and are missing from it, for the weeks of the window that have a quota. Each row is written with If-Match on the
 * version read, and read again on a conflict. Returns how many holds were added.
 *
 * Bookings made while a week had no quota hold no place in the person's week row, which is what a new booking
 * counts: once a quota applies they must be held, or a person could book past it. Every change of a catalog (a
 * policy change, a publish, `npm run import`) runs this after its re-check.
 */
export async function holdUncountedBookings(
  deps: Pick<AdminDeps, 'clock'> & { readonly store: Pick<AdminDeps['store'], 'listBookingsOfDay' | 'readWeek' | 'writeWeek'> },
  fresh: Pick<CachedCatalog, 'current'>,
  siteId: string,
  window: { from?: CivilDate; days?: number },
): Promise<number> {
  const catalog = (await fresh.current()).site(siteId);
  if (!catalog) return 0;
  const now = deps.clock.now();
  const today = civilDateOf(now, catalog.site.timeZone);
  const first = window.from === undefined || window.from < today ? today : window.from;
  const days = window.days ?? Math.max(DEFAULT_RULES.horizonDays, ...catalog.policies.map((p) => p.rules.horizonDays)) + 1;
  const weeks = new Set<string>();
  for (let i = 0; i < days; i++) {
    const date = addDays(first, i);
    if (effectivePolicy(catalog.policies, date).rules.weeklyQuota !== null) weeks.add(isoWeek(date));
  }
  let added = 0;
  for (const week of weeks) {
    const counted = (await Promise.all(isoWeekDates(week).map((d) => deps.store.listBookingsOfDay(d))))
      .flat()
      .filter((b) => b.siteId === siteId && (isActive(b) || b.checkedInAt !== undefined));
    const byUser = new Map<string, Booking[]>();
    for (const b of counted) byUser.set(b.userId, [...(byUser.get(b.userId) ?? []), b]);
    for (const [userId, bookings] of byUser) {
      for (let attempt = 1; ; attempt++) {
        const row = await deps.store.readWeek(userId, week);
        const held = new Set(row.entries.map((e) => e.bookingId));
        const missing = bookings.filter((b) => !held.has(b.id));
        if (missing.length === 0) break;
        const entries = [...row.entries, ...missing.map((b) => ({ bookingId: b.id, date: b.date, heldAt: now.toISOString() }))];
        if (await deps.store.writeWeek(userId, week, entries, row.version)) {
          added += missing.length;
          break;
        }
        if (attempt >= MAX_HOLD_ATTEMPTS) throw new ContentionError(`Holding the bookings of ${week} in a week row collided with other changes ${MAX_HOLD_ATTEMPTS} times in a row`);
      }
    }
  }
  return added;
}

const MAX_HOLD_ATTEMPTS = 12;

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
  const stored = (await fresh.current()).site(siteId);
  const groupsOf = stored ? await groupsLookup(deps, stored, window) : undefined;
  const recheckDeps: RecheckDeps = {
    store: deps.store,
    catalog: fresh,
    previous: deps.catalogStore,
    clock: deps.clock,
    ...(deps.retry && { retry: deps.retry }),
    ...(groupsOf && { groupsOf }),
  };
  const cancelled: RecheckCancellation[] = [];
  let complete = true;
  const recheck = async (): Promise<void> => {
    try {
      cancelled.push(...(await recheckBookings(recheckDeps, { siteId, ...window })).cancelled);
    } catch (error) {
      if (!(error instanceof RecheckIncompleteError)) throw error;
      cancelled.push(...error.partial.cancelled);
      complete = false;
    }
  };
  await recheck();
  // Bookings made while a week had no quota hold no place in the person's week row, which is what a new booking
  // counts: once a quota applies they must be held, or a person could book past it. Holding them can race a booking
  // that counted the row before, so the quotas are re-checked once more when any hold was added.
  if (complete && (await holdUncountedBookings(deps, fresh, siteId, window)) > 0) await recheck();
  const notices = deps.notices && cancelled.length > 0 ? await tellCancelledOwners({ ...deps.notices, clock: deps.clock }, await fresh.current(), cancelled) : null;
  return { cancelled, complete, notices };
}
