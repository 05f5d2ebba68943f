/**
 * Changing a site's rules, or one zone's capacity, from a date on, with a preview of what it would cost.
 *
 * The change becomes a policy version effective from that date: the rules in force that day with the fields given
 * replaced (a version already starting that day is edited in place). Versions that start later keep their own other
 * rules but take the fields given too, since "from 14 December, 30 %" is meant to hold after that day as well. Days
 * before the date keep their versions: history is never rewritten.
 *
 * The preview replays exactly what the re-check will do once the change is stored (src/use-cases/recheck-bookings.ts):
 * each day against the rules in force that day (recheckDay: checked-in bookings first, then the earliest booked
 * keeps the desk), then the weekly quotas, over the same days. It reads and writes nothing but the day lists.
 * Applying stores the new catalog version, runs the re-check, tells each person whose booking it cancelled, and
 * records an audit entry.
 */
import { addDays, civilDateOf, daysBetween, isoWeekDates } from '../domain/civil-date';
import { err, isActive, ok, type Actor, type Booking, type CivilDate, type FloorLayout, type Result } from '../domain/model';
import { DEFAULT_RULES, effectivePolicy, type PolicyRules, type PolicyVersion, type ZoneCapacityRule } from '../domain/policy';
import { overWeeklyQuota, quotaWeeks, recheckDay, type RecheckCancellation } from '../domain/policy-recheck';
import type { AuditEntry, AuditParamValue } from './audit-port';
import { actorOf, groupsLookup, recheckAndTell, type AdminDeps, type AfterChange } from './admin-deps';
import { CatalogIndex } from './catalog-index';
import { CatalogImportError, importCatalog, validateCatalogs } from './import-catalog';
import { CatalogChangedError, type SiteCatalog } from './ports';

/** The rules an admin may change; each one left out stays as it is. */
export type PolicyChange = Partial<PolicyRules>;

export interface ChangePolicyCommand {
  readonly actor: Actor;
  readonly siteId: string;
  /** A zone's capacity only; without it, the site's rules. */
  readonly zoneId?: string;
  readonly effectiveFrom: CivilDate;
  readonly policy: PolicyChange;
  /**
   * The catalog revision the admin previewed: the apply is refused if the site changed since, as the preview no
   * longer says what the change costs. Without it, the revision this apply reads.
   */
  readonly revision?: number;
}

export type PolicyRefusal =
  | { readonly kind: 'unknown-site' }
  | { readonly kind: 'unknown-zone' }
  | { readonly kind: 'past'; readonly today: CivilDate }
  /** A zone was named, and a rule other than the capacity given. */
  | { readonly kind: 'zone-only'; readonly field: string }
  /** The resulting policies break the import's rules (e.g. the reminder after the deadline). */
  | { readonly kind: 'invalid'; readonly problems: readonly { field: string; problem: string }[] }
  /** Someone else changed the site since the revision the change was computed from; nothing was stored. */
  | { readonly kind: 'stale'; readonly current: number };

export interface PolicyPlan {
  readonly catalog: SiteCatalog;
  /** What changed, field by field (the rules in force on the date, before and after). */
  readonly changes: readonly { field: keyof PolicyRules; from: unknown; to: unknown }[];
  /** The bookings the change would cancel, in the order the re-check meets them. */
  readonly cancellations: readonly RecheckCancellation[];
  readonly window: { readonly from: CivilDate; readonly days: number };
  /** The stored revision the plan was made from; an apply naming it is refused if the site changed since. */
  readonly revision: number;
}

const RULE_FIELDS = ['zoneCapacity', 'minDistanceM', 'horizonDays', 'bookableWeekdays', 'weeklyQuota', 'reminderTime', 'checkInDeadline'] as const;

/** What the change would cancel; nothing is written. */
export async function previewPolicyChange(deps: AdminDeps, cmd: ChangePolicyCommand): Promise<Result<PolicyPlan, PolicyRefusal>> {
  const current = await deps.catalogStore.getSiteCatalog(cmd.siteId);
  if (!current) return err({ kind: 'unknown-site' });
  const planned = planCatalog(current, cmd, civilDateOf(deps.clock.now(), current.site.timeZone));
  if (!planned.ok) return planned;
  const { catalog, changes, window } = planned.value;
  const groupsOf = await groupsLookup(deps, catalog, window);
  const cancellations = await replayRecheck(deps, catalog, window, groupsOf);
  return ok({ catalog, changes, cancellations, window, revision: current.revision ?? 0 });
}

export interface PolicyApplied extends AfterChange {
  readonly changes: PolicyPlan['changes'];
  readonly revision: number;
  readonly audit: AuditEntry;
}

/** Stores the change as a new catalog version, re-checks, tells each person cancelled, and audits. */
export async function applyPolicyChange(deps: AdminDeps, cmd: ChangePolicyCommand): Promise<Result<PolicyApplied, PolicyRefusal>> {
  const current = await deps.catalogStore.getSiteCatalog(cmd.siteId);
  if (!current) return err({ kind: 'unknown-site' });
  const planned = planCatalog(current, cmd, civilDateOf(deps.clock.now(), current.site.timeZone));
  if (!planned.ok) return planned;
  const { catalog, changes, window } = planned.value;
  // Two admins may apply at the same instant, each from the version they read: the write is conditional on that
  // version, so the second is refused rather than silently undoing the first.
  const base = current.revision ?? 0;
  if (cmd.revision !== undefined && cmd.revision !== base) return err({ kind: 'stale', current: base });
  try {
    await importCatalog(deps.catalogStore, [catalog], undefined, { [cmd.siteId]: base });
  } catch (error) {
    if (!(error instanceof CatalogChangedError)) throw error;
    return err({ kind: 'stale', current: error.current ?? base + 1 });
  }
  const result = await recheckAndTell(deps, cmd.siteId, window);
  const revision = (await deps.catalogStore.getSiteCatalog(cmd.siteId))?.revision ?? 0;
  const params: Record<string, AuditParamValue> = {
    scope: cmd.zoneId === undefined ? 'site' : 'zone',
    ...(cmd.zoneId !== undefined && { zoneId: cmd.zoneId }),
    effectiveFrom: cmd.effectiveFrom,
    fields: changes.map((c) => c.field).join(','),
    cancelled: result.cancelled.length,
    recheckComplete: result.complete,
    revision,
  };
  for (const c of changes) {
    params[`from.${c.field}`] = ruleText(c.from);
    params[`to.${c.field}`] = ruleText(c.to);
  }
  const audit = await deps.audit.append({
    at: deps.clock.now().toISOString(),
    ...actorOf(cmd.actor),
    action: 'policy.change',
    siteId: cmd.siteId,
    count: result.cancelled.length,
    params,
  });
  return ok({ ...result, changes, revision, audit });
}

/** A rule's value as the audit log shows it, the same in every language: "30 %", "4", "1.5", "1,2,3,4,5", "none". */
export function ruleText(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'object') {
    const rule = value as ZoneCapacityRule;
    return rule.kind === 'percent' ? `${rule.value} %` : String(rule.value);
  }
  return String(value);
}

function planCatalog(
  current: SiteCatalog,
  cmd: ChangePolicyCommand,
  today: CivilDate,
): Result<{ catalog: SiteCatalog; changes: PolicyPlan['changes']; window: PolicyPlan['window'] }, PolicyRefusal> {
  if (cmd.effectiveFrom < today) return err({ kind: 'past', today });
  if (cmd.zoneId !== undefined) {
    if (!current.zones.some((z) => z.id === cmd.zoneId)) return err({ kind: 'unknown-zone' });
    const other = Object.keys(cmd.policy).find((k) => k !== 'zoneCapacity');
    if (other !== undefined) return err({ kind: 'zone-only', field: `policy.${other}` });
  }
  const before = effectivePolicy(current.policies, cmd.effectiveFrom);
  const apply = (v: PolicyVersion): PolicyVersion => {
    if (cmd.zoneId !== undefined) {
      if (!cmd.policy.zoneCapacity) return v;
      return { ...v, zoneCapacity: { ...(v.zoneCapacity ?? {}), [cmd.zoneId]: cmd.policy.zoneCapacity } };
    }
    return { ...v, rules: { ...v.rules, ...cmd.policy } };
  };
  const chosen = current.policies.find((p) => p.effectiveFrom === before.effectiveFrom);
  const startingThatDay = current.policies.find((p) => p.effectiveFrom === cmd.effectiveFrom);
  const base: PolicyVersion = startingThatDay ?? {
    effectiveFrom: cmd.effectiveFrom,
    rules: chosen?.rules ?? DEFAULT_RULES,
    ...(chosen?.zoneCapacity !== undefined && { zoneCapacity: chosen.zoneCapacity }),
  };
  const policies = [
    ...current.policies.filter((p) => p.effectiveFrom < cmd.effectiveFrom),
    apply(base),
    ...current.policies.filter((p) => p.effectiveFrom > cmd.effectiveFrom).map(apply),
  ];
  const { revision: _revision, ...rest } = current;
  let catalog: SiteCatalog;
  try {
    [catalog] = validateCatalogs([{ ...rest, policies }]) as [SiteCatalog];
  } catch (error) {
    if (!(error instanceof CatalogImportError)) throw error;
    return err({ kind: 'invalid', problems: error.problems.map((p) => ({ field: policyField(p), problem: p })) });
  }
  const after = effectivePolicy(catalog.policies, cmd.effectiveFrom);
  const changes = RULE_FIELDS.flatMap((field) => {
    const from = field === 'zoneCapacity' && cmd.zoneId !== undefined ? before.capacityRuleFor(cmd.zoneId) : before.rules[field];
    const to = field === 'zoneCapacity' && cmd.zoneId !== undefined ? after.capacityRuleFor(cmd.zoneId) : after.rules[field];
    return JSON.stringify(from) === JSON.stringify(to) ? [] : [{ field, from, to }];
  });
  // The re-check's own window: from the date (today at the earliest) through the furthest day any policy, old or
  // new, lets people book.
  const horizon = Math.max(...[...current.policies, ...catalog.policies].map((p) => p.rules.horizonDays), DEFAULT_RULES.horizonDays);
  const last = addDays(today, horizon);
  return ok({ catalog, changes, window: { from: cmd.effectiveFrom, days: Math.max(0, daysBetween(cmd.effectiveFrom, last) + 1) } });
}

/** "catalog: sites[0].policies[1].rules.reminderTime: …" → "policy.reminderTime"; anything else → "policy". */
function policyField(problem: string): string {
  const m = /policies\[\d+\]\.(?:rules\.)?([A-Za-z]+)/.exec(problem);
  return m ? `policy.${m[1]}` : 'policy';
}

/**
 * The re-check of recheckBookings, replayed without writing: per day the rules in force that day decide who keeps
 * their desk; then, per ISO week, the quota, counting what the days kept. See recheckBookings and recheckQuotas.
 */
async function replayRecheck(
  deps: Pick<AdminDeps, 'store'>,
  catalog: SiteCatalog,
  window: PolicyPlan['window'],
  groupsOf: ((userId: string) => readonly string[] | undefined) | undefined,
): Promise<RecheckCancellation[]> {
  if (window.days === 0) return [];
  const index = new CatalogIndex([catalog]);
  const layouts: FloorLayout[] = catalog.floors.flatMap((f) => {
    const floor = index.floor(f.id);
    return floor ? [floor.layout] : [];
  });
  const first = window.from;
  const last = addDays(first, window.days - 1);
  const byDay = new Map<CivilDate, Booking[]>();
  const dayOf = async (date: CivilDate): Promise<Booking[]> => {
    let list = byDay.get(date);
    if (!list) {
      list = (await deps.store.listBookingsOfDay(date)).filter((b) => b.siteId === catalog.site.id);
      byDay.set(date, list);
    }
    return list;
  };
  const cancelled: RecheckCancellation[] = [];
  const gone = new Set<string>();
  for (let date = first; daysBetween(date, last) >= 0; date = addDays(date, 1)) {
    const active = (await dayOf(date)).filter(isActive);
    const plan = recheckDay({ layouts, policy: effectivePolicy(catalog.policies, date), bookings: active, ...(groupsOf && { groupsOf }) });
    for (const c of plan.cancel) {
      cancelled.push(c);
      gone.add(c.booking.id);
    }
  }
  for (const week of quotaWeeks(catalog.policies, first, last)) {
    const counted = (await Promise.all(isoWeekDates(week).map(dayOf)))
      .flat()
      .filter((b) => !gone.has(b.id) && (isActive(b) || b.checkedInAt !== undefined));
    for (const c of overWeeklyQuota({ policies: catalog.policies, week, bookings: counted, first, last })) {
      cancelled.push(c);
      gone.add(c.booking.id);
    }
  }
  return cancelled;
}
