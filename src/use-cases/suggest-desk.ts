import { checkBookingWindow } from '../domain/booking-window';
import { FloorDay } from '../domain/floor-day';
import { isCivilDate } from '../domain/civil-date';
import type { Actor, Result } from '../domain/model';
import { ok, err } from '../domain/model';
import { effectivePolicy } from '../domain/policy';
import { refusal, type Refusal } from '../domain/refusal';
import { rankSuggestions, type Suggestion, type SuggestionPreferences } from '../domain/suggest';
import type { CatalogIndex } from './catalog-index';
import { InvalidInputError } from './errors';
import type { Clock, ReservationStore } from './ports';
import { recentLedgersOf } from './recent-ledgers';

export interface SuggestDeps {
  readonly store: Pick<ReservationStore, 'readLedgers'>;
  readonly catalog: { current(): Promise<CatalogIndex> };
  readonly clock: Clock;
}

export interface SuggestQuery {
  readonly actor: Actor;
  readonly date: string;
  readonly siteId?: string;
  readonly preferences?: SuggestionPreferences;
  /** How many ranked desks to return (the first is the suggestion; the rest feed "pick another"). */
  readonly limit?: number;
}

/**
 * Suggests desks for a day: the caller's preferences first, then the desk that blocks the fewest free desks.
 * Refuses with the rule when the day cannot be booked at all (window, or a desk already held that day);
 * an empty list means every desk is taken, too close or in a full zone.
 */
export async function suggestDesks(deps: SuggestDeps, q: SuggestQuery): Promise<Result<Suggestion[], Refusal>> {
  if (!isCivilDate(q.date)) throw new InvalidInputError('date must be a real day written YYYY-MM-DD', 'date');
  const index = await deps.catalog.current();
  const catalog = q.siteId ? index.site(q.siteId) : index.sites[0];
  if (!catalog) throw new InvalidInputError(q.siteId ? `No site "${q.siteId}"` : 'No site is configured', 'siteId');
  const window = checkBookingWindow({ date: q.date, now: deps.clock.now(), timeZone: catalog.site.timeZone, policies: catalog.policies });
  if (window) return err(window);
  // Suggestions are advice: they read the floors' recent ledgers (at most a second old, and fresh after this
  // process's own changes). Confirming one is a booking, which reads and checks everything again.
  const layouts = catalog.floors.map((floor) => index.floor(floor.id)!.layout);
  const policy = effectivePolicy(catalog.policies, q.date);
  const recent = recentLedgersOf(deps.store);
  const now = deps.clock.now().getTime();
  const ledgers = await Promise.all(
    layouts.map((layout) => recent.read(q.date, layout.floor.id, layout.zones.map((z) => z.id), now)),
  );
  const own = ledgers.flat().flatMap((l) => l.entries).find((e) => e.userId === q.actor.userId);
  if (own) {
    return err(refusal({ code: 'ALREADY_BOOKED', date: q.date, existingBookingId: own.bookingId, existingDeskId: own.deskId }));
  }
  const floorDays = layouts.map((layout, i) => FloorDay.fromLedgers(layout, policy, q.date, ledgers[i]!));
  const ranked = rankSuggestions({ floorDays, actor: q.actor, ...(q.preferences && { preferences: q.preferences }) });
  return ok(ranked.slice(0, Math.max(1, q.limit ?? 5)));
}
