import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  KeyRange,
  StoredEntity,
  TableGateway,
  TableOperation,
  WriteOutcome,
  WrittenVersions,
} from '../../src/storage/table-gateway';

/** What one booking attempt cost in storage calls. Filled through AsyncLocalStorage, so concurrent attempts stay apart. */
export interface AttemptTally {
  /** The day the attempt asked for: reads of any other day partition are counted as `otherDayReads`. */
  readonly date: string;
  gets: number;
  queries: number;
  /** Reads (gets and queries) of day partitions other than `date`: the "same desk, another day" alternatives. */
  otherDayReads: number;
  commitsOk: number;
  /** Transactions the service refused with 409/412: someone else committed first, the attempt re-reads and retries. */
  commitsConflict: number;
}

export function newTally(date: string): AttemptTally {
  return { date, gets: 0, queries: 0, otherDayReads: 0, commitsOk: 0, commitsConflict: 0 };
}

export function tallyRequests(t: AttemptTally): number {
  return t.gets + t.queries + t.commitsOk + t.commitsConflict;
}

/**
 * A TableGateway that forwards every call to the real one and counts it, per attempt (the AttemptTally bound by
 * `run`) and in total. It adds no request of its own, so the bench pays exactly what the app pays.
 */
export class CountingGateway implements TableGateway {
  private readonly als = new AsyncLocalStorage<AttemptTally>();
  readonly totals = { gets: 0, queries: 0, scans: 0, commitsOk: 0, commitsConflict: 0 };

  constructor(private readonly inner: TableGateway) {}

  /** Runs `fn` with `tally` as the attempt every storage call inside it is charged to. */
  run<T>(tally: AttemptTally, fn: () => Promise<T>): Promise<T> {
    return this.als.run(tally, fn);
  }

  /** The attempt the current call is charged to, if any. */
  current(): AttemptTally | undefined {
    return this.als.getStore();
  }

  ensureTables(tables: readonly string[]): Promise<void> {
    return this.inner.ensureTables(tables);
  }

  async get(table: string, partitionKey: string, rowKey: string): Promise<StoredEntity | null> {
    this.totals.gets++;
    const t = this.als.getStore();
    if (t) {
      t.gets++;
      if (isOtherDay(t, partitionKey)) t.otherDayReads++;
    }
    return this.inner.get(table, partitionKey, rowKey);
  }

  async queryPartition(table: string, partitionKey: string, range?: KeyRange): Promise<StoredEntity[]> {
    this.totals.queries++;
    const t = this.als.getStore();
    if (t) {
      t.queries++;
      if (isOtherDay(t, partitionKey)) t.otherDayReads++;
    }
    return this.inner.queryPartition(table, partitionKey, range);
  }

  async queryTable(table: string): Promise<StoredEntity[]> {
    this.totals.scans++;
    return this.inner.queryTable(table);
  }

  async transact(
    table: string,
    partitionKey: string,
    operations: readonly TableOperation[],
  ): Promise<WriteOutcome> {
    const outcome = await this.inner.transact(table, partitionKey, operations);
    const t = this.als.getStore();
    if (outcome === 'ok') {
      this.totals.commitsOk++;
      if (t) t.commitsOk++;
    } else {
      this.totals.commitsConflict++;
      if (t) t.commitsConflict++;
    }
    return outcome;
  }

  async transactForVersions(
    table: string,
    partitionKey: string,
    operations: readonly TableOperation[],
  ): Promise<WrittenVersions | 'conflict'> {
    const outcome = this.inner.transactForVersions
      ? await this.inner.transactForVersions(table, partitionKey, operations)
      : (await this.inner.transact(table, partitionKey, operations)) === 'ok'
        ? { etags: new Map<string, string>() }
        : 'conflict';
    const t = this.als.getStore();
    if (outcome !== 'conflict') {
      this.totals.commitsOk++;
      if (t) t.commitsOk++;
    } else {
      this.totals.commitsConflict++;
      if (t) t.commitsConflict++;
    }
    return outcome;
  }
}

function isOtherDay(t: AttemptTally, partitionKey: string): boolean {
  return partitionKey.startsWith('day|') && partitionKey !== `day|${t.date}`;
}
