import type { CivilDate } from '../domain/model';
import type { WeekEntry } from './ports';

/** A claim about a person, as an export shows it (no lease or owner details). */
export interface PersonalClaim {
  readonly date: CivilDate;
  readonly kind: string;
  readonly bookingId: string;
  readonly state: string;
  readonly updatedAt: string;
}

/**
 * What is stored about a person outside the day partitions' booking rows, and the rewrites an erasure needs. Reads
 * serve the export (GDPR Art. 15), writes the erasure (Art. 17).
 */
export interface PersonalDataStore {
  /** The person's week rows (the weekly quota's holds). */
  weeksOf(userId: string): Promise<{ readonly isoWeek: string; readonly entries: readonly WeekEntry[] }[]>;
  /** Whether the bot holds a conversation reference for the person (what reminders are sent through). */
  hasConversationReference(userId: string): Promise<boolean>;
  /** What the bot remembers of the person's chats: one entry per conversation, its fields as stored. */
  discussionsOf(userId: string): Promise<{ readonly conversationId: string; readonly fields: Readonly<Record<string, string | number | boolean>> }[]>;
  /** Reminder and release claims of the person on a day. */
  claimsOf(userId: string, date: CivilDate): Promise<PersonalClaim[]>;

  /**
   * Replaces the person's id by `pseudonym` in every row of a day: booking rows (name removed), desk and person
   * rows, ledger entries, and `releasedBy` on others' bookings. One conditional transaction per day, retried on a
   * conflict. Returns the rows changed.
   */
  pseudonymiseDay(date: CivilDate, userId: string, pseudonym: string): Promise<number>;
  /** The same for the day's claims. */
  pseudonymiseClaims(date: CivilDate, userId: string, pseudonym: string): Promise<number>;
  /** Deletes the person's week rows, discussions and conversation reference; says how many of each. */
  forget(userId: string): Promise<{ readonly weeks: number; readonly discussions: number; readonly conversationReference: boolean }>;
}
