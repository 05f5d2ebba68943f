import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
}

/** Runs `npm start` as a newcomer would, in its own process group so that SIGINT reaches it like Ctrl-C. */
async function npmStart(dataDir: string): Promise<Started> {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SEATWISE_DATA_DIR: dataDir, NODE_ENV: 'development' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not listen within 60 s:\n${out}`)), 60_000);
    const check = (): void => {
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
  });
  return { child, port, output: () => out };
}

/** Ctrl-C: npm passes the signal on and ends by it; the server exits 0 after stopping Azurite. */
async function ctrlC(s: Started, dataDir: string): Promise<boolean> {
  const exited = new Promise<void>((resolve) => s.child.once('exit', () => resolve()));
  process.kill(-s.child.pid!, 'SIGINT');
  await exited;
  for (let i = 0; i < 100 && azuriteRunningOver(dataDir); i++) await new Promise((r) => setTimeout(r, 100));
  return /SIGINT: stopping/.test(s.output()) && !azuriteRunningOver(dataDir);
}

function azuriteRunningOver(dataDir: string): boolean {
  const list = execSync('ps -eo args', { encoding: 'utf8' });
  return list.split('\n').some((l) => l.includes('azurite') && l.includes(dataDir));
}

describe('npm start: embedded Azurite, a seeded demo site and /healthz', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'seatwise-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers /healthz, seeds the demo site once, stops cleanly on Ctrl-C and keeps its data across a restart', async () => {
    const first = await npmStart(dataDir);
    const health = await fetch(`http://127.0.0.1:${first.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: { kind: 'embedded', shared: false } });
    expect(first.output()).toMatch(/seeded the demo site Brussels HQ/);
    // The tab is built by npm start and served at /tab/.
    const tab = await fetch(`http://127.0.0.1:${first.port}/tab/`);
    expect(tab.status).toBe(200);
    expect(await tab.text()).toMatch(/<script[^>]+src="\/tab\/assets\//);
    expect(azuriteRunningOver(dataDir)).toBe(true);
    expect(await ctrlC(first, dataDir)).toBe(true);

    const second = await npmStart(dataDir);
    expect((await fetch(`http://127.0.0.1:${second.port}/healthz`)).status).toBe(200);
    // The catalog survived the restart, so nothing was seeded again.
    expect(second.output()).not.toMatch(/seeded the demo site/);
    expect(await ctrlC(second, dataDir)).toBe(true);
  });
});
