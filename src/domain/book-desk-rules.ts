import { checkBookingWindow, type WindowRules } from './booking-window';
import { isoWeek } from './civil-date';
import type { FloorDay } from './floor-day';
import type { Actor, Desk } from './model';
import { MAX_ALTERNATIVES, refusal, type Alternative, type Refusal } from './refusal';

/** The person's active booking on the day, wherever it is: one desk per person per day. */
export interface PersonDay {
  readonly bookingId: string;
  readonly deskId: string;
}

export interface BookingDecisionInput {
  readonly floorDay: FloorDay;
  readonly deskId: string;
  readonly actor: Pick<Actor, 'userId' | 'groups'>;
  readonly now: Date;
  readonly personDay: PersonDay | null;
  /** Bookings the person already holds in the ISO week of the day, when a quota applies. */
  readonly weekUsed: number;
  /** The site's policy versions, for the window: the horizon is today's, not the booked day's. */
  readonly window: WindowRules;
}

export type BookingDecision = { readonly ok: true; readonly desk: Desk } | { readonly ok: false; readonly refusal: Refusal };

/**
 * Decides whether `actor` may book `deskId` on the floor day, checking every rule in a fixed order:
 * unknown desk, window, one desk per person per day, weekly quota, desk unavailable, taken, zone capacity, distance.
 * Refusals carry up to three free desks on the same floor that day, nearest first.
 */
export function decideBooking(input: BookingDecisionInput): BookingDecision {
  const { floorDay, actor } = input;
  const rules = floorDay.policy.rules;
  const desk = floorDay.desk(input.deskId);
  if (!desk) return no(refusal({ code: 'UNKNOWN_DESK', deskId: input.deskId }));

  const window = checkBookingWindow({ ...input.window, date: floorDay.date, now: input.now, timeZone: floorDay.layout.site.timeZone });
  if (window) return no(window);

  if (input.personDay) {
    return no(
      refusal({
        code: 'ALREADY_BOOKED',
        date: floorDay.date,
        existingBookingId: input.personDay.bookingId,
        existingDeskId: input.personDay.deskId,
      }),
    );
  }

  // Before the desk rules: a person at the quota could book none of the alternatives a desk refusal offers.
  if (rules.weeklyQuota !== null && input.weekUsed >= rules.weeklyQuota) {
    return no(
      refusal({
        code: 'QUOTA_EXCEEDED',
        quota: rules.weeklyQuota,
        used: input.weekUsed,
        isoWeek: isoWeek(floorDay.date),
        date: floorDay.date,
      }),
    );
  }

  const deskRefusal = floorDay.deskRefusal(desk, actor);
  if (deskRefusal) return no(withAlternatives(deskRefusal, floorDay.nearestFreeDesks(desk, actor, MAX_ALTERNATIVES)));

  return { ok: true, desk };
}

export function withAlternatives(r: Refusal, alternatives: readonly Alternative[]): Refusal {
  return { ...r, alternatives: alternatives.slice(0, MAX_ALTERNATIVES) };
}

function no(r: Refusal): BookingDecision {
  return { ok: false, refusal: r };
}
