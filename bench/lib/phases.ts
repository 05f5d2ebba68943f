import { performance } from 'node:perf_hooks';
import type { EmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { TableCatalogStore } from '../../src/storage/table-catalog-store';
import { TableReservationStore } from '../../src/storage/table-reservation-store';
import type { TableOperation } from '../../src/storage/table-gateway';
import { bookDesk, type BookingDeps } from '../../src/use-cases/book-desk';
import type { ReservationStore, SiteCatalog } from '../../src/use-cases/ports';
import { DEFAULT_RETRY } from '../../src/use-cases/retry-policy';
import { uniqueTableName } from '../../tests/support/azurite';
import { anActor, fixedClock } from '../../tests/support/builders';
import { checkInvariants } from '../../tests/support/invariant-checker';
import { bookingDeps, type StoreHarness } from '../../tests/support/stores';
import { CountingGateway, newTally, tallyRequests, type AttemptTally } from './counting-gateway';
import { cpuMeter, HttpRequestCounter, runPool } from './measure';
import { BENCH_NOW, type Scenario } from './scenarios';

export interface BenchSettings {
  readonly concurrency: number;
  readonly inserts: number;
  readonly warmupInserts: number;
  readonly warmupBookings: number;
}

export interface CpuPerOp {
  readonly clientMs: number;
  /** Undefined where /proc cannot be read. */
  readonly storageMs: number | undefined;
}

export interface RateResult {
  readonly ops: number;
  readonly opsPerSec: number;
  readonly httpPerOp: number;
  readonly statuses: Map<number, number>;
  readonly cpu: CpuPerOp;
}

export interface OutcomeTallies {
  attempts: number;
  requests: number;
  gets: number;
  queries: number;
  otherDayReads: number;
  commitsOk: number;
  commitsConflict: number;
}

export interface StormResult extends RateResult {
  readonly scenario: Scenario;
  readonly latenciesMs: number[];
  readonly booked: number;
  readonly refused: Map<string, number>;
  readonly errors: string[];
  readonly byOutcome: { booked: OutcomeTallies; refused: OutcomeTallies; all: OutcomeTallies };
  readonly invariants: { violations: string[]; rows: number; active: number };
}

/** Replaces the reservation store the use case sees, for what-if runs; the default is the real one. */
export type StoreWrapper = (store: ReservationStore, gateway: CountingGateway) => ReservationStore;

function emptyTallies(): OutcomeTallies {
  return {
    attempts: 0,
    requests: 0,
    gets: 0,
    queries: 0,
    otherDayReads: 0,
    commitsOk: 0,
    commitsConflict: 0,
  };
}

function addTally(into: OutcomeTallies, t: AttemptTally): void {
  into.attempts++;
  into.requests += tallyRequests(t);
  into.gets += t.gets;
  into.queries += t.queries;
  into.otherDayReads += t.otherDayReads;
  into.commitsOk += t.commitsOk;
  into.commitsConflict += t.commitsConflict;
}

/** The measurements, all against one Azurite and through the project's own gateway. */
export class Bench {
  readonly gateway: AzureTableGateway;
  readonly counting: CountingGateway;
  private readonly http = new HttpRequestCounter();

  constructor(
    private readonly azurite: EmbeddedAzurite,
    readonly settings: BenchSettings,
  ) {
    this.gateway = new AzureTableGateway({
      kind: 'connection-string',
      connectionString: azurite.connectionString,
    });
    this.counting = new CountingGateway(this.gateway);
  }

  dispose(): void {
    this.http.dispose();
  }

  /** Times `n` calls of `op` with the bench's concurrency, with HTTP and CPU counts. */
  async rate(n: number, op: (i: number) => Promise<void>): Promise<RateResult> {
    const http0 = this.http.count;
    const statuses0 = new Map(this.http.statuses);
    const cpu = cpuMeter(this.azurite.pid);
    const t0 = performance.now();
    await runPool(n, this.settings.concurrency, op);
    const ms = performance.now() - t0;
    const used = cpu();
    return {
      ops: n,
      opsPerSec: (n * 1000) / ms,
      httpPerOp: (this.http.count - http0) / n,
      statuses: this.http.statusesSince(statuses0),
      cpu: {
        clientMs: used.clientMs / n,
        storageMs: used.storageMs === undefined ? undefined : used.storageMs / n,
      },
    };
  }

  async freshTable(prefix: string): Promise<string> {
    const table = uniqueTableName(prefix);
    await this.gateway.ensureTables([table]);
    return table;
  }

  /** One small row, created alone: `transact(table, pk, [create])`, as the raw-insert figure measures it. */
  async insertRow(table: string, k: number): Promise<void> {
    const pk = `p${k % 8}`;
    const op: TableOperation = {
      kind: 'create',
      entity: {
        partitionKey: pk,
        rowKey: `r${String(k).padStart(7, '0')}`,
        kind: 'bench',
        n: k,
        label: `row ${k}`,
      },
    };
    const outcome = await this.gateway.transact(table, pk, [op]);
    if (outcome !== 'ok') throw new Error(`raw insert ${k} into ${table} was refused (${outcome})`);
  }

  async warmUpInserts(): Promise<void> {
    const table = await this.freshTable('benchwarm');
    await runPool(this.settings.warmupInserts, this.settings.concurrency, (i) => this.insertRow(table, i));
  }

  /** Raw single-entity insert throughput into a fresh table, spread over 8 partitions, after a warm-up. */
  async rawInserts(): Promise<RateResult> {
    await this.warmUpInserts();
    const table = await this.freshTable('benchraw');
    return this.rate(this.settings.inserts, (i) => this.insertRow(table, i));
  }

  /** Fresh reservation, week and catalog tables with the scenario's catalog imported, wired like the app does. */
  private async harness(
    catalog: SiteCatalog,
    wrap: StoreWrapper | undefined,
  ): Promise<{ h: StoreHarness; deps: BookingDeps }> {
    const tables = {
      reservations: uniqueTableName('benchres'),
      weeks: uniqueTableName('benchwk'),
      catalog: uniqueTableName('benchcat'),
    };
    const reservations = new TableReservationStore(this.counting, tables);
    const catalogStore = new TableCatalogStore(this.counting, tables.catalog);
    await reservations.init();
    await catalogStore.init();
    const h: StoreHarness = {
      kind: 'azurite',
      gateway: this.counting,
      reservations,
      catalog: catalogStore,
      tables,
    };
    // bookingDeps: a CachedCatalog over the catalog store, one KeyedMutex for this "server", sequential ids, and the
    // clock fixed on a weekday. The retry policy is the production one, real sleeps included.
    const base = await bookingDeps(h, [catalog], fixedClock(BENCH_NOW));
    const deps: BookingDeps = {
      ...base,
      store: wrap ? wrap(base.store, this.counting) : base.store,
      retry: DEFAULT_RETRY,
    };
    await deps.catalog.current();
    return { h, deps };
  }

  /** The scenario's attempts through the real bookDesk, at most `concurrency` in flight, then the invariant checker. */
  async storm(scenario: Scenario, wrap?: StoreWrapper): Promise<StormResult> {
    // Warm-up: inserts, then a few bookings on a throw-away set of tables, so that the booking code is compiled.
    await this.warmUpInserts();
    const warm = await this.harness(scenario.catalog, wrap);
    await runPool(this.settings.warmupBookings, this.settings.concurrency, async (i) => {
      const a = scenario.attempts[i % scenario.attempts.length]!;
      await bookDesk(warm.deps, { actor: anActor(a.userId), deskId: a.deskId, date: a.date }).catch(
        () => undefined,
      );
    });

    const { h, deps } = await this.harness(scenario.catalog, wrap);
    const latenciesMs: number[] = [];
    const refused = new Map<string, number>();
    const errors: string[] = [];
    const byOutcome = { booked: emptyTallies(), refused: emptyTallies(), all: emptyTallies() };
    let booked = 0;

    const rate = await this.rate(scenario.attempts.length, async (i) => {
      const a = scenario.attempts[i]!;
      const tally = newTally(a.date);
      const start = performance.now();
      try {
        const result = await this.counting.run(tally, () =>
          bookDesk(deps, { actor: anActor(a.userId), deskId: a.deskId, date: a.date }),
        );
        if (result.ok) {
          booked++;
          addTally(byOutcome.booked, tally);
        } else {
          refused.set(result.error.code, (refused.get(result.error.code) ?? 0) + 1);
          addTally(byOutcome.refused, tally);
        }
      } catch (error) {
        const e = error as { name?: string; code?: string; message?: string };
        errors.push(`${e.name ?? 'Error'}${e.code ? ` ${e.code}` : ''}: ${e.message ?? String(error)}`);
      } finally {
        latenciesMs.push(performance.now() - start);
        addTally(byOutcome.all, tally);
      }
    });

    const report = await checkInvariants(this.gateway, h.tables.reservations, [scenario.catalog]);
    const violations = [...report.violations];
    if (report.activeBookings !== booked) {
      violations.push(
        `${booked} attempts reported a booking, but ${report.activeBookings} active bookings are stored`,
      );
    }
    return {
      ...rate,
      scenario,
      latenciesMs,
      booked,
      refused,
      errors,
      byOutcome,
      invariants: { violations, rows: report.rows, active: report.activeBookings },
    };
  }
}
