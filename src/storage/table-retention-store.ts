import { isoWeekDates } from '../domain/civil-date';
import type { CivilDate } from '../domain/model';
import type { PurgedRows, RetentionStore } from '../use-cases/retention-port';
import { dayPartition } from './reservation-rows';
import { claimDateOfPartition, queryClaimDay } from './table-claim-store';
import { MAX_TRANSACTION_OPERATIONS, type StoredEntity, type TableGateway } from './table-gateway';

export interface RetentionTables {
  readonly reservations: string;
  readonly weeks: string;
  readonly claims: string;
}

/**
 * The retention pass's deletes. Rows go in transactions of up to 100 per partition; when one fails because a row
 * is already gone (another instance took the pass over and deleted it), the rows are deleted one by one, and a row
 * that is gone counts as deleted.
 */
export class TableRetentionStore implements RetentionStore {
  constructor(
    private readonly gateway: TableGateway,
    private readonly tables: RetentionTables,
  ) {}

  async purgeSiteDay(date: CivilDate, siteId: string, floorIds: readonly string[]): Promise<PurgedRows> {
    const pk = dayPartition(date);
    const rows = await this.gateway.queryPartition(this.tables.reservations, pk);
    const bookingIds = new Set<string>();
    for (const r of rows) if (r.entity['kind'] === 'booking' && r.entity['siteId'] === siteId) bookingIds.add(String(r.entity['bookingId']));
    const floors = new Set(floorIds);
    const doomed = rows.filter((r) => {
      const kind = r.entity['kind'];
      if (kind === 'ledger') return floors.has(String(r.entity['floorId']));
      return (kind === 'booking' || kind === 'desk' || kind === 'person') && bookingIds.has(String(r.entity['bookingId']));
    });
    await this.deleteAll(this.tables.reservations, pk, doomed);
    return { bookings: bookingIds.size, rows: doomed.length };
  }

  async purgeClaims(date: CivilDate, siteId: string): Promise<number> {
    // A day's claims are spread over several partitions (see claimPartition): each is deleted in its own.
    const rows = (await queryClaimDay(this.gateway, this.tables.claims, date)).filter((r) => r.entity['siteId'] === siteId);
    const byPartition = new Map<string, StoredEntity[]>();
    for (const r of rows) byPartition.set(r.entity.partitionKey, [...(byPartition.get(r.entity.partitionKey) ?? []), r]);
    for (const [pk, list] of byPartition) await this.deleteAll(this.tables.claims, pk, list);
    return rows.length;
  }

  async daysLeftBefore(before: CivilDate): Promise<CivilDate[]> {
    if (!this.gateway.queryPartitions) return [];
    const days = new Set<CivilDate>();
    // Keys only, over every day partition before the cut-off: after daily passes, nothing is there to send.
    const everyRow = { from: '', to: '\uffff' };
    for (const [table, prefix] of [[this.tables.reservations, 'day|'], [this.tables.claims, 'claims|']] as const) {
      const rows = await this.gateway.queryPartitions(table, prefix, `${prefix}${before}`, everyRow, { keysOnly: true });
      for (const r of rows) {
        const pk = r.entity.partitionKey;
        const date = prefix === 'claims|' ? (claimDateOfPartition(pk) ?? '') : pk.slice(prefix.length);
        if (/^\d{4}-\d{2}-\d{2}$/.test(date) && date < before) days.add(date);
      }
    }
    return [...days].sort();
  }

  async purgeWeeksBefore(date: CivilDate): Promise<number> {
    // The weeks table has one row per person and week: a scan once a day is small next to the bookings it follows.
    const rows = (await this.gateway.queryTable(this.tables.weeks)).filter((r) => {
      const week = r.entity.rowKey;
      return /^\d{4}-W\d{2}$/.test(week) && isoWeekDates(week)[6]! < date;
    });
    const byPartition = new Map<string, StoredEntity[]>();
    for (const r of rows) byPartition.set(r.entity.partitionKey, [...(byPartition.get(r.entity.partitionKey) ?? []), r]);
    for (const [pk, list] of byPartition) await this.deleteAll(this.tables.weeks, pk, list);
    return rows.length;
  }

  private async deleteAll(table: string, pk: string, rows: readonly StoredEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += MAX_TRANSACTION_OPERATIONS) {
      const batch = rows.slice(i, i + MAX_TRANSACTION_OPERATIONS);
      const ops = batch.map((r) => ({ kind: 'delete' as const, partitionKey: pk, rowKey: r.entity.rowKey, etag: '*' }));
      if ((await this.gateway.transact(table, pk, ops)) === 'ok') continue;
      for (const op of ops) await this.gateway.transact(table, pk, [op]);
    }
  }
}
