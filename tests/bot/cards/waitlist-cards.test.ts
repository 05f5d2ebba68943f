import { refusalCard } from '../../../src/bot/cards/refusal-card';
import { parseWaitlistAction, renderWaitlistOffer } from '../../../src/bot/cards/waitlist-cards';
import { waitlistOffer } from '../../../src/bot/waitlist-handlers';
import { refusal } from '../../../src/domain/refusal';

const DAY = '2026-12-03';

describe('the waitlist on refusal cards', () => {
  it('is offered when a desk refusal leaves no other desk that day, and not when one is free', () => {
    const taken = refusal({ code: 'DESK_TAKEN', deskId: 'd1', deskLabel: '3.12', date: DAY });
    expect(waitlistOffer(taken)).toEqual({ waitlistDate: DAY });
    const withDesk = refusal({ code: 'DESK_TAKEN', deskId: 'd1', deskLabel: '3.12', date: DAY }, [{ kind: 'desk', deskId: 'd2', deskLabel: '3.13', floorId: 'f1', date: DAY }]);
    expect(waitlistOffer(withDesk)).toEqual({});
    const otherDayOnly = refusal({ code: 'ZONE_FULL', zoneId: 'z', zoneName: 'B', capacity: 2, booked: 2, date: DAY }, [{ kind: 'day', deskId: 'd1', deskLabel: '3.12', floorId: 'f1', date: '2026-12-04' }]);
    expect(waitlistOffer(otherDayOnly)).toEqual({ waitlistDate: DAY });
    expect(waitlistOffer(refusal({ code: 'ALREADY_BOOKED', date: DAY, existingBookingId: 'b', existingDeskId: 'd' }))).toEqual({});
  });

  it('adds "Notify me" to the refusal card, in the card’s language', () => {
    const card = refusalCard({ sentence: 'Full.', alternatives: [], requestId: 'r1', waitlistDate: DAY }, 'de');
    expect(card.actions).toContainEqual(expect.objectContaining({ type: 'Action.Execute', verb: 'waitlist.join', title: 'Benachrichtigen, wenn ein Platz frei wird', data: { verb: 'waitlist.join', date: DAY } }));
    expect(refusalCard({ sentence: 'Full.', alternatives: [], requestId: 'r1' }, 'de').actions.some((a) => a.type === 'Action.Execute' && a.verb === 'waitlist.join')).toBe(false);
  });
});

describe('the offer card', () => {
  it('shows the desk and the deadline, with Book it and No thanks carrying the entry id only, and a map link', () => {
    const { card, summary } = renderWaitlistOffer(
      { entryId: `${DAY}.abcdefgh12`, booking: { date: DAY, floorId: 'hq-3' }, desk: { label: '3.*12*', zoneName: 'Zone B' }, deadline: '09:45' },
      'en',
      (date, floorId) => `https://teams.microsoft.com/l/entity/x/book?context=${date}|${floorId}`,
    );
    const text = JSON.stringify(card);
    expect(text).toContain('held for you until 09:45');
    expect(text).toContain('3.\\\\*12\\\\*');
    expect(summary).toMatch(/A desk is free on Thursday 3 December/);
    const verbs = card.actions.map((a) => (a.type === 'Action.Execute' ? [a.verb, a.data] : [a.type, a.url]));
    expect(verbs).toEqual([
      ['waitlist.book', { verb: 'waitlist.book', entryId: `${DAY}.abcdefgh12` }],
      ['waitlist.decline', { verb: 'waitlist.decline', entryId: `${DAY}.abcdefgh12` }],
      ['Action.OpenUrl', `https://teams.microsoft.com/l/entity/x/book?context=${DAY}|hq-3`],
    ]);
  });

  it('re-validates clicked data: a forged entry id or an unknown verb acts on nothing; a user id or a __proto__ key is never read', () => {
    expect(parseWaitlistAction({ verb: 'waitlist.book', entryId: `${DAY}.abcdefgh12`, userId: 'someone' })).toEqual({ verb: 'waitlist.book', entryId: `${DAY}.abcdefgh12` });
    expect(parseWaitlistAction({ verb: 'waitlist.book', entryId: '../../etc' })).toBeNull();
    expect(parseWaitlistAction({ verb: 'waitlist.steal', entryId: `${DAY}.abcdefgh12` })).toBeNull();
    expect(parseWaitlistAction(JSON.parse('{"verb":"waitlist.join","date":"2026-12-03","__proto__":{"x":1}}'))).toEqual({ verb: 'waitlist.join', date: DAY });
    expect(parseWaitlistAction({ verb: 'waitlist.join', date: '2026-02-30' })).toBeNull();
  });
});
