import type { CivilDate, Zone } from './model';

/** Zone capacity: a head count, or a percentage of the zone's bookable desks (rounded down). */
export type ZoneCapacityRule =
  | { readonly kind: 'count'; readonly value: number }
  | { readonly kind: 'percent'; readonly value: number };

export interface PolicyRules {
  readonly zoneCapacity: ZoneCapacityRule;
  /** Minimum centre-to-centre distance D, in metres, between two desks booked on the same day and floor. */
  readonly minDistanceM: number;
  /** How many days ahead of today (site time) people may book; today + horizonDays is the last bookable day. */
  readonly horizonDays: number;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly bookableWeekdays: readonly number[];
  /** Bookings per person per ISO week; null means no quota. */
  readonly weeklyQuota: number | null;
  /** Site-local HH:MM. */
  readonly reminderTime: string;
  /** Site-local HH:MM; bookings without a check-in are released then. */
  readonly checkInDeadline: string;
}

/** A set of rules in force for a site from `effectiveFrom` (inclusive) until the next version starts. */
export interface PolicyVersion {
  readonly effectiveFrom: CivilDate;
  readonly rules: PolicyRules;
  /** Per-zone capacity overrides, keyed by zone id. */
  readonly zoneCapacity?: Readonly<Record<string, ZoneCapacityRule>>;
}

export const DEFAULT_RULES: PolicyRules = {
  zoneCapacity: { kind: 'percent', value: 50 },
  minDistanceM: 1.5,
  horizonDays: 14,
  bookableWeekdays: [1, 2, 3, 4, 5],
  weeklyQuota: null,
  reminderTime: '08:30',
  checkInDeadline: '10:00',
};

export interface EffectivePolicy {
  readonly rules: PolicyRules;
  readonly effectiveFrom: CivilDate | null;
  /** Capacity rule for a given zone on that date. */
  readonly capacityRuleFor: (zoneId: string) => ZoneCapacityRule;
}

/**
 * The policy in force on `date`: the version with the latest effectiveFrom on or before it.
 * Versions that start later never change earlier days, so tightening a rule does not rewrite history.
 */
export function effectivePolicy(versions: readonly PolicyVersion[], date: CivilDate): EffectivePolicy {
  let chosen: PolicyVersion | undefined;
  for (const v of versions) {
    if (v.effectiveFrom <= date && (!chosen || v.effectiveFrom > chosen.effectiveFrom)) chosen = v;
  }
  const rules = chosen?.rules ?? DEFAULT_RULES;
  const overrides = chosen?.zoneCapacity ?? {};
  return {
    rules,
    effectiveFrom: chosen?.effectiveFrom ?? null,
    // Own keys only: a zone id such as "constructor" must not reach Object.prototype.
    capacityRuleFor: (zoneId) => (Object.hasOwn(overrides, zoneId) ? overrides[zoneId]! : rules.zoneCapacity),
  };
}

/** The number of people a zone may hold on a day. A percentage is of the zone's bookable desks, rounded down. */
export function zoneCapacity(rule: ZoneCapacityRule, bookableDesksInZone: number): number {
  if (rule.kind === 'count') return Math.max(0, Math.floor(rule.value));
  return Math.max(0, Math.floor((bookableDesksInZone * rule.value) / 100 + 1e-9));
}

export function capacityOfZone(policy: EffectivePolicy, zone: Pick<Zone, 'id'>, bookableDesksInZone: number): number {
  return zoneCapacity(policy.capacityRuleFor(zone.id), bookableDesksInZone);
}
