import type { CardBooking } from '../../../src/bot/cards/booked-card';
import {
  bookedCard,
  bookingsCard,
  cancelledCard,
  checkedInCard,
  errorCard,
  helpCard,
  multiDayCard,
  pickDeskCard,
  refusalCard,
  releasedCard,
  statusCard,
  suggestionCard,
  whoIsInCard,
  type AdaptiveCard,
  type CardDesk,
  type DayResult,
  type ErrorKind,
} from '../../../src/bot/cards';
import { describeAlternative } from '../../../src/i18n/describe-refusal';
import type { Locale } from '../../../src/i18n/messages';

/** Thursday 3 December 2026, in the site's time zone. */
export const TODAY = '2026-12-03';
export const MAP_URL =
  'https://teams.microsoft.com/l/entity/app-id/book?context=%7B%22subEntityId%22%3A%222026-12-04%22%7D';

export function aDesk(overrides: Partial<CardDesk> = {}): CardDesk {
  return {
    id: 'hq-3-12',
    label: '3.12',
    zoneName: 'Zone B',
    floorName: '3rd floor',
    attributes: ['monitor', 'standing'],
    ...overrides,
  };
}

export function aBooking(overrides: Partial<CardBooking> = {}): CardBooking {
  return {
    id: '2026-12-04.k3j9x2m4p7',
    date: '2026-12-04',
    status: 'booked',
    deskLabel: '3.12',
    zoneName: 'Zone B',
    floorName: '3rd floor',
    checkedIn: false,
    ...overrides,
  };
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A booking id for a day, with a distinct suffix. */
export function bookingIdOn(date: string, i = 0): string {
  return `${date}.bk${String(i).padStart(8, '0')}`;
}

/** Every card with ordinary inputs, by name. */
export const TYPICAL: Record<string, (locale: Locale) => AdaptiveCard> = {
  suggestion: (l) =>
    suggestionCard(
      {
        date: '2026-12-04',
        desk: aDesk({ attributes: ['monitor', 'standing', 'docking', 'accessible', 'quiet'] }),
        why: { favourite: true, preferredZone: true, matchedAttributes: ['standing'], blocksFreeDesks: 2 },
        requestId: 'act-1',
        mapUrl: MAP_URL,
        otherDeskCount: 7,
      },
      l,
    ),
  booked: (l) => bookedCard({ booking: aBooking(), mapUrl: MAP_URL, today: TODAY }, l),
  bookedToday: (l) =>
    bookedCard({ booking: aBooking({ id: bookingIdOn(TODAY), date: TODAY }), today: TODAY }, l),
  pick: (l) =>
    pickDeskCard(
      {
        date: '2026-12-04',
        desks: [
          aDesk(),
          aDesk({ id: 'hq-3-14', label: '3.14', attributes: [] }),
          aDesk({ id: 'hq-2-01', label: '2.01', floorName: '2nd floor' }),
        ],
        requestId: 'act-1',
        mapUrl: MAP_URL,
      },
      l,
    ),
  refusal: (l) =>
    refusalCard(
      {
        sentence: 'Zone B is at its 12-person cap on Thursday 3 December.',
        alternatives: [
          {
            kind: 'desk',
            deskId: 'hq-3-14',
            deskLabel: '3.14',
            floorId: 'hq-3',
            date: '2026-12-04',
            distanceM: 2.1,
          } as const,
          { kind: 'day', deskId: 'hq-3-12', deskLabel: '3.12', floorId: 'hq-3', date: '2026-12-05' } as const,
        ].map((alt) => ({ ...alt, text: describeAlternative(alt, l) })),
        requestId: 'act-1',
      },
      l,
    ),
  bookings: (l) =>
    bookingsCard(
      {
        today: TODAY,
        bookings: [
          aBooking(),
          aBooking({ id: bookingIdOn(TODAY), date: TODAY }),
          aBooking({
            id: bookingIdOn('2026-12-08'),
            date: '2026-12-08',
            deskLabel: '2.01',
            floorName: undefined,
          }),
        ],
      },
      l,
    ),
  bookingsEmpty: (l) => bookingsCard({ today: TODAY, bookings: [] }, l),
  multiDay: (l) =>
    multiDayCard(
      {
        results: [
          { date: '2026-12-07', ok: true, deskLabel: '3.12', zoneName: 'Zone B' },
          {
            date: '2026-12-08',
            ok: false,
            sentence: 'Zone B is at its 12-person cap on Tuesday 8 December.',
          },
          { date: '2026-12-09', ok: true, deskLabel: '3.14' },
        ],
      },
      l,
    ),
  whoIsIn: (l) =>
    whoIsInCard(
      {
        date: '2026-12-04',
        zones: [
          { name: 'Zone A', booked: 3, capacity: 10, names: ['Ann Peeters', 'Luc Dubois', 'Eva Müller'] },
          { name: 'Zone B', booked: 7, capacity: 12 },
          { name: 'Quiet room', booked: 0 },
        ],
      },
      l,
    ),
  whoIsInNobody: (l) =>
    whoIsInCard({ date: '2026-12-04', zones: [{ name: 'Zone A', booked: 0, capacity: 10 }] }, l),
  help: (l) => helpCard(l),
  helpNotUnderstood: (l) => helpCard(l, { notUnderstood: true }),
  status: (l) => statusCard({ title: 'Done', text: 'It worked.', tone: 'good', showBookings: true }, l),
  cancelled: (l) => cancelledCard({ deskLabel: '3.12', date: '2026-12-04' }, l),
  checkedIn: (l) => checkedInCard({ deskLabel: '3.12', date: TODAY }, l),
  released: (l) => releasedCard({ deskLabel: '3.12', date: TODAY }, l),
  ...Object.fromEntries(
    (['storage', 'contention', 'internal', 'not-yours', 'stale'] as ErrorKind[]).map((kind) => [
      `error:${kind}`,
      (l: Locale) => errorCard(kind, l),
    ]),
  ),
};

// ---------------------------------------------------------------------------------------------
// The largest inputs a card can meet: the longest names the catalogue accepts (labels 40, names 200,
// 20 attributes of 40), lists at and beyond their caps, long ids, and text from every script.

const LONG_LABEL = 'Ü'.repeat(20) + '*_[]()'.repeat(4);
const LONG_NAME = `Zone «${'Ωmega-ß '.repeat(30)}»`.slice(0, 200);
const LONG_ID = `d${'x'.repeat(127)}`;
const LONG_REQUEST = 'r'.repeat(100);
const MANY_ATTRIBUTES = [
  'monitor',
  'standing',
  'docking',
  'accessible',
  ...Array.from({ length: 16 }, (_, i) => `custom-attribute-${i}-${'a'.repeat(20)}`),
];
const LONG_SENTENCE = 'Desk 3.12 cannot be booked because of a rule with a very long explanation. '.repeat(
  12,
);

function bigDesk(i: number): CardDesk {
  return {
    id: `${LONG_ID.slice(0, 120)}-${i}`,
    label: LONG_LABEL,
    zoneName: LONG_NAME,
    floorName: LONG_NAME,
    attributes: MANY_ATTRIBUTES,
  };
}

export const LARGEST: Record<string, (locale: Locale) => AdaptiveCard> = {
  suggestion: (l) =>
    suggestionCard(
      {
        date: '2026-12-04',
        desk: bigDesk(0),
        why: {
          favourite: true,
          preferredZone: true,
          matchedAttributes: MANY_ATTRIBUTES,
          blocksFreeDesks: 12,
        },
        requestId: LONG_REQUEST,
        mapUrl: `https://teams.microsoft.com/l/entity/${'a'.repeat(1900)}`,
        otherDeskCount: 400,
      },
      l,
    ),
  booked: (l) =>
    bookedCard(
      {
        booking: aBooking({
          id: `${TODAY}.${'z'.repeat(40)}`,
          date: TODAY,
          deskLabel: LONG_LABEL,
          zoneName: LONG_NAME,
          floorName: LONG_NAME,
        }),
        mapUrl: `https://teams.microsoft.com/l/entity/${'a'.repeat(1900)}`,
        today: TODAY,
      },
      l,
    ),
  pick: (l) =>
    pickDeskCard(
      {
        date: '2026-12-04',
        desks: Array.from({ length: 40 }, (_, i) => bigDesk(i)),
        requestId: LONG_REQUEST,
        mapUrl: `https://teams.microsoft.com/l/entity/${'a'.repeat(1900)}`,
      },
      l,
    ),
  refusal: (l) =>
    refusalCard(
      {
        sentence: LONG_SENTENCE,
        alternatives: Array.from({ length: 5 }, (_, i) => ({
          deskId: bigDesk(i).id,
          deskLabel: LONG_LABEL,
          date: '2026-12-04',
          text: `Desk ${LONG_LABEL} on Wednesday 30 December, 12.5 m away`,
        })),
        requestId: LONG_REQUEST,
        mapUrl: `https://teams.microsoft.com/l/entity/${'a'.repeat(1900)}`,
      },
      l,
    ),
  bookings: (l) =>
    bookingsCard(
      {
        today: TODAY,
        // One desk per person per day: 25 days from today, today's with two buttons.
        bookings: Array.from({ length: 25 }, (_, i) =>
          aBooking({
            id: `${addDays(TODAY, i)}.${String(i).padStart(40, 'q')}`,
            date: addDays(TODAY, i),
            deskLabel: LONG_LABEL,
            zoneName: LONG_NAME,
            floorName: LONG_NAME,
          }),
        ),
      },
      l,
    ),
  multiDay: (l) =>
    multiDayCard(
      {
        results: Array.from({ length: 40 }, (_, i): DayResult =>
          i % 2 === 0
            ? { date: addDays('2026-12-01', i), ok: true, deskLabel: LONG_LABEL, zoneName: LONG_NAME }
            : { date: addDays('2026-12-01', i), ok: false, sentence: LONG_SENTENCE.slice(0, 300) },
        ),
      },
      l,
    ),
  whoIsIn: (l) =>
    whoIsInCard(
      {
        date: '2026-12-04',
        zones: Array.from({ length: 40 }, (_, z) => ({
          name: LONG_NAME,
          booked: 60,
          capacity: 60,
          names: Array.from({ length: 60 }, (_, i) => `${'Wolfeschlegelsteinhausen'.repeat(4)} ${z}-${i}`),
        })),
      },
      l,
    ),
};
