/**
 * The embedded store keeps its promises across the ways a service is ended.
 *
 * Real processes only: the server runs as `tsx src/server/main.ts` (what `npm start` runs after building the tab) in
 * its own process group, over one data folder, and is ended four ways while people book and cancel over HTTP. After
 * each end a new server starts on the same folder at once, and every booking answered 201 must be there, every
 * cancel answered 204 must still be cancelled, and a retry of a confirmed request must return the booking made
 * before. All along, a watcher counts the store processes over the folder: never more than one.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const START_TIMEOUT_MS = 60_000;

interface Server {
  readonly child: ChildProcess;
  /** The node process running main.ts (tsx runs it as its child). */
  readonly serverPid: number;
  readonly port: number;
  readonly exited: Promise<void>;
  output(): string;
}

function serverEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
    AUTH_MODE: 'dev',
    SEATWISE_DATA_DIR: dataDir,
    SEATWISE_REMINDERS: 'off',
  };
  delete env['AZURE_TABLES_CONNECTION_STRING'];
  delete env['AZURE_TABLES_ENDPOINT'];
  return env;
}

async function startServer(dataDir: string): Promise<Server> {
  // Its own process group, as a terminal or a service manager gives it: a signal to -pid reaches tsx and the server.
  const child = spawn(TSX, ['src/server/main.ts'], { cwd: ROOT, env: serverEnv(dataDir), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const listening = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not listen within ${START_TIMEOUT_MS} ms:\n${out}`)), START_TIMEOUT_MS);
    const check = (): void => {
      const m = /"pid":(\d+)[^\n]*listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited before listening:\n${out}`));
    });
  });
  return { child, serverPid: Number(listening[1]), port: Number(listening[2]), exited, output: () => out };
}

/** Store processes over this data folder right now: ours, or a bare Azurite (what the app started before). */
function storeProcesses(dataDir: string): Promise<string[]> {
  return new Promise((resolve) => {
    execFile('ps', ['-eo', 'pid,args'], { maxBuffer: 8 * 1024 * 1024 }, (_err, stdout) => {
      resolve(
        String(stdout ?? '')
          .split('\n')
          .filter((l) => l.includes(dataDir) && (l.includes('azurite-store-process') || l.includes('azurite/dist/src/table/main.js'))),
      );
    });
  });
}

/** Samples the store processes over the folder until stopped; remembers the most seen at once. */
function watchStores(dataDir: string): { stop(): Promise<{ max: number; worst: string[]; samples: number }> } {
  let max = 0;
  let worst: string[] = [];
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const seen = await storeProcesses(dataDir);
      samples++;
      if (seen.length > max) {
        max = seen.length;
        worst = seen;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { max, worst, samples };
    },
  };
}

interface Confirmed {
  readonly id: string;
  readonly userId: string;
  readonly deskId: string;
  readonly date: string;
  readonly requestId: string;
}

/** What the clients were told, and what they could not know (no answer: the request may or may not have committed). */
class Ledger {
  readonly booked = new Map<string, Confirmed>();
  readonly cancelled = new Set<string>();
  /** Bookings whose cancel got no answer: either state is allowed. */
  readonly uncertainCancels = new Set<string>();
  /** Booking requests that got no answer, retried after the restart. */
  readonly unanswered: Omit<Confirmed, 'id'>[] = [];
  activeOf(userId: string): Confirmed[] {
    return [...this.booked.values()].filter((b) => b.userId === userId && !this.cancelled.has(b.id) && !this.uncertainCancels.has(b.id));
  }
}

async function call(port: number, method: string, url: string, userId: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-dev-user': userId },
    ...(body !== undefined && { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

interface Site {
  readonly desks: string[];
  readonly dates: string[];
}

/** Bookable days computed from the site's own policy (its time zone's today, horizon and weekdays); today is skipped so that midnight cannot pass during the test. */
async function readSite(port: number): Promise<Site> {
  const sites = (await call(port, 'GET', '/api/sites', 'reader')).json as { id: string; floors: { id: string }[] }[];
  const floors = sites.flatMap((s) => s.floors.map((f) => f.id));
  const desks: string[] = [];
  let dates: string[] = [];
  for (const floorId of floors) {
    const view = (await call(port, 'GET', `/api/floors/${floorId}`, 'reader')).json as {
      policy: { firstBookableDate: string; lastBookableDate: string; bookableWeekdays: number[] };
      desks: { id: string; state: string }[];
    };
    desks.push(...view.desks.filter((d) => d.state !== 'unavailable').map((d) => d.id));
    if (dates.length === 0) dates = bookableDays(view.policy).slice(1, 5);
  }
  return { desks, dates };
}

function bookableDays(p: { firstBookableDate: string; lastBookableDate: string; bookableWeekdays: number[] }): string[] {
  const days: string[] = [];
  // Civil-date arithmetic: a UTC midnight stands for the calendar day, no time zone involved.
  for (let d = new Date(`${p.firstBookableDate}T00:00:00Z`); d.toISOString().slice(0, 10) <= p.lastBookableDate; d.setUTCDate(d.getUTCDate() + 1)) {
    const isoWeekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
    if (p.bookableWeekdays.includes(isoWeekday)) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

const USERS = Array.from({ length: 24 }, (_, i) => `durable-${String(i + 1).padStart(2, '0')}`);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

/**
 * Every user books and cancels in a loop until `until` resolves or the server stops answering; at most `maxOps`
 * requests each, so that the loop is bounded even if the server never goes away.
 */
async function traffic(port: number, site: Site, ledger: Ledger, until: Promise<void>, maxOps = 400): Promise<void> {
  let over = false;
  void until.then(() => (over = true));
  await Promise.all(
    USERS.map(async (userId) => {
      for (let op = 0; op < maxOps && !over; op++) {
        const active = ledger.activeOf(userId);
        if (active.length > 0 && Math.random() < 0.35) {
          const victim = pick(active);
          try {
            const r = await call(port, 'DELETE', `/api/bookings/${victim.id}`, userId);
            if (r.status === 204) ledger.cancelled.add(victim.id);
          } catch {
            ledger.uncertainCancels.add(victim.id);
            return;
          }
        } else {
          const attempt = { userId, deskId: pick(site.desks), date: pick(site.dates), requestId: randomUUID() };
          try {
            const r = await call(port, 'POST', '/api/bookings', userId, { deskId: attempt.deskId, date: attempt.date, requestId: attempt.requestId });
            if (r.status === 201) ledger.booked.set((r.json as { id: string }).id, { ...attempt, id: (r.json as { id: string }).id });
          } catch {
            ledger.unanswered.push(attempt);
            return;
          }
        }
      }
    }),
  );
}

interface Check {
  lost: Confirmed[];
  undone: string[];
  retriedWrong: string[];
  doubleBooked: string[];
}

/** What a restarted server holds against what the clients were told. */
async function check(port: number, site: Site, ledger: Ledger): Promise<Check> {
  const from = site.dates[0]!;
  const to = site.dates[site.dates.length - 1]!;
  const held = new Map<string, { id: string; status: string; date: string }>();
  const lists = await Promise.all(USERS.map((userId) => call(port, 'GET', `/api/bookings?from=${from}&to=${to}`, userId)));
  for (const r of lists) for (const b of r.json as { id: string; status: string; date: string }[]) held.set(b.id, b);
  const lost = [...ledger.booked.values()].filter((b) => !ledger.cancelled.has(b.id) && !ledger.uncertainCancels.has(b.id) && held.get(b.id)?.status !== 'booked');
  const undone = [...ledger.cancelled].filter((id) => held.get(id)?.status === 'booked');

  // A retried request is answered with the booking it made before, not with a second one or a refusal.
  const retriedWrong: string[] = [];
  const active = [...ledger.booked.values()].filter((b) => !ledger.cancelled.has(b.id) && !ledger.uncertainCancels.has(b.id));
  await Promise.all(
    active.slice(-12).map(async (b) => {
      const r = await call(port, 'POST', '/api/bookings', b.userId, { deskId: b.deskId, date: b.date, requestId: b.requestId });
      if (r.status !== 201 || (r.json as { id?: string }).id !== b.id) retriedWrong.push(`${b.requestId}: ${r.status} ${JSON.stringify(r.json)}`);
    }),
  );
  // A request that got no answer, retried, books at most once: one booking for that person that day.
  const doubleBooked: string[] = [];
  for (const a of ledger.unanswered.splice(0)) {
    const r = await call(port, 'POST', '/api/bookings', a.userId, { deskId: a.deskId, date: a.date, requestId: a.requestId });
    if (r.status !== 201) continue;
    const id = (r.json as { id: string }).id;
    ledger.booked.set(id, { ...a, id });
    const mine = ((await call(port, 'GET', `/api/bookings?from=${a.date}&to=${a.date}`, a.userId)).json as { id: string; status: string }[]).filter(
      (x) => x.status === 'booked',
    );
    if (mine.length !== 1 || mine[0]!.id !== id) doubleBooked.push(`${a.requestId}: ${JSON.stringify(mine)}`);
  }
  return { lost, undone, retriedWrong, doubleBooked };
}

type Ending = 'kill -9 of the server' | 'SIGTERM to the process group' | 'Ctrl-C (SIGINT to the process group)' | 'SIGTERM to the server alone';

function end(server: Server, how: Ending): void {
  if (how === 'kill -9 of the server') process.kill(server.serverPid, 'SIGKILL');
  else if (how === 'SIGTERM to the process group') process.kill(-server.child.pid!, 'SIGTERM');
  else if (how === 'Ctrl-C (SIGINT to the process group)') process.kill(-server.child.pid!, 'SIGINT');
  else process.kill(server.serverPid, 'SIGTERM');
}

describe('the embedded store keeps confirmed bookings and cancels across stops and crashes of the app', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'seatwise-durable-'));
  const servers: Server[] = [];
  afterAll(async () => {
    for (const s of servers) {
      try {
        process.kill(-s.child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    // The stores end by themselves once their servers are gone; give them a moment before the folder goes.
    for (let i = 0; i < 100 && (await storeProcesses(dataDir)).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no 201 and undoes no 204 after a kill -9, a group SIGTERM, a Ctrl-C and a SIGTERM to the server; one store at a time', async () => {
    const watcher = watchStores(dataDir);
    const ledger = new Ledger();
    const endings: Ending[] = ['kill -9 of the server', 'SIGTERM to the process group', 'Ctrl-C (SIGINT to the process group)', 'SIGTERM to the server alone'];
    let server = await startServer(dataDir);
    servers.push(server);
    const site = await readSite(server.port);
    expect(site.dates.length).toBeGreaterThanOrEqual(2);
    expect(site.desks.length).toBeGreaterThan(20);
    const failures: string[] = [];

    for (const how of endings) {
      const before = ledger.booked.size;
      const cancelsBefore = ledger.cancelled.size;
      // Let people book for a while, then end the app in the middle of their traffic.
      let stopTraffic: () => void = () => undefined;
      const until = new Promise<void>((resolve) => (stopTraffic = resolve));
      const running = traffic(server.port, site, ledger, until);
      await new Promise((r) => setTimeout(r, 1_500));
      end(server, how);
      await server.exited;
      stopTraffic();
      await running;

      // Restart on the same folder at once: the old store may still be saving.
      const restartAt = Date.now();
      server = await startServer(dataDir);
      const restartMs = Date.now() - restartAt;
      servers.push(server);
      const result = await check(server.port, site, ledger);
      const line =
        `${how}: ${ledger.booked.size - before} bookings and ${ledger.cancelled.size - cancelsBefore} cancels confirmed; ` +
          `lost ${result.lost.length}, undone ${result.undone.length}, wrong retries ${result.retriedWrong.length}, double bookings ${result.doubleBooked.length}; ` +
          `restarted in ${restartMs} ms`;
      console.log(line); // as it happens, so that a run cut short by the timeout still says how far it got
      if (result.lost.length + result.undone.length + result.retriedWrong.length + result.doubleBooked.length > 0) {
        failures.push(`${how}: ${JSON.stringify(result).slice(0, 2000)}`);
      }
    }
    const health = (await call(server.port, 'GET', '/healthz', 'reader')).json as { store: { kind: string; lastSavedAt: string | null } };

    // The last server stops as on a terminal; its store must be gone once it has exited.
    end(server, 'Ctrl-C (SIGINT to the process group)');
    await server.exited;
    for (let i = 0; i < 100 && (await storeProcesses(dataDir)).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    const leftOver = await storeProcesses(dataDir);
    const stores = await watcher.stop();
    console.log(`store processes over the folder: at most ${stores.max} at once in ${stores.samples} samples`);

    expect(failures).toEqual([]);
    expect(ledger.booked.size).toBeGreaterThan(40);
    expect(ledger.cancelled.size).toBeGreaterThan(10);
    expect(stores.worst.length <= 1 ? [] : stores.worst).toEqual([]);
    expect(leftOver).toEqual([]);
    expect(health.store.kind).toBe('embedded');
    expect(health.store.lastSavedAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    // About 90 s on an idle 2-core machine; the bound is for a machine shared with other test runs.
  }, 300_000);
});
