import { cancelFrom, checkSeriesSpec, dueDays, seriesDates, withDayOutcome, type Series } from '../../src/domain/series';

describe('the days a series names', () => {
  it('names every Tuesday and Thursday from the first day to the last, both included', () => {
    expect(seriesDates({ weekdays: [2, 4], every: 1, from: '2026-12-01', until: '2026-12-17' })).toEqual([
      '2026-12-01', '2026-12-03', '2026-12-08', '2026-12-10', '2026-12-15', '2026-12-17',
    ]);
  });

  it('counts "every other week" from the week of the first day, even when it starts mid-week', () => {
    // Wednesday 2 December: its week's Tuesday has passed, so the first Tuesday named is two weeks on.
    expect(seriesDates({ weekdays: [2, 5], every: 2, from: '2026-12-02', until: '2027-01-01' })).toEqual([
      '2026-12-04', '2026-12-15', '2026-12-18', '2026-12-29', '2027-01-01',
    ]);
  });

  it('crosses the change to winter time without losing or doubling a day', () => {
    expect(seriesDates({ weekdays: [7], every: 1, from: '2026-10-18', until: '2026-11-01' })).toEqual(['2026-10-18', '2026-10-25', '2026-11-01']);
  });

  it.each([
    [{ weekdays: [], every: 1, from: '2026-12-01', until: '2026-12-31' }, 'weekdays'],
    [{ weekdays: [0], every: 1, from: '2026-12-01', until: '2026-12-31' }, 'weekdays'],
    [{ weekdays: [1], every: 3, from: '2026-12-01', until: '2026-12-31' }, 'every'],
    [{ weekdays: [1], every: 1, from: '2026-12-31', until: '2026-12-01' }, 'until'],
    [{ weekdays: [1], every: 1, from: '2026-12-01', until: '2027-12-02' }, 'until'],
    [{ weekdays: [1], every: 1, from: '1 Dec', until: '2026-12-01' }, 'from'],
  ] as const)('refuses %j, naming %s', (spec, field) => {
    expect(checkSeriesSpec(spec as never)?.field).toBe(field);
  });

  it('accepts a series of exactly a year', () => {
    expect(checkSeriesSpec({ weekdays: [1], every: 1, from: '2026-12-01', until: '2027-12-01' })).toBeNull();
  });
});

describe('what becomes of a series day', () => {
  const series: Series = {
    id: 's1', userId: 'alice', siteId: 'site-1', weekdays: [2], every: 1, from: '2026-12-01', until: '2026-12-29', createdAt: '2026-12-01T08:00:00Z',
    days: [
      { date: '2026-12-01', state: 'booked', bookingId: 'b1' },
      { date: '2026-12-08', state: 'refused', code: 'DESK_TAKEN' },
      { date: '2026-12-15', state: 'booked', bookingId: 'b3' },
      { date: '2026-12-22', state: 'pending' },
      { date: '2026-12-29', state: 'pending' },
    ],
  };

  it('is due once the window reaches it and it is still pending', () => {
    expect(dueDays(series, '2026-12-22')).toEqual(['2026-12-22']);
    expect(dueDays(series, '2026-12-21')).toEqual([]);
  });

  it('cancelling from a day on cancels that day and later ones, and hands back their bookings', () => {
    const { series: after, bookingsToCancel } = cancelFrom(series, '2026-12-15');
    expect(bookingsToCancel).toEqual(['b3']);
    expect(after.days.map((d) => d.state)).toEqual(['booked', 'refused', 'cancelled', 'cancelled', 'cancelled']);
  });

  it('an outcome for a day cancelled meanwhile is not recorded, and says so', () => {
    const cancelled = cancelFrom(series, '2026-12-22').series;
    const r = withDayOutcome(cancelled, { date: '2026-12-22', state: 'booked', bookingId: 'b4' });
    expect(r.cancelledMeanwhile).toBe(true);
    expect(r.series.days[3]).toEqual({ date: '2026-12-22', state: 'cancelled' });
    expect(withDayOutcome(series, { date: '2026-12-22', state: 'booked', bookingId: 'b4' }).series.days[3]).toEqual({ date: '2026-12-22', state: 'booked', bookingId: 'b4' });
  });
});
