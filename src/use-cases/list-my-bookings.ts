import { addDays, civilDateOf, daysBetween, isCivilDate } from '../domain/civil-date';
import type { Actor, Booking } from '../domain/model';
import type { CatalogIndex } from './catalog-index';
import { InvalidInputError } from './errors';
import type { Clock, ReservationStore } from './ports';

export const MAX_LIST_SPAN_DAYS = 92;

export interface ListDeps {
  readonly store: Pick<ReservationStore, 'listActiveBookingsOfUser'>;
  readonly catalog: { current(): Promise<CatalogIndex> };
  readonly clock: Clock;
}

/**
 * The caller's active bookings between two days (inclusive), in date order.
 * Without bounds: from today to the end of the longest booking window of any site.
 */
export async function listMyBookings(deps: ListDeps, query: { actor: Actor; from?: string; to?: string }): Promise<Booking[]> {
  const index = await deps.catalog.current();
  const now = deps.clock.now();
  const timeZone = index.sites[0]?.site.timeZone ?? 'UTC';
  const from = query.from ?? civilDateOf(now, timeZone);
  const to = query.to ?? addDays(from, 31);
  for (const [field, v] of [['from', from], ['to', to]] as const) {
    if (!isCivilDate(v)) throw new InvalidInputError(`${field} must be a real day written YYYY-MM-DD`, field);
  }
  const span = daysBetween(from, to);
  if (span < 0) throw new InvalidInputError('to must not be before from', 'to');
  if (span >= MAX_LIST_SPAN_DAYS) throw new InvalidInputError(`from and to may be at most ${MAX_LIST_SPAN_DAYS} days apart`, 'to');
  const bookings = await deps.store.listActiveBookingsOfUser(query.actor.userId, from, to);
  return bookings.sort((a, b) => a.date.localeCompare(b.date));
}
