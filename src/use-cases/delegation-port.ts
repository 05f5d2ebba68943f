import type { Delegation } from '../domain/delegation';

/**
 * Who may book for whom. The owner's own row is the truth ("has X named Y?"); the delegate's list of owners is an
 * index for their "Book for" picker, checked against the owner's rows when read.
 */
export interface DelegationStore {
  /** Records that `ownerId` lets `delegateId` book for them; granting again refreshes the names and keeps the date. */
  grant(d: Delegation): Promise<{ readonly created: boolean; readonly delegation: Delegation }>;
  /** Withdraws it; false when there was none. */
  revoke(ownerId: string, delegateId: string): Promise<boolean>;
  /** The owner's row naming this delegate, or null. */
  get(ownerId: string, delegateId: string): Promise<Delegation | null>;
  /** The colleagues the owner has named. */
  delegatesOf(ownerId: string): Promise<Delegation[]>;
  /** The people who have named this delegate (each checked against the owner's own row). */
  ownersFor(delegateId: string): Promise<Delegation[]>;
  /** Removes every delegation the person gave or was given (erasure); answers how many. */
  forget(personId: string): Promise<number>;
}
