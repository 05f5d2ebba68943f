/**
 * What a QR code at a desk opens (issue 17 §5): the desk today, for the person who scanned it. Their own booking of it
 * (to check in), a desk they may book on the spot, or the rule that stops them, with its alternatives. A preview:
 * the booking or check-in that follows is decided again by the ordinary use cases.
 */
import { decideBooking } from '../domain/book-desk-rules';
import { civilDateOf, isoWeek } from '../domain/civil-date';
import { FloorDay } from '../domain/floor-day';
import { isActive, type Actor, type Booking, type Desk, type FloorLayout } from '../domain/model';
import { effectivePolicy } from '../domain/policy';
import type { Refusal } from '../domain/refusal';
import type { BookingDeps } from './book-desk';

export type DeskToday =
  | { readonly state: 'mine'; readonly booking: Booking }
  | { readonly state: 'free' }
  | { readonly state: 'refused'; readonly refusal: Refusal };

export interface DeskArrival {
  readonly desk: Desk;
  readonly layout: FloorLayout;
  /** Today in the site's time zone. */
  readonly date: string;
  readonly today: DeskToday;
}

export async function deskArrival(deps: Pick<BookingDeps, 'store' | 'catalog' | 'clock'>, q: { actor: Actor; deskId: string }): Promise<DeskArrival | null> {
  const located = (await deps.catalog.current()).locateDesk(q.deskId);
  if (!located) return null;
  const { layout, catalog, desk } = located;
  const now = deps.clock.now();
  const date = civilDateOf(now, layout.site.timeZone);
  const policy = effectivePolicy(catalog.policies, date);
  const [{ ledgers, personDay }, week] = await Promise.all([
    deps.store.readDay(date, layout.floor.id, layout.zones.map((z) => z.id), q.actor.userId),
    policy.rules.weeklyQuota === null ? Promise.resolve(null) : deps.store.readWeek(q.actor.userId, isoWeek(date)),
  ]);
  if (personDay?.deskId === desk.id) {
    const mine = await deps.store.getBooking(personDay.bookingId);
    if (mine && isActive(mine.booking)) return { desk, layout, date, today: { state: 'mine', booking: mine.booking } };
  }
  const floorDay = FloorDay.fromLedgers(layout, policy, date, ledgers);
  // The week's holds are counted as they stand; a stale one is dropped by the booking itself, which decides again.
  const decision = decideBooking({ floorDay, deskId: desk.id, actor: q.actor, now, personDay, weekUsed: week?.entries.length ?? 0, window: { policies: catalog.policies } });
  return { desk, layout, date, today: decision.ok ? { state: 'free' } : { state: 'refused', refusal: decision.refusal } };
}
