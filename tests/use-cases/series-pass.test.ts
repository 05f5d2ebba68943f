import pino from 'pino';
import { startScheduler } from '../../src/server/scheduler';
import { TableClaimStore } from '../../src/storage/table-claim-store';
import { TableSeriesStore } from '../../src/storage/table-series-store';
import { bookSeriesDay, cancelSeries, createSeries, recordDay, seriesIdFor } from '../../src/use-cases/book-series';
import { CachedCatalog } from '../../src/use-cases/catalog-index';
import { KeyedMutex } from '../../src/use-cases/keyed-mutex';
import { runSeriesPass, SeriesPassSchedule, seriesPassJob, type SeriesPassDeps, type SeriesPassReport } from '../../src/use-cases/series-pass';
import { uniqueTableName } from '../support/azurite';
import { anActor, fixedClock, gridCatalog, noSleepRetry, sequentialIds } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';
import { azuriteHarness, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels: the window runs to Tuesday 15 December.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 2, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'percent', value: 100 } } });
const PEOPLE = Array.from({ length: 8 }, (_, i) => `p${i}`);
const deskOf = (i: number) => `f1-${i % 2}-${Math.floor(i / 2)}`;

interface World {
  h: StoreHarness;
  clock: ReturnType<typeof fixedClock>;
  claims: TableClaimStore;
  series: TableSeriesStore;
  instance(name: string): SeriesPassDeps;
}

async function world(): Promise<World> {
  const h = await azuriteHarness();
  await h.catalog.replaceSiteCatalog(catalog);
  const clock = fixedClock(NOW);
  const claims = new TableClaimStore(h.gateway, uniqueTableName('claims'));
  await claims.init();
  const series = new TableSeriesStore(h.gateway, uniqueTableName('ser'));
  await series.init();
  // Each instance has its own catalog cache, locks and ids, as separate processes over one storage account would.
  const instance = (name: string): SeriesPassDeps => ({
    store: h.reservations,
    catalog: new CachedCatalog(h.catalog, clock, 60_000),
    clock,
    ids: sequentialIds(name),
    locks: new KeyedMutex(),
    retry: noSleepRetry,
    series,
    claims,
    instanceId: name,
    log: pino({ level: 'silent' }),
  });
  return { h, clock, claims, series, instance };
}

const sum = (reports: SeriesPassReport[], k: keyof SeriesPassReport) => reports.reduce((n, r) => n + r[k], 0);

describe('the daily series pass', () => {
  it('books each day entering the window once between two instances, and nothing more after a restart', async () => {
    const w = await world();
    const creator = w.instance('api');
    for (const [i, p] of PEOPLE.entries()) {
      const made = await createSeries(creator, { actor: anActor(p), deskId: deskOf(i), weekdays: [2, 4], from: '2026-12-01', until: '2027-01-31' });
      expect(made.ok && made.value.series.days.filter((d) => d.state === 'booked').length).toBe(5);
    }
    // Thursday 3 December, 00:05 in Brussels: Thursday 17 December has just entered the 14-day window.
    w.clock.set('2026-12-02T23:05:00Z');
    const a = w.instance('server-a');
    const b = w.instance('server-b');
    const reports = await Promise.all([runSeriesPass(a), runSeriesPass(b), runSeriesPass(a)]);
    expect(sum(reports, 'booked')).toBe(PEOPLE.length);
    expect(sum(reports, 'errors')).toBe(0);

    const day = await w.h.reservations.listBookingsOfDay('2026-12-17');
    expect(day.map((x) => x.userId).sort()).toEqual([...PEOPLE].sort());
    expect(day.every((x) => x.status === 'booked' && x.seriesId !== undefined)).toBe(true);
    const claims = (await w.claims.listDay('2026-12-17')).filter((c) => c.kind === 'series');
    expect(claims).toHaveLength(PEOPLE.length);
    expect(claims.every((c) => c.state === 'sent' && c.attempts === 1)).toBe(true);
    for (const p of PEOPLE) {
      const [s] = await w.series.listOfUser(p);
      expect(s!.days.find((d) => d.date === '2026-12-17')).toMatchObject({ state: 'booked', bookingId: expect.any(String) });
      expect(s!.days.filter((d) => d.state === 'pending')[0]!.date).toBe('2026-12-22');
    }

    // A restarted instance, later the same day: nothing is booked twice.
    w.clock.set('2026-12-03T09:00:00Z');
    const restarted = await runSeriesPass(w.instance('server-a-restarted'));
    expect(restarted.booked).toBe(0);
    expect(await w.h.reservations.listBookingsOfDay('2026-12-17')).toHaveLength(PEOPLE.length);
    expect((await checkInvariants(w.h.gateway, w.h.tables.reservations, [catalog])).violations).toEqual([]);
  }, 240_000);

  it('takes over a day whose holder died after claiming it, once its lease has run out', async () => {
    const w = await world();
    const made = await createSeries(w.instance('api'), { actor: anActor('alice'), deskId: deskOf(0), weekdays: [4], from: '2026-12-01', until: '2026-12-31' });
    if (!made.ok) throw new Error('not made');
    w.clock.set('2026-12-02T23:05:00Z');
    // An instance claims Thursday 17 December and dies before booking it.
    const dead = await w.claims.acquire({ date: '2026-12-17', kind: 'series', bookingId: made.value.series.id, siteId: 'site-1', userId: 'alice', owner: 'dead', now: w.clock.now(), leaseMs: 120_000 });
    expect(dead.acquired).toBe(true);

    const during = await runSeriesPass(w.instance('server-b'));
    expect(during).toMatchObject({ booked: 0, busy: 1 });
    expect(await w.h.reservations.listBookingsOfDay('2026-12-17')).toEqual([]);

    w.clock.advance(121_000);
    const after = await runSeriesPass(w.instance('server-b'));
    expect(after).toMatchObject({ booked: 1, busy: 0 });
    const [claim] = (await w.claims.listDay('2026-12-17')).filter((c) => c.kind === 'series');
    expect(claim).toMatchObject({ state: 'sent', owner: 'server-b', attempts: 2 });
  }, 120_000);

  it('does not book a pending day of a series cancelled from that day on', async () => {
    const w = await world();
    const api = w.instance('api');
    const made = await createSeries(api, { actor: anActor('alice'), deskId: deskOf(0), weekdays: [4], from: '2026-12-01', until: '2026-12-31' });
    if (!made.ok) throw new Error('not made');
    await cancelSeries(api, { actor: anActor('alice'), seriesId: made.value.series.id, from: '2026-12-17' });
    w.clock.set('2026-12-02T23:05:00Z');
    expect((await runSeriesPass(w.instance('server-a'))).booked).toBe(0);
    expect(await w.h.reservations.listBookingsOfDay('2026-12-17')).toEqual([]);
  }, 120_000);

  it('cancels a day booked by a pass that raced the cancel of its series, so no desk stays held for a cancelled day', async () => {
    const w = await world();
    const api = w.instance('api');
    const made = await createSeries(api, { actor: anActor('alice'), deskId: deskOf(0), weekdays: [4], from: '2026-12-01', until: '2026-12-31' });
    if (!made.ok) throw new Error('not made');
    w.clock.set('2026-12-02T23:05:00Z');
    // The pass books Thursday 17 December; before it records the day, alice cancels the series from that day on.
    const pass = w.instance('server-a');
    const fresh = (await w.series.get('alice', made.value.series.id))!.series;
    const outcome = await bookSeriesDay(pass, fresh, '2026-12-17');
    expect(outcome.day.state).toBe('booked');
    await cancelSeries(api, { actor: anActor('alice'), seriesId: fresh.id, from: '2026-12-17' });
    const recorded = await recordDay(pass, 'alice', fresh.id, outcome.day);
    expect(recorded.days.find((d) => d.date === '2026-12-17')?.state).toBe('cancelled');
    expect((await w.h.reservations.listActiveBookingsOfUser('alice', '2026-12-17', '2026-12-17'))).toEqual([]);
  }, 120_000);

  it('a retried request finishes the days its first try left pending when it stopped half-way', async () => {
    const w = await world();
    // What a first try leaves when its process dies right after writing the series: every day still pending.
    const id = seriesIdFor('alice', 'tab-req-7');
    await w.series.create({
      id, userId: 'alice', siteId: 'site-1', deskId: deskOf(0), weekdays: [4], every: 1, from: '2026-12-03', until: '2026-12-24', createdAt: NOW,
      days: ['2026-12-03', '2026-12-10', '2026-12-17', '2026-12-24'].map((date) => ({ date, state: 'pending' as const })),
    });
    const retried = await createSeries(w.instance('api'), { actor: anActor('alice'), deskId: deskOf(0), weekdays: [4], from: '2026-12-03', until: '2026-12-24', requestId: 'tab-req-7' });
    if (!retried.ok) throw new Error('refused');
    expect(retried.value.series.id).toBe(id);
    expect(retried.value.series.days.map((d) => d.state)).toEqual(['booked', 'booked', 'pending', 'pending']);
    expect((await w.h.reservations.listActiveBookingsOfUser('alice', '2026-12-01', '2026-12-15')).map((b) => b.date)).toEqual(['2026-12-03', '2026-12-10']);
  }, 120_000);

  it('runs as a scheduler job once per site-day, and again after a pass that left a day busy', () => {
    const schedule = new SeriesPassSchedule(300_000);
    const zones = ['Europe/Brussels'];
    const at = (iso: string) => new Date(iso);
    expect(schedule.due(at('2026-12-01T08:00:00Z'), zones)).toBe(true);
    schedule.ran(at('2026-12-01T08:00:00Z'), zones, { booked: 1, refused: 0, alreadyDone: 0, busy: 0, errors: 0, pruned: 0 });
    expect(schedule.due(at('2026-12-01T22:59:00Z'), zones)).toBe(false);
    // Midnight in Brussels is 23:00 UTC in December.
    expect(schedule.due(at('2026-12-01T23:00:00Z'), zones)).toBe(true);
    schedule.ran(at('2026-12-01T23:00:00Z'), zones, { booked: 0, refused: 0, alreadyDone: 0, busy: 1, errors: 0, pruned: 0 });
    expect(schedule.due(at('2026-12-01T23:04:00Z'), zones)).toBe(false);
    expect(schedule.due(at('2026-12-01T23:05:00Z'), zones)).toBe(true);
  });

  it('runs on the ticks of two schedulers sharing one storage account, booking the new day once', async () => {
    const w = await world();
    const made = await createSeries(w.instance('api'), { actor: anActor('alice'), weekdays: [4], from: '2026-12-01', until: '2026-12-31' });
    expect(made.ok).toBe(true);
    const manualTimer = { setTimeout: () => 0, clearTimeout: () => undefined };
    const scheduler = (name: string) => {
      const deps = w.instance(name);
      return startScheduler({
        ...deps,
        conversations: { get: async () => null },
        notifier: { send: async () => ({ status: 'sent', attempts: 1, ambiguous: false }) },
        timer: manualTimer,
        catchUpDays: 0,
        jobs: [seriesPassJob(deps)],
      });
    };
    const a = scheduler('server-a');
    const b = scheduler('server-b');
    await Promise.all([a.idle(), b.idle()]);
    expect(await w.h.reservations.listBookingsOfDay('2026-12-17')).toEqual([]);
    w.clock.set('2026-12-02T23:05:00Z');
    await Promise.all([a.tickNow(), b.tickNow(), a.tickNow()]);
    await Promise.all([a.stop(), b.stop()]);
    const day = await w.h.reservations.listBookingsOfDay('2026-12-17');
    expect(day.map((x) => [x.userId, x.seriesId])).toEqual([['alice', made.ok && made.value.series.id]]);
  }, 120_000);
});
