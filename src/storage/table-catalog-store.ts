import { createHash, randomBytes } from 'node:crypto';
import type { Desk, Floor, Site, Zone } from '../domain/model';
import type { PolicyVersion } from '../domain/policy';
import { CatalogChangedError, CorruptDataError, StorageUnavailableError, type CatalogStore, type ReplaceCatalogOptions, type SiteCatalog } from '../use-cases/ports';
import { encodeKeyPart } from './key-encoding';
import { MAX_STRING_PROPERTY_CHARS } from './entity-limits';
import { MAX_TRANSACTION_OPERATIONS, type TableEntity, type TableGateway, type TableOperation } from './table-gateway';

const POINTERS = 'sites';

/**
 * Sites, floors, zones, desks and policies. Each import writes a complete new version of a site into a partition
 * of its own, then flips the site's pointer row with If-Match in one write. Readers follow the pointer, so they see
 * the old catalog or the new one, never half of each; a crashed import leaves only an unreferenced version, which
 * the next import removes.
 */
export class TableCatalogStore implements CatalogStore {
  constructor(
    private readonly gateway: TableGateway,
    private readonly table: string,
  ) {}

  async init(): Promise<void> {
    await this.gateway.ensureTables([this.table]);
  }

  async listSiteCatalogs(): Promise<SiteCatalog[]> {
    for (let attempt = 1; ; attempt++) {
      const pointers = await this.gateway.queryPartition(this.table, POINTERS);
      const catalogs = await Promise.all(pointers.map((p) => this.readVersion(p.entity)));
      if (catalogs.every((c): c is SiteCatalog => c !== null)) {
        return catalogs.sort((a, b) => a.site.name.localeCompare(b.site.name) || a.site.id.localeCompare(b.site.id));
      }
      if (attempt >= INCOMPLETE_READ_RETRIES) throw incompleteRead();
    }
  }

  async getSiteCatalog(siteId: string): Promise<SiteCatalog | null> {
    for (let attempt = 1; ; attempt++) {
      const pointer = await this.gateway.get(this.table, POINTERS, encodeKeyPart(siteId));
      if (!pointer) return null;
      const catalog = await this.readVersion(pointer.entity);
      if (catalog) return catalog;
      if (attempt >= INCOMPLETE_READ_RETRIES) throw incompleteRead();
    }
  }

  /**
   * The version the last import replaced (kept as long as it is the previous one), or null when there is none.
   */
  async getPreviousSiteCatalog(siteId: string): Promise<SiteCatalog | null> {
    const pointer = await this.gateway.get(this.table, POINTERS, encodeKeyPart(siteId));
    if (!pointer || typeof pointer.entity['previous'] !== 'string') return null;
    const { revision, previousRows } = pointer.entity;
    return this.readVersion({
      partitionKey: POINTERS,
      rowKey: pointer.entity.rowKey,
      siteId,
      version: pointer.entity['previous'],
      ...(typeof previousRows === 'number' && { rows: previousRows }),
      ...(typeof revision === 'number' && { revision: revision - 1 }),
    });
  }

  async replaceSiteCatalog(
    catalog: SiteCatalog,
    onProgress?: (done: number, total: number) => void,
    options: ReplaceCatalogOptions = {},
  ): Promise<{ changed: boolean }> {
    const siteKey = encodeKeyPart(catalog.site.id);
    const hash = catalogHash(catalog);
    const pointer = await this.gateway.get(this.table, POINTERS, siteKey);
    const stored = pointer && typeof pointer.entity['revision'] === 'number' ? pointer.entity['revision'] : 0;
    // The pointer's ETag then fences the flip below: a replace that passes this check and loses the flip is refused too.
    if (options.ifRevision !== undefined && stored !== options.ifRevision) throw new CatalogChangedError(catalog.site.id, stored);
    if (pointer && pointer.entity['hash'] === hash) return { changed: false };

    await this.removeUnreferencedVersions();
    const version = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    const pk = versionPartition(catalog.site.id, version);
    const rows = catalogRows(pk, catalog);
    for (let i = 0; i < rows.length; i += MAX_TRANSACTION_OPERATIONS) {
      const batch = rows.slice(i, i + MAX_TRANSACTION_OPERATIONS).map((entity): TableOperation => ({ kind: 'create', entity }));
      if ((await this.gateway.transact(this.table, pk, batch)) !== 'ok') {
        throw new Error(`Import of site ${catalog.site.id}: version ${version} already holds rows; run the import again`);
      }
      onProgress?.(Math.min(i + MAX_TRANSACTION_OPERATIONS, rows.length), rows.length);
    }
    const revision = stored + 1;
    // The row count is the version's manifest: a reader that finds fewer rows has read a version being removed.
    // The version replaced is named too: the re-check after this import fences the ledgers of its zones, which servers
    // still holding it may write until their catalog cache expires.
    const previousRows = pointer?.entity['rows'];
    const previous = pointer
      ? { previous: String(pointer.entity['version']), ...(typeof previousRows === 'number' && { previousRows }) }
      : {};
    const entity: TableEntity = { partitionKey: POINTERS, rowKey: siteKey, siteId: catalog.site.id, version, hash, rows: rows.length, revision, ...previous };
    const flip: TableOperation = pointer ? { kind: 'replace', entity, etag: pointer.etag } : { kind: 'create', entity };
    if ((await this.gateway.transact(this.table, POINTERS, [flip])) !== 'ok') {
      await this.deletePartition(pk);
      const now = await this.gateway.get(this.table, POINTERS, siteKey);
      throw new CatalogChangedError(catalog.site.id, typeof now?.entity['revision'] === 'number' ? now.entity['revision'] : undefined);
    }
    // The old version stays while the pointer names it as previous (see removeUnreferencedVersions): a reader that
    // followed the old pointer a moment ago is still reading it, and the re-check reads its zones.
    return { changed: true };
  }

  /** Removes versions that no pointer references: what a crashed or lost import left behind. */
  private async removeUnreferencedVersions(): Promise<void> {
    const all = await this.gateway.queryTable(this.table);
    const pointers = all.filter((r) => r.entity.partitionKey === POINTERS).map((r) => r.entity);
    const live = new Set(
      pointers.flatMap((p) =>
        [p['version'], p['previous']].filter((v) => typeof v === 'string').map((v) => versionPartition(String(p['siteId']), String(v))),
      ),
    );
    // A version younger than the grace period may belong to an import still writing its rows.
    const cutoff = Date.now() - ORPHAN_GRACE_MS;
    const orphans = new Set(
      all
        .map((r) => r.entity.partitionKey)
        .filter((pk) => pk !== POINTERS && !live.has(pk) && versionWrittenAt(pk) < cutoff),
    );
    for (const pk of orphans) await this.deletePartition(pk);
  }

  private async deletePartition(pk: string): Promise<void> {
    const rows = await this.gateway.queryPartition(this.table, pk);
    for (let i = 0; i < rows.length; i += MAX_TRANSACTION_OPERATIONS) {
      const ops = rows
        .slice(i, i + MAX_TRANSACTION_OPERATIONS)
        .map((r): TableOperation => ({ kind: 'delete', partitionKey: pk, rowKey: r.entity.rowKey, etag: '*' }));
      await this.gateway.transact(this.table, pk, ops);
    }
  }

  /** The version a pointer names; null when its rows are not all there (removed since the pointer was read). */
  private async readVersion(pointer: TableEntity): Promise<SiteCatalog | null> {
    const siteId = String(pointer['siteId']);
    const version = String(pointer['version']);
    const rows = await this.gateway.queryPartition(this.table, versionPartition(siteId, version));
    const expected = pointer['rows'];
    if (typeof expected === 'number' ? rows.length !== expected : rows.length === 0) return null;
    let site: Site | undefined;
    const floors: Floor[] = [];
    const zones: Zone[] = [];
    const desks: Desk[] = [];
    const policies: PolicyVersion[] = [];
    for (const { entity } of rows) {
      const data = parseData(entity);
      switch (entity['kind']) {
        case 'site':
          site = data as Site;
          break;
        case 'floor':
          floors.push(data as Floor);
          break;
        case 'zone':
          zones.push(data as Zone);
          break;
        case 'desk':
          desks.push(data as Desk);
          break;
        case 'policy':
          policies.push(data as PolicyVersion);
          break;
        default:
          throw new CorruptDataError(`Catalog row ${entity.partitionKey} ${entity.rowKey} has an unknown kind`);
      }
    }
    if (!site) throw new CorruptDataError(`Catalog version ${version} of site ${siteId} has no site row`);
    const revision = pointer['revision'];
    return { site, floors, zones, desks, policies, ...(typeof revision === 'number' && { revision }) };
  }
}

const ORPHAN_GRACE_MS = 15 * 60_000;
const INCOMPLETE_READ_RETRIES = 3;

function incompleteRead(): StorageUnavailableError {
  return new StorageUnavailableError('The catalog changed three times while being read; try again', { retryAfterSeconds: 1 });
}

function versionWrittenAt(pk: string): number {
  const version = pk.slice(pk.lastIndexOf('|') + 1);
  const at = parseInt(version.split('-')[0] ?? '', 36);
  return Number.isFinite(at) ? at : 0;
}

function versionPartition(siteId: string, version: string): string {
  return `site|${encodeKeyPart(siteId)}|${version}`;
}

function catalogRows(pk: string, c: SiteCatalog): TableEntity[] {
  const row = (kind: string, rowKey: string, data: unknown): TableEntity => {
    const json = JSON.stringify(data);
    if (json.length > MAX_STRING_PROPERTY_CHARS) throw new RangeError(`The ${kind} ${rowKey} is too large to store (${json.length} characters)`);
    return { partitionKey: pk, rowKey, kind, data: json };
  };
  return [
    row('site', 'site', c.site),
    ...c.floors.map((f) => row('floor', `floor|${encodeKeyPart(f.id)}`, f)),
    ...c.zones.map((z) => row('zone', `zone|${encodeKeyPart(z.id)}`, z)),
    ...c.desks.map((d) => row('desk', `desk|${encodeKeyPart(d.id)}`, d)),
    ...c.policies.map((p) => row('policy', `policy|${p.effectiveFrom}`, p)),
  ];
}

function parseData(e: TableEntity): unknown {
  try {
    return JSON.parse(String(e['data']));
  } catch (cause) {
    throw new CorruptDataError(`Catalog row ${e.partitionKey} ${e.rowKey} holds invalid JSON`, { cause });
  }
}

/** A hash of the catalog's content, independent of the order of its lists, so that re-importing a file changes nothing. */
export function catalogHash(c: SiteCatalog): string {
  const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  const canonical = {
    site: c.site,
    floors: byId(c.floors),
    zones: byId(c.zones),
    desks: byId(c.desks),
    policies: [...c.policies].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)),
  };
  return createHash('sha256').update(stableStringify(canonical)).digest('hex');
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableStringify(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
