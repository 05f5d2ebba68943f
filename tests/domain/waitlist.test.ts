import { FloorDay } from '../../src/domain/floor-day';
import type { LedgerEntry } from '../../src/domain/model';
import { effectivePolicy } from '../../src/domain/policy';
import { holdEntry, isOfferExpired, nextOffer, ownHoldOf, positionOf, queueOrder, type WaitlistEntry } from '../../src/domain/waitlist';
import { aDesk, gridCatalog } from '../support/builders';

const DAY = '2026-12-03';
// One zone of 2 × 2 desks 1 m apart; D = 1.2 m keeps side-by-side desks apart; capacity 4.
const catalog = gridCatalog({ zones: 1, cols: 2, rows: 2, pitch: 1, policy: { minDistanceM: 1.2, zoneCapacity: { kind: 'count', value: 4 } } });
const layout = { site: catalog.site, floor: catalog.floors[0]!, zones: catalog.zones, desks: catalog.desks };

function anEntry(userId: string, over: Partial<WaitlistEntry> = {}): WaitlistEntry {
  return { id: `${DAY}.${userId}aaaaaaaa`, date: DAY, userId, siteId: 'site-1', attributes: [], joinedAt: '2026-12-01T08:00:00.000Z', state: 'waiting', offers: 0, ...over };
}

function floorDay(occupied: readonly LedgerEntry[]): FloorDay {
  return FloorDay.fromLedgers(layout, effectivePolicy(catalog.policies, DAY), DAY, [{ zoneId: 'f1-z0', entries: occupied }]);
}

const booking = (deskId: string, userId: string): LedgerEntry => ({ deskId, userId, bookingId: `${DAY}.${userId}bbbbbbbb`, checkedIn: false });

describe('the waitlist queue: first come, first served', () => {
  it('orders open entries by the time they joined, then by id, and numbers them from 1 per site', () => {
    const a = anEntry('a', { joinedAt: '2026-12-01T08:00:02.000Z' });
    const b = anEntry('b', { joinedAt: '2026-12-01T08:00:01.000Z' });
    const c = anEntry('c', { joinedAt: '2026-12-01T08:00:00.000Z', state: 'expired' });
    const d = anEntry('d', { joinedAt: '2026-12-01T08:00:00.000Z', siteId: 'elsewhere' });
    expect(queueOrder([a, b, c, d]).map((e) => e.userId)).toEqual(['d', 'b', 'a']);
    expect([a, b, c, d].map((e) => positionOf([a, b, c, d], e))).toEqual([2, 1, 0, 1]);
  });

  it('says an offer has run out at its expiry instant, not a millisecond before', () => {
    const offered = anEntry('a', { state: 'offered', offer: { holdId: 'hold.x.1', deskId: 'f1-0-0', floorId: 'f1', zoneId: 'f1-z0', offeredAt: '2026-12-01T08:00:00.000Z', expiresAt: '2026-12-01T08:15:00.000Z' } });
    expect(isOfferExpired(offered, new Date('2026-12-01T08:14:59.999Z'))).toBe(false);
    expect(isOfferExpired(offered, new Date('2026-12-01T08:15:00.000Z'))).toBe(true);
  });
});

describe('the next offer: the first person in line who can have a free desk they asked for', () => {
  it('offers nothing while every desk is taken or too close', () => {
    const full = floorDay([booking('f1-0-0', 'x'), booking('f1-0-3', 'y')]);
    expect(nextOffer({ entries: [anEntry('a')], siteId: 'site-1', floorDays: [full], booked: new Set(['x', 'y']) })).toBeNull();
  });

  it('skips a person already booked that day, or already holding an offer, and one whose wish no free desk meets', () => {
    const day = floorDay([booking('f1-0-0', 'x')]); // f1-0-3 is the only free desk (diagonal, 1.41 m)
    const entries = [
      anEntry('booked', { joinedAt: '2026-12-01T07:00:00.000Z' }),
      anEntry('holding', { joinedAt: '2026-12-01T07:00:01.000Z', state: 'offered' }),
      anEntry('standing', { joinedAt: '2026-12-01T07:00:02.000Z', attributes: ['standing'] }),
      anEntry('next', { joinedAt: '2026-12-01T07:00:03.000Z' }),
    ];
    const choice = nextOffer({ entries, siteId: 'site-1', floorDays: [day], booked: new Set(['x', 'booked']) });
    expect([choice?.entry.userId, choice?.desk.id]).toEqual(['next', 'f1-0-3']);
  });

  it('prefers the desk that blocks the fewest other free desks, so the floor keeps room for those behind', () => {
    // Three desks in a row 1 m apart: the middle one ("a", first by id) would block both others; an end one, one.
    const row = { ...layout, desks: [aDesk({ id: 'a', x: 1.5, y: 0.5 }), aDesk({ id: 'b', x: 0.5, y: 0.5 }), aDesk({ id: 'c', x: 2.5, y: 0.5 })].map((d) => ({ ...d, zoneId: 'f1-z0' })) };
    const empty = FloorDay.fromLedgers(row, effectivePolicy(catalog.policies, DAY), DAY, []);
    const choice = nextOffer({ entries: [anEntry('a')], siteId: 'site-1', floorDays: [empty], booked: new Set() });
    expect(choice?.desk.id).toBe('b');
  });
});

describe('a hold is a booking-shaped ledger entry only its person can take over', () => {
  it('is found for its person and desk only', () => {
    const hold = holdEntry({ holdId: 'hold.2026-12-03.abcdefgh.1', deskId: 'f1-0-0' }, 'carol');
    const entries = [booking('f1-0-3', 'dave'), hold];
    expect(ownHoldOf(entries, 'f1-0-0', 'carol')).toBe(hold);
    expect(ownHoldOf(entries, 'f1-0-0', 'dave')).toBeUndefined();
    expect(ownHoldOf(entries, 'f1-0-3', 'dave')).toBeUndefined();
  });

  it('counts as taken for everyone else: the desk, its neighbours within D, and the zone count', () => {
    const day = floorDay([holdEntry({ holdId: 'hold.x.1', deskId: 'f1-0-0' }, 'carol')]);
    const erin = { userId: 'erin' };
    expect(day.verdict(day.desk('f1-0-0')!, erin).state).toBe('taken');
    expect(day.verdict(day.desk('f1-0-1')!, erin).state).toBe('too-close');
    expect(day.zoneSummary(catalog.zones[0]!).booked).toBe(1);
  });
});
