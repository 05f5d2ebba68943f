/**
 * Civil dates (YYYY-MM-DD) in the browser, computed at UTC midnight so that the reader's own time zone never
 * shifts a day. "Today" is the site's, not the browser's.
 */
const CIVIL = /^(\d{4})-(\d{2})-(\d{2})$/;

function utc(date: string): Date | undefined {
  const m = CIVIL.exec(date);
  if (!m) return undefined;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function civil(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  const d = utc(date);
  if (!d) return date;
  d.setUTCDate(d.getUTCDate() + n);
  return civil(d);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = utc(date);
  if (!d) return 0;
  return ((d.getUTCDay() + 6) % 7) + 1;
}

/** The civil date of an instant in a time zone, e.g. the site's today. */
export function civilDateIn(timeZone: string, at: Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
    const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    return civil(at);
  }
}

/** The bookable days of the window, first to last inclusive, on the bookable weekdays only (at most 400). */
export function bookableDates(first: string, last: string, weekdays: readonly number[] | undefined): string[] {
  const out: string[] = [];
  // No list means every day; an empty list means no day at all.
  const allowed = new Set(weekdays ?? [1, 2, 3, 4, 5, 6, 7]);
  for (let d = first, n = 0; d <= last && n < 400; d = addDays(d, 1), n++) {
    if (allowed.has(isoWeekday(d))) out.push(d);
  }
  return out;
}
