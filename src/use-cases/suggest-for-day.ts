import { deskModeOn, type Actor, type CivilDate } from '../domain/model';
import type { Refusal } from '../domain/refusal';
import type { Suggestion, SuggestionPreferences } from '../domain/suggest';
import type { BookingDeps } from './book-desk';
import { checkDesk } from './check-desk';
import { favouritesAt, lastDeskOf, ownDeskReason, preferOwnDesks, type OwnDeskReason, type OwnDesks, type OwnDesksDeps } from './own-desks-first';
import type { SiteCatalog } from './ports';
import { suggestDesks } from './suggest-desk';

/** What a chat can propose for one day: a desk (and how many others are free), the rule that refuses, or nothing. */
export type DaySuggestion =
  | {
      readonly kind: 'suggested';
      /** `why.favourite` is true only for a desk asked for (by name, or carried by the card). */
      readonly suggestion: Suggestion;
      readonly otherDeskCount: number;
      /** Not asked for, but one of the person's favourites, or their desk of last time: why it came first. */
      readonly ownDesk?: OwnDeskReason;
    }
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  | { readonly kind: 'none' };

export interface DaySuggestionQuery {
  readonly actor: Actor;
  readonly date: CivilDate;
  readonly site: SiteCatalog;
  readonly preferences: SuggestionPreferences;
  /** A desk asked for by name or as "the same as last time": when it is not the suggestion, its refusal says why. */
  readonly wantedDeskId?: string;
}

/** Unasked, "the desk of last time" is looked for one week either side: see suggestForDay. */
const UNASKED_LAST_TIME = { back: 7, ahead: 7 };

/**
 * The desk to propose for a day, before anything is booked. A bare "no desk" is the last resort: the desk asked for,
 * or a zone at its cap, is answered with the rule that refuses it, whose numbers and alternatives the person can act on.
 */
export async function suggestForDay(deps: BookingDeps & Pick<OwnDesksDeps, 'favourites'>, q: DaySuggestionQuery): Promise<DaySuggestion> {
  const { actor, date, site, preferences, wantedDeskId } = q;
  // After the desk asked for: the person's favourites in their order, then their desk of last time, when free and
  // allowed; then the usual ranking.
  const asked = preferences.prefer?.favouriteDeskIds ?? [];
  // Every free desk is ranked: the count of the others is part of the answer.
  const rank = (own: OwnDesks) => suggestDesks(deps, { actor, date, siteId: site.site.id, preferences: preferOwnDesks(preferences, own), limit: Number.MAX_SAFE_INTEGER });
  let own: OwnDesks = { favourites: await favouritesAt(deps, actor, site) };
  // The desk of last time is a query: looked up only when no desk asked for or favourite came first. With neither,
  // it is wanted whenever a desk is free at all, so it is read while the desks are ranked.
  const early = asked.length === 0 && own.favourites.length === 0 ? lastDeskOf(deps, actor, site, UNASKED_LAST_TIME) : undefined;
  // Not wanted after all (the day cannot be booked): its failure is no answer's.
  early?.catch(() => undefined);
  let ranked = await rank(own);
  // Ranking again is cheap (the floors' recent ledgers are cached).
  const first = ranked.ok ? ranked.value[0]?.desk.id : undefined;
  if (first !== undefined && !asked.includes(first) && !own.favourites.includes(first)) {
    // Unasked, "last time" is a week either side (it was a read per day, and the month either side tripled a chat
    // turn: a bench figure). Asked for in words ("same desk as last time"), it looks a month.
    const lastDeskId = await (early ?? lastDeskOf(deps, actor, site, UNASKED_LAST_TIME));
    if (lastDeskId !== undefined && lastDeskId !== first) {
      own = { ...own, lastDeskId };
      ranked = await rank(own);
    } else if (lastDeskId !== undefined) own = { ...own, lastDeskId };
  }
  if (!ranked.ok) return { kind: 'refused', refusal: ranked.error };
  const top = ranked.value[0];
  if (wantedDeskId && top?.desk.id !== wantedDeskId) {
    const why = await checkDesk(deps, { actor, deskId: wantedDeskId, date });
    if (why) return { kind: 'refused', refusal: why };
  }
  if (top) {
    const isAsked = asked.includes(top.desk.id);
    const reason = isAsked ? undefined : ownDeskReason(top.desk.id, own);
    const suggestion = { ...top, why: { ...top.why, favourite: isAsked } };
    return { kind: 'suggested', suggestion, otherDeskCount: ranked.value.length - 1, ...(reason !== undefined && { ownDesk: reason }) };
  }
  const zoneId = preferences.require?.zoneId;
  const inZone = zoneId ? site.desks.filter((d) => d.zoneId === zoneId && deskModeOn(d, date) === 'bookable') : [];
  // Some desk of the zone is refused for the cap unless it is taken itself: the first such answer says why.
  for (const desk of inZone) {
    const why = await checkDesk(deps, { actor, deskId: desk.id, date });
    if (why?.code === 'ZONE_FULL') return { kind: 'refused', refusal: why };
    if (why?.code !== 'DESK_TAKEN') break;
  }
  return { kind: 'none' };
}

/** The first of several zones (one name on several floors) with a desk free for the person that day. */
export async function firstZoneWithRoom(
  deps: BookingDeps,
  q: { readonly actor: Actor; readonly date: CivilDate; readonly siteId: string; readonly zoneIds: readonly string[]; readonly attributes: readonly string[] },
): Promise<string | undefined> {
  for (const zoneId of q.zoneIds) {
    const require = { zoneId, ...(q.attributes.length > 0 && { attributes: q.attributes }) };
    const ranked = await suggestDesks(deps, { actor: q.actor, date: q.date, siteId: q.siteId, preferences: { require }, limit: 1 });
    if (ranked.ok && ranked.value.length > 0) return zoneId;
  }
  return undefined;
}
