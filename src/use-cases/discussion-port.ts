import type { CivilDate } from '../domain/model';

/**
 * What a conversation is about: the day last asked about and the booking last made or shown, so that "another
 * desk", "move it to Friday" or "not Thursday after all" know what "it" is. Kept by the bot, keyed by conversation
 * and person, never taken from card data, which a client could forge.
 */
export interface Discussion {
  /** The site the person chose or named in this conversation: "tomorrow" and "a desk" are read there. */
  readonly siteId?: string;
  readonly date?: CivilDate;
  readonly bookingId?: string;
  /** The desk last suggested or booked that day, so that "another desk" offers a different one. */
  readonly deskId?: string;
  /** Days shown for confirmation and not booked yet, so that "not Thursday after all" can take one out. */
  readonly pending?: {
    readonly dates: readonly CivilDate[];
    readonly constraints: { readonly zoneId?: string; readonly attributes?: readonly string[]; readonly deskId?: string };
  };
}

/**
 * Where the bot keeps each conversation's discussion. Shared by every server instance and kept across restarts,
 * since a follow-up may reach another instance than the turn it follows. It only says what "it" refers to: every
 * follow-up re-reads the bookings and goes through the use cases, so a stale or lost discussion can make the bot
 * ask, never act on something the person cannot change.
 */
export interface DiscussionStore {
  /** The discussion under `key`, or undefined when there is none, or it has expired. */
  get(key: string): Promise<Discussion | undefined>;
  /** Replaces the discussion under `key` (the whole of it: fields left out are forgotten). */
  set(key: string, discussion: Discussion): Promise<void>;
  /**
   * `set`, except that the site chosen in the conversation outlives it: without `discussion.siteId`, the site the
   * stored discussion holds (if it has not expired) is kept, whoever wrote it.
   */
  setKeepingSite(key: string, discussion: Discussion): Promise<void>;
}
