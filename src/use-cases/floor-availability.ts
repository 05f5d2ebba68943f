import { isCivilDate } from '../domain/civil-date';
import { FloorDay, type DeskVerdict, type ZoneSummary } from '../domain/floor-day';
import type { Actor, CivilDate, FloorLayout } from '../domain/model';
import { effectivePolicy, type PolicyRules } from '../domain/policy';
import type { CatalogIndex } from './catalog-index';
import { InvalidInputError } from './errors';
import type { ReservationStore } from './ports';

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
