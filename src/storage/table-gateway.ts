/**
 * The small part of Azure Table Storage that the stores use. Two gateways implement it: one over
 * @azure/data-tables, one in memory with the same semantics (ETags, 409 on create, all-or-nothing transactions),
 * so the store logic above it is written, and tested, once.
 */

export type EntityValue = string | number | boolean;

export interface TableEntity {
  readonly partitionKey: string;
  readonly rowKey: string;
  readonly [property: string]: EntityValue;
}

export interface StoredEntity {
  readonly entity: TableEntity;
  readonly etag: string;
}

export type TableOperation =
  | { readonly kind: 'create'; readonly entity: TableEntity }
  | { readonly kind: 'replace'; readonly entity: TableEntity; readonly etag: string }
  | { readonly kind: 'upsert'; readonly entity: TableEntity }
  | { readonly kind: 'delete'; readonly partitionKey: string; readonly rowKey: string; readonly etag: string };

/** The outcome of a conditional write: a 409, 412 or 404 means that someone else changed the rows first. */
export type WriteOutcome = 'ok' | 'conflict';

export interface KeyRange {
  /** Inclusive lower bound of the RowKey. */
  readonly from?: string;
  /** Exclusive upper bound of the RowKey. */
  readonly to?: string;
  /** Rows with these exact RowKeys come back too, in the same request (one round trip instead of several). */
  readonly alsoRowKeys?: readonly string[];
}

export interface TableGateway {
  /** Creates the tables when they do not exist yet. */
  ensureTables(tables: readonly string[]): Promise<void>;
  get(table: string, partitionKey: string, rowKey: string): Promise<StoredEntity | null>;
  /** Every row of one partition within a RowKey range, in RowKey order. */
  queryPartition(table: string, partitionKey: string, range?: KeyRange): Promise<StoredEntity[]>;
  /** Every row of a table (for checks, catalog reads and maintenance). */
  queryTable(table: string): Promise<StoredEntity[]>;
  /**
   * Rows of every partition from `fromPartition` to `toPartition` (both inclusive) within a RowKey range, in one
   * query (`alsoRowKeys` is not supported here): a few rows of each of many days in one round trip. With `keysOnly`,
   * a row may come back with its keys and ETag alone (less to send when only its version matters). Optional.
   */
  queryPartitions?(table: string, fromPartition: string, toPartition: string, range: { readonly from: string; readonly to: string }, options?: { readonly keysOnly?: boolean }): Promise<StoredEntity[]>;
  /** All operations on one partition, committed together or not at all (at most 100). */
  transact(table: string, partitionKey: string, operations: readonly TableOperation[]): Promise<WriteOutcome>;
  /**
   * `transact`, also answering the ETag each written row has now (by row key; deletes have none), for a writer that
   * decides its next write on what it wrote. Optional: without it (or without an ETag for a row), read again.
   */
  transactForVersions?(table: string, partitionKey: string, operations: readonly TableOperation[]): Promise<WrittenVersions | 'conflict'>;
}

/** The ETags of the rows a committed transaction wrote, by row key; a row missing here must be read again. */
export interface WrittenVersions {
  readonly etags: ReadonlyMap<string, string>;
}

export const MAX_TRANSACTION_OPERATIONS = 100;

/**
 * The SDK's batch request cannot carry an ETag on a delete, so a delete inside a multi-operation transaction must be
 * unconditional ('*'); its guard is another conditional operation of the same transaction.
 */
export function assertDeletesUnconditional(operations: readonly TableOperation[]): void {
  if (operations.length < 2) return;
  for (const op of operations) {
    if (op.kind === 'delete' && op.etag !== '*') {
      throw new Error(`A delete inside a transaction must use etag '*' (row ${op.rowKey}); guard it with another operation`);
    }
  }
}

/** The upper bound of a RowKey range holding every key that starts with `prefix` followed by `|`. */
export function prefixRange(prefix: string): KeyRange {
  return { from: `${prefix}|`, to: `${prefix}}` };
}
