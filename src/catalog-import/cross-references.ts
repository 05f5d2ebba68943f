/**
 * The rules that span several entries of a site file, applied where each entry stands: the rules themselves are the
 * domain's (domain/catalog-rules.ts); this walk names the field each problem is about, and records the zone a desk
 * given without one was placed in.
 */
import { deskOffFloor, enclosesArea, onOneLine, outlineCrossing, pointsOffFloor, reminderAfterDeadline, zoneHoldingDesk } from '../domain/catalog-rules';
import type { FloorDraft, SiteDraft } from './drafts';
import type { Problems, Seg, Where } from './problems';
import type { ZoneInput } from './schemas';
import { clip } from './text';

export function checkCrossReferences(sites: readonly SiteDraft[], problems: Problems): void {
  // Desks, floors and zones are looked up by id alone across all sites (bookings, /api/floors/{id}), so each id
  // names one thing in the whole file.
  const unique = (kind: string) => {
    const seen = new Map<string, Where>();
    return (id: string, where: Where) => {
      const first = seen.get(id);
      if (first) problems.add(where, `${kind} id "${id}" is already used (${first.text})`);
      else seen.set(id, where);
    };
  };
  const siteId = unique('site');
  const floorId = unique('floor');
  const zoneId = unique('zone');
  const deskId = unique('desk');

  for (const site of sites) {
    if (site.site) siteId(site.site.id, site.at(['site', 'id']));
    const zoneFloor = new Map<string, FloorDraft>();
    const brokenZones = new Set<string>();
    // A crossed outline has no agreed inside: its floor's desks are not placed by position until it is fixed.
    const crossedFloors = new Set<FloorDraft>();

    for (const floor of site.floors) {
      if (floor.floor) floorId(floor.floor.id, floor.at(['id']));
      checkPlan(floor, problems);
      for (const z of floor.brokenZoneIds) brokenZones.add(z);
      for (const { zone, at } of floor.zones) {
        zoneId(zone.id, at(['id']));
        if (!zoneFloor.has(zone.id)) zoneFloor.set(zone.id, floor);
        if (!checkOutline(zone, floor, at, problems)) crossedFloors.add(floor);
      }
    }

    for (const floor of site.floors) {
      const labels = new Map<string, Where>();
      for (const draft of floor.desks) {
        const { desk, at } = draft;
        deskId(desk.id, at('id'));
        const labelKey = desk.label.toLowerCase();
        const first = labels.get(labelKey);
        if (first)
          problems.add(at('label'), `label "${desk.label}" is already used on this floor (${first.text})`);
        else labels.set(labelKey, at('label'));

        if (floor.floor) for (const off of deskOffFloor(desk, floor.floor)) problems.add(at(off.field), off.message);

        if (desk.zoneId !== undefined && desk.zoneId !== null) {
          const owner = zoneFloor.get(desk.zoneId);
          if (owner && owner !== floor) {
            problems.add(
              at('zoneId'),
              `zone "${desk.zoneId}" is on floor ${owner.id ?? '?'}, not on this desk's floor ${floor.id ?? '?'}`,
            );
          } else if (!owner && floor.zonesComplete && !brokenZones.has(desk.zoneId)) {
            problems.add(at('zoneId'), `no zone "${clip(desk.zoneId)}" on floor ${floor.id ?? '?'}`);
          }
        } else if (floor.zonesComplete && !crossedFloors.has(floor)) {
          const placed = zoneHoldingDesk(desk, floor.zones.map((z) => z.zone), floor.id ?? '?');
          if (placed.ok) draft.placedIn = placed.zoneId;
          else problems.add(at(), placed.message);
        }
      }
    }

    const dates = new Map<string, Where>();
    for (const { policy, at } of site.policies) {
      const first = dates.get(policy.effectiveFrom);
      if (first)
        problems.add(
          at(['effectiveFrom']),
          `another policy already starts on ${policy.effectiveFrom} (${first.text})`,
        );
      else dates.set(policy.effectiveFrom, at(['effectiveFrom']));
      const late = reminderAfterDeadline(policy.rules);
      if (late) problems.add(at(['rules', 'reminderTime']), late);
      for (const key of Object.keys(policy.zoneCapacity ?? {})) {
        if (!zoneFloor.has(key) && !brokenZones.has(key)) {
          problems.add(at(['zoneCapacity', key], true), `no zone "${clip(key)}" in this site`);
        }
      }
    }
  }
}

/** False when the outline has no sound inside (no area, or crossing itself). */
function checkOutline(
  zone: ZoneInput,
  floor: FloorDraft,
  at: (path?: readonly Seg[]) => Where,
  problems: Problems,
): boolean {
  if (floor.floor)
    for (const off of pointsOffFloor(zone.outline, floor.floor)) problems.add(at(['outline', off.index]), off.message);
  if (onOneLine(zone.outline)) {
    problems.add(at(['outline']), 'encloses no area: its points lie on one line');
    return false;
  }
  const crossing = outlineCrossing(zone.outline);
  if (crossing) {
    problems.add(at(['outline', crossing.second]), crossing.message);
    return false;
  }
  return enclosesArea(zone.outline);
}

function checkPlan(floor: FloorDraft, problems: Problems): void {
  const f = floor.floor;
  if (!f?.plan) return;
  f.plan.shapes.forEach((shape, i) => {
    for (const off of pointsOffFloor(shape.points, f))
      problems.add(floor.at(['plan', 'shapes', i, 'points', off.index]), off.message);
  });
}
