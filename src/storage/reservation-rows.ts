import type { Booking, BookingStatus, LedgerEntry, ReleaseReason } from '../domain/model';
export { dateOfBookingId } from '../domain/model';
import { CorruptDataError, type PersonDayRow, type WeekEntry } from '../use-cases/ports';
import { entityFields } from './entity-fields';
import { encodeKeyPart } from './key-encoding';
import { MAX_STRING_PROPERTY_CHARS } from './entity-limits';
import type { EntityValue, TableEntity } from './table-gateway';

const { str, optStr, num, corrupt } = entityFields('Row');

/**
 * How reservations map onto table rows. One partition per organisation-day holds, for each active booking,
 * a desk row and a person row (both created, so a second one gets 409), the booking row, and one ledger row per zone.
 * Both stores go through these functions, so a mapping bug shows up in memory as well as on Azure.
 */

export const dayPartition = (date: string): string => `day|${date}`;
export const bookingRowKey = (bookingId: string): string => `booking|${encodeKeyPart(bookingId)}`;
export const deskRowKey = (deskId: string): string => `desk|${encodeKeyPart(deskId)}`;
export const personRowKey = (userId: string): string => `person|${encodeKeyPart(userId)}`;
export const ledgerPrefix = (floorId: string): string => `zone|${encodeKeyPart(floorId)}`;
export const ledgerRowKey = (floorId: string, zoneId: string): string =>
  `${ledgerPrefix(floorId)}|${encodeKeyPart(zoneId)}`;
export const weekPartition = (userId: string): string => `week|${encodeKeyPart(userId)}`;


const STATUSES: readonly BookingStatus[] = ['booked', 'checked-in', 'released', 'cancelled-by-admin'];
const REASONS: readonly ReleaseReason[] = ['cancelled', 'released-early', 'no-show', 'admin'];

export function bookingToEntity(b: Booking): TableEntity {
  const e: Record<string, EntityValue> = {
    partitionKey: dayPartition(b.date),
    rowKey: bookingRowKey(b.id),
    kind: 'booking',
    bookingId: b.id,
    siteId: b.siteId,
    floorId: b.floorId,
    zoneId: b.zoneId,
    deskId: b.deskId,
    date: b.date,
    userId: b.userId,
    status: b.status,
    createdAt: b.createdAt,
  };
  if (b.userName !== undefined) e['userName'] = b.userName;
  if (b.requestId !== undefined) e['requestId'] = b.requestId;
  if (b.checkedInAt !== undefined) e['checkedInAt'] = b.checkedInAt;
  if (b.releasedAt !== undefined) e['releasedAt'] = b.releasedAt;
  if (b.releaseReason !== undefined) e['releaseReason'] = b.releaseReason;
  if (b.releasedBy !== undefined) e['releasedBy'] = b.releasedBy;
  if (b.seriesId !== undefined) e['seriesId'] = b.seriesId;
  if (b.bookedBy !== undefined) e['bookedBy'] = b.bookedBy;
  return e as TableEntity;
}

export function entityToBooking(e: TableEntity): Booking {
  const status = str(e, 'status') as BookingStatus;
  if (!STATUSES.includes(status)) throw corrupt(e, `status "${status}"`);
  const reason = optStr(e, 'releaseReason') as ReleaseReason | undefined;
  if (reason !== undefined && !REASONS.includes(reason)) throw corrupt(e, `releaseReason "${reason}"`);
  return {
    id: str(e, 'bookingId'),
    siteId: str(e, 'siteId'),
    floorId: str(e, 'floorId'),
    zoneId: str(e, 'zoneId'),
    deskId: str(e, 'deskId'),
    date: str(e, 'date'),
    userId: str(e, 'userId'),
    status,
    createdAt: str(e, 'createdAt'),
    ...(optStr(e, 'userName') !== undefined && { userName: optStr(e, 'userName') }),
    ...(optStr(e, 'requestId') !== undefined && { requestId: optStr(e, 'requestId') }),
    ...(optStr(e, 'checkedInAt') !== undefined && { checkedInAt: optStr(e, 'checkedInAt') }),
    ...(optStr(e, 'releasedAt') !== undefined && { releasedAt: optStr(e, 'releasedAt') }),
    ...(reason !== undefined && { releaseReason: reason }),
    ...(optStr(e, 'releasedBy') !== undefined && { releasedBy: optStr(e, 'releasedBy') }),
    ...(optStr(e, 'seriesId') !== undefined && { seriesId: optStr(e, 'seriesId') }),
    ...(optStr(e, 'bookedBy') !== undefined && { bookedBy: optStr(e, 'bookedBy') }),
  };
}

export function deskEntity(b: Booking): TableEntity {
  return { partitionKey: dayPartition(b.date), rowKey: deskRowKey(b.deskId), kind: 'desk', deskId: b.deskId, bookingId: b.id, userId: b.userId };
}

export function personEntity(b: Booking): TableEntity {
  const e: Record<string, EntityValue> = {
    partitionKey: dayPartition(b.date),
    rowKey: personRowKey(b.userId),
    kind: 'person',
    userId: b.userId,
    bookingId: b.id,
    deskId: b.deskId,
  };
  if (b.requestId !== undefined) e['requestId'] = b.requestId;
  return e as TableEntity;
}

export function entityToPersonDay(e: TableEntity): PersonDayRow {
  return {
    bookingId: str(e, 'bookingId'),
    deskId: str(e, 'deskId'),
    ...(optStr(e, 'requestId') !== undefined && { requestId: optStr(e, 'requestId') }),
  };
}

/** A ledger's entries as JSON, split over as many properties as the 32 K-character limit needs. */
export function ledgerEntity(
  date: string,
  floorId: string,
  zoneId: string,
  entries: readonly LedgerEntry[],
  revision = 0,
): TableEntity {
  const compact = entries.map((x) => [x.deskId, x.userId, x.bookingId, x.checkedIn ? 1 : 0]);
  const e: Record<string, EntityValue> = {
    partitionKey: dayPartition(date),
    rowKey: ledgerRowKey(floorId, zoneId),
    kind: 'ledger',
    floorId,
    zoneId,
    count: entries.length,
    // The catalog revision of the last writer: a writer holding an older catalog learns from it that its layout is stale.
    revision,
  };
  const chunks = chunk(JSON.stringify(compact), MAX_STRING_PROPERTY_CHARS - 1024);
  e['chunks'] = chunks.length;
  chunks.forEach((c, i) => (e[`entries${i}`] = c));
  return e as TableEntity;
}

export function entityToLedger(e: TableEntity): { zoneId: string; floorId: string; entries: LedgerEntry[]; revision: number } {
  const chunks = num(e, 'chunks');
  let json = '';
  for (let i = 0; i < chunks; i++) json += str(e, `entries${i}`);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (cause) {
    throw new CorruptDataError(`Ledger ${e.partitionKey} ${e.rowKey} holds invalid JSON`, { cause });
  }
  if (!Array.isArray(raw)) throw corrupt(e, 'entries are not a list');
  const entries = raw.map((x: unknown) => {
    if (!Array.isArray(x) || x.length !== 4 || typeof x[0] !== 'string' || typeof x[1] !== 'string' || typeof x[2] !== 'string') {
      throw corrupt(e, `entry ${JSON.stringify(x)}`);
    }
    return { deskId: x[0], userId: x[1], bookingId: x[2], checkedIn: x[3] === 1 };
  });
  if (entries.length !== num(e, 'count')) throw corrupt(e, `count ${num(e, 'count')} for ${entries.length} entries`);
  const revision = e['revision'];
  return { zoneId: str(e, 'zoneId'), floorId: str(e, 'floorId'), entries, revision: typeof revision === 'number' ? revision : 0 };
}

export function weekEntity(userId: string, isoWeek: string, entries: readonly WeekEntry[]): TableEntity {
  return {
    partitionKey: weekPartition(userId),
    rowKey: isoWeek,
    userId,
    entries: JSON.stringify(entries.map((x) => [x.bookingId, x.date, x.heldAt])),
  };
}

export function entityToWeek(e: TableEntity): WeekEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(str(e, 'entries'));
  } catch (cause) {
    throw new CorruptDataError(`Week row ${e.partitionKey} ${e.rowKey} holds invalid JSON`, { cause });
  }
  if (!Array.isArray(raw)) throw corrupt(e, 'entries are not a list');
  return raw.map((x: unknown) => {
    if (!Array.isArray(x) || x.length !== 3 || !x.every((v) => typeof v === 'string')) throw corrupt(e, `entry ${JSON.stringify(x)}`);
    return { bookingId: x[0] as string, date: x[1] as string, heldAt: x[2] as string };
  });
}

function chunk(s: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out.length > 0 ? out : [''];
}
