import { useEffect, useMemo, useState } from 'react';
import { formatDate, t, type Locale } from '../i18n/messages';
import type { FloorViewDto } from './api-types';
import { sameWindow, snapDate, windowOf, type BookingWindow } from './book-window';
import { bookableDates } from './civil-dates';
import type { Notice } from './outcome-region';

export interface ShownWindow {
  readonly window: BookingWindow | undefined;
  /** The bookable days of the window, in order. */
  readonly days: readonly string[];
  /** The site's today: the window's first day. */
  readonly today: string | undefined;
}

/**
 * The booking window around the Book tab's day, from the server's answer. The day itself is the caller's state
 * (the floor is read for it), undefined until the first answer: the link's ?date= is then resolved once against the
 * window, and a day that cannot be booked is snapped to the nearest that can, with `onSnapped` saying why.
 */
export function useShownDay(
  view: FloorViewDto | undefined,
  day: { readonly date: string | undefined; readonly setDate: (d: string) => void; readonly asked: string | undefined },
  locale: Locale,
  onSnapped: (n: Notice) => void,
): ShownWindow {
  const { date, setDate, asked } = day;
  const [window_, setWindow] = useState<BookingWindow | undefined>(undefined);
  useEffect(() => {
    if (!view) return;
    const w = windowOf(view.policy, view.date);
    // The same window keeps its object, so that what depends on it is not recomputed on every poll.
    setWindow((old) => (old && sameWindow(old, w) ? old : w));
    if (date !== undefined) return;
    const bookable = bookableDates(w.first, w.last, w.weekdays);
    const snapped = snapDate(asked, w, bookable, view.date);
    setDate(snapped.date);
    if (snapped.why) {
      const key = `tab.date.snapped.${snapped.why}` as const;
      onSnapped({ kind: 'info', text: t(locale, key, { asked: snapped.why === 'invalid' ? asked!.slice(0, 40) : formatDate(asked!, locale), date: formatDate(snapped.date, locale) }) });
    }
    // setDate and onSnapped are left out: the Book tab passes state setters, which never change.
  }, [view, date, asked, locale]);
  const days = useMemo(() => (window_ ? bookableDates(window_.first, window_.last, window_.weekdays) : []), [window_]);
  return { window: window_, days, today: window_?.first };
}
