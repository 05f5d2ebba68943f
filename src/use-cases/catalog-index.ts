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
 */
export class CachedCatalog {
  private cached: { index: CatalogIndex; at: number } | undefined;
  private loading: Promise<CatalogIndex> | undefined;

  constructor(
    private readonly store: Pick<CatalogStore, 'listSiteCatalogs'>,
    private readonly clock: Clock,
    private readonly ttlMs = 10_000,
  ) {}

  async current(): Promise<CatalogIndex> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.index;
    this.loading ??= this.store
      .listSiteCatalogs()
      .then((sites) => {
        const index = new CatalogIndex(sites);
        this.cached = { index, at: this.clock.now().getTime() };
        return index;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
