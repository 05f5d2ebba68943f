import type { BookingStatus } from '../../domain/model';
import { t, type Locale, type MessageKey } from '../../i18n/messages';
import { adaptiveCard, heading, textBlock, type AdaptiveCard } from './adaptive-card';
import { dayText, labelText } from './card-parts';

export interface MyDataCardInput {
  readonly from: string;
  readonly to: string;
  readonly retentionDays: number;
  readonly bookings: readonly { readonly date: string; readonly deskLabel: string; readonly status: BookingStatus }[];
  readonly weeks: number;
  readonly claims: number;
  readonly discussions: number;
  readonly conversationReference: boolean;
}

const SHOWN = 15;

/** "My data": a summary of what is stored about the person, their latest bookings, and where the full export is. */
export function myDataCard(input: MyDataCardInput, locale: Locale): AdaptiveCard {
  const latest = input.bookings.slice(-SHOWN);
  const lines = latest.map((b) =>
    t(locale, 'myData.booking', { date: dayText(b.date, locale), desk: labelText(b.deskLabel), status: t(locale, `bookingStatus.${b.status}` as MessageKey & `bookingStatus.${string}`) }),
  );
  if (input.bookings.length > latest.length) lines.unshift(t(locale, 'myData.more', { count: input.bookings.length - latest.length }));
  return adaptiveCard([
    heading(t(locale, 'myData.title')),
    textBlock(
      t(locale, 'myData.summary', {
        bookings: input.bookings.length,
        from: dayText(input.from, locale),
        to: dayText(input.to, locale),
        weeks: input.weeks,
        claims: input.claims,
        discussions: input.discussions,
      }),
      { spacing: 'Small' },
    ),
    textBlock(t(locale, input.conversationReference ? 'myData.reference.yes' : 'myData.reference.no'), { spacing: 'Small' }),
    ...(lines.length > 0 ? [textBlock(lines.map((l) => `- ${l}`).join('\n'), { spacing: 'Small' })] : []),
    textBlock(t(locale, 'myData.kept', { days: input.retentionDays }), { spacing: 'Small', isSubtle: true }),
  ], []);
}
