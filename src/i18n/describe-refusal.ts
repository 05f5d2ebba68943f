/**
 * Refusals, map reasons and alternatives as sentences in the reader's language.
 *
 * A refusal says which rule refused and the numbers behind it ("Zone B is at its 12-person cap on Thursday
 * 3 December"); a bare "not available" is not enough. The text is plain: cards escape it for Markdown.
 * Only types come from the domain, so the tab can bundle this file.
 */
import type { DeskReason } from '../domain/floor-day';
import type { Alternative, Refusal, RefusalDetails } from '../domain/refusal';
import {
  formatDate,
  formatIsoWeekday,
  formatList,
  formatWeekdayOf,
  pluralKey,
  t,
  translate,
  type Locale,
  type MessageKey,
} from './messages';

/** Names a refusal carries only as ids; without a lookup, the id is shown. */
export interface RefusalLookup {
  zoneName?(zoneId: string): string | undefined;
  deskLabel?(deskId: string): string | undefined;
}

/** One sentence saying which rule refused `refusal`, and why, in `locale`. */
export function describeRefusal(refusal: Refusal, locale: Locale, lookup: RefusalLookup = {}): string {
  return upperFirst(sentenceFor(refusal.details, locale, lookup));
}

function sentenceFor(d: RefusalDetails, locale: Locale, lookup: RefusalLookup): string {
  const date = (value: string): string => formatDate(value, locale);
  const desk = (id: string, label?: string): string =>
    nonEmpty(label) ?? nonEmpty(lookup.deskLabel?.(id)) ?? id;
  switch (d.code) {
    case 'DESK_TAKEN':
      return t(locale, 'refusal.DESK_TAKEN', { desk: desk(d.deskId, d.deskLabel), date: date(d.date) });
    case 'ALREADY_BOOKED':
      return t(locale, 'refusal.ALREADY_BOOKED', { desk: desk(d.existingDeskId), date: date(d.date) });
    case 'ZONE_FULL':
      return translate(locale, pluralKey(locale, 'refusal.ZONE_FULL', d.capacity), {
        zone: nonEmpty(d.zoneName) ?? nonEmpty(lookup.zoneName?.(d.zoneId)) ?? d.zoneId,
        capacity: d.capacity,
        date: date(d.date),
      });
    case 'TOO_CLOSE':
      return t(locale, 'refusal.TOO_CLOSE', {
        desk: desk(d.deskId),
        nearest: desk(d.nearestDeskId, d.nearestDeskLabel),
        distance: d.distanceM,
        min: d.minDistanceM,
      });
    case 'OUTSIDE_WINDOW':
      return outsideWindow(d, locale);
    case 'QUOTA_EXCEEDED':
      return translate(locale, pluralKey(locale, 'refusal.QUOTA_EXCEEDED', d.used), {
        used: d.used,
        quota: d.quota,
        week: weekNumber(d.isoWeek),
      });
    case 'DESK_UNAVAILABLE':
      return translate(locale, `refusal.DESK_UNAVAILABLE.${d.why}`, {
        desk: desk(d.deskId, d.deskLabel),
        ...(d.offFrom !== undefined && { date: date(d.offFrom) }),
      });
    case 'UNKNOWN_DESK':
      return t(locale, 'refusal.UNKNOWN_DESK', { desk: desk(d.deskId) });
    case 'NOT_ALLOWED':
      return translate(locale, oneOf('refusal.NOT_ALLOWED', d.action, ['cancel', 'release', 'check-in', 'book-for']));
    case 'BOOKING_NOT_FOUND':
      return t(locale, 'refusal.BOOKING_NOT_FOUND');
    case 'NOT_ACTIVE':
      return translate(
        locale,
        oneOf('refusal.NOT_ACTIVE', d.status, ['booked', 'checked-in', 'released', 'cancelled-by-admin']),
        { status: d.status },
      );
    case 'DESKS_FREE':
      return translate(locale, pluralKey(locale, 'refusal.DESKS_FREE', d.free), { count: d.free, date: date(d.date) });
    default:
      return unreachable(d);
  }
}

type WindowDetails = Extract<RefusalDetails, { code: 'OUTSIDE_WINDOW' }>;

function outsideWindow(d: WindowDetails, locale: Locale): string {
  const date = formatDate(d.date, locale);
  switch (d.reason) {
    case 'past':
      return t(locale, 'refusal.OUTSIDE_WINDOW.past', { date });
    case 'beyond-horizon':
      return translate(locale, pluralKey(locale, 'refusal.OUTSIDE_WINDOW.beyond-horizon', d.horizonDays), {
        date,
        last: formatDate(lastOpenDay(d.lastBookableDate, d.today, d.bookableWeekdays), locale),
        horizon: d.horizonDays,
      });
    case 'weekday': {
      const weekday = formatWeekdayOf(d.date, locale);
      const days = bookableDays(d.bookableWeekdays, locale);
      return days === undefined
        ? t(locale, 'refusal.OUTSIDE_WINDOW.weekday.none', { weekday })
        : t(locale, 'refusal.OUTSIDE_WINDOW.weekday', { weekday, days });
    }
    case 'not-today':
      return t(locale, 'refusal.OUTSIDE_WINDOW.not-today', { date, today: formatDate(d.today, locale) });
    case 'after-deadline':
      return d.deadline
        ? t(locale, 'refusal.OUTSIDE_WINDOW.after-deadline', { date, deadline: d.deadline })
        : t(locale, 'refusal.OUTSIDE_WINDOW.after-deadline.no-time', { date });
    default:
      return unreachable(d.reason);
  }
}

/**
 * The window's last day that can actually be booked: when the horizon ends on a Sunday, the Friday before it.
 * Naming a day nobody can book as "the last bookable day" would send people to a refusal.
 */
function lastOpenDay(last: string, today: string, bookableWeekdays: readonly number[]): string {
  const [y, m, d] = last.split('-').map(Number) as [number, number, number];
  for (let back = 0; back < 7; back += 1) {
    const day = new Date(Date.UTC(y, m - 1, d - back));
    const iso = day.toISOString().slice(0, 10);
    if (iso < today) break;
    if (bookableWeekdays.includes(((day.getUTCDay() + 6) % 7) + 1)) return iso;
  }
  return last;
}

/** "Monday to Friday" for a run of three or more days, else "Monday, Wednesday and Friday". */
function bookableDays(isoWeekdays: readonly number[], locale: Locale): string | undefined {
  const days = [...new Set(isoWeekdays)]
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 7)
    .sort((a, b) => a - b);
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return undefined;
  if (days.length >= 3 && last - first + 1 === days.length) {
    return t(locale, 'weekdays.range', {
      first: formatIsoWeekday(first, locale),
      last: formatIsoWeekday(last, locale),
    });
  }
  return formatList(
    days.map((n) => formatIsoWeekday(n, locale)),
    locale,
  );
}

/** "2026-W49" → 49; anything else is shown as it came. */
function weekNumber(isoWeek: string): number | string {
  const m = /^\d{4}-W(\d{2})$/.exec(isoWeek);
  return m ? Number(m[1]) : isoWeek;
}

// ---------------------------------------------------------------------------------------------
// The floor map

/** Why a desk has its state on the map: "1.2 m from a booked desk; the minimum is 1.5 m", "Zone B is full (12 of 12)". */
export function describeDeskReason(reason: DeskReason, locale: Locale): string {
  switch (reason.kind) {
    case 'free':
      return t(locale, 'deskReason.free');
    case 'mine':
      return t(locale, reason.checkedIn ? 'deskReason.mine-checked-in' : 'deskReason.mine');
    case 'taken':
      return t(locale, reason.checkedIn ? 'deskReason.taken-checked-in' : 'deskReason.taken');
    case 'too-close':
      return t(locale, 'deskReason.too-close', { distance: reason.distanceM, min: reason.minDistanceM });
    case 'zone-full':
      return t(locale, 'deskReason.zone-full', {
        zone: reason.zoneName,
        booked: reason.booked,
        capacity: reason.capacity,
      });
    case 'unavailable':
      return translate(locale, `deskReason.unavailable.${reason.why}`, {
        ...(reason.offFrom !== undefined && { date: formatDate(reason.offFrom, locale) }),
      });
    default:
      return unreachable(reason);
  }
}

// Desk states and booking statuses: in state-labels.ts, so that the tab can bundle them without the sentences here.
export { bookingStatusLabel, deskStateLabel } from './state-labels';

// ---------------------------------------------------------------------------------------------
// Alternatives

/** "Desk 3.14, 2.1 m away" for another desk that day, "Desk 3.12 on Friday 4 December" for another day. */
export function describeAlternative(alt: Alternative, locale: Locale): string {
  const desk = nonEmpty(alt.deskLabel) ?? alt.deskId;
  if (alt.kind === 'day') return t(locale, 'alternative.day', { desk, date: formatDate(alt.date, locale) });
  return alt.distanceM === undefined
    ? t(locale, 'alternative.desk', { desk })
    : t(locale, 'alternative.desk-nearby', { desk, distance: alt.distanceM });
}

// ---------------------------------------------------------------------------------------------
// API errors

export const API_ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'STORAGE_UNAVAILABLE',
  'CONTENTION',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The message of an API error `{ code, message }`; INVALID_INPUT says what was wrong in `details`. */
export function errorMessage(code: 'INVALID_INPUT', locale: Locale, details: string): string;
export function errorMessage(code: Exclude<ApiErrorCode, 'INVALID_INPUT'>, locale: Locale): string;
export function errorMessage(code: ApiErrorCode, locale: Locale, details?: string): string {
  return translate(locale, `error.${code}`, details === undefined ? {} : { details });
}

// ---------------------------------------------------------------------------------------------

/** `${base}.${value}` when value is one of `known`, else `${base}.fallback` (a value newer than this catalogue). */
function oneOf(base: string, value: string, known: readonly string[]): MessageKey {
  return `${base}.${known.includes(value) ? value : 'fallback'}` as MessageKey;
}

function nonEmpty(s: string | undefined): string | undefined {
  return s !== undefined && s.trim().length > 0 ? s : undefined;
}

/** Sentences may open with a weekday, lower-case in French and Dutch ("zaterdag is geen …"). */
function upperFirst(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

function unreachable(value: never): never {
  throw new Error(`Unhandled case ${JSON.stringify(value)}: describe-refusal.ts needs a sentence for it`);
}

// ---------------------------------------------------------------------------------------------
// A refusal as the API and the chat show it

/** The sentence and the alternatives, each with its words: one shape for the API's 409 body and the refusal card. */
export function refusalView(
  refusal: Refusal,
  locale: Locale,
  lookup: RefusalLookup = {},
): { readonly sentence: string; readonly alternatives: (Alternative & { readonly text: string })[] } {
  return {
    sentence: describeRefusal(refusal, locale, lookup),
    alternatives: refusal.alternatives.map((a) => ({ ...a, text: describeAlternative(a, locale) })),
  };
}
