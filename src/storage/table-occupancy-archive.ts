import type { CivilDate } from '../domain/model';
import type { OccupancyArchive, ZoneDayFigures } from '../use-cases/occupancy-port';
import { CorruptDataError } from '../use-cases/ports';
import { encodeKeyPart } from './key-encoding';
import { MAX_TRANSACTION_OPERATIONS, type TableEntity, type TableGateway, type TableOperation } from './table-gateway';

const FIGURES = ['booked', 'checkedIn', 'noShow', 'cancelled', 'releasedEarly', 'held', 'capacity'] as const;

/**
 * Archived occupancy figures: one partition per site (`occupancy|<site>`), a row per zone-day
 * (`<date>|zone|<floor>|<zone>`) and a day marker (`<date>|day`). A day counts as archived only once its marker
 * exists, and the marker is created (409 when it exists) in the same transaction as the zone rows, or after them
 * when a site has more zones than one transaction holds: so a reader never takes half a day for a whole one, and
 * of two writers the second learns that the day is archived already. No person id is stored here.
 */
export class TableOccupancyArchive implements OccupancyArchive {
  constructor(
    private readonly gateway: TableGateway,
    private readonly table: string,
  ) {}

  async init(): Promise<void> {
    await this.gateway.ensureTables([this.table]);
  }

  async read(siteId: string, from: CivilDate, to: CivilDate): Promise<{ days: ReadonlySet<CivilDate>; rows: ZoneDayFigures[] }> {
    const rows = await this.gateway.queryPartition(this.table, partitionOf(siteId), { from: `${from}|`, to: `${to}}` });
    const days = new Set<CivilDate>();
    for (const r of rows) if (r.entity['kind'] === 'day') days.add(String(r.entity['date']));
    const figures = rows.filter((r) => r.entity['kind'] === 'zone' && days.has(String(r.entity['date']))).map((r) => toFigures(r.entity));
    return { days, rows: figures };
  }

  async archive(siteId: string, date: CivilDate, rows: readonly ZoneDayFigures[]): Promise<boolean> {
    const pk = partitionOf(siteId);
    const zoneOps: TableOperation[] = rows.map((r) => ({ kind: 'upsert', entity: toEntity(pk, r) }));
    const marker: TableOperation = { kind: 'create', entity: { partitionKey: pk, rowKey: `${date}|day`, kind: 'day', date, siteId, zones: rows.length } };
    if (zoneOps.length < MAX_TRANSACTION_OPERATIONS) return (await this.gateway.transact(this.table, pk, [...zoneOps, marker])) === 'ok';
    if (await this.gateway.get(this.table, pk, `${date}|day`)) return false;
    for (let i = 0; i < zoneOps.length; i += MAX_TRANSACTION_OPERATIONS) {
      await this.gateway.transact(this.table, pk, zoneOps.slice(i, i + MAX_TRANSACTION_OPERATIONS));
    }
    return (await this.gateway.transact(this.table, pk, [marker])) === 'ok';
  }
}

function partitionOf(siteId: string): string {
  return `occupancy|${encodeKeyPart(siteId)}`;
}

function toEntity(pk: string, r: ZoneDayFigures): TableEntity {
  const e: Record<string, string | number> = {
    partitionKey: pk,
    rowKey: `${r.date}|zone|${encodeKeyPart(r.floorId)}|${encodeKeyPart(r.zoneId)}`,
    kind: 'zone',
    date: r.date,
    siteId: r.siteId,
    floorId: r.floorId,
    zoneId: r.zoneId,
  };
  for (const f of FIGURES) e[f] = r[f];
  return e as TableEntity;
}

function toFigures(e: TableEntity): ZoneDayFigures {
  const text = (name: string): string => {
    const v = e[name];
    if (typeof v !== 'string') throw new CorruptDataError(`Archived row ${e.partitionKey} ${e.rowKey} has no text "${name}"`);
    return v;
  };
  const count = (name: string): number => {
    const v = e[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new CorruptDataError(`Archived row ${e.partitionKey} ${e.rowKey} has no count "${name}"`);
    return v;
  };
  return {
    date: text('date'),
    siteId: text('siteId'),
    floorId: text('floorId'),
    zoneId: text('zoneId'),
    booked: count('booked'),
    checkedIn: count('checkedIn'),
    noShow: count('noShow'),
    cancelled: count('cancelled'),
    releasedEarly: count('releasedEarly'),
    held: count('held'),
    capacity: count('capacity'),
  };
}
