import { isCivilDate } from '../domain/civil-date';
import { isActive, type CivilDate } from '../domain/model';
import type { CatalogIndex } from './catalog-index';
import { InvalidInputError } from './errors';
import { readFloorDay } from './floor-availability';
import type { ReservationStore } from './ports';
import type { SitePrivacyStore } from './site-privacy-port';

export interface ZonePresence {
  readonly zoneId: string;
  readonly zoneName: string;
  readonly floorName: string;
  readonly booked: number;
  readonly capacity: number;
  /** Only when the site's privacy policy lets people see each other's names. */
  readonly names?: readonly string[];
}

/**
 * Who is in on a day: counts per zone for everyone; names only when `showNames` is on for the site
 * (GDPR data minimisation: "occupied" is enough unless the organisation chose otherwise).
 */
export async function whoIsIn(
  deps: {
    store: Pick<ReservationStore, 'readLedgers' | 'listBookingsOfDay'>;
    catalog: { current(): Promise<CatalogIndex> };
    /** The site's own choice, which wins over `showNames` (the deployment's default) when it made one. */
    sitePrivacy?: Pick<SitePrivacyStore, 'colleaguesSeeNames'>;
  },
  q: { date: CivilDate; siteId?: string; showNames: boolean },
): Promise<ZonePresence[]> {
  if (!isCivilDate(q.date)) throw new InvalidInputError('date must be a real day written YYYY-MM-DD', 'date');
  const index = await deps.catalog.current();
  const catalog = q.siteId ? index.site(q.siteId) : index.sites[0];
  if (!catalog) return [];
  const showNames = (await deps.sitePrivacy?.colleaguesSeeNames(catalog.site.id)) ?? q.showNames;
  const names = new Map<string, string[]>();
  if (showNames) {
    for (const b of await deps.store.listBookingsOfDay(q.date)) {
      if (!isActive(b) || b.siteId !== catalog.site.id) continue;
      names.set(b.zoneId, [...(names.get(b.zoneId) ?? []), b.userName ?? '?'].sort((x, y) => x.localeCompare(y)));
    }
  }
  const out: ZonePresence[] = [];
  for (const floor of catalog.floors) {
    const found = index.floor(floor.id);
    if (!found) continue;
    const fd = await readFloorDay(deps, found.layout, catalog.policies, q.date);
    for (const s of fd.zoneSummaries()) {
      out.push({
        zoneId: s.zone.id,
        zoneName: s.zone.name,
        floorName: floor.name,
        booked: s.booked,
        capacity: s.capacity,
        ...(showNames && { names: names.get(s.zone.id) ?? [] }),
      });
    }
  }
  return out;
}
