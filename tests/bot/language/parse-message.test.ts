import fc from 'fast-check';
import {
  parseMessage,
  type Command,
  type ParseContext,
  type ParsedMessage,
} from '../../../src/bot/language/parse-message';
import { MAX_MESSAGE_LENGTH, sanitizeMessageText } from '../../../src/bot/language/sanitize-message-text';

/** Thursday 19 November 2026, 11:00 in Brussels. */
const NOW = new Date('2026-11-19T10:00:00Z');
const TODAY = '2026-11-19';
const TOMORROW = '2026-11-20';
const SITE: ParseContext = {
  now: NOW,
  timeZone: 'Europe/Brussels',
  zoneNames: ['Zone A', 'Zone B', 'Quiet room', 'Espace café'],
  deskLabels: ['3.12', '2.04', 'A-101'],
};

function parse(text: string, extra: Partial<ParseContext> = {}): ParsedMessage {
  return parseMessage(text, { ...SITE, ...extra });
}

function command(text: string, activityLocale?: string): Command {
  return parse(text, activityLocale === undefined ? {} : { activityLocale }).command;
}

type IntentRow = readonly [text: string, kind: Command['kind']];

describe('intents are understood in all four languages, whatever the case, accents and polite filler', () => {
  const rows: Record<string, IntentRow[]> = {
    en: [
      ['book a desk Thursday', 'book'],
      ['Can you please BOOK me a desk tomorrow?', 'book'],
      ["I'd like to reserve a seat on Friday", 'book'],
      ['I need a desk for Monday', 'book'],
      ['my bookings', 'my-bookings'],
      ['show me my reservations please', 'my-bookings'],
      ['cancel Thursday', 'cancel'],
      ['please cancel my booking', 'cancel'],
      ['check in', 'check-in'],
      ["I'm here", 'check-in'],
      ['release my desk today', 'release'],
      ["I'm not coming today", 'offer-cancel'],
      ['who is in on Thursday', 'who-is-in'],
      ["who's in tomorrow?", 'who-is-in'],
      ['help', 'help'],
      ['?', 'help'],
      ['what can you do', 'help'],
      ['Thursday', 'book'],
      ['hello there', 'greeting'],
      ['thanks!', 'thanks'],
    ],
    fr: [
      ['réserve un bureau jeudi', 'book'],
      ["Je voudrais réserver un bureau demain s'il te plaît", 'book'],
      ['RESERVE UN BUREAU VENDREDI', 'book'],
      ['mes réservations', 'my-bookings'],
      ['annule jeudi', 'cancel'],
      ['annuler ma réservation', 'cancel'],
      ['je suis arrivé', 'check-in'],
      ['je suis arrivée', 'check-in'],
      ['libère mon bureau', 'release'],
      ["libérer mon bureau aujourd'hui svp", 'release'],
      ['qui est là jeudi', 'who-is-in'],
      ['qui sera au bureau demain ?', 'who-is-in'],
      ['aide', 'help'],
      ['jeudi', 'book'],
      ['bonjour', 'greeting'],
    ],
    nl: [
      ['boek een bureau donderdag', 'book'],
      ['ik wil graag een werkplek reserveren voor morgen alsjeblieft', 'book'],
      ['mijn reserveringen', 'my-bookings'],
      ['mijn boekingen', 'my-bookings'],
      ['annuleer donderdag', 'cancel'],
      ['inchecken', 'check-in'],
      ['ik ben er', 'check-in'],
      ['geef mijn bureau vrij', 'release'],
      ['geef mijn werkplek vandaag vrij', 'release'],
      ['wie is er donderdag', 'who-is-in'],
      ['hulp', 'help'],
      ['donderdag', 'book'],
      ['hallo', 'greeting'],
    ],
    de: [
      ['buche einen Schreibtisch am Donnerstag', 'book'],
      ['Ich möchte bitte einen Platz für morgen reservieren', 'book'],
      ['Donnerstag einen Schreibtisch', 'book'],
      ['meine Buchungen', 'my-bookings'],
      ['storniere Donnerstag', 'cancel'],
      ['bitte meine Buchung stornieren', 'cancel'],
      ['sag meinen Platz am Freitag ab', 'cancel'],
      ['Donnerstag absagen', 'cancel'],
      ['einchecken', 'check-in'],
      ['ich bin da', 'check-in'],
      ['gib meinen Schreibtisch frei', 'release'],
      ['wer ist am Donnerstag da', 'who-is-in'],
      ['Hilfe', 'help'],
      ['Donnerstag', 'book'],
      ['Guten Tag', 'greeting'],
    ],
  };
  for (const [language, list] of Object.entries(rows)) {
    it.each(list)(`(${language}) %j is %s`, (text, kind) => {
      expect(command(text).kind).toBe(kind);
    });
  }
});

describe('each command carries what it needs', () => {
  it('a cancellation names its days, or none for "the next one"', () => {
    expect(command('cancel Thursday')).toEqual({ kind: 'cancel', dates: [TODAY] });
    expect(command('annule demain')).toEqual({ kind: 'cancel', dates: [TOMORROW] });
    expect(command('cancel my booking')).toEqual({ kind: 'cancel', dates: [] });
  });

  it('a release without a day leaves the day to the bot (today)', () => {
    expect(command('release my desk')).toEqual({ kind: 'release', dates: [] });
    expect(command('gib meinen Schreibtisch morgen frei')).toEqual({ kind: 'release', dates: [TOMORROW] });
  });

  it('"who is in" names its days', () => {
    expect(command('wie is er morgen')).toEqual({ kind: 'who-is-in', dates: [TOMORROW] });
    expect(command('who is in next week')).toEqual({
      kind: 'who-is-in',
      dates: ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'],
    });
  });

  it('my bookings, check in and help carry nothing else', () => {
    expect(command('my bookings for next week')).toEqual({ kind: 'my-bookings' });
    expect(command('check in')).toEqual({ kind: 'check-in' });
    expect(command('help')).toEqual({ kind: 'help' });
  });

  it('a booking without a day says so with no dates', () => {
    expect(command('book a desk')).toEqual({
      kind: 'book',
      dates: [],
      attributes: [],
      sameAsLastTime: false,
    });
  });
});

describe('a desk label after a desk word is a desk, never a date', () => {
  it.each([
    ['book desk 3.12 on Thursday', 'en'],
    ['réserve le bureau 3.12 jeudi', 'fr'],
    ['boek werkplek 3.12 donderdag', 'nl'],
    ['buche Schreibtisch 3.12 am Donnerstag', 'de'],
    ['buche Platz 3.12 am Donnerstag', 'de'],
    ['book desk #3.12 Thursday', 'en'],
    ['bureau n° 3.12 jeudi', 'fr'],
  ])('%j asks for desk 3.12 on Thursday', (text) => {
    const c = command(text);
    expect(c).toMatchObject({ kind: 'book', deskLabel: '3.12', dates: [TODAY] });
  });

  it('reads the second "3.12" as a date when the first is the desk', () => {
    expect(command('book desk 3.12 on 3.12')).toMatchObject({ deskLabel: '3.12', dates: ['2026-12-03'] });
  });

  it('keeps every labelled desk out of the dates, and asks for the first', () => {
    expect(command('book desk 3.12 and desk 2.04')).toMatchObject({ deskLabel: '3.12', dates: [] });
  });

  it('reads a bare "3.12" as a date', () => {
    expect(command('book 3.12')).toMatchObject({ dates: ['2026-12-03'] });
    expect((command('book 3.12') as { deskLabel?: string }).deskLabel).toBeUndefined();
  });

  it('hands back the known spelling of a label', () => {
    expect(command('book desk a-101 tomorrow')).toMatchObject({ deskLabel: 'A-101', dates: [TOMORROW] });
  });

  it('recognises a known label that cannot be a date without a desk word', () => {
    expect(command('book A-101 tomorrow')).toMatchObject({ deskLabel: 'A-101', dates: [TOMORROW] });
  });

  it('hands back an unknown label as typed, for the bot to refuse with UNKNOWN_DESK', () => {
    expect(command('book desk 9.99 tomorrow')).toMatchObject({ deskLabel: '9.99', dates: [TOMORROW] });
    expect(
      parseMessage('book desk 3.12 tomorrow', { now: NOW, timeZone: 'Europe/Brussels' }).command,
    ).toMatchObject({
      deskLabel: '3.12',
      dates: [TOMORROW],
    });
  });

  it('does not take a day number before a month for a label', () => {
    const c = command('un bureau 3 décembre');
    expect(c).toMatchObject({ kind: 'book', dates: ['2026-12-03'] });
    expect((c as { deskLabel?: string }).deskLabel).toBeUndefined();
  });
});

describe('a zone is found by keyword or by its known name', () => {
  it.each([
    ['book a desk in zone B tomorrow'],
    ['réserve un bureau dans la zone B demain'],
    ['boek een bureau in zone b morgen'],
    ['buche einen Platz in Zone B morgen'],
    ['zone B tomorrow'],
  ])('%j asks for Zone B', (text) => {
    expect(command(text)).toMatchObject({ kind: 'book', zoneName: 'Zone B', dates: [TOMORROW] });
  });

  it('finds a known zone name anywhere, ignoring case and accents', () => {
    expect(command('a desk in the quiet room on Friday')).toMatchObject({
      zoneName: 'Quiet room',
      dates: [TOMORROW],
    });
    expect(command('réserve espace cafe vendredi')).toMatchObject({ zoneName: 'Espace café' });
  });

  it('does not also read a zone named "Quiet room" as the quiet attribute', () => {
    expect(command('quiet room tomorrow')).toMatchObject({ zoneName: 'Quiet room', attributes: [] });
  });

  it('hands back an unknown zone as typed', () => {
    expect(command('book in zone C tomorrow')).toMatchObject({ zoneName: 'zone C' });
  });

  it('does not take a weekday after "zone" for its name', () => {
    expect((command('a desk in the zone on Thursday') as { zoneName?: string }).zoneName).toBeUndefined();
  });

  it('does not read a zone number as a date', () => {
    expect(
      parseMessage('book zone 3 tomorrow', { now: NOW, timeZone: 'Europe/Brussels' }).command,
    ).toMatchObject({
      zoneName: 'zone 3',
      dates: [TOMORROW],
    });
  });
});

describe('desk attributes are understood in all four languages', () => {
  it.each([
    ['a standing desk tomorrow', ['standing']],
    ['a sit-stand desk with a monitor', ['standing', 'monitor']],
    ['un bureau debout avec écran demain', ['standing', 'monitor']],
    ['een sta-bureau met scherm', ['standing', 'monitor']],
    ['een zit-sta werkplek met monitor', ['standing', 'monitor']],
    ['einen Stehschreibtisch mit Bildschirm', ['standing', 'monitor']],
    ['einen höhenverstellbaren Schreibtisch mit Monitor', ['standing', 'monitor']],
    ['a desk with a docking station', ['docking']],
    ['un bureau avec dock', ['docking']],
    ['een werkplek met dockingstation', ['docking']],
    ['a wheelchair accessible desk', ['accessible']],
    ['un bureau PMR', ['accessible']],
    ['een toegankelijke werkplek', ['accessible']],
    ['einen rollstuhlgerechten Platz', ['accessible']],
    ['einen barrierefreien Platz', ['accessible']],
    ['a quiet desk by the window', ['quiet', 'window']],
  ])('%j asks for %j', (text, attributes) => {
    expect(command(text)).toMatchObject({ kind: 'book', attributes });
  });

  it.each([
    'a desk without a monitor',
    'un bureau sans écran',
    'een bureau zonder scherm',
    'einen Platz ohne Bildschirm',
  ])('%j does not ask for a monitor', (text) => {
    expect(command(text)).toMatchObject({ kind: 'book', attributes: [] });
  });
});

describe('"the same desk as last time" is understood in all four languages', () => {
  it.each([
    'the same desk as last time on Thursday',
    'same desk Thursday',
    'le même bureau que la dernière fois jeudi',
    'hetzelfde bureau als vorige keer donderdag',
    'denselben Schreibtisch wie letztes Mal am Donnerstag',
  ])('%j', (text) => {
    expect(command(text)).toMatchObject({ kind: 'book', sameAsLastTime: true, dates: [TODAY] });
  });

  it('is false otherwise', () => {
    expect(command('book a desk Thursday')).toMatchObject({ sameAsLastTime: false });
  });
});

describe('the language is the client locale unless the text is plainly in another one', () => {
  it.each([
    ['réserve un bureau jeudi', 'en-US', 'fr'],
    ['book a desk Thursday', 'fr-BE', 'en'],
    ['boek een bureau donderdag', 'de-DE', 'nl'],
    ['Donnerstag einen Schreibtisch', 'en-US', 'de'],
    ['jeudi', 'en-US', 'fr'],
    ['mes réservations', 'nl-BE', 'fr'],
    ['morgen een bureau', 'en-US', 'nl'],
    ['Morgen einen Schreibtisch', 'nl-BE', 'de'],
    ['Hilfe', 'fr-BE', 'de'],
  ])('%j from a %s client is %s', (text, activityLocale, locale) => {
    expect(parse(text, { activityLocale }).locale).toBe(locale);
  });

  it.each([
    ['morgen', 'en-US', 'en'],
    ['morgen', 'de-DE', 'de'],
    ['morgen', 'nl-BE', 'nl'],
    ['bureau', 'en-GB', 'en'],
    ['bureau', 'nl-BE', 'nl'],
    ['help', 'fr-BE', 'fr'],
    ['zone B', 'de-DE', 'de'],
    ['?', 'fr-BE', 'fr'],
  ])('an ambiguous %j from a %s client stays %s', (text, activityLocale, locale) => {
    expect(parse(text, { activityLocale }).locale).toBe(locale);
  });

  it('still reads an ambiguous word as a date when the language does not change', () => {
    expect(parse('morgen', { activityLocale: 'en-US' }).command).toMatchObject({
      kind: 'book',
      dates: [TOMORROW],
    });
  });

  it.each([
    [undefined, 'en'],
    ['es-ES', 'en'],
    ['fr-BE', 'fr'],
    ['nl_BE', 'nl'],
    ['de-CH,de;q=0.9', 'de'],
  ])('with nothing to go on, client locale %j gives %s', (activityLocale, locale) => {
    expect(
      parseMessage('ok', {
        now: NOW,
        timeZone: 'Europe/Brussels',
        ...(activityLocale ? { activityLocale } : {}),
      }).locale,
    ).toBe(locale);
  });
});

describe('Teams markup and garbage never break the parser', () => {
  it('strips the bot mention before reading', () => {
    expect(command('<at>Seatwise</at> book a desk Thursday')).toMatchObject({ kind: 'book', dates: [TODAY] });
    expect(command('<at id="0">Seatwise</at>&nbsp;réserve un bureau jeudi')).toMatchObject({
      kind: 'book',
      dates: [TODAY],
    });
    expect(command('<at>Seatwise</at>')).toEqual({ kind: 'unknown' });
  });

  it('reads through HTML', () => {
    expect(command('<p>book a desk <b>tomorrow</b></p>')).toMatchObject({ kind: 'book', dates: [TOMORROW] });
    expect(command('<script>alert(1)</script>')).toEqual({ kind: 'unknown' });
  });

  it.each([
    ['', 'empty'],
    ['   \n\t ', 'blank'],
    ['🎉🎉🎉', 'emoji'],
    ['\u0000\u0001\u0007\u001b[31m', 'control characters'],
    ['\ud800\udfff\ud800', 'broken surrogates'],
    ['ÿ̸̡̛̫͎̰̈́̓͝ḁ̷̛̩̈́', 'combining marks'],
    ['{"type":"message"}', 'JSON'],
    ['DROP TABLE bookings; --', 'SQL'],
    ['%s%s%n', 'format string'],
    ['\\u0000 (((((((((((a)))))))))))', 'regex bait'],
  ])('answers unknown-or-help to %j (%s)', (text) => {
    const parsed = parse(text);
    expect(['unknown', 'help']).toContain(parsed.command.kind);
  });

  it('copes with 10,000 characters quickly, reading only the first 500', () => {
    const long = 'book a desk Thursday ' + 'x'.repeat(10_000);
    const started = process.hrtime.bigint();
    expect(command(long)).toMatchObject({ kind: 'book', dates: [TODAY] });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(ms).toBeLessThan(1000);
    expect(command('x'.repeat(600) + ' tomorrow').kind).toBe('unknown');
  });

  it('copes with values that are not strings and with a context it cannot use', () => {
    expect(parseMessage(undefined as unknown as string, SITE).command).toEqual({ kind: 'unknown' });
    expect(parseMessage(42 as unknown as string, SITE).command).toEqual({ kind: 'unknown' });
    expect(
      parseMessage('book a desk Thursday', { now: new Date(NaN), timeZone: 'Europe/Brussels' }).command,
    ).toMatchObject({
      kind: 'book',
      dates: [],
    });
    expect(
      parseMessage('book a desk Thursday', { now: NOW, timeZone: 'Mars/Olympus' }).command,
    ).toMatchObject({
      kind: 'book',
      dates: [],
    });
    expect(parseMessage('book a desk Thursday', null as unknown as ParseContext).command.kind).toBe('book');
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 700 }), fc.fullUnicodeString({ maxLength: 300 })),
        (text) => {
          const parsed = parseMessage(text, SITE);
          expect(['en', 'fr', 'nl', 'de']).toContain(parsed.locale);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('sanitising a message', () => {
  it('removes mentions, markup, entities and invisible characters', () => {
    expect(sanitizeMessageText('<at>Seatwise</at>\u200b book&nbsp;a &amp; <i>desk</i>\u0007')).toBe(
      'book a & desk',
    );
  });

  it(`cuts at ${MAX_MESSAGE_LENGTH} characters without splitting a surrogate pair`, () => {
    const text = sanitizeMessageText('a'.repeat(MAX_MESSAGE_LENGTH - 1) + '😀😀');
    expect(text.length).toBe(MAX_MESSAGE_LENGTH - 1);
    expect(sanitizeMessageText('b'.repeat(2 * MAX_MESSAGE_LENGTH))).toHaveLength(MAX_MESSAGE_LENGTH);
  });
});
