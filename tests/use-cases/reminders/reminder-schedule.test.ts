import { duePasses, momentsOf } from '../../../src/use-cases/reminders/reminder-schedule';
import { aPolicy, gridCatalog } from '../../support/builders';

const site = gridCatalog({
  policies: [
    aPolicy({ reminderTime: '08:30', checkInDeadline: '10:00' }),
    aPolicy({ reminderTime: '07:45', checkInDeadline: '09:15' }, '2026-12-01'),
  ],
});

describe('the reminder and deadline instants of a site day (Europe/Brussels)', () => {
  it('puts 08:30 at 06:30Z in summer time and 10:00 at 08:00Z', () => {
    const m = momentsOf(site, '2026-10-24');
    expect(m.reminderAt.toISOString()).toBe('2026-10-24T06:30:00.000Z');
    expect(m.deadlineAt.toISOString()).toBe('2026-10-24T08:00:00.000Z');
  });

  it('puts 08:30 at 07:30Z on 2026-10-25, the day the clocks go back, not 24 hours after the day before', () => {
    const m = momentsOf(site, '2026-10-25');
    expect(m.reminderAt.toISOString()).toBe('2026-10-25T07:30:00.000Z');
    expect(m.deadlineAt.toISOString()).toBe('2026-10-25T09:00:00.000Z');
  });

  it('puts 08:30 at 06:30Z on 2026-03-29, the day the clocks go forward', () => {
    expect(momentsOf(site, '2026-03-29').reminderAt.toISOString()).toBe('2026-03-29T06:30:00.000Z');
  });

  it('takes the times from the policy in force that day', () => {
    const m = momentsOf(site, '2026-12-03');
    expect([m.reminderTime, m.checkInDeadline]).toEqual(['07:45', '09:15']);
    expect(m.reminderAt.toISOString()).toBe('2026-12-03T06:45:00.000Z');
  });
});

describe('which passes are due', () => {
  const phases = (iso: string, lookback = 0) =>
    duePasses(site, new Date(iso), lookback).map(
      (p) => `${p.phase} ${p.moments.date}${p.notify ? '' : ' (silent)'}`,
    );

  it('is nothing before the reminder time, even at 08:30 summer time on the DST day (06:30Z)', () => {
    expect(phases('2026-10-25T06:30:00Z')).toEqual([]);
    expect(phases('2026-10-25T07:29:59Z')).toEqual([]);
  });

  it('is the reminders from the reminder time until just before the deadline', () => {
    expect(phases('2026-10-25T07:30:00Z')).toEqual(['reminders 2026-10-25']);
    expect(phases('2026-10-25T08:59:59Z')).toEqual(['reminders 2026-10-25']);
  });

  it('is the releases from the deadline on, for the rest of the day', () => {
    expect(phases('2026-10-25T09:00:00Z')).toEqual(['releases 2026-10-25']);
    expect(phases('2026-10-25T22:59:00Z')).toEqual(['releases 2026-10-25']);
  });

  it('catches up the releases of past days, silently, when asked to look back', () => {
    expect(phases('2026-10-26T05:00:00Z', 2)).toEqual([
      'releases 2026-10-24 (silent)',
      'releases 2026-10-25 (silent)',
    ]);
  });
});
