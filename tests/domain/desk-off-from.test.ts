import { desksOn, deskModeOn } from '../../src/domain/model';
import { effectivePolicy } from '../../src/domain/policy';
import { recheckDay } from '../../src/domain/policy-recheck';
import { rankSuggestions } from '../../src/domain/suggest';
import type { Booking } from '../../src/domain/model';
import { describeRefusal } from '../../src/i18n/describe-refusal';
import { aDesk, aFloor, aPolicy, aSite, aZone } from '../support/builders';
import { TODAY, aFloorDay, acceptedDesk, decide, refusalOf, row } from './decide-support';

// The safe-headcount plan switches desks off from a day: before it they keep their mode, on and after it they are off.
const FRIDAY = '2026-12-04';
const MONDAY = '2026-12-07';

describe('a desk switched off from a date by the safe-headcount plan', () => {
  const desks = [aDesk({ id: 'd1', label: '1.01', x: 1, y: 1, offFrom: FRIDAY }), aDesk({ id: 'd2', label: '1.02', x: 5, y: 1 })];

  it('is bookable on the days before the date', () => {
    expect(acceptedDesk(decide(aFloorDay({ desks }), 'd1'))).toBe('d1');
  });

  it('is refused on the date itself with why plan-off and the date, and offers the other desk', () => {
    const r = refusalOf(decide(aFloorDay({ desks, date: FRIDAY }), 'd1'));
    expect(r.details).toEqual({ code: 'DESK_UNAVAILABLE', deskId: 'd1', deskLabel: '1.01', why: 'plan-off', offFrom: FRIDAY });
    expect(r.alternatives.map((a) => a.deskId)).toEqual(['d2']);
    expect(describeRefusal(r, 'en')).toBe('Desk 1.01 cannot be booked: it is switched off by the safe-headcount plan from Friday 4 December.');
  });

  it('is refused on later days too, and shown unavailable on the map with the reason', () => {
    const fd = aFloorDay({ desks, date: MONDAY });
    expect(refusalOf(decide(fd, 'd1')).code).toBe('DESK_UNAVAILABLE');
    expect(fd.verdict(desks[0]!, { userId: 'alice' })).toMatchObject({ state: 'unavailable', reason: { kind: 'unavailable', why: 'plan-off', offFrom: FRIDAY } });
  });

  it('an assigned desk stays assigned before the date and is off from it', () => {
    expect(deskModeOn({ mode: 'assigned', offFrom: FRIDAY }, TODAY)).toBe('assigned');
    expect(deskModeOn({ mode: 'assigned', offFrom: FRIDAY }, FRIDAY)).toBe('off');
  });

  it('leaves its zone\'s bookable count from the date, so a percentage capacity follows the plan', () => {
    // Four desks far apart, capacity 50 %: 2 before Friday; from Friday two are off, so 50 % of 2 is 1.
    const four = row([1, 5, 9, 13]).map((d, i) => (i >= 2 ? { ...d, offFrom: FRIDAY } : d));
    const zones = [aZone({ id: 'z1' })];
    const rules = { zoneCapacity: { kind: 'percent', value: 50 } } as const;
    expect(aFloorDay({ desks: four, zones, rules }).zoneSummary(zones[0]!)).toMatchObject({ bookableDesks: 4, capacity: 2 });
    expect(aFloorDay({ desks: four, zones, rules, date: FRIDAY }).zoneSummary(zones[0]!)).toMatchObject({ bookableDesks: 2, capacity: 1 });
  });

  it('desksOn gives each desk its mode of the day, and the same array when nothing is off yet', () => {
    expect(desksOn(desks, TODAY)).toBe(desks);
    expect(desksOn(desks, FRIDAY).map((d) => d.mode)).toEqual(['off', 'bookable']);
  });
});

describe('the re-check of a desk switched off from a date', () => {
  const desks = [aDesk({ id: 'd1', x: 1, y: 1, offFrom: FRIDAY })];
  const layout = { site: aSite(), floor: aFloor(), zones: [aZone()], desks };
  const booking = (date: string): Booking => ({
    id: `${date}.bk000001`, siteId: 'site-1', floorId: 'f1', zoneId: 'z1', deskId: 'd1', date, userId: 'bob', status: 'booked', createdAt: '2026-12-01T08:00:00.000Z',
  });
  const recheckOn = (date: string) => recheckDay({ layouts: [layout], policy: effectivePolicy([aPolicy({ zoneCapacity: { kind: 'count', value: 100 } })], date), bookings: [booking(date)] });

  it('keeps a booking of a day before the date', () => {
    expect(recheckOn(TODAY).cancel).toEqual([]);
  });

  it('cancels a booking of the date, with plan-off and the date', () => {
    expect(recheckOn(FRIDAY).cancel.map((c) => c.refusal.details)).toEqual([{ code: 'DESK_UNAVAILABLE', deskId: 'd1', deskLabel: 'd1', why: 'plan-off', offFrom: FRIDAY }]);
  });
});

describe('suggestions around a desk switched off from a date', () => {
  it('suggest it, as favourite, before the date, and never from it', () => {
    const desks = [aDesk({ id: 'd1', x: 1, y: 1, offFrom: FRIDAY }), aDesk({ id: 'd2', x: 5, y: 1 })];
    const ranked = (date: string) => rankSuggestions({ floorDays: [aFloorDay({ desks, date })], actor: { userId: 'alice' }, preferences: { prefer: { favouriteDeskIds: ['d1'] } } }).map((s) => s.desk.id);
    expect(ranked(TODAY)).toEqual(['d1', 'd2']);
    expect(ranked(FRIDAY)).toEqual(['d2']);
  });
});
