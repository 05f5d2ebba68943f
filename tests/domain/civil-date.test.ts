import fc from 'fast-check';
import {
  addDays,
  civilDateOf,
  compareCivilDates,
  daysBetween,
  formatHhMm,
  isCivilDate,
  isHhMm,
  isoWeek,
  isoWeekDates,
  isoWeekday,
  isValidTimeZone,
  localTimeOf,
  startOfDay,
  zonedInstant,
} from '../../src/domain/civil-date';

const BRUSSELS = 'Europe/Brussels';
const BRISBANE = 'Australia/Brisbane';
const NEW_YORK = 'America/New_York';
const CHATHAM = 'Pacific/Chatham';

const at = (iso: string): Date => new Date(iso);
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

describe('a civil date is a real calendar date written YYYY-MM-DD', () => {
  it.each(['2026-12-03', '2028-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (s) => {
    expect(isCivilDate(s)).toBe(true);
  });

  it.each([
    '2026-02-29',
    '2026-02-30',
    '2100-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-01-00',
    ' 2026-01-01',
    '2026-01-01 ',
    '2026-1-1',
    '26-01-01',
    '2026/01/01',
    '2026-01-01T00:00',
    '0000-01-01',
    '',
  ])('rejects %j', (s) => {
    expect(isCivilDate(s)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(isCivilDate(20261203)).toBe(false);
    expect(isCivilDate(new Date(Date.UTC(2026, 11, 3)))).toBe(false);
    expect(isCivilDate(null)).toBe(false);
    expect(isCivilDate(undefined)).toBe(false);
  });
});

describe('a wall-clock time is HH:MM from 00:00 to 23:59', () => {
  it.each(['00:00', '08:30', '12:05', '23:59'])('accepts %s', (s) => {
    expect(isHhMm(s)).toBe(true);
  });

  it.each(['24:00', '8:30', '08:60', '08:30:00', ' 08:30', '0830', '', '-1:00'])('rejects %j', (s) => {
    expect(isHhMm(s)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(isHhMm(830)).toBe(false);
    expect(isHhMm(undefined)).toBe(false);
  });

  it('writes minutes of the day as HH:MM', () => {
    expect(formatHhMm(0)).toBe('00:00');
    expect(formatHhMm(8 * 60 + 5)).toBe('08:05');
    expect(formatHhMm(1439)).toBe('23:59');
  });
});

describe('a site time zone is an IANA name the runtime knows', () => {
  it.each([BRUSSELS, BRISBANE, NEW_YORK, CHATHAM, 'UTC'])('accepts %s', (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
  });

  it.each(['Europe/Brusels', 'Mars/Olympus_Mons', '', 'CET+1'])('rejects %j', (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });
});

describe('the booking day is the civil date in the site time zone', () => {
  it('turns 23:59 into 00:00 at the minute the site passes midnight in winter', () => {
    expect(localTimeOf(at('2026-12-02T22:59:00Z'), BRUSSELS)).toEqual({
      date: '2026-12-02',
      minutesOfDay: 23 * 60 + 59,
      hhmm: '23:59',
    });
    expect(localTimeOf(at('2026-12-02T23:00:00Z'), BRUSSELS)).toEqual({
      date: '2026-12-03',
      minutesOfDay: 0,
      hhmm: '00:00',
    });
  });

  it('keeps the last millisecond before site midnight on the old day', () => {
    expect(civilDateOf(at('2026-12-02T22:59:59.999Z'), BRUSSELS)).toBe('2026-12-02');
  });

  it('passes midnight an hour earlier in UTC in summer', () => {
    expect(localTimeOf(at('2026-07-01T21:59:00Z'), BRUSSELS)).toEqual({
      date: '2026-07-01',
      minutesOfDay: 23 * 60 + 59,
      hhmm: '23:59',
    });
    expect(localTimeOf(at('2026-07-01T22:00:00Z'), BRUSSELS)).toEqual({
      date: '2026-07-02',
      minutesOfDay: 0,
      hhmm: '00:00',
    });
  });

  it('still gives 2 December in Brussels to a client whose own clock in Brisbane already reads 3 December 07:30', () => {
    const instant = at('2026-12-03T07:30:00+10:00');
    expect(civilDateOf(instant, BRISBANE)).toBe('2026-12-03');
    expect(civilDateOf(instant, BRUSSELS)).toBe('2026-12-02');
    expect(localTimeOf(instant, BRUSSELS).hhmm).toBe('22:30');
  });

  it('follows zones with quarter-hour offsets such as Chatham (UTC+13:45 in December)', () => {
    expect(localTimeOf(at('2026-12-02T10:14:00Z'), CHATHAM)).toMatchObject({
      date: '2026-12-02',
      hhmm: '23:59',
    });
    expect(localTimeOf(at('2026-12-02T10:15:00Z'), CHATHAM)).toMatchObject({
      date: '2026-12-03',
      hhmm: '00:00',
    });
  });

  it('reads UTC as is', () => {
    expect(localTimeOf(at('2026-12-31T23:59:30Z'), 'UTC')).toEqual({
      date: '2026-12-31',
      minutesOfDay: 1439,
      hhmm: '23:59',
    });
  });
});

describe('Brussels springs forward on 2026-03-29 (02:00 becomes 03:00)', () => {
  it('jumps from 01:59 to 03:00 local at 01:00Z, on the same civil date', () => {
    expect(localTimeOf(at('2026-03-29T00:59:00Z'), BRUSSELS)).toEqual({
      date: '2026-03-29',
      minutesOfDay: 60 + 59,
      hhmm: '01:59',
    });
    expect(localTimeOf(at('2026-03-29T01:00:00Z'), BRUSSELS)).toEqual({
      date: '2026-03-29',
      minutesOfDay: 3 * 60,
      hhmm: '03:00',
    });
  });

  it('starts the day at 23:00Z the evening before (UTC+1) and ends it at 22:00Z (UTC+2)', () => {
    expect(civilDateOf(at('2026-03-28T22:59:00Z'), BRUSSELS)).toBe('2026-03-28');
    expect(civilDateOf(at('2026-03-28T23:00:00Z'), BRUSSELS)).toBe('2026-03-29');
    expect(civilDateOf(at('2026-03-29T21:59:00Z'), BRUSSELS)).toBe('2026-03-29');
    expect(civilDateOf(at('2026-03-29T22:00:00Z'), BRUSSELS)).toBe('2026-03-30');
    expect(startOfDay('2026-03-29', BRUSSELS)).toEqual(at('2026-03-28T23:00:00Z'));
    expect(startOfDay('2026-03-30', BRUSSELS)).toEqual(at('2026-03-29T22:00:00Z'));
  });

  it('is a 23-hour day that still counts as one calendar day', () => {
    const hours =
      (startOfDay('2026-03-30', BRUSSELS).getTime() - startOfDay('2026-03-29', BRUSSELS).getTime()) / HOUR_MS;
    expect(hours).toBe(23);
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('puts 08:30 local at 06:30Z', () => {
    expect(zonedInstant('2026-03-29', '08:30', BRUSSELS)).toEqual(at('2026-03-29T06:30:00Z'));
  });

  it('moves 02:30, which never shows on the clock, to 03:30 local (01:30Z), just after the switch', () => {
    const instant = zonedInstant('2026-03-29', '02:30', BRUSSELS);
    expect(instant).toEqual(at('2026-03-29T01:30:00Z'));
    expect(localTimeOf(instant, BRUSSELS)).toMatchObject({ date: '2026-03-29', hhmm: '03:30' });
  });

  it('moves 02:00 to 03:00 local, the switch itself', () => {
    expect(zonedInstant('2026-03-29', '02:00', BRUSSELS)).toEqual(at('2026-03-29T01:00:00Z'));
  });

  it('keeps the minutes either side of the gap where they are', () => {
    expect(zonedInstant('2026-03-29', '01:59', BRUSSELS)).toEqual(at('2026-03-29T00:59:00Z'));
    expect(zonedInstant('2026-03-29', '03:00', BRUSSELS)).toEqual(at('2026-03-29T01:00:00Z'));
  });
});

describe('Brussels falls back on 2026-10-25 (03:00 becomes 02:00)', () => {
  it('shows 02:00–02:59 twice, first at UTC+2 then at UTC+1', () => {
    expect(localTimeOf(at('2026-10-25T00:30:00Z'), BRUSSELS)).toMatchObject({
      date: '2026-10-25',
      hhmm: '02:30',
    });
    expect(localTimeOf(at('2026-10-25T00:59:00Z'), BRUSSELS)).toMatchObject({
      date: '2026-10-25',
      hhmm: '02:59',
    });
    expect(localTimeOf(at('2026-10-25T01:00:00Z'), BRUSSELS)).toMatchObject({
      date: '2026-10-25',
      hhmm: '02:00',
    });
    expect(localTimeOf(at('2026-10-25T01:30:00Z'), BRUSSELS)).toMatchObject({
      date: '2026-10-25',
      hhmm: '02:30',
    });
  });

  it('starts the day at 22:00Z the evening before (UTC+2) and ends it at 23:00Z (UTC+1)', () => {
    expect(civilDateOf(at('2026-10-24T21:59:00Z'), BRUSSELS)).toBe('2026-10-24');
    expect(civilDateOf(at('2026-10-24T22:00:00Z'), BRUSSELS)).toBe('2026-10-25');
    expect(civilDateOf(at('2026-10-25T22:59:00Z'), BRUSSELS)).toBe('2026-10-25');
    expect(civilDateOf(at('2026-10-25T23:00:00Z'), BRUSSELS)).toBe('2026-10-26');
    expect(startOfDay('2026-10-25', BRUSSELS)).toEqual(at('2026-10-24T22:00:00Z'));
    expect(startOfDay('2026-10-26', BRUSSELS)).toEqual(at('2026-10-25T23:00:00Z'));
  });

  it('is a 25-hour day that still counts as one calendar day', () => {
    const hours =
      (startOfDay('2026-10-26', BRUSSELS).getTime() - startOfDay('2026-10-25', BRUSSELS).getTime()) / HOUR_MS;
    expect(hours).toBe(25);
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('puts 08:30 local at 07:30Z', () => {
    expect(zonedInstant('2026-10-25', '08:30', BRUSSELS)).toEqual(at('2026-10-25T07:30:00Z'));
  });

  it('takes the first of the two 02:30s (00:30Z), so a deadline is never an hour late', () => {
    expect(zonedInstant('2026-10-25', '02:30', BRUSSELS)).toEqual(at('2026-10-25T00:30:00Z'));
    expect(zonedInstant('2026-10-25', '02:00', BRUSSELS)).toEqual(at('2026-10-25T00:00:00Z'));
  });

  it('has a single 03:00, after the repeated hour', () => {
    expect(zonedInstant('2026-10-25', '03:00', BRUSSELS)).toEqual(at('2026-10-25T02:00:00Z'));
  });
});

describe('wall-clock times in other zones with DST', () => {
  it('takes the first 01:30 in New York on 2026-11-01 (EDT, 05:30Z)', () => {
    expect(zonedInstant('2026-11-01', '01:30', NEW_YORK)).toEqual(at('2026-11-01T05:30:00Z'));
  });

  it('moves 02:30 in New York on 2026-03-08 to 03:30 EDT (07:30Z)', () => {
    expect(zonedInstant('2026-03-08', '02:30', NEW_YORK)).toEqual(at('2026-03-08T07:30:00Z'));
  });

  it('moves 03:00 in Chatham on 2026-09-27, skipped at 02:45, to 04:00 (14:15Z the day before)', () => {
    expect(zonedInstant('2026-09-27', '03:00', CHATHAM)).toEqual(at('2026-09-26T14:15:00Z'));
  });

  it('takes the first 03:00 in Chatham on 2026-04-05 (UTC+13:45, 13:15Z the day before)', () => {
    expect(zonedInstant('2026-04-05', '03:00', CHATHAM)).toEqual(at('2026-04-04T13:15:00Z'));
  });

  it('puts 08:30 in Brisbane, which has no DST, at 22:30Z the day before all year', () => {
    expect(zonedInstant('2026-01-15', '08:30', BRISBANE)).toEqual(at('2026-01-14T22:30:00Z'));
    expect(zonedInstant('2026-07-15', '08:30', BRISBANE)).toEqual(at('2026-07-14T22:30:00Z'));
  });

  it('starts the day at 01:00 when the clocks skip midnight (Santiago, 2026-09-06)', () => {
    const start = startOfDay('2026-09-06', 'America/Santiago');
    expect(start).toEqual(at('2026-09-06T04:00:00Z'));
    expect(localTimeOf(start, 'America/Santiago')).toMatchObject({ date: '2026-09-06', hhmm: '01:00' });
  });
});

describe('days are counted on the calendar', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-04-30', 1, '2026-05-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2028-02-29', 365, '2029-02-28'],
    ['2028-02-29', -366, '2027-02-28'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2026-12-03', 0, '2026-12-03'],
    ['2026-12-03', 30, '2027-01-02'],
  ])('%s plus %i days is %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('counts whole days between dates, negative when going back', () => {
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2027-01-01', '2026-12-31')).toBe(-1);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-12-03', '2026-12-03')).toBe(0);
  });

  it('orders dates', () => {
    expect(compareCivilDates('2026-12-02', '2026-12-03')).toBeLessThan(0);
    expect(compareCivilDates('2027-01-01', '2026-12-31')).toBeGreaterThan(0);
    expect(compareCivilDates('2026-12-03', '2026-12-03')).toBe(0);
    expect(['2027-01-01', '2026-12-03', '2026-02-28'].sort(compareCivilDates)).toEqual([
      '2026-02-28',
      '2026-12-03',
      '2027-01-01',
    ]);
  });
});

describe('weekdays and ISO weeks (weekly quotas count Monday to Sunday)', () => {
  it('numbers weekdays from 1 = Monday to 7 = Sunday', () => {
    expect(isoWeekday('2026-11-30')).toBe(1);
    expect(isoWeekday('2026-12-03')).toBe(4);
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(isoWeekday('2028-02-29')).toBe(2);
  });

  it.each([
    ['2026-12-03', '2026-W49'],
    ['2026-01-01', '2026-W01'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2024-12-30', '2025-W01'],
    ['2025-12-28', '2025-W52'],
  ])('puts %s in week %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });

  it('lists the seven dates of a week, Monday first', () => {
    expect(isoWeekDates('2026-W49')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });

  it('lists a week that straddles New Year', () => {
    expect(isoWeekDates('2026-W53')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
    expect(isoWeekDates('2025-W01')[0]).toBe('2024-12-30');
  });
});

describe('invalid input is refused with a RangeError that says what was expected', () => {
  it.each(['2026-02-30', '2026-13-01', ' 2026-01-01', '2026-1-1'])('refuses the civil date %j', (date) => {
    expect(() => addDays(date, 1)).toThrow(RangeError);
    expect(() => addDays(date, 1)).toThrow(/YYYY-MM-DD/);
    expect(() => daysBetween('2026-01-01', date)).toThrow(RangeError);
    expect(() => isoWeekday(date)).toThrow(RangeError);
    expect(() => isoWeek(date)).toThrow(RangeError);
    expect(() => compareCivilDates(date, '2026-01-01')).toThrow(RangeError);
    expect(() => zonedInstant(date, '08:30', BRUSSELS)).toThrow(/YYYY-MM-DD/);
    expect(() => startOfDay(date, BRUSSELS)).toThrow(RangeError);
  });

  it('names the bad value in the message', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow('"2026-02-30"');
  });

  it.each(['24:00', '8:30', '08:60', ''])('refuses the time %j', (hhmm) => {
    expect(() => zonedInstant('2026-12-03', hhmm, BRUSSELS)).toThrow(RangeError);
    expect(() => zonedInstant('2026-12-03', hhmm, BRUSSELS)).toThrow(/HH:MM/);
  });

  it.each(['Europe/Brusels', ''])('refuses the time zone %j', (tz) => {
    expect(() => civilDateOf(at('2026-12-03T08:00:00Z'), tz)).toThrow(RangeError);
    expect(() => localTimeOf(at('2026-12-03T08:00:00Z'), tz)).toThrow(/IANA time zone/);
    expect(() => zonedInstant('2026-12-03', '08:30', tz)).toThrow(/IANA time zone/);
    expect(() => startOfDay('2026-12-03', tz)).toThrow(RangeError);
  });

  it('refuses an invalid Date', () => {
    expect(() => civilDateOf(new Date(Number.NaN), BRUSSELS)).toThrow(RangeError);
    expect(() => localTimeOf(new Date(Number.NaN), BRUSSELS)).toThrow(/valid Date/);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses to add %p days', (n) => {
    expect(() => addDays('2026-12-03', n)).toThrow(RangeError);
  });

  it('refuses to leave years 0001–9999', () => {
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
  });

  it.each([-1, 1440, 90.5, Number.NaN])('refuses to format %p minutes', (minutes) => {
    expect(() => formatHhMm(minutes)).toThrow(RangeError);
  });

  it.each(['2026-W54', '2025-W53', '2026-W00', '2026-w49', '2026-W4', '2026W49'])(
    'refuses the ISO week %j',
    (key) => {
      expect(() => isoWeekDates(key)).toThrow(RangeError);
      expect(() => isoWeekDates(key)).toThrow(/YYYY-Www/);
    },
  );
});

describe('properties', () => {
  const ZONES = [BRUSSELS, BRISBANE, NEW_YORK, CHATHAM, 'UTC'] as const;

  // Random instants rarely land in a repeated or skipped hour, so half of the runs are drawn
  // from the hours around known 2026 switches.
  const SWITCHES_2026: readonly { tz: string; at: number }[] = [
    { tz: BRUSSELS, at: Date.UTC(2026, 2, 29, 1) },
    { tz: BRUSSELS, at: Date.UTC(2026, 9, 25, 1) },
    { tz: NEW_YORK, at: Date.UTC(2026, 2, 8, 7) },
    { tz: NEW_YORK, at: Date.UTC(2026, 10, 1, 6) },
    { tz: CHATHAM, at: Date.UTC(2026, 3, 4, 14) },
    { tz: CHATHAM, at: Date.UTC(2026, 8, 26, 14) },
  ];

  const anyInstantAndZone = fc.record({
    instant: fc
      .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2036, 0, 1) - 1 })
      .map((ms) => new Date(ms)),
    tz: fc.constantFrom(...ZONES),
  });
  const nearASwitch = fc
    .record({
      switch: fc.constantFrom(...SWITCHES_2026),
      offsetMs: fc.integer({ min: -3 * HOUR_MS, max: 3 * HOUR_MS }),
    })
    .map(({ switch: s, offsetMs }) => ({ instant: new Date(s.at + offsetMs), tz: s.tz }));

  it('finds an instant again from its wall-clock reading, or the first time that reading was shown', () => {
    fc.assert(
      fc.property(fc.oneof(anyInstantAndZone, nearASwitch), ({ instant, tz }) => {
        const local = localTimeOf(instant, tz);
        const found = zonedInstant(local.date, local.hhmm, tz);
        const startOfMinute = Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS;

        // The reading is one that really happens, so the found instant shows it.
        expect(localTimeOf(found, tz)).toEqual(local);
        if (found.getTime() !== startOfMinute) {
          // Only a repeated hour shows the same reading earlier: at most an hour earlier.
          expect(found.getTime()).toBeLessThan(startOfMinute);
          expect(startOfMinute - found.getTime()).toBeLessThanOrEqual(HOUR_MS);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('starts every day at an instant that falls on that day, and the next day later', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) }),
        fc.constantFrom(...ZONES),
        (ms, tz) => {
          const date = new Date(ms).toISOString().slice(0, 10);
          const start = startOfDay(date, tz);
          expect(civilDateOf(start, tz)).toBe(date);
          expect(civilDateOf(new Date(start.getTime() - 1), tz)).toBe(addDays(date, -1));
          expect(startOfDay(addDays(date, 1), tz).getTime()).toBeGreaterThan(start.getTime());
        },
      ),
    );
  });

  const civilDates = fc
    .integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 11, 31) })
    .map((ms) => new Date(ms).toISOString().slice(0, 10));

  it('gives n back from daysBetween after addDays(d, n)', () => {
    fc.assert(
      fc.property(civilDates, fc.integer({ min: -40_000, max: 40_000 }), (date, n) => {
        const later = addDays(date, n);
        expect(isCivilDate(later)).toBe(true);
        expect(daysBetween(date, later)).toBe(n);
        expect(Math.sign(compareCivilDates(later, date))).toBe(Math.sign(n));
      }),
      { numRuns: 1000 },
    );
  });

  it('lists every date in its ISO week, at the place of its weekday', () => {
    fc.assert(
      fc.property(civilDates, (date) => {
        const week = isoWeekDates(isoWeek(date));
        expect(week).toHaveLength(7);
        expect(week[isoWeekday(date) - 1]).toBe(date);
        expect(daysBetween(week[0] ?? '', week[6] ?? '')).toBe(6);
      }),
      { numRuns: 1000 },
    );
  });
});
