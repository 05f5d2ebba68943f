import { addDays, civilDateOf } from '../domain/civil-date';
import { isActive, type Actor } from '../domain/model';
import type { SuggestionPreferences } from '../domain/suggest';
import type { FavouritesStore } from './favourites-port';
import { listMyBookings, type ListDeps } from './list-my-bookings';
import type { ReservationStore, SiteCatalog } from './ports';

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

const LAST_DESK_READS_AT_ONCE = 8;

/** What "the desk of last time" reads: the person's rows of the days around in one query where the store can. */
export interface LastDeskDeps extends ListDeps {
  readonly store: ListDeps['store'] & Partial<Pick<ReservationStore, 'personDaysOfUser' | 'getBooking'>>;
}

/**
 * "The same desk as last time": the desk of the person's latest booking at the site in the last month, or, with
 * none in the past, of their next one in the month ahead (`window`).
 *
 * The person's rows of the window's days come in one query (a row exists exactly while its booking is active), where
 * reading the days one by one took a read per day on every suggestion. Only the booking rows of the candidates are
 * read, latest past first, then the next ones, until one is at this site: the booking says where it was made, as it
 * did when every booking of the window was read.
 */
export async function lastDeskOf(
  deps: LastDeskDeps,
  actor: Actor,
  site: SiteCatalog,
  window: { readonly back: number; readonly ahead: number } = { back: 30, ahead: 30 },
): Promise<string | undefined> {
  const today = civilDateOf(deps.clock.now(), site.site.timeZone);
  const [from, to] = [addDays(today, -window.back), addDays(today, window.ahead)];
  const { personDaysOfUser, getBooking } = deps.store;
  if (!personDaysOfUser || !getBooking) {
    const recent = (await listMyBookings(deps, { actor, from, to })).filter((b) => b.siteId === site.site.id);
    const past = recent.filter((b) => b.date <= today);
    return (past[past.length - 1] ?? recent[0])?.deskId;
  }
  const days = await personDaysOfUser.call(deps.store, actor.userId, from, to);
  // The order the choice is made in: the latest day up to today, back in time, then the days ahead, soonest first.
  const candidates = [...days.filter((d) => d.date <= today).reverse(), ...days.filter((d) => d.date > today)];
  const atSite = async (bookingId: string): Promise<string | undefined> => {
    const found = await getBooking.call(deps.store, bookingId);
    return found && isActive(found.booking) && found.booking.siteId === site.site.id ? found.booking.deskId : undefined;
  };
  // Nearly always the first candidate is at this site, so it is read alone; the others (bookings at other sites, or
  // ended since their row was read) go eight at a time, in order.
  for (let i = 0; i < candidates.length; i += i === 0 ? 1 : LAST_DESK_READS_AT_ONCE) {
    const batch = candidates.slice(i, i === 0 ? 1 : i + LAST_DESK_READS_AT_ONCE);
    const desks = await Promise.all(batch.map((c) => atSite(c.bookingId)));
    const desk = desks.find((d) => d !== undefined);
    if (desk !== undefined) return desk;
  }
  return undefined;
}
