import { bookableDays } from '../domain/booking-window';
import { deskModeOn, type Actor, type CivilDate, type Desk } from '../domain/model';
import type { SuggestionPreferences } from '../domain/suggest';
import type { BookingDeps } from './book-desk';
import type { Discussion } from './discussion-port';
import { lastDeskOf } from './own-desks-first';
import type { Clock, SiteCatalog } from './ports';
import { firstZoneWithRoom } from './suggest-for-day';

/** Kept here too: the chat's wishes were its first users. */
export { lastDeskOf } from './own-desks-first';

/** What a booking request carries past the days: a desk wanted, a zone, equipment. */
export type WishConstraints = NonNullable<Discussion['pending']>['constraints'];

/** A booking request as the person put it, once its words are matched to the site's desks and zones. */
export interface BookingWish {
  readonly actor: Actor;
  readonly site: SiteCatalog;
  readonly dates: readonly CivilDate[];
  readonly deskLabel?: string;
  /** The zones whose name was given: one, or several where the name is on several floors. */
  readonly zoneIds: readonly string[];
  readonly attributes: readonly string[];
  /** "The same desk as last time". */
  readonly sameAsLastTime: boolean;
}

export interface BookingPlan {
  readonly preferences: SuggestionPreferences;
  /** The same wish, as kept for days waiting for a Confirm and carried by their card. */
  readonly constraints: WishConstraints;
  /** The desk named, or the one of last time: suggested first, and explained when it cannot be had. */
  readonly favouriteDeskId?: string;
  /** The equipment asked for that no bookable desk of the site has: named to the person, not required. */
  readonly missingAttributes: readonly string[];
  /** The equipment asked for that some desk has: required. */
  readonly attributes: readonly string[];
}

/**
 * Turns a wish into the preferences the rules rank desks with. A feature no desk has is dropped (and reported),
 * so the rest of the wish is still honoured; a zone name on several floors takes the first with a free desk that day.
 */
export async function planBooking(deps: BookingDeps, wish: BookingWish): Promise<BookingPlan> {
  const { actor, site, dates } = wish;
  const index = await deps.catalog.current();
  const wantedDesk = wish.deskLabel ? index.findDeskByLabel(site.site.id, wish.deskLabel) : undefined;
  const lastDesk = wish.sameAsLastTime ? await lastDeskOf(deps, actor, site) : undefined;
  const favourite = wantedDesk?.id ?? lastDesk;
  // A desk switched off from a day still counts for the days before it.
  const bookableSome = (d: Desk) => (dates.length === 0 ? d.mode === 'bookable' : dates.some((date) => deskModeOn(d, date) === 'bookable'));
  const missing = wish.attributes.filter((a) => !site.desks.some((d) => bookableSome(d) && d.attributes.includes(a)));
  const attributes = wish.attributes.filter((a) => !missing.includes(a));
  const zoneId =
    wish.zoneIds.length > 1 && dates.length === 1
      ? ((await firstZoneWithRoom(deps, { actor, date: dates[0]!, siteId: site.site.id, zoneIds: wish.zoneIds, attributes })) ?? wish.zoneIds[0])
      : wish.zoneIds[0];
  const preferences: SuggestionPreferences = {
    require: {
      ...(zoneId && { zoneId }),
      ...(attributes.length > 0 && { attributes }),
    },
    // Also preferred, so that "why this desk" can say the desk has what was asked for.
    prefer: {
      favouriteDeskIds: favourite ? [favourite] : [],
      ...(zoneId && { zoneIds: [zoneId] }),
      ...(attributes.length > 0 && { attributes }),
    },
  };
  const constraints = { ...(zoneId && { zoneId }), ...(attributes.length > 0 && { attributes }), ...(favourite && { deskId: favourite }) };
  return { preferences, constraints, ...(favourite && { favouriteDeskId: favourite }), missingAttributes: missing, attributes };
}

/** The preferences of a wish carried by a card or kept with days waiting for a Confirm. */
export function preferencesFor(c: WishConstraints): SuggestionPreferences {
  const require = { ...(c.zoneId && { zoneId: c.zoneId }), ...(c.attributes && c.attributes.length > 0 && { attributes: c.attributes }) };
  return {
    require,
    prefer: {
      ...(c.deskId && { favouriteDeskIds: [c.deskId] }),
      ...(c.zoneId && { zoneIds: [c.zoneId] }),
      ...(require.attributes && { attributes: require.attributes }),
    },
  };
}

/** The next days the site lets anyone book, by the same rule that accepts or refuses a booking. */
export function nextBookableDays(deps: { readonly clock: Clock }, site: SiteCatalog, count: number): CivilDate[] {
  return bookableDays({ now: deps.clock.now(), timeZone: site.site.timeZone, policies: site.policies }).slice(0, count);
}
