import { cancelBooking } from '../../src/use-cases/change-booking';
import type { Notifier, ProactiveMessage } from '../../src/use-cases/reminders/reminder-ports';
import { TableWaitlistStore } from '../../src/storage/table-waitlist-store';
import { joinWaitlist } from '../../src/use-cases/waitlist';
import { runOfferPass } from '../../src/use-cases/waitlist-offers';
import { anActor, gridCatalog } from '../support/builders';
import { inMemoryHarness } from '../support/stores';
import { reminderWorld } from './reminders/support/reminder-world';

const DAY = '2026-12-03';
// Two desks 2 m apart, capacity 2: two bookings fill the day.
const catalog = gridCatalog({ zones: 1, cols: 2, rows: 1, pitch: 2, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 2 } } });

describe('the scheduler runs the waitlist offer pass on its ticks', () => {
  it('holds a freed desk for the first in line on the next tick, and never runs two passes of one instance at once', async () => {
    const w = await reminderWorld(inMemoryHarness, '2026-12-01T08:00:00Z', catalog);
    const alice = await w.book('alice', 'f1-0-0', DAY);
    await w.book('bob', 'f1-0-1', DAY);
    const waitlist = new TableWaitlistStore(w.h.gateway, w.h.tables.reservations);
    const joined = await joinWaitlist({ ...w.booking, waitlist }, { actor: anActor('carol'), date: DAY });
    expect(joined.ok).toBe(true);

    const sent: ProactiveMessage[] = [];
    const notifier: Notifier = {
      send: async (_to, message) => {
        sent.push(message);
        return { status: 'sent', attempts: 1, ambiguous: false };
      },
    };
    let running = 0;
    let most = 0;
    let passes = 0;
    const inst = w.instance('a', {
      wrap: (deps) => ({
        ...deps,
        offerPass: async (signal) => {
          running++;
          passes++;
          most = Math.max(most, running);
          try {
            return await runOfferPass({ ...deps, waitlist, notifier, conversations: { get: async (userId) => ({ userId }) } }, { signal });
          } finally {
            running--;
          }
        },
      }),
    });
    const scheduler = inst.start();
    await scheduler.idle();
    expect(sent).toEqual([]);

    await cancelBooking(w.booking, { actor: anActor('alice'), bookingId: alice.id });
    await Promise.all([scheduler.tickNow(), scheduler.tickNow(), scheduler.tickNow()]);
    await scheduler.stop();
    expect(most).toBe(1);
    expect(passes).toBeGreaterThanOrEqual(2);
    expect(sent).toEqual([expect.objectContaining({ kind: 'waitlist-offer', booking: expect.objectContaining({ userId: 'carol', deskId: 'f1-0-0' }) })]);
  });
});
