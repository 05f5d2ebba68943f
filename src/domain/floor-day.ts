import { distance, roundMetres, tooClose } from './geometry';
import { modeUnavailability, type Actor, type CivilDate, type Desk, type FloorLayout, type LedgerEntry, type Zone } from './model';
import { capacityOfZone, type EffectivePolicy } from './policy';
import { MAX_ALTERNATIVES, refusal, type Alternative, type Refusal, type UnavailableWhy } from './refusal';

/** A desk's state on the map, from one person's point of view. */
export type DeskState = 'free' | 'mine' | 'taken' | 'too-close' | 'zone-full' | 'unavailable';

export type DeskReason =
  | { readonly kind: 'free' }
  | { readonly kind: 'mine'; readonly bookingId: string; readonly checkedIn: boolean }
  | { readonly kind: 'taken'; readonly checkedIn: boolean }
  | {
      readonly kind: 'too-close';
      readonly nearestDeskId: string;
      readonly nearestDeskLabel: string;
      readonly distanceM: number;
      readonly minDistanceM: number;
    }
  | { readonly kind: 'zone-full'; readonly zoneName: string; readonly capacity: number; readonly booked: number }
  | { readonly kind: 'unavailable'; readonly why: UnavailableWhy; readonly offFrom?: CivilDate };

export interface DeskVerdict {
  readonly desk: Desk;
  readonly state: DeskState;
  readonly reason: DeskReason;
}

export interface ZoneSummary {
  readonly zone: Zone;
  readonly capacity: number;
  readonly booked: number;
  readonly bookableDesks: number;
}

/** One entry of a zone ledger, with the zone it belongs to. */
export type OccupiedDesk = LedgerEntry & { readonly zoneId: string };

interface LayoutIndex {
  readonly desksById: ReadonlyMap<string, Desk>;
  readonly zonesById: ReadonlyMap<string, Zone>;
  readonly bookableByZone: ReadonlyMap<string, number>;
  /** Bookable desks that switch off from a date: on and after it they leave their zone's bookable count. */
  readonly offFromDesks: readonly Desk[];
}

/** What never changes for a layout, computed once per layout object (the catalog keeps them for its lifetime). */
const layoutIndexes = new WeakMap<FloorLayout, LayoutIndex>();

function layoutIndex(layout: FloorLayout): LayoutIndex {
  const known = layoutIndexes.get(layout);
  if (known) return known;
  const desksById = new Map<string, Desk>();
  const zonesById = new Map<string, Zone>();
  const bookableByZone = new Map<string, number>();
  const offFromDesks: Desk[] = [];
  for (const z of layout.zones) zonesById.set(z.id, z);
  for (const d of layout.desks) {
    desksById.set(d.id, d);
    if (d.mode === 'bookable') bookableByZone.set(d.zoneId, (bookableByZone.get(d.zoneId) ?? 0) + 1);
    if (d.mode === 'bookable' && d.offFrom !== undefined) offFromDesks.push(d);
  }
  const index = { desksById, zonesById, bookableByZone, offFromDesks };
  layoutIndexes.set(layout, index);
  return index;
}

/** Each zone's bookable desks on `date`: a percentage capacity follows the desks the plan leaves bookable that day. */
function bookableOn(index: LayoutIndex, date: CivilDate): ReadonlyMap<string, number> {
  const gone = index.offFromDesks.filter((d) => date >= d.offFrom!);
  if (gone.length === 0) return index.bookableByZone;
  const counts = new Map(index.bookableByZone);
  for (const d of gone) counts.set(d.zoneId, counts.get(d.zoneId)! - 1);
  return counts;
}

/**
 * One floor on one day: the layout, the rules in force and the desks occupied.
 * Every decision about a desk on that day is a pure function of this.
 */
export class FloorDay {
  readonly date: CivilDate;
  readonly layout: FloorLayout;
  readonly policy: EffectivePolicy;
  private readonly desksById: ReadonlyMap<string, Desk>;
  private readonly zonesById: ReadonlyMap<string, Zone>;
  private readonly bookableByZone: ReadonlyMap<string, number>;
  private readonly occupiedByDesk = new Map<string, LedgerEntry>();
  private readonly bookedByZone = new Map<string, number>();
  private readonly seenBookings = new Set<string>();
  /** Occupied desks bucketed in square cells of side D: a desk closer than D to another is in the 3 × 3 cells around it. */
  private readonly occupiedCells = new Map<number, Desk[]>();
  private readonly cellSize: number;
  private readonly summaries = new Map<string, ZoneSummary>();

  constructor(layout: FloorLayout, policy: EffectivePolicy, date: CivilDate, occupied: readonly OccupiedDesk[]) {
    this.date = date;
    this.layout = layout;
    this.policy = policy;
    this.cellSize = policy.rules.minDistanceM > 0 ? policy.rules.minDistanceM : 1;
    const index = layoutIndex(layout);
    this.desksById = index.desksById;
    this.zonesById = index.zonesById;
    this.bookableByZone = bookableOn(index, date);
    for (const o of occupied) this.addOccupied(o, o.zoneId);
  }

  /** The floor day from its zone ledgers as stored, without copying their entries. */
  static fromLedgers(
    layout: FloorLayout,
    policy: EffectivePolicy,
    date: CivilDate,
    ledgers: readonly { readonly zoneId: string; readonly entries: readonly LedgerEntry[] }[],
  ): FloorDay {
    const day = new FloorDay(layout, policy, date, []);
    for (const l of ledgers) for (const e of l.entries) day.addOccupied(e, l.zoneId);
    return day;
  }

  /**
   * A booked desk counts where the layout puts it now, not where it was when booked: an import may rename its zone
   * or move it, and the ledger row it sits in keeps the old zone id until the import's re-check moves it. A desk the
   * layout no longer has on this floor counts in its ledger's zone if that zone is still here (a removed desk holds
   * its place until its booking is cancelled), and nowhere else.
   */
  private addOccupied(entry: LedgerEntry, zoneId: string): void {
    const desk = this.desksById.get(entry.deskId);
    const zone = desk ? desk.zoneId : this.zonesById.has(zoneId) ? zoneId : undefined;
    if (!desk && zone === undefined) return;
    // An entry is listed twice for a moment while the re-check moves it between rows that do not fit one transaction.
    if (this.seenBookings.has(entry.bookingId)) return;
    this.seenBookings.add(entry.bookingId);
    this.occupiedByDesk.set(entry.deskId, entry);
    if (zone !== undefined) this.bookedByZone.set(zone, (this.bookedByZone.get(zone) ?? 0) + 1);
    if (desk) this.occupiedDesksAdd(desk);
  }

  private occupiedDesksAdd(desk: Desk): void {
    const key = this.cellKey(desk, 0, 0);
    const cell = this.occupiedCells.get(key);
    if (cell) cell.push(desk);
    else this.occupiedCells.set(key, [desk]);
  }

  /** A number per cell (floors are far smaller than a million cells across), cheaper to hash than a string. */
  private cellKey(desk: Pick<Desk, 'x' | 'y'>, dx: number, dy: number): number {
    return (Math.floor(desk.x / this.cellSize) + dx) * 1_000_003 + (Math.floor(desk.y / this.cellSize) + dy);
  }

  get minDistanceM(): number {
    return this.policy.rules.minDistanceM;
  }

  desk(deskId: string): Desk | undefined {
    return this.desksById.get(deskId);
  }

  zone(zoneId: string): Zone | undefined {
    return this.zonesById.get(zoneId);
  }

  occupant(deskId: string): LedgerEntry | undefined {
    return this.occupiedByDesk.get(deskId);
  }

  zoneSummary(zone: Zone): ZoneSummary {
    const known = this.summaries.get(zone.id);
    if (known) return known;
    const bookableDesks = this.bookableByZone.get(zone.id) ?? 0;
    const summary = {
      zone,
      bookableDesks,
      capacity: capacityOfZone(this.policy, zone, bookableDesks),
      booked: this.bookedByZone.get(zone.id) ?? 0,
    };
    this.summaries.set(zone.id, summary);
    return summary;
  }

  zoneSummaries(): ZoneSummary[] {
    return this.layout.zones.map((z) => this.zoneSummary(z));
  }

  /** The nearest occupied desk strictly closer than D, if any. */
  nearestConflict(desk: Desk): { desk: Desk; distanceM: number } | undefined {
    let best: { desk: Desk; distanceM: number } | undefined;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const other of this.occupiedCells.get(this.cellKey(desk, dx, dy)) ?? []) {
          if (!tooClose(desk, other, this.minDistanceM)) continue;
          const d = distance(desk, other);
          if (!best || d < best.distanceM || (d === best.distanceM && other.id < best.desk.id)) {
            best = { desk: other, distanceM: d };
          }
        }
      }
    }
    return best;
  }

  /** The state of a desk for `actor`: mine, taken, unavailable, zone full, too close, or free, in that order. */
  verdict(desk: Desk, actor: Pick<Actor, 'userId' | 'groups'>): DeskVerdict {
    const occupant = this.occupiedByDesk.get(desk.id);
    if (occupant) {
      return occupant.userId === actor.userId
        ? { desk, state: 'mine', reason: { kind: 'mine', bookingId: occupant.bookingId, checkedIn: occupant.checkedIn } }
        : { desk, state: 'taken', reason: { kind: 'taken', checkedIn: occupant.checkedIn } };
    }
    const unavailable = this.unavailability(desk, actor);
    if (unavailable) {
      const offFrom = unavailable === 'plan-off' ? desk.offFrom : undefined;
      return { desk, state: 'unavailable', reason: { kind: 'unavailable', why: unavailable, ...(offFrom !== undefined && { offFrom }) } };
    }
    const zone = this.zonesById.get(desk.zoneId);
    if (zone) {
      const s = this.zoneSummary(zone);
      if (s.booked >= s.capacity) {
        return {
          desk,
          state: 'zone-full',
          reason: { kind: 'zone-full', zoneName: zone.name, capacity: s.capacity, booked: s.booked },
        };
      }
    }
    const conflict = this.nearestConflict(desk);
    if (conflict) {
      return {
        desk,
        state: 'too-close',
        reason: {
          kind: 'too-close',
          nearestDeskId: conflict.desk.id,
          nearestDeskLabel: conflict.desk.label,
          distanceM: roundMetres(conflict.distanceM),
          minDistanceM: this.minDistanceM,
        },
      };
    }
    return { desk, state: 'free', reason: { kind: 'free' } };
  }

  verdicts(actor: Pick<Actor, 'userId' | 'groups'>): DeskVerdict[] {
    return this.layout.desks.map((d) => this.verdict(d, actor));
  }

  private unavailability(
    desk: Desk,
    actor: Pick<Actor, 'groups'>,
  ): UnavailableWhy | undefined {
    const byMode = modeUnavailability(desk, this.date);
    if (byMode) return byMode;
    const zone = this.zonesById.get(desk.zoneId);
    const allowed = zone?.allowedGroups;
    if (allowed && allowed.length > 0 && !allowed.some((g) => actor.groups?.includes(g))) return 'restricted-zone';
    return undefined;
  }

  /**
   * The desk-level rules for one desk: unavailable, taken, zone full, too close.
   * (The window, the one-desk-per-person-per-day rule and the quota are the caller's, because they are not about this floor.)
   */
  deskRefusal(desk: Desk, actor: Pick<Actor, 'userId' | 'groups'>): Refusal | null {
    const v = this.verdict(desk, actor);
    switch (v.reason.kind) {
      case 'free':
        return null;
      case 'mine':
      case 'taken':
        return refusal({ code: 'DESK_TAKEN', deskId: desk.id, deskLabel: desk.label, date: this.date });
      case 'unavailable':
        return refusal({
          code: 'DESK_UNAVAILABLE',
          deskId: desk.id,
          deskLabel: desk.label,
          why: v.reason.why,
          ...(v.reason.offFrom !== undefined && { offFrom: v.reason.offFrom }),
        });
      case 'zone-full':
        return refusal({
          code: 'ZONE_FULL',
          zoneId: desk.zoneId,
          zoneName: v.reason.zoneName,
          capacity: v.reason.capacity,
          booked: v.reason.booked,
          date: this.date,
        });
      case 'too-close':
        return refusal({
          code: 'TOO_CLOSE',
          deskId: desk.id,
          nearestDeskId: v.reason.nearestDeskId,
          nearestDeskLabel: v.reason.nearestDeskLabel,
          distanceM: v.reason.distanceM,
          minDistanceM: v.reason.minDistanceM,
          date: this.date,
        });
    }
  }

  /** Free desks of this floor for `actor`, nearest to `from` first. */
  nearestFreeDesks(from: Desk, actor: Pick<Actor, 'userId' | 'groups'>, limit = MAX_ALTERNATIVES): Alternative[] {
    return this.layout.desks
      .filter((d) => d.id !== from.id && this.verdict(d, actor).state === 'free')
      .map((d) => ({ d, m: distance(from, d) }))
      .sort((a, b) => a.m - b.m || (a.d.id < b.d.id ? -1 : a.d.id > b.d.id ? 1 : 0))
      .slice(0, limit)
      .map(({ d, m }) => ({
        kind: 'desk' as const,
        deskId: d.id,
        deskLabel: d.label,
        floorId: d.floorId,
        date: this.date,
        distanceM: roundMetres(m),
      }));
  }

  /**
   * The zones whose ledgers a booking of `desk` must write: its own, and every zone holding a desk within D of it.
   * Two bookings that could together break the distance rule are then certain to write a common ledger.
   */
  zonesGuardedBy(desk: Desk): string[] {
    const zones = new Set<string>([desk.zoneId]);
    for (const other of this.layout.desks) {
      // Every desk counts, whatever its mode: a mode can change between two reads of the layout.
      if (tooClose(desk, other, this.minDistanceM)) zones.add(other.zoneId);
    }
    return [...zones].sort();
  }
}
