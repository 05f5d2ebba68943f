import { randomBytes } from 'node:crypto';
import { CorruptDataError } from '../use-cases/ports';
import type { PlanCalibration, PlanImageInfo, PlanImages, PlanImageType } from '../use-cases/plan-image-port';
import { encodeKeyPart } from './key-encoding';
import { MAX_TRANSACTION_OPERATIONS, type TableEntity, type TableGateway, type TableOperation } from './table-gateway';

/** Base64 characters per row: under the 32 K characters a string property may hold. */
const CHUNK_CHARS = 30_000;

/**
 * Plan images in Table Storage: each upload writes its bytes, base64, in rows of a partition of its own
 * (`planimg|<floor>|<version>`), then flips the floor's pointer row (`plan|<floor>`, If-Match) to it, as the catalog
 * does; readers follow the pointer and check the row count, so they never see half an image. The version replaced
 * is removed after the flip.
 */
export class TablePlanImages implements PlanImages {
  constructor(
    private readonly gateway: TableGateway,
    private readonly table: string,
  ) {}

  async init(): Promise<void> {
    await this.gateway.ensureTables([this.table]);
  }

  async put(floorId: string, image: { contentType: PlanImageType; data: Buffer; uploadedBy: string; at: Date }): Promise<PlanImageInfo> {
    const version = `${image.at.getTime().toString(36)}-${randomBytes(4).toString('hex')}`;
    const pk = chunkPartition(floorId, version);
    const base64 = image.data.toString('base64');
    const rows: TableEntity[] = [];
    for (let i = 0; i * CHUNK_CHARS < base64.length || i === 0; i++) {
      rows.push({ partitionKey: pk, rowKey: `chunk-${String(i).padStart(5, '0')}`, data: base64.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS) });
    }
    // A batch stays well under the 4 MiB a transaction may carry.
    const perBatch = Math.min(MAX_TRANSACTION_OPERATIONS, 60);
    for (let i = 0; i < rows.length; i += perBatch) {
      const ops = rows.slice(i, i + perBatch).map((entity): TableOperation => ({ kind: 'create', entity }));
      if ((await this.gateway.transact(this.table, pk, ops)) !== 'ok') throw new Error(`Plan image ${version} of floor ${floorId} already holds rows`);
    }
    const info: PlanImageInfo = { floorId, contentType: image.contentType, bytes: image.data.length, version, uploadedAt: image.at.toISOString(), uploadedBy: image.uploadedBy };
    const pointerPk = pointerPartition(floorId);
    const current = await this.gateway.get(this.table, pointerPk, 'current');
    const entity: TableEntity = { partitionKey: pointerPk, rowKey: 'current', info: JSON.stringify(info), rows: rows.length };
    const flip: TableOperation = current ? { kind: 'replace', entity, etag: current.etag } : { kind: 'create', entity };
    if ((await this.gateway.transact(this.table, pointerPk, [flip])) !== 'ok') {
      await this.deletePartition(pk);
      throw new Error(`The plan image of floor ${floorId} was replaced by another upload at the same time; upload again`);
    }
    if (current) await this.deletePartition(chunkPartition(floorId, infoOf(current.entity).version));
    return info;
  }

  async info(floorId: string): Promise<PlanImageInfo | null> {
    const row = await this.gateway.get(this.table, pointerPartition(floorId), 'current');
    return row ? infoOf(row.entity) : null;
  }

  async read(floorId: string): Promise<{ info: PlanImageInfo; data: Buffer } | null> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const row = await this.gateway.get(this.table, pointerPartition(floorId), 'current');
      if (!row) return null;
      const info = infoOf(row.entity);
      const chunks = await this.gateway.queryPartition(this.table, chunkPartition(floorId, info.version));
      // Fewer rows than the pointer says: the version was replaced and removed while we read; read the new one.
      if (chunks.length !== Number(row.entity['rows'])) continue;
      const base64 = chunks.sort((a, b) => (a.entity.rowKey < b.entity.rowKey ? -1 : 1)).map((c) => String(c.entity['data'])).join('');
      return { info, data: Buffer.from(base64, 'base64') };
    }
    throw new CorruptDataError(`The plan image of floor ${floorId} could not be read whole`);
  }

  async calibrate(floorId: string, version: string, calibration: PlanCalibration): Promise<boolean> {
    const pk = pointerPartition(floorId);
    const row = await this.gateway.get(this.table, pk, 'current');
    if (!row) return false;
    const info = infoOf(row.entity);
    if (info.version !== version) return false;
    const entity: TableEntity = { ...row.entity, partitionKey: pk, rowKey: 'current', info: JSON.stringify({ ...info, calibration }) };
    return (await this.gateway.transact(this.table, pk, [{ kind: 'replace', entity, etag: row.etag }])) === 'ok';
  }

  private async deletePartition(pk: string): Promise<void> {
    const rows = await this.gateway.queryPartition(this.table, pk);
    for (let i = 0; i < rows.length; i += MAX_TRANSACTION_OPERATIONS) {
      const ops = rows.slice(i, i + MAX_TRANSACTION_OPERATIONS).map((r): TableOperation => ({ kind: 'delete', partitionKey: pk, rowKey: r.entity.rowKey, etag: '*' }));
      await this.gateway.transact(this.table, pk, ops);
    }
  }
}

function pointerPartition(floorId: string): string {
  return `plan|${encodeKeyPart(floorId)}`;
}

function chunkPartition(floorId: string, version: string): string {
  return `planimg|${encodeKeyPart(floorId)}|${version}`;
}

function infoOf(entity: TableEntity): PlanImageInfo {
  try {
    return JSON.parse(String(entity['info'])) as PlanImageInfo;
  } catch (cause) {
    throw new CorruptDataError(`Plan image pointer ${entity.partitionKey} holds invalid JSON`, { cause });
  }
}
