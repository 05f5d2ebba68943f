/**
 * The booking window as the Book tab reads it from a floor's policy, and the day a link's ?date= lands on. Pure:
 * the site's "today" comes from the server, never from the browser's clock.
 */
import type { PolicyDto } from './api-types';
import { addDays, bookableDates } from './civil-dates';

export interface BookingWindow {
  readonly first: string;
  readonly last: string;
  readonly weekdays?: readonly number[];
}

export function windowOf(p: PolicyDto, date: string): BookingWindow {
  const first = p.firstBookableDate ?? date;
  const last = p.lastBookableDate ?? addDays(first, p.horizonDays);
  return { first, last, ...(p.bookableWeekdays && { weekdays: p.bookableWeekdays }) };
}

export function sameWindow(a: BookingWindow, b: BookingWindow): boolean {
  return a.first === b.first && a.last === b.last && (a.weekdays ?? []).join(',') === (b.weekdays ?? []).join(',');
}

/** Every day of the window, bookable or not: the picker lists closed days too, disabled, so the week reads whole. */
export function allDates(first: string, last: string): string[] {
  return bookableDates(first, last, undefined);
}

export function dayDiff(a: string, b: string): number {
  return (Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

const CIVIL = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(s: string): boolean {
  const m = CIVIL.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * The day to show for the ?date= of a link: itself when it can be booked; otherwise the nearest day that can, and
 * why the asked one could not (in the past, beyond the window, not a booking day, not a date at all).
 */
export function snapDate(
  asked: string | undefined,
  w: BookingWindow,
  bookable: readonly string[],
  fallback: string,
): { date: string; why?: 'past' | 'far' | 'weekday' | 'invalid' } {
  const first = bookable[0];
  const last = bookable[bookable.length - 1];
  if (!first || !last) return { date: asked && isRealDate(asked) ? asked : fallback };
  if (asked === undefined) return { date: bookable.includes(fallback) ? fallback : (bookable.find((d) => d >= fallback) ?? first) };
  if (!isRealDate(asked)) return { date: first, why: 'invalid' };
  if (asked < w.first) return { date: first, why: 'past' };
  if (asked > w.last) return { date: last, why: 'far' };
  if (!bookable.includes(asked)) return { date: bookable.find((d) => d > asked) ?? last, why: 'weekday' };
  return { date: asked };
}
