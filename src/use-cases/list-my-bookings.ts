import { addDays, civilDateOf, daysBetween, isCivilDate } from '../domain/civil-date';
import type { Actor, Booking, CivilDate } from '../domain/model';
import { DEFAULT_RULES } from '../domain/policy';
import type { CatalogIndex } from './catalog-index';
import { InvalidInputError } from './errors';
import type { Clock, ReservationStore } from './ports';

export const MAX_LIST_SPAN_DAYS = 92;
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 200;
/** Days read per store call while paging: under the store's span limit, and one call for the usual 14-day window. */
const CHUNK_DAYS = 31;

export interface ListDeps {
  readonly store: Pick<ReservationStore, 'listActiveBookingsOfUser'>;
  readonly catalog: { current(): Promise<CatalogIndex> };
  readonly clock: Clock;
}

export interface UpcomingPage {
  readonly bookings: Booking[];
  /** Where the next page starts (a day, opaque to callers); null when this page reached the last possible day. */
  readonly nextCursor: CivilDate | null;
}

/**
 * The caller's active bookings between two days (inclusive), in date order.
 * Without bounds: every upcoming booking (see listUpcomingBookings), up to MAX_PAGE_SIZE.
 */
export async function listMyBookings(deps: ListDeps, query: { actor: Actor; from?: string; to?: string }): Promise<Booking[]> {
  if (query.from === undefined && query.to === undefined) {
    return (await listUpcomingBookings(deps, { actor: query.actor, limit: MAX_PAGE_SIZE })).bookings;
  }
  const index = await deps.catalog.current();
  const timeZone = index.sites[0]?.site.timeZone ?? 'UTC';
  const from = query.from ?? civilDateOf(deps.clock.now(), timeZone);
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

/**
 * The caller's bookings from today on, a page at a time, in date order. "Upcoming" ends at the furthest day any
 * policy version of any site ever let people book: a booking made under a longer horizon than today's still shows.
 * A person holds at most one booking a day, so a page ends on a day boundary and the cursor is the next day.
 */
export async function listUpcomingBookings(
  deps: ListDeps,
  query: { actor: Actor; cursor?: string; limit?: number },
): Promise<UpcomingPage> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InvalidInputError(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`, 'limit');
  }
  if (query.cursor !== undefined && !isCivilDate(query.cursor)) throw new InvalidInputError('cursor is not one this API gave', 'cursor');
  const { first, last } = upcomingSpan(await deps.catalog.current(), deps.clock.now());
  const bookings: Booking[] = [];
  let from = query.cursor !== undefined && query.cursor > first ? query.cursor : first;
  while (from <= last && bookings.length < limit) {
    const to = [addDays(from, CHUNK_DAYS - 1), last].sort()[0]!;
    const found = await deps.store.listActiveBookingsOfUser(query.actor.userId, from, to);
    bookings.push(...found.sort((a, b) => a.date.localeCompare(b.date)));
    from = addDays(to, 1);
  }
  if (bookings.length > limit) {
    const page = bookings.slice(0, limit);
    return { bookings: page, nextCursor: addDays(page[page.length - 1]!.date, 1) };
  }
  return { bookings, nextCursor: from <= last ? from : null };
}

/** From the earliest "today" of any site (time zones differ) to the furthest day any policy version reaches. */
export function upcomingSpan(index: CatalogIndex, now: Date): { first: CivilDate; last: CivilDate } {
  let first: CivilDate | undefined;
  let last: CivilDate | undefined;
  for (const s of index.sites) {
    const today = civilDateOf(now, s.site.timeZone);
    const horizon = Math.max(DEFAULT_RULES.horizonDays, ...s.policies.map((p) => p.rules.horizonDays));
    const end = addDays(today, horizon);
    if (first === undefined || today < first) first = today;
    if (last === undefined || end > last) last = end;
  }
  const today = civilDateOf(now, 'UTC');
  return { first: first ?? today, last: last ?? addDays(today, DEFAULT_RULES.horizonDays) };
}
