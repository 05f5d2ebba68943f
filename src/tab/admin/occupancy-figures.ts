/**
 * The occupancy report as the page shows it: the API's rows summed per day or per ISO week, for the charts and their
 * tables. Pure functions of the answer, so the charts, the tables and the CSV all tell the same figures.
 */
import type { OccupancyReportDto } from '../../api-contract/api-types';
import { INTL_LOCALES, t, type Locale } from '../../i18n/messages';

export type { FloorDayDto, OccupancyReportDto, ZoneDayDto, ZoneWeekDto } from '../../api-contract/api-types';

export type Per = 'day' | 'week';

/** What became of the bookings of one period; the four parts add up to `booked`. */
export interface Outcomes {
  readonly period: string;
  readonly booked: number;
  readonly checkedIn: number;
  readonly noShow: number;
  readonly cancelled: number;
  /** Neither checked in, nor released, nor cancelled: days still to come, or today before the deadline. */
  readonly stillBooked: number;
}

/** The busiest day of a period against its limits. */
export interface PeakFigures {
  readonly period: string;
  readonly date: string;
  readonly held: number;
  readonly capacity: number;
  readonly safeMax: number;
}

export const OUTCOME_KEYS = ['checkedIn', 'stillBooked', 'noShow', 'cancelled'] as const;
export type OutcomeKey = (typeof OUTCOME_KEYS)[number];

/** ISO 8601 week of a civil date, written as the server writes it: 2026-W49. */
export function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  // The Thursday of the same week decides the year the week belongs to.
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const year = d.getUTCFullYear();
  const week = 1 + Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function outcomesPer(report: OccupancyReportDto, per: Per): Outcomes[] {
  const out = new Map<string, { booked: number; checkedIn: number; noShow: number; cancelled: number }>();
  for (const r of report.rows) {
    const period = per === 'day' ? r.date : isoWeekOf(r.date);
    const o = out.get(period) ?? { booked: 0, checkedIn: 0, noShow: 0, cancelled: 0 };
    out.set(period, { booked: o.booked + r.booked, checkedIn: o.checkedIn + r.checkedIn, noShow: o.noShow + r.noShow, cancelled: o.cancelled + r.cancelled });
  }
  return [...out].map(([period, o]) => ({ period, ...o, stillBooked: Math.max(0, o.booked - o.checkedIn - o.noShow - o.cancelled) }));
}

export function peaksPer(report: OccupancyReportDto, per: Per): PeakFigures[] {
  const byDay = new Map<string, { held: number; capacity: number; safeMax: number }>();
  for (const f of report.floors) {
    const d = byDay.get(f.date) ?? { held: 0, capacity: 0, safeMax: 0 };
    byDay.set(f.date, { held: d.held + f.held, capacity: d.capacity + f.capacity, safeMax: d.safeMax + f.safeMaxHeadcount });
  }
  const out = new Map<string, PeakFigures>();
  for (const [date, d] of [...byDay].sort(([a], [b]) => a.localeCompare(b))) {
    const period = per === 'day' ? date : isoWeekOf(date);
    const known = out.get(period);
    if (!known || d.held > known.held) out.set(period, { period, date, ...d });
  }
  return [...out.values()];
}

/** A day as "1 Dec", a week as "W49", for axis labels and table rows. */
export function periodLabel(period: string, per: Per, locale: Locale, style: 'short' | 'long' = 'short'): string {
  if (per === 'week') return style === 'short' ? period.slice(5) : t(locale, 'tab.report.weekOf', { week: period });
  const at = new Date(`${period}T00:00:00Z`);
  const options: Intl.DateTimeFormatOptions = style === 'short' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], options).format(at);
}
