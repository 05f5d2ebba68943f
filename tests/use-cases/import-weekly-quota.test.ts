import { runImportCli } from '../../src/server/import-cli';
import { bookDesk } from '../../src/use-cases/book-desk';
import { toSiteDocument } from '../../src/use-cases/import-catalog';
import type { SiteCatalog } from '../../src/use-cases/ports';
import { aPolicy, anActor, fixedClock, gridCatalog } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';
import { azuriteHarness, bookingDeps } from '../support/stores';

// Monday 7 December 2026, 09:00 in Brussels.
const NOW = '2026-12-07T08:00:00Z';
const noQuota = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 2, policies: [aPolicy({ zoneCapacity: { kind: 'count', value: 20 }, weeklyQuota: null }, '2020-01-01')] });
const quotaOf3 = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 2, policies: [aPolicy({ zoneCapacity: { kind: 'count', value: 20 }, weeklyQuota: null }, '2020-01-01'), aPolicy({ zoneCapacity: { kind: 'count', value: 20 }, weeklyQuota: 3 }, '2026-12-07')] });

describe('npm run import introducing a weekly quota: the bookings already made count against it', () => {
  it('holds the days booked without a quota in the week row, so a fourth day that week is refused', async () => {
    const h = await azuriteHarness();
    const clock = fixedClock(NOW);
    const deps = await bookingDeps(h, [noQuota], clock);
    // Without a quota, a booking takes no place in the person's week row.
    for (const date of ['2026-12-07', '2026-12-08', '2026-12-09']) {
      const r = await bookDesk(deps, { actor: anActor('ann'), deskId: 'f1-0-0', date });
      expect(r.ok ? 'booked' : r.error.code).toBe('booked');
    }

    const out: string[] = [];
    const err: string[] = [];
    const code = await runImportCli(['site.json'], {
      openCatalogStore: async () => ({ store: h.catalog, reservations: h.reservations, close: async () => undefined }),
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readFile: async () => JSON.stringify(toSiteDocument(quotaOf3)),
      clock,
    });
    expect([code, err]).toEqual([0, []]);

    // Three days are within the quota: nothing is cancelled, and the three now count.
    const stored: SiteCatalog = (await h.catalog.getSiteCatalog('site-1'))!;
    expect((await checkInvariants(h.gateway, h.tables.reservations, [stored], { weeksTable: h.tables.weeks })).violations).toEqual([]);
    deps.catalog.invalidate?.();
    const fourth = await bookDesk(deps, { actor: anActor('ann'), deskId: 'f1-0-0', date: '2026-12-10' });
    expect(fourth.ok ? 'booked' : fourth.error.code).toBe('QUOTA_EXCEEDED');
    expect((await h.reservations.readWeek('ann', '2026-W50')).entries).toHaveLength(3);
  });
});
