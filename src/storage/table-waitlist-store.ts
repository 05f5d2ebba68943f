import type { CivilDate } from '../domain/model';
import { WAITLIST_STATES, type WaitlistEntry, type WaitlistState } from '../domain/waitlist';
import { CorruptDataError, type CommitOutcome, type LedgerWrite } from '../use-cases/ports';
import type { HoldCommit, HoldRelease, VersionedEntry, WaitlistStore } from '../use-cases/waitlist-port';
import { entityFields } from './entity-fields';
import { encodeKeyPart } from './key-encoding';
import { dayPartition, deskRowKey, ledgerEntity } from './reservation-rows';
import { prefixRange, type EntityValue, type StoredEntity, type TableEntity, type TableGateway, type TableOperation } from './table-gateway';

const { str, optStr, corrupt } = entityFields('Waitlist row');

export const WAIT_PREFIX = 'wait';
export const waitRowKey = (userId: string): string => `${WAIT_PREFIX}|${encodeKeyPart(userId)}`;

/**
 * The waitlist, in the reservations table: an entry is a row `wait|<user>` in its day's partition (one per person
 * per day), beside the desk, person, booking and ledger rows of that day.
 *
 * Why an offer never gives one place twice, and the rules still hold while it is held:
 *   - placing a hold is ONE transaction on the day partition that replaces the entry with If-Match (waiting →
 *     offered), creates the desk row `desk|<desk>` under the hold id, and writes the desk's zone ledger with the hold
 *     listed, plus the ledgers of every zone with a desk within D, unchanged, all with If-Match — exactly the rows a
 *     booking of that desk writes. So a hold and a booking (or another hold) that could together break a rule share a
 *     written row and one of them fails, as two bookings do (see TableReservationStore): the desk row gives 409 to a
 *     second taker of the desk, the ledgers 412 to a neighbour within D or a zone at capacity.
 *   - the entry's If-Match means two instances offering to the same person at once commit one hold.
 *   - only the holder turns a hold into a booking: bookDesk drops the actor's own hold of the desk from the ledger it
 *     writes and replaces the hold's desk row (etag '*', guarded by that ledger's If-Match: while the ledger lists the
 *     hold, the desk row is the hold's, as the two are only ever written together).
 *   - ending a hold (expired, declined, left) is one transaction: the entry with If-Match, the ledger without the hold
 *     with If-Match, and the desk row deleted (again guarded by the ledger). A booking that took the hold over first
 *     changed that ledger, so the ending fails, re-reads, and finds the hold gone: it then writes the entry alone.
 */
export class TableWaitlistStore implements WaitlistStore {
  constructor(
    private readonly gateway: TableGateway,
    /** The reservations table: holds must share a partition with the bookings and ledgers of their day. */
    private readonly table: string,
  ) {}

  async readDay(date: CivilDate): Promise<VersionedEntry[]> {
    const rows = await this.gateway.queryPartition(this.table, dayPartition(date), prefixRange(WAIT_PREFIX));
    return rows.map(toVersioned);
  }

  async readMine(date: CivilDate, userId: string): Promise<VersionedEntry | null> {
    const row = await this.gateway.get(this.table, dayPartition(date), waitRowKey(userId));
    return row ? toVersioned(row) : null;
  }

  async join(entry: WaitlistEntry): Promise<{ created: boolean; current: VersionedEntry } | 'conflict'> {
    const pk = dayPartition(entry.date);
    if ((await this.gateway.transact(this.table, pk, [{ kind: 'create', entity: entryEntity(entry) }])) === 'ok') {
      const row = await this.gateway.get(this.table, pk, waitRowKey(entry.userId));
      return row ? { created: true, current: toVersioned(row) } : 'conflict';
    }
    const existing = await this.readMine(entry.date, entry.userId);
    if (!existing) return 'conflict';
    if (existing.entry.state === 'waiting' || existing.entry.state === 'offered') return { created: false, current: existing };
    // A finished entry is replaced: joining again puts the person at the back, with their count of offers kept.
    const again = { ...entry, offers: existing.entry.offers };
    if ((await this.gateway.transact(this.table, pk, [{ kind: 'replace', entity: entryEntity(again), etag: existing.version }])) !== 'ok') return 'conflict';
    const row = await this.gateway.get(this.table, pk, waitRowKey(entry.userId));
    return row ? { created: true, current: toVersioned(row) } : 'conflict';
  }

  async writeEntry(entry: WaitlistEntry, expectedVersion: string): Promise<CommitOutcome> {
    return outcome(
      await this.gateway.transact(this.table, dayPartition(entry.date), [{ kind: 'replace', entity: entryEntity(entry), etag: expectedVersion }]),
    );
  }

  async placeHold(commit: HoldCommit): Promise<CommitOutcome> {
    const { entry } = commit;
    const offer = entry.offer;
    if (!offer || entry.state !== 'offered') throw new TypeError('placeHold needs an entry in state offered, with its offer');
    const pk = dayPartition(entry.date);
    const ops: TableOperation[] = [
      { kind: 'replace', entity: entryEntity(entry), etag: commit.expectedVersion },
      {
        kind: 'create',
        entity: { partitionKey: pk, rowKey: deskRowKey(offer.deskId), kind: 'desk', deskId: offer.deskId, bookingId: offer.holdId, userId: entry.userId, hold: true },
      },
      ...commit.ledgers.map((l) => ledgerOperation(entry.date, l)),
    ];
    return outcome(await this.gateway.transact(this.table, pk, ops));
  }

  async releaseHold(release: HoldRelease): Promise<CommitOutcome> {
    const { entry } = release;
    const pk = dayPartition(entry.date);
    const ops: TableOperation[] = [{ kind: 'replace', entity: entryEntity(entry), etag: release.expectedVersion }];
    if (release.ledger && release.deskId) {
      ops.push(ledgerOperation(entry.date, release.ledger));
      ops.push({ kind: 'delete', partitionKey: pk, rowKey: deskRowKey(release.deskId), etag: '*' });
    }
    return outcome(await this.gateway.transact(this.table, pk, ops));
  }
}

function ledgerOperation(date: string, l: LedgerWrite): TableOperation {
  const entity = ledgerEntity(date, l.floorId, l.zoneId, l.entries, l.revision ?? 0);
  return l.expectedVersion === null ? { kind: 'create', entity } : { kind: 'replace', entity, etag: l.expectedVersion };
}

function outcome(result: 'ok' | 'conflict'): CommitOutcome {
  return result === 'ok' ? { committed: true } : { committed: false, reason: 'conflict' };
}

export function entryEntity(e: WaitlistEntry): TableEntity {
  const x: Record<string, EntityValue> = {
    partitionKey: dayPartition(e.date),
    rowKey: waitRowKey(e.userId),
    kind: 'wait',
    entryId: e.id,
    date: e.date,
    userId: e.userId,
    siteId: e.siteId,
    attributes: JSON.stringify(e.attributes),
    joinedAt: e.joinedAt,
    state: e.state,
    offers: e.offers,
  };
  if (e.userName !== undefined) x['userName'] = e.userName;
  if (e.zoneId !== undefined) x['zoneId'] = e.zoneId;
  if (e.offer) {
    x['holdId'] = e.offer.holdId;
    x['deskId'] = e.offer.deskId;
    x['floorId'] = e.offer.floorId;
    x['offerZoneId'] = e.offer.zoneId;
    x['offeredAt'] = e.offer.offeredAt;
    x['expiresAt'] = e.offer.expiresAt;
  }
  return x as TableEntity;
}

function toVersioned(row: StoredEntity): VersionedEntry {
  return { entry: entityToEntry(row.entity), version: row.etag };
}

export function entityToEntry(e: TableEntity): WaitlistEntry {
  const state = str(e, 'state') as WaitlistState;
  if (!WAITLIST_STATES.includes(state)) throw corrupt(e, `state "${state}"`);
  let attributes: unknown;
  try {
    attributes = JSON.parse(str(e, 'attributes'));
  } catch (cause) {
    throw new CorruptDataError(`Waitlist row ${e.partitionKey} ${e.rowKey} holds invalid attributes`, { cause });
  }
  if (!Array.isArray(attributes) || !attributes.every((a) => typeof a === 'string')) throw corrupt(e, 'attributes are not a list of words');
  const holdId = optStr(e, 'holdId');
  const offers = e['offers'];
  return {
    id: str(e, 'entryId'),
    date: str(e, 'date'),
    userId: str(e, 'userId'),
    ...(optStr(e, 'userName') !== undefined && { userName: optStr(e, 'userName') }),
    siteId: str(e, 'siteId'),
    ...(optStr(e, 'zoneId') !== undefined && { zoneId: optStr(e, 'zoneId') }),
    attributes: attributes as string[],
    joinedAt: str(e, 'joinedAt'),
    state,
    offers: typeof offers === 'number' ? offers : 0,
    ...(holdId !== undefined && {
      offer: {
        holdId,
        deskId: str(e, 'deskId'),
        floorId: str(e, 'floorId'),
        zoneId: str(e, 'offerZoneId'),
        offeredAt: str(e, 'offeredAt'),
        expiresAt: str(e, 'expiresAt'),
      },
    }),
  };
}
