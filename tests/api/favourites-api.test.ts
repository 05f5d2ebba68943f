import { TableClaimStore } from '../../src/storage/table-claim-store';
import { TablePersonalDataStore } from '../../src/storage/table-personal-data-store';
import { uniqueTableName } from '../support/azurite';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { startOversightServer, type OversightServer } from './oversight-harness';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5 } });

describe('favourite desks and the same desk as last time (/api/favourites), with my data and erasure', () => {
  let h: StoreHarness;
  let api: OversightServer;

  beforeEach(async () => {
    h = await azuriteHarness();
    const claims = uniqueTableName('claims');
    await new TableClaimStore(h.gateway, claims).init();
    api = await startOversightServer(h, [catalog], NOW, () => ({
      personal: new TablePersonalDataStore(h.gateway, {
        reservations: h.tables.reservations,
        weeks: h.tables.weeks,
        claims,
        conversations: `${h.tables.catalog}conv`.slice(0, 63),
        discussions: `${h.tables.catalog}disc`.slice(0, 63),
      }),
      retentionDays: 90,
    }));
  });
  afterEach(() => api.close());

  it('keeps each person’s favourites in their order, with labels and floors, and the desk of their latest booking', async () => {
    expect((await api.call('GET', '/api/favourites', { user: 'alice' })).body).toEqual({ favourites: [] });
    await api.call('PUT', '/api/favourites/f1-1-3', { user: 'alice' });
    api.clock.advance(1000);
    const r = await api.call('PUT', '/api/favourites/f1-0-5', { user: 'alice' });
    expect(r.status).toBe(200);
    expect(r.body.favourites).toEqual([
      { deskId: 'f1-1-3', label: '2.03', floorId: 'f1', siteId: 'site-1' },
      { deskId: 'f1-0-5', label: '1.05', floorId: 'f1', siteId: 'site-1' },
    ]);
    // Adding again keeps the place; others see none of it.
    await api.call('PUT', '/api/favourites/f1-1-3', { user: 'alice' });
    expect((await api.call('GET', '/api/favourites', { user: 'alice' })).body.favourites.map((f: { deskId: string }) => f.deskId)).toEqual(['f1-1-3', 'f1-0-5']);
    expect((await api.call('GET', '/api/favourites', { user: 'bob' })).body).toEqual({ favourites: [] });

    expect((await api.call('POST', '/api/bookings', { user: 'alice', body: { deskId: 'f1-0-7', date: '2026-12-01' } })).status).toBe(201);
    expect((await api.call('POST', '/api/bookings', { user: 'alice', body: { deskId: 'f1-0-2', date: '2026-12-04' } })).status).toBe(201);
    expect((await api.call('GET', '/api/favourites', { user: 'alice' })).body.lastDesk).toEqual({ deskId: 'f1-0-7', label: '1.07', floorId: 'f1', siteId: 'site-1', date: '2026-12-01' });

    const removed = await api.call('DELETE', '/api/favourites/f1-1-3', { user: 'alice' });
    expect(removed.body.favourites.map((f: { deskId: string }) => f.deskId)).toEqual(['f1-0-5']);
  });

  it('refuses a desk that does not exist (404) and an eleventh favourite (409, in the caller’s language)', async () => {
    const unknown = await api.call('PUT', '/api/favourites/f9-nope', { user: 'alice' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'UNKNOWN_DESK']);
    for (let i = 0; i < 10; i++) expect((await api.call('PUT', `/api/favourites/f1-0-${i}`, { user: 'alice' })).status).toBe(200);
    const eleventh = await api.call('PUT', '/api/favourites/f1-0-10', { user: 'alice', headers: { 'accept-language': 'nl' } });
    expect([eleventh.status, eleventh.body.code]).toEqual([409, 'TOO_MANY_FAVOURITES']);
    expect(eleventh.body.message).toMatch(/hoogstens 10 favoriete bureaus/);
    expect((await api.call('GET', '/api/favourites', { user: 'alice' })).body.favourites).toHaveLength(10);
  });

  it('puts the person’s series in their data export; an erasure deletes them, so the daily pass books nothing more for them', async () => {
    const made = await api.call('POST', '/api/series', { user: 'alice', body: { deskId: 'f1-0-5', weekdays: [2], from: '2026-12-01', until: '2027-01-26' } });
    expect(made.status).toBe(201);
    expect(made.body.pending.length).toBeGreaterThan(0);
    const data = (await api.call('GET', '/api/me/data', { user: 'alice' })).body;
    expect(data.series).toEqual([expect.objectContaining({ id: made.body.id, userId: 'alice', deskId: 'f1-0-5' })]);

    const erased = await api.call('DELETE', '/api/admin/people/alice', { user: 'dpo', roles: 'admin' });
    expect(erased.body).toMatchObject({ seriesDeleted: 1 });
    expect((await api.call('GET', '/api/series', { user: 'alice' })).body).toEqual([]);
    expect((await api.call('GET', '/api/bookings', { user: 'alice' })).body).toEqual([]);
  });

  it('puts favourites in the person’s data export, and an erasure deletes them', async () => {
    await api.call('PUT', '/api/favourites/f1-1-3', { user: 'alice' });
    api.clock.advance(1000);
    await api.call('PUT', '/api/favourites/f1-0-5', { user: 'alice' });
    await api.call('PUT', '/api/favourites/f1-0-5', { user: 'bob' });
    const data = (await api.call('GET', '/api/me/data', { user: 'alice' })).body;
    expect(data.favourites.map((f: { deskId: string }) => f.deskId)).toEqual(['f1-1-3', 'f1-0-5']);
    expect(data.favourites[0].addedAt).toBe('2026-12-01T08:00:00.000Z');

    const erased = await api.call('DELETE', '/api/admin/people/alice', { user: 'dpo', roles: 'admin' });
    expect(erased.status).toBe(200);
    expect(erased.body.favouritesDeleted).toBe(2);
    expect((await api.call('GET', '/api/favourites', { user: 'alice' })).body.favourites).toEqual([]);
    expect((await api.call('GET', '/api/favourites', { user: 'bob' })).body.favourites).toHaveLength(1);
  });
});
