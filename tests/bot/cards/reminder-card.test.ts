import { noShowReleasedCard, reminderCard } from '../../../src/bot/cards';
import { LOCALES } from '../../../src/i18n/messages';
import { cardSize, checkCard } from './card-checks';

const input = {
  bookingId: '2026-10-25.abcdefgh12',
  date: '2026-10-25',
  deskLabel: '3.12',
  zoneName: 'Zone B',
  floorName: '3rd floor',
  deadline: '10:00',
  mapUrl: 'https://teams.microsoft.com/l/entity/app/book?context=%7B%7D',
};

describe('the check-in reminder card', () => {
  it('shows the desk, zone, floor and deadline, with Check in, Release my desk and Open map', () => {
    const card = reminderCard(input, 'en');
    const summary = checkCard(card);
    const text = summary.texts.join('\n');
    for (const expected of ['Check-in reminder', '3.12', 'Zone B', '3rd floor', '10:00', 'Sunday 25 October'])
      expect(text).toContain(expected);
    expect(
      card.actions.map((a) =>
        a.type === 'Action.Execute'
          ? `${a.title}|${a.verb}|${a.data.verb === a.verb && 'bookingId' in a.data ? a.data.bookingId : ''}`
          : `${a.title}|${a.type}`,
      ),
    ).toEqual([
      'Check in|booking.checkIn|2026-10-25.abcdefgh12',
      'Release my desk|booking.release|2026-10-25.abcdefgh12',
      'Open map|Action.OpenUrl',
    ]);
  });

  it('leaves Open map out when there is no link to the tab', () => {
    const { mapUrl: _drop, ...noMap } = input;
    expect(reminderCard(noMap, 'en').actions.map((a) => a.type)).toEqual([
      'Action.Execute',
      'Action.Execute',
    ]);
  });

  it.each(LOCALES)('is written in %s, and stays small', (locale) => {
    const card = reminderCard(input, locale);
    checkCard(card);
    expect(cardSize(card)).toBeLessThan(8_000);
    if (locale !== 'en') expect(JSON.stringify(card)).not.toContain('Check-in reminder');
  });

  it('escapes what people wrote (desk labels, zone names) for Markdown', () => {
    const card = reminderCard(
      { ...input, deskLabel: '**3.12**', zoneName: '[Zone](javascript:alert(1))' },
      'en',
    );
    const text = JSON.stringify(card);
    expect(text).not.toContain('**3.12**');
    // The brackets are escaped, so Markdown sees no link; parentheses alone make none and stay as typed.
    expect(text).not.toMatch(/[^\\]\]\(javascript:/);
    expect(text).toContain('\\\\[Zone\\\\](javascript:alert(1))');
  });

  it('refuses to put a malformed booking id on a button', () => {
    expect(() => reminderCard({ ...input, bookingId: 'not a booking' }, 'en')).toThrow(/invalid action data/);
  });
});

describe('the no-show release card', () => {
  it.each(LOCALES)('tells the owner in %s which desk was released, and why', (locale) => {
    const card = noShowReleasedCard(
      { date: input.date, deskLabel: '3.12', zoneName: 'Zone B', floorName: '3rd floor', deadline: '10:00' },
      locale,
    );
    const summary = checkCard(card);
    const text = summary.texts.join('\n');
    expect(text).toContain('3.12');
    expect(text).toContain('10:00');
    expect(card.actions.map((a) => (a.type === 'Action.Execute' ? a.verb : a.type))).toEqual([
      'bookings.show',
    ]);
  });
});
