import { parseBookForAction, suggestionForCard } from '../../src/bot/book-for-cards';
import { actionsOf, textOf } from '../support/bot-harness';

describe('the buttons of booking for a colleague', () => {
  const confirm = { verb: 'bookFor.confirm', forPersonId: 'ann', deskId: 'f1-0-0', date: '2026-12-03', requestId: 'r1' };

  it('reads back a Confirm and drops every field that is not its own, such as a user id', () => {
    expect(parseBookForAction({ ...confirm, userId: 'mallory', lang: 'fr' })).toEqual(confirm);
  });

  it('refuses a Confirm with a malformed colleague id, day, desk or request id, or a forged prototype', () => {
    expect(parseBookForAction({ ...confirm, forPersonId: 'a b' })).toBeNull();
    expect(parseBookForAction({ ...confirm, forPersonId: undefined })).toBeNull();
    expect(parseBookForAction({ ...confirm, date: '2026-02-30' })).toBeNull();
    expect(parseBookForAction({ ...confirm, deskId: 'x/y' })).toBeNull();
    expect(parseBookForAction({ ...confirm, requestId: '' })).toBeNull();
    expect(parseBookForAction(JSON.parse('{"__proto__": {"verb": "bookFor.confirm"}, "forPersonId": "ann"}'))).toBeNull();
    expect(parseBookForAction({ ...confirm, verb: 'book.confirm' })).toBeNull();
  });

  it('reads a colleague chosen without a day, and with a wish', () => {
    expect(parseBookForAction({ verb: 'bookFor.suggest', forPersonId: 'ann', siteId: 'hq', attributes: ['monitor'] })).toEqual({
      verb: 'bookFor.suggest',
      forPersonId: 'ann',
      siteId: 'hq',
      attributes: ['monitor'],
    });
    expect(parseBookForAction({ verb: 'bookFor.suggest', forPersonId: 'ann', attributes: ['<b>'] })).toBeNull();
  });

  it('says whom the desk is for, escapes the name, and offers only its own Confirm', () => {
    const card = suggestionForCard({ name: 'Ann *Bold*', forPersonId: 'ann', date: '2026-12-03', desk: { id: 'f1-0-0', label: '1.00' }, requestId: 'r1' }, 'en');
    expect(textOf(card)).toContain('A desk for Ann \\\\*Bold\\\\* on Thursday 3 December');
    expect(actionsOf(card).map((a) => [a.verb, a.data['forPersonId']])).toEqual([['bookFor.confirm', 'ann']]);
  });
});
