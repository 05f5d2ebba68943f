import type { CivilDate } from '../domain/model';
import { MAX_SERIES_SPAN_DAYS, type Series, type SeriesDay, type SeriesDayState, type SeriesEvery } from '../domain/series';
import { CorruptDataError } from '../use-cases/ports';
import type { SeriesStore, VersionedSeries } from '../use-cases/series-port';
import { encodeKeyPart } from './key-encoding';
import { OneTableStore } from './one-table-store';
import { prefixRange, type StoredEntity, type TableEntity } from './table-gateway';

/**
 * Series, one row each, all in one partition: a person's series are one RowKey range (their encoded id), and the daily
 * pass reads the partition once. A series names at most a year of days, a few kilobytes of JSON, well under the
 * 32 K-character property limit. Writes after the create carry the ETag read, so concurrent writers merge, not clobber.
 */
const PARTITION = 'series';
const STATES: readonly SeriesDayState[] = ['pending', 'booked', 'refused', 'cancelled'];

export class TableSeriesStore extends OneTableStore implements SeriesStore {
  async create(series: Series): Promise<boolean> {
    await this.init();
    return (await this.gateway.transact(this.table, PARTITION, [{ kind: 'create', entity: toEntity(series) }])) === 'ok';
  }

  async get(userId: string, seriesId: string): Promise<VersionedSeries | null> {
    await this.init();
    const row = await this.gateway.get(this.table, PARTITION, rowKey(userId, seriesId));
    return row ? toVersioned(row) : null;
  }

  async listOfUser(userId: string): Promise<Series[]> {
    await this.init();
    const rows = await this.gateway.queryPartition(this.table, PARTITION, prefixRange(encodeKeyPart(userId)));
    return rows.map((r) => toVersioned(r).series).sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
  }

  async listWithPendingDays(): Promise<VersionedSeries[]> {
    await this.init();
    const rows = await this.gateway.queryPartition(this.table, PARTITION);
    return rows.filter((r) => r.entity['pending'] === true).map(toVersioned);
  }

  async listEndedBefore(date: CivilDate): Promise<VersionedSeries[]> {
    await this.init();
    const rows = await this.gateway.queryPartition(this.table, PARTITION);
    return rows.filter((r) => typeof r.entity['until'] === 'string' && r.entity['until'] < date).map(toVersioned);
  }

  async remove(series: Pick<Series, 'userId' | 'id'>, expectedVersion: string): Promise<boolean> {
    await this.init();
    const op = { kind: 'delete', partitionKey: PARTITION, rowKey: rowKey(series.userId, series.id), etag: expectedVersion } as const;
    return (await this.gateway.transact(this.table, PARTITION, [op])) === 'ok';
  }

  async replace(series: Series, expectedVersion: string): Promise<boolean> {
    await this.init();
    const op = { kind: 'replace', entity: toEntity(series), etag: expectedVersion } as const;
    return (await this.gateway.transact(this.table, PARTITION, [op])) === 'ok';
  }
}

function rowKey(userId: string, seriesId: string): string {
  return `${encodeKeyPart(userId)}|${encodeKeyPart(seriesId)}`;
}

function toEntity(s: Series): TableEntity {
  return {
    partitionKey: PARTITION,
    rowKey: rowKey(s.userId, s.id),
    seriesId: s.id,
    userId: s.userId,
    userName: s.userName ?? '',
    siteId: s.siteId,
    deskId: s.deskId ?? '',
    zoneId: s.zoneId ?? '',
    attributes: (s.attributes ?? []).join(','),
    weekdays: s.weekdays.join(','),
    every: s.every,
    from: s.from,
    until: s.until,
    createdAt: s.createdAt,
    // Days as [date, state, bookingId, code]: compact, so a year of weekdays stays a few kilobytes.
    days: JSON.stringify(s.days.map((d) => [d.date, d.state, d.bookingId ?? '', d.code ?? ''])),
    pending: s.days.some((d) => d.state === 'pending'),
  };
}

function toVersioned(row: StoredEntity): VersionedSeries {
  return { series: toSeries(row.entity), version: row.etag };
}

function toSeries(e: TableEntity): Series {
  const str = (name: string): string => {
    const v = e[name];
    if (typeof v !== 'string') throw corrupt(e, `property ${name} is ${v === undefined ? 'missing' : typeof v}`);
    return v;
  };
  const every = e['every'];
  if (every !== 1 && every !== 2) throw corrupt(e, `every ${String(every)}`);
  let raw: unknown;
  try {
    raw = JSON.parse(str('days'));
  } catch (cause) {
    throw new CorruptDataError(`Series row ${e.rowKey} holds invalid JSON`, { cause });
  }
  if (!Array.isArray(raw) || raw.length > MAX_SERIES_SPAN_DAYS) throw corrupt(e, 'days are not a list of at most a year');
  const days = raw.map((x: unknown): SeriesDay => {
    if (!Array.isArray(x) || x.length !== 4 || !x.every((v) => typeof v === 'string') || !STATES.includes(x[1] as SeriesDayState)) {
      throw corrupt(e, `day ${JSON.stringify(x).slice(0, 80)}`);
    }
    const [date, state, bookingId, code] = x as [string, SeriesDayState, string, string];
    return { date, state, ...(bookingId && { bookingId }), ...(code && { code }) };
  });
  const userName = str('userName');
  const deskId = str('deskId');
  // Rows written before series took a zone or features have neither property: they asked for any desk.
  const optional = (name: string): string => (e[name] === undefined ? '' : str(name));
  const zoneId = optional('zoneId');
  const attributes = optional('attributes');
  return {
    id: str('seriesId'),
    userId: str('userId'),
    ...(userName && { userName }),
    siteId: str('siteId'),
    ...(deskId && { deskId }),
    ...(zoneId && { zoneId }),
    ...(attributes && { attributes: attributes.split(',') }),
    weekdays: str('weekdays').split(',').map(Number),
    every: every as SeriesEvery,
    from: str('from'),
    until: str('until'),
    createdAt: str('createdAt'),
    days,
  };
}

function corrupt(e: TableEntity, what: string): CorruptDataError {
  return new CorruptDataError(`Series row ${e.rowKey} is malformed: ${what}`);
}
