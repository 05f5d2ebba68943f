import { isCivilDate, parseActionData, toRequestId, VERBS } from '../../../src/bot/cards/verbs';

const BOOK = { verb: 'book.confirm', deskId: 'hq-3-12', date: '2026-12-03', requestId: 'act:1.2_3-4' };
const BOOKING = { verb: 'booking.cancel', bookingId: '2026-12-03.k3j9x2m4p7' };

describe('parseActionData accepts what the cards send', () => {
  it.each([
    BOOK,
    { ...BOOK, verb: VERBS.bookPick },
    { verb: VERBS.bookChange, date: '2026-12-03', requestId: 'r' },
    { verb: VERBS.bookChange, date: '2026-12-03', requestId: 'r', deskId: 'hq-3-12' },
    BOOKING,
    { ...BOOKING, verb: VERBS.bookingCheckIn },
    { ...BOOKING, verb: VERBS.bookingRelease },
    { verb: VERBS.showBookings },
  ])('%j', (data) => {
    expect(parseActionData(data)).toEqual(data);
  });

  it('accepts the longest valid ids', () => {
    const data = { ...BOOK, deskId: 'd'.repeat(128), requestId: 'r'.repeat(100) };
    expect(parseActionData(data)).toEqual(data);
    expect(
      parseActionData({ verb: 'booking.cancel', bookingId: `2026-12-03.${'a'.repeat(40)}` }),
    ).not.toBeNull();
  });

  it('ignores fields it does not know, a userId above all, and never returns them', () => {
    const parsed = parseActionData({
      ...BOOK,
      userId: 'someone-else',
      msteams: { type: 'messageBack' },
      extra: 1,
    });
    expect(parsed).toEqual(BOOK);
    expect(Object.keys(parsed!)).not.toContain('userId');
    expect(parseActionData({ ...BOOKING, userId: 'x', aadObjectId: 'y' })).toEqual(BOOKING);
  });

  it('returns a fresh object, so later changes to the input do not reach it', () => {
    const input = { ...BOOK };
    const parsed = parseActionData(input);
    input.deskId = 'other';
    expect(parsed).toEqual(BOOK);
  });
});

describe('parseActionData rejects anything else', () => {
  const long = 'x'.repeat(10_000);
  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a string', JSON.stringify(BOOK)],
    ['a number', 42],
    ['an array', [BOOK]],
    ['a Date', new Date(0)],
    ['an unknown verb', { ...BOOK, verb: 'book.everything' }],
    ['a verb of the wrong case', { ...BOOK, verb: 'BOOK.CONFIRM' }],
    ['no verb', { deskId: BOOK.deskId, date: BOOK.date, requestId: BOOK.requestId }],
    ['a verb that is an Object.prototype name', { ...BOOK, verb: 'toString' }],
    ['a deskId with /', { ...BOOK, deskId: 'hq/3' }],
    ['a deskId with #', { ...BOOK, deskId: 'hq#3' }],
    ['a deskId with ?', { ...BOOK, deskId: 'hq?3' }],
    ['a deskId with a space', { ...BOOK, deskId: 'hq 3' }],
    ['an empty deskId', { ...BOOK, deskId: '' }],
    ['a deskId of 129 characters', { ...BOOK, deskId: 'd'.repeat(129) }],
    ['a 10,000-character deskId', { ...BOOK, deskId: long }],
    ['a 10,000-character requestId', { ...BOOK, requestId: long }],
    ['a 10,000-character date', { ...BOOK, date: long }],
    ['a 10,000-character bookingId', { ...BOOKING, bookingId: `2026-12-03.${long}` }],
    ['a 10,000-character verb', { ...BOOK, verb: long }],
    ['a requestId of 101 characters', { ...BOOK, requestId: 'r'.repeat(101) }],
    ['a requestId with ;', { ...BOOK, requestId: 'a;b' }],
    ['a missing requestId', { verb: BOOK.verb, deskId: BOOK.deskId, date: BOOK.date }],
    ['a date that is no day', { ...BOOK, date: '2026-02-30' }],
    ['a 13th month', { ...BOOK, date: '2026-13-01' }],
    ['a date with a time', { ...BOOK, date: '2026-12-03T00:00:00Z' }],
    ['a date written otherwise', { ...BOOK, date: '03/12/2026' }],
    ['a date with a trailing newline', { ...BOOK, date: '2026-12-03\n' }],
    ['a numeric deskId', { ...BOOK, deskId: 312 }],
    ['a numeric date', { ...BOOK, date: 20261203 }],
    ['an object requestId', { ...BOOK, requestId: { toString: () => 'r' } }],
    ['an array deskId', { ...BOOK, deskId: ['hq-3-12'] }],
    ['a boolean verb', { ...BOOK, verb: true }],
    ['a bookingId of another format', { ...BOOKING, bookingId: 'k3j9x2m4p7' }],
    ['a bookingId with a short suffix', { ...BOOKING, bookingId: '2026-12-03.abc' }],
    ['a bookingId with a slash', { ...BOOKING, bookingId: '2026-12-03.k3j9x2m4p7/../x' }],
    ['a bookingId with a trailing newline', { ...BOOKING, bookingId: '2026-12-03.k3j9x2m4p7\n' }],
    ['a bookingId on a booking verb made of a deskId', { verb: 'booking.cancel', deskId: 'hq-3-12' }],
    ['a numeric bookingId', { ...BOOKING, bookingId: 20261203 }],
    ['a book.change without a date', { verb: 'book.change', requestId: 'r' }],
    [
      'a book.change with a bad deskId',
      { verb: 'book.change', date: '2026-12-03', requestId: 'r', deskId: 'a/b' },
    ],
  ])('%s', (_name, value) => {
    expect(parseActionData(value)).toBeNull();
  });

  it('rejects a __proto__ key, as JSON.parse makes it', () => {
    expect(
      parseActionData(
        JSON.parse(
          '{"verb":"book.confirm","deskId":"hq-3-12","date":"2026-12-03","requestId":"r","__proto__":{"userId":"x"}}',
        ),
      ),
    ).toBeNull();
    expect(parseActionData(JSON.parse('{"__proto__":{"verb":"bookings.show"}}'))).toBeNull();
    expect(parseActionData({ ...BOOKING, constructor: 'x' })).toBeNull();
    expect(parseActionData({ ...BOOKING, prototype: {} })).toBeNull();
  });

  it('never reads a field through the prototype chain', () => {
    const inherited = Object.create({ verb: 'bookings.show' }) as object;
    expect(parseActionData(inherited)).toBeNull();
    const viaLiteral = { __proto__: { ...BOOK } } as unknown;
    expect(parseActionData(viaLiteral)).toBeNull();
    const partly = Object.assign(Object.create({ bookingId: BOOKING.bookingId }) as object, {
      verb: 'booking.cancel',
    });
    expect(parseActionData(partly)).toBeNull();
  });

  it('accepts an object without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, BOOKING);
    expect(parseActionData(bare)).toEqual(BOOKING);
  });
});

describe('civil dates and request ids', () => {
  it('knows leap years', () => {
    expect(isCivilDate('2028-02-29')).toBe(true);
    expect(isCivilDate('2026-02-29')).toBe(false);
    expect(isCivilDate('2100-02-29')).toBe(false);
    expect(isCivilDate('2000-02-29')).toBe(true);
    expect(isCivilDate('2026-12-00')).toBe(false);
  });

  it('makes a request id from any string, deterministically', () => {
    expect(toRequestId('f:123;messageid=9')).toBe('f:123_messageid_9');
    expect(toRequestId('é'.repeat(300))).toBe('_'.repeat(100));
    expect(toRequestId('abc')).toBe(toRequestId('abc'));
    expect(() => toRequestId('')).toThrow();
  });
});
