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
import { button, dayText, LIMITS, labelText, myBookingsButton, nameText } from './card-parts';
import { MAX_CARD_DAYS, VERBS } from './verbs';
import { escapeMarkdown } from './markdown';

/** A month of working days fits; a longer request is summed up in the counts. */
export const MAX_MULTI_DAYS = 31;

export type DayResult =
  | { readonly date: string; readonly ok: true; readonly deskLabel: string; readonly zoneName?: string }
  /** `sentence`: why that day was refused, from describeRefusal; plain text, escaped here. */
  | { readonly date: string; readonly ok: false; readonly sentence: string; readonly alternative?: string };

export interface MultiDayCardInput {
  /** One result per requested day, in date order. */
  readonly results: readonly DayResult[];
  /** What was done on each day: booked (the default), cancelled or released; the words follow. */
  readonly kind?: 'booked' | 'cancelled' | 'released';
  /** The bookings just made, offered for cancelling at once (undo). */
  readonly undoBookingIds?: readonly string[];
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
      const why = escapeMarkdown(r.sentence, LIMITS.sentence);
      refused.push({
        title,
        value: r.alternative ? `${why} ${t(locale, 'chat.multi.instead', { alternative: escapeMarkdown(r.alternative, LIMITS.sentence) })}` : why,
      });
    }
  }

  const kind = input.kind ?? 'booked';
  const words =
    kind === 'booked'
      ? {
          title: t(locale, 'card.multi.title'),
          counts: t(locale, 'card.multi.counts', { booked: bookedCount, refused: all.length - bookedCount }),
          done: t(locale, 'card.multi.booked'),
          failed: t(locale, 'card.multi.refused'),
        }
      : {
          title: t(locale, `chat.${kind}.title`),
          counts: t(locale, `chat.${kind}.counts`, { done: bookedCount, failed: all.length - bookedCount }),
          done: t(locale, `chat.${kind}.done`),
          failed: t(locale, `chat.${kind}.failed`),
        };
  const body: CardElement[] = [heading(words.title), textBlock(words.counts, { spacing: 'Small' })];
  if (booked.length > 0) {
    body.push(
      textBlock(words.done, { weight: 'Bolder', color: 'Good', separator: true }),
      factSet(booked),
    );
  }
  if (refused.length > 0) {
    body.push(
      textBlock(words.failed, { weight: 'Bolder', color: 'Attention', separator: true }),
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
  const undo = (input.undoBookingIds ?? []).slice(0, MAX_CARD_DAYS);
  const actions = [
    ...(undo.length > 0 ? [button(t(locale, 'chat.multi.undo'), { verb: VERBS.cancelMany, bookingIds: [...undo] }, 'destructive')] : []),
    ...(bookedCount > 0 || kind !== 'booked' ? [myBookingsButton(locale)] : []),
  ];
  return adaptiveCard(body, actions);
}
