import type { DeskReason, DeskState } from '../../src/domain/floor-day';
import type { BookingStatus } from '../../src/domain/model';
import {
  REFUSAL_CODES,
  refusal,
  type Alternative,
  type Refusal,
  type WindowReason,
} from '../../src/domain/refusal';
import {
  API_ERROR_CODES,
  bookingStatusLabel,
  describeAlternative,
  describeDeskReason,
  describeRefusal,
  deskStateLabel,
  errorMessage,
} from '../../src/i18n/describe-refusal';
import {
  formatDate,
  formatNumber,
  LOCALES,
  MESSAGE_KEYS,
  MESSAGES,
  placeholdersIn,
  resolveLocale,
  t,
  translate,
  type Locale,
  type MessageKey,
} from '../../src/i18n/messages';

/** 1.2 written the locale's way. */
const num = (n: number, locale: Locale): string => formatNumber(n, locale);

// ---------------------------------------------------------------------------------------------
// Fixtures: one refusal per code and per sub-reason, with the numbers each sentence must show.

interface Case {
  readonly refusal: Refusal;
  /** Numbers the sentence must contain, written in each locale's way by the test. */
  readonly numbers: readonly number[];
  /** Other text it must contain (labels, names). */
  readonly texts?: readonly string[];
}

const WINDOW_BASE = {
  code: 'OUTSIDE_WINDOW',
  date: '2026-12-31',
  today: '2026-12-02',
  lastBookableDate: '2026-12-16',
  horizonDays: 14,
  bookableWeekdays: [1, 2, 3, 4, 5],
} as const;

// Typed by reason so that a new WindowReason in the domain fails to compile here until it has a sentence.
const WINDOW_CASES: Record<WindowReason, Case> = {
  past: { refusal: refusal({ ...WINDOW_BASE, reason: 'past', date: '2026-11-24' }), numbers: [24] },
  'beyond-horizon': { refusal: refusal({ ...WINDOW_BASE, reason: 'beyond-horizon' }), numbers: [31, 16, 14] },
  weekday: { refusal: refusal({ ...WINDOW_BASE, reason: 'weekday', date: '2026-12-05' }), numbers: [] },
  'not-today': {
    refusal: refusal({ ...WINDOW_BASE, reason: 'not-today', date: '2026-12-03' }),
    numbers: [3, 2],
  },
  'after-deadline': {
    refusal: refusal({ ...WINDOW_BASE, reason: 'after-deadline', date: '2026-12-02', deadline: '10:00' }),
    numbers: [2],
    texts: ['10:00'],
  },
};

const UNAVAILABLE_WHYS = ['mode-off', 'mode-assigned', 'restricted-zone'] as const;
const NOT_ALLOWED_ACTIONS = ['cancel', 'release', 'check-in', 'something-new'] as const;
const STATUSES = ['booked', 'checked-in', 'released', 'cancelled-by-admin'] as const;

const CASES: Record<string, Case> = {
  DESK_TAKEN: {
    refusal: refusal({ code: 'DESK_TAKEN', deskId: 'hq-3-12', deskLabel: '3.12', date: '2026-12-03' }),
    numbers: [3],
    texts: ['3.12'],
  },
  ALREADY_BOOKED: {
    refusal: refusal({
      code: 'ALREADY_BOOKED',
      date: '2026-12-03',
      existingBookingId: 'b-1',
      existingDeskId: 'hq-2-04',
    }),
    numbers: [3],
    texts: ['2.04'],
  },
  ZONE_FULL: {
    refusal: refusal({
      code: 'ZONE_FULL',
      zoneId: 'hq-3-b',
      zoneName: 'Zone B',
      capacity: 12,
      booked: 12,
      date: '2026-12-03',
    }),
    numbers: [12, 3],
    texts: ['Zone B'],
  },
  TOO_CLOSE: {
    refusal: refusal({
      code: 'TOO_CLOSE',
      deskId: 'hq-3-12',
      nearestDeskId: 'hq-3-11',
      nearestDeskLabel: '3.11',
      distanceM: 1.2,
      minDistanceM: 1.5,
      date: '2026-12-03',
    }),
    numbers: [1.2, 1.5],
    texts: ['3.12', '3.11'],
  },
  ...Object.fromEntries(Object.entries(WINDOW_CASES).map(([reason, c]) => [`OUTSIDE_WINDOW ${reason}`, c])),
  'OUTSIDE_WINDOW weekday, no bookable day': {
    refusal: refusal({ ...WINDOW_BASE, reason: 'weekday', date: '2026-12-05', bookableWeekdays: [] }),
    numbers: [],
  },
  'OUTSIDE_WINDOW after-deadline, no deadline given': {
    refusal: refusal({ ...WINDOW_BASE, reason: 'after-deadline', date: '2026-12-02' }),
    numbers: [2],
  },
  QUOTA_EXCEEDED: {
    refusal: refusal({ code: 'QUOTA_EXCEEDED', quota: 3, used: 3, isoWeek: '2026-W49', date: '2026-12-03' }),
    numbers: [3, 49],
  },
  ...Object.fromEntries(
    UNAVAILABLE_WHYS.map((why) => [
      `DESK_UNAVAILABLE ${why}`,
      {
        refusal: refusal({ code: 'DESK_UNAVAILABLE', deskId: 'hq-3-12', deskLabel: '3.12', why }),
        numbers: [],
        texts: ['3.12'],
      },
    ]),
  ),
  UNKNOWN_DESK: {
    refusal: refusal({ code: 'UNKNOWN_DESK', deskId: 'hq-9-99' }),
    numbers: [],
    texts: ['hq-9-99'],
  },
  ...Object.fromEntries(
    NOT_ALLOWED_ACTIONS.map((action) => [
      `NOT_ALLOWED ${action}`,
      { refusal: refusal({ code: 'NOT_ALLOWED', action }), numbers: [] },
    ]),
  ),
  BOOKING_NOT_FOUND: { refusal: refusal({ code: 'BOOKING_NOT_FOUND', bookingId: 'b-1' }), numbers: [] },
  'DESKS_FREE one': { refusal: refusal({ code: 'DESKS_FREE', date: '2026-12-03', free: 1 }), numbers: [3] },
  'DESKS_FREE other': { refusal: refusal({ code: 'DESKS_FREE', date: '2026-12-03', free: 7, zoneId: 'hq-3-b' }), numbers: [7, 3] },
  ...Object.fromEntries(
    [...STATUSES, 'archived'].map((status) => [
      `NOT_ACTIVE ${status}`,
      { refusal: refusal({ code: 'NOT_ACTIVE', bookingId: 'b-1', status }), numbers: [] },
    ]),
  ),
};

const LABELS: Record<string, string> = { 'hq-3-12': '3.12', 'hq-2-04': '2.04', 'hq-3-11': '3.11' };
const lookup = {
  deskLabel: (id: string): string | undefined => LABELS[id],
  zoneName: (): string | undefined => undefined,
};

// ---------------------------------------------------------------------------------------------

describe('the message catalogue', () => {
  it('has the same keys in every locale', () => {
    for (const locale of LOCALES) {
      expect(Object.keys(MESSAGES[locale]).sort()).toEqual([...MESSAGE_KEYS].sort());
    }
  });

  it.each(LOCALES)('has a non-empty message for every key in %s', (locale) => {
    for (const key of MESSAGE_KEYS) {
      expect({ key, text: MESSAGES[locale][key].trim() }).toEqual({ key, text: expect.stringMatching(/\S/) });
    }
  });

  it.each(LOCALES)('uses the same {placeholders} as English in every %s message', (locale) => {
    for (const key of MESSAGE_KEYS) {
      expect({ key, placeholders: placeholdersIn(MESSAGES[locale][key]) }).toEqual({
        key,
        placeholders: placeholdersIn(MESSAGES.en[key]),
      });
    }
  });

  it('has no stray braces outside placeholders', () => {
    for (const locale of LOCALES) {
      for (const key of MESSAGE_KEYS) {
        expect({ key, rest: MESSAGES[locale][key].replace(/\{[A-Za-z0-9_-]+\}/g, '') }).not.toEqual({
          key,
          rest: expect.stringMatching(/[{}]/),
        });
      }
    }
  });

  it('has both plural forms for every plural message', () => {
    const bases = new Set(
      MESSAGE_KEYS.filter((k) => /\.(one|other)$/.test(k)).map((k) => k.replace(/\.(one|other)$/, '')),
    );
    for (const base of bases) {
      expect(MESSAGE_KEYS).toEqual(expect.arrayContaining([`${base}.one`, `${base}.other`]));
    }
  });

  it('has a message for every API error code', () => {
    for (const code of API_ERROR_CODES) expect(MESSAGE_KEYS).toContain(`error.${code}`);
  });
});

describe('t fills placeholders', () => {
  it('inserts strings as given and numbers in the locale’s way', () => {
    expect(t('en', 'alternative.desk-nearby', { desk: '3.14', distance: 2.1 })).toBe('Desk 3.14, 2.1 m away');
    expect(t('nl', 'alternative.desk-nearby', { desk: '3.14', distance: 2.1 })).toBe('Bureau 3.14, op 2,1 m');
    expect(t('de', 'deskReason.too-close', { distance: 1.2, min: 1.5 })).toBe(
      '1,2 m von einem gebuchten Schreibtisch entfernt; das Minimum beträgt 1,5 m',
    );
  });

  it('gives the API error messages', () => {
    expect(t('en', 'error.STORAGE_UNAVAILABLE')).toBe(
      'Storage is unavailable right now; please try again in a moment.',
    );
    expect(t('en', 'error.CONTENTION')).toBe(
      'Many people are booking this area right now; please try again.',
    );
    expect(errorMessage('INVALID_INPUT', 'en', 'date must be YYYY-MM-DD')).toBe(
      'The request is not valid: date must be YYYY-MM-DD',
    );
    for (const locale of LOCALES) {
      for (const code of API_ERROR_CODES) {
        const text = code === 'INVALID_INPUT' ? errorMessage(code, locale, 'x') : errorMessage(code, locale);
        expect(text).not.toMatch(/[{}]/);
        expect(text.length).toBeGreaterThan(5);
      }
    }
  });

  it('throws, naming the key and the parameter, when a parameter is missing', () => {
    expect(() => translate('fr', 'error.INVALID_INPUT')).toThrow(/"error\.INVALID_INPUT" \(fr\).*"details"/);
    expect(() => translate('en', 'refusal.TOO_CLOSE', { desk: '3.12', distance: 1.2, min: 1.5 })).toThrow(
      /"nearest"/,
    );
  });

  it('throws on a key that is not in the catalogue', () => {
    expect(() => translate('en', 'no.such.key' as MessageKey)).toThrow(/Unknown message key "no\.such\.key"/);
  });

  it('keeps French punctuation off the start of a line with a non-breaking space', () => {
    expect(t('fr', 'error.INVALID_INPUT', { details: 'x' })).toBe("La demande n'est pas valide\u00a0: x");
    expect(t('fr', 'error.CONTENTION')).toContain('moment\u00a0; veuillez');
  });
});

describe('a refusal becomes one sentence that names the rule and its numbers', () => {
  it('has a case for every refusal code', () => {
    const covered = new Set(Object.values(CASES).map((c) => c.refusal.code));
    expect([...covered].sort()).toEqual([...REFUSAL_CODES].sort());
  });

  const table = LOCALES.flatMap((locale) =>
    Object.entries(CASES).map(([name, c]) => [locale, name, c] as const),
  );

  it.each(table)('%s: %s', (locale, _name, c) => {
    const sentence = describeRefusal(c.refusal, locale, lookup);
    expect(sentence.trim().length).toBeGreaterThan(10);
    expect(sentence).not.toMatch(/[{}]/);
    expect(sentence).not.toMatch(/undefined|NaN|\[object/);
    expect(sentence.charAt(0)).toBe(sentence.charAt(0).toLocaleUpperCase());
    for (const n of c.numbers) expect(sentence).toContain(num(n, locale));
    for (const text of c.texts ?? []) expect(sentence).toContain(text);
  });

  it('gives distinct sentences for distinct reasons within a locale', () => {
    for (const locale of LOCALES) {
      const sentences = Object.values(CASES).map((c) => describeRefusal(c.refusal, locale, lookup));
      // Every fixture is a different situation, so none may fall back on another's sentence.
      expect(new Set(sentences).size).toBe(sentences.length);
    }
  });

  describe('in English, as the design guide words them', () => {
    const en = (name: string): string => describeRefusal(CASES[name]!.refusal, 'en', lookup);

    it('says a zone is at its cap', () => {
      expect(en('ZONE_FULL')).toBe('Zone B is at its 12-person cap on Thursday 3 December.');
    });
    it('says how far the nearest booked desk is and what the minimum is', () => {
      expect(en('TOO_CLOSE')).toBe(
        'Desk 3.12 is 1.2 m from desk 3.11, which is booked; the minimum distance is 1.5 m.',
      );
    });
    it('says which desk the person already has that day', () => {
      expect(en('ALREADY_BOOKED')).toBe('You already have a desk on Thursday 3 December (desk 2.04).');
    });
    it('says how far ahead one can book', () => {
      expect(en('OUTSIDE_WINDOW beyond-horizon')).toBe(
        'Thursday 31 December is beyond the booking window: you can book up to Wednesday 16 December (14 days ahead).',
      );
    });
    // Issue 12: the window ending on a Sunday used to be named as the last bookable day.
    it('names the last day that can really be booked when the window ends on a weekend', () => {
      const endsOnSunday = refusal({ ...WINDOW_BASE, reason: 'beyond-horizon', today: '2026-12-06', lastBookableDate: '2026-12-20' });
      expect(describeRefusal(endsOnSunday, 'en')).toBe(
        'Thursday 31 December is beyond the booking window: you can book up to Friday 18 December (14 days ahead).',
      );
    });
    it('says which weekday is not bookable and which are', () => {
      expect(en('OUTSIDE_WINDOW weekday')).toBe(
        'Saturday is not a bookable day. Bookable days: Monday to Friday.',
      );
      const oddDays = refusal({
        ...WINDOW_BASE,
        reason: 'weekday',
        date: '2026-12-05',
        bookableWeekdays: [5, 1, 3],
      });
      expect(describeRefusal(oddDays, 'en')).toBe(
        'Saturday is not a bookable day. Bookable days: Monday, Wednesday and Friday.',
      );
    });
    it('says how many days were booked that week and the limit', () => {
      expect(en('QUOTA_EXCEEDED')).toBe('You have already booked 3 days in week 49; the weekly limit is 3.');
    });
    it('says why a desk cannot be booked', () => {
      expect(en('DESK_UNAVAILABLE mode-assigned')).toBe(
        'Desk 3.12 cannot be booked: it is assigned to someone.',
      );
      expect(en('DESK_UNAVAILABLE mode-off')).toBe('Desk 3.12 cannot be booked: it is switched off.');
    });
    it('names the check-in deadline that has passed', () => {
      expect(en('OUTSIDE_WINDOW after-deadline')).toBe(
        'The check-in deadline for Wednesday 2 December (10:00) has passed.',
      );
    });
    it('puts the booking status in words', () => {
      expect(en('NOT_ACTIVE cancelled-by-admin')).toBe(
        'This booking was cancelled by an administrator, so it can no longer be changed.',
      );
      expect(en('NOT_ACTIVE archived')).toBe('This booking can no longer be changed (status: archived).');
    });
  });

  describe('in French, Dutch and German', () => {
    it('writes distances with a decimal comma', () => {
      const tooClose = CASES['TOO_CLOSE']!.refusal;
      expect(describeRefusal(tooClose, 'fr', lookup)).toBe(
        'Le bureau 3.12 est à 1,2 m du bureau 3.11, qui est réservé\u00a0; la distance minimale est de 1,5 m.',
      );
      expect(describeRefusal(tooClose, 'nl', lookup)).toContain('1,2 m');
      expect(describeRefusal(tooClose, 'de', lookup)).toContain('der Mindestabstand beträgt 1,5 m');
    });

    it('says a zone is full with its cap and the day', () => {
      const zoneFull = CASES['ZONE_FULL']!.refusal;
      expect(describeRefusal(zoneFull, 'fr')).toBe(
        'Zone B a atteint sa limite de 12 personnes le jeudi 3 décembre.',
      );
      expect(describeRefusal(zoneFull, 'nl')).toBe(
        'Zone B heeft op donderdag 3 december het maximum van 12 personen bereikt.',
      );
      expect(describeRefusal(zoneFull, 'de')).toBe(
        'Zone B hat am Donnerstag, 3. Dezember die Obergrenze von 12 Personen erreicht.',
      );
    });

    it('uses the singular for one', () => {
      const one = refusal({
        code: 'ZONE_FULL',
        zoneId: 'z',
        zoneName: 'Zone C',
        capacity: 1,
        booked: 1,
        date: '2026-12-03',
      });
      expect(describeRefusal(one, 'fr')).toContain('1 personne le');
      expect(describeRefusal(one, 'nl')).toContain('1 persoon bereikt');
      expect(describeRefusal(one, 'de')).toContain('1 Person erreicht');
      const quota = refusal({
        code: 'QUOTA_EXCEEDED',
        quota: 1,
        used: 1,
        isoWeek: '2026-W49',
        date: '2026-12-03',
      });
      expect(describeRefusal(quota, 'en')).toBe(
        'You have already booked 1 day in week 49; the weekly limit is 1.',
      );
      expect(describeRefusal(quota, 'de')).toContain('bereits 1 Tag gebucht');
    });

    it('starts a sentence with a capital even when it opens with a weekday', () => {
      expect(describeRefusal(CASES['OUTSIDE_WINDOW weekday']!.refusal, 'nl')).toMatch(/^Zaterdag is geen/);
      expect(describeRefusal(CASES['OUTSIDE_WINDOW past']!.refusal, 'de')).toMatch(
        /^Dienstag, 24\. November/,
      );
    });
  });

  it('shows a desk id when no label is known', () => {
    const r = refusal({
      code: 'ALREADY_BOOKED',
      date: '2026-12-03',
      existingBookingId: 'b',
      existingDeskId: 'hq-7-01',
    });
    expect(describeRefusal(r, 'en')).toBe('You already have a desk on Thursday 3 December (desk hq-7-01).');
  });

  it('uses the zone lookup when a refusal carries no zone name', () => {
    const r = refusal({
      code: 'ZONE_FULL',
      zoneId: 'hq-3-b',
      zoneName: '',
      capacity: 4,
      booked: 4,
      date: '2026-12-03',
    });
    expect(describeRefusal(r, 'en', { zoneName: (id) => (id === 'hq-3-b' ? 'Zone B' : undefined) })).toBe(
      'Zone B is at its 4-person cap on Thursday 3 December.',
    );
  });
});

describe('dates are written with weekday, day and month in the reader’s language', () => {
  it.each([
    ['en', 'Thursday 3 December'],
    ['fr', 'jeudi 3 décembre'],
    ['nl', 'donderdag 3 december'],
    ['de', 'Donnerstag, 3. Dezember'],
  ] as const)('2026-12-03 in %s is "%s"', (locale, expected) => {
    expect(formatDate('2026-12-03', locale)).toBe(expected);
  });

  it('never shifts the civil date, at either end of the year', () => {
    expect(formatDate('2027-01-01', 'en')).toBe('Friday 1 January');
    expect(formatDate('2026-12-31', 'de')).toBe('Donnerstag, 31. Dezember');
    // The Sunday the clocks go back in Brussels.
    expect(formatDate('2026-10-25', 'nl')).toBe('zondag 25 oktober');
  });

  it('writes the first of the month as "1er" in French', () => {
    expect(formatDate('2026-12-01', 'fr')).toBe('mardi 1er décembre');
    expect(formatDate('2026-12-11', 'fr')).toBe('vendredi 11 décembre');
  });

  it('returns a value that is not a civil date as it came', () => {
    expect(formatDate('next Thursday', 'en')).toBe('next Thursday');
  });
});

describe('resolveLocale picks one of the four languages', () => {
  it.each([
    ['fr-BE', 'fr'],
    ['nl-be', 'nl'],
    ['de-DE', 'de'],
    ['en-US', 'en'],
    ['FR', 'fr'],
    ['nl_BE', 'nl'],
    ['de-CH', 'de'],
    ['nl-BE,nl;q=0.9,en;q=0.8', 'nl'],
    ['es-ES,de;q=0.7,fr;q=0.9', 'fr'],
    ['es-ES', 'en'],
    ['', 'en'],
    ['*', 'en'],
    ['french', 'en'],
  ] as const)('%j → %s', (tag, expected) => {
    expect(resolveLocale(tag)).toBe(expected);
  });

  it('falls back to English when there is no tag', () => {
    expect(resolveLocale(undefined)).toBe('en');
    expect(resolveLocale(null)).toBe('en');
  });
});

describe('the floor map explains each desk’s state', () => {
  const reasons: Record<string, DeskReason> = {
    free: { kind: 'free' },
    mine: { kind: 'mine', bookingId: 'b', checkedIn: false },
    'mine, checked in': { kind: 'mine', bookingId: 'b', checkedIn: true },
    taken: { kind: 'taken', checkedIn: false },
    'taken, checked in': { kind: 'taken', checkedIn: true },
    'too-close': {
      kind: 'too-close',
      nearestDeskId: 'a',
      nearestDeskLabel: '3.11',
      distanceM: 1.2,
      minDistanceM: 1.5,
    },
    'zone-full': { kind: 'zone-full', zoneName: 'Zone B', capacity: 12, booked: 12 },
    'mode-off': { kind: 'unavailable', why: 'mode-off' },
    'mode-assigned': { kind: 'unavailable', why: 'mode-assigned' },
    'restricted-zone': { kind: 'unavailable', why: 'restricted-zone' },
  };

  it('in English', () => {
    const en = Object.fromEntries(Object.entries(reasons).map(([k, r]) => [k, describeDeskReason(r, 'en')]));
    expect(en).toEqual({
      free: 'Free',
      mine: 'Your desk',
      'mine, checked in': 'Your desk (checked in)',
      taken: 'Booked by someone else',
      'taken, checked in': 'Checked in by someone else',
      'too-close': '1.2 m from a booked desk; the minimum is 1.5 m',
      'zone-full': 'Zone B is full (12 of 12)',
      'mode-off': 'Not bookable: switched off',
      'mode-assigned': 'Not bookable: assigned',
      'restricted-zone': 'Not bookable: reserved for another team',
    });
  });

  it.each(LOCALES)('in %s, with every reason distinct and the numbers shown', (locale) => {
    const texts = Object.values(reasons).map((r) => describeDeskReason(r, locale));
    for (const text of texts) expect(text).toMatch(/^[^{}]+$/);
    expect(new Set(texts).size).toBe(texts.length);
    expect(describeDeskReason(reasons['too-close']!, locale)).toContain(num(1.2, locale));
    expect(describeDeskReason(reasons['too-close']!, locale)).toContain(num(1.5, locale));
    expect(describeDeskReason(reasons['zone-full']!, locale)).toMatch(/12\D+12/);
  });

  it.each(LOCALES)('has a short, distinct label for every state in %s', (locale) => {
    const states: DeskState[] = ['free', 'mine', 'taken', 'too-close', 'zone-full', 'unavailable'];
    const labels = states.map((s) => deskStateLabel(s, locale));
    for (const label of labels) expect(label).toMatch(/^[^{}]{2,20}$/);
    expect(new Set(labels).size).toBe(states.length);
  });

  it('labels the states in English', () => {
    expect(deskStateLabel('too-close', 'en')).toBe('Too close');
    expect(deskStateLabel('zone-full', 'de')).toBe('Zone voll');
    expect(deskStateLabel('free', 'fr')).toBe('Libre');
    expect(deskStateLabel('unavailable', 'nl')).toBe('Niet beschikbaar');
  });
});

describe('booking statuses in words', () => {
  it.each(LOCALES)('has a distinct label for every status in %s', (locale) => {
    const labels = STATUSES.map((s) => bookingStatusLabel(s, locale));
    for (const label of labels) expect(label).toMatch(/^[^{}]+$/);
    expect(new Set(labels).size).toBe(STATUSES.length);
  });

  it('reads naturally', () => {
    expect(bookingStatusLabel('checked-in', 'en')).toBe('Checked in');
    expect(bookingStatusLabel('cancelled-by-admin', 'fr')).toBe('Annulé par un administrateur');
    expect(bookingStatusLabel('released', 'nl')).toBe('Vrijgegeven');
    expect(bookingStatusLabel('booked', 'de')).toBe('Gebucht');
  });

  it('shows a status it does not know as it is', () => {
    expect(bookingStatusLabel('archived' as BookingStatus, 'en')).toBe('archived');
  });
});

describe('alternatives offered with a refusal', () => {
  const nearby: Alternative = {
    kind: 'desk',
    deskId: 'hq-3-14',
    deskLabel: '3.14',
    floorId: 'hq-3',
    date: '2026-12-03',
    distanceM: 2.1,
  };
  const otherDay: Alternative = {
    kind: 'day',
    deskId: 'hq-3-12',
    deskLabel: '3.12',
    floorId: 'hq-3',
    date: '2026-12-04',
  };
  const noDistance: Alternative = {
    kind: 'desk',
    deskId: 'hq-3-20',
    deskLabel: '3.20',
    floorId: 'hq-3',
    date: '2026-12-03',
  };

  it('names the desk and how far it is, or the day', () => {
    expect(describeAlternative(nearby, 'en')).toBe('Desk 3.14, 2.1 m away');
    expect(describeAlternative(otherDay, 'en')).toBe('Desk 3.12 on Friday 4 December');
    expect(describeAlternative(noDistance, 'en')).toBe('Desk 3.20');
    expect(describeAlternative(nearby, 'fr')).toBe('Bureau 3.14, à 2,1 m');
    expect(describeAlternative(otherDay, 'fr')).toBe('Bureau 3.12 le vendredi 4 décembre');
    expect(describeAlternative(otherDay, 'nl')).toBe('Bureau 3.12 op vrijdag 4 december');
    expect(describeAlternative(nearby, 'de')).toBe('Schreibtisch 3.14, 2,1 m entfernt');
    expect(describeAlternative(otherDay, 'de')).toBe('Schreibtisch 3.12 am Freitag, 4. Dezember');
  });
});
