import { decideBooking, type BookingDecision, type PersonDay } from '../../src/domain/book-desk-rules';
import { FloorDay, type OccupiedDesk } from '../../src/domain/floor-day';
import type { Actor, CivilDate, Desk, Zone } from '../../src/domain/model';
import { effectivePolicy, type PolicyRules } from '../../src/domain/policy';
import type { Refusal } from '../../src/domain/refusal';
import { aDesk, aFloor, anActor, aPolicy, aSite, aZone } from '../support/builders';

// The floor days and booking attempts the rule tests of book-desk-rules and floor-day build.
/** Thursday 3 December 2026, 09:00 in Brussels. */
export const NOW = new Date('2026-12-03T08:00:00Z');
export const TODAY = '2026-12-03';

/** Rules for these tests: every weekday bookable, and zones large enough not to matter unless a test says so. */
export const NO_CAP = { kind: 'count', value: 100 } as const;

export interface FloorDayOptions {
  desks: readonly Desk[];
  zones?: readonly Zone[];
  rules?: Partial<PolicyRules>;
  date?: CivilDate;
  /** [deskId, userId] pairs booked that day. */
  booked?: readonly (readonly [string, string])[];
}

export function aFloorDay(o: FloorDayOptions): FloorDay {
  const date = o.date ?? TODAY;
  const layout = { site: aSite(), floor: aFloor(), zones: o.zones ?? [aZone()], desks: o.desks };
  const policy = effectivePolicy([aPolicy({ zoneCapacity: NO_CAP, ...o.rules })], date);
  const occupied: OccupiedDesk[] = (o.booked ?? []).map(([deskId, userId]) => {
    const desk = o.desks.find((d) => d.id === deskId);
    if (!desk) throw new Error(`test setup: no desk ${deskId}`);
    return { deskId, userId, bookingId: `${date}.bk-${deskId}`, checkedIn: false, zoneId: desk.zoneId };
  });
  return new FloorDay(layout, policy, date, occupied);
}

export interface Attempt {
  actor?: Pick<Actor, 'userId' | 'groups'>;
  now?: Date;
  personDay?: PersonDay | null;
  weekUsed?: number;
}

export function decide(floorDay: FloorDay, deskId: string, a: Attempt = {}): BookingDecision {
  return decideBooking({
    floorDay,
    deskId,
    actor: a.actor ?? anActor('alice'),
    now: a.now ?? NOW,
    personDay: a.personDay ?? null,
    weekUsed: a.weekUsed ?? 0,
    window: { rules: floorDay.policy.rules },
  });
}

export function refusalOf(d: BookingDecision): Refusal {
  if (d.ok) throw new Error(`expected a refusal, but ${d.desk.id} was accepted`);
  return d.refusal;
}

export function acceptedDesk(d: BookingDecision): string {
  if (!d.ok)
    throw new Error(`expected the booking to be accepted, but it was refused with ${d.refusal.code}`);
  return d.desk.id;
}

/** Desks in a row along y = 1, at the given x positions, ids d1, d2, … */
export function row(xs: readonly number[], over: Partial<Desk> = {}): Desk[] {
  return xs.map((x, i) => aDesk({ id: `d${i + 1}`, x, y: 1, ...over }));
}
