import { addDays, civilDateOf } from '../domain/civil-date';
import type { Actor } from '../domain/model';
import type { SuggestionPreferences } from '../domain/suggest';
import type { FavouritesStore } from './favourites-port';
import { listMyBookings, type ListDeps } from './list-my-bookings';
import type { SiteCatalog } from './ports';

/** The desks a person calls their own at a site: their favourites in their order, then the desk of last time. */
export interface OwnDesks {
  readonly favourites: readonly string[];
  readonly lastDeskId?: string;
}

export interface OwnDesksDeps extends ListDeps {
  /** Without it (a deployment or test that keeps no favourites) only "the desk of last time" is used. */
  readonly favourites?: Pick<FavouritesStore, 'list'>;
}

/** Why a suggested desk is one of the person's own, for the card to say so truthfully. */
export type OwnDeskReason = 'favourite' | 'last-time';

export async function ownDesksAt(deps: OwnDesksDeps, actor: Actor, siteId?: string): Promise<OwnDesks> {
  const index = await deps.catalog.current();
  const site = siteId !== undefined ? index.site(siteId) : index.sites[0];
  if (!site) return { favourites: [] };
  const [favourites, lastDeskId] = await Promise.all([favouritesAt(deps, actor, site), lastDeskOf(deps, actor, site)]);
  return { favourites, ...(lastDeskId !== undefined && { lastDeskId }) };
}

/** The person's favourites at a site, in their order: one read, where the desk of last time takes one per day. */
export async function favouritesAt(deps: Pick<OwnDesksDeps, 'favourites'>, actor: Actor, site: SiteCatalog): Promise<string[]> {
  const here = new Set(site.desks.map((d) => d.id));
  const favourites = (await deps.favourites?.list(actor.userId)) ?? [];
  // A favourite at another site, or removed by an import since, is no suggestion here.
  return favourites.map((f) => f.deskId).filter((id) => here.has(id));
}

/**
 * The person's own desks after anything they asked for: their favourites in their order, then the desk of last time,
 * then the usual ranking (the desk that blocks the fewest). Ranking still keeps only desks that are free and
 * allowed for them that day, and within the zone or features required, so an own desk never overrides a rule.
 */
export function preferOwnDesks(preferences: SuggestionPreferences | undefined, own: OwnDesks): SuggestionPreferences {
  const asked = preferences?.prefer?.favouriteDeskIds ?? [];
  const ids = [...new Set([...asked, ...own.favourites, ...(own.lastDeskId !== undefined ? [own.lastDeskId] : [])])];
  return { ...preferences, prefer: { ...preferences?.prefer, favouriteDeskIds: ids } };
}

export function ownDeskReason(deskId: string, own: OwnDesks): OwnDeskReason | undefined {
  if (own.favourites.includes(deskId)) return 'favourite';
  return deskId === own.lastDeskId ? 'last-time' : undefined;
}

/**
 * "The same desk as last time": the desk of the person's latest booking at the site in the last month, or, with
 * none in the past, of their next one in the month ahead (`window`). It costs a read per day of the window.
 */
export async function lastDeskOf(
  deps: ListDeps,
  actor: Actor,
  site: SiteCatalog,
  window: { readonly back: number; readonly ahead: number } = { back: 30, ahead: 30 },
): Promise<string | undefined> {
  const today = civilDateOf(deps.clock.now(), site.site.timeZone);
  const recent = (await listMyBookings(deps, { actor, from: addDays(today, -window.back), to: addDays(today, window.ahead) })).filter((b) => b.siteId === site.site.id);
  const past = recent.filter((b) => b.date <= today);
  return (past[past.length - 1] ?? recent[0])?.deskId;
}
