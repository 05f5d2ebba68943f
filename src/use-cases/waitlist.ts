import { bookingWindow, checkBookingWindow } from '../domain/booking-window';
import { isCivilDate } from '../domain/civil-date';
import { dateOfBookingId, deskModeOn, err, ok, type Actor, type CivilDate, type FloorLayout, type Result } from '../domain/model';
import { MAX_ALTERNATIVES, refusal, type Refusal } from '../domain/refusal';
import { freeDesksForWish, isOpen, positionOf, type WaitlistEntry } from '../domain/waitlist';
import type { BookingDeps } from './book-desk';
import { InvalidInputError } from './errors';
import { readFloorDay } from './floor-availability';
import { ContentionError, type SiteCatalog } from './ports';
import type { WaitlistStore } from './waitlist-port';
import { endOffer } from './waitlist-offers';

export interface WaitlistDeps extends BookingDeps {
  readonly waitlist: WaitlistStore;
}

export interface JoinWaitlistCommand {
  readonly actor: Actor;
  readonly date: string;
  readonly siteId?: string;
  readonly zoneId?: string;
  readonly attributes?: readonly string[];
}

export interface WaitlistPlace {
  readonly entry: WaitlistEntry;
  /** 1 for the first in line at the site that day; 0 once the entry has left the queue. */
  readonly position: number;
  /** False when the person was in line already: asking again keeps their place. */
  readonly created?: boolean;
}

const MAX_ATTRIBUTES = 8;

/**
 * Puts the caller on the day's waitlist (one entry per person per day: asking again keeps their place). Refused as a
 * booking would be when the day cannot be booked or the person already has a desk that day.
 */
export async function joinWaitlist(deps: WaitlistDeps, cmd: JoinWaitlistCommand): Promise<Result<WaitlistPlace, Refusal>> {
  if (!isCivilDate(cmd.date)) throw new InvalidInputError('date must be a real day written YYYY-MM-DD', 'date');
  const index = await deps.catalog.current();
  const zoneSite = cmd.zoneId === undefined ? undefined : index.sites.find((s) => s.zones.some((z) => z.id === cmd.zoneId));
  const site = cmd.siteId !== undefined ? index.site(cmd.siteId) : (zoneSite ?? index.sites[0]);
  if (!site) throw new InvalidInputError(`no site ${String(cmd.siteId)}`, 'siteId');
  if (cmd.zoneId !== undefined && !site.zones.some((z) => z.id === cmd.zoneId)) throw new InvalidInputError(`no zone ${cmd.zoneId} at site ${site.site.id}`, 'zoneId');
  const attributes = [...new Set(cmd.attributes ?? [])];
  // A wish no desk can meet would wait forever: say so now.
  if (attributes.length > MAX_ATTRIBUTES || !attributes.every((a) => site.desks.some((d) => deskModeOn(d, cmd.date) === 'bookable' && d.attributes.includes(a)))) {
    throw new InvalidInputError('attributes must be features some bookable desk of the site has', 'attributes');
  }
  const now = deps.clock.now();
  const window = checkBookingWindow({ date: cmd.date, now, timeZone: site.site.timeZone, policies: site.policies });
  if (window) return err(window);
  const personDay = await deps.store.readPersonDay(cmd.date, cmd.actor.userId);
  if (personDay) {
    return err(refusal({ code: 'ALREADY_BOOKED', date: cmd.date, existingBookingId: personDay.bookingId, existingDeskId: personDay.deskId }));
  }
  const free = await freeForWish(deps, site, cmd.date, { siteId: site.site.id, ...(cmd.zoneId !== undefined && { zoneId: cmd.zoneId }), attributes }, cmd.actor);
  if (free.length > 0) {
    const alternatives = free.slice(0, MAX_ALTERNATIVES).map(({ desk }) => ({ kind: 'desk' as const, deskId: desk.id, deskLabel: desk.label, floorId: desk.floorId, date: cmd.date }));
    return err(refusal({ code: 'DESKS_FREE', date: cmd.date, free: free.length, ...(cmd.zoneId !== undefined && { zoneId: cmd.zoneId }) }, alternatives));
  }
  const entry: WaitlistEntry = {
    id: `${cmd.date}.${deps.ids.newId()}`,
    date: cmd.date,
    userId: cmd.actor.userId,
    ...(cmd.actor.name !== undefined && { userName: cmd.actor.name }),
    siteId: site.site.id,
    ...(cmd.zoneId !== undefined && { zoneId: cmd.zoneId }),
    attributes,
    joinedAt: now.toISOString(),
    state: 'waiting',
    offers: 0,
  };
  for (let i = 0; i < 5; i++) {
    const joined = await deps.waitlist.join(entry);
    if (joined === 'conflict') continue;
    const day = await deps.waitlist.readDay(cmd.date);
    const current = day.find((v) => v.entry.id === joined.current.entry.id)?.entry ?? joined.current.entry;
    return ok({ entry: current, position: positionOf(day.map((v) => v.entry), current), created: joined.created });
  }
  throw new ContentionError(`Joining the waitlist of ${cmd.date}: the entry changed five times in a row`);
}

/**
 * What the person could book right now instead of waiting, from one read of each floor's ledgers. Advice, as the map
 * is: a desk that goes between this read and their booking is refused then by the booking's own checks.
 */
async function freeForWish(
  deps: WaitlistDeps,
  site: SiteCatalog,
  date: CivilDate,
  wish: Pick<WaitlistEntry, 'siteId' | 'zoneId' | 'attributes'>,
  actor: Actor,
): Promise<ReturnType<typeof freeDesksForWish>> {
  const index = await deps.catalog.current();
  const layouts = site.floors.map((f) => index.floor(f.id)?.layout).filter((l): l is FloorLayout => l !== undefined);
  const floorDays = await Promise.all(layouts.map((layout) => readFloorDay(deps, layout, site.policies, date)));
  return freeDesksForWish(wish, floorDays, actor);
}

/** The caller's open entries, from today to the end of the longest booking window, with their places in line. */
export async function listMyWaitlist(deps: WaitlistDeps, q: { readonly actor: Actor }): Promise<WaitlistPlace[]> {
  const index = await deps.catalog.current();
  const now = deps.clock.now();
  const dates = new Set<CivilDate>();
  for (const s of index.sites) for (const d of bookingWindow({ now, timeZone: s.site.timeZone, policies: s.policies }).bookableDates) dates.add(d);
  const days = await inBatches([...dates].sort(), 8, async (date) => deps.waitlist.readDay(date));
  return days.flatMap((day) => {
    const entries = day.map((v) => v.entry);
    return entries.filter((e) => e.userId === q.actor.userId && isOpen(e)).map((entry) => ({ entry, position: positionOf(entries, entry) }));
  });
}

/** Leaves the list; an offer being held goes to the next in line. Only the entry's owner may leave it. */
export async function leaveWaitlist(
  deps: WaitlistDeps,
  cmd: { readonly actor: Actor; readonly id: string },
): Promise<Result<WaitlistEntry, 'not-found' | 'not-allowed'>> {
  const date = dateOfBookingId(cmd.id);
  if (!date) return err('not-found');
  for (let i = 0; i < 5; i++) {
    const found = (await deps.waitlist.readDay(date)).find((v) => v.entry.id === cmd.id);
    if (!found) return err('not-found');
    if (found.entry.userId !== cmd.actor.userId) return err('not-allowed');
    if (!isOpen(found.entry)) return ok(found.entry);
    const left: WaitlistEntry = { ...found.entry, state: 'left' };
    const outcome = found.entry.state === 'offered' ? await endOffer(deps, found, left) : await deps.waitlist.writeEntry(left, found.version);
    if (outcome.committed) return ok(left);
  }
  throw new ContentionError(`Leaving waitlist entry ${cmd.id}: it changed five times in a row`);
}

/** Reads with at most `limit` in flight, keeping the order. */
async function inBatches<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += limit) out.push(...(await Promise.all(items.slice(i, i + limit).map(fn))));
  return out;
}
