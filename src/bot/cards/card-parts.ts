/**
 * Pieces shared by the cards: how a day, a desk, a zone and a desk's features are written, and the buttons
 * whose data is checked before it is put on a card.
 */
import { formatDate, formatList, t, translate, type Locale, type MessageKey } from '../../i18n/messages';
import { executeAction, type ActionStyle, type ExecuteAction, type Fact } from './adaptive-card';
import { escapeMarkdown, plainText } from './markdown';
import { parseActionData, toRequestId, VERBS, type ActionData } from './verbs';

/** Lengths at which people's text is cut on a card, so that no label or name can blow the size budget. */
export const LIMITS = {
  label: 60,
  name: 100,
  /** Zone and floor names in a row of a list (pick card, bookings), where twelve or twenty rows add up. */
  listName: 48,
  listAttributes: 4,
  personName: 64,
  attribute: 40,
  attributesShown: 8,
  sentence: 600,
} as const;

/** "Thursday 3 December", ready for Markdown. */
export function dayText(date: string, locale: Locale): string {
  return escapeMarkdown(formatDate(date, locale), 40);
}

export function labelText(label: string): string {
  return escapeMarkdown(label, LIMITS.label);
}

export function nameText(name: string): string {
  return escapeMarkdown(name, LIMITS.name);
}

const KNOWN_ATTRIBUTES: Readonly<Record<string, MessageKey>> = {
  monitor: 'card.attribute.monitor',
  standing: 'card.attribute.standing',
  docking: 'card.attribute.docking',
  accessible: 'card.attribute.accessible',
};

/** A desk attribute in words: the four known ones translated, others as the admin wrote them (escaped). */
export function attributeText(attribute: string, locale: Locale): string {
  const key = Object.prototype.hasOwnProperty.call(KNOWN_ATTRIBUTES, attribute)
    ? KNOWN_ATTRIBUTES[attribute]
    : undefined;
  return key ? translate(locale, key) : escapeMarkdown(attribute, LIMITS.attribute);
}

/** "Monitor, Standing desk and Docking station", or undefined when there are none. */
export function attributesText(
  attributes: readonly string[] | undefined,
  locale: Locale,
  max: number = LIMITS.attributesShown,
): string | undefined {
  const shown = [...new Set(attributes ?? [])]
    .filter((a) => typeof a === 'string' && plainText(a).length > 0)
    .slice(0, max)
    .map((a) => attributeText(a, locale));
  return shown.length === 0 ? undefined : formatList(shown, locale);
}

/** A desk on a day, until a site-local time: what the check-in reminder and the waitlist offer both show. */
export interface DeskUntil {
  readonly date: string;
  readonly deskLabel: string;
  readonly zoneName?: string;
  readonly floorName?: string;
  /** Site-local HH:MM: the check-in deadline, or when an offer passes on. */
  readonly deadline: string;
  readonly mapUrl?: string;
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A site-local deadline: an HH:MM as is, anything else escaped and cut. */
export function deadlineText(deadline: string): string {
  return HH_MM.test(deadline) ? deadline : escapeMarkdown(deadline, 10);
}

/** Desk, zone and floor as the facts of a card about one desk; a zone or floor without a name is left out. */
export function whereFacts(
  desk: { readonly deskLabel: string; readonly zoneName?: string; readonly floorName?: string },
  locale: Locale,
): Fact[] {
  const facts: Fact[] = [{ title: t(locale, 'card.fact.desk'), value: labelText(desk.deskLabel) }];
  if (desk.zoneName?.trim()) facts.push({ title: t(locale, 'card.fact.zone'), value: nameText(desk.zoneName) });
  if (desk.floorName?.trim()) facts.push({ title: t(locale, 'card.fact.floor'), value: nameText(desk.floorName) });
  return facts;
}

/** "Zone B · 3rd floor", skipping what is missing; for rows of a list, so the names are cut shorter. */
export function whereText(zoneName: string | undefined, floorName: string | undefined): string {
  return [zoneName, floorName]
    .filter((s): s is string => typeof s === 'string' && plainText(s).length > 0)
    .map((s) => escapeMarkdown(s, LIMITS.listName))
    .join(' · ');
}

/**
 * A button whose data is validated exactly as a click will be: a card never offers a button its own handler
 * would reject. Invalid data is a bug in the caller (ids come from the catalogue and the store), so it throws.
 */
export function button(title: string, data: ActionData, style?: ActionStyle): ExecuteAction {
  const checked = parseActionData(data);
  if (checked === null) {
    throw new TypeError(
      `Card button "${title}" has invalid action data: ${JSON.stringify(data).slice(0, 300)}`,
    );
  }
  return executeAction(plainText(title, 80), checked, style);
}

export function bookButton(
  title: string,
  deskId: string,
  date: string,
  requestId: string,
  style?: ActionStyle,
): ExecuteAction {
  return button(title, { verb: VERBS.bookConfirm, deskId, date, requestId: toRequestId(requestId) }, style);
}

export function bookingButton(
  title: string,
  verb: typeof VERBS.bookingCancel | typeof VERBS.bookingCheckIn | typeof VERBS.bookingRelease,
  bookingId: string,
  style?: ActionStyle,
): ExecuteAction {
  return button(title, { verb, bookingId }, style);
}

export function myBookingsButton(locale: Locale): ExecuteAction {
  return button(t(locale, 'card.action.myBookings'), { verb: VERBS.showBookings });
}

/** The buttons a booking offers, by its state and the day: check in and cancel, release, or nothing. */
export function bookingButtons(
  booking: { id: string; date: string; status: string; checkedIn?: boolean },
  today: string,
  locale: Locale,
): ExecuteAction[] {
  const active = booking.status === 'booked' || booking.status === 'checked-in';
  if (!active || booking.date < today) return [];
  const checkedIn = booking.checkedIn === true || booking.status === 'checked-in';
  if (booking.date > today) {
    return [bookingButton(t(locale, 'card.action.cancel'), VERBS.bookingCancel, booking.id, 'destructive')];
  }
  if (checkedIn) {
    return [bookingButton(t(locale, 'card.action.release'), VERBS.bookingRelease, booking.id)];
  }
  return [
    bookingButton(t(locale, 'card.action.checkIn'), VERBS.bookingCheckIn, booking.id, 'positive'),
    bookingButton(t(locale, 'card.action.cancel'), VERBS.bookingCancel, booking.id, 'destructive'),
  ];
}

/** `items` cut to `max`, and how many were left out. */
export function capped<T>(items: readonly T[], max: number): { shown: readonly T[]; hidden: number } {
  return { shown: items.slice(0, max), hidden: Math.max(0, items.length - max) };
}
