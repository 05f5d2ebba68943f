/**
 * The ports of check-in reminders and no-show releases: where claims are kept (ClaimStore) and how a person is
 * written to proactively (Notifier). The reservation ports stay in ../ports.ts; these are the reminder job's own.
 */
import type { Booking, CivilDate } from '../../domain/model';
import type { Refusal } from '../../domain/refusal';
import type { BookingDeps } from '../book-desk';
import type { ConversationReferenceStore } from '../ports';
import type { Logger } from '../logger-port';

/**
 * What a claim is for: the check-in reminder of a booking, its no-show release (and the notice that follows), the
 * notice that an admin's change of the rules cancelled it, a site's daily retention pass
 * (src/use-cases/purge-expired.ts; its "booking id" names the site), for 'series' the booking of one day of a
 * recurring series by the daily pass (its `bookingId` is the series id), or the card of a waitlist offer (its key is
 * the hold id), or 'booked-for': telling a person that a delegate or an admin booked a desk for them, or
 * 'cancelled-for': telling them that a delegate cancelled a booking the delegate had made for them.
 */
export type ClaimKind = 'reminder' | 'release' | 'cancelled' | 'purge' | 'series' | 'offer' | 'booked-for' | 'cancelled-for';

/**
 * - pending: someone holds (or held) the claim and the work is not finished; `leaseUntil` says until when the
 *   holder may act. An ownerless pending claim (owner '') was handed back for a later retry.
 * - sent: the message was accepted by the connector (for a release: the desk was released and the owner told).
 * - failed: given up for good (403 blocked, a 4xx, or too many attempts).
 * - skipped: nothing to send, for good (no conversation reference, booking no longer booked, past the deadline…).
 */
export type ClaimState = 'pending' | 'sent' | 'failed' | 'skipped';

export interface ClaimKey {
  /** The booking's day; claims of a day are read together (listDay). */
  readonly date: CivilDate;
  readonly bookingId: string;
  readonly kind: ClaimKind;
}

export interface Claim extends ClaimKey {
  readonly siteId: string;
  readonly userId: string;
  readonly state: ClaimState;
  /** The instance that holds the claim; '' when nobody does. */
  readonly owner: string;
  /** ISO instant until which the owner may act; after it, another instance may take the claim over. */
  readonly leaseUntil: string;
  /** How many times the claim was taken (1 for the first owner). */
  readonly attempts: number;
  /**
   * ISO instant at which an owner started sending, when a send may have reached the connector and its outcome is
   * not known. A takeover of such a claim is an "ambiguous" one: the message may already be in the chat.
   */
  readonly sendingSince?: string;
  /** Why the claim ended as it did, or what the last attempt ran into. Never a payload or a token. */
  readonly detail?: string;
  /**
   * What the message must say when nothing else records it, for whoever sends it later: for 'cancelled', the
   * refusal (JSON) that the admin's change gave the booking. Written when the claim is created, then kept.
   */
  readonly payload?: string;
  readonly updatedAt: string;
}

/**
 * A claim this instance holds, as it wrote it. `version` is the ETag the next write must match, or null when it
 * was not read back (a create answers without it): the next conditional write then reads the row first and
 * proceeds only if it is still exactly the one this instance wrote (same owner, attempt and state).
 */
export interface HeldClaim {
  readonly claim: Claim;
  readonly version: string | null;
}

export type AcquireResult =
  /** This instance holds the claim now; `previous` is the expired claim it took over, if any. */
  | { readonly acquired: true; readonly held: HeldClaim; readonly previous?: Claim }
  /** Someone else holds it (a live lease), or it is finished. */
  | { readonly acquired: false; readonly current: Claim };

export interface AcquireInput extends ClaimKey {
  readonly siteId: string;
  readonly userId: string;
  readonly owner: string;
  readonly now: Date;
  readonly leaseMs: number;
  /**
   * Take the claim to send at once: the claim carries `sendingSince` from the moment it is taken, so that the row
   * that grants the right to send is also the record that a send may have started (one write, not two).
   */
  readonly sending?: boolean;
  /** Stored with a claim this creates (see Claim.payload); a claim taken over keeps its own. */
  readonly payload?: string;
}

export type ClaimChange = Partial<Pick<Claim, 'state' | 'owner' | 'leaseUntil' | 'detail'>> & {
  /** A string sets the marker, null clears it, undefined leaves it. */
  readonly sendingSince?: string | null;
};

/**
 * Claims in Table Storage, each a row written only with a condition: creating a claim fails when it exists (409),
 * and every later write carries the ETag that was read (412 when someone else wrote in between). So of any number
 * of instances that try to take or change a claim at once, exactly one succeeds.
 */
export interface ClaimStore {
  /** Takes the claim: creates it, or takes over a pending claim whose lease has run out. */
  acquire(input: AcquireInput): Promise<AcquireResult>;
  /** A conditional write by the holder, read back; null when someone else changed the claim (the holder lost it). */
  update(held: HeldClaim, change: ClaimChange, now: Date): Promise<HeldClaim | null>;
  /**
   * The holder's last write (no read back); false when someone else changed the claim meanwhile. Every state is
   * written with If-Match, except `sent`: a message the connector accepted stays accepted, so `sent` is true
   * whoever holds the claim by then, and it is written unconditionally in one request (no read for an ETag). It can
   * only end work, never start a send again.
   */
  finish(held: HeldClaim, change: ClaimChange, now: Date): Promise<boolean>;
  /** Every claim of a day, for the passes (one query over the day's partitions) and for reports. */
  listDay(date: CivilDate): Promise<Claim[]>;
}

/** Where a person can be written to: the Bot Framework conversation reference saved by the bot. */
export interface Recipient {
  readonly userId: string;
  readonly reference: Record<string, unknown>;
}

/** A desk as a message shows it. */
export interface MessageDesk {
  readonly label: string;
  readonly zoneName?: string;
  readonly floorName?: string;
}

/** What to tell a person; the notifier turns it into a card in the person's language. */
export type ProactiveMessage =
  | {
      readonly kind: 'check-in-reminder';
      readonly booking: Booking;
      readonly desk: MessageDesk;
      /** Site-local HH:MM: check in before this, or the desk is released. */
      readonly deadline: string;
    }
  | {
      readonly kind: 'no-show-released';
      readonly booking: Booking;
      readonly desk: MessageDesk;
      readonly deadline: string;
    }
  | {
      readonly kind: 'cancelled-by-admin';
      readonly booking: Booking;
      readonly desk: MessageDesk;
      /** The rule the booking breaks under the new rules, with its numbers and the free desks offered instead. */
      readonly refusal: Refusal;
    }
  | {
      /** A desk held for a person first in line on the waitlist: "a desk is free: Book it" (waitlistOfferCard). */
      readonly kind: 'waitlist-offer';
      /** The held place in a booking's shape; its id is the hold id. */
      readonly booking: Booking;
      readonly desk: MessageDesk;
      /** Site-local HH:MM: the offer passes to the next person then. */
      readonly deadline: string;
      readonly entryId: string;
      readonly holdId: string;
    }
  | {
      /** A delegate or an admin booked this desk for the person (src/use-cases/book-for-someone.ts). */
      readonly kind: 'booked-for';
      readonly booking: Booking;
      readonly desk: MessageDesk;
      /** Who booked it, as their token named them. */
      readonly bookedByName: string;
    }
  | {
      /** A delegate cancelled a booking they had made for the person (src/use-cases/booked-for-others.ts). */
      readonly kind: 'cancelled-for';
      readonly booking: Booking;
      readonly desk: MessageDesk;
      /** Who cancelled it, as their token named them. */
      readonly cancelledByName: string;
    };

interface OutcomeBase {
  /** HTTP requests made for this message. */
  readonly attempts: number;
  /**
   * True when at least one request may have been accepted by the connector without us knowing (a timeout or a
   * dropped connection after the request was written, or a 504). Logged and counted by the caller.
   */
  readonly ambiguous: boolean;
}

export type NotifyOutcome =
  | (OutcomeBase & { readonly status: 'sent' })
  /** 403: the bot was blocked or uninstalled. Final: never retried. */
  | (OutcomeBase & { readonly status: 'blocked' })
  /** Another 4xx (400, 404, 413…): the message or the reference is unusable. Final. */
  | (OutcomeBase & { readonly status: 'rejected'; readonly httpStatus: number })
  /**
   * Not delivered now (throttled past the budget, 5xx or network errors past the retry bound, or stopping):
   * try again later, not before `retryAt` when given.
   */
  | (OutcomeBase & { readonly status: 'retry-later'; readonly reason: string; readonly retryAt?: Date });

export interface NotifyOptions {
  /**
   * The time the send may take in all, waits and retries included. No request starts that could still be running
   * after it, so the claim's lease (longer by a margin) never runs out while a request of ours is in flight.
   */
  readonly budgetMs: number;
  /** Aborts waits (rate limit, back-off) when the scheduler stops; a request in flight is left to finish. */
  readonly signal?: AbortSignal;
}

export interface Notifier {
  send(recipient: Recipient, message: ProactiveMessage, options: NotifyOptions): Promise<NotifyOutcome>;
}


export interface ReminderSettings {
  /** Reminders (or releases) of one pass in flight at once; the notifier's rate limits pace them further. */
  readonly concurrency: number;
  /** How long a claim is held before a send starts; covers reading the booking and the conversation reference. */
  readonly leaseMs: number;
  /** The time a send may take (NotifyOptions.budgetMs). */
  readonly sendBudgetMs: number;
  /** Added to every lease: instances' clocks may disagree by this much without two of them acting at once. */
  readonly clockSkewMs: number;
  /** Claims taken more often than this are marked failed instead of tried again. */
  readonly maxAttempts: number;
  /** First wait before a claim handed back for a retry may be taken again; doubles with each attempt. */
  readonly retryDelayMs: number;
  /** A pass re-reads the day's bookings when its copy is older than this, so a released desk is not reminded. */
  readonly bookingsMaxAgeMs: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  concurrency: 16,
  leaseMs: 60_000,
  sendBudgetMs: 90_000,
  clockSkewMs: 30_000,
  maxAttempts: 6,
  retryDelayMs: 30_000,
  bookingsMaxAgeMs: 15_000,
};

/** What the reminder use cases need: the booking use cases' dependencies, plus claims, references and a notifier. */
export interface ReminderDeps extends BookingDeps {
  readonly claims: ClaimStore;
  readonly conversations: Pick<ConversationReferenceStore, 'get'>;
  readonly notifier: Notifier;
  /** This process's name in claims: unique per process start. */
  readonly instanceId: string;
  readonly log: Logger;
  readonly settings?: Partial<ReminderSettings>;
}

export function settingsOf(deps: Pick<ReminderDeps, 'settings'>): ReminderSettings {
  return { ...DEFAULT_REMINDER_SETTINGS, ...deps.settings };
}
