import { decideBooking } from '../../src/domain/book-desk-rules';
import { bookingWindow, checkBookingWindow } from '../../src/domain/booking-window';
import { addDays } from '../../src/domain/civil-date';
import { FloorDay } from '../../src/domain/floor-day';
import { DEFAULT_RULES, effectivePolicy, type PolicyVersion } from '../../src/domain/policy';
import { aDesk, aFloor, anActor, aSite, aZone, BRUSSELS } from '../support/builders';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = new Date('2026-12-01T08:00:00Z');
const TODAY = '2026-12-01';
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

const version = (effectiveFrom: string, over: Partial<PolicyVersion['rules']>): PolicyVersion => ({
  effectiveFrom,
  rules: { ...DEFAULT_RULES, bookableWeekdays: EVERY_DAY, ...over },
});

describe("the booking horizon is today's policy, not the booked day's", () => {
  // Today's horizon is 14 days; from 8 February 2027 a looser policy allows 90.
  const policies = [version('2026-01-01', { horizonDays: 14 }), version('2027-02-08', { horizonDays: 90 })];
  const day69 = addDays(TODAY, 69);

  it('refuses a day 69 days ahead, inside the future policy, because today the horizon is 14', () => {
    expect(day69).toBe('2027-02-08');
    expect(checkBookingWindow({ date: day69, now: NOW, timeZone: BRUSSELS, policies })?.details).toMatchObject({
      code: 'OUTSIDE_WINDOW',
      reason: 'beyond-horizon',
      horizonDays: 14,
      lastBookableDate: '2026-12-15',
    });
  });

  it('accepts today + 14 and refuses today + 15', () => {
    expect(checkBookingWindow({ date: '2026-12-15', now: NOW, timeZone: BRUSSELS, policies })).toBeNull();
    expect(checkBookingWindow({ date: '2026-12-16', now: NOW, timeZone: BRUSSELS, policies })?.details).toMatchObject({ reason: 'beyond-horizon' });
  });

  it('decideBooking refuses the 69th day too, though the floor day carries the 90-day policy', () => {
    const zone = aZone({ id: 'z1' });
    const layout = { site: aSite(), floor: aFloor(), zones: [zone], desks: [aDesk({ id: 'd1', zoneId: 'z1', x: 1, y: 1 })] };
    const floorDay = new FloorDay(layout, effectivePolicy(policies, day69), day69, []);
    expect(floorDay.policy.rules.horizonDays).toBe(90);
    const decision = decideBooking({ floorDay, deskId: 'd1', actor: anActor('alice'), now: NOW, personDay: null, weekUsed: 0, window: { policies } });
    expect(decision.ok ? 'booked' : decision.refusal.code).toBe('OUTSIDE_WINDOW');
  });

  it('lets the 90 days apply once that policy is in force', () => {
    const then = new Date('2027-02-08T08:00:00Z');
    expect(checkBookingWindow({ date: '2027-05-09', now: then, timeZone: BRUSSELS, policies })).toBeNull();
    expect(checkBookingWindow({ date: '2027-05-10', now: then, timeZone: BRUSSELS, policies })).not.toBeNull();
  });

  it('a tighter future policy does not shorten today’s window', () => {
    const tighter = [version('2026-01-01', { horizonDays: 14 }), version('2026-12-05', { horizonDays: 2 })];
    expect(checkBookingWindow({ date: '2026-12-14', now: NOW, timeZone: BRUSSELS, policies: tighter })).toBeNull();
  });
});

describe('whether a weekday is bookable is the rule in force on that day', () => {
  // Weekdays only until Sunday 6 December; from Monday 7 December, Saturdays too.
  const policies = [version('2026-01-01', { bookableWeekdays: [1, 2, 3, 4, 5] }), version('2026-12-07', { bookableWeekdays: [1, 2, 3, 4, 5, 6] })];

  it('refuses Saturday 5 December and accepts Saturday 12 December', () => {
    expect(checkBookingWindow({ date: '2026-12-05', now: NOW, timeZone: BRUSSELS, policies })?.details).toMatchObject({
      reason: 'weekday',
      bookableWeekdays: [1, 2, 3, 4, 5],
    });
    expect(checkBookingWindow({ date: '2026-12-12', now: NOW, timeZone: BRUSSELS, policies })).toBeNull();
  });
});

describe('bookingWindow: one computation for the rules, the bot and the tab', () => {
  const policies = [
    version('2026-01-01', { horizonDays: 14, bookableWeekdays: [1, 2, 3, 4, 5] }),
    version('2026-12-07', { horizonDays: 60, bookableWeekdays: [1, 2, 3, 4, 5, 6] }),
  ];

  it('gives today, the last day of the window, today’s weekdays and the exact bookable days', () => {
    const w = bookingWindow({ now: NOW, timeZone: BRUSSELS, policies });
    expect(w).toMatchObject({ today: TODAY, firstBookableDate: TODAY, lastBookableDate: '2026-12-15', horizonDays: 14, bookableWeekdays: [1, 2, 3, 4, 5] });
    expect(w.bookableDates).toEqual([
      '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04',
      '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12',
      '2026-12-14', '2026-12-15',
    ]);
  });

  it('lists exactly the days checkBookingWindow accepts, over every instant of a week across midnight', () => {
    for (let hour = 0; hour < 24 * 7; hour += 5) {
      const now = new Date(Date.UTC(2026, 11, 1, hour, 30));
      const w = bookingWindow({ now, timeZone: BRUSSELS, policies });
      const accepted = Array.from({ length: 80 }, (_, i) => addDays('2026-11-30', i)).filter(
        (date) => checkBookingWindow({ date, now, timeZone: BRUSSELS, policies }) === null,
      );
      expect(w.bookableDates).toEqual(accepted);
    }
  });
});
