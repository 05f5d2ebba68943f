/** The site → floor → zone → desk model. Positions and outlines are in metres on the floor. */

/** A civil date in a site's time zone, written YYYY-MM-DD. */
export type CivilDate = string;

export type DeskMode = 'bookable' | 'assigned' | 'off';

/** Well-known desk attributes; sites may add their own words. */
export const KNOWN_ATTRIBUTES = ['monitor', 'standing', 'docking', 'accessible', 'quiet', 'window'] as const;

export type Point = readonly [number, number];

export interface Site {
  readonly id: string;
  readonly name: string;
  /** IANA time zone, e.g. Europe/Brussels. Booking days are civil dates in this zone. */
  readonly timeZone: string;
}

export interface Floor {
  readonly id: string;
  readonly siteId: string;
  readonly name: string;
  /** Extent of the floor, in metres. */
  readonly width: number;
  readonly height: number;
  readonly planImageUrl?: string;
  /** A drawn plan, drawn under the zones and desks; the plan image, when both are set, lies under it. */
  readonly plan?: FloorPlan;
}

export const PLAN_SHAPE_KINDS = ['wall', 'window', 'door', 'room', 'kitchen', 'stairs', 'lift', 'toilets'] as const;
export type PlanShapeKind = (typeof PLAN_SHAPE_KINDS)[number];

/**
 * One shape of a floor plan, in metres. Walls, windows and doors are open polylines; rooms, kitchens, stairs,
 * lifts and toilets are closed polygons.
 */
export interface PlanShape {
  readonly kind: PlanShapeKind;
  readonly points: readonly Point[];
  readonly label?: string;
}

export interface FloorPlan {
  readonly shapes: readonly PlanShape[];
}

/** Polygons are filled areas; the other kinds are lines. */
export function isPlanArea(kind: PlanShapeKind): boolean {
  return kind !== 'wall' && kind !== 'window' && kind !== 'door';
}

export interface Zone {
  readonly id: string;
  readonly floorId: string;
  readonly name: string;
  readonly outline: readonly Point[];
  /** When set, only people in one of these groups may book desks of this zone. */
  readonly allowedGroups?: readonly string[];
}

export interface Desk {
  readonly id: string;
  readonly floorId: string;
  readonly zoneId: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly attributes: readonly string[];
  readonly mode: DeskMode;
  /**
   * The first day the desk is switched off (the safe-headcount plan publishes it): before it the desk keeps `mode`,
   * so bookings already made for those days stand.
   */
  readonly offFrom?: CivilDate;
}

/** The desk's mode on `date`: switched off on and after `offFrom`, else its own. */
export function deskModeOn(desk: Pick<Desk, 'mode' | 'offFrom'>, date: CivilDate): DeskMode {
  // Civil dates written YYYY-MM-DD sort as text.
  return desk.offFrom !== undefined && date >= desk.offFrom ? 'off' : desk.mode;
}

/**
 * The desks as they are on `date`, each with the mode it has that day. The same array when no desk has switched off
 * by then, so callers that cache by layout keep their caches.
 */
export function desksOn(desks: readonly Desk[], date: CivilDate): readonly Desk[] {
  if (!desks.some((d) => d.offFrom !== undefined && date >= d.offFrom && d.mode !== 'off')) return desks;
  return desks.map((d) => (d.offFrom !== undefined && date >= d.offFrom && d.mode !== 'off' ? { ...d, mode: 'off' } : d));
}

/** The latest `offFrom` on or before `date`: two days with the same one see the same desks switched off. */
export function offFromInForce(desks: readonly Desk[], date: CivilDate): CivilDate | undefined {
  let latest: CivilDate | undefined;
  for (const d of desks) if (d.offFrom !== undefined && d.offFrom <= date && (latest === undefined || d.offFrom > latest)) latest = d.offFrom;
  return latest;
}

/** Why a desk cannot be booked on `date` for its mode, or undefined when its mode allows booking. */
export function modeUnavailability(desk: Pick<Desk, 'mode' | 'offFrom'>, date: CivilDate): 'mode-off' | 'mode-assigned' | 'plan-off' | undefined {
  if (desk.mode === 'off') return 'mode-off';
  if (desk.offFrom !== undefined && date >= desk.offFrom) return 'plan-off';
  if (desk.mode === 'assigned') return 'mode-assigned';
  return undefined;
}

/** Everything the rules need to know about one floor's layout. */
export interface FloorLayout {
  readonly site: Site;
  readonly floor: Floor;
  readonly zones: readonly Zone[];
  readonly desks: readonly Desk[];
}

export type BookingStatus = 'booked' | 'checked-in' | 'released' | 'cancelled-by-admin';

/** Why a booking left the active states. */
export type ReleaseReason = 'cancelled' | 'released-early' | 'no-show' | 'admin';

export interface Booking {
  readonly id: string;
  readonly siteId: string;
  readonly floorId: string;
  readonly zoneId: string;
  readonly deskId: string;
  readonly date: CivilDate;
  readonly userId: string;
  readonly userName?: string;
  readonly status: BookingStatus;
  /** ISO instant. */
  readonly createdAt: string;
  readonly requestId?: string;
  readonly checkedInAt?: string;
  readonly releasedAt?: string;
  readonly releaseReason?: ReleaseReason;
  readonly releasedBy?: string;
  /** The recurring series this day belongs to, when it was booked as one. */
  readonly seriesId?: string;
  /** Who made the booking, when it was not the person it is for (a delegate or an admin). */
  readonly bookedBy?: string;
}

/** Booking ids start with their day, so that a booking is found from its id alone: `2026-12-03.k3j…`. */
export const BOOKING_ID_PATTERN = /^(\d{4}-\d{2}-\d{2})\.[A-Za-z0-9_-]{8,40}$/;

export function dateOfBookingId(bookingId: string): CivilDate | null {
  const m = BOOKING_ID_PATTERN.exec(bookingId);
  return m ? m[1]! : null;
}

export function isActive(b: Pick<Booking, 'status'>): boolean {
  return b.status === 'booked' || b.status === 'checked-in';
}

/** One occupied desk of a zone on a day, as a zone ledger records it. */
export interface LedgerEntry {
  readonly deskId: string;
  readonly userId: string;
  readonly bookingId: string;
  readonly checkedIn: boolean;
}

export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** The caller, as established by a verified token or the bot's channel; never taken from a request body. */
export interface Actor {
  readonly userId: string;
  readonly name?: string;
  readonly roles: readonly Role[];
  readonly groups?: readonly string[];
}

/**
 * App roles from the token's `roles` claim: `admin` runs sites, plans and rules; `reports` sees aggregates, never
 * names; `tracer` runs contact tracing, each run logged. A role grants only its own doors: an admin is not a tracer.
 */
export const ROLES = ['admin', 'reports', 'tracer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function hasAnyRole(actor: Pick<Actor, 'roles'>, allowed: readonly Role[]): boolean {
  return actor.roles.some((r) => allowed.includes(r));
}

export function isAdmin(actor: Actor): boolean {
  return actor.roles.includes('admin');
}
