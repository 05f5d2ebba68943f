import { t, type Locale } from '../../i18n/messages';
import { adaptiveCard, heading, textBlock, type AdaptiveCard } from './adaptive-card';
import { button, dayText, labelText } from './card-parts';
import { MAX_CARD_DAYS, VERBS } from './verbs';

export interface CancelConfirmCardInput {
  readonly bookings: ReadonlyArray<{ readonly id: string; readonly date: string; readonly deskLabel: string }>;
  /** Days named that hold no booking of the person's: said, so that nobody thinks they were cancelled. */
  readonly notBooked: readonly string[];
}

/**
 * "cancel Thursday" typed in chat: the booking(s) it would cancel, and nothing happens before "Yes, cancel" is
 * pressed. A misread day costs a desk someone else may take at once, so a typed cancellation is confirmed like a
 * typed booking is. "Keep" shows the bookings, still there.
 */
export function cancelConfirmCard(input: CancelConfirmCardInput, locale: Locale): AdaptiveCard {
  const shown = input.bookings.slice(0, MAX_CARD_DAYS);
  const one = shown.length === 1;
  const body = [heading(one ? t(locale, 'chat.cancelConfirm.title') : t(locale, 'chat.cancelConfirm.titleMany', { count: shown.length }))];
  for (const b of shown) body.push(textBlock(t(locale, 'chat.cancelConfirm.line', { desk: labelText(b.deskLabel), date: dayText(b.date, locale) }), { spacing: 'Small' }));
  for (const d of input.notBooked) body.push(textBlock(t(locale, 'bot.noBookingOn', { date: dayText(d, locale) }), { spacing: 'Small', isSubtle: true }));
  const confirm = one
    ? button(t(locale, 'chat.cancelConfirm.yes'), { verb: VERBS.bookingCancel, bookingId: shown[0]!.id }, 'destructive')
    : button(t(locale, 'chat.cancelConfirm.yesMany'), { verb: VERBS.cancelMany, bookingIds: shown.map((b) => b.id) }, 'destructive');
  const keep = button(one ? t(locale, 'chat.cancelConfirm.keep') : t(locale, 'chat.cancelConfirm.keepMany'), { verb: VERBS.showBookings });
  return adaptiveCard(body, [confirm, keep]);
}
