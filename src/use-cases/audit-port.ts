/**
 * The audit log: an append-only record of every change made by the people who own the rules (publishes, imports,
 * policy changes, safe-headcount plans, restricted zones), of every contact-tracing run and of every personal-data
 * request. It answers "who did what, when, and what did it cost" for the prevention adviser and the data-protection
 * officer. Entries are never updated or deleted by the application.
 */

/**
 * What was done. The tab and the API turn each into a sentence in the reader's language from `params`, so an entry
 * holds facts, not English.
 */
export const AUDIT_ACTIONS = [
  'catalog.publish',
  'catalog.import',
  'policy.change',
  'privacy.change',
  'plan.publish',
  'zone.restrict',
  'tracing.run',
  'person.erase',
  'person.export',
  'retention.purge',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditParamValue = string | number | boolean;

export interface AuditRecord {
  /** ISO instant of the change (the clock of the instance that made it). */
  readonly at: string;
  /** Who did it: the caller's user id, or `system` for a scheduled pass. */
  readonly actor: string;
  readonly actorName?: string;
  readonly action: AuditAction;
  readonly siteId?: string;
  /** Whom it was about, when a person: the traced person, the erased person. */
  readonly subject?: string;
  /** How many bookings it cancelled, or how many results a tracing run returned. */
  readonly count?: number;
  /** The facts of the change (a readable diff, the written reason of a tracing run…), flat. */
  readonly params?: Readonly<Record<string, AuditParamValue>>;
}

export interface AuditEntry extends AuditRecord {
  /** Unique and stable: the order of entries of one instant. */
  readonly id: string;
}

export interface AuditQuery {
  /** ISO instant, inclusive. */
  readonly from: string;
  /** ISO instant, exclusive. */
  readonly to: string;
  /** At most this many entries (the newest); default 1,000. */
  readonly limit?: number;
}

export interface AuditLog {
  /** Records one entry; resolves once it is stored. A change that must be audited fails when this fails. */
  append(record: AuditRecord): Promise<AuditEntry>;
  /** Entries with `from <= at < to`, newest first. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
}
