import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableDelegationStore } from '../../src/storage/table-delegation-store';
import { bookForSomeone } from '../../src/use-cases/book-for-someone';
import { listBookedForOthers } from '../../src/use-cases/booked-for-others';
import { anActor, fixedClock, gridCatalog } from '../support/builders';
import { bookingDeps, inMemoryHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 1, cols: 4, rows: 4, pitch: 2, policy: { minDistanceM: 1.5 } });

describe('the bookings a delegate made for colleagues, a page at a time', () => {
  async function world() {
    const h = await inMemoryHarness();
    const delegations = new TableDelegationStore(new InMemoryTableGateway(), 'delegations');
    const deps = { ...(await bookingDeps(h, [catalog], fixedClock(NOW))), delegations };
    const dan = anActor('dan', { name: 'Dan' });
    for (const owner of ['ann', 'bob', 'cat']) await delegations.grant({ ownerId: owner, delegateId: 'dan', grantedAt: NOW, ownerName: owner.toUpperCase() });
    const book = async (owner: string, deskId: string, date: string) => {
      const r = await bookForSomeone(deps, { actor: dan, forPersonId: owner, deskId, date });
      if (!r.ok) throw new Error(`refused: ${r.error.code}`);
      return r.value.booking.id;
    };
    return { deps, dan, book };
  }

  it('keeps a day whole when it holds more bookings than the page: the cursor, a day, must lose none', async () => {
    const { deps, dan, book } = await world();
    const thursday = [await book('ann', 'f1-0-0', '2026-12-03'), await book('bob', 'f1-0-2', '2026-12-03'), await book('cat', 'f1-0-8', '2026-12-03')];
    const friday = await book('ann', 'f1-0-0', '2026-12-04');
    const first = await listBookedForOthers(deps, { actor: dan, limit: 2 });
    expect(first.bookings.map((b) => b.booking.id)).toEqual([...thursday].sort());
    expect(first.bookings.map((b) => b.ownerName).sort()).toEqual(['ANN', 'BOB', 'CAT']);
    expect(first.nextCursor).toBe('2026-12-04');
    const second = await listBookedForOthers(deps, { actor: dan, limit: 2, cursor: first.nextCursor! });
    expect(second.bookings.map((b) => b.booking.id)).toEqual([friday]);
  });

  it('ends a page before a day that would not fit, and lists nothing for someone nobody delegates to', async () => {
    const { deps, dan, book } = await world();
    const wednesday = await book('ann', 'f1-0-0', '2026-12-02');
    await book('ann', 'f1-0-0', '2026-12-03');
    await book('bob', 'f1-0-2', '2026-12-03');
    const first = await listBookedForOthers(deps, { actor: dan, limit: 2 });
    expect(first.bookings.map((b) => b.booking.id)).toEqual([wednesday]);
    expect(first.nextCursor).toBe('2026-12-03');
    expect(await listBookedForOthers(deps, { actor: anActor('eve') })).toEqual({ bookings: [], nextCursor: null });
  });
});
