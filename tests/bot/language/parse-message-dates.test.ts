import fc from 'fast-check';
import { isCivilDate } from '../../../src/domain/civil-date';
import { parseMessage, type ParseContext, type ParsedMessage } from '../../../src/bot/language/parse-message';

const BRUSSELS = 'Europe/Brussels';

/** Thursday 19 November 2026, 11:00 in Brussels. */
const THU_19_NOV = '2026-11-19T10:00:00Z';
/** Sunday 25 October 2026, 00:30 in Brussels (still summer time; clocks go back at 03:00). */
const AUTUMN_DST_NIGHT = '2026-10-24T22:30:00Z';
/** Sunday 29 March 2026, 01:30 in Brussels (winter time; clocks jump from 02:00 to 03:00). */
const SPRING_DST_NIGHT = '2026-03-28T23:30:00Z';
/** Thursday 3 December 2026, 00:30 in Brussels, while it is still the 2nd in UTC. */
const JUST_AFTER_MIDNIGHT = '2026-12-02T23:30:00Z';
/** Thursday 3 December 2026, 15:00 in Brussels. */
const THU_3_DEC_AFTERNOON = '2026-12-03T14:00:00Z';
/** Wednesday 30 December 2026, 11:00 in Brussels. */
const WED_30_DEC = '2026-12-30T10:00:00Z';

type Row = readonly [text: string, now: string, dates: readonly string[]];

function parse(text: string, now: string, extra: Partial<ParseContext> = {}): ParsedMessage {
  return parseMessage(text, { now: new Date(now), timeZone: BRUSSELS, ...extra });
}

function datesOf(parsed: ParsedMessage): string[] | undefined {
  const c = parsed.command;
  return 'dates' in c ? c.dates : undefined;
}

function days(from: string, count: number): string[] {
  const out: string[] = [];
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  for (let i = 0; i < count; i += 1) out.push(new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10));
  return out;
}

const DEC_TUESDAYS = ['2026-12-01', '2026-12-08', '2026-12-15', '2026-12-22', '2026-12-29'];
const MON_TO_WED = ['2026-11-23', '2026-11-24', '2026-11-25'];
const NEXT_TUE_THU = ['2026-11-24', '2026-11-26'];
const TUE_AND_THU = ['2026-11-19', '2026-11-24'];
const DEC_3_TO_5 = ['2026-12-03', '2026-12-04', '2026-12-05'];

describe('dates in English resolve to civil dates in the site zone', () => {
  const rows: Row[] = [
    ['book a desk Thursday', THU_19_NOV, ['2026-11-19']],
    ['book a desk today', THU_19_NOV, ['2026-11-19']],
    ['tomorrow', THU_19_NOV, ['2026-11-20']],
    ['the day after tomorrow', THU_19_NOV, ['2026-11-21']],
    ['day after tomorrow please', THU_19_NOV, ['2026-11-21']],
    ['next Monday', THU_19_NOV, ['2026-11-23']],
    ['next Thursday', THU_19_NOV, ['2026-11-26']],
    ['on Friday', THU_19_NOV, ['2026-11-20']],
    ['Wed', THU_19_NOV, ['2026-11-25']],
    ['3 Dec', THU_19_NOV, ['2026-12-03']],
    ['December 3', THU_19_NOV, ['2026-12-03']],
    ['December 3rd, 2026', THU_19_NOV, ['2026-12-03']],
    ['on the 3rd of December', THU_19_NOV, ['2026-12-03']],
    ['3/12', THU_19_NOV, ['2026-12-03']],
    ['Thursday 3 December', THU_19_NOV, ['2026-12-03']],
    ['Monday to Wednesday', THU_19_NOV, MON_TO_WED],
    ['from Monday through Friday', THU_19_NOV, days('2026-11-23', 5)],
    ['between Monday and Wednesday', THU_19_NOV, MON_TO_WED],
    ['next week Tuesday and Thursday', THU_19_NOV, NEXT_TUE_THU],
    ['Tuesday and Thursday next week', THU_19_NOV, NEXT_TUE_THU],
    ['Tuesday and Thursday', THU_19_NOV, TUE_AND_THU],
    ['every Tuesday in December', THU_19_NOV, DEC_TUESDAYS],
    [
      'every Tuesday and Thursday in December',
      THU_19_NOV,
      [...DEC_TUESDAYS, '2026-12-03', '2026-12-10', '2026-12-17', '2026-12-24', '2026-12-31'].sort(),
    ],
    ['every Tuesday', THU_19_NOV, ['2026-11-24', '2026-12-01', '2026-12-08', '2026-12-15']],
    ['3 to 5 December', THU_19_NOV, DEC_3_TO_5],
    ['3-5 Dec', THU_19_NOV, DEC_3_TO_5],
    ['3 and 5 December', THU_19_NOV, ['2026-12-03', '2026-12-05']],
    ['in two weeks', THU_19_NOV, ['2026-12-03']],
    ['next week', THU_19_NOV, days('2026-11-23', 5)],
    ['every day next week', THU_19_NOV, days('2026-11-23', 5)],
    ['until Friday', THU_19_NOV, ['2026-11-19', '2026-11-20']],
    ['from today until Friday', THU_19_NOV, ['2026-11-19', '2026-11-20']],
    ['Tuesday in December', THU_19_NOV, ['2026-12-01']],
    ['this week', THU_19_NOV, ['2026-11-19', '2026-11-20']],
    ['2026-12-03', THU_19_NOV, ['2026-12-03']],
  ];
  it.each(rows)('%j said at %s gives %j', (text, now, expected) => {
    expect(datesOf(parse(text, now, { activityLocale: 'en-GB' }))).toEqual(expected);
  });
});

describe('dates in French resolve to civil dates in the site zone', () => {
  const rows: Row[] = [
    ['réserve un bureau jeudi', THU_19_NOV, ['2026-11-19']],
    ["aujourd'hui", THU_19_NOV, ['2026-11-19']],
    ['demain', THU_19_NOV, ['2026-11-20']],
    ['après-demain', THU_19_NOV, ['2026-11-21']],
    ['apres demain', THU_19_NOV, ['2026-11-21']],
    ['lundi prochain', THU_19_NOV, ['2026-11-23']],
    ['jeudi prochain', THU_19_NOV, ['2026-11-26']],
    ['vendredi', THU_19_NOV, ['2026-11-20']],
    ['le 3 décembre', THU_19_NOV, ['2026-12-03']],
    ['3 decembre', THU_19_NOV, ['2026-12-03']],
    ['le 1er décembre', THU_19_NOV, ['2026-12-01']],
    ['3/12', THU_19_NOV, ['2026-12-03']],
    ['jeudi 3 décembre', THU_19_NOV, ['2026-12-03']],
    ['du lundi au mercredi', THU_19_NOV, MON_TO_WED],
    ['de lundi à mercredi', THU_19_NOV, MON_TO_WED],
    ['entre lundi et mercredi', THU_19_NOV, MON_TO_WED],
    ['mardi et jeudi', THU_19_NOV, TUE_AND_THU],
    ['la semaine prochaine mardi et jeudi', THU_19_NOV, NEXT_TUE_THU],
    ['mardi et jeudi de la semaine prochaine', THU_19_NOV, NEXT_TUE_THU],
    ['tous les mardis de décembre', THU_19_NOV, DEC_TUESDAYS],
    ['chaque mardi en décembre', THU_19_NOV, DEC_TUESDAYS],
    ['du 3 au 5 décembre', THU_19_NOV, DEC_3_TO_5],
    ['le 3 et le 5 décembre', THU_19_NOV, ['2026-12-03', '2026-12-05']],
    ['dans deux semaines', THU_19_NOV, ['2026-12-03']],
    ['tous les jours la semaine prochaine', THU_19_NOV, days('2026-11-23', 5)],
  ];
  it.each(rows)('%j said at %s gives %j', (text, now, expected) => {
    expect(datesOf(parse(text, now, { activityLocale: 'fr-BE' }))).toEqual(expected);
  });
});

describe('dates in Dutch resolve to civil dates in the site zone', () => {
  const rows: Row[] = [
    ['boek een bureau donderdag', THU_19_NOV, ['2026-11-19']],
    ['vandaag', THU_19_NOV, ['2026-11-19']],
    ['morgen', THU_19_NOV, ['2026-11-20']],
    ['overmorgen', THU_19_NOV, ['2026-11-21']],
    ['volgende maandag', THU_19_NOV, ['2026-11-23']],
    ['volgende donderdag', THU_19_NOV, ['2026-11-26']],
    ['vrijdag', THU_19_NOV, ['2026-11-20']],
    ['3 december', THU_19_NOV, ['2026-12-03']],
    ['op 3 dec', THU_19_NOV, ['2026-12-03']],
    ['3/12', THU_19_NOV, ['2026-12-03']],
    ['donderdag 3 december', THU_19_NOV, ['2026-12-03']],
    ['van maandag tot woensdag', THU_19_NOV, MON_TO_WED],
    ['maandag t/m woensdag', THU_19_NOV, MON_TO_WED],
    ['dinsdag en donderdag', THU_19_NOV, TUE_AND_THU],
    ['volgende week dinsdag en donderdag', THU_19_NOV, NEXT_TUE_THU],
    ['elke dinsdag in december', THU_19_NOV, DEC_TUESDAYS],
    ['van 3 tot 5 december', THU_19_NOV, DEC_3_TO_5],
    ['3 t/m 5 december', THU_19_NOV, DEC_3_TO_5],
    ['over twee weken', THU_19_NOV, ['2026-12-03']],
    ['1 maart', THU_19_NOV, ['2027-03-01']],
  ];
  it.each(rows)('%j said at %s gives %j', (text, now, expected) => {
    expect(datesOf(parse(text, now, { activityLocale: 'nl-BE' }))).toEqual(expected);
  });
});

describe('dates in German resolve to civil dates in the site zone', () => {
  const rows: Row[] = [
    ['Donnerstag einen Schreibtisch', THU_19_NOV, ['2026-11-19']],
    ['heute', THU_19_NOV, ['2026-11-19']],
    ['morgen', THU_19_NOV, ['2026-11-20']],
    ['übermorgen', THU_19_NOV, ['2026-11-21']],
    ['uebermorgen', THU_19_NOV, ['2026-11-21']],
    ['nächsten Montag', THU_19_NOV, ['2026-11-23']],
    ['nächsten Donnerstag', THU_19_NOV, ['2026-11-26']],
    ['am Freitag', THU_19_NOV, ['2026-11-20']],
    ['3. Dezember', THU_19_NOV, ['2026-12-03']],
    ['am 3.12.', THU_19_NOV, ['2026-12-03']],
    ['am 03.12.2026', THU_19_NOV, ['2026-12-03']],
    ['Donnerstag, 3. Dezember', THU_19_NOV, ['2026-12-03']],
    ['von Montag bis Mittwoch', THU_19_NOV, MON_TO_WED],
    ['zwischen Montag und Mittwoch', THU_19_NOV, MON_TO_WED],
    ['Dienstag und Donnerstag', THU_19_NOV, TUE_AND_THU],
    ['nächste Woche Dienstag und Donnerstag', THU_19_NOV, NEXT_TUE_THU],
    ['jeden Dienstag im Dezember', THU_19_NOV, DEC_TUESDAYS],
    ['dienstags im Dezember', THU_19_NOV, DEC_TUESDAYS],
    ['vom 3. bis 5. Dezember', THU_19_NOV, DEC_3_TO_5],
    ['in zwei Wochen', THU_19_NOV, ['2026-12-03']],
    ['1. März', THU_19_NOV, ['2027-03-01']],
    ['heute Morgen', THU_19_NOV, ['2026-11-19']],
    ['Guten Morgen, buche einen Platz am Donnerstag', THU_19_NOV, ['2026-11-19']],
  ];
  it.each(rows)('%j said at %s gives %j', (text, now, expected) => {
    expect(datesOf(parse(text, now, { activityLocale: 'de-BE' }))).toEqual(expected);
  });
});

describe('days are civil dates in the site zone, across the DST switches and midnight', () => {
  const rows: Array<readonly [string, string, string, readonly string[]]> = [
    ['en-GB', 'tomorrow', AUTUMN_DST_NIGHT, ['2026-10-26']],
    ['en-GB', 'today', AUTUMN_DST_NIGHT, ['2026-10-25']],
    ['en-GB', 'Sunday', AUTUMN_DST_NIGHT, ['2026-10-25']],
    ['en-GB', 'Monday', AUTUMN_DST_NIGHT, ['2026-10-26']],
    ['en-GB', 'next week', AUTUMN_DST_NIGHT, days('2026-10-26', 5)],
    ['en-GB', 'tomorrow at 00:30', AUTUMN_DST_NIGHT, ['2026-10-26']],
    ['fr-BE', 'demain', AUTUMN_DST_NIGHT, ['2026-10-26']],
    ['nl-BE', 'morgen', AUTUMN_DST_NIGHT, ['2026-10-26']],
    ['de-BE', 'übermorgen', AUTUMN_DST_NIGHT, ['2026-10-27']],
    ['en-GB', 'today', SPRING_DST_NIGHT, ['2026-03-29']],
    ['en-GB', 'tomorrow', SPRING_DST_NIGHT, ['2026-03-30']],
    ['fr-BE', 'lundi', SPRING_DST_NIGHT, ['2026-03-30']],
    ['nl-BE', 'overmorgen', SPRING_DST_NIGHT, ['2026-03-31']],
    ['de-BE', 'morgen', SPRING_DST_NIGHT, ['2026-03-30']],
    ['en-GB', 'today', JUST_AFTER_MIDNIGHT, ['2026-12-03']],
    ['en-GB', 'Thursday', JUST_AFTER_MIDNIGHT, ['2026-12-03']],
    ['fr-BE', "aujourd'hui", JUST_AFTER_MIDNIGHT, ['2026-12-03']],
    ['nl-BE', 'vandaag', JUST_AFTER_MIDNIGHT, ['2026-12-03']],
    ['de-BE', 'heute', JUST_AFTER_MIDNIGHT, ['2026-12-03']],
    ['de-BE', 'morgen', JUST_AFTER_MIDNIGHT, ['2026-12-04']],
  ];
  it.each(rows)('(%s) %j said at %s gives %j', (activityLocale, text, now, expected) => {
    expect(datesOf(parse(text, now, { activityLocale }))).toEqual(expected);
  });

  it('reads the same instant as another day in another site zone', () => {
    // 23:30 UTC on 2 December is already the 3rd in Brussels but still the 2nd in New York.
    expect(
      datesOf(parseMessage('today', { now: new Date(JUST_AFTER_MIDNIGHT), timeZone: 'America/New_York' })),
    ).toEqual(['2026-12-02']);
  });
});

describe('a weekday or date said on that very day means today', () => {
  it.each([
    ['Thursday', 'en-GB'],
    ['jeudi', 'fr-BE'],
    ['donderdag', 'nl-BE'],
    ['Donnerstag', 'de-BE'],
  ])('%j on a Thursday is that Thursday', (text, activityLocale) => {
    expect(datesOf(parse(text, THU_19_NOV, { activityLocale }))).toEqual(['2026-11-19']);
  });

  it('"next Thursday" on a Thursday is a week later', () => {
    expect(datesOf(parse('next Thursday', THU_19_NOV))).toEqual(['2026-11-26']);
  });

  it('"3 December" said on 3 December in the afternoon is today, not next year', () => {
    expect(datesOf(parse('3 December', THU_3_DEC_AFTERNOON))).toEqual(['2026-12-03']);
    expect(datesOf(parse('le 3 décembre', THU_3_DEC_AFTERNOON))).toEqual(['2026-12-03']);
  });
});

// Issue 12: "18 November" said on the 19th used to be read as next year's; a day that just went is past, and asked about.
describe('a date without a year means its nearest occurrence, and a day that just went is past', () => {
  it.each([
    ['2 décembre', ['2026-12-02']],
    ['1 maart', ['2027-03-01']],
  ])('%j on 19 November 2026 gives %j', (text, expected) => {
    expect(datesOf(parse(text, THU_19_NOV))).toEqual(expected);
  });

  it.each(['18 November', '18/11', 'am 18.11.'])('%j on 19 November 2026 is past: no day, and the words are handed back', (text) => {
    const parsed = parse(text, THU_19_NOV);
    expect(datesOf(parsed)).toEqual([]);
    expect(parsed.unplaced).toEqual([text.replace(/^am /, '')]);
  });

  it('keeps a date whose year is written, even in the past, for the rules to refuse with a reason', () => {
    expect(datesOf(parse('3 December 2025', THU_19_NOV))).toEqual(['2025-12-03']);
  });

  it('reads a range across New Year into the next year, and asks about one that starts on a day gone by', () => {
    expect(datesOf(parse('28 Dec to 3 Jan', WED_30_DEC))).toEqual([]);
    expect(parse('28 Dec to 3 Jan', WED_30_DEC).unplaced).toEqual(['28 Dec to 3 Jan']);
    expect(datesOf(parse('du 31 décembre au 2 janvier', WED_30_DEC))).toEqual([
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
  });

  it('reads "Friday to Monday" as running over the weekend', () => {
    expect(datesOf(parse('Friday to Monday', THU_19_NOV))).toEqual(days('2026-11-20', 4));
  });

  it('skips 29 February to the next leap year', () => {
    expect(datesOf(parse('29/02', THU_19_NOV))).toEqual(['2028-02-29']);
  });
});

describe('numbers are read day first in every language', () => {
  it.each([
    ['3/12', 'en-US'],
    ['3/12', 'en-GB'],
    ['3-12', 'nl-BE'],
    ['3.12.', 'de-DE'],
    ['03/12/2026', 'fr-BE'],
    ['3/12/26', 'en-US'],
  ])('%j (%s) is 3 December', (text, activityLocale) => {
    expect(datesOf(parse(text, THU_19_NOV, { activityLocale }))).toEqual(['2026-12-03']);
  });
});

describe('ranges and repeats are capped at 31 days', () => {
  it('cuts a range after 31 days', () => {
    const dates = datesOf(parse('from 1 December to 28 February', THU_19_NOV)) ?? [];
    expect(dates).toHaveLength(31);
    expect(dates[0]).toBe('2026-12-01');
    expect(dates[30]).toBe('2026-12-31');
  });

  it('cuts a repeat with an end beyond 31 days', () => {
    expect(datesOf(parse('every Tuesday until 20 February', THU_19_NOV))).toEqual([
      '2026-11-24',
      '2026-12-01',
      '2026-12-08',
      '2026-12-15',
    ]);
  });

  it('a repeat in the current month starts today', () => {
    expect(datesOf(parse('every Thursday in November', THU_19_NOV))).toEqual(['2026-11-19', '2026-11-26']);
  });

  it('dedupes and sorts what several phrases name', () => {
    expect(datesOf(parse('Friday, tomorrow and 20 November', THU_19_NOV))).toEqual(['2026-11-20']);
    expect(datesOf(parse('Wednesday and Monday', THU_19_NOV))).toEqual(['2026-11-23', '2026-11-25']);
  });
});

describe('dates that cannot be resolved are reported, not guessed', () => {
  it.each([
    ['31 février', '31 février'],
    ['30.02.2027', '30.02.2027'],
    ['45/13', '45/13'],
    ['book a desk yesterday', 'yesterday'],
    ['a desk in December', 'December'],
  ])('%j reports %j', (text, unparsed) => {
    const parsed = parse(text, THU_19_NOV);
    expect(datesOf(parsed)).toEqual([]);
    expect(parsed.unparsedDateText).toBe(unparsed);
  });

  it('says so when "this week" has no working day left', () => {
    const parsed = parse('this week', AUTUMN_DST_NIGHT);
    expect(datesOf(parsed)).toEqual([]);
    expect(parsed.unparsedDateText).toBe('this week');
  });

  it.each(['book a desk at 9.30', 'book at 14.30.', 'a desk for 2 people at 10am'])(
    'does not take a time or a count in %j for a date',
    (text) => {
      const parsed = parse(text, THU_19_NOV);
      expect(datesOf(parsed)).toEqual([]);
      expect(parsed.unparsedDateText).toBeUndefined();
    },
  );
});

describe('dates do not depend on the server time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'Europe/Brussels', 'UTC'])(
    'gives the same days with TZ=%s',
    (tz) => {
      process.env.TZ = tz;
      expect(datesOf(parse('tomorrow', AUTUMN_DST_NIGHT))).toEqual(['2026-10-26']);
      expect(datesOf(parse('today', JUST_AFTER_MIDNIGHT))).toEqual(['2026-12-03']);
      expect(datesOf(parse('3 December', THU_3_DEC_AFTERNOON))).toEqual(['2026-12-03']);
      expect(datesOf(parse('le 3 décembre', JUST_AFTER_MIDNIGHT))).toEqual(['2026-12-03']);
      expect(datesOf(parse('in two weeks', THU_19_NOV))).toEqual(['2026-12-03']);
      expect(datesOf(parse('du 3 au 5 décembre', THU_19_NOV))).toEqual(DEC_3_TO_5);
    },
  );
});

describe('any text gives sorted, distinct, valid dates, at most 31', () => {
  const words = fc.constantFrom(
    'Monday',
    'jeudi',
    'donderdag',
    'Dienstag',
    'to',
    'au',
    'tot',
    'bis',
    'and',
    'et',
    'en',
    'und',
    'every',
    'tous les',
    'elke',
    'jeden',
    'next week',
    'December',
    'décembre',
    '3',
    '5',
    '3/12',
    '31',
    'tomorrow',
    'morgen',
    'demain',
    'in',
    'im',
    'de',
    'the',
    '-',
    ',',
    'until',
    'desk 3.12',
    'zone B',
    '29/02',
    '2026',
    'every day',
  );
  it('holds for random sentences of calendar words', () => {
    fc.assert(
      fc.property(
        fc.array(words, { maxLength: 12 }),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        (parts, ms) => {
          const dates =
            datesOf(parseMessage(parts.join(' '), { now: new Date(ms), timeZone: BRUSSELS })) ?? [];
          expect(dates.length).toBeLessThanOrEqual(31);
          expect(dates.every(isCivilDate)).toBe(true);
          expect([...new Set(dates)].sort()).toEqual(dates);
        },
      ),
      { numRuns: 300 },
    );
  });
});
