import { formatDate, t, type Locale } from '../i18n/messages';

/**
 * A day at the start of a label ("Mercredi 2 décembre"), capitalised in every language; inside a sentence the
 * day stays as formatDate writes it ("le mercredi 2 décembre"). One rule for the picker, the list and My bookings.
 */
export function dayTitle(day: string, locale: Locale, today?: string): string {
  const text = formatDate(day, locale);
  const upper = text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
  return day === today ? t(locale, 'tab.date.today', { date: upper }) : upper;
}
