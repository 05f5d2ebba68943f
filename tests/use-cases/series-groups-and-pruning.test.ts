import pino from 'pino';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableClaimStore } from '../../src/storage/table-claim-store';
import { TableMemberGroups } from '../../src/storage/table-member-groups';
import { TableSeriesStore } from '../../src/storage/table-series-store';
import { createSeries } from '../../src/use-cases/book-series';
import type { SiteCatalog } from '../../src/use-cases/ports';
import { runSeriesPass, type SeriesPassDeps } from '../../src/use-cases/series-pass';
import { anActor, fixedClock, gridCatalog } from '../support/builders';
import { bookingDeps, inMemoryHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels: the window runs to Tuesday 15 December. Zone B is for finance only.
const NOW = '2026-12-01T08:00:00Z';
const base = gridCatalog({ zones: 2, cols: 2, rows: 1, pitch: 2, policy: { minDistanceM: 1.5 } });
const catalog: SiteCatalog = { ...base, zones: base.zones.map((z) => (z.id === 'f1-z1' ? { ...z, allowedGroups: ['finance'] } : z)) };

async function world() {
  const h = await inMemoryHarness();
  const clock = fixedClock(NOW);
  const gateway = new InMemoryTableGateway();
  const series = new TableSeriesStore(gateway, 'series');
  const claims = new TableClaimStore(gateway, 'claims');
  const members = new TableMemberGroups(gateway, 'members');
  await Promise.all([series.init(), claims.init(), members.init()]);
  const deps: SeriesPassDeps = { ...(await bookingDeps(h, [catalog], clock)), series, claims, members, instanceId: 'a', log: pino({ level: 'silent' }) };
  return { deps, clock, members };
}

describe('a series in a zone restricted to groups', () => {
  it('books the days in the window with the groups the owner’s token carries when the series is made', async () => {
    const { deps } = await world();
    const made = await createSeries(deps, { actor: anActor('fin', { groups: ['finance'] }), deskId: 'f1-1-0', weekdays: [2], from: '2026-12-01', until: '2026-12-15' });
    if (!made.ok) throw new Error(made.error.code);
    expect(made.value.series.days.map((d) => [d.date, d.state, d.code ?? ''])).toEqual([
      ['2026-12-01', 'booked', ''],
      ['2026-12-08', 'booked', ''],
      ['2026-12-15', 'booked', ''],
    ]);
  });

  it('books later days with the groups last seen for the owner: kept while they are in the group, refused once they left', async () => {
    const { deps, clock, members } = await world();
    await members.remember('fin', ['finance']);
    await members.remember('ex', ['finance']);
    for (const [user, desk] of [['fin', 'f1-1-0'], ['ex', 'f1-1-1']] as const) {
      const made = await createSeries(deps, { actor: anActor(user, { groups: ['finance'] }), deskId: desk, weekdays: [3], from: '2026-12-02', until: '2026-12-30' });
      expect(made.ok && made.value.series.days.filter((d) => d.state === 'pending').map((d) => d.date)).toEqual(['2026-12-16', '2026-12-23', '2026-12-30']);
    }
    await members.remember('ex', ['sales']);

    clock.set('2026-12-02T08:00:00Z');
    const report = await runSeriesPass(deps);
    expect(report).toMatchObject({ booked: 1, refused: 1 });
    const day = async (user: string) => (await deps.series.listOfUser(user))[0]!.days.find((d) => d.date === '2026-12-16');
    expect(await day('fin')).toMatchObject({ state: 'booked' });
    expect(await day('ex')).toMatchObject({ state: 'refused', code: 'DESK_UNAVAILABLE' });
  });
});

describe('ended series are pruned by the daily pass once past the retention period', () => {
  it('removes a series whose last day is more than the kept days ago, and keeps one that ended since', async () => {
    const { deps, clock } = await world();
    const old = await createSeries(deps, { actor: anActor('ann'), deskId: 'f1-0-0', weekdays: [2], from: '2026-12-01', until: '2026-12-08' });
    const recent = await createSeries(deps, { actor: anActor('ann'), deskId: 'f1-0-0', weekdays: [4], from: '2026-12-03', until: '2026-12-31' });
    expect(old.ok && recent.ok).toBe(true);
    const keep = { ...deps, keepEndedDays: 30 };

    clock.set('2027-01-07T08:00:00Z');
    expect((await runSeriesPass(keep)).pruned).toBe(0);
    clock.set('2027-01-08T08:00:00Z');
    expect((await runSeriesPass(keep)).pruned).toBe(1);
    expect((await deps.series.listOfUser('ann')).map((s) => s.until)).toEqual(['2026-12-31']);
    clock.set('2027-01-31T08:00:00Z');
    expect((await runSeriesPass(keep)).pruned).toBe(1);
    expect(await deps.series.listOfUser('ann')).toEqual([]);
  });
});
