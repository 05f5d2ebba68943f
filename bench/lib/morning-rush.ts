/**
 * P6, the morning rush, measured from outside as the tab makes it: a real server process (`tsx src/server/main.ts`)
 * over the bench's Azurite, 3 sites of 400 desks, and people who each read their floor (GET /api/floors/…) and then
 * book a free desk from it (POST /api/bookings with a requestId), over HTTP.
 *   - trickle: 20 people arriving at 2 a second: the unloaded cost of a booking;
 *   - rush: 600 people arriving over 5 s (120 a second), on the same day.
 * Goal: the rush's POST p99 is at most 10× the trickle's POST p50, with 0 invariant violations.
 * The server runs in its own process so that the load generator does not share its event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bookableDays } from '../../src/domain/booking-window';
import { DEFAULT_RULES } from '../../src/domain/policy';
import type { EmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { tableNames } from '../../src/server/storage-factory';
import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { TableCatalogStore } from '../../src/storage/table-catalog-store';
import type { SiteCatalog } from '../../src/use-cases/ports';
import { gridCatalog } from '../../tests/support/builders';
import { checkInvariants } from '../../tests/support/invariant-checker';
import { percentile, processCpuMs } from './measure';

const ROOT = path.resolve(__dirname, '../..');
const TIME_ZONE = 'Europe/Brussels';

export interface RushPhase {
  readonly people: number;
  readonly postMs: readonly number[];
  readonly getMs: readonly number[];
  readonly booked: number;
  readonly refused: number;
  readonly errors: number;
  /** What the failed requests were, by kind: e.g. "POST 503 STORAGE_UNAVAILABLE", "GET no answer (…)". */
  readonly errorKinds: ReadonlyMap<string, number>;
  /** The server process's CPU time (user + system, all threads) during the phase, when the OS tells (Linux). */
  readonly serverCpuMs?: number;
  /** The storage process's (Azurite's) CPU time during the phase, when it runs here and the OS tells. */
  readonly storageCpuMs?: number;
}

export interface RushFigures {
  readonly trickle: RushPhase;
  readonly rush: RushPhase;
  /** Rush POST p99 ÷ trickle POST p50; the goal is at most 10. */
  readonly ratio: number;
  readonly violations: readonly string[];
  readonly date: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function siteCatalogs(): SiteCatalog[] {
  // 400 desks a site: 4 zones of 10 × 10 desks at 1.6 m (D = 1.5 m: neighbours do not block each other), cap 50 %.
  return ['rush-a', 'rush-b', 'rush-c'].map((siteId) =>
    gridCatalog({ siteId, floorId: `${siteId}-1`, zones: 4, cols: 10, rows: 10, pitch: 1.6, policy: { zoneCapacity: { kind: 'percent', value: 50 } } }),
  );
}

async function startServer(connectionString: string, prefix: string, profile: boolean, compiled: boolean | string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const nodeArgs = profile ? ['--cpu-prof', '--cpu-prof-dir=.cpu-profiles'] : [];
  // The compiled server (npm run build) gives a profile real function names; tsx is what npm start runs. A path
  // names another build's main.js, e.g. one of an earlier commit, to compare two builds on the same Azurite.
  // A .ts path runs under tsx, so tsx and a compiled build can take turns on one Azurite; node options may precede
  // the path, separated by spaces (e.g. "--enable-source-maps dist/server/main.js").
  const named = typeof compiled === 'string' ? compiled.split(' ') : [];
  const entry = typeof compiled === 'string' ? (compiled.endsWith('.ts') ? ['--import', 'tsx', ...named] : named) : compiled ? ['dist/server/main.js'] : ['--import', 'tsx', 'src/server/main.ts'];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_MODE: 'dev',
      AZURE_TABLES_CONNECTION_STRING: connectionString,
      SEATWISE_TABLE_PREFIX: prefix,
      SEATWISE_SEED_DEMO: 'false',
      SEATWISE_REMINDERS: 'off',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`morning rush: the server exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`morning rush: the server did not answer /healthz within 60 s: ${stderr}`);
}

/**
 * On a loaded machine the server's first storage call can time out while it is still loading its modules (its
 * start-up does both at once): that is not what the rush measures, so a failed start is tried twice more.
 */
async function startServerRetrying(connectionString: string, prefix: string, profile: boolean, compiled: boolean | string): Promise<{ url: string; child: ChildProcess }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServer(connectionString, prefix, profile, compiled);
    } catch (error) {
      if (attempt >= 3) throw error;
      console.error(`morning rush: the server did not start (try ${attempt} of 3), starting it again`);
      await new Promise((r) => setTimeout(r, 5_000));
    }
  }
}

interface FloorDesk {
  readonly id: string;
  readonly state: string;
}

interface PhaseTally {
  post: number[];
  get: number[];
  booked: number;
  refused: number;
  errors: number;
  errorKinds: Map<string, number>;
}

function failed(out: PhaseTally, kind: string): void {
  out.errors++;
  out.errorKinds.set(kind, (out.errorKinds.get(kind) ?? 0) + 1);
}

/** A failed answer's status and error code, when it has one: the cause a missed goal names. */
async function failure(method: string, res: Response): Promise<string> {
  const body = (await res.json().catch(() => ({}))) as { code?: unknown };
  return `${method} ${res.status}${typeof body.code === 'string' ? ` ${body.code}` : ''}`;
}

/** One person as the tab acts: read the floor, pick a free desk at random, book it. */
async function onePerson(url: string, userId: string, floorId: string, date: string, out: PhaseTally): Promise<void> {
  const headers = { 'x-dev-user': userId, 'content-type': 'application/json' };
  let step = 'GET';
  try {
    let t = performance.now();
    const floorRes = await fetch(`${url}/api/floors/${floorId}?date=${date}`, { headers });
    if (!floorRes.ok) {
      out.get.push(performance.now() - t);
      return failed(out, await failure('GET', floorRes));
    }
    const floor = (await floorRes.json()) as { desks?: FloorDesk[] };
    out.get.push(performance.now() - t);
    const free = (floor.desks ?? []).filter((d) => d.state === 'free');
    if (free.length === 0) {
      out.refused++;
      return;
    }
    const desk = free[Math.floor(Math.random() * free.length)]!;
    t = performance.now();
    step = 'POST';
    const res = await fetch(`${url}/api/bookings`, { method: 'POST', headers, body: JSON.stringify({ deskId: desk.id, date, requestId: `rush-${userId}` }) });
    if (res.status !== 201 && res.status !== 409) {
      out.post.push(performance.now() - t);
      return failed(out, await failure('POST', res));
    }
    await res.arrayBuffer();
    out.post.push(performance.now() - t);
    if (res.status === 201) out.booked++;
    else out.refused++;
  } catch (error) {
    const cause = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
    failed(out, `${step} no answer (${cause})`);
  }
}

const cpuOf = (pid: number | undefined): number | undefined => (pid === undefined ? undefined : processCpuMs(pid));
const spent = (before: number | undefined, after: number | undefined): number | undefined =>
  before !== undefined && after !== undefined ? after - before : undefined;

async function phase(
  url: string,
  people: number,
  perSecond: number,
  prefix: string,
  floors: readonly string[],
  date: string,
  pids: { server?: number; storage?: number } = {},
): Promise<RushPhase> {
  const cpuBefore = cpuOf(pids.server);
  const storageBefore = cpuOf(pids.storage);
  const out: PhaseTally = { post: [], get: [], booked: 0, refused: 0, errors: 0, errorKinds: new Map() };
  const started = performance.now();
  const all: Promise<void>[] = [];
  for (let i = 0; i < people; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    all.push(onePerson(url, `${prefix}-${i}`, floors[i % floors.length]!, date, out));
  }
  await Promise.all(all);
  const serverCpuMs = spent(cpuBefore, cpuOf(pids.server));
  const storageCpuMs = spent(storageBefore, cpuOf(pids.storage));
  return { people, postMs: out.post, getMs: out.get, booked: out.booked, refused: out.refused, errors: out.errors, errorKinds: out.errorKinds, serverCpuMs, storageCpuMs };
}

export async function morningRush(azurite: EmbeddedAzurite, options: { profile?: boolean; compiled?: boolean | string } = {}): Promise<RushFigures> {
  const prefix = `rush${Math.random().toString(36).slice(2, 8)}`;
  const names = tableNames(prefix);
  const gateway = new AzureTableGateway({ kind: 'connection-string', connectionString: azurite.connectionString });
  const catalogStore = new TableCatalogStore(gateway, names.catalog);
  await catalogStore.init();
  const catalogs = siteCatalogs();
  for (const c of catalogs) await catalogStore.replaceSiteCatalog(c);
  // The next bookable day after today, in the sites' time zone, by the same rule the server applies.
  const days = bookableDays({ now: new Date(), timeZone: TIME_ZONE, rules: DEFAULT_RULES });
  const date = days[1] ?? days[0]!;
  const floors = catalogs.map((c) => c.floors[0]!.id);

  const { url, child } = await startServerRetrying(azurite.connectionString, prefix, options.profile ?? false, options.compiled ?? false);
  try {
    // Warm-up on another day, so that the first measured requests do not pay for compilation and table creation.
    await phase(url, 10, 10, 'warm', floors, days[2] ?? date);
    const pids = { server: child.pid, storage: azurite.pid };
    const trickle = await phase(url, 20, 2, 'trickle', floors, date, pids);
    const rush = await phase(url, 600, 120, 'rush', floors, date, pids);
    const report = await checkInvariants(gateway, names.reservations, catalogs);
    const ratio = percentile([...rush.postMs], 99) / percentile([...trickle.postMs], 50);
    return { trickle, rush, ratio, violations: report.violations, date };
  } finally {
    // SIGINT lets the server end cleanly, so that a --cpu-prof profile is written.
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
      setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 10_000).unref();
    });
  }
}

const ms = (x: number): string => (Number.isFinite(x) ? x.toFixed(x < 10 ? 1 : 0) : 'n/a');
const perPerson = (cpuMs: number | undefined, p: RushPhase): string => (cpuMs === undefined ? 'n/a' : (cpuMs / p.people).toFixed(1));
const cpuPerPerson = (p: RushPhase): string => perPerson(p.serverCpuMs, p);
const storageCpuPerPerson = (p: RushPhase): string => perPerson(p.storageCpuMs, p);

/** One line for the bench summary. */
export function morningRushLine(r: RushFigures): string {
  const t = r.trickle;
  const u = r.rush;
  return (
    'morning rush (HTTP, 3 × 400)'.padEnd(32) +
    `trickle ${t.people} at 2/s: POST p50 ${ms(percentile(t.postMs, 50))} ms   ` +
    `rush ${u.people} at 120/s: POST p50 ${ms(percentile(u.postMs, 50))} p99 ${ms(percentile(u.postMs, 99))} ms, floor GET p50 ${ms(percentile(u.getMs, 50))} p99 ${ms(percentile(u.getMs, 99))} ms   ` +
    `ratio rush POST p99 / trickle POST p50 ${r.ratio.toFixed(1)} (goal <= 10)   ` +
    `server CPU per person trickle ${cpuPerPerson(t)} rush ${cpuPerPerson(u)} ms, Azurite's ${storageCpuPerPerson(t)} and ${storageCpuPerPerson(u)} ms   ` +
    `booked ${t.booked + u.booked}, refused ${t.refused + u.refused}, errors ${t.errors + u.errors}, violations ${r.violations.length} (${r.date})`
  );
}

/** The goals this phase missed, each as a short cause. */
export function morningRushMisses(r: RushFigures): string[] {
  const missed: string[] = [];
  if (!(r.ratio <= 10)) missed.push(`morning rush: POST p99 is ${r.ratio.toFixed(1)}× the trickle's p50 (goal <= 10)`);
  const errors = r.trickle.errors + r.rush.errors;
  if (errors > 0) {
    const kinds = new Map<string, number>();
    for (const [k, n] of [...r.trickle.errorKinds, ...r.rush.errorKinds]) kinds.set(k, (kinds.get(k) ?? 0) + n);
    const text = [...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join(', ');
    missed.push(`morning rush: ${errors} requests failed (${text})`);
  }
  if (r.violations.length > 0) missed.push(`morning rush: ${r.violations.length} invariant violations (${r.violations[0]})`);
  return missed;
}
