import type { CivilDate } from '../domain/model';

/**
 * What a conversation is about: the day last asked about and the booking last made or shown, so that "another
 * desk", "move it to Friday" or "not Thursday after all" know what "it" is. Kept by the bot, keyed by conversation
 * and person, never taken from card data, which a client could forge.
 */
export interface Discussion {
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

export interface DiscussionMemory {
  get(key: string): Discussion | undefined;
  set(key: string, discussion: Discussion): void;
}

/**
 * The conversation state of this process, bounded, oldest forgotten first. A follow-up that reaches another instance,
 * or comes after a restart, finds nothing and is asked which booking it means: nothing is guessed.
 */
export class InMemoryDiscussions implements DiscussionMemory {
  private readonly items = new Map<string, Discussion>();
  constructor(private readonly max = 5_000) {}

  get(key: string): Discussion | undefined {
    return this.items.get(key);
  }

  set(key: string, discussion: Discussion): void {
    this.items.delete(key);
    this.items.set(key, discussion);
    if (this.items.size > this.max) this.items.delete(this.items.keys().next().value!);
  }
}
