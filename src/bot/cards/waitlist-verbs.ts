/**
 * The waitlist's verbs and the data its buttons carry, re-validated on the way back (the client controls it). Kept
 * apart from the cards and free of imports from them, so the card types can name this data without a loop.
 */
import { isCivilDate } from '../../domain/civil-date';

const ID_CHARS = /^[A-Za-z0-9._:-]{1,128}$/;

export const WAITLIST_VERBS = {
  join: 'waitlist.join',
  book: 'waitlist.book',
  decline: 'waitlist.decline',
  leave: 'waitlist.leave',
} as const;

export type WaitlistVerb = (typeof WAITLIST_VERBS)[keyof typeof WAITLIST_VERBS];

export type WaitlistActionData =
  | { readonly verb: typeof WAITLIST_VERBS.join; readonly date: string; readonly zoneId?: string; readonly attributes?: readonly string[] }
  | { readonly verb: typeof WAITLIST_VERBS.book | typeof WAITLIST_VERBS.decline | typeof WAITLIST_VERBS.leave; readonly entryId: string };

const ATTRIBUTE = /^[a-z0-9][a-z0-9 _-]{0,31}$/;

/** Entry ids are `<date>.<random>`, as booking ids. */
const ENTRY_ID = /^\d{4}-\d{2}-\d{2}\.[A-Za-z0-9_-]{8,40}$/;

export function isWaitlistVerb(value: unknown): value is WaitlistVerb {
  return typeof value === 'string' && (Object.values(WAITLIST_VERBS) as string[]).includes(value);
}

/** Card data re-validated field by field (the client controls it); extras, a user id among them, are dropped. */
export function parseWaitlistAction(value: unknown): WaitlistActionData | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return null;
  const own = (k: string): unknown => (Object.prototype.hasOwnProperty.call(value, k) ? (value as Record<string, unknown>)[k] : undefined);
  const verb = own('verb');
  if (!isWaitlistVerb(verb)) return null;
  if (verb === WAITLIST_VERBS.join) {
    const date = own('date');
    const zoneId = own('zoneId');
    const attributes = own('attributes');
    if (!isCivilDate(date) || (zoneId !== undefined && !(typeof zoneId === 'string' && ID_CHARS.test(zoneId)))) return null;
    if (attributes !== undefined && !(Array.isArray(attributes) && attributes.length <= 8 && attributes.every((a) => typeof a === 'string' && ATTRIBUTE.test(a)))) return null;
    return { verb, date, ...(zoneId !== undefined && { zoneId }), ...(attributes !== undefined && { attributes: [...(attributes as string[])] }) };
  }
  const entryId = own('entryId');
  if (typeof entryId !== 'string' || !ENTRY_ID.test(entryId)) return null;
  return { verb, entryId };
}

