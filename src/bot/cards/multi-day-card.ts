import { pluralKey, t, translate, type Locale } from '../../i18n/messages';
import {
  adaptiveCard,
  factSet,
  heading,
  textBlock,
  type AdaptiveCard,
  type CardElement,
  type Fact,
} from './adaptive-card';
import { dayText, LIMITS, labelText, myBookingsButton, nameText } from './card-parts';
import { escapeMarkdown } from './markdown';

/** A month of working days fits; a longer request is summed up in the counts. */
export const MAX_MULTI_DAYS = 31;

export type DayResult =
  | { readonly date: string; readonly ok: true; readonly deskLabel: string; readonly zoneName?: string }
  /** `sentence`: why that day was refused, from describeRefusal; plain text, escaped here. */
  | { readonly date: string; readonly ok: false; readonly sentence: string };

export interface MultiDayCardInput {
  /** One result per requested day, in date order. */
  readonly results: readonly DayResult[];
}

/** One summary for a request of several days: which were booked, and why the others were refused. */
export function multiDayCard(input: MultiDayCardInput, locale: Locale): AdaptiveCard {
  const all = input.results;
  const bookedCount = all.filter((r) => r.ok).length;
  const shown = all.slice(0, MAX_MULTI_DAYS);
  const hidden = all.length - shown.length;

  const booked: Fact[] = [];
  const refused: Fact[] = [];
  for (const r of shown) {
    const title = dayText(r.date, locale);
    if (r.ok) {
      const desk = labelText(r.deskLabel);
      booked.push({
        title,
        value: r.zoneName?.trim()
          ? t(locale, 'card.multi.bookedDay', { desk, zone: nameText(r.zoneName) })
          : t(locale, 'card.desk', { desk }),
      });
    } else {
      refused.push({ title, value: escapeMarkdown(r.sentence, LIMITS.sentence) });
    }
  }

  const body: CardElement[] = [
    heading(t(locale, 'card.multi.title')),
    textBlock(t(locale, 'card.multi.counts', { booked: bookedCount, refused: all.length - bookedCount }), {
      spacing: 'Small',
    }),
  ];
  if (booked.length > 0) {
    body.push(
      textBlock(t(locale, 'card.multi.booked'), { weight: 'Bolder', color: 'Good', separator: true }),
      factSet(booked),
    );
  }
  if (refused.length > 0) {
    body.push(
      textBlock(t(locale, 'card.multi.refused'), { weight: 'Bolder', color: 'Attention', separator: true }),
      factSet(refused),
    );
  }
  if (hidden > 0) {
    body.push(
      textBlock(translate(locale, pluralKey(locale, 'card.multi.more', hidden), { count: hidden }), {
        isSubtle: true,
      }),
    );
  }
  return adaptiveCard(body, bookedCount > 0 ? [myBookingsButton(locale)] : []);
}
