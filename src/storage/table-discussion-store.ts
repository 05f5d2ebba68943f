import { createHash } from 'node:crypto';
import type { CivilDate } from '../domain/model';
import type { Discussion, DiscussionStore } from '../use-cases/discussion-port';
import type { Clock } from '../use-cases/ports';
import { encodeKeyPart } from './key-encoding';
import type { TableEntity, TableGateway } from './table-gateway';

/** Long enough for a follow-up after a weekend or a short holiday; older discussions are as good as forgotten. */
export const DISCUSSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Keys longer than this (after encoding) are hashed: the service refuses keys of more than 1 KiB. */
const MAX_READABLE_KEY_CHARS = 512;
const ROW_KEY = 'discussion';

/**
 * The discussion of each conversation and person, one row (in its own partition) each, in the storage account the
 * bookings live in, so that every server instance and every restart sees the same one.
 *
 * Writes are unconditional upserts: the last writer wins. That is enough because a discussion belongs to one person
 * in one conversation, whose turns come one after the other, and because it only names what "it" is: every
 * follow-up re-reads the bookings and goes through the use cases, so a discussion overwritten by a racing turn of the
 * same person makes the bot act on (or ask about) what that person last saw, never on anything they cannot change.
 *
 * Rows hold the fields of `Discussion` and an expiry, nothing else: no names, no text of the messages. Expired rows
 * are ignored on read and overwritten by the next turn.
 */
export class TableDiscussionStore implements DiscussionStore {
  private readonly ttlMs: number;

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
    const row = await this.gateway.get(this.table, partitionKeyOf(key), ROW_KEY);
    if (!row) return undefined;
    const expiresAt = Date.parse(String(row.entity['expiresAt']));
    if (!(expiresAt > this.clock.now().getTime())) return undefined;
    return discussionOf(row.entity);
  }

  async set(key: string, discussion: Discussion): Promise<void> {
    const partitionKey = partitionKeyOf(key);
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlMs).toISOString();
    await this.gateway.transact(this.table, partitionKey, [
      { kind: 'upsert', entity: { partitionKey, rowKey: ROW_KEY, expiresAt, ...fieldsOf(discussion) } },
    ]);
  }
}

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
