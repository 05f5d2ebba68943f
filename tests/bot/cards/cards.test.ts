import {
  alternativeRequestId,
  bookedCard,
  bookingsCard,
  escapeMarkdown,
  helpCard,
  helpExamples,
  multiDayCard,
  pickDeskCard,
  refusalCard,
  statusCard,
  suggestionCard,
  VERBS,
  whoIsInCard,
  type AdaptiveCard,
} from '../../../src/bot/cards';
import { LOCALES, MESSAGE_KEYS, MESSAGES, type Locale } from '../../../src/i18n/messages';
import { allStrings, cardSize, checkCard } from './card-checks';
import { aBooking, aDesk, bookingIdOn, LARGEST, MAP_URL, TODAY, TYPICAL } from './fixtures';

const FOREIGN: Locale[] = LOCALES.filter((l) => l !== 'en');
const MAX_BYTES = 28 * 1024;

function actionsOf(card: AdaptiveCard): Record<string, unknown>[] {
  return checkCard(card).actions;
}

function titles(card: AdaptiveCard): string[] {
  return actionsOf(card).map((a) => String(a.title));
}

function executeData(card: AdaptiveCard): Record<string, unknown>[] {
  return actionsOf(card)
    .filter((a) => a.type === 'Action.Execute')
    .map((a) => a.data as Record<string, unknown>);
}

const CASES = Object.entries(TYPICAL).flatMap(([name, build]) =>
  LOCALES.map((l) => [name, l, build] as const),
);
const LARGE_CASES = Object.entries(LARGEST).flatMap(([name, build]) =>
  LOCALES.map((l) => [name, l, build] as const),
);

describe('every card, in every locale, is a valid Adaptive Card 1.5', () => {
  it.each(CASES)(
    '%s (%s): shape, buttons with a Submit fallback, no leftover placeholders',
    (_name, locale, build) => {
      const card = build(locale);
      expect(() => checkCard(card)).not.toThrow();
      const json = JSON.stringify(card);
      expect(json).not.toMatch(/(?<!\\)\{[A-Za-z0-9_-]+\}/);
      expect(json).not.toMatch(/undefined|NaN|\[object Object\]/);
      expect(allStrings(card).join('\n')).not.toMatch(/userId|aadObjectId/i);
    },
  );

  it.each(LARGE_CASES)('%s (%s) stays well under 28 KB with the largest inputs', (_name, locale, build) => {
    const card = build(locale);
    expect(() => checkCard(card)).not.toThrow();
    expect(cardSize(card)).toBeLessThan(MAX_BYTES * 0.8);
  });
});

describe('cards speak the reader’s language', () => {
  // The main labels: every title and button of the cards. A label that is the same word in a language
  // (Zone, Status) is not a leak.
  const MAIN_LABEL_KEYS = MESSAGE_KEYS.filter(
    (k) => /^card\.(action|fact)\./.test(k) || /^card\..*\.title$/.test(k),
  );

  it('translates every main label', () => {
    const same = FOREIGN.flatMap((l) =>
      MAIN_LABEL_KEYS.filter((k) => MESSAGES[l][k] === MESSAGES.en[k]).map((k) => `${l}:${k}`),
    );
    expect(same.sort()).toEqual([
      'de:card.fact.status',
      'de:card.fact.zone',
      'fr:card.fact.zone',
      'nl:card.fact.status',
      'nl:card.fact.zone',
    ]);
  });

  it.each(CASES.filter(([, l]) => l !== 'en'))('%s (%s) shows no English label', (_name, locale, build) => {
    const texts = checkCard(build(locale)).texts;
    const english = MAIN_LABEL_KEYS.filter((k) => MESSAGES[locale][k] !== MESSAGES.en[k]).map((k) =>
      MESSAGES.en[k].replace(/\s*\{[^}]+\}\s*/g, ' ').trim(),
    );
    for (const text of texts) {
      for (const label of english) {
        if (label.length < 3) continue;
        const pattern = new RegExp(
          `(^|[^\\p{L}])${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\p{L}]|$)`,
          'u',
        );
        expect({ text, leaks: pattern.test(text) ? label : null }).toEqual({ text, leaks: null });
      }
    }
  });

  it('uses the locale’s button titles', () => {
    const fr = titles(TYPICAL.suggestion!('fr'));
    expect(fr).toEqual(['Confirmer', 'Choisir un autre', 'Ouvrir le plan']);
    expect(titles(TYPICAL.suggestion!('nl'))).toEqual([
      'Bevestigen',
      'Ander bureau kiezen',
      'Plattegrond openen',
    ]);
    expect(titles(TYPICAL.suggestion!('de'))).toEqual(['Bestätigen', 'Anderen wählen', 'Plan öffnen']);
    expect(titles(TYPICAL.suggestion!('en'))).toEqual(['Confirm', 'Pick another', 'Open map']);
  });

  it('writes the day the locale’s way', () => {
    expect(JSON.stringify(TYPICAL.suggestion!('en'))).toContain('Friday 4 December');
    expect(JSON.stringify(TYPICAL.suggestion!('fr'))).toContain('vendredi 4 décembre');
    expect(JSON.stringify(TYPICAL.suggestion!('nl'))).toContain('vrijdag 4 december');
    expect(JSON.stringify(TYPICAL.suggestion!('de'))).toContain('Freitag, 4. Dezember');
  });

  it.each(LOCALES)('gives help examples in %s', (locale) => {
    const examples = helpExamples(locale);
    expect(examples).toHaveLength(7);
    const texts = checkCard(helpCard(locale)).texts.join('\n');
    for (const e of examples) expect(texts).toContain(e);
  });
});

describe('people’s text is escaped', () => {
  const hostile = [
    '*3.12*',
    '[x](http://evil)',
    '_a_ `b` ~c~ <d> {{DATE(2017-02-14T06:08:39Z, SHORT)}}',
    '- list',
    '1. item',
  ];

  it('escapes a desk label that would be Markdown', () => {
    const card = suggestionCard(
      {
        date: '2026-12-04',
        desk: aDesk({ label: '*3.12*', zoneName: '[x](http://evil)', floorName: '# 3' }),
        why: { favourite: false, preferredZone: false, matchedAttributes: [], blocksFreeDesks: 0 },
        requestId: 'r1',
        otherDeskCount: 0,
      },
      'en',
    );
    const texts = checkCard(card).texts;
    expect(texts).toContain('Desk \\*3.12\\*');
    expect(texts).toContain('\\[x\\](http://evil)');
    expect(texts).toContain('\\# 3');
    expect(texts.join('\n')).not.toMatch(/(?<!\\)\[x(?<!\\)\]/);
  });

  it.each(hostile)('never lets %j through unescaped, on any card', (text) => {
    const cards = [
      pickDeskCard(
        {
          date: '2026-12-04',
          desks: [aDesk({ label: text, zoneName: text, attributes: [text] })],
          requestId: 'r',
        },
        'en',
      ),
      bookedCard(
        { booking: aBooking({ deskLabel: text, zoneName: text, floorName: text }), today: TODAY },
        'en',
      ),
      bookingsCard({ today: TODAY, bookings: [aBooking({ deskLabel: text, zoneName: text })] }, 'en'),
      refusalCard({ sentence: `Desk ${text} is taken.`, alternatives: [], requestId: 'r' }, 'en'),
      multiDayCard(
        {
          results: [
            { date: TODAY, ok: true, deskLabel: text, zoneName: text },
            { date: '2026-12-04', ok: false, sentence: text },
          ],
        },
        'en',
      ),
      whoIsInCard({ date: TODAY, zones: [{ name: text, booked: 1, names: [text] }] }, 'en'),
      statusCard({ title: text, text }, 'en'),
    ];
    for (const card of cards) {
      const markdown = checkCard(card).texts.filter((s, i, all) => all.indexOf(s) === i);
      for (const s of markdown.filter((m) => !titles(card).includes(m))) {
        // A list marker is Markdown only where a line starts; elsewhere it is plain text.
        if (/^(- |1\. )/.test(text)) expect(s.startsWith(text)).toBe(false);
        else expect(s).not.toContain(text.trim());
      }
    }
  });

  it('strips control characters and bidi overrides from every string', () => {
    const evil = '3.\u000012\n\r\t\u202eevil\u2066\u0007';
    const cards = [
      pickDeskCard(
        { date: '2026-12-04', desks: [aDesk({ label: evil, zoneName: evil })], requestId: 'r' },
        'en',
      ),
      bookingsCard({ today: TODAY, bookings: [aBooking({ deskLabel: evil })] }, 'en'),
      whoIsInCard({ date: TODAY, zones: [{ name: evil, booked: 1, names: [evil] }] }, 'en'),
      refusalCard(
        {
          sentence: evil,
          alternatives: [{ deskId: 'd1', deskLabel: evil, date: TODAY, text: evil }],
          requestId: 'r',
        },
        'en',
      ),
    ];
    for (const card of cards) {
      expect(
        allStrings(card).filter((s) => /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s)),
      ).toEqual([]);
    }
    expect(escapeMarkdown(evil)).toBe('3.12 evil');
  });
});

describe('the suggestion card', () => {
  const base = {
    date: '2026-12-04',
    desk: aDesk(),
    why: { favourite: false, preferredZone: false, matchedAttributes: [] as string[], blocksFreeDesks: 2 },
    requestId: 'act-1',
    otherDeskCount: 3,
  };

  it('confirms the suggested desk and offers the others, keeping the request id', () => {
    expect(executeData(suggestionCard(base, 'en'))).toEqual([
      { verb: VERBS.bookConfirm, deskId: 'hq-3-12', date: '2026-12-04', requestId: 'act-1' },
      { verb: VERBS.bookChange, date: '2026-12-04', requestId: 'act-1', deskId: 'hq-3-12' },
    ]);
  });

  it('shows the desk, zone, floor and translated features', () => {
    const texts = checkCard(TYPICAL.suggestion!('en')).texts;
    expect(texts).toEqual(expect.arrayContaining(['Desk 3.12', 'Zone B', '3rd floor']));
    expect(texts).toContain('Monitor, Standing desk, Docking station, Accessible and quiet');
    const de = checkCard(TYPICAL.suggestion!('de')).texts;
    expect(de).toContain('Bildschirm, Stehschreibtisch, Dockingstation, Barrierefrei und quiet');
  });

  it('says why this desk was chosen', () => {
    const why = checkCard(TYPICAL.suggestion!('en')).texts.find((s) => s.includes('asked for'));
    expect(why).toBe(
      'It is the desk you asked for. It is in your preferred zone. It has what you asked for: Standing desk. ' +
        'It keeps the most room for colleagues: it blocks 2 free desks.',
    );
    const one = checkCard(suggestionCard({ ...base, why: { ...base.why, blocksFreeDesks: 1 } }, 'en')).texts;
    expect(one).toContain('It keeps the most room for colleagues: it blocks 1 free desk.');
    const none = checkCard(suggestionCard({ ...base, why: { ...base.why, blocksFreeDesks: 0 } }, 'fr')).texts;
    expect(none).toContain(
      'Il laisse le plus de place aux collègues\u00a0: il ne bloque aucun autre bureau libre.',
    );
  });

  it('offers Pick another only when another desk is free, and the map only when there is a safe link', () => {
    expect(titles(suggestionCard({ ...base, otherDeskCount: 0 }, 'en'))).toEqual(['Confirm']);
    expect(titles(suggestionCard({ ...base, mapUrl: MAP_URL }, 'en'))).toEqual([
      'Confirm',
      'Pick another',
      'Open map',
    ]);
    for (const mapUrl of [
      'javascript:alert(1)',
      'data:text/html,x',
      '/relative',
      'http://evil.example',
      '',
    ]) {
      expect(titles(suggestionCard({ ...base, mapUrl }, 'en'))).toEqual(['Confirm', 'Pick another']);
    }
  });

  it('makes any request id safe to carry', () => {
    const card = suggestionCard({ ...base, requestId: 'a:1;messageid=17/x?y#z' + 'q'.repeat(200) }, 'en');
    const [confirm] = executeData(card);
    expect(confirm!.requestId).toMatch(/^[A-Za-z0-9._:-]{100}$/);
    expect(String(confirm!.requestId).startsWith('a:1_messageid_17_x_y_z')).toBe(true);
  });

  it('refuses to build a button for a desk id that no click could carry', () => {
    expect(() => suggestionCard({ ...base, desk: aDesk({ id: 'hq/3#12' }) }, 'en')).toThrow(
      /invalid action data/,
    );
    expect(() => suggestionCard({ ...base, date: '2026-02-30' }, 'en')).toThrow(/invalid action data/);
  });
});

describe('the booked card', () => {
  it('says Booked, with Cancel, for a later day', () => {
    const card = bookedCard({ booking: aBooking(), today: TODAY }, 'en');
    expect(checkCard(card).texts).toEqual(
      expect.arrayContaining(['Booked', 'Desk 3.12 on Friday 4 December']),
    );
    expect(executeData(card)).toEqual([{ verb: VERBS.bookingCancel, bookingId: '2026-12-04.k3j9x2m4p7' }]);
  });

  it('offers Check in on the day until checked in, then Release', () => {
    const today = aBooking({ id: bookingIdOn(TODAY), date: TODAY });
    expect(titles(bookedCard({ booking: today, today: TODAY }, 'en'))).toEqual([
      'Check in',
      'Cancel booking',
    ]);
    expect(
      titles(
        bookedCard({ booking: { ...today, checkedIn: true, status: 'checked-in' }, today: TODAY }, 'en'),
      ),
    ).toEqual(['Release desk']);
    expect(titles(bookedCard({ booking: { ...today, checkedIn: true }, today: TODAY }, 'nl'))).toEqual([
      'Bureau vrijgeven',
    ]);
  });

  it('offers nothing for a past or ended booking', () => {
    expect(titles(bookedCard({ booking: aBooking(), today: '2026-12-05' }, 'en'))).toEqual([]);
    const released = bookedCard({ booking: aBooking({ status: 'released' }), today: TODAY }, 'en');
    expect(titles(released)).toEqual([]);
    expect(checkCard(released).texts[0]).toBe('Released');
  });

  it('links the map when given', () => {
    expect(titles(bookedCard({ booking: aBooking(), today: TODAY, mapUrl: MAP_URL }, 'fr'))).toEqual([
      'Annuler la réservation',
      'Ouvrir le plan',
    ]);
  });
});

describe('the pick card', () => {
  it('lists free desks as Book buttons under one request id', () => {
    const data = executeData(TYPICAL.pick!('en'));
    expect(data.map((d) => d.deskId)).toEqual(['hq-3-12', 'hq-3-14', 'hq-2-01']);
    expect(new Set(data.map((d) => d.requestId))).toEqual(new Set(['act-1']));
    expect(data.every((d) => d.verb === VERBS.bookConfirm && d.date === '2026-12-04')).toBe(true);
    expect(titles(TYPICAL.pick!('en'))).toEqual(['Book 3.12', 'Book 3.14', 'Book 2.01', 'Open map']);
  });

  it('shows at most 12 and says how many more there are', () => {
    const desks = Array.from({ length: 15 }, (_, i) => aDesk({ id: `d${i}`, label: `L${i}` }));
    const card = pickDeskCard({ date: '2026-12-04', desks, requestId: 'r' }, 'en');
    expect(executeData(card)).toHaveLength(12);
    expect(checkCard(card).texts).toContain('3 more free desks are not shown.');
  });

  it('says so when no other desk is free', () => {
    const card = pickDeskCard({ date: '2026-12-04', desks: [], requestId: 'r' }, 'de');
    expect(checkCard(card).texts).toContain('Am Freitag, 4. Dezember ist kein anderer Schreibtisch frei.');
  });
});

describe('the refusal card', () => {
  it('gives the sentence and one button per alternative, each with its own request id', () => {
    const card = TYPICAL.refusal!('en');
    expect(checkCard(card).texts).toEqual(
      expect.arrayContaining([
        'Not booked',
        'Zone B is at its 12-person cap on Thursday 3 December.',
        'Available instead:',
      ]),
    );
    expect(executeData(card)).toEqual([
      { verb: VERBS.bookConfirm, deskId: 'hq-3-14', date: '2026-12-04', requestId: 'act-1-a0' },
      { verb: VERBS.bookConfirm, deskId: 'hq-3-12', date: '2026-12-05', requestId: 'act-1-a1' },
    ]);
    expect(titles(card)).toEqual(['Desk 3.14, 2.1 m away', 'Desk 3.12 on Saturday 5 December']);
  });

  it('keeps alternative request ids distinct and within 100 characters', () => {
    const ids = [0, 1, 2].map((i) => alternativeRequestId('r'.repeat(100), i));
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toHaveLength(100);
    expect(alternativeRequestId('act-1', 2)).toBe('act-1-a2');
  });

  it('offers at most three alternatives, and says so when there are none', () => {
    expect(executeData(LARGEST.refusal!('en'))).toHaveLength(3);
    const none = refusalCard({ sentence: 'No.', alternatives: [], requestId: 'r' }, 'nl');
    expect(checkCard(none).texts).toContain(
      'Er is niets vergelijkbaars om aan te bieden; probeer een andere dag of zone.',
    );
  });
});

describe('the bookings card', () => {
  it('lists bookings in date order, with Check in on the day and Cancel', () => {
    const card = TYPICAL.bookings!('en');
    const texts = checkCard(card).texts;
    expect(texts.indexOf('Thursday 3 December · Today')).toBeLessThan(texts.indexOf('Friday 4 December'));
    expect(texts).toContain('Desk 2.01 · Zone B');
    expect(executeData(card)).toEqual([
      { verb: VERBS.bookingCheckIn, bookingId: bookingIdOn(TODAY) },
      { verb: VERBS.bookingCancel, bookingId: bookingIdOn(TODAY) },
      { verb: VERBS.bookingCancel, bookingId: '2026-12-04.k3j9x2m4p7' },
      { verb: VERBS.bookingCancel, bookingId: bookingIdOn('2026-12-08') },
    ]);
  });

  it('has an empty state', () => {
    expect(checkCard(TYPICAL.bookingsEmpty!('fr')).texts).toContain(
      'Vous n’avez aucune réservation à venir. Pour réserver, écrivez par exemple « réserve un bureau jeudi ».'.replace(
        '’',
        "'",
      ),
    );
  });

  it('shows 20 and counts the rest', () => {
    const texts = checkCard(LARGEST.bookings!('en')).texts;
    expect(texts).toContain('5 more bookings are not shown.');
  });
});

describe('the multi-day card', () => {
  it('sums up which days were booked and why the others were not', () => {
    const texts = checkCard(TYPICAL.multiDay!('en')).texts;
    expect(texts).toEqual(
      expect.arrayContaining([
        'Booked: 2. Not booked: 1.',
        'Monday 7 December',
        'Desk 3.12, Zone B',
        'Wednesday 9 December',
        'Desk 3.14',
        'Tuesday 8 December',
        'Zone B is at its 12-person cap on Tuesday 8 December.',
      ]),
    );
    expect(executeData(TYPICAL.multiDay!('en'))).toEqual([{ verb: VERBS.showBookings }]);
  });

  it('counts every day even beyond the 31 shown', () => {
    const texts = checkCard(LARGEST.multiDay!('en')).texts;
    expect(texts).toContain('Booked: 20. Not booked: 20.');
    expect(texts).toContain('9 more days are not shown.');
  });
});

describe('the who-is-in card', () => {
  it('shows counts per zone, and names only when given', () => {
    const texts = checkCard(TYPICAL.whoIsIn!('en')).texts;
    expect(texts).toEqual(
      expect.arrayContaining([
        '**Zone A** · Booked: 3 of 10',
        'Ann Peeters, Luc Dubois and Eva Müller',
        '**Zone B** · Booked: 7 of 12',
        '**Quiet room** · Booked: 0',
      ]),
    );
    expect(texts).toHaveLength(5);
  });

  it('says when nobody is in', () => {
    expect(checkCard(TYPICAL.whoIsInNobody!('nl')).texts).toContain(
      'Niemand heeft al een bureau gereserveerd op vrijdag 4 december.',
    );
  });

  it('caps names and zones on a large site', () => {
    const texts = checkCard(LARGEST.whoIsIn!('en')).texts;
    expect(texts.filter((s) => s.endsWith('30 others'))).toHaveLength(5);
    expect(texts).toContain('10 more zones are not shown.');
  });
});
