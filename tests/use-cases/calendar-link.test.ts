import { createHmac } from 'node:crypto';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableLinkKeyStore } from '../../src/storage/table-link-key-store';
import { bookDesk } from '../../src/use-cases/book-desk';
import { bookingCalendarEntry, calendarLinkParams, CALENDAR_LINK_DAYS } from '../../src/use-cases/booking-calendar';
import { anActor, fixedClock, gridCatalog } from '../support/builders';
import { bookingDeps, inMemoryHarness } from '../support/stores';

const NOW = '2026-12-01T08:00:00Z';

describe('a signed calendar link', () => {
  async function world() {
    const clock = fixedClock(NOW);
    const deps = { ...(await bookingDeps(await inMemoryHarness(), [gridCatalog()], clock)), linkKeys: new TableLinkKeyStore(new InMemoryTableGateway(), 'keys') };
    const booked = await bookDesk(deps, { actor: anActor('ann'), deskId: 'f1-0-1', date: '2026-12-03' });
    if (!booked.ok) throw new Error(booked.error.code);
    return { deps, clock, id: booked.value.id };
  }

  it(`opens its booking until ${CALENDAR_LINK_DAYS} days after it was made, and from that second on says it has expired`, async () => {
    const { deps, clock, id } = await world();
    const link = await calendarLinkParams(deps.linkKeys, id, clock.now());
    clock.set(new Date(link.expires * 1000 - 1).toISOString());
    expect((await bookingCalendarEntry(deps, id, link)).ok).toBe(true);
    clock.set(new Date(link.expires * 1000).toISOString());
    expect(await bookingCalendarEntry(deps, id, link)).toEqual({ ok: false, error: 'expired' });
  });

  it('tells a genuine link from before links expired that it has expired, and refuses a forged one as not allowed', async () => {
    const { deps, id } = await world();
    const legacy = createHmac('sha256', await deps.linkKeys.signingKey()).update(`ics\n${id}`).digest('base64url').slice(0, 43);
    expect(await bookingCalendarEntry(deps, id, { token: legacy })).toEqual({ ok: false, error: 'expired' });
    const forged = await bookingCalendarEntry(deps, id, { token: 'A'.repeat(43) });
    expect(!forged.ok && forged.error !== 'expired' && forged.error.code).toBe('NOT_ALLOWED');
  });
});
