import { createHash } from 'node:crypto';
import type { CivilDate } from '../domain/model';
import type { Discussion, DiscussionStore } from '../use-cases/discussion-port';
import type { Clock } from '../use-cases/ports';
import { encodeKeyPart } from './key-encoding';
import type { TableEntity, TableGateway, TableOperation } from './table-gateway';

/** Long enough for a follow-up after a weekend or a short holiday; older discussions are as good as forgotten. */
export const DISCUSSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Keys longer than this (after encoding) are hashed: the service refuses keys of more than 1 KiB. */
const MAX_READABLE_KEY_CHARS = 512;
const ROW_KEY = 'discussion';

/**
 * The discussion of each conversation and person, one row (in its own partition) each, in the storage account the
 * bookings live in, so that every server instance and every restart sees the same one.
 *
 * `set` is an unconditional upsert: the last writer wins. That is enough because a discussion belongs to one person
 * in one conversation, whose turns come one after the other, and because it only names what "it" is: every
 * follow-up re-reads the bookings and goes through the use cases, so a discussion overwritten by a racing turn of the
 * same person makes the bot act on (or ask about) what that person last saw, never on anything they cannot change.
 * `setKeepingSite` (every turn that suggests or books) must not lose the site someone else wrote, so it writes on
 * the version this process last saw (or as a create) and reads again only when the storage says the row changed.
 * What a process keeps of a row is that guess alone (its ETag, site and expiry), never an answer to `get`.
 *
 * Rows hold the fields of `Discussion` and an expiry, nothing else: no names, no text of the messages. Expired rows
 * are ignored on read and overwritten by the next turn.
 */
export class TableDiscussionStore implements DiscussionStore {
  private readonly ttlMs: number;
  /** What this process last read or wrote of each discussion, by partition: a guess that a conditional write checks. */
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly gateway: TableGateway,
    private readonly table: string,
    private readonly clock: Clock,
    options: { readonly ttlMs?: number } = {},
  ) {
    this.ttlMs = options.ttlMs ?? DISCUSSION_TTL_MS;
  }

  async init(): Promise<void> {
    await this.gateway.ensureTables([this.table]);
  }

  async get(key: string): Promise<Discussion | undefined> {
    const partitionKey = partitionKeyOf(key);
    const row = await this.gateway.get(this.table, partitionKey, ROW_KEY);
    if (!row) {
      this.remember(partitionKey, { etag: null, expiresAt: 0 });
      return undefined;
    }
    const expiresAt = Date.parse(String(row.entity['expiresAt']));
    const live = expiresAt > this.clock.now().getTime();
    const discussion = live ? discussionOf(row.entity) : undefined;
    this.remember(partitionKey, { etag: row.etag, expiresAt: live ? expiresAt : 0, ...(discussion?.siteId !== undefined && { siteId: discussion.siteId }) });
    return discussion;
  }

  async set(key: string, discussion: Discussion): Promise<void> {
    const partitionKey = partitionKeyOf(key);
    await this.write(partitionKey, { kind: 'upsert', entity: this.entityOf(partitionKey, discussion) });
  }

  /**
   * One conditional write where the process knows the row (it read or wrote it last), or where it guesses there is
   * none: the site comes from what it knows, and the storage refuses the write if anyone wrote since (another instance,
   * an expiry renewed elsewhere, an erasure that deleted the row). Then the row is read, and the write made again on it.
   * So a turn that only changes the booking under discussion costs one request instead of a read and a write.
   */
  async setKeepingSite(key: string, discussion: Discussion): Promise<void> {
    const partitionKey = partitionKeyOf(key);
    for (let attempt = 0; attempt < MAX_CONDITIONAL_WRITES; attempt++) {
      const known = this.known.get(partitionKey) ?? { etag: null, expiresAt: 0 };
      const siteId = discussion.siteId ?? (known.expiresAt > this.clock.now().getTime() ? known.siteId : undefined);
      const entity = this.entityOf(partitionKey, { ...discussion, ...(siteId !== undefined && { siteId }) });
      const op: TableOperation = known.etag === null ? { kind: 'create', entity } : { kind: 'replace', entity, etag: known.etag };
      if ((await this.write(partitionKey, op)) !== 'conflict') return;
      await this.get(key);
    }
    // Someone keeps writing it in between: as before, read it and write last.
    const siteId = discussion.siteId ?? (await this.get(key))?.siteId;
    await this.set(key, { ...discussion, ...(siteId !== undefined && { siteId }) });
  }

  private entityOf(partitionKey: string, discussion: Discussion): TableEntity {
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlMs).toISOString();
    return { partitionKey, rowKey: ROW_KEY, expiresAt, ...fieldsOf(discussion) };
  }

  /** Writes the row and notes what it now holds, with its new ETag when the storage gives it. */
  private async write(partitionKey: string, op: TableOperation & { readonly entity: TableEntity }): Promise<'ok' | 'conflict'> {
    this.known.delete(partitionKey);
    let etag: string | undefined;
    if (this.gateway.transactForVersions) {
      const written = await this.gateway.transactForVersions(this.table, partitionKey, [op]);
      if (written === 'conflict') return 'conflict';
      etag = written.etags.get(ROW_KEY);
    } else if ((await this.gateway.transact(this.table, partitionKey, [op])) === 'conflict') {
      return 'conflict';
    }
    // Without its ETag the row is not known: the next conditional write guesses "none", and the storage says.
    if (etag !== undefined) {
      const siteId = op.entity['siteId'];
      this.remember(partitionKey, { etag, expiresAt: Date.parse(String(op.entity['expiresAt'])), ...(typeof siteId === 'string' && { siteId }) });
    }
    return 'ok';
  }

  private remember(partitionKey: string, known: Known): void {
    this.known.delete(partitionKey);
    this.known.set(partitionKey, known);
    if (this.known.size > MAX_KNOWN) this.known.delete(this.known.keys().next().value!);
  }
}

/** A discussion as this process last saw it: the row's ETag (null: there was none), its site and until when it holds. */
interface Known {
  readonly etag: string | null;
  readonly siteId?: string;
  readonly expiresAt: number;
}

/** Discussions whose version this process keeps; an older one costs a read again on its next conditional write. */
const MAX_KNOWN = 10_000;
/** Conditional writes tried before the last-writer-wins fallback: a person's turns rarely race at all. */
const MAX_CONDITIONAL_WRITES = 3;

/** Teams conversation ids hold ':', ';' and '@', and the key joins one to a user id with '|': all encoded. */
function partitionKeyOf(key: string): string {
  const encoded = encodeKeyPart(key);
  return encoded.length <= MAX_READABLE_KEY_CHARS ? `disc|${encoded}` : `disc-sha256|${createHash('sha256').update(key).digest('hex')}`;
}

/** Only the fields of a discussion are written, picked one by one: anything else an object carries stays out. */
function fieldsOf(d: Discussion): Record<string, string> {
  const out: Record<string, string> = {};
  if (d.siteId !== undefined) out['siteId'] = d.siteId;
  if (d.date !== undefined) out['date'] = d.date;
  if (d.bookingId !== undefined) out['bookingId'] = d.bookingId;
  if (d.deskId !== undefined) out['deskId'] = d.deskId;
  if (d.pending) {
    const c = d.pending.constraints;
    const constraints = {
      ...(c.zoneId !== undefined && { zoneId: c.zoneId }),
      ...(c.attributes !== undefined && { attributes: [...c.attributes] }),
      ...(c.deskId !== undefined && { deskId: c.deskId }),
    };
    out['pending'] = JSON.stringify({ dates: [...d.pending.dates], constraints });
  }
  return out;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A row read back. One that does not have the shape this version writes (a manual edit, or a newer version during a
 * rolling deploy) counts as no discussion: the bot then asks which booking is meant, which is always safe.
 */
function discussionOf(entity: TableEntity): Discussion | undefined {
  const date = optionalString(entity['date']);
  const bookingId = optionalString(entity['bookingId']);
  const deskId = optionalString(entity['deskId']);
  const siteId = optionalString(entity['siteId']);
  if (date === null || bookingId === null || deskId === null || siteId === null) return undefined;
  if (date !== undefined && !DATE.test(date)) return undefined;
  let pending: Discussion['pending'];
  if (entity['pending'] !== undefined) {
    pending = pendingOf(entity['pending']);
    if (!pending) return undefined;
  }
  return {
    ...(siteId !== undefined && { siteId }),
    ...(date !== undefined && { date: date as CivilDate }),
    ...(bookingId !== undefined && { bookingId }),
    ...(deskId !== undefined && { deskId }),
    ...(pending && { pending }),
  };
}

function optionalString(value: unknown): string | undefined | null {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : null;
}

function pendingOf(value: unknown): Discussion['pending'] | undefined {
  if (typeof value !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const { dates, constraints } = parsed as { dates?: unknown; constraints?: unknown };
  if (!Array.isArray(dates) || !dates.every((d) => typeof d === 'string' && DATE.test(d))) return undefined;
  if (!constraints || typeof constraints !== 'object') return undefined;
  const { zoneId, attributes, deskId } = constraints as { zoneId?: unknown; attributes?: unknown; deskId?: unknown };
  if (zoneId !== undefined && typeof zoneId !== 'string') return undefined;
  if (deskId !== undefined && typeof deskId !== 'string') return undefined;
  if (attributes !== undefined && !(Array.isArray(attributes) && attributes.every((a) => typeof a === 'string'))) return undefined;
  return {
    dates: dates as CivilDate[],
    constraints: {
      ...(zoneId !== undefined && { zoneId }),
      ...(attributes !== undefined && { attributes: attributes as string[] }),
      ...(deskId !== undefined && { deskId }),
    },
  };
}
