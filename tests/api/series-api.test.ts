import { checkInvariants } from '../support/invariant-checker';
import { gridCatalog } from '../support/builders';
import { startSeriesServer, type SeriesServer } from '../support/series-server';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import type { SiteCatalog } from '../../src/use-cases/ports';

// Tuesday 1 December 2026, 09:00 in Brussels: the window runs to Tuesday 15 December.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, bookableWeekdays: [1, 2, 3, 4, 5] } });
const TUE_THU_IN_WINDOW = ['2026-12-01', '2026-12-03', '2026-12-08', '2026-12-10', '2026-12-15'];

describe('recurring series over the REST API, on Azurite', () => {
  let h: StoreHarness;
  let api: SeriesServer;
  const start = async (c: SiteCatalog = catalog) => {
    h = await azuriteHarness();
    api = await startSeriesServer(h, [c], NOW);
  };
  afterEach(() => api?.close());

  it('books every Tuesday and Thursday the window reaches, keeps the rest pending, and marks each booking with the series', async () => {
    await start();
    const r = await api.call('POST', '/api/series', { body: { deskId: 'f1-0-5', weekdays: [2, 4], from: '2026-12-01', until: '2027-01-31', requestId: 'tab-series-1' } });
    expect(r.status).toBe(201);
    expect(r.body.booked).toEqual(TUE_THU_IN_WINDOW);
    expect(r.body.refused).toEqual([]);
    expect(r.body.pending[0]).toBe('2026-12-17');
    expect(r.body.pending.at(-1)).toBe('2027-01-28');
    expect(r.body.pending).toHaveLength(13);
    expect(r.body.pending.every((d: string) => [2, 4].includes(new Date(`${d}T12:00:00Z`).getUTCDay()))).toBe(true);

    const mine = (await api.call('GET', '/api/bookings')).body;
    expect(mine.map((b: { date: string }) => b.date)).toEqual(TUE_THU_IN_WINDOW);
    expect(mine.every((b: { seriesId?: string; deskId: string }) => b.seriesId === r.body.id && b.deskId === 'f1-0-5')).toBe(true);

    // The same request again (a retry): the same series, and no second booking of any day.
    const again = await api.call('POST', '/api/series', { body: { deskId: 'f1-0-5', weekdays: [2, 4], from: '2026-12-01', until: '2027-01-31', requestId: 'tab-series-1' } });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(r.body.id);
    expect(again.body.booked).toEqual(TUE_THU_IN_WINDOW);
    expect((await api.call('GET', '/api/bookings')).body).toHaveLength(5);
    expect((await api.call('GET', '/api/series')).body.map((s: { id: string }) => s.id)).toEqual([r.body.id]);
    expect((await api.call('GET', '/api/series', { user: 'bob' })).body).toEqual([]);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [catalog])).violations).toEqual([]);
  });

  it('lists a refused day with its rule and alternatives in the caller language, and books the other days', async () => {
    await start();
    expect((await api.call('POST', '/api/bookings', { user: 'bob', body: { deskId: 'f1-0-5', date: '2026-12-03' } })).status).toBe(201);
    const r = await api.call('POST', '/api/series', { headers: { 'accept-language': 'fr-BE' }, body: { deskId: 'f1-0-5', weekdays: [2, 4], from: '2026-12-01', until: '2026-12-15' } });
    expect(r.status).toBe(201);
    expect(r.body.booked).toEqual(['2026-12-01', '2026-12-08', '2026-12-10', '2026-12-15']);
    expect(r.body.refused).toHaveLength(1);
    expect(r.body.refused[0]).toMatchObject({ date: '2026-12-03', code: 'DESK_TAKEN', message: expect.stringMatching(/bureau/i) });
    expect(r.body.refused[0].alternatives.length).toBeGreaterThan(0);
    expect(r.body.refused[0].alternatives[0]).toMatchObject({ deskId: expect.any(String), text: expect.any(String) });
    expect(r.body.pending).toEqual([]);
  });

  it('applies the weekly quota to each day: the days over it are refused, one a week is booked', async () => {
    await start(gridCatalog({ policy: { weeklyQuota: 1, bookableWeekdays: [1, 2, 3, 4, 5] } }));
    const r = await api.call('POST', '/api/series', { body: { weekdays: [2, 3], from: '2026-12-01', until: '2026-12-16' } });
    expect(r.status).toBe(201);
    expect(r.body.booked).toEqual(['2026-12-01', '2026-12-08', '2026-12-15']);
    expect(r.body.refused.map((x: { date: string; code: string }) => [x.date, x.code])).toEqual([
      ['2026-12-02', 'QUOTA_EXCEEDED'],
      ['2026-12-09', 'QUOTA_EXCEEDED'],
    ]);
    expect(r.body.pending).toEqual(['2026-12-16']);
  });

  it('books every other Tuesday, counted from the week of the first day, on the desk the rules suggest', async () => {
    await start();
    const r = await api.call('POST', '/api/series', { body: { siteId: 'site-1', weekdays: [2], every: 2, from: '2026-12-01', until: '2027-01-12' } });
    expect(r.status).toBe(201);
    expect(r.body.booked).toEqual(['2026-12-01', '2026-12-15']);
    expect(r.body.pending).toEqual(['2026-12-29', '2027-01-12']);
    expect(r.body.deskId).toBeUndefined();
  });

  it.each([
    ['until before from', { weekdays: [2], from: '2026-12-10', until: '2026-12-01' }, 'until'],
    ['no weekday', { weekdays: [], from: '2026-12-01', until: '2026-12-31' }, 'weekdays'],
    ['a weekday 8', { weekdays: [8], from: '2026-12-01', until: '2026-12-31' }, 'weekdays.0'],
    ['more than a year', { weekdays: [2], from: '2026-12-01', until: '2027-12-31' }, 'until'],
    ['every 3 weeks', { weekdays: [2], every: 3, from: '2026-12-01', until: '2026-12-31' }, 'every'],
    ['a date that does not exist', { weekdays: [2], from: '2026-12-01', until: '2027-02-30' }, 'until'],
    ['weekdays that never fall between the dates', { weekdays: [6], from: '2026-12-01', until: '2026-12-04' }, 'weekdays'],
    ['someone else as owner', { weekdays: [2], from: '2026-12-01', until: '2026-12-31', userId: 'bob' }, 'userId'],
  ])('refuses %s with 400 naming the field in the caller language', async (_name, body, field) => {
    await start();
    const r = await api.call('POST', '/api/series', { body, headers: { 'accept-language': 'de-DE' } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'INVALID_INPUT', field });
    expect(r.body.message).toContain(`„${field}“`);
    expect((await api.call('GET', '/api/series')).body).toEqual([]);
  });

  it('cancels from a day on, keeps the days before it, and never books the cancelled pending days', async () => {
    await start();
    const s = (await api.call('POST', '/api/series', { body: { deskId: 'f1-0-5', weekdays: [2, 4], from: '2026-12-01', until: '2027-01-31' } })).body;
    expect((await api.call('DELETE', `/api/series/${s.id}?from=2026-12-08`, { user: 'bob' })).status).toBe(404);
    const cancelled = await api.call('DELETE', `/api/series/${s.id}?from=2026-12-08`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booked).toEqual(['2026-12-01', '2026-12-03']);
    expect(cancelled.body.pending).toEqual([]);
    expect(cancelled.body.cancelled).toHaveLength(16);
    expect((await api.call('GET', '/api/bookings')).body.map((b: { date: string }) => b.date)).toEqual(['2026-12-01', '2026-12-03']);
    // Bob may now take the desk on a day alice's series gave up.
    expect((await api.call('POST', '/api/bookings', { user: 'bob', body: { deskId: 'f1-0-5', date: '2026-12-10' } })).status).toBe(201);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [catalog])).violations).toEqual([]);
  });

  it('cancels one day with the ordinary DELETE; the series shows it cancelled and the other days stand', async () => {
    await start();
    const s = (await api.call('POST', '/api/series', { body: { deskId: 'f1-0-5', weekdays: [2, 4], from: '2026-12-01', until: '2026-12-15' } })).body;
    const thursday = s.bookings.find((b: { date: string }) => b.date === '2026-12-03').bookingId;
    expect((await api.call('DELETE', `/api/bookings/${thursday}`)).status).toBe(204);
    const [shown] = (await api.call('GET', '/api/series')).body;
    expect(shown.booked).toEqual(['2026-12-01', '2026-12-08', '2026-12-10', '2026-12-15']);
    expect(shown.cancelled).toEqual(['2026-12-03']);
    // Without `from`, DELETE cancels every day from today on (today included, as a booking of today may still be cancelled).
    const rest = await api.call('DELETE', `/api/series/${s.id}`);
    expect(rest.body.booked).toEqual([]);
    expect((await api.call('GET', '/api/bookings')).body).toEqual([]);
  });

  it('answers 404 for an unknown desk and for a series id that is not the caller', async () => {
    await start();
    expect((await api.call('POST', '/api/series', { body: { deskId: 'nope', weekdays: [2], from: '2026-12-01', until: '2026-12-31' } })).status).toBe(404);
    expect((await api.call('GET', '/api/series/sdoesnotexist1')).status).toBe(404);
  });
});
