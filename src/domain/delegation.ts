/**
 * Booking for someone else. A person (the owner) names the colleagues (delegates) who may book desks for them; an
 * admin may book for anyone. The booking stays the owner's in every rule (their quota, their one desk a day, their
 * reminder); it only records who made it.
 */
import { decideCancel, type Transition, type TransitionInput } from './lifecycle';
import { isAdmin, type Actor } from './model';
import { refusal } from './refusal';

/** A person id as tokens and the dev header give it (Entra object ids, UPNs, dev names). */
export const PERSON_ID_PATTERN = /^[A-Za-z0-9._:@-]{1,128}$/;
/** The longest display name kept on a delegation. */
export const MAX_PERSON_NAME_LENGTH = 100;

export function isPersonId(value: string): boolean {
  return PERSON_ID_PATTERN.test(value);
}

export interface Delegation {
  /** The person the bookings are for. */
  readonly ownerId: string;
  readonly ownerName?: string;
  /** The colleague who may book for them. */
  readonly delegateId: string;
  readonly delegateName?: string;
  /** ISO instant. */
  readonly grantedAt: string;
}

/** Why an actor may book for a person, or that they may not. */
export type BookingForVerdict = 'self' | 'delegate' | 'admin' | 'refused';

/**
 * May `actor` book for `forPersonId`? `delegated` says whether the person named the actor as a delegate (read by the
 * caller from the delegation store, the owner's own row). An admin needs no delegation; nobody else books for a
 * person who has not named them.
 */
export function mayBookFor(actor: Actor, forPersonId: string, delegated: boolean): BookingForVerdict {
  if (forPersonId === actor.userId) return 'self';
  if (delegated) return 'delegate';
  if (isAdmin(actor)) return 'admin';
  return 'refused';
}

/** A delegate of oneself would be a no-op that reads like a mistake: it is refused when granted. */
export function canGrant(ownerId: string, delegateId: string): boolean {
  return isPersonId(delegateId) && delegateId !== ownerId;
}

/** A display name as kept: trimmed, control characters dropped, and cut to the limit. */
export function cleanPersonName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, MAX_PERSON_NAME_LENGTH);
  return clean === '' ? undefined : clean;
}

/**
 * A delegate cancelling a booking they made for its owner (the caller has checked that the owner still delegates to
 * them): decided as the owner's own cancel would be (same day limits, same outcome for the owner's quota), and
 * recorded as the delegate's act. A booking the delegate did not make stays the owner's to cancel.
 */
export function decideDelegateCancel(input: TransitionInput): Transition {
  const b = input.booking;
  if (b.bookedBy !== input.actor.userId || b.userId === input.actor.userId) return { ok: false, refusal: refusal({ code: 'NOT_ALLOWED', action: 'cancel' }) };
  const asOwner = decideCancel({ ...input, actor: { userId: b.userId, roles: [] } });
  return asOwner.ok ? { ok: true, booking: { ...asOwner.booking, releasedBy: input.actor.userId } } : asOwner;
}
