/**
 * What chrono-node 2.10.3 does on its own, and why parse-message does not simply trust it. If an upgrade makes
 * one of these fail, chrono has changed: re-check the matching own rule in src/bot/language/extract-dates.ts.
 */
import * as chrono from 'chrono-node';
import { civilDateOf } from '../../../src/domain/civil-date';
import { parseMessage } from '../../../src/bot/language/parse-message';

const BRUSSELS = 'Europe/Brussels';
/** Sunday 25 October 2026, 00:30 in Brussels, summer time (UTC+2); clocks go back to UTC+1 at 03:00. */
const AUTUMN_DST_NIGHT = new Date('2026-10-24T22:30:00Z');

function ymd(c: chrono.ParsedComponents): string {
  const pad = (n: number | null): string => String(n ?? 0).padStart(2, '0');
  return `${c.get('year')}-${pad(c.get('month'))}-${pad(c.get('day'))}`;
}

describe('chrono-node 2.10.3, fed a fixed offset, is wrong across a DST switch; components from a civil anchor are not', () => {
  it("puts date() of 'tomorrow' on the wrong civil day when the offset changes in between", () => {
    // The offset in force at the message (UTC+2) is applied to the next day too, where Brussels is UTC+1.
    const [result] = chrono.en.casual.parse('tomorrow', { instant: AUTUMN_DST_NIGHT, timezone: 120 });
    expect(result).toBeDefined();
    expect(civilDateOf(result!.start.date(), BRUSSELS)).toBe('2026-10-25');
    expect(parseMessage('tomorrow', { now: AUTUMN_DST_NIGHT, timeZone: BRUSSELS }).command).toMatchObject({
      dates: ['2026-10-26'],
    });
  });

  it('takes no IANA zone name as its timezone', () => {
    const withName = chrono.en.casual.parse('tomorrow', { instant: AUTUMN_DST_NIGHT, timezone: BRUSSELS });
    const withNothing = chrono.en.casual.parse('tomorrow', { instant: AUTUMN_DST_NIGHT });
    expect(withName[0]?.start.date().getTime()).toBe(withNothing[0]?.start.date().getTime());
  });
});

describe('chrono-node 2.10.3 misreads phrases the own rules cover', () => {
  const reference = { instant: new Date(Date.UTC(2026, 10, 19, 12)), timezone: 0 }; // Thursday 19 November 2026
  const now = new Date('2026-11-19T10:00:00Z');

  it.each([
    ['en', 'day after tomorrow', '2026-11-20', '2026-11-21'],
    ['fr', 'après-demain', '2026-11-20', '2026-11-21'],
    ['en', '3/12', '2027-03-12', '2026-12-03'],
  ] as const)('(%s) %j: chrono says %s, the parser %s', (locale, text, chronoSays, weSay) => {
    const [result] = (locale === 'en' ? chrono.en.casual : chrono.fr.casual).parse(text, reference, {
      forwardDate: true,
    });
    expect(result && ymd(result.start)).toBe(chronoSays);
    expect(parseMessage(text, { now, timeZone: BRUSSELS }).command).toMatchObject({ dates: [weSay] });
  });

  it.each([
    ['nl', 'overmorgen', '2026-11-21'],
    ['de', 'am 3.12.', '2026-12-03'],
  ] as const)('(%s) %j: chrono finds nothing, the parser %s', (locale, text, weSay) => {
    expect(chrono[locale].casual.parse(text, reference)).toEqual([]);
    expect(parseMessage(text, { now, timeZone: BRUSSELS }).command).toMatchObject({ dates: [weSay] });
  });

  it('reads "desk 3.12" as a time of day', () => {
    const [result] = chrono.en.casual.parse('desk 3.12 on Thursday', reference);
    expect(result?.start.get('hour')).toBe(3);
    expect(result?.start.get('minute')).toBe(12);
  });
});
