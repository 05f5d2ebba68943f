import http from 'node:http';
import { gridCatalog } from '../support/builders';
import { azuriteHarness } from '../support/stores';
import { asAdmin, startAdminServer, type AdminServer } from './admin-harness';

const NOW = '2026-12-01T08:00:00Z';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(70_000, 7)]);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 400" onload="alert(1)"><script>alert(2)</script><rect width="800" height="400" fill="#fafafa"/><image href="https://evil.example/t.png"/></svg>';

describe('floor-plan images: upload (PNG, JPEG, SVG sanitised, size-limited) and two-point calibration', () => {
  let api: AdminServer;
  beforeAll(async () => {
    api = await startAdminServer(await azuriteHarness(), [gridCatalog()], NOW);
  });
  afterAll(() => api.close());

  const put = (body: Buffer | string, type: string, opts = asAdmin()) =>
    fetch(`${api.url}/api/admin/floors/f1/plan-image`, {
      method: 'PUT',
      headers: { 'content-type': type, 'x-dev-user': String(opts.user), ...(opts.roles && { 'x-dev-roles': opts.roles }), 'accept-language': opts.locale ?? 'en' },
      body,
    });

  it('stores a malicious SVG sanitised, and serves it sandboxed to any signed-in person', async () => {
    const r = await put(SVG, 'image/svg+xml');
    expect(r.status).toBe(201);
    const body = (await r.json()) as { url: string; version: string; removed: string[] };
    expect(body.url).toBe(`/api/floors/f1/plan-image?v=${body.version}`);
    expect(body.removed).toEqual(expect.arrayContaining(['onload', '<script>', '<image>']));

    const served = await fetch(`${api.url}${body.url}`, { headers: { 'x-dev-user': 'anyone' } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
    expect(served.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    const text = await served.text();
    expect(text).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 400"><rect width="800" height="400" fill="#fafafa"/></svg>');
    expect((await fetch(`${api.url}${body.url}`)).status).toBe(401);
  });

  it('refuses an SVG with a DOCTYPE, in the caller language', async () => {
    const r = await put('<!DOCTYPE svg [<!ENTITY lol "lol">]><svg>&lol;</svg>', 'image/svg+xml', asAdmin({ locale: 'fr-BE' }));
    expect(r.status).toBe(400);
    expect(((await r.json()) as { message: string }).message).toMatch(/DOCTYPE/);
  });

  it('refuses a 50 MB upload from its declared size, before reading it', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${api.url}/api/admin/floors/f1/plan-image`, {
        method: 'PUT',
        headers: { 'content-type': 'image/svg+xml', 'content-length': String(50 * 1024 * 1024), 'x-dev-user': 'fm', 'x-dev-roles': 'admin' },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: text });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.write('<svg>');
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // A body larger than announced is cut off too.
    const big = await put(Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]), 'image/png');
    expect(big.status).toBe(413);
  });

  it('accepts a PNG only when its bytes are a PNG, and refuses other types', async () => {
    expect((await put(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]), 'image/png')).status).toBe(415);
    expect((await put('<html><script>alert(1)</script></html>', 'text/html')).status).toBe(415);
    expect((await put(Buffer.from('GIF89a'), 'image/gif')).status).toBe(415);
    expect((await put(PNG, 'image/png', { user: 'bob', roles: 'reports' })).status).toBe(403);
    const r = await put(PNG, 'image/png');
    expect(r.status).toBe(201);
    const { version } = (await r.json()) as { version: string };
    const served = await fetch(`${api.url}/api/floors/f1/plan-image`, { headers: { 'x-dev-user': 'anyone' } });
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    // Two points 400 units apart are 20 m apart: 0.05 m per unit, stored with the image.
    const calibrate = (body: unknown) => api.call('PUT', '/api/admin/floors/f1/plan-image/calibration', asAdmin({ body, locale: 'de' }));
    const ok = await calibrate({ version, a: [100, 50], b: [500, 50], distanceM: 20 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ distanceM: 20, metresPerUnit: 0.05 });
    expect((await api.call('GET', '/api/floors/f1/plan-image/info', { user: 'anyone' })).body).toMatchObject({ version, contentType: 'image/png', calibration: { a: [100, 50], b: [500, 50], metresPerUnit: 0.05 } });
    const same = await calibrate({ version, a: [100, 50], b: [100, 50], distanceM: 20 });
    expect([same.status, same.body.field]).toEqual([400, 'distanceM']);
    expect(same.body.message).toMatch(/Punkte/);
    expect((await calibrate({ version: 'old-1', a: [0, 0], b: [10, 0], distanceM: 1 })).status).toBe(409);
    expect((await api.call('PUT', '/api/admin/floors/nope/plan-image/calibration', asAdmin({ body: { version, a: [0, 0], b: [10, 0], distanceM: 1 } }))).status).toBe(404);
  });
});
