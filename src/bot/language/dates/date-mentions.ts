import type { CivilDate } from '../../../domain/model';
import type { Locale } from '../../../i18n/messages';

// The mentions of days a message's text holds, before they are resolved to dates, and the context they are read
// in.

export interface DateContext {
  /** The site's civil date at the message's instant. */
  readonly today: CivilDate;
  /** The message's language: which chrono-node parser reads it. */
  readonly locale: Locale;
}

export interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A calendar day the text names; the year is filled in later when the text did not give one. */
export interface DayPoint {
  readonly kind: 'day';
  readonly month: number;
  readonly day: number;
  readonly year?: number;
  /** Written with a month (name or number): day numbers before it ("3 and 5 December") share its month. */
  readonly anchorsDayNumbers: boolean;
}

interface WeekdayPoint {
  readonly kind: 'weekday';
  readonly weekday: number;
  /** "next Thursday": strictly after today. */
  readonly strictlyAfterToday: boolean;
  repeat: boolean;
  /** "every other Tuesday": every second week from the first one. */
  readonly everyOther?: boolean;
}

interface FixedPoint {
  readonly kind: 'fixed';
  readonly date: CivilDate;
}

/** A day of the month without a month: "on the 15th", "le 15", "de 15e", "am 15.". */
interface MonthDayPoint {
  readonly kind: 'monthday';
  readonly day: number;
}

export type Point = DayPoint | WeekdayPoint | FixedPoint | MonthDayPoint;

export type Mention =
  | ({ start: number; end: number; source: 'own' | 'chrono' } & Point)
  | { kind: 'range'; start: number; end: number; source: 'chrono'; from: DayPoint; to: DayPoint }
  | { kind: 'week'; start: number; end: number; source: 'own'; which: 'this' | 'next' }
  | {
      kind: 'month';
      start: number;
      end: number;
      source: 'own';
      month: number;
      year?: number;
    }
  | { kind: 'every-day'; start: number; end: number; source: 'own' }
  | { kind: 'unparsed'; start: number; end: number; source: 'own' };

export type PointMention = Extract<Mention, { kind: 'day' | 'weekday' | 'fixed' | 'monthday' }>;

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export class MentionList {
  readonly items: Mention[] = [];

  /** Adds the mention unless it overlaps one already found (earlier finders win). */
  add(mention: Mention): boolean {
    if (mention.end <= mention.start || this.items.some((m) => overlaps(m, mention))) return false;
    this.items.push(mention);
    return true;
  }
}
