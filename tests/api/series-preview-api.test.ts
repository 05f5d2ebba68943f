import { gridCatalog } from '../support/builders';
import { startSeriesServer, type SeriesServer } from '../support/series-server';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import type { SiteCatalog } from '../../src/use-cases/ports';

// Tuesday 1 December 2026, 09:00 in Brussels: the window runs to Tuesday 15 December.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, bookableWeekdays: [1, 2, 3, 4, 5] } });

interface PreviewDay {
  date: string;
  state: 'book' | 'refused' | 'pending';
  deskId?: string;
  code?: string;
  message?: string;
}

describe('a series preview (POST /api/series/preview) says what a series would book and refuse, and books nothing', () => {
  let h: StoreHarness;
  let api: SeriesServer;
  const start = async (c: SiteCatalog = catalog) => {
    h = await azuriteHarness();
    api = await startSeriesServer(h, [c], NOW);
  };
  afterEach(() => api?.close());

  it('lists the days to book, a taken day with its reason in the caller’s language, and the days beyond the window; then the series books exactly those', async () => {
    await start();
    expect((await api.call('POST', '/api/bookings', { user: 'bob', body: { deskId: 'f1-0-5', date: '2026-12-03' } })).status).toBe(201);
    const body = { deskId: 'f1-0-5', weekdays: [2, 4], from: '2026-12-01', until: '2026-12-24' };
    const p = await api.call('POST', '/api/series/preview', { body, headers: { 'accept-language': 'de' } });
    expect(p.status).toBe(200);
    const days = p.body.days as PreviewDay[];
    expect(days.filter((d) => d.state === 'book').map((d) => d.date)).toEqual(['2026-12-01', '2026-12-08', '2026-12-10', '2026-12-15']);
    expect(days.filter((d) => d.state === 'refused')).toEqual([
      { date: '2026-12-03', state: 'refused', code: 'DESK_TAKEN', message: expect.stringMatching(/Schreibtisch 1\.05 .*Donnerstag, 3\. Dezember/) },
    ]);
    expect(days.filter((d) => d.state === 'pending').map((d) => d.date)).toEqual(['2026-12-17', '2026-12-22', '2026-12-24']);
    expect(p.body.lastBookableDate).toBe('2026-12-15');
    expect((await api.call('GET', '/api/bookings')).body).toEqual([]);
    expect((await api.call('GET', '/api/series')).body).toEqual([]);

    const made = await api.call('POST', '/api/series', { body: { ...body, requestId: 'from-preview' } });
    expect(made.status).toBe(201);
    expect(made.body.booked).toEqual(days.filter((d) => d.state === 'book').map((d) => d.date));
    expect(made.body.refused.map((r: { date: string; code: string }) => [r.date, r.code])).toEqual([['2026-12-03', 'DESK_TAKEN']]);
    expect(made.body.pending).toEqual(['2026-12-17', '2026-12-22', '2026-12-24']);
  });

  it('counts the series’ own days against the weekly quota, as booking them would', async () => {
    await start(gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, weeklyQuota: 1 } }));
    const p = await api.call('POST', '/api/series/preview', { body: { weekdays: [2, 4], from: '2026-12-01', until: '2026-12-11' } });
    const days = p.body.days as PreviewDay[];
    expect(days.map((d) => [d.date, d.state, d.code ?? ''])).toEqual([
      ['2026-12-01', 'book', ''],
      ['2026-12-03', 'refused', 'QUOTA_EXCEEDED'],
      ['2026-12-08', 'book', ''],
      ['2026-12-10', 'refused', 'QUOTA_EXCEEDED'],
    ]);
  });

  it('keeps a series without a desk to the zone and features asked for, every day, and lists them with the series', async () => {
    await start();
    const body = { weekdays: [1, 3], from: '2026-12-02', until: '2026-12-09', zoneId: 'f1-z1', attributes: ['monitor'] };
    const p = await api.call('POST', '/api/series/preview', { body });
    const days = p.body.days as PreviewDay[];
    expect(days.map((d) => d.state)).toEqual(['book', 'book', 'book']);
    const monitorsOfZ1 = catalog.desks.filter((d) => d.zoneId === 'f1-z1' && d.attributes.includes('monitor')).map((d) => d.id);
    expect(days.every((d) => monitorsOfZ1.includes(d.deskId!))).toBe(true);

    const made = await api.call('POST', '/api/series', { body });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ zoneId: 'f1-z1', attributes: ['monitor'], booked: ['2026-12-02', '2026-12-07', '2026-12-09'] });
    const mine = (await api.call('GET', '/api/bookings')).body as { deskId: string }[];
    expect(mine.every((b) => monitorsOfZ1.includes(b.deskId))).toBe(true);
    expect((await api.call('GET', '/api/series')).body).toEqual([expect.objectContaining({ id: made.body.id, zoneId: 'f1-z1', attributes: ['monitor'] })]);
  });

  it('refuses with 400 a zone of no site, features no desk has, or a zone with a desk', async () => {
    await start();
    const base = { weekdays: [2], from: '2026-12-01', until: '2026-12-15' };
    for (const [extra, field] of [
      [{ zoneId: 'nowhere' }, 'zoneId'],
      [{ attributes: ['jacuzzi'] }, 'attributes'],
      [{ deskId: 'f1-0-5', zoneId: 'f1-z1' }, 'zoneId'],
    ] as const) {
      for (const path of ['/api/series/preview', '/api/series']) {
        const r = await api.call('POST', path, { body: { ...base, ...extra } });
        expect([path, r.status, r.body.field]).toEqual([path, 400, field]);
      }
    }
    expect((await api.call('GET', '/api/bookings')).body).toEqual([]);
  });
});
