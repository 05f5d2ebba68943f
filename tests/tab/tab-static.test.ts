/**
 * The built tab is served at /tab by the same restify server: index.html at /tab and /tab/ (always revalidated, with
 * a Content-Security-Policy that lets only Teams frame it), hashed assets under /tab/assets/ (cached for a year),
 * a JSON 404 for anything else, and never a file outside the tab's directory.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import restify from 'restify';
import { mountTab } from '../../src/server/tab-static';

let dir: string;
let server: restify.Server;
let base: string;
const JS = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;

beforeAll(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-tab-static-'));
  dir = path.join(root, 'tab');
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="en"><title>Seatwise</title><script type="module" src="/tab/assets/index-abc123.js"></script></html>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), JS);
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.css'), 'body{margin:0}');
  // Neighbours of the tab's directory that must never be reachable through it.
  fs.writeFileSync(path.join(root, 'secret.txt'), 'not for you');
  fs.writeFileSync(path.join(dir, '.env'), 'SECRET=1');
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(dir, 'assets', 'link.txt'));
  server = restify.createServer({ name: 'tab-static-test', handleUncaughtExceptions: false });
  mountTab(server, { directory: dir });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

/** A raw GET: fetch would normalise "..", and the point is to send it as an attacker would. */
function rawGet(rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: rawPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the tab is served at /tab', () => {
  it.each(['/tab', '/tab/', '/tab/?view=mine', '/tab?view=map&date=2026-12-03'])('serves index.html at %s, revalidated every time', async (p) => {
    const res = await rawGet(p);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body.toString()).toContain('<title>Seatwise</title>');
  });

  it('lets only Teams and Microsoft 365 frame the page, and runs scripts from its own origin only', async () => {
    const csp = String((await rawGet('/tab/')).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com .*https:\/\/\*\.cloud\.microsoft/);
    expect((await rawGet('/tab/')).headers['x-content-type-options']).toBe('nosniff');
  });

  it('caches hashed assets for a year, gzips them on request, and answers 304 to a matching ETag', async () => {
    const plain = await rawGet('/tab/assets/index-abc123.js');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body.toString()).toBe(JS);

    const zipped = await rawGet('/tab/assets/index-abc123.js', { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toBe('Accept-Encoding');
    expect(zipped.body.length).toBeLessThan(JS.length / 4);

    const again = await rawGet('/tab/assets/index-abc123.js', { 'if-none-match': String(plain.headers['etag']) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);

    const head = await rawGet('/tab/assets/index-abc123.css', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(head.body.length).toBe(0);
  });

  it('answers a missing file with a JSON 404', async () => {
    const res = await rawGet('/tab/assets/nope.js', { 'accept-language': 'fr-BE' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body.toString())).toEqual({ code: 'NOT_FOUND', message: "L'élément demandé est introuvable." });
  });

  it.each([
    '/tab/../secret.txt',
    '/tab/assets/../../secret.txt',
    '/tab/%2e%2e/secret.txt',
    '/tab/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/tab/assets/..%5c..%5csecret.txt',
    '/tab/%2fetc%2fpasswd',
    '/tab//etc/passwd',
    '/tab/assets/index-abc123.js%00.html',
    '/tab/.env',
    '/tab/assets/link.txt',
    '/tab/assets/',
    '/tab/assets',
    '/tab/%E0%A4%A',
    `/tab/${'a'.repeat(5000)}`,
  ].map((p) => [p.length > 60 ? `${p.slice(0, 20)}… (${p.length} characters)` : p, p]))(
    'never serves a file outside the tab, nor a hidden or linked one: %s',
    async (_label, p) => {
    const res = await rawGet(p);
    expect([400, 404]).toContain(res.status);
    expect(res.body.toString()).not.toContain('not for you');
    expect(res.body.toString()).not.toContain('SECRET');
    expect(res.body.toString()).not.toContain('root:');
    },
  );

  it('says so when the tab has not been built', async () => {
    const empty = restify.createServer({ name: 'tab-static-empty', handleUncaughtExceptions: false });
    mountTab(empty, { directory: path.join(os.tmpdir(), 'seatwise-no-such-tab-dir') });
    await new Promise<void>((resolve) => empty.listen(0, '127.0.0.1', () => resolve()));
    try {
      const res = await fetch(`http://127.0.0.1:${(empty.address() as AddressInfo).port}/tab/`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: 'TAB_NOT_BUILT' });
    } finally {
      await new Promise<void>((r) => empty.close(() => r()));
    }
  });
});
