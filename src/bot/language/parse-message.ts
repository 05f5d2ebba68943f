/**
 * Reads a chat message ("book a desk Thursday", "réserve un bureau jeudi", "boek een bureau donderdag",
 * "Donnerstag einen Schreibtisch") into a command for the bot's routes.
 *
 * Pure: no I/O, no clock, no environment. The message's instant and the site's time zone are parameters, and
 * every day is a civil date (YYYY-MM-DD) in that zone. It never throws: anything it cannot read is `unknown`,
 * for which the bot shows its help card. See extract-dates.ts for how days are resolved (a weekday said on
 * that weekday means today; numbers are day first; a date without a year is its nearest occurrence, and one that
 * just went is past). What it understood comes with what it could not place (`unplaced`), so the bot can ask.
 */
import { civilDateOf, isValidTimeZone } from '../../domain/civil-date';
import { resolveLocale, type Locale } from '../../i18n/messages';
import { detectIntent } from './detect-intent';
import { detectLanguage } from './detect-language';
import { extractConstraints } from './extract-constraints';
import { extractDates, type DateExtraction, type SeriesReading } from './extract-dates';
import { blankOut, foldText } from './fold-text';
import { alternativeDays, negatesAction, noLongerNeeded, withoutDeniedDays } from './guarded-readings';
import { findPersonPhrase, type PersonPhrase } from './person-phrase';
import { sanitizeMessageText } from './sanitize-message-text';

export type Command =
  | {
      kind: 'book';
      dates: string[];
      /** A recurring series ("every Tuesday until 31 January"): `dates` holds only its first days. */
      series?: SeriesReading;
      deskLabel?: string;
      zoneName?: string;
      attributes: string[];
      sameAsLastTime: boolean;
      /** "for Ann", "for my manager", "Ann's desk": the colleague it is for, as typed (see person-phrase.ts). */
      forPerson?: ForPerson;
    }
  | { kind: 'my-bookings' }
  /** "cancel Thursday", "cancel my booking": dates [] means the next booking (or ask which). */
  | {
      kind: 'cancel';
      dates: string[];
      /** "cancel Ann's desk", "cancel the booking for Ann": someone else's desk, which chat does not cancel. */
      forPerson?: ForPerson;
    }
  | { kind: 'check-in' }
  /** "release my desk today": dates [] means today. */
  | { kind: 'release'; dates: string[]; forPerson?: ForPerson }
  /** "who is in on Thursday": dates [] means today. */
  | { kind: 'who-is-in'; dates: string[] }
  | { kind: 'help' }
  /** "I can't come on Thursday", "not Thursday after all": offer to cancel that day's booking (dates [] = ask). */
  | { kind: 'offer-cancel'; dates: string[] }
  /** "move it to Friday", "move my Thursday booking to Friday": `from` [] means the booking under discussion. */
  | { kind: 'move'; from: string[]; to: string[] }
  /** "another desk", "a bit further from the door": another desk on that day, or the day under discussion. */
  | { kind: 'another-desk'; dates: string[] }
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  | { kind: 'unknown' };

/** The person a booking is for, as the message names them; which colleague that is, the bot finds out. */
export type ForPerson =
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'possessive'; readonly name: string }
  | { readonly kind: 'someone' }
  | { readonly kind: 'several' }
  /** "für die Ann": Ann if a colleague who delegated is called so; otherwise no person at all (person-phrase.ts). */
  | { readonly kind: 'maybe'; readonly name: string };

export interface ParseContext {
  /** The instant of the message. */
  now: Date;
  /** The site's IANA zone, e.g. Europe/Brussels; dates resolve in it. */
  timeZone: string;
  /** activity.locale, e.g. 'fr-BE'. */
  activityLocale?: string;
  /** Known zone names, e.g. ['Zone A', 'Zone B', 'Quiet room'], matched case- and accent-insensitively. */
  zoneNames?: readonly string[];
  /** Known desk labels, e.g. ['3.12', '2.04'], for "desk 3.12", "bureau 3.12", "Schreibtisch 3.12", "werkplek 3.12". */
  deskLabels?: readonly string[];
}

export interface ParsedMessage {
  command: Command;
  locale: Locale;
  /** Dates the text named but that could not be resolved, for a helpful answer. */
  unparsedDateText?: string;
  /**
   * Day-like words that could not be placed, as typed ("yesterday", "31. Februar", "for 3 days", "December 3" said on
   * the 6th). Never empty when unparsedDateText is set: the bot asks rather than act on what it did understand.
   */
  unplaced: string[];
}

// A message that only greets or thanks ("Hi!", "bonjour", "goedemorgen", "Danke schön").
const GREETING =
  /^\s*(?:hi|hello|hey|hiya|good\s+(?:morning|afternoon|evening)|morning|bonjour|bonsoir|salut|coucou|hallo|hoi|dag|goedemorgen|goedemiddag|goeiemorgen|goede\s?morgen|guten\s+(?:morgen|tag|abend)|moin|servus|gruss\s+gott|gruezi)(?:\s+(?:there|all|everyone|seatwise|bot|tout\s+le\s+monde|allemaal|zusammen))?\s*[!.,:)]*\s*$/;
const THANKS =
  /^\s*(?:(?:many\s+)?thanks?(?:\s+(?:a\s+lot|so\s+much|you(?:\s+very\s+much)?))?|thx|ty|cheers|merci(?:\s+(?:beaucoup|bien))?|super\s+merci|bedankt|dank\s*(?:je|u|jullie)(?:\s+wel)?|merci|danke(?:\s+(?:schon|schoen|sehr))?|vielen\s+dank)\s*[!.,:)]*\s*$/;
// "move ... to Friday", "swap Thursday for Friday": the target of a move follows the last of these words.
const MOVE_TARGET = /\b(?:to|for|into|with|naar|voor|tegen|a|au|vers|sur|pour|contre|auf|nach|zu|gegen|op)\s+(?=\S)/g;
// "Friday instead of Thursday", "vendredi au lieu de jeudi", "vrijdag in plaats van donderdag", "Freitag statt
// Donnerstag": the day before these words is the target, the day after them the booking that moves.
const INSTEAD_OF = /\b(?:instead\s+of|au\s+lieu\s+d[eu]|in\s+plaats\s+van|(?:an)?statt)\b/;

const UNKNOWN: Command = { kind: 'unknown' };

function forPersonOf(p: PersonPhrase): ForPerson {
  switch (p.kind) {
    case 'someone':
    case 'several':
      return { kind: p.kind };
    case 'named':
    case 'possessive':
      return { kind: p.kind, name: p.name };
    case 'maybe-named':
      return { kind: 'maybe', name: p.name };
  }
}

function parseOrThrow(input: unknown, ctx: ParseContext, clientLocale: Locale): ParsedMessage {
  const text = sanitizeMessageText(input);
  const folded = foldText(text);
  const locale = detectLanguage(folded.text, text, clientLocale);
  if (folded.text.trim().length === 0) return { command: UNKNOWN, locale, unplaced: [] };
  if (GREETING.test(folded.text)) return { command: { kind: 'greeting' }, locale, unplaced: [] };
  if (THANKS.test(folded.text)) return { command: { kind: 'thanks' }, locale, unplaced: [] };

  const constraints = extractConstraints(folded, { zoneNames: ctx.zoneNames, deskLabels: ctx.deskLabels });
  // A desk label or zone name is never a date: "desk 3.12" is not the 3rd of December.
  let dateText = folded.text;
  for (const [start, end] of constraints.spans) dateText = blankOut(dateText, start, end);

  const canResolveDates =
    ctx.now instanceof Date && !Number.isNaN(ctx.now.getTime()) && isValidTimeZone(ctx.timeZone);
  // The site's calendar day at the message's instant, read through Intl: 00:30 in Brussels on the 3rd is the
  // 3rd, even though it is still the 2nd in UTC.
  const read = (masked: string): DateExtraction =>
    canResolveDates ? extractDates(folded, masked, { today: civilDateOf(ctx.now, ctx.timeZone), locale }) : { dates: [] };
  // "I won't need my desk Thursday" is a reason, like "I can't come".
  const intent = noLongerNeeded(folded.text) ? 'cannot-come' : detectIntent(folded.text);
  // "for Ann" in a booking is taken out before the days are read; words the date reader can read are never a person.
  // A cancel or a release may name someone too ("cancel Ann's desk"): never read as the caller's own.
  const person =
    canResolveDates && (intent === 'book' || intent === undefined || intent === 'cancel' || intent === 'release')
      ? findPersonPhrase(folded, dateText, (start, end) => {
          const found = read(blankOut(blankOut(dateText, end, dateText.length), 0, start));
          return found.dates.length > 0 || found.unparsedText !== undefined;
        })
      : undefined;
  // After an article ("für den Jan") the word may be an ordinary noun, so the days are read in the text as typed.
  if (person && person.kind !== 'maybe-named') dateText = blankOut(dateText, person.span[0], person.span[1]);
  const extraction = read(dateText);
  let { dates } = extraction;
  // "Thursday or Friday": one of the two, which only the person can say; ask rather than take both.
  const either = extraction.unparsedText === undefined ? alternativeDays(folded, dateText, locale, (m) => read(m).dates) : undefined;
  const unparsedText = either ?? extraction.unparsedText;
  const unparsed =
    unparsedText === undefined
      ? { unplaced: [] as string[] }
      : { unparsedDateText: unparsedText, unplaced: unparsedText.split(', ') };

  // "don't cancel Thursday" asks for nothing.
  if (negatesAction(folded.text) && !noLongerNeeded(folded.text)) return { command: UNKNOWN, locale, unplaced: [] };
  // "not Thursday, Friday": the denied day is no part of a booking.
  const named = dates.length > 0 && (intent === 'book' || intent === undefined);
  if (named) dates = withoutDeniedDays(dateText, dates, (m) => read(m).dates) ?? dates;
  const asksForDesk =
    person !== undefined ||
    constraints.mentionsDesk ||
    constraints.deskLabel !== undefined ||
    constraints.zoneName !== undefined ||
    constraints.attributes.length > 0 ||
    constraints.sameAsLastTime;
  const book = (): ParsedMessage => {
    const command: Command = {
      kind: 'book',
      dates,
      attributes: constraints.attributes,
      sameAsLastTime: constraints.sameAsLastTime,
    };
    if (constraints.deskLabel !== undefined) command.deskLabel = constraints.deskLabel;
    if (constraints.zoneName !== undefined) command.zoneName = constraints.zoneName;
    if (extraction.series !== undefined) command.series = extraction.series;
    if (person) command.forPerson = forPersonOf(person);
    return { command, locale, ...unparsed };
  };

  switch (intent) {
    case 'another-desk':
      return { command: { kind: 'another-desk', dates }, locale, ...unparsed };
    case 'cannot-come':
      return { command: { kind: 'offer-cancel', dates }, locale, ...unparsed };
    case 'move': {
      const instead = INSTEAD_OF.exec(dateText);
      if (instead) {
        const cut = instead.index;
        const from = read(blankOut(dateText, 0, cut + instead[0].length)).dates;
        const to = read(blankOut(dateText, cut, dateText.length)).dates;
        return { command: { kind: 'move', from, to }, locale, ...unparsed };
      }
      // The day after the last "to" is where the booking goes; the days before it say which booking moves.
      const targets = [...dateText.matchAll(MOVE_TARGET)];
      const cut = targets.length > 0 ? (targets[targets.length - 1]!.index ?? 0) : dateText.length;
      const from = read(blankOut(dateText, cut, dateText.length)).dates;
      const to = read(blankOut(dateText, 0, cut)).dates;
      return { command: { kind: 'move', from, to }, locale, ...unparsed };
    }
    case 'cancel':
    case 'release': {
      const command: Extract<Command, { kind: 'cancel' | 'release' }> = { kind: intent, dates };
      if (person) command.forPerson = forPersonOf(person);
      return { command, locale, ...unparsed };
    }
    case 'who-is-in':
      return { command: { kind: intent, dates }, locale, ...unparsed };
    case 'check-in':
    case 'my-bookings':
      return { command: { kind: intent }, locale, unplaced: [] };
    case 'book':
      return book();
    case 'help':
      return { command: { kind: 'help' }, locale, unplaced: [] };
    case undefined:
      // A bare date ("Thursday", "jeudi"), or a desk with no verb ("Donnerstag einen Schreibtisch"), is a booking.
      if (named || unparsed.unparsedDateText !== undefined || asksForDesk) return book();
      return { command: UNKNOWN, locale, unplaced: [] };
  }
}

export function parseMessage(text: string, ctx: ParseContext): ParsedMessage {
  let clientLocale: Locale = 'en';
  try {
    clientLocale = resolveLocale(ctx?.activityLocale);
    return parseOrThrow(text, ctx ?? ({} as ParseContext), clientLocale);
  } catch {
    // A message we cannot read gets the help card, never a stack trace.
    return { command: UNKNOWN, locale: clientLocale, unplaced: [] };
  }
}
