import { odata, RestError, TableClient, TableServiceClient, type TransactionAction } from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';
import { StorageUnavailableError } from '../../use-cases/ports';
import { assertValidEntity } from '../entity-limits';
import type { EntityValue, KeyRange, StoredEntity, TableEntity, TableGateway, TableOperation, WriteOutcome, WrittenVersions } from '../table-gateway';
import { assertDeletesUnconditional, MAX_TRANSACTION_OPERATIONS } from '../table-gateway';

export type AzureTableConnection =
  | { readonly kind: 'connection-string'; readonly connectionString: string }
  | { readonly kind: 'endpoint'; readonly endpoint: string; readonly credential: TokenCredential };

export interface AzureTableGatewayOptions {
  /** Each call gives up after this long and reports storage as unavailable. */
  readonly timeoutMs?: number;
  /** The SDK's own retries of transient failures (5xx, 429, network), bounded. */
  readonly maxSdkRetries?: number;
}

const CONFLICT_STATUSES = new Set([404, 409, 412]);

/** Table Storage over @azure/data-tables: Azure in production, Azurite locally and in tests. */
export class AzureTableGateway implements TableGateway {
  private readonly clients = new Map<string, TableClient>();
  private readonly timeoutMs: number;
  private readonly maxSdkRetries: number;

  constructor(
    private readonly connection: AzureTableConnection,
    options: AzureTableGatewayOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxSdkRetries = options.maxSdkRetries ?? 2;
  }

  async ensureTables(tables: readonly string[]): Promise<void> {
    const service = this.serviceClient();
    for (const table of tables) {
      await this.call(`create table ${table}`, () => this.withDeadline((abortSignal) => service.createTable(table, { abortSignal })));
    }
  }

  async get(table: string, partitionKey: string, rowKey: string): Promise<StoredEntity | null> {
    try {
      const e = await this.withDeadline((abortSignal) => this.client(table).getEntity<Record<string, unknown>>(partitionKey, rowKey, { abortSignal }));
      return toStored(e);
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return null;
      throw this.fault(`read ${table} ${partitionKey} ${rowKey}`, error);
    }
  }

  async queryPartition(table: string, partitionKey: string, range: KeyRange = {}): Promise<StoredEntity[]> {
    const inRange: string[] = [];
    if (range.from !== undefined) inRange.push(odata`RowKey ge ${range.from}`);
    if (range.to !== undefined) inRange.push(odata`RowKey lt ${range.to}`);
    const alternatives = (range.alsoRowKeys ?? []).map((rk) => odata`RowKey eq ${rk}`);
    if (inRange.length > 0 && alternatives.length > 0) alternatives.unshift(`(${inRange.join(' and ')})`);
    const rowFilter = alternatives.length > 0 ? `(${alternatives.join(' or ')})` : inRange.join(' and ');
    return this.list(table, odata`PartitionKey eq ${partitionKey}` + (rowFilter ? ` and ${rowFilter}` : ''));
  }

  async queryPartitions(table: string, fromPartition: string, toPartition: string, range: { readonly from: string; readonly to: string }, options: { readonly keysOnly?: boolean } = {}): Promise<StoredEntity[]> {
    const filter = odata`PartitionKey ge ${fromPartition} and PartitionKey le ${toPartition} and RowKey ge ${range.from} and RowKey lt ${range.to}`;
    return this.list(table, filter, options.keysOnly ? ['PartitionKey', 'RowKey'] : undefined);
  }

  async queryTable(table: string): Promise<StoredEntity[]> {
    return this.list(table, undefined);
  }

  async transact(table: string, partitionKey: string, operations: readonly TableOperation[]): Promise<WriteOutcome> {
    if (operations.length === 0) return 'ok';
    if (operations.length > MAX_TRANSACTION_OPERATIONS) {
      throw new Error(`A transaction holds at most ${MAX_TRANSACTION_OPERATIONS} operations; got ${operations.length}`);
    }
    for (const op of operations) if (op.kind !== 'delete') assertValidEntity(op.entity);
    assertDeletesUnconditional(operations);
    try {
      // A single operation goes as a plain request: the service treats it the same, with less overhead.
      if (operations.length === 1) await this.withDeadline((abortSignal) => this.single(table, operations[0]!, abortSignal));
      else await this.withDeadline((abortSignal) => this.client(table).submitTransaction(operations.map(toAction), { abortSignal }));
      return 'ok';
    } catch (error) {
      if (error instanceof RestError && error.statusCode !== undefined && CONFLICT_STATUSES.has(error.statusCode)) {
        return 'conflict';
      }
      throw this.fault(`transaction of ${operations.length} operations on ${table} ${partitionKey}`, error);
    }
  }

  async transactForVersions(table: string, partitionKey: string, operations: readonly TableOperation[]): Promise<WrittenVersions | 'conflict'> {
    const etags = new Map<string, string>();
    if (operations.length === 0) return { etags };
    if (operations.length === 1) {
      // One operation goes as a plain request, whose answer carries the row's new ETag.
      const op = operations[0]!;
      if (op.kind !== 'delete') assertValidEntity(op.entity);
      try {
        const etag = (await this.withDeadline((abortSignal) => this.single(table, op, abortSignal)))?.trim();
        if (op.kind !== 'delete' && etag) etags.set(op.entity.rowKey, etag);
        return { etags };
      } catch (error) {
        if (error instanceof RestError && error.statusCode !== undefined && CONFLICT_STATUSES.has(error.statusCode)) return 'conflict';
        throw this.fault(`transaction of 1 operation on ${table} ${partitionKey}`, error);
      }
    }
    if (operations.length > MAX_TRANSACTION_OPERATIONS) {
      throw new Error(`A transaction holds at most ${MAX_TRANSACTION_OPERATIONS} operations; got ${operations.length}`);
    }
    for (const op of operations) if (op.kind !== 'delete') assertValidEntity(op.entity);
    assertDeletesUnconditional(operations);
    try {
      const response = await this.withDeadline((abortSignal) => this.client(table).submitTransaction(operations.map(toAction), { abortSignal }));
      // The service answers a batch's operations in their order; anything else and nothing is trusted.
      const answers = response.subResponses;
      if (answers.length === operations.length) {
        operations.forEach((op, i) => {
          const etag = answers[i]?.etag?.trim();
          if (op.kind !== 'delete' && etag) etags.set(op.entity.rowKey, etag);
        });
      }
      return { etags };
    } catch (error) {
      if (error instanceof RestError && error.statusCode !== undefined && CONFLICT_STATUSES.has(error.statusCode)) {
        return 'conflict';
      }
      throw this.fault(`transaction of ${operations.length} operations on ${table} ${partitionKey}`, error);
    }
  }

  /** One operation as a plain request; answers the written row's new ETag (a delete has none). */
  private async single(table: string, op: TableOperation, abortSignal: AbortSignal): Promise<string | undefined> {
    const client = this.client(table);
    switch (op.kind) {
      case 'create':
        return (await client.createEntity(toSdk(op.entity), { abortSignal })).etag;
      case 'upsert':
        return (await client.upsertEntity(toSdk(op.entity), 'Replace', { abortSignal })).etag;
      case 'replace':
        return (await client.updateEntity(toSdk(op.entity), 'Replace', { abortSignal, etag: op.etag })).etag;
      case 'delete':
        await client.deleteEntity(op.partitionKey, op.rowKey, { abortSignal, etag: op.etag });
        return undefined;
    }
  }

  private async list(table: string, filter: string | undefined, select?: string[]): Promise<StoredEntity[]> {
    const out: StoredEntity[] = [];
    try {
      // One deadline for every page of the query, as before.
      await this.withDeadline(async (abortSignal) => {
        const pages = this.client(table).listEntities<Record<string, unknown>>({
          queryOptions: { ...(filter !== undefined && { filter }), ...(select && { select }) },
          abortSignal,
        });
        for await (const e of pages) out.push(toStored(e));
      });
    } catch (error) {
      throw this.fault(`query ${table}${filter ? ` where ${filter}` : ''}`, error);
    }
    return out;
  }

  private async call(what: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      throw this.fault(what, error);
    }
  }

  private fault(what: string, error: unknown): Error {
    if (error instanceof RestError) {
      const status = error.statusCode;
      if (status === 400) return new Error(`Table storage rejected ${what} as malformed (400): ${error.message}`, { cause: error });
      const retryAfter = status === 429 || status === 503 ? 10 : 5;
      return new StorageUnavailableError(
        `Table storage could not ${what}: ${status === undefined ? 'no answer' : `status ${status}`} (${error.code ?? error.message})`,
        { cause: error, retryAfterSeconds: retryAfter },
      );
    }
    const name = error instanceof Error ? error.name : '';
    const message = error instanceof Error ? error.message : String(error);
    if (name === 'AbortError' || name === 'TimeoutError') {
      return new StorageUnavailableError(`Table storage did not answer ${what} within ${this.timeoutMs} ms`, { cause: error });
    }
    return new StorageUnavailableError(`Table storage could not ${what}: ${message}`, { cause: error });
  }

  /**
   * Runs one call with a deadline that ends with it. `AbortSignal.timeout` left a timer behind every call, and each
   * fired `timeoutMs` later to abort a request long finished, with a new TimeoutError: in the morning rush (about
   * 3,000 storage calls in 5 s) a burst of wasted work 10 s on, while later requests were still being served.
   */
  private async withDeadline<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${this.timeoutMs} ms`, 'TimeoutError')), this.timeoutMs);
    try {
      return await call(controller.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  private clientOptions() {
    const insecure = this.connection.kind === 'connection-string' && /https?:\/\/(127\.0\.0\.1|localhost)|http:\/\//i.test(this.connection.connectionString);
    return {
      allowInsecureConnection: insecure,
      retryOptions: { maxRetries: this.maxSdkRetries, retryDelayInMs: 200, maxRetryDelayInMs: 2_000 },
    };
  }

  private serviceClient(): TableServiceClient {
    return this.connection.kind === 'connection-string'
      ? TableServiceClient.fromConnectionString(this.connection.connectionString, this.clientOptions())
      : new TableServiceClient(this.connection.endpoint, this.connection.credential, this.clientOptions());
  }

  private client(table: string): TableClient {
    let c = this.clients.get(table);
    if (!c) {
      c =
        this.connection.kind === 'connection-string'
          ? TableClient.fromConnectionString(this.connection.connectionString, table, this.clientOptions())
          : new TableClient(this.connection.endpoint, table, this.connection.credential, this.clientOptions());
      this.clients.set(table, c);
    }
    return c;
  }
}

function toAction(op: TableOperation): TransactionAction {
  switch (op.kind) {
    case 'create':
      return ['create', toSdk(op.entity)];
    case 'upsert':
      return ['upsert', toSdk(op.entity), 'Replace'];
    case 'replace':
      return ['update', toSdk(op.entity), 'Replace', { etag: op.etag }];
    case 'delete':
      return ['delete', { partitionKey: op.partitionKey, rowKey: op.rowKey }];
  }
}

function toSdk(entity: TableEntity): { partitionKey: string; rowKey: string } & Record<string, EntityValue> {
  return { ...entity };
}

/** Drops the service's metadata (etag, timestamp, odata.*) and keeps the row's own properties. */
function toStored(e: Record<string, unknown>): StoredEntity {
  const out: Record<string, EntityValue> = {};
  for (const [k, v] of Object.entries(e)) {
    if (k === 'etag' || k === 'timestamp' || k.startsWith('odata.')) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return { entity: out as unknown as TableEntity, etag: String(e['etag']) };
}
