import type { SiteCatalog } from '../../src/use-cases/ports';
import { TableWaitlistStore } from '../../src/storage/table-waitlist-store';
import { bookDesk } from '../../src/use-cases/book-desk';
import { joinWaitlist, type WaitlistDeps } from '../../src/use-cases/waitlist';
import { anActor, fixedClock, gridCatalog } from '../support/builders';
import { bookingDeps, inMemoryHarness } from '../support/stores';

// Tuesday 1 December 2026 in Brussels; the day in question is Thursday 3 December.
const NOW = '2026-12-01T08:00:00Z';
const DAY = '2026-12-03';
// Two zones of two desks 2 m apart (D = 1.5 m, capacity 2): f1-0-0 and f1-1-0 have a monitor, the others are standing.
const catalog = gridCatalog({ zones: 2, cols: 2, rows: 1, pitch: 2, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 2 } } });

async function world(c: SiteCatalog = catalog): Promise<WaitlistDeps & { book(user: string, deskId: string): Promise<void> }> {
  const h = await inMemoryHarness();
  const deps = { ...(await bookingDeps(h, [c], fixedClock(NOW))), waitlist: new TableWaitlistStore(h.gateway, h.tables.reservations) };
  return {
    ...deps,
    book: async (user, deskId) => {
      const r = await bookDesk(deps, { actor: anActor(user), deskId, date: DAY });
      if (!r.ok) throw new Error(`setup: ${user} could not book ${deskId}: ${r.error.code}`);
    },
  };
}

describe('joining the waitlist is for days when nothing the person asked for is free', () => {
  it('refuses a day with free desks (DESKS_FREE), naming them as alternatives to book instead', async () => {
    const w = await world();
    await w.book('alice', 'f1-0-0');
    const r = await joinWaitlist(w, { actor: anActor('carol'), date: DAY });
    if (r.ok) throw new Error(`carol was put in line at position ${r.value.position} while 3 desks are free`);
    expect(r.error.code).toBe('DESKS_FREE');
    expect(r.error.details).toMatchObject({ code: 'DESKS_FREE', date: DAY, free: 3 });
    expect(r.error.alternatives.map((a) => [a.kind, a.deskId, a.date]).sort()).toEqual([
      ['desk', 'f1-0-1', DAY],
      ['desk', 'f1-1-0', DAY],
      ['desk', 'f1-1-1', DAY],
    ]);
    expect(await w.waitlist.readDay(DAY)).toEqual([]);
  });

  it('accepts a wait for a full zone although desks are free in another zone, and refuses it for the zone with room', async () => {
    const w = await world();
    await w.book('alice', 'f1-0-0');
    await w.book('bob', 'f1-0-1');
    const forFull = await joinWaitlist(w, { actor: anActor('carol'), date: DAY, zoneId: 'f1-z0' });
    expect(forFull.ok && forFull.value.position).toBe(1);

    const anywhere = await joinWaitlist(w, { actor: anActor('dave'), date: DAY });
    expect(!anywhere.ok && anywhere.error.code).toBe('DESKS_FREE');
    const forOpen = await joinWaitlist(w, { actor: anActor('dave'), date: DAY, zoneId: 'f1-z1' });
    expect(!forOpen.ok && forOpen.error.alternatives.map((a) => a.deskId).sort()).toEqual(['f1-1-0', 'f1-1-1']);
  });

  it('accepts a wait for a feature no free desk has, and refuses one that a free desk has', async () => {
    const w = await world();
    await w.book('alice', 'f1-0-0');
    await w.book('bob', 'f1-1-0');
    const monitor = await joinWaitlist(w, { actor: anActor('carol'), date: DAY, attributes: ['monitor'] });
    expect(monitor.ok).toBe(true);
    const standing = await joinWaitlist(w, { actor: anActor('dave'), date: DAY, attributes: ['standing'] });
    expect(!standing.ok && standing.error.code).toBe('DESKS_FREE');
  });

  it('does not count a desk of a zone the person may not use as free for them', async () => {
    const restricted: SiteCatalog = { ...catalog, zones: catalog.zones.map((z) => (z.id === 'f1-z1' ? { ...z, allowedGroups: ['finance'] } : z)) };
    const w = await world(restricted);
    await w.book('alice', 'f1-0-0');
    await w.book('bob', 'f1-0-1');
    const outsider = await joinWaitlist(w, { actor: anActor('carol'), date: DAY });
    expect(outsider.ok).toBe(true);
    const member = await joinWaitlist(w, { actor: anActor('dave', { groups: ['finance'] }), date: DAY });
    expect(!member.ok && member.error.code).toBe('DESKS_FREE');
  });
});
