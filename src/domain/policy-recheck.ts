import { withAlternatives } from './book-desk-rules';
import { addDays, daysBetween, isoWeek } from './civil-date';
import { FloorDay, type OccupiedDesk } from './floor-day';
import { isActive, type Actor, type Booking, type CivilDate, type Desk, type FloorLayout } from './model';
import { effectivePolicy, type EffectivePolicy, type PolicyVersion } from './policy';
import { refusal, type Refusal } from './refusal';

/** Who a policy cancellation is recorded as released by: the rules, not a person. */
export const POLICY_RELEASER = 'policy';

export interface RecheckDayInput {
  /** The floors of one site. */
  readonly layouts: readonly FloorLayout[];
  /** The rules in force on the day. */
  readonly policy: EffectivePolicy;
  /** The active bookings of the site on one day; ended ones are ignored. */
  readonly bookings: readonly Booking[];
  /**
   * A person's groups, when they are known. Bookings do not record groups, so when this is absent (or answers
   * undefined) a zone restriction is not held against the booking: nobody loses a desk on a guess.
   */
  readonly groupsOf?: (userId: string) => readonly string[] | undefined;
}

export interface RecheckCancellation {
  readonly booking: Booking;
  /** Why the booking no longer fits, with the numbers (and free desks nearby, when there are any). */
  readonly refusal: Refusal;
}

export interface RecheckDayOutcome {
  /** In replay order. */
  readonly keep: Booking[];
  /** In replay order. */
  readonly cancel: RecheckCancellation[];
}

/**
 * Who keeps their desk when the rules of a day have tightened. The active bookings are replayed in a fixed order
 * (see `recheckOrder`) against the rules in force: one desk per person, desk mode and zone restriction, zone
 * capacity, minimum distance. Each booking is kept when it still fits beside the ones kept before it; the others
 * are cancelled with the refusal a new booking of that desk would get.
 *
 * Checked-in bookings are always kept (the person is already at the desk) and come first, so the others make room
 * around them. Re-checking the kept set cancels nothing: each kept booking fitted beside exactly the same bookings.
 */
export function recheckDay(input: RecheckDayInput): RecheckDayOutcome {
  const active = input.bookings.filter(isActive);
  const date = onlyDate(active);
  const desks = new Map<string, { desk: Desk; layout: FloorLayout }>();
  for (const layout of input.layouts) for (const desk of layout.desks) desks.set(desk.id, { desk, layout });

  const occupiedByFloor = new Map<string, OccupiedDesk[]>();
  const keptByUser = new Map<string, Booking>();
  const keep: Booking[] = [];
  const refused: { booking: Booking; refusal: Refusal; place?: { desk: Desk; layout: FloorLayout } }[] = [];

  const accept = (b: Booking, place: { desk: Desk; layout: FloorLayout } | undefined) => {
    keep.push(b);
    if (!keptByUser.has(b.userId)) keptByUser.set(b.userId, b);
    // Counted where its desk is now (FloorDay places a desk by the layout, whatever zone it was booked in), as every
    // booking decision of that day counts it; a desk that left the catalog holds a place in the zone it was booked in.
    const floorId = place?.layout.floor.id ?? b.floorId;
    const list = occupiedByFloor.get(floorId) ?? [];
    list.push({
      deskId: b.deskId,
      userId: b.userId,
      bookingId: b.id,
      checkedIn: b.status === 'checked-in',
      zoneId: b.zoneId,
    });
    occupiedByFloor.set(floorId, list);
  };

  for (const b of recheckOrder(active)) {
    const place = desks.get(b.deskId);
    if (b.status === 'checked-in') {
      accept(b, place);
      continue;
    }
    const why = reasonToCancel(b, place, date, input, keptByUser, occupiedByFloor);
    if (why) refused.push({ booking: b, refusal: why, ...(place && { place }) });
    else accept(b, place);
  }

  // Free desks are offered against the final kept set: those are the desks still free once the re-check is done.
  const cancel = refused.map(({ booking, refusal: r, place }) => {
    if (!place || r.code === 'ALREADY_BOOKED') return { booking, refusal: r };
    const floorDay = new FloorDay(
      place.layout,
      input.policy,
      booking.date,
      occupiedByFloor.get(place.layout.floor.id) ?? [],
    );
    const actor = { userId: booking.userId, groups: input.groupsOf?.(booking.userId) ?? [] };
    return { booking, refusal: withAlternatives(r, floorDay.nearestFreeDesks(place.desk, actor)) };
  });
  return { keep, cancel };
}

/**
 * The replay order: checked-in bookings first, then the earliest booked (createdAt), then the booking id, so that
 * two bookings made in the same millisecond are still ordered the same way on every run.
 */
export function recheckOrder(bookings: readonly Booking[]): Booking[] {
  return [...bookings].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      compareInstants(a.createdAt, b.createdAt) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The ISO weeks of the days `first` to `last` on which a weekly quota is in force, in date order. */
export function quotaWeeks(policies: readonly PolicyVersion[], first: CivilDate, last: CivilDate): string[] {
  const weeks = new Set<string>();
  for (let d = first; daysBetween(d, last) >= 0; d = addDays(d, 1)) if (quotaOn(policies, d) !== null) weeks.add(isoWeek(d));
  return [...weeks];
}

export interface WeekQuotaInput {
  readonly policies: readonly PolicyVersion[];
  readonly week: string;
  /** The bookings of the week that count against the quota (checked-in ones included). */
  readonly bookings: readonly Booking[];
  /** The days re-checked: only a booking still `booked` on one of them can be cancelled; the others count and stay. */
  readonly first: CivilDate;
  readonly last: CivilDate;
}

/**
 * The bookings of one ISO week that the weekly quota no longer allows. Each person's bookings are replayed in
 * `recheckOrder`, and each is kept while the person is under the quota in force on its day; the rest are cancelled,
 * in that order, person after person.
 */
export function overWeeklyQuota(input: WeekQuotaInput): RecheckCancellation[] {
  const { policies, week, first, last } = input;
  const byUser = new Map<string, Booking[]>();
  for (const b of input.bookings) byUser.set(b.userId, [...(byUser.get(b.userId) ?? []), b]);
  const out: RecheckCancellation[] = [];
  for (const list of byUser.values()) {
    let kept = 0;
    for (const b of recheckOrder(list)) {
      const quota = quotaOn(policies, b.date);
      const cancellable = b.status === 'booked' && b.date >= first && daysBetween(b.date, last) >= 0;
      if (quota === null || kept < quota || !cancellable) {
        kept++;
        continue;
      }
      out.push({ booking: b, refusal: refusal({ code: 'QUOTA_EXCEEDED', quota, used: kept, isoWeek: week, date: b.date }) });
    }
  }
  return out;
}

function quotaOn(policies: readonly PolicyVersion[], date: CivilDate): number | null {
  return effectivePolicy(policies, date).rules.weeklyQuota;
}

/** The booking after a cancellation by the re-check: cancelled by an admin's rule, freeing the desk at once. */
export function policyCancellation(booking: Booking, now: Date): Booking {
  return {
    ...booking,
    status: 'cancelled-by-admin',
    releasedAt: now.toISOString(),
    releaseReason: 'admin',
    releasedBy: POLICY_RELEASER,
  };
}

function reasonToCancel(
  b: Booking,
  place: { desk: Desk; layout: FloorLayout } | undefined,
  date: CivilDate,
  input: RecheckDayInput,
  keptByUser: ReadonlyMap<string, Booking>,
  occupiedByFloor: ReadonlyMap<string, readonly OccupiedDesk[]>,
): Refusal | null {
  // The same order as a new booking's checks: the desk, the person's day, then the desk-level rules.
  if (!place) return refusal({ code: 'UNKNOWN_DESK', deskId: b.deskId });
  const held = keptByUser.get(b.userId);
  if (held)
    return refusal({ code: 'ALREADY_BOOKED', date, existingBookingId: held.id, existingDeskId: held.deskId });

  const { desk, layout } = place;
  // Judged where the desk is now: an import may have moved it into a fuller zone, or next to a booked desk.
  const floorDay = new FloorDay(layout, input.policy, date, occupiedByFloor.get(layout.floor.id) ?? []);
  return floorDay.deskRefusal(desk, actorOf(b, desk, layout, input));
}

/**
 * The person as the rules see them. With their groups unknown, they are given the zone's own groups, so that only
 * the desk's mode, the capacity and the distance can cancel the booking.
 */
function actorOf(
  b: Booking,
  desk: Desk,
  layout: FloorLayout,
  input: RecheckDayInput,
): Pick<Actor, 'userId' | 'groups'> {
  const known = input.groupsOf?.(b.userId);
  if (known) return { userId: b.userId, groups: known };
  const zone = layout.zones.find((z) => z.id === desk.zoneId);
  return { userId: b.userId, groups: zone?.allowedGroups ?? [] };
}

function onlyDate(bookings: readonly Booking[]): CivilDate {
  const date = bookings[0]?.date ?? '';
  const other = bookings.find((b) => b.date !== date);
  if (other) throw new RangeError(`recheckDay re-checks one day; got bookings of ${date} and ${other.date}`);
  return date;
}

function rank(b: Booking): number {
  return b.status === 'checked-in' ? 0 : 1;
}

function compareInstants(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isFinite(ta) && Number.isFinite(tb) && ta !== tb) return ta - tb;
  if (Number.isFinite(ta) !== Number.isFinite(tb)) return Number.isFinite(ta) ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
