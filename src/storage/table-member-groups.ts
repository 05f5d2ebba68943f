import type { MemberGroups, MemberRecord } from '../use-cases/member-groups-port';
import { CorruptDataError } from '../use-cases/ports';
import { encodeKeyPart } from './key-encoding';
import { mapLimit } from './map-limit';
import { MAX_TRANSACTION_OPERATIONS, type StoredEntity, type TableGateway, type TableOperation } from './table-gateway';

function groupsIn(entity: Record<string, unknown>, userId: string): readonly string[] {
  try {
    const groups = JSON.parse(String(entity['groups'])) as unknown;
    if (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string')) throw new Error('not a list of texts');
    return groups;
  } catch (cause) {
    throw new CorruptDataError(`The groups of ${userId} are unreadable`, { cause });
  }
}

/**
 * How long an instance trusts its memory of the groups it last saved. Another instance may erase the row meanwhile
 * (an erasure, or the person's own "delete my data"); after this long the next request writes it again.
 */
export const MEMBER_GROUPS_TRUST_MS = 5 * 60_000;

/**
 * The least time between two writes of an instance: what arrives meanwhile goes out in one batch. In a morning rush
 * (120 first requests a second) one write per person was a third of all storage requests and about 30 % of the
 * server's CPU; a batch every 200 ms carries about 24 of them.
 */
export const MEMBER_GROUPS_BATCH_MS = 200;

/** Every person's row lives in this one partition, so that many can be written in one batch. */
export const MEMBERS_PARTITION = 'members';

/** The layout before batching: one partition per person (`member|<id>`, row `groups`). Read once, at start, and moved. */
const OLD_PARTITION_PREFIX = 'member|';
const OLD_ROW_KEY = 'groups';

/** Above this many people, one query of the partition is cheaper than a point read each. */
const POINT_READS_UP_TO = 24;

interface Pending {
  readonly json: string;
  readonly seenAt: string;
  readonly at: number;
  readonly written: Promise<void>;
  readonly settle: (error?: unknown) => void;
}

/**
 * One row per person in one partition (`members`, row key the person's id), upserted when their groups change.
 *
 * Writes are batched: `remember` queues the person's groups and resolves once they are stored; the queue goes out at
 * most every `batchMs`, up to 100 rows a batch (upserts, so two instances never conflict). The API does not wait for
 * it (see `RememberingAuthenticator`). Within this instance, reads and `forget` see what is queued: a read waits for
 * the people it asks about, and `forget` drops a queued write and waits out one in flight, so that nothing this
 * instance queued can bring back a row it erased. Another instance's queue can, within `batchMs` of an erasure: the
 * same window as a request of the person arriving there just after it.
 */
export class TableMemberGroups implements MemberGroups {
  /** What this instance last wrote for each person, and when: a write of the same groups is skipped for a while. */
  private readonly lastSaved = new Map<string, { json: string; at: number }>();
  private queue = new Map<string, Pending>();
  /** The batch on its way to storage, and its promise. */
  private inFlight = new Map<string, Pending>();
  private flushing: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlushAt = -Infinity;

  constructor(
    private readonly gateway: TableGateway,
    private readonly table: string,
    private readonly clock: { now(): Date } = { now: () => new Date() },
    private readonly trustMs = MEMBER_GROUPS_TRUST_MS,
    private readonly batchMs = MEMBER_GROUPS_BATCH_MS,
  ) {}

  async init(): Promise<void> {
    await this.gateway.ensureTables([this.table]);
    await this.moveOldRows();
  }

  remember(userId: string, groups: readonly string[]): Promise<void> {
    const json = JSON.stringify([...new Set(groups)].sort());
    const now = this.clock.now();
    const queued = this.queue.get(userId);
    if (queued && queued.json === json) return queued.written;
    const flying = this.inFlight.get(userId);
    if (!queued && flying) {
      if (flying.json === json) return flying.written;
    } else if (!queued) {
      const last = this.lastSaved.get(userId);
      if (last && last.json === json && now.getTime() - last.at < this.trustMs) return Promise.resolve();
    }
    // A newer set replaces a queued one; whoever waited for the older one is answered with the newer's outcome.
    let settle!: (error?: unknown) => void;
    const written = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    if (queued) written.then(() => queued.settle(), (e: unknown) => queued.settle(e));
    this.queue.set(userId, { json, seenAt: now.toISOString(), at: now.getTime(), written, settle });
    this.schedule();
    return written;
  }

  /** Writes what is queued now and resolves when nothing this instance queued is left unwritten (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.queue.size > 0 || this.flushing) {
      if (this.flushing) await this.flushing.catch(() => undefined);
      else await this.writeQueued().catch(() => undefined);
    }
  }

  private schedule(): void {
    if (this.timer || this.flushing) return;
    const wait = Math.max(0, this.lastFlushAt + this.batchMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.writeQueued().catch(() => undefined);
    }, wait);
    // A pending write must not keep a finished process alive; the server flushes on its way out.
    this.timer.unref?.();
  }

  private writeQueued(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const batch = this.queue;
    this.queue = new Map();
    this.inFlight = batch;
    this.lastFlushAt = Date.now();
    const run = this.writeBatch(batch).finally(() => {
      this.flushing = undefined;
      this.inFlight = new Map();
      if (this.queue.size > 0) this.schedule();
    });
    this.flushing = run;
    return run;
  }

  private async writeBatch(batch: ReadonlyMap<string, Pending>): Promise<void> {
    const entries = [...batch];
    for (let i = 0; i < entries.length; i += MAX_TRANSACTION_OPERATIONS) {
      const chunk = entries.slice(i, i + MAX_TRANSACTION_OPERATIONS);
      const ops: TableOperation[] = chunk.map(([userId, p]) => ({
        kind: 'upsert',
        entity: { partitionKey: MEMBERS_PARTITION, rowKey: encodeKeyPart(userId), userId, groups: p.json, seenAt: p.seenAt },
      }));
      try {
        // Upserts cannot conflict; a failure leaves these people unsaved, and their next request queues them again.
        await this.gateway.transact(this.table, MEMBERS_PARTITION, ops);
        for (const [userId, p] of chunk) {
          this.lastSaved.set(userId, { json: p.json, at: p.at });
          p.settle();
        }
      } catch (error) {
        for (const [, p] of chunk) p.settle(error);
      }
    }
    if (this.lastSaved.size > 10_000) this.dropStale(this.clock.now().getTime());
  }

  /** Memories past their trust are of no use: dropped, so that the map stays the size of the people recently seen. */
  private dropStale(now: number): void {
    for (const [userId, last] of this.lastSaved) if (now - last.at >= this.trustMs) this.lastSaved.delete(userId);
  }

  /** Waits until nothing queued or in flight in this instance concerns these people. */
  private async settled(userIds: readonly string[]): Promise<void> {
    for (;;) {
      const waiting = userIds.flatMap((u) => [this.queue.get(u)?.written, this.inFlight.get(u)?.written]).filter((p) => p !== undefined);
      if (waiting.length === 0) return;
      await Promise.allSettled(waiting);
    }
  }

  async groupsOf(userIds: readonly string[]): Promise<Map<string, readonly string[]>> {
    const unique = [...new Set(userIds)];
    await this.settled(unique);
    const out = new Map<string, readonly string[]>();
    if (unique.length > POINT_READS_UP_TO) {
      const wanted = new Set(unique);
      for (const row of await this.gateway.queryPartition(this.table, MEMBERS_PARTITION)) {
        const userId = row.entity['userId'];
        if (typeof userId === 'string' && wanted.has(userId)) out.set(userId, groupsIn(row.entity, userId));
      }
      return out;
    }
    const rows = await mapLimit(unique, 16, (userId) => this.gateway.get(this.table, MEMBERS_PARTITION, encodeKeyPart(userId)));
    rows.forEach((row, i) => {
      if (row) out.set(unique[i]!, groupsIn(row.entity, unique[i]!));
    });
    return out;
  }

  async describe(userId: string): Promise<MemberRecord | null> {
    await this.settled([userId]);
    const row = await this.gateway.get(this.table, MEMBERS_PARTITION, encodeKeyPart(userId));
    if (!row) return null;
    const seenAt = row.entity['seenAt'];
    return { groups: groupsIn(row.entity, userId), ...(typeof seenAt === 'string' && { seenAt }) };
  }

  async forget(userId: string): Promise<boolean> {
    const queued = this.queue.get(userId);
    if (queued) {
      this.queue.delete(userId);
      queued.settle();
    }
    // A batch already on its way may hold the person: let it land, then delete.
    await this.settled([userId]);
    this.lastSaved.delete(userId);
    const rowKey = encodeKeyPart(userId);
    const existed = (await this.gateway.get(this.table, MEMBERS_PARTITION, rowKey)) !== null;
    if (existed) await this.gateway.transact(this.table, MEMBERS_PARTITION, [{ kind: 'delete', partitionKey: MEMBERS_PARTITION, rowKey, etag: '*' }]);
    return existed;
  }

  /**
   * Rows of the layout before batching (one partition per person) are moved into the shared partition, unless the
   * person has a newer row there, and deleted. Every instance does this at start; once done it is one empty query.
   */
  private async moveOldRows(): Promise<void> {
    const old = await this.oldRows();
    await mapLimit(old, 8, async (row) => {
      const userId = row.entity['userId'];
      if (typeof userId === 'string') {
        const entity = { partitionKey: MEMBERS_PARTITION, rowKey: encodeKeyPart(userId), userId, groups: String(row.entity['groups']), ...(typeof row.entity['seenAt'] === 'string' && { seenAt: row.entity['seenAt'] }) };
        // A create: a row already in the new partition is newer than this one and stays ('conflict' is that case).
        await this.gateway.transact(this.table, MEMBERS_PARTITION, [{ kind: 'create', entity }]);
      }
      const pk = row.entity.partitionKey;
      await this.gateway.transact(this.table, pk, [{ kind: 'delete', partitionKey: pk, rowKey: OLD_ROW_KEY, etag: '*' }]);
    });
  }

  private async oldRows(): Promise<StoredEntity[]> {
    const range = { from: OLD_ROW_KEY, to: `${OLD_ROW_KEY}\u0000` };
    // 'member}' sorts right after every 'member|…' ('}' follows '|'), and no partition is named so.
    if (this.gateway.queryPartitions) return this.gateway.queryPartitions(this.table, OLD_PARTITION_PREFIX, 'member}', range);
    return (await this.gateway.queryTable(this.table)).filter((r) => r.entity.partitionKey.startsWith(OLD_PARTITION_PREFIX) && r.entity.rowKey === OLD_ROW_KEY);
  }
}
