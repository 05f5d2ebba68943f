import type { Desk, Floor, FloorLayout, Zone } from '../domain/model';
import type { CatalogStore, Clock, SiteCatalog } from './ports';

export interface DeskLocation {
  readonly desk: Desk;
  readonly catalog: SiteCatalog;
  readonly layout: FloorLayout;
}

/** The catalog, indexed for the lookups every request makes: desk → floor → site. */
export class CatalogIndex {
  private readonly layouts = new Map<string, { layout: FloorLayout; catalog: SiteCatalog }>();
  private readonly desks = new Map<string, DeskLocation>();

  constructor(readonly sites: readonly SiteCatalog[]) {
    for (const catalog of sites) {
      for (const floor of catalog.floors) {
        const layout: FloorLayout = {
          site: catalog.site,
          floor,
          zones: catalog.zones.filter((z) => z.floorId === floor.id),
          desks: catalog.desks.filter((d) => d.floorId === floor.id),
        };
        this.layouts.set(floor.id, { layout, catalog });
        for (const desk of layout.desks) this.desks.set(desk.id, { desk, catalog, layout });
      }
    }
  }

  locateDesk(deskId: string): DeskLocation | undefined {
    return this.desks.get(deskId);
  }

  floor(floorId: string): { layout: FloorLayout; catalog: SiteCatalog } | undefined {
    return this.layouts.get(floorId);
  }

  site(siteId: string): SiteCatalog | undefined {
    return this.sites.find((s) => s.site.id === siteId);
  }

  /** A desk by the label people see on it ("3.12"), case-insensitively, within a site. */
  findDeskByLabel(siteId: string, label: string): Desk | undefined {
    const wanted = label.trim().toLowerCase();
    return this.site(siteId)?.desks.find((d) => d.label.toLowerCase() === wanted);
  }

  /** A zone by its name ("Zone B"), case- and accent-insensitively, within a site. */
  findZoneByName(siteId: string, name: string): Zone | undefined {
    const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
    const wanted = fold(name);
    return this.site(siteId)?.zones.find((z) => fold(z.name) === wanted);
  }

  floorsOfSite(siteId: string): Floor[] {
    return this.site(siteId)?.floors.slice() ?? [];
  }
}

/**
 * Reads the catalog at most once per `ttlMs`: layouts change by import, rarely, and every booking needs them.
 * An import becomes visible to a running server within the TTL.
 *
 * Under steady traffic the catalog is read again a little before the TTL ends, in the background, so that requests
 * do not all wait for the read every ten seconds. A read that finds every site at the revision already held keeps the
 * index it has: the caches keyed on its layouts (floor views, layout indexes) stay warm.
 */
export class CachedCatalog {
  private cached: { index: CatalogIndex; at: number } | undefined;
  private loading: Promise<CatalogIndex> | undefined;
  /** Bumped by invalidate(): a read started before it may hold the old layout, and must not be kept or shared. */
  private generation = 0;

  constructor(
    private readonly store: Pick<CatalogStore, 'listSiteCatalogs'>,
    private readonly clock: Clock,
    private readonly ttlMs = 10_000,
  ) {}

  async current(): Promise<CatalogIndex> {
    const now = this.clock.now().getTime();
    const cached = this.cached;
    if (cached && now - cached.at < this.ttlMs) {
      if (now - cached.at >= this.ttlMs * REFRESH_AHEAD && !this.loading) this.load(now).catch(() => undefined);
      return cached.index;
    }
    return this.load(now);
  }

  private load(now: number): Promise<CatalogIndex> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading = this.store
      .listSiteCatalogs()
      .then((sites) => {
        const held = this.cached?.index;
        const index = held && sameRevisions(held.sites, sites) ? held : new CatalogIndex(sites);
        if (generation === this.generation) this.cached = { index, at: now };
        return index;
      })
      .finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
    this.loading = loading;
    return loading;
  }

  invalidate(): void {
    this.generation += 1;
    this.cached = undefined;
    this.loading = undefined;
  }
}

/** The share of the TTL after which a read is started ahead, in the background. */
const REFRESH_AHEAD = 0.8;

/** The same sites at the same stored revisions. Catalogs without a revision (built in code) never count as the same. */
function sameRevisions(held: readonly SiteCatalog[], read: readonly SiteCatalog[]): boolean {
  if (held.length !== read.length) return false;
  return read.every((s, i) => {
    const h = held[i]!;
    return h.site.id === s.site.id && s.revision !== undefined && h.revision === s.revision;
  });
}
