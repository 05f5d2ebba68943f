import { StorageUnavailableError } from '../../use-cases/ports';
import type { KeyRange, StoredEntity, TableEntity, TableGateway, TableOperation, WriteOutcome, WrittenVersions } from '../table-gateway';
import { assertDeletesUnconditional, MAX_TRANSACTION_OPERATIONS } from '../table-gateway';
import { assertValidEntity } from '../entity-limits';

interface Row {
  readonly json: string;
  readonly etag: string;
}

/**
 * Table Storage in memory, with the service's semantics: ETags on every row, 409 on creating an existing row,
 * 412 on a stale ETag, and transactions that commit all their operations or none. Rows are kept as JSON text,
 * so a value that would not survive the trip to Azure does not survive here either.
 */
export class InMemoryTableGateway implements TableGateway {
  private readonly tables = new Map<string, Map<string, Map<string, Row>>>();
  private etagCounter = 0;
  private faultsLeft = 0;

  /** The next `count` calls fail as if storage were down. */
  injectFaults(count: number): void {
    this.faultsLeft = count;
  }

  async ensureTables(tables: readonly string[]): Promise<void> {
    await this.tick();
    for (const t of tables) if (!this.tables.has(t)) this.tables.set(t, new Map());
  }

  async get(table: string, partitionKey: string, rowKey: string): Promise<StoredEntity | null> {
    await this.tick();
    const row = this.partition(table, partitionKey)?.get(rowKey);
    return row ? toStored(row) : null;
  }

  async queryPartition(table: string, partitionKey: string, range: KeyRange = {}): Promise<StoredEntity[]> {
    await this.tick();
    const rows = [...(this.partition(table, partitionKey)?.entries() ?? [])]
      .filter(
        ([rk]) =>
          ((range.from === undefined || rk >= range.from) && (range.to === undefined || rk < range.to)) ||
          (range.alsoRowKeys?.includes(rk) ?? false),
      )
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return rows.map(([, row]) => toStored(row));
  }

  async queryPartitions(table: string, fromPartition: string, toPartition: string, range: { readonly from: string; readonly to: string }): Promise<StoredEntity[]> {
    await this.tick();
    const out: StoredEntity[] = [];
    for (const pk of [...this.table(table).keys()].sort()) {
      if (pk >= fromPartition && pk <= toPartition) out.push(...(await this.queryPartition(table, pk, range)));
    }
    return out;
  }

  async queryTable(table: string): Promise<StoredEntity[]> {
    await this.tick();
    const t = this.table(table);
    const out: StoredEntity[] = [];
    for (const pk of [...t.keys()].sort()) out.push(...(await this.queryPartition(table, pk)));
    return out;
  }

  /** The ETags each committed transaction wrote, by its operations array, for transactForVersions to pick up. */
  private readonly written = new WeakMap<readonly TableOperation[], Map<string, string>>();

  /** Goes through `transact`, so that a test that wraps `transact` (to inject a fault) still sees every write. */
  async transactForVersions(table: string, partitionKey: string, operations: readonly TableOperation[]): Promise<WrittenVersions | 'conflict'> {
    if ((await this.transact(table, partitionKey, operations)) === 'conflict') return 'conflict';
    const etags = this.written.get(operations) ?? new Map<string, string>();
    this.written.delete(operations);
    return { etags };
  }

  async transact(table: string, partitionKey: string, operations: readonly TableOperation[]): Promise<WriteOutcome> {
    await this.tick();
    const etags = new Map<string, string>();
    if (operations.length === 0) return 'ok';
    if (operations.length > MAX_TRANSACTION_OPERATIONS) {
      throw new Error(`A transaction holds at most ${MAX_TRANSACTION_OPERATIONS} operations; got ${operations.length}`);
    }
    assertDeletesUnconditional(operations);
    const t = this.table(table);
    const part = t.get(partitionKey) ?? new Map<string, Row>();
    const seen = new Set<string>();
    for (const op of operations) {
      const pk = op.kind === 'delete' ? op.partitionKey : op.entity.partitionKey;
      const rk = op.kind === 'delete' ? op.rowKey : op.entity.rowKey;
      if (pk !== partitionKey) throw new Error(`Operation on partition "${pk}" in a transaction on "${partitionKey}"`);
      if (seen.has(rk)) throw new Error(`Row "${rk}" appears twice in one transaction`);
      seen.add(rk);
      if (op.kind !== 'delete') assertValidEntity(op.entity);
      const existing = part.get(rk);
      switch (op.kind) {
        case 'create':
          if (existing) return 'conflict';
          break;
        case 'replace':
        case 'delete':
          if (!existing) return 'conflict';
          if (op.etag !== '*' && op.etag !== existing.etag) return 'conflict';
          break;
        case 'upsert':
          break;
      }
    }
    // Every condition held: apply all operations at once.
    for (const op of operations) {
      if (op.kind === 'delete') part.delete(op.rowKey);
      else {
        const etag = this.nextEtag();
        part.set(op.entity.rowKey, { json: JSON.stringify(op.entity), etag });
        etags.set(op.entity.rowKey, etag);
      }
    }
    if (part.size > 0) t.set(partitionKey, part);
    else t.delete(partitionKey);
    this.written.set(operations, etags);
    return 'ok';
  }

  private nextEtag(): string {
    this.etagCounter += 1;
    return `W/"datetime'${this.etagCounter}'"`;
  }

  private table(name: string): Map<string, Map<string, Row>> {
    const t = this.tables.get(name);
    if (!t) throw new Error(`Table "${name}" does not exist; call ensureTables first`);
    return t;
  }

  private partition(table: string, pk: string): Map<string, Row> | undefined {
    return this.table(table).get(pk);
  }

  /** Yields to the event loop like a network call would, so that concurrent callers interleave. */
  private async tick(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.faultsLeft > 0) {
      this.faultsLeft -= 1;
      throw new StorageUnavailableError('In-memory storage: injected fault (storage unavailable)');
    }
  }
}

function toStored(row: Row): StoredEntity {
  return { entity: JSON.parse(row.json) as TableEntity, etag: row.etag };
}
