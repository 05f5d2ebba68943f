/** A site that passed every check, as the SiteCatalog the store keeps. */
import type { Desk, Floor, FloorPlan, PlanShapeKind, Site, Zone } from '../domain/model';
import type { PolicyVersion } from '../domain/policy';
import type { SiteCatalog } from '../use-cases/ports';
import type { SiteDraft } from './drafts';

export function buildCatalog(draft: SiteDraft): SiteCatalog {
  const s = draft.site!;
  const site: Site = { id: s.id, name: s.name, timeZone: s.timeZone };
  const floors: Floor[] = [];
  const zones: Zone[] = [];
  const desks: Desk[] = [];
  for (const { floor } of draft.floors) {
    const f = floor!;
    floors.push({
      id: f.id,
      siteId: site.id,
      name: f.name,
      width: f.width,
      height: f.height,
      ...(f.planImageUrl !== undefined ? { planImageUrl: f.planImageUrl } : {}),
      ...(f.plan !== undefined ? { plan: copyPlan(f.plan) } : {}),
    });
  }
  draft.floors.forEach((fd) => {
    const floorId = fd.floor!.id;
    for (const { zone } of fd.zones) {
      zones.push({
        id: zone.id,
        floorId,
        name: zone.name,
        outline: zone.outline,
        ...(zone.allowedGroups !== undefined ? { allowedGroups: zone.allowedGroups } : {}),
      });
    }
    for (const { desk, placedIn } of fd.desks) {
      desks.push({
        id: desk.id,
        floorId,
        zoneId: desk.zoneId ?? placedIn!,
        label: desk.label,
        x: desk.x,
        y: desk.y,
        attributes: desk.attributes ?? [],
        mode: desk.mode ?? 'bookable',
        ...(desk.offFrom !== undefined ? { offFrom: desk.offFrom } : {}),
      });
    }
  });
  const policies: PolicyVersion[] = draft.policies.map(({ policy }) => ({
    effectiveFrom: policy.effectiveFrom,
    rules: policy.rules,
    ...(policy.zoneCapacity !== undefined
      ? { zoneCapacity: Object.fromEntries(Object.entries(policy.zoneCapacity)) }
      : {}),
  }));
  return { site, floors, zones, desks, policies };
}

/** A floor plan as plain data, each point a fresh pair: the copy shares nothing with the catalog it came from. */
export function copyPlan(plan: FloorPlan): { shapes: { kind: PlanShapeKind; points: [number, number][]; label?: string }[] } {
  return {
    shapes: plan.shapes.map((sh) => ({
      kind: sh.kind,
      points: sh.points.map(([x, y]) => [x, y] as [number, number]),
      ...(sh.label !== undefined ? { label: sh.label } : {}),
    })),
  };
}

