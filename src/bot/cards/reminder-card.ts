import { t, type Locale } from '../../i18n/messages';
import {
  adaptiveCard,
  factSet,
  heading,
  openUrlAction,
  textBlock,
  type AdaptiveCard,
  type CardAction,
} from './adaptive-card';
import { bookingButton, dayText, deadlineText, labelText, myBookingsButton, whereFacts, type DeskUntil } from './card-parts';
import { VERBS } from './verbs';

/** The booking a proactive card is about, as people know it. */
export interface ReminderCardInput extends DeskUntil {
  readonly bookingId: string;
}

/**
 * The check-in reminder sent on the morning of a booking: the desk, its zone and floor, the deadline, and the
 * buttons Check in, Release my desk and Open map. The buttons are Action.Execute, so the bot's answer (checked in,
 * released, or why not) replaces this card in place.
 */
export function reminderCard(input: ReminderCardInput, locale: Locale): AdaptiveCard {
  const deadline = deadlineText(input.deadline);
  const actions: CardAction[] = [
    bookingButton(t(locale, 'card.action.checkIn'), VERBS.bookingCheckIn, input.bookingId, 'positive'),
    bookingButton(t(locale, 'reminder.action.release'), VERBS.bookingRelease, input.bookingId),
  ];
  const map = openUrlAction(t(locale, 'card.action.openMap'), input.mapUrl);
  if (map) actions.push(map);
  return adaptiveCard(
    [
      { ...heading(t(locale, 'reminder.card.title')), color: 'Accent' },
      textBlock(
        t(locale, 'reminder.card.text', {
          desk: labelText(input.deskLabel),
          date: dayText(input.date, locale),
          deadline,
        }),
        { spacing: 'Small' },
      ),
      factSet([
        ...whereFacts(input, locale),
        { title: t(locale, 'reminder.fact.deadline'), value: deadline },
      ]),
    ],
    actions,
  );
}

/** The notification preview of a reminder (plain text: no Markdown is rendered there). */
export function reminderSummary(
  input: Pick<ReminderCardInput, 'deskLabel' | 'deadline'>,
  locale: Locale,
): string {
  return t(locale, 'reminder.card.summary', { desk: input.deskLabel.slice(0, 60), deadline: input.deadline });
}

export type NoShowReleasedCardInput = Omit<ReminderCardInput, 'bookingId' | 'mapUrl'>;

/** Tells the owner that their desk was released at the deadline because nobody checked in, and what to do now. */
export function noShowReleasedCard(input: NoShowReleasedCardInput, locale: Locale): AdaptiveCard {
  const deadline = deadlineText(input.deadline);
  return adaptiveCard(
    [
      { ...heading(t(locale, 'reminder.released.title')), color: 'Warning' },
      textBlock(
        t(locale, 'reminder.released.text', {
          desk: labelText(input.deskLabel),
          date: dayText(input.date, locale),
          deadline,
        }),
        { spacing: 'Small' },
      ),
      factSet(whereFacts(input, locale)),
    ],
    [myBookingsButton(locale)],
  );
}

export function noShowReleasedSummary(
  input: Pick<ReminderCardInput, 'deskLabel' | 'deadline'>,
  locale: Locale,
): string {
  return t(locale, 'reminder.released.summary', {
    desk: input.deskLabel.slice(0, 60),
    deadline: input.deadline,
  });
}
