/**
 * The safe-headcount plan of a floor, for the Admin tab: which desks to keep so that all of them can be booked on the
 * same day (every two at least D apart, no zone over its capacity), and publishing it — the desks left out switch to
 * "off" through the ordinary publish, so the revision check, the re-check of bookings on those desks, the notices
 * and the audit are the publish's own.
 */
import { civilDateOf, isCivilDate } from '../domain/civil-date';
import { planProblems, safeHeadcountPlan, type SafeHeadcountPlan } from '../domain/headcount';
import { desksOn, err, isAdmin, ok, type Actor, type CivilDate, type DeskMode, type Result } from '../domain/model';
import { effectivePolicy, type ZoneCapacityRule } from '../domain/policy';
import { actorOf, type AdminDeps } from './admin-deps';
import { InvalidInputError } from './errors';
import { toSiteDocument } from './import-catalog';
import type { SiteCatalog } from './ports';
import { publishSite, type PublishOutcome, type PublishRefusal } from './publish-site';

export interface FloorPlanView extends SafeHeadcountPlan {
  readonly floorId: string;
  readonly siteId: string;
  /** The day whose rules (D, capacities) the plan follows. */
  readonly date: CivilDate;
  readonly minDistanceM: number;
  /** The catalog revision the plan was computed on; publishing it names this revision. */
  readonly revision: number;
}

export type PlanRefusal =
  | { readonly kind: 'not-allowed' }
  | { readonly kind: 'unknown-floor' }
  | { readonly kind: 'stale'; readonly current: number }
  | { readonly kind: 'unsafe'; readonly problems: readonly string[] }
  | { readonly kind: 'publish'; readonly refusal: PublishRefusal };

interface PlanQuery {
  readonly actor: Actor;
  readonly floorId: string;
  /** Default: today at the site. */
  readonly date?: CivilDate;
}

type Deps = Pick<AdminDeps, 'catalog' | 'catalogStore' | 'clock'>;

export async function planFloor(deps: Deps, q: PlanQuery): Promise<Result<FloorPlanView, PlanRefusal>> {
  if (!isAdmin(q.actor)) return err({ kind: 'not-allowed' });
  const found = await storedFloor(deps, q.floorId);
  if (!found) return err({ kind: 'unknown-floor' });
  const rules = rulesOn(found, deps, q.floorId, q.date);
  const plan = safeHeadcountPlan(rules.desks, rules.minDistanceM, rules.capacities);
  return ok({ ...plan, floorId: q.floorId, siteId: found.site.id, date: rules.date, minDistanceM: rules.minDistanceM, revision: found.revision ?? 0 });
}

export interface PublishPlanCommand extends PlanQuery {
  /** The revision the plan was shown on: a publish since then refuses the plan rather than switching off the wrong desks. */
  readonly revision: number;
  /** The desks to keep, as shown; the floor's other bookable desks switch off from `date` (default: today). */
  readonly deskIds: readonly string[];
}

export interface PublishPlanOutcome extends PublishOutcome {
  readonly floorId: string;
  readonly kept: number;
  readonly switchedOff: readonly string[];
  /** The first day the switched-off desks are off: the plan's day, or today when that day has come. */
  readonly offFrom: CivilDate;
}

export async function publishPlan(deps: AdminDeps, cmd: PublishPlanCommand): Promise<Result<PublishPlanOutcome, PlanRefusal>> {
  if (!isAdmin(cmd.actor)) return err({ kind: 'not-allowed' });
  const found = await storedFloor(deps, cmd.floorId);
  if (!found) return err({ kind: 'unknown-floor' });
  if ((found.revision ?? 0) !== cmd.revision) return err({ kind: 'stale', current: found.revision ?? 0 });
  const rules = rulesOn(found, deps, cmd.floorId, cmd.date);
  // The admin may publish the plan shown or one of their own, as long as it is safe.
  const problems = planProblems(rules.desks, rules.minDistanceM, rules.capacities, cmd.deskIds);
  if (problems.length > 0) return err({ kind: 'unsafe', problems });

  const keep = new Set(cmd.deskIds);
  const switchedOff = rules.desks.filter((d) => d.mode === 'bookable' && !keep.has(d.id)).map((d) => d.id);
  const off = new Set(switchedOff);
  const today = civilDateOf(deps.clock.now(), found.site.timeZone);
  const doc = toSiteDocument(found);
  const site = {
    ...doc,
    floors: doc.floors.map((f) => (f.id !== cmd.floorId ? f : { ...f, desks: (f.desks ?? []).map((d) => planned(d, rules.date, today, off.has(d.id), keep.has(d.id))) })),
  };
  const published = await publishSite(deps, { actor: cmd.actor, siteId: found.site.id, site, revision: cmd.revision });
  if (!published.ok) return err({ kind: 'publish', refusal: published.error });
  const v = published.value;
  if (v.changed) {
    await deps.audit.append({
      at: deps.clock.now().toISOString(),
      ...actorOf(cmd.actor),
      action: 'plan.publish',
      siteId: found.site.id,
      count: v.cancelled.length,
      params: { floorId: cmd.floorId, date: rules.date, minDistanceM: rules.minDistanceM, kept: keep.size, switchedOff: switchedOff.length, revision: v.revision },
    });
  }
  return ok({ ...v, floorId: cmd.floorId, kept: keep.size, switchedOff, offFrom: rules.date > today ? rules.date : today });
}

/**
 * A desk under a plan that starts on `from`. Left out, it switches off from that day, or at once when that day has
 * come; bookings of earlier days stand. Kept, it loses a later switch-off of an earlier plan: from `from` on, this
 * plan says which desks are bookable.
 */
function planned<D extends { mode?: DeskMode; offFrom?: string }>(desk: D, from: CivilDate, today: CivilDate, switchOff: boolean, kept: boolean): D {
  const { offFrom: _offFrom, ...rest } = desk;
  if (switchOff) return (from <= today ? { ...rest, mode: 'off' } : { ...rest, offFrom: from }) as D;
  if (kept && desk.offFrom !== undefined && desk.offFrom > from) return rest as D;
  return desk;
}

/** The stored catalog holding the floor, read fresh: the plan names its revision. */
async function storedFloor(deps: Deps, floorId: string): Promise<SiteCatalog | undefined> {
  const siteId = (await deps.catalog.current()).floor(floorId)?.catalog.site.id;
  const stored = siteId ? await deps.catalogStore.getSiteCatalog(siteId) : null;
  return stored?.floors.some((f) => f.id === floorId) ? stored : undefined;
}

/** The floor's desks, D and each zone's capacity rule on the day. */
function rulesOn(catalog: SiteCatalog, deps: Pick<Deps, 'clock'>, floorId: string, day: CivilDate | undefined) {
  if (day !== undefined && !isCivilDate(day)) throw new InvalidInputError('date must be a real day written YYYY-MM-DD', 'date');
  const date = day ?? civilDateOf(deps.clock.now(), catalog.site.timeZone);
  const policy = effectivePolicy(catalog.policies, date);
  // The desks as they are that day: one a plan already switches off by then is not a candidate.
  const desks = desksOn(catalog.desks.filter((d) => d.floorId === floorId), date);
  const capacities = new Map<string, ZoneCapacityRule>();
  for (const zone of catalog.zones.filter((z) => z.floorId === floorId)) capacities.set(zone.id, policy.capacityRuleFor(zone.id));
  return { date, desks, capacities, minDistanceM: policy.rules.minDistanceM };
}
