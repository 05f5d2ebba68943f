import type { CivilDate } from '../domain/model';
import { CorruptDataError } from '../use-cases/ports';
import type {
  AcquireInput,
  AcquireResult,
  Claim,
  ClaimChange,
  ClaimKind,
  ClaimState,
  ClaimStore,
  HeldClaim,
} from '../use-cases/reminders/reminder-ports';
import { encodeKeyPart } from './key-encoding';
import { mapLimit } from './map-limit';
import type { StoredEntity, TableEntity, TableGateway } from './table-gateway';

const STATES: readonly ClaimState[] = ['pending', 'sent', 'failed', 'skipped'];
const KINDS: readonly ClaimKind[] = ['reminder', 'release', 'cancelled', 'purge', 'series', 'offer', 'booked-for', 'cancelled-for'];
const MAX_DETAIL = 300;
const MAX_DAYS_REMEMBERED = 1000;

/**
 * How many partitions the claims of one day are spread over. A day's reminders and releases are one claim per booking,
 * thousands at a large site, and every claim write is a point operation in its partition: in one partition they all
 * contend for one partition server in Azure (about 2,000 entities/s at most), and in Azurite (the embedded store of
 * pilots, and of the tests and benches) every point operation scans its partition, so a fan-out's cost grew with
 * the square of the day's bookings. Spread over 16, a day of 5,000 bookings has about 300 claims a partition. The
 * day is still read in one query (a range of partitions), so the passes and every reader see the whole day at once.
 */
export const CLAIM_BUCKETS = 16;

/** The partition of the claim of `bookingId` on `date`: one of the day's CLAIM_BUCKETS, from a hash of the id. */
export function claimPartition(date: CivilDate, bookingId: string): string {
  return `claims|${date}|${claimBucket(bookingId)}`;
}

/** A booking's bucket, '00' to '0f': FNV-1a of its id, so that every instance and every version agrees. */
export function claimBucket(bookingId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bookingId.length; i++) {
    h ^= bookingId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % CLAIM_BUCKETS).toString(16).padStart(2, '0');
}

/**
 * Where every claim of a day was kept before days were spread over buckets (until December 2026). Nothing writes
 * there any more; it is still read, so that claims written by an earlier version are seen (see listDay).
 */
export function legacyClaimPartition(date: CivilDate): string {
  return `claims|${date}`;
}

/** Every partition that can hold a claim of `date`, in key order: the legacy one, then the buckets. */
export function claimPartitionsOfDay(date: CivilDate): string[] {
  const buckets = Array.from({ length: CLAIM_BUCKETS }, (_, b) => `claims|${date}|${b.toString(16).padStart(2, '0')}`);
  return [legacyClaimPartition(date), ...buckets];
}

/** The day a claim partition belongs to (legacy or bucket), or undefined for any other key. */
export function claimDateOfPartition(partitionKey: string): CivilDate | undefined {
  const m = /^claims\|(\d{4}-\d{2}-\d{2})(?:\|[0-9a-f]{2})?$/.exec(partitionKey);
  return m?.[1];
}

/**
 * Every claim row of a day, in all its partitions (legacy first, then the buckets): one query over the range of
 * partitions when the gateway offers it, else one query a partition.
 */
export async function queryClaimDay(gateway: TableGateway, table: string, date: CivilDate): Promise<StoredEntity[]> {
  const partitions = claimPartitionsOfDay(date);
  const rows = gateway.queryPartitions
    ? await gateway.queryPartitions(table, partitions[0]!, partitions[partitions.length - 1]!, EVERY_ROW)
    : (await mapLimit(partitions, 4, (pk) => gateway.queryPartition(table, pk))).flat();
  return rows.filter((r) => claimDateOfPartition(r.entity.partitionKey) === date);
}

const EVERY_ROW = { from: '', to: '\uffff' };

export function claimRowKey(kind: ClaimKind, bookingId: string): string {
  return `${kind}|${encodeKeyPart(bookingId)}`;
}

/**
 * Claims (an outbox of reminders and releases), one row per (booking, kind) in one of the partitions of the booking's
 * day (claimPartition: the day, and a bucket from the booking id).
 *
 * Every write is conditional, so claims are decided by the storage service, not by any instance's memory:
 * - the first claim is a create: of instances that race for it, one gets 201 and the others 409;
 * - a takeover (of a pending claim whose lease has run out), a lease extension and the final state are replaces
 *   with If-Match on the ETag that was read: of two writers, the second gets 412 and learns it lost the claim.
 * The in-memory gateway has the same semantics, so the unit tests exercise the same decisions.
 */
export class TableClaimStore implements ClaimStore {
  constructor(
    private readonly gateway: TableGateway,
    private readonly table: string,
  ) {}

  async init(): Promise<void> {
    await this.gateway.ensureTables([this.table]);
  }

  async acquire(input: AcquireInput): Promise<AcquireResult> {
    const pk = claimPartition(input.date, input.bookingId);
    const rk = claimRowKey(input.kind, input.bookingId);
    const now = input.now.toISOString();
    const leaseUntil = new Date(input.now.getTime() + input.leaseMs).toISOString();
    const marker = input.sending ? { sendingSince: now } : {};
    // A claim an earlier version wrote in the day's legacy partition is still the claim: final or under a live lease,
    // it is not taken; run out, it moves to its bucket with the create below (previous: what it took over).
    const legacy = await this.legacyClaim(input.date, rk);
    if (legacy && (legacy.state !== 'pending' || Date.parse(legacy.leaseUntil) > input.now.getTime()))
      return { acquired: false, current: legacy };
    // The usual case is a claim nobody made yet: one create, and nothing else.
    const created: Claim = {
      date: input.date,
      bookingId: input.bookingId,
      kind: input.kind,
      siteId: input.siteId,
      userId: input.userId,
      state: 'pending',
      owner: input.owner,
      leaseUntil,
      attempts: 1,
      ...marker,
      ...(input.payload !== undefined && { payload: input.payload }),
      updatedAt: now,
    };
    const fresh: Claim = legacy
      ? { ...(input.sending ? legacy : withoutSending(legacy)), owner: input.owner, leaseUntil, attempts: legacy.attempts + 1, ...marker, updatedAt: now }
      : created;
    if (
      (await this.gateway.transact(this.table, pk, [{ kind: 'create', entity: toEntity(fresh) }])) === 'ok'
    ) {
      return { acquired: true, held: { claim: fresh, version: null }, ...(legacy && { previous: legacy }) };
    }
    const row = await this.gateway.get(this.table, pk, rk);
    // Nothing deletes claims of a current day; a row gone in between is treated as someone else's.
    if (!row) return { acquired: false, current: fresh };
    const existing = toHeld(row);
    const c = existing.claim;
    if (c.state !== 'pending' || Date.parse(c.leaseUntil) > input.now.getTime())
      return { acquired: false, current: c };
    const base = input.sending ? c : withoutSending(c);
    const taken: Claim = {
      ...base,
      owner: input.owner,
      leaseUntil,
      attempts: c.attempts + 1,
      ...marker,
      updatedAt: now,
    };
    const outcome = await this.gateway.transact(this.table, pk, [
      { kind: 'replace', entity: toEntity(taken), etag: existing.version! },
    ]);
    if (outcome !== 'ok') {
      const current = await this.gateway.get(this.table, pk, rk);
      return { acquired: false, current: current ? toHeld(current).claim : c };
    }
    return { acquired: true, held: { claim: taken, version: null }, previous: c };
  }

  /**
   * Whether the day's legacy partition holds any claim, learnt once per day and process (by listDay, or one query):
   * nothing of this version writes there, so a day found empty stays empty, and an acquire costs no extra request.
   */
  private readonly legacyDays = new Map<CivilDate, Promise<boolean>>();

  /** The claim with this key in the day's legacy partition, if the day has any there. */
  private async legacyClaim(date: CivilDate, rowKey: string): Promise<Claim | undefined> {
    let known = this.legacyDays.get(date);
    if (!known) {
      // One entry a day; a process that ran for years would forget and learn them again.
      if (this.legacyDays.size >= MAX_DAYS_REMEMBERED) this.legacyDays.clear();
      known = this.gateway.queryPartition(this.table, legacyClaimPartition(date)).then((rows) => rows.length > 0);
      this.legacyDays.set(date, known);
      known.catch(() => this.legacyDays.delete(date));
    }
    if (!(await known)) return undefined;
    const row = await this.gateway.get(this.table, legacyClaimPartition(date), rowKey);
    return row ? toClaim(row.entity) : undefined;
  }

  async update(held: HeldClaim, change: ClaimChange, now: Date): Promise<HeldClaim | null> {
    const next = applyChange(held.claim, change, now);
    if (!(await this.write(held, next))) return null;
    const row = await this.gateway.get(
      this.table,
      claimPartition(next.date, next.bookingId),
      claimRowKey(next.kind, next.bookingId),
    );
    if (!row) return null;
    const after = toHeld(row);
    return sameWrite(after.claim, next) ? after : null;
  }

  async finish(held: HeldClaim, change: ClaimChange, now: Date): Promise<boolean> {
    const next = applyChange(held.claim, change, now);
    if (next.state === 'sent') {
      // Accepted by the connector: true whoever holds the claim now, and final. See ClaimStore.finish. A replace
      // with If-Match '*' rather than an upsert: the row exists (the holder created or took it), and a replace is
      // one lookup of the row where an upsert is two in Azurite. A row gone (purged) is not written again.
      const op = { kind: 'replace', entity: toEntity(next), etag: '*' } as const;
      return (await this.gateway.transact(this.table, claimPartition(next.date, next.bookingId), [op])) === 'ok';
    }
    return this.write(held, next);
  }

  /** A write conditioned on the holder's version, read first (and checked to be the holder's row) when unknown. */
  private async write(held: HeldClaim, next: Claim): Promise<boolean> {
    const pk = claimPartition(next.date, next.bookingId);
    let etag = held.version;
    if (etag === null) {
      const row = await this.gateway.get(this.table, pk, claimRowKey(next.kind, next.bookingId));
      if (!row) return false;
      const current = toHeld(row);
      if (!sameWrite(current.claim, held.claim)) return false;
      etag = current.version!;
    }
    const op = { kind: 'replace', entity: toEntity(next), etag } as const;
    return (await this.gateway.transact(this.table, pk, [op])) === 'ok';
  }

  /**
   * Every claim of the day, from all its partitions. A claim in the legacy partition (written before the buckets) is
   * listed too, unless the same (kind, booking) has a claim in its bucket: that one is the claim now.
   */
  async listDay(date: CivilDate): Promise<Claim[]> {
    const rows = await queryClaimDay(this.gateway, this.table, date);
    const legacy = legacyClaimPartition(date);
    const hasLegacy = rows.some((r) => r.entity.partitionKey === legacy);
    // What this read saw of the legacy partition is what acquire needs to know.
    this.legacyDays.set(date, Promise.resolve(hasLegacy));
    const bucketed = new Set(rows.filter((r) => r.entity.partitionKey !== legacy).map((r) => r.entity.rowKey));
    return rows
      .filter((r) => r.entity.partitionKey !== legacy || !bucketed.has(r.entity.rowKey))
      .map((r) => toClaim(r.entity));
  }
}

function applyChange(c: Claim, change: ClaimChange, now: Date): Claim {
  const { sendingSince, ...rest } = change;
  const next: Claim = {
    ...c,
    ...rest,
    ...(rest.detail !== undefined && { detail: rest.detail.slice(0, MAX_DETAIL) }),
    updatedAt: now.toISOString(),
  };
  if (sendingSince === undefined) return next;
  return sendingSince === null ? withoutSending(next) : { ...next, sendingSince };
}

/** Whether a row read back is the one this instance wrote (and not a later write by someone else). */
function sameWrite(read: Claim, written: Claim): boolean {
  return (
    read.owner === written.owner &&
    read.attempts === written.attempts &&
    read.state === written.state &&
    read.updatedAt === written.updatedAt
  );
}

function withoutSending(c: Claim): Claim {
  const { sendingSince: _drop, ...rest } = c;
  return rest;
}

function toEntity(c: Claim): TableEntity {
  return {
    partitionKey: claimPartition(c.date, c.bookingId),
    rowKey: claimRowKey(c.kind, c.bookingId),
    date: c.date,
    bookingId: c.bookingId,
    kind: c.kind,
    siteId: c.siteId,
    userId: c.userId,
    state: c.state,
    owner: c.owner,
    leaseUntil: c.leaseUntil,
    attempts: c.attempts,
    sendingSince: c.sendingSince ?? '',
    detail: c.detail ?? '',
    ...(c.payload !== undefined && { payload: c.payload }),
    updatedAt: c.updatedAt,
  };
}

function toHeld(row: StoredEntity): HeldClaim {
  return { claim: toClaim(row.entity), version: row.etag };
}

function toClaim(e: TableEntity): Claim {
  const str = (name: string): string => {
    const v = e[name];
    if (typeof v !== 'string')
      throw new CorruptDataError(`Claim row ${e.partitionKey} ${e.rowKey} has no text "${name}"`);
    return v;
  };
  const state = str('state') as ClaimState;
  const kind = str('kind') as ClaimKind;
  const attempts = e['attempts'];
  if (
    !STATES.includes(state) ||
    !KINDS.includes(kind) ||
    typeof attempts !== 'number' ||
    !Number.isInteger(attempts)
  ) {
    throw new CorruptDataError(
      `Claim row ${e.partitionKey} ${e.rowKey} has an unknown state, kind or attempt count`,
    );
  }
  const sendingSince = str('sendingSince');
  const detail = str('detail');
  return {
    date: str('date'),
    bookingId: str('bookingId'),
    kind,
    siteId: str('siteId'),
    userId: str('userId'),
    state,
    owner: str('owner'),
    leaseUntil: str('leaseUntil'),
    attempts,
    ...(sendingSince && { sendingSince }),
    ...(detail && { detail }),
    // Claims written before payloads existed have none.
    ...(typeof e['payload'] === 'string' && e['payload'] !== '' && { payload: e['payload'] }),
    updatedAt: str('updatedAt'),
  };
}
