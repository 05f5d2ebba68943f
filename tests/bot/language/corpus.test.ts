import corpus from './corpus.json';
import { parseMessage, type ParsedMessage } from '../../../src/bot/language/parse-message';

interface Phrase {
  readonly lang: string;
  readonly text: string;
  readonly expect: string;
}

const phrases = corpus.phrases as readonly Phrase[];

/** Days as the corpus writes them: MM-DD in 2026, the full date in any other year. */
function day(date: string): string {
  return date.startsWith('2026-') ? date.slice(5) : date;
}

/**
 * The reading of a message in the corpus's words. A booking with no day, or with day-like words left over, reads
 * "ask": the bot asks which day instead of booking one nobody named.
 */
function reading(parsed: ParsedMessage): string {
  const c = parsed.command;
  // A booking for someone reads as its own reading followed by whom it is for: "book 12-03 for Ann",
  // "book 12-04 for someone", "book 12-03 for several", "book 12-03 for Ann's?" (a possessive, which the bot asks about),
  // "book 12-04 for Ann?" (after an article: a colleague only if one of that name delegated).
  // A cancel or release naming someone ("cancel Ann's desk") reads the same way: "cancel 12-03 for Ann".
  if ((c.kind === 'book' || c.kind === 'cancel' || c.kind === 'release') && c.forPerson) {
    const { forPerson, ...rest } = c;
    const who =
      forPerson.kind === 'someone' || forPerson.kind === 'several'
        ? forPerson.kind
        : forPerson.kind === 'possessive'
          ? `${forPerson.name}'s?`
          : forPerson.kind === 'maybe'
            ? `${forPerson.name}?`
            : forPerson.name;
    return `${reading({ ...parsed, command: rest })} for ${who}`;
  }
  if (parsed.unplaced.length > 0) return `${c.kind} ask`;
  // A recurring series: its weekdays (ISO, 1 = Monday), "other" for every other week, and its first and last days
  // ("open" when the text gave no end and the bot proposes one).
  if (c.kind === 'book' && c.series) {
    const { weekdays, every, from, until } = c.series;
    return `series ${weekdays.join(',')}${every === 2 ? ' other' : ''} ${day(from)}..${until ? day(until) : 'open'}`;
  }
  if (c.kind === 'move') return `move ${c.from.map(day).join(',')}>${c.to.map(day).join(',')}`;
  if ('dates' in c) {
    if (c.dates.length > 0) return `${c.kind} ${c.dates.map(day).join(' ')}`;
    return c.kind === 'book' ? 'book ask' : c.kind;
  }
  return c.kind;
}

function parse(p: Phrase): ParsedMessage {
  return parseMessage(p.text, {
    now: new Date(corpus.now),
    timeZone: corpus.timeZone,
    activityLocale: p.lang,
    zoneNames: corpus.zoneNames,
    deskLabels: corpus.deskLabels,
  });
}

describe('the phrasing corpus: what colleagues type, read exactly as they mean it', () => {
  it('holds at least 75 phrasings in each language', () => {
    for (const lang of ['en', 'fr', 'nl', 'de']) expect(phrases.filter((p) => p.lang === lang).length).toBeGreaterThanOrEqual(75);
  });

  it.each(phrases.map((p) => [p.lang, p.text, p.expect] as const))('[%s] %j reads as %j', (lang, text, expected) => {
    expect(reading(parse({ lang, text, expect: expected }))).toBe(expected);
  });

  it('never names a day the text did not: every "ask" phrase carries no day to book', () => {
    for (const p of phrases.filter((x) => x.expect.endsWith(' ask'))) {
      const parsed = parse(p);
      const c = parsed.command;
      const booksSomething = c.kind === 'book' && c.dates.length > 0 && parsed.unplaced.length === 0;
      expect({ text: p.text, booksSomething }).toEqual({ text: p.text, booksSomething: false });
    }
  });

  it('answers in the language the phrase is written in', () => {
    for (const p of phrases) expect({ text: p.text, locale: parse(p).locale }).toEqual({ text: p.text, locale: p.lang });
  });
});
