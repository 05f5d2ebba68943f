/**
 * Reads a chat message ("book a desk Thursday", "réserve un bureau jeudi", "boek een bureau donderdag",
 * "Donnerstag einen Schreibtisch") into a command for the bot's routes.
 *
 * Pure: no I/O, no clock, no environment. The message's instant and the site's time zone are parameters, and
 * every day is a civil date (YYYY-MM-DD) in that zone. It never throws: anything it cannot read is `unknown`,
 * for which the bot shows its help card. See extract-dates.ts for how days are resolved (a weekday said on
 * that weekday means today; numbers are day first; past dates without a year mean next year).
 */
import { civilDateOf, isValidTimeZone } from '../../domain/civil-date';
import { resolveLocale, type Locale } from '../../i18n/messages';
import { detectIntent } from './detect-intent';
import { detectLanguage } from './detect-language';
import { extractConstraints } from './extract-constraints';
import { extractDates } from './extract-dates';
import { blankOut, foldText } from './fold-text';
import { sanitizeMessageText } from './sanitize-message-text';

export type Command =
  | {
      kind: 'book';
      dates: string[];
      deskLabel?: string;
      zoneName?: string;
      attributes: string[];
      sameAsLastTime: boolean;
    }
  | { kind: 'my-bookings' }
  /** "cancel Thursday", "cancel my booking": dates [] means the next booking (or ask which). */
  | { kind: 'cancel'; dates: string[] }
  | { kind: 'check-in' }
  /** "release my desk today": dates [] means today. */
  | { kind: 'release'; dates: string[] }
  /** "who is in on Thursday": dates [] means today. */
  | { kind: 'who-is-in'; dates: string[] }
  | { kind: 'help' }
  | { kind: 'unknown' };

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
}

const UNKNOWN: Command = { kind: 'unknown' };

function parseOrThrow(input: unknown, ctx: ParseContext, clientLocale: Locale): ParsedMessage {
  const text = sanitizeMessageText(input);
  const folded = foldText(text);
  const locale = detectLanguage(folded.text, text, clientLocale);
  if (folded.text.trim().length === 0) return { command: UNKNOWN, locale };

  const constraints = extractConstraints(folded, { zoneNames: ctx.zoneNames, deskLabels: ctx.deskLabels });
  // A desk label or zone name is never a date: "desk 3.12" is not the 3rd of December.
  let dateText = folded.text;
  for (const [start, end] of constraints.spans) dateText = blankOut(dateText, start, end);

  const canResolveDates =
    ctx.now instanceof Date && !Number.isNaN(ctx.now.getTime()) && isValidTimeZone(ctx.timeZone);
  // The site's calendar day at the message's instant, read through Intl: 00:30 in Brussels on the 3rd is the
  // 3rd, even though it is still the 2nd in UTC.
  const extraction = canResolveDates
    ? extractDates(folded, dateText, { today: civilDateOf(ctx.now, ctx.timeZone), locale })
    : { dates: [] };
  const { dates } = extraction;
  const unparsed = extraction.unparsedText === undefined ? {} : { unparsedDateText: extraction.unparsedText };

  const intent = detectIntent(folded.text);
  const asksForDesk =
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
    return { command, locale, ...unparsed };
  };

  switch (intent) {
    case 'cancel':
    case 'release':
    case 'who-is-in':
      return { command: { kind: intent, dates }, locale, ...unparsed };
    case 'check-in':
    case 'my-bookings':
      return { command: { kind: intent }, locale };
    case 'book':
      return book();
    case 'help':
      return { command: { kind: 'help' }, locale };
    case undefined:
      // A bare date ("Thursday", "jeudi"), or a desk with no verb ("Donnerstag einen Schreibtisch"), is a booking.
      if (dates.length > 0 || unparsed.unparsedDateText !== undefined || asksForDesk) return book();
      return { command: UNKNOWN, locale };
  }
}

export function parseMessage(text: string, ctx: ParseContext): ParsedMessage {
  let clientLocale: Locale = 'en';
  try {
    clientLocale = resolveLocale(ctx?.activityLocale);
    return parseOrThrow(text, ctx ?? ({} as ParseContext), clientLocale);
  } catch {
    // A message we cannot read gets the help card, never a stack trace.
    return { command: UNKNOWN, locale: clientLocale };
  }
}
