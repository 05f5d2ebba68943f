/**
 * The verbs of the cards' buttons and the data each carries.
 *
 * Card data comes back from the client, so it is evidence of what the person clicked, never of who they are:
 * it carries no user id, and `parseActionData` re-validates every field before a handler may look at it.
 * Handlers authorise on `from.aadObjectId` (or `from.id`) alone.
 */
import { isCivilDate as isDomainCivilDate } from '../../domain/civil-date';
import { ID_CHAR, isId, isRequestId as isRequestIdText, MAX_REQUEST_ID_LENGTH } from '../../domain/ids';
import { BOOKING_ID_PATTERN } from '../../domain/model';
import { isLocale, type Locale } from '../../i18n/messages';

export const VERBS = {
  bookConfirm: 'book.confirm',
  bookChange: 'book.change',
  bookPick: 'book.pick',
  bookingCancel: 'booking.cancel',
  bookingCheckIn: 'booking.checkIn',
  bookingRelease: 'booking.release',
  showBookings: 'bookings.show',
  /** A day chosen on a "which day?" card. */
  bookDay: 'book.day',
  /** The one Confirm of a request for several days. */
  bookDays: 'book.days',
  /** Undo of a multi-day booking: cancel what was just booked. */
  cancelMany: 'bookings.cancelMany',
  /** A site chosen on a "which site?" card; the message that asked is answered again, read in that site. */
  siteChoose: 'site.choose',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** Book a given desk on a given day; `requestId` makes a repeated click (or a redelivery) book once. */
export interface BookActionData {
  readonly verb: typeof VERBS.bookConfirm | typeof VERBS.bookPick;
  readonly deskId: string;
  readonly date: string;
  readonly requestId: string;
}

/**
 * "Pick another": the handler answers with a pick card. `deskId` is the desk that was suggested, if any;
 * `zoneId` and `attributes` carry the constraints of the request ("a standing desk in zone B").
 */
export interface BookChangeData {
  readonly verb: typeof VERBS.bookChange;
  readonly date: string;
  readonly requestId: string;
  readonly deskId?: string;
  readonly zoneId?: string;
  readonly attributes?: readonly string[];
  /** The site the day was shown for; without it, the conversation's site. */
  readonly siteId?: string;
}

const ATTRIBUTE = /^[a-z0-9][a-z0-9 _-]{0,31}$/;
const MAX_ATTRIBUTES = 8;

function isAttributeList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length <= MAX_ATTRIBUTES &&
    value.every((a) => typeof a === 'string' && ATTRIBUTE.test(a))
  );
}

/** Act on an existing booking; the handler checks that the caller owns it. */
export interface BookingActionData {
  readonly verb: typeof VERBS.bookingCancel | typeof VERBS.bookingCheckIn | typeof VERBS.bookingRelease;
  readonly bookingId: string;
}

export interface ShowBookingsData {
  readonly verb: typeof VERBS.showBookings;
}

/** A day picked on a "which day?" card, with the constraints of the request it answers. */
export interface BookDayData {
  readonly verb: typeof VERBS.bookDay;
  readonly date: string;
  readonly zoneId?: string;
  readonly attributes?: readonly string[];
  /** The site whose days were offered: the day is a civil date there. */
  readonly siteId?: string;
}

/**
 * Book every day the person confirmed. The days are evidence of what was shown, like any typed request; the
 * handler books for the caller only, and `requestId` makes a second click book nothing twice.
 */
export interface BookDaysData {
  readonly verb: typeof VERBS.bookDays;
  readonly dates: readonly string[];
  readonly requestId: string;
  readonly zoneId?: string;
  readonly attributes?: readonly string[];
  /** The desk asked for ("desk 3.12", "the same desk as last time"), preferred on each day where it is free. */
  readonly deskId?: string;
  /** The site the days were read in. */
  readonly siteId?: string;
}

/**
 * A site picked on a "which site?" card. `text` is the person's own message that asked, so that "tomorrow" is read
 * again in the chosen site's time zone; like any message, it is only words to parse, never identity.
 */
export interface SiteChooseData {
  readonly verb: typeof VERBS.siteChoose;
  readonly siteId: string;
  readonly text?: string;
}

/** The longest message a site-choice button carries back; a longer one is answered with "which day?" instead. */
export const MAX_CARRIED_TEXT = 300;

/** Cancel these bookings; the handler checks that the caller owns each one. */
export interface CancelManyData {
  readonly verb: typeof VERBS.cancelMany;
  readonly bookingIds: readonly string[];
}

export type ActionData =
  | BookActionData
  | BookChangeData
  | BookingActionData
  | ShowBookingsData
  | BookDayData
  | BookDaysData
  | CancelManyData
  | SiteChooseData;

/** The most days or bookings one card action may carry. */
export const MAX_CARD_DAYS = 31;

const ALL_VERBS: readonly string[] = Object.values(VERBS);


export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && ALL_VERBS.includes(value);
}

/** Ids go into table keys and URLs: the grammar is the domain's, the one the catalogue import enforces. */
export function isDeskId(value: unknown): value is string {
  return typeof value === 'string' && isId(value);
}

export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && isRequestIdText(value);
}

export function isBookingId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 60 && BOOKING_ID_PATTERN.test(value);
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one): the domain's grammar of days. */
export function isCivilDate(value: unknown): value is string {
  return isDomainCivilDate(value);
}

/**
 * A request id for card data from any string (e.g. a Teams activity id): characters outside
 * [A-Za-z0-9._:-] become `_`, and it is cut to 100 characters. Deterministic, so the same card always carries
 * the same id and a second click is recognised as a repeat.
 */
export function toRequestId(raw: string): string {
  const id = Array.from(raw)
    .map((c) => (ID_CHAR.test(c) ? c : '_'))
    .join('')
    .slice(0, MAX_REQUEST_ID_LENGTH);
  if (id.length === 0) throw new TypeError('A request id cannot be empty');
  return id;
}

/** Keys that must never be read from client data: they would reach the prototype chain. */
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

function own(value: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/**
 * The action data of a card click, re-validated field by field, or null when anything is off: not a plain
 * object, an unknown verb, a missing or malformed field, a `__proto__` key. Fields other than the verb's own
 * (e.g. a `userId` someone added) are ignored and never returned. Only own properties are read, so nothing
 * inherited can stand in for a field.
 */
/**
 * Re-validates card data, which the client controls: every field is checked, extras are dropped, and a user id is
 * never read. The card's language (`lang`, see withCardLanguage) is kept when it is one of ours.
 */
export function parseActionData(value: unknown): (ActionData & { readonly lang?: Locale }) | null {
  const data = parseActionFields(value);
  if (!data) return null;
  const lang = cardLanguageOf(value);
  return lang ? { ...data, lang } : data;
}

function parseActionFields(value: unknown): ActionData | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return null;
  if (FORBIDDEN_KEYS.some((k) => Object.prototype.hasOwnProperty.call(value, k))) return null;

  const verb = own(value, 'verb');
  if (!isVerb(verb)) return null;
  switch (verb) {
    case VERBS.bookConfirm:
    case VERBS.bookPick: {
      const deskId = own(value, 'deskId');
      const date = own(value, 'date');
      const requestId = own(value, 'requestId');
      if (!isDeskId(deskId) || !isCivilDate(date) || !isRequestId(requestId)) return null;
      return { verb, deskId, date, requestId };
    }
    case VERBS.bookChange: {
      const date = own(value, 'date');
      const requestId = own(value, 'requestId');
      const deskId = own(value, 'deskId');
      const zoneId = own(value, 'zoneId');
      const attributes = own(value, 'attributes');
      const siteId = own(value, 'siteId');
      if (!isCivilDate(date) || !isRequestId(requestId)) return null;
      if (deskId !== undefined && !isDeskId(deskId)) return null;
      if (zoneId !== undefined && !isDeskId(zoneId)) return null;
      if (attributes !== undefined && !isAttributeList(attributes)) return null;
      if (siteId !== undefined && !isDeskId(siteId)) return null;
      return {
        verb,
        date,
        requestId,
        ...(deskId !== undefined && { deskId }),
        ...(zoneId !== undefined && { zoneId }),
        ...(attributes !== undefined && { attributes: [...attributes] }),
        ...(siteId !== undefined && { siteId }),
      };
    }
    case VERBS.bookingCancel:
    case VERBS.bookingCheckIn:
    case VERBS.bookingRelease: {
      const bookingId = own(value, 'bookingId');
      if (!isBookingId(bookingId)) return null;
      return { verb, bookingId };
    }
    case VERBS.showBookings:
      return { verb };
    case VERBS.bookDay:
    case VERBS.bookDays: {
      const zoneId = own(value, 'zoneId');
      const attributes = own(value, 'attributes');
      const siteId = own(value, 'siteId');
      if (zoneId !== undefined && !isDeskId(zoneId)) return null;
      if (attributes !== undefined && !isAttributeList(attributes)) return null;
      if (siteId !== undefined && !isDeskId(siteId)) return null;
      const constraints = {
        ...(zoneId !== undefined && { zoneId }),
        ...(attributes !== undefined && { attributes: [...attributes] }),
        ...(siteId !== undefined && { siteId }),
      };
      if (verb === VERBS.bookDay) {
        const date = own(value, 'date');
        return isCivilDate(date) ? { verb, date, ...constraints } : null;
      }
      const dates = own(value, 'dates');
      const requestId = own(value, 'requestId');
      const deskId = own(value, 'deskId');
      if (!Array.isArray(dates) || dates.length === 0 || dates.length > MAX_CARD_DAYS || !dates.every(isCivilDate)) return null;
      if (!isRequestId(requestId)) return null;
      if (deskId !== undefined && !isDeskId(deskId)) return null;
      return { verb, dates: [...(dates as string[])], requestId, ...constraints, ...(deskId !== undefined && { deskId }) };
    }
    case VERBS.cancelMany: {
      const ids = own(value, 'bookingIds');
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_CARD_DAYS || !ids.every(isBookingId)) return null;
      return { verb, bookingIds: [...(ids as string[])] };
    }
    case VERBS.siteChoose: {
      const siteId = own(value, 'siteId');
      const text = own(value, 'text');
      if (!isDeskId(siteId)) return null;
      if (text !== undefined && (typeof text !== 'string' || text.length === 0 || text.length > MAX_CARRIED_TEXT)) return null;
      return { verb, siteId, ...(text !== undefined && { text }) };
    }
    default:
      return null;
  }
}

/** The language a clicked card was written in, if its data says so (and says it validly). */
export function cardLanguageOf(data: unknown): Locale | undefined {
  if (!data || typeof data !== 'object' || !Object.prototype.hasOwnProperty.call(data, 'lang')) return undefined;
  const lang = (data as Record<string, unknown>)['lang'];
  return isLocale(lang) ? lang : undefined;
}
