import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { lastSaveTime, startEmbeddedAzurite, type EmbeddedAzurite } from '../../../src/storage/embedded/embedded-azurite';
import { openStores } from '../../../src/server/storage-factory';
import { acquireStoreLock, readStoreLock, StoreLockHeldError, storeLockPath } from '../../../src/storage/embedded/store-lock';
import { TEST_CLIENT_OPTIONS } from '../../support/azurite';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of a process that has exited: a lock naming it is stale. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('one embedded store per data folder', () => {
  const started: EmbeddedAzurite[] = [];
  const tmpDirs: string[] = [];
  const tmpDir = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-lock-test-'));
    tmpDirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
    for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('of two stores started at once over a folder, exactly one starts; the other names the one that holds it', async () => {
    const dir = tmpDir();
    const results = await Promise.allSettled([startEmbeddedAzurite({ location: dir }), startEmbeddedAzurite({ location: dir })]);
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    started.push(...won);
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toBeInstanceOf(StoreLockHeldError);
    const holder = (lost[0] as StoreLockHeldError).holder;
    // The lock names the store process and its port, not the server that started it.
    expect(readStoreLock(dir)).toMatchObject({ pid: won[0]!.pid, port: won[0]!.port, parentPid: process.pid });
    expect(holder.pid).toBe(won[0]!.pid);
    await won[0]!.stop();
    expect(fs.existsSync(storeLockPath(dir))).toBe(false);
  });

  it('a live store refuses the lock to anyone else, even to the process that started it', async () => {
    const dir = tmpDir();
    const store = await startEmbeddedAzurite({ location: dir });
    started.push(store);
    expect(() => acquireStoreLock(dir, process.pid)).toThrow(StoreLockHeldError);
    expect(() => acquireStoreLock(dir, process.pid)).toThrow(new RegExp(`process ${store.pid} .*port ${store.port}`));
    await store.stop();
  });

  it('breaks a lock whose store is dead, whose pid now belongs to another program, or that a crash left empty', () => {
    const dir = tmpDir();
    fs.writeFileSync(storeLockPath(dir), JSON.stringify({ pid: deadPid(), parentPid: deadPid(), port: 1234, startedAt: '' }));
    const first = acquireStoreLock(dir, 1);
    expect(readStoreLock(dir)?.pid).toBe(process.pid);
    first.release();
    expect(fs.existsSync(storeLockPath(dir))).toBe(false);
    // This jest worker is alive but is no store: on Linux its command line says so, as for a pid recycled after a reboot.
    fs.writeFileSync(storeLockPath(dir), JSON.stringify({ pid: process.pid, parentPid: 1, port: 1234, startedAt: '' }));
    const second = acquireStoreLock(dir, 1);
    second.setPort(4321);
    expect(readStoreLock(dir)).toMatchObject({ pid: process.pid, port: 4321, parentPid: 1 });
    second.release();
    // A store that crashed between creating the lock and writing it leaves it empty.
    fs.writeFileSync(storeLockPath(dir), '');
    const longAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(storeLockPath(dir), longAgo, longAgo);
    const third = acquireStoreLock(dir, 1);
    expect(readStoreLock(dir)?.pid).toBe(process.pid);
    third.release();
  });

  it('of stores racing over a stale lock, exactly one starts', async () => {
    const dir = tmpDir();
    fs.writeFileSync(storeLockPath(dir), JSON.stringify({ pid: deadPid(), parentPid: deadPid(), port: 1, startedAt: '' }));
    const results = await Promise.allSettled([0, 1, 2].map(() => startEmbeddedAzurite({ location: dir })));
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    started.push(...won);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([
      expect.any(StoreLockHeldError),
      expect.any(StoreLockHeldError),
    ]);
    await won[0]!.stop();
  });

  it('a second Seatwise process on the folder shares the live store instead of starting another (npm run import while the app runs)', async () => {
    const dataDir = tmpDir();
    const config = { storage: { kind: 'embedded' as const, dataDir }, tablePrefix: 'share' };
    const app = await openStores(config);
    const importer = await openStores(config);
    const appHealth = app.health();
    expect(appHealth).toMatchObject({ kind: 'embedded', shared: false });
    expect(importer.health()).toMatchObject({ kind: 'embedded', shared: true, pid: (appHealth as { pid: number }).pid });
    await importer.close();
    // The importer leaves the store to the app that started it.
    await expect(app.reservations.ping()).resolves.toBeUndefined();
    await app.close();
    expect(alive((appHealth as { pid: number }).pid)).toBe(false);
  });

  it('a server does not start using a store that is closing: it waits for it to exit and starts its own', async () => {
    const dataDir = tmpDir();
    const location = path.join(dataDir, 'azurite');
    const closingStore = await startEmbeddedAzurite({ location });
    started.push(closingStore);
    // The state a store is in during its final save (the window is too short to hit on purpose).
    const lock = readStoreLock(location)!;
    fs.writeFileSync(storeLockPath(location), JSON.stringify({ ...lock, closing: true }));
    const opening = openStores({ storage: { kind: 'embedded', dataDir }, tablePrefix: 'closing' });
    await new Promise((r) => setTimeout(r, 500));
    await closingStore.stop();
    const stores = await opening;
    expect(stores.health()).toMatchObject({ kind: 'embedded', shared: false });
    expect((stores.health() as { pid: number }).pid).not.toBe(closingStore.pid);
    await stores.close();
  });

  it('keeps what it reported saved when the store process itself is killed with SIGKILL, and the next store takes over the folder', async () => {
    const dir = tmpDir();
    const store = await startEmbeddedAzurite({ location: dir, saveIntervalMs: 250 });
    const client = TableClient.fromConnectionString(store.connectionString, 'crash', TEST_CLIENT_OPTIONS);
    await client.createTable();
    await Promise.all(Array.from({ length: 30 }, (_, i) => client.createEntity({ partitionKey: 'p', rowKey: `r${i}`, n: i })));
    const written = Date.now();
    // What /healthz calls lastSavedAt: once it is past the last confirmed write, that write is on disk.
    // The store's own report of that save comes over IPC just after the file is written: wait for both.
    for (let i = 0; i < 200 && ((lastSaveTime(dir)?.getTime() ?? 0) <= written || !store.lastSave?.()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(lastSaveTime(dir)!.getTime()).toBeGreaterThan(written);
    expect(store.lastSave?.()).toMatchObject({ tookMs: expect.any(Number), intervalMs: expect.any(Number) });
    process.kill(store.pid, 'SIGKILL');
    for (let i = 0; i < 100 && alive(store.pid); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readStoreLock(dir)?.pid).toBe(store.pid); // left behind, stale

    const next = await startEmbeddedAzurite({ location: dir });
    started.push(next);
    const again = TableClient.fromConnectionString(next.connectionString, 'crash', TEST_CLIENT_OPTIONS);
    const rows: number[] = [];
    for await (const e of again.listEntities<{ n: number }>()) rows.push(e.n);
    expect(rows.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    await next.stop();
  });
});
