import QRCode from 'qrcode';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { asAdmin, startAdminServer, type AdminServer } from './admin-harness';

// Tuesday 1 December 2026, 09:00 in Brussels: today is the 1st there.
const NOW = '2026-12-01T08:00:00Z';
const TODAY = '2026-12-01';
// Desks 1 m apart with a 1.5 m rule: the neighbour of a booked desk is too close.
const base = gridCatalog({ zones: 1, cols: 4, rows: 2, pitch: 1, policy: { minDistanceM: 1.5 } });
const catalog = { ...base, desks: base.desks.map((d) => (d.id === 'f1-0-7' ? { ...d, mode: 'off' as const } : d)) };

/** The dark modules a sheet's rows say, row by row. */
function modulesOfRows(size: number, rows: readonly string[]): boolean[][] {
  return rows.map((hex) => Array.from({ length: size }, (_, x) => ((parseInt(hex[x >> 2]!, 16) >> (3 - (x & 3))) & 1) === 1));
}

describe('QR codes at desks (issue 17 §5), through the real server on Azurite', () => {
  let h: StoreHarness;
  let api: AdminServer;
  beforeEach(async () => {
    h = await azuriteHarness();
    api = await startAdminServer(h, [catalog], NOW);
  });
  afterEach(() => api.close());

  it("gives an admin one code per desk in use, each the Teams deep link to that desk, drawn module for module", async () => {
    const r = await api.call('GET', '/api/admin/sites/site-1/desk-codes', asAdmin());
    expect(r.status).toBe(200);
    expect(r.body.site).toEqual({ id: 'site-1', name: expect.any(String) });
    const ids = r.body.desks.map((d: { deskId: string }) => d.deskId);
    expect(ids).toHaveLength(7);
    expect(ids).not.toContain('f1-0-7');
    for (const d of r.body.desks as { deskId: string; link: string; qr: { size: number; rows: string[] } }[]) {
      const context = JSON.parse(new URL(d.link).searchParams.get('context')!);
      expect(d.link.startsWith('https://teams.microsoft.com/l/entity/seatwise-test-app/book?')).toBe(true);
      expect(context).toEqual({ subEntityId: `desk|${d.deskId}` });
      const expected = QRCode.create(d.link, { errorCorrectionLevel: 'M' }).modules;
      expect(d.qr.size).toBe(expected.size);
      expect(d.qr.rows).toHaveLength(expected.size);
      const drawn = modulesOfRows(d.qr.size, d.qr.rows);
      for (let y = 0; y < expected.size; y++) for (let x = 0; x < expected.size; x++) expect(drawn[y]![x]).toBe(expected.get(y, x) === 1);
    }
  });

  it('refuses the sheet to people without the admin role, and answers 404 for an unknown site', async () => {
    expect((await api.call('GET', '/api/admin/sites/site-1/desk-codes', { user: 'ann' })).status).toBe(403);
    expect((await api.call('GET', '/api/admin/sites/site-1/desk-codes', { user: 'ann', roles: 'reports' })).status).toBe(403);
    expect((await api.call('GET', '/api/admin/sites/nowhere/desk-codes', asAdmin())).status).toBe(404);
  });

  it('tells the person who scanned: their own desk today, a free desk, or why not, in their language', async () => {
    const booked = await api.call('POST', '/api/bookings', { user: 'ann', body: { deskId: 'f1-0-0', date: TODAY } });
    expect(booked.status).toBe(201);

    const mine = await api.call('GET', '/api/desks/f1-0-0/today', { user: 'ann' });
    expect(mine.body).toMatchObject({ deskId: 'f1-0-0', date: TODAY, state: 'mine', booking: { id: booked.body.id, status: 'booked' } });

    // Bob sees the desk taken: no booking id, no name of whose it is.
    const taken = await api.call('GET', '/api/desks/f1-0-0/today', { user: 'bob', locale: 'nl' });
    expect(taken.body).toMatchObject({ state: 'refused', code: 'DESK_TAKEN' });
    expect(taken.text).not.toContain('ann');
    expect(taken.text).not.toContain(booked.body.id);
    const close = await api.call('GET', '/api/desks/f1-0-1/today', { user: 'bob', locale: 'fr' });
    expect(close.body).toMatchObject({ state: 'refused', code: 'TOO_CLOSE' });
    expect(close.body.message).toMatch(/1 m|1,0 m/);
    expect(close.body.alternatives.length).toBeGreaterThan(0);

    const free = await api.call('GET', '/api/desks/f1-0-3/today', { user: 'bob' });
    expect(free.body).toMatchObject({ state: 'free', deskLabel: '1.03' });
    // Ann already has a desk today: another is refused, naming hers.
    const second = await api.call('GET', '/api/desks/f1-0-3/today', { user: 'ann' });
    expect(second.body).toMatchObject({ state: 'refused', code: 'ALREADY_BOOKED' });

    // Once checked in, it is still hers, checked in.
    expect((await api.call('POST', `/api/bookings/${booked.body.id}/check-in`, { user: 'ann' })).status).toBe(200);
    expect((await api.call('GET', '/api/desks/f1-0-0/today', { user: 'ann' })).body.booking.status).toBe('checked-in');
    expect((await api.call('GET', '/api/desks/nowhere/today', { user: 'ann' })).status).toBe(404);
  });
});
