import { isCivilDate } from '../domain/civil-date';
import { FloorDay, type DeskVerdict, type ZoneSummary } from '../domain/floor-day';
import type { Actor, CivilDate, FloorLayout } from '../domain/model';
import { effectivePolicy, type PolicyRules, type PolicyVersion } from '../domain/policy';
import type { CatalogIndex } from './catalog-index';
import { InvalidInputError } from './errors';
import type { ReservationStore, VersionedLedger } from './ports';
import { RecentLedgers } from './recent-ledgers';

export interface FloorAvailability {
  readonly layout: FloorLayout;
  readonly date: CivilDate;
  readonly rules: PolicyRules;
  readonly zones: readonly ZoneSummary[];
  readonly desks: readonly DeskVerdict[];
}

export interface AvailabilityDeps {
  readonly store: Pick<ReservationStore, 'readLedgers'>;
  readonly catalog: { current(): Promise<CatalogIndex> };
}

/** Every desk's state and reason on a floor and day, for one person, from one read of the floor's zone ledgers. */
export async function floorAvailability(
  deps: AvailabilityDeps,
  query: { actor: Pick<Actor, 'userId' | 'groups'>; floorId: string; date: string },
): Promise<FloorAvailability | null> {
  if (!isCivilDate(query.date)) throw new InvalidInputError(`date must be a real day written YYYY-MM-DD`, 'date');
  const found = (await deps.catalog.current()).floor(query.floorId);
  if (!found) return null;
  const floorDay = await readFloorDay(deps, found.layout, found.catalog.policies, query.date);
  return {
    layout: found.layout,
    date: query.date,
    rules: floorDay.policy.rules,
    zones: floorDay.zoneSummaries(),
    desks: floorDay.verdicts(query.actor),
  };
}

export async function readFloorDay(
  deps: AvailabilityDeps,
  layout: FloorLayout,
  policies: Parameters<typeof effectivePolicy>[0],
  date: CivilDate,
): Promise<FloorDay> {
  const ledgers = await deps.store.readLedgers(date, layout.floor.id, layout.zones.map((z) => z.id));
  return FloorDay.fromLedgers(layout, effectivePolicy(policies, date), date, ledgers);
}

/** A floor on a day as last read: the ledgers, and the floor day built from them. */
export interface FloorSnapshot {
  readonly ledgers: readonly VersionedLedger[];
  /** The same object for as long as the ledgers' versions and the layout stay the same. */
  readonly floorDay: FloorDay;
}

/**
 * The floors the tab shows, read at most `ttlMs` ago and built once per set of ledger versions. Every open tab polls
 * its floor and, in the morning, hundreds of people read the same three floors a second: one read and one build
 * then serve them all. A view may be `ttlMs` behind a change made on another instance (as the 304s of the conditional
 * GET already are); a change made by this process forgets the day at once (see RecentLedgers.forget). A view is
 * advice: a booking decides on its own reads.
 */
export class FloorViews {
  private readonly recent: RecentLedgers;
  /** Per layout object (a new catalog brings new ones), the last floor day built per day, with its versions. */
  private readonly built = new WeakMap<FloorLayout, Map<CivilDate, { versions: string; floorDay: FloorDay }>>();

  constructor(store: Pick<ReservationStore, 'readLedgers'>, ttlMs: number) {
    this.recent = new RecentLedgers(store, ttlMs);
  }

  /** `nowMs` is wall time (performance.now()): it bounds how stale a view may be, whatever the site's clock says. */
  async read(layout: FloorLayout, policies: readonly PolicyVersion[], date: CivilDate, nowMs: number): Promise<FloorSnapshot> {
    const ledgers = await this.recent.read(date, layout.floor.id, layout.zones.map((z) => z.id), nowMs);
    const versions = ledgers.map((l) => `${l.zoneId}=${l.version ?? ''}`).join('|');
    let days = this.built.get(layout);
    if (!days) this.built.set(layout, (days = new Map()));
    const known = days.get(date);
    if (known && known.versions === versions) return { ledgers, floorDay: known.floorDay };
    const floorDay = FloorDay.fromLedgers(layout, effectivePolicy(policies, date), date, ledgers);
    days.delete(date);
    days.set(date, { versions, floorDay });
    // The days shown are the bookable ones, a few dozen: bound the map all the same.
    if (days.size > MAX_DAYS_PER_FLOOR) days.delete(days.keys().next().value!);
    return { ledgers, floorDay };
  }
}

const MAX_DAYS_PER_FLOOR = 64;
