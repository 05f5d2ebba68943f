import { addDays, civilDateOf } from '../domain/civil-date';
import type { Actor, Booking } from '../domain/model';
import type { CatalogIndex } from './catalog-index';
import type { DiscussionStore } from './discussion-port';
import type { Clock, ReservationStore, SiteCatalog } from './ports';

/**
 * Which site a chat turn is about. In order: the site the person named ("in New York"), the site they chose earlier
 * in this conversation, the only site there is, the site of their most recent booking. Otherwise the bot asks.
 */
export type SiteChoice =
  | { readonly kind: 'site'; readonly site: SiteCatalog; readonly reason: 'named' | 'remembered' | 'only' | 'usual' }
  | { readonly kind: 'ask'; readonly sites: readonly SiteCatalog[] };

export interface SiteChoiceDeps {
  readonly store: Pick<ReservationStore, 'listActiveBookingsOfUser'>;
  readonly catalog: { current(): Promise<CatalogIndex> };
  readonly clock: Clock;
  readonly discussions: DiscussionStore;
}

export interface SiteChoiceQuery {
  readonly actor: Actor;
  /** Conversation and person: where a chosen site is remembered. */
  readonly discussionKey: string;
  /** A site the person named or clicked in this turn; an id no site has is ignored. */
  readonly siteId?: string;
}

/**
 * How far around today a booking counts as "recent" when guessing the usual site: the store reads at most a quarter
 * at once, and a booking older than six weeks says little about where someone works now.
 */
const USUAL_SITE_LOOKBACK_DAYS = 45;

export async function chooseSite(deps: SiteChoiceDeps, q: SiteChoiceQuery): Promise<SiteChoice> {
  const index = await deps.catalog.current();
  const sites = index.sites;
  if (sites.length === 0) throw new Error('No site is configured: import one with `npm run import`');
  const named = q.siteId !== undefined ? index.site(q.siteId) : undefined;
  if (named) {
    await rememberSite(deps, q.discussionKey, named.site.id);
    return { kind: 'site', site: named, reason: 'named' };
  }
  if (sites.length === 1) return { kind: 'site', site: sites[0]!, reason: 'only' };
  const remembered = (await deps.discussions.get(q.discussionKey))?.siteId;
  const chosen = remembered !== undefined ? index.site(remembered) : undefined;
  if (chosen) return { kind: 'site', site: chosen, reason: 'remembered' };
  const usual = await usualSiteOf(deps, q.actor, index);
  if (usual) return { kind: 'site', site: usual, reason: 'usual' };
  return { kind: 'ask', sites };
}

/**
 * The site of the person's most recent booking: the latest one up to today, else the next one to come. "Today" is
 * read in UTC: a day either way cannot change which booking is the latest by more than that day.
 */
async function usualSiteOf(deps: SiteChoiceDeps, actor: Actor, index: CatalogIndex): Promise<SiteCatalog | undefined> {
  const today = civilDateOf(deps.clock.now(), 'UTC');
  const bookings = await deps.store.listActiveBookingsOfUser(actor.userId, addDays(today, -USUAL_SITE_LOOKBACK_DAYS), addDays(today, USUAL_SITE_LOOKBACK_DAYS));
  const known = bookings.filter((b) => index.site(b.siteId) !== undefined).sort((a, b) => a.date.localeCompare(b.date));
  const past = known.filter((b) => b.date <= today);
  const latest: Booking | undefined = past[past.length - 1] ?? known[0];
  return latest ? index.site(latest.siteId) : undefined;
}

/** Keeps the site for the rest of the conversation, beside whatever booking is under discussion. */
export async function rememberSite(deps: Pick<SiteChoiceDeps, 'discussions'>, discussionKey: string, siteId: string): Promise<void> {
  const before = await deps.discussions.get(discussionKey);
  if (before?.siteId === siteId) return;
  await deps.discussions.set(discussionKey, { ...before, siteId });
}

/**
 * Which site a card's button acts in: the site the card was made for (a site clicked is a site chosen, so the next
 * message in the chat is read there too), else the site of the desk it names, else the chat's site as chooseSite finds it.
 */
export async function siteOfCardAction(
  deps: SiteChoiceDeps,
  q: { readonly actor: Actor; readonly discussionKey: string; readonly siteId?: string; readonly deskId?: string },
): Promise<SiteCatalog | undefined> {
  const index = await deps.catalog.current();
  const carried = q.siteId !== undefined ? index.site(q.siteId) : undefined;
  if (carried) {
    if (index.sites.length > 1) await rememberSite(deps, q.discussionKey, carried.site.id);
    return carried;
  }
  const ofDesk = q.deskId !== undefined ? index.locateDesk(q.deskId)?.catalog : undefined;
  if (ofDesk) return ofDesk;
  const chosen = await chooseSite(deps, { actor: q.actor, discussionKey: q.discussionKey });
  return chosen.kind === 'site' ? chosen.site : undefined;
}
