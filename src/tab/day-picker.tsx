/**
 * The Book tab's day: a picker over the booking window that says per day how many desks are free for the person (or
 * that they hold one), with buttons for the previous and next bookable day. Closed days are listed, disabled.
 */
import { Button, Field, Select } from '@fluentui/react-components';
import { t } from '../i18n/messages';
import type { DaySummariesDto } from './api-types';
import { allDates, type BookingWindow } from './book-window';
import { dayTitle } from './day-label';
import { useLocale } from './locale';

export interface DayPickerProps {
  readonly date: string | undefined;
  readonly window: BookingWindow | undefined;
  /** The bookable days of the window, in order. */
  readonly days: readonly string[];
  readonly today: string | undefined;
  /** Per-day counts; left out, the picker names the days only. */
  readonly summaries: DaySummariesDto | undefined;
  /** Labels of the shown floor's desks, for "your desk 3.12". */
  readonly labelOf: ReadonlyMap<string, string>;
  readonly onPick: (day: string) => void;
}

export function DayPicker({ date, window: w, days, today, summaries, labelOf, onPick }: DayPickerProps) {
  const locale = useLocale();
  const dayIndex = date ? days.indexOf(date) : -1;
  const dayOptions = w ? allDates(w.first, w.last) : date ? [date] : [];
  const summaryOf = new Map(summaries?.days.map((d) => [d.date, d]) ?? []);

  const optionText = (d: string): string => {
    const title = dayTitle(d, locale, today);
    if (!days.includes(d)) return t(locale, 'tab.day.optionClosed', { date: title });
    const s = summaryOf.get(d);
    if (!s) return title;
    if (s.mineDeskId) return t(locale, 'tab.day.optionMine', { date: title, desk: labelOf.get(s.mineDeskId) ?? s.mineDeskId });
    return s.free === 0 ? t(locale, 'tab.day.optionFull', { date: title }) : t(locale, 'tab.day.option', { date: title, free: s.free });
  };

  return (
    <Field label={t(locale, 'tab.date')} className="control-date">
      <div className="date-row">
        <Button aria-label={t(locale, 'tab.date.previous')} disabled={dayIndex <= 0} onClick={() => dayIndex > 0 && onPick(days[dayIndex - 1]!)}>
          ‹
        </Button>
        <Select value={date ?? ''} onChange={(_e, d) => onPick(d.value)} disabled={dayOptions.length === 0} data-testid="date-picker">
          {dayOptions.length === 0 && <option value="">{t(locale, 'tab.loading')}</option>}
          {dayOptions.map((d) => (
            <option key={d} value={d} disabled={!days.includes(d)}>
              {optionText(d)}
            </option>
          ))}
        </Select>
        <Button
          aria-label={t(locale, 'tab.date.next')}
          disabled={dayIndex < 0 || dayIndex >= days.length - 1}
          onClick={() => dayIndex >= 0 && dayIndex < days.length - 1 && onPick(days[dayIndex + 1]!)}
        >
          ›
        </Button>
      </div>
    </Field>
  );
}
