import { decideBooking } from '../domain/book-desk-rules';
import { FloorDay } from '../domain/floor-day';
import type { Actor } from '../domain/model';
import { effectivePolicy } from '../domain/policy';
import { refusal, type Refusal } from '../domain/refusal';
import type { BookingDeps } from './book-desk';

/**
 * Would the rules let `actor` book this desk on this day, right now? A preview for the bot's "desk 3.12 Thursday":
 * the refusal it returns has the reason and alternatives; the booking itself is decided again when confirmed.
 */
export async function checkDesk(
  deps: Pick<BookingDeps, 'store' | 'catalog' | 'clock'>,
  q: { actor: Actor; deskId: string; date: string },
): Promise<Refusal | null> {
  const located = (await deps.catalog.current()).locateDesk(q.deskId);
  if (!located) return refusal({ code: 'UNKNOWN_DESK', deskId: q.deskId });
  const { layout, catalog } = located;
  const { ledgers, personDay } = await deps.store.readDay(q.date, layout.floor.id, layout.zones.map((z) => z.id), q.actor.userId);
  const floorDay = FloorDay.fromLedgers(layout, effectivePolicy(catalog.policies, q.date), q.date, ledgers);
  const decision = decideBooking({ floorDay, deskId: q.deskId, actor: q.actor, now: deps.clock.now(), personDay, weekUsed: 0, window: { policies: catalog.policies } });
  return decision.ok ? null : decision.refusal;
}
