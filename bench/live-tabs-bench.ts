/**
 * The server's cost of keeping 600 open tabs live: `npx tsx bench/live-tabs-bench.ts [--tabs=600] [--seconds=10]`.
 *
 * Each tab polls its floor every 1.5 s (the tab's POLL_MS) with If-None-Match, as src/tab/api-client.ts does, so a
 * change reaches it within 2 s. The tabs run in a worker thread; the server (composeServer, dev auth, the 60-desk
 * demo floor) runs on the main thread, over an in-memory embedded Azurite (a child process). Three runs:
 *   quiet        nothing changes: every poll after the first is a 304;
 *   busy         someone books a desk every 2 s: most polls are 200s;
 *   unconditional  the same quiet floor without If-None-Match, for comparison.
 * Printed per run: polls/s served against the 400/s that 600 tabs need, poll latency p50/p95, the share of 304s,
 * bytes sent per second, the server's event-loop utilisation (main thread only: the tabs are elsewhere) and
 * Azurite's CPU (from /proc, Linux only).
 */
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import { composeServer } from '../src/server/composition';
import { startEmbeddedAzurite } from '../src/storage/embedded/embedded-azurite';
import { AzureTableGateway } from '../src/storage/azure-table/azure-table-gateway';
import { TableCatalogStore } from '../src/storage/table-catalog-store';
import { TableConversationStore } from '../src/storage/table-conversation-store';
import { TableReservationStore } from '../src/storage/table-reservation-store';
import { demoCatalog } from '../src/server/demo-site';
import { fixedClock } from '../tests/support/builders';

function option(name: string, fallback: number): number {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  const n = flag ? Number(flag.slice(name.length + 3)) : fallback;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

const TABS = option('tabs', 600);
const SECONDS = option('seconds', 10);
const POLL_MS = 1500;
const DAY = '2026-12-03';

/** The tabs, as plain JavaScript in a worker: each polls on its own phase of the interval, keeping its last ETag. */
const TABS_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, tabs, pollMs, durationMs, conditional } = workerData;
const lat = []; let ok = 0, notModified = 0, failed = 0, bytes = 0;
const etags = new Array(tabs).fill(undefined);
async function poll(i) {
  const started = performance.now();
  try {
    const headers = { 'x-dev-user': 'tab-' + i, accept: 'application/json' };
    if (conditional && etags[i]) headers['if-none-match'] = etags[i];
    const res = await fetch(url, { headers });
    const body = await res.arrayBuffer();
    bytes += body.byteLength;
    if (res.status === 304) notModified++; else if (res.ok) { ok++; etags[i] = res.headers.get('etag') || undefined; } else failed++;
  } catch { failed++; }
  lat.push(performance.now() - started);
}
(async () => {
  // Every tab opens first (its first floor is a full answer), 16 at a time; then the polling is measured.
  for (let i = 0; i < tabs; i += 16) await Promise.all(Array.from({ length: Math.min(16, tabs - i) }, (_, k) => poll(i + k)));
  lat.length = 0; ok = 0; notModified = 0; failed = 0; bytes = 0;
  parentPort.postMessage({ warm: true });
  const end = Date.now() + durationMs;
  for (let i = 0; i < tabs; i++) {
    setTimeout(() => {
      const run = () => { if (Date.now() < end) { void poll(i); setTimeout(run, pollMs); } };
      run();
    }, Math.floor((i / tabs) * pollMs));
  }
  setTimeout(() => {
    lat.sort((a, b) => a - b);
    const q = (p) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] || 0;
    parentPort.postMessage({ polls: lat.length, ok, notModified, failed, bytes, p50: q(50), p95: q(95) });
  }, durationMs + 3000);
})();
`;

interface TabsResult {
  readonly polls: number;
  readonly ok: number;
  readonly notModified: number;
  readonly failed: number;
  readonly bytes: number;
  readonly p50: number;
  readonly p95: number;
}

function cpuTicks(pid: number): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const azurite = await startEmbeddedAzurite();
  try {
    const gateway = new AzureTableGateway({ kind: 'connection-string', connectionString: azurite.connectionString });
    const suffix = Math.random().toString(36).slice(2, 8);
    const reservations = new TableReservationStore(gateway, { reservations: `ltres${suffix}`, weeks: `ltwk${suffix}` });
    const catalog = new TableCatalogStore(gateway, `ltcat${suffix}`);
    const conversations = new TableConversationStore(gateway, `ltconv${suffix}`);
    await Promise.all([reservations.init(), catalog.init(), conversations.init()]);
    await catalog.replaceSiteCatalog(demoCatalog());
    const { server } = composeServer(
      { botId: '', botPassword: '', botType: '', botTenantId: '', teamsAppId: '', showNamesInWhoIsIn: false, authMode: 'dev', aadClientId: '', allowedTenantIds: [] },
      { reservations, catalog, conversations, clock: fixedClock('2026-12-01T08:00:00Z'), log: pino({ level: 'silent' }) },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const url = `${base}/api/floors/hq-3?date=${DAY}`;
    const desks = demoCatalog().desks.filter((d) => d.floorId === 'hq-3');
    let booker = 0;

    const run = async (name: string, conditional: boolean, bookEveryMs: number | undefined): Promise<void> => {
      const worker = new Worker(TABS_SOURCE, { eval: true, workerData: { url, tabs: TABS, pollMs: POLL_MS, durationMs: SECONDS * 1000, conditional } });
      const warm = new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      });
      await warm;
      const ticks0 = cpuTicks(azurite.pid);
      const elu0 = performance.eventLoopUtilization();
      const done = new Promise<TabsResult>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      const changes = bookEveryMs
        ? setInterval(() => {
            const desk = desks[booker % desks.length]!;
            booker++;
            void fetch(`${base}/api/bookings`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-dev-user': `booker-${booker}` },
              body: JSON.stringify({ deskId: desk.id, date: DAY }),
            }).then(
              (r) => r.arrayBuffer(),
              () => undefined,
            );
          }, bookEveryMs)
        : undefined;
      const started = performance.now();
      const result = await done;
      // The last 3 s are the answers still under way, not new polls.
      const seconds = (performance.now() - started) / 1000;
      if (changes) clearInterval(changes);
      await worker.terminate();
      const elu = performance.eventLoopUtilization(elu0);
      const ticks1 = cpuTicks(azurite.pid);
      const azuriteCpu = ticks0 !== undefined && ticks1 !== undefined ? `${(((ticks1 - ticks0) / 100 / seconds) * 100).toFixed(0)} % of a core` : 'n/a';
      const served = result.polls / SECONDS;
      console.log(
        `${name.padEnd(14)} ${TABS} tabs: ${served.toFixed(0)} polls/s served of ${(TABS / (POLL_MS / 1000)).toFixed(0)}/s needed; ` +
          `p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms; 304 ${((result.notModified / Math.max(1, result.polls)) * 100).toFixed(0)} %; ` +
          `failed ${result.failed}; ${(result.bytes / 1024 / SECONDS).toFixed(0)} KiB/s of bodies; server event loop busy ${(elu.utilization * 100).toFixed(0)} %; Azurite ${azuriteCpu}`,
      );
    };

    await run('quiet', true, undefined);
    await run('busy (1/2 s)', true, 2000);
    await run('unconditional', false, undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  } finally {
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
