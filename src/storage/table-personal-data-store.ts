import type { CivilDate } from '../domain/model';
import type { PersonalClaim, PersonalDataStore } from '../use-cases/personal-data-port';
import { ContentionError, type WeekEntry } from '../use-cases/ports';
import { encodeKeyPart } from './key-encoding';
import {
  dayPartition,
  entityToLedger,
  entityToWeek,
  ledgerEntity,
  personRowKey,
  weekPartition,
} from './reservation-rows';
import { queryClaimDay } from './table-claim-store';
import { MAX_TRANSACTION_OPERATIONS, type StoredEntity, type TableEntity, type TableGateway, type TableOperation } from './table-gateway';

export interface PersonalDataTables {
  readonly reservations: string;
  readonly weeks: string;
  readonly claims: string;
  readonly conversations: string;
  readonly discussions: string;
}

const MAX_ATTEMPTS = 8;

/**
 * A person's rows across the tables, for the export and the erasure. Discussions are keyed by conversation and
 * person (`disc|<conversation>|<user>`, encoded), so they are found by the key's end; a key too long to store
 * readable is hashed and cannot be found this way, but expires within 7 days like every discussion.
 */
export class TablePersonalDataStore implements PersonalDataStore {
  constructor(
    private readonly gateway: TableGateway,
    private readonly tables: PersonalDataTables,
  ) {}

  async weeksOf(userId: string): Promise<{ isoWeek: string; entries: WeekEntry[] }[]> {
    const rows = await this.gateway.queryPartition(this.tables.weeks, weekPartition(userId));
    return rows.map((r) => ({ isoWeek: r.entity.rowKey, entries: entityToWeek(r.entity) }));
  }

  async hasConversationReference(userId: string): Promise<boolean> {
    return (await this.gateway.get(this.tables.conversations, `user|${encodeKeyPart(userId)}`, 'reference')) !== null;
  }

  async discussionsOf(userId: string): Promise<{ conversationId: string; fields: Record<string, string | number | boolean> }[]> {
    return (await this.discussionRows(userId)).map(({ row, conversationId }) => {
      const { partitionKey: _pk, rowKey: _rk, ...fields } = row.entity;
      return { conversationId, fields };
    });
  }

  private async discussionRows(userId: string): Promise<{ row: StoredEntity; conversationId: string }[]> {
    const suffix = `~7C${encodeKeyPart(userId)}`;
    const rows = await this.gateway.queryTable(this.tables.discussions);
    return rows
      .filter((r) => r.entity.partitionKey.startsWith('disc|') && r.entity.partitionKey.endsWith(suffix))
      .map((row) => ({ row, conversationId: decodeKeyPart(row.entity.partitionKey.slice(5, -suffix.length)) }));
  }

  async claimsOf(userId: string, date: CivilDate): Promise<PersonalClaim[]> {
    const rows = await queryClaimDay(this.gateway, this.tables.claims, date);
    return rows
      .filter((r) => r.entity['userId'] === userId)
      .map((r) => ({
        date: String(r.entity['date']),
        kind: String(r.entity['kind']),
        bookingId: String(r.entity['bookingId']),
        state: String(r.entity['state']),
        updatedAt: String(r.entity['updatedAt']),
      }));
  }

  async pseudonymiseDay(date: CivilDate, userId: string, pseudonym: string): Promise<number> {
    const pk = dayPartition(date);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const rows = await this.gateway.queryPartition(this.tables.reservations, pk);
      const ops: TableOperation[] = [];
      for (const { entity: e, etag } of rows) {
        const kind = e['kind'];
        if (kind === 'booking' && (e['userId'] === userId || e['releasedBy'] === userId || e['bookedBy'] === userId)) {
          const { userName: _name, ...rest } = e;
          const next: TableEntity = {
            ...(e['userId'] === userId ? rest : e),
            ...(e['userId'] === userId && { userId: pseudonym }),
            ...(e['releasedBy'] === userId && { releasedBy: pseudonym }),
            ...(e['bookedBy'] === userId && { bookedBy: pseudonym }),
          };
          ops.push({ kind: 'replace', entity: next, etag });
        } else if (kind === 'desk' && e['userId'] === userId) {
          ops.push({ kind: 'replace', entity: { ...e, userId: pseudonym }, etag });
        } else if (kind === 'person' && e.rowKey === personRowKey(userId)) {
          // The person row is keyed by the id: it moves to the pseudonym's key, in the same transaction.
          ops.push({ kind: 'delete', partitionKey: pk, rowKey: e.rowKey, etag: '*' });
          ops.push({ kind: 'create', entity: { ...e, rowKey: personRowKey(pseudonym), userId: pseudonym } });
        } else if (kind === 'ledger') {
          const ledger = entityToLedger(e);
          if (!ledger.entries.some((x) => x.userId === userId)) continue;
          const entries = ledger.entries.map((x) => (x.userId === userId ? { ...x, userId: pseudonym } : x));
          ops.push({ kind: 'replace', entity: ledgerEntity(date, ledger.floorId, ledger.zoneId, entries, ledger.revision), etag });
        }
      }
      if (ops.length === 0) return 0;
      // A day holds one booking of the person at a time, plus their ended ones: far fewer than 100 rows.
      if (ops.length > MAX_TRANSACTION_OPERATIONS) throw new Error(`Pseudonymising ${date} needs ${ops.length} writes, more than one transaction holds`);
      if ((await this.gateway.transact(this.tables.reservations, pk, ops)) === 'ok') return ops.filter((o) => o.kind !== 'delete').length;
    }
    throw new ContentionError(`Could not pseudonymise ${date}: the day kept changing`);
  }

  async pseudonymiseClaims(date: CivilDate, userId: string, pseudonym: string): Promise<number> {
    let changed = 0;
    // A day's claims are spread over several partitions (see claimPartition): each row is written in its own.
    for (const { entity, etag } of await queryClaimDay(this.gateway, this.tables.claims, date)) {
      if (entity['userId'] !== userId) continue;
      // A claim changed in between (a pass at work) is left to the next erasure run; claims expire with the day's data.
      if ((await this.gateway.transact(this.tables.claims, entity.partitionKey, [{ kind: 'replace', entity: { ...entity, userId: pseudonym }, etag }])) === 'ok') changed += 1;
    }
    return changed;
  }

  async forget(userId: string): Promise<{ weeks: number; discussions: number; conversationReference: boolean }> {
    const weekRows = await this.gateway.queryPartition(this.tables.weeks, weekPartition(userId));
    for (const r of weekRows) await this.deleteRow(this.tables.weeks, r);
    const discussions = await this.discussionRows(userId);
    for (const { row } of discussions) await this.deleteRow(this.tables.discussions, row);
    const reference = await this.gateway.get(this.tables.conversations, `user|${encodeKeyPart(userId)}`, 'reference');
    if (reference) await this.deleteRow(this.tables.conversations, reference);
    return { weeks: weekRows.length, discussions: discussions.length, conversationReference: reference !== null };
  }

  private async deleteRow(table: string, row: StoredEntity): Promise<void> {
    await this.gateway.transact(table, row.entity.partitionKey, [{ kind: 'delete', partitionKey: row.entity.partitionKey, rowKey: row.entity.rowKey, etag: '*' }]);
  }
}

function decodeKeyPart(encoded: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    if (encoded[i] === '~') {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(encoded.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
