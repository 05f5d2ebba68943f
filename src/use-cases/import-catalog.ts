/**
 * Catalog import: a site file (JSON) and an optional desks file (CSV), or catalogs built in code, become validated
 * SiteCatalogs, written one site at a time. Reading the files is src/catalog-import's work; the rules that span
 * entries are the domain's. Nothing is written unless the whole input is valid; the format is described in
 * docs/import-format.md.
 */
import { CatalogImportError } from '../catalog-import/catalog-import-error';
import { copyPlan } from '../catalog-import/build-catalog';
import { readCatalogFiles, readSiteDocuments, type CatalogFiles } from '../catalog-import/site-file';
import { idClashesWithStoredSites } from '../domain/catalog-rules';
import type { DeskMode, PlanShapeKind } from '../domain/model';
import type { PolicyRules, ZoneCapacityRule } from '../domain/policy';
import type { CatalogStore, SiteCatalog } from './ports';

export { CatalogImportError, type CatalogFiles };

/** Parses and validates the files; throws CatalogImportError listing every problem. */
export function parseCatalogFiles(input: CatalogFiles): SiteCatalog[] {
  return readCatalogFiles(input);
}

/**
 * Writes the catalogs, one site at a time; each site is replaced atomically by the store. All catalogs are
 * validated first (the same rules as the files), and, when the store can list what it holds, checked against the
 * ids of the other stored sites, so a bad catalog writes nothing. A storage failure part-way leaves the sites
 * already written in their new state and the others in their old one; running the import again finishes it.
 */
export async function importCatalog(
  store: Pick<CatalogStore, 'replaceSiteCatalog'> & Partial<Pick<CatalogStore, 'listSiteCatalogs'>>,
  catalogs: readonly SiteCatalog[],
  onProgress?: (siteId: string, done: number, total: number) => void,
  /** Per site id, the revision the change was computed from: the write is refused (CatalogChangedError) if another landed since. */
  ifRevisions: Readonly<Record<string, number>> = {},
): Promise<{ siteId: string; changed: boolean }[]> {
  const valid = validateCatalogs(catalogs);
  if (store.listSiteCatalogs) {
    const clashes = idClashesWithStoredSites(valid, await store.listSiteCatalogs());
    if (clashes.length > 0) throw new CatalogImportError(clashes);
  }
  const results: { siteId: string; changed: boolean }[] = [];
  for (const catalog of valid) {
    const siteId = catalog.site.id;
    const ifRevision = ifRevisions[siteId];
    const { changed } = await store.replaceSiteCatalog(
      catalog,
      (done, total) => onProgress?.(siteId, done, total),
      ifRevision === undefined ? {} : { ifRevision },
    );
    results.push({ siteId, changed });
  }
  return results;
}

/**
 * Validates catalogs built in code (or read back from storage) with the rules of the file format, and returns them
 * normalised as a parsed file would be. Problems name paths in the file format, e.g. `sites[0].floors[1].desks[3].x`.
 */
export function validateCatalogs(catalogs: readonly SiteCatalog[]): SiteCatalog[] {
  const problems: string[] = [];
  const sites = catalogs.map((c, i) => toSiteDocument(c, (m) => problems.push(`sites[${i}]: ${m}`)));
  if (problems.length > 0) throw new CatalogImportError(problems);
  return readSiteDocuments({ sites }, 'catalog');
}

/** The site file document (see docs/import-format.md) that describes a catalog. */
export function toSiteDocument(catalog: SiteCatalog, onProblem?: (message: string) => void): SiteDocument {
  const floorIds = new Set(catalog.floors.map((f) => f.id));
  for (const f of catalog.floors) {
    if (f.siteId !== catalog.site.id)
      onProblem?.(`floor ${f.id} belongs to site ${f.siteId}, not ${catalog.site.id}`);
  }
  for (const z of catalog.zones)
    if (!floorIds.has(z.floorId))
      onProblem?.(`zone ${z.id} is on floor ${z.floorId}, which is not in the catalog`);
  for (const d of catalog.desks)
    if (!floorIds.has(d.floorId))
      onProblem?.(`desk ${d.id} is on floor ${d.floorId}, which is not in the catalog`);
  return {
    site: { id: catalog.site.id, name: catalog.site.name, timeZone: catalog.site.timeZone },
    floors: catalog.floors.map((f) => ({
      id: f.id,
      name: f.name,
      width: f.width,
      height: f.height,
      ...(f.planImageUrl !== undefined ? { planImageUrl: f.planImageUrl } : {}),
      ...(f.plan !== undefined ? { plan: copyPlan(f.plan) } : {}),
      zones: catalog.zones
        .filter((z) => z.floorId === f.id)
        .map((z) => ({
          id: z.id,
          name: z.name,
          outline: z.outline.map(([x, y]) => [x, y] as [number, number]),
          ...(z.allowedGroups !== undefined ? { allowedGroups: [...z.allowedGroups] } : {}),
        })),
      desks: catalog.desks
        .filter((d) => d.floorId === f.id)
        .map((d) => ({
          id: d.id,
          label: d.label,
          x: d.x,
          y: d.y,
          zoneId: d.zoneId,
          attributes: [...d.attributes],
          mode: d.mode,
          ...(d.offFrom !== undefined ? { offFrom: d.offFrom } : {}),
        })),
    })),
    policies: catalog.policies.map((p) => ({
      effectiveFrom: p.effectiveFrom,
      rules: { ...p.rules, bookableWeekdays: [...p.rules.bookableWeekdays] },
      ...(p.zoneCapacity !== undefined ? { zoneCapacity: { ...p.zoneCapacity } } : {}),
    })),
  };
}

/** The JSON shape of one site in a site file. */
export interface SiteDocument {
  site: { id: string; name: string; timeZone: string };
  floors: {
    id: string;
    name: string;
    width: number;
    height: number;
    planImageUrl?: string;
    plan?: { shapes: { kind: PlanShapeKind; points: [number, number][]; label?: string }[] };
    zones: { id: string; name: string; outline: [number, number][]; allowedGroups?: string[] }[];
    desks?: {
      id: string;
      label: string;
      x: number;
      y: number;
      zoneId?: string;
      attributes?: string[];
      mode?: DeskMode;
      offFrom?: string;
    }[];
  }[];
  policies: { effectiveFrom: string; rules: PolicyRules; zoneCapacity?: Record<string, ZoneCapacityRule> }[];
}
