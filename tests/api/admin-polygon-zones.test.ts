import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { asAdmin, startAdminServer, type AdminServer } from './admin-harness';

const NOW = '2026-12-01T08:00:00Z';
const THURSDAY = '2026-12-03';
// One zone of 4 × 5 desks 2 m apart (x 1..7, y 1..9) on an 8 × 10 m floor.
const catalog = gridCatalog({ zones: 1, cols: 4, rows: 5, pitch: 2, policy: { zoneCapacity: { kind: 'percent', value: 100 }, minDistanceM: 1.5 } });

describe('publishing polygon zones through the admin API', () => {
  let h: StoreHarness;
  let api: AdminServer;
  beforeEach(async () => {
    h = await azuriteHarness();
    api = await startAdminServer(h, [catalog], NOW);
  });
  afterEach(() => api.close());

  /** The exported site with its zones replaced, and every desk placed by position again (no zoneId). */
  async function withZones(zones: unknown[]) {
    const { site, desksCsv, revision } = (await api.call('GET', '/api/admin/sites/site-1/export', asAdmin())).body;
    const csv = (desksCsv as string).split('\r\n').map((line, i) => (i === 0 || line === '' ? line : line.replace(/,f1-z0,/, ',,'))).join('\r\n');
    return { site: { ...site, floors: [{ ...site.floors[0], zones }] }, desksCsv: csv, revision };
  }

  it('splits a floor into an L-shaped zone and the room in its notch; desks follow the polygon that holds them', async () => {
    const body = await withZones([
      { id: 'f1-open', name: 'Open space', outline: [[0, 0], [8, 0], [8, 4], [4, 4], [4, 10], [0, 10]] },
      { id: 'f1-room', name: 'Room', outline: [[4, 4], [8, 4], [8, 10], [4, 10]] },
    ]);
    const published = await api.call('POST', '/api/admin/sites/site-1/publish', asAdmin({ body }));
    expect([published.status, published.body.revision]).toEqual([200, 2]);
    const floor = (await api.call('GET', `/api/floors/f1?date=${THURSDAY}`, { user: 'x' })).body;
    expect(floor.zones.map((z: { id: string; outline: unknown[] }) => [z.id, z.outline.length])).toEqual([['f1-open', 6], ['f1-room', 4]]);
    const zoneAt = (x: number, y: number) => floor.desks.find((d: { x: number; y: number }) => d.x === x && d.y === y).zoneId;
    expect([zoneAt(1, 1), zoneAt(7, 1), zoneAt(1, 9), zoneAt(5, 5), zoneAt(7, 9)]).toEqual(['f1-open', 'f1-open', 'f1-open', 'f1-room', 'f1-room']);
    // The export gives the polygon back as published.
    const again = (await api.call('GET', '/api/admin/sites/site-1/export', asAdmin())).body;
    expect(again.site.floors[0].zones[0].outline).toEqual([[0, 0], [8, 0], [8, 4], [4, 4], [4, 10], [0, 10]]);
  });

  it('refuses an outline that crosses itself with a 400 naming the point, and writes nothing', async () => {
    const body = await withZones([{ id: 'f1-z0', name: 'Bow tie', outline: [[0, 0], [8, 10], [8, 0], [0, 10]] }]);
    const refused = await api.call('POST', '/api/admin/sites/site-1/publish', asAdmin({ body }));
    expect(refused.status).toBe(400);
    expect(refused.body.problems).toEqual([{ field: 'site.floors[0].zones[0].outline[2]', problem: 'edges 0 and 2 cross; an outline must not cross itself' }]);
    expect((await h.catalog.getSiteCatalog('site-1'))!.revision).toBe(1);
  });
});
