/**
 * The rules a site's layout and policies keep across entries, beyond each field's own: a desk stands on its floor and
 * in one zone, a zone's outline encloses an area on its floor, a reminder comes before the check-in deadline, and an
 * id names one thing across all sites. Pure: each rule says what breaks it; the import says where that is in a file.
 */
import { pointInPolygon } from './geometry';
import type { Point } from './model';

export interface FloorSize {
  readonly width: number;
  readonly height: number;
}

/** What is wrong with one desk coordinate, per axis: a desk stands on its floor. */
export function deskOffFloor(
  desk: { readonly x: number; readonly y: number },
  floor: FloorSize,
): { field: 'x' | 'y'; message: string }[] {
  const problems: { field: 'x' | 'y'; message: string }[] = [];
  if (desk.x > floor.width)
    problems.push({ field: 'x', message: `${desk.x} m is outside the floor, which is ${floor.width} m wide` });
  if (desk.y > floor.height)
    problems.push({ field: 'y', message: `${desk.y} m is outside the floor, which is ${floor.height} m deep` });
  return problems;
}

/** The points of an outline or a drawn shape that lie beyond the floor, each with what to say of it. */
export function pointsOffFloor(points: readonly Point[], floor: FloorSize): { index: number; message: string }[] {
  const off: { index: number; message: string }[] = [];
  points.forEach(([x, y], index) => {
    if (x > floor.width || y > floor.height)
      off.push({ index, message: `point (${x}, ${y}) is outside the floor, which is ${floor.width} m × ${floor.height} m` });
  });
  return off;
}

/** A zone's outline must enclose an area: points on one line hold no desk. */
export function enclosesArea(outline: readonly Point[]): boolean {
  let twiceArea = 0;
  outline.forEach(([x1, y1], i) => {
    const [x2, y2] = outline[(i + 1) % outline.length]!;
    twiceArea += x1 * y2 - x2 * y1;
  });
  return Math.abs(twiceArea) >= 1e-9;
}

/**
 * The zone of a desk given without one: the single zone whose outline holds its position. Two zones (the border
 * between them) or none is a problem the admin settles with a zoneId.
 */
export function zoneHoldingDesk(
  desk: { readonly id: string; readonly x: number; readonly y: number },
  zones: readonly { readonly id: string; readonly outline: readonly Point[] }[],
  floorId: string,
): { ok: true; zoneId: string } | { ok: false; message: string } {
  const containing = zones.filter((z) => pointInPolygon([desk.x, desk.y], z.outline));
  if (containing.length === 1) return { ok: true, zoneId: containing[0]!.id };
  if (containing.length === 0)
    return {
      ok: false,
      message: `desk ${desk.id} at (${desk.x}, ${desk.y}) lies in no zone of floor ${floorId}; give it a zoneId or widen a zone's outline`,
    };
  return {
    ok: false,
    message: `desk ${desk.id} at (${desk.x}, ${desk.y}) lies in zones ${containing.map((z) => z.id).join(' and ')}; give it a zoneId`,
  };
}

/** The reminder is sent before the check-in deadline, or nobody could act on it. */
export function reminderAfterDeadline(rules: { readonly reminderTime: string; readonly checkInDeadline: string }): string | undefined {
  return rules.reminderTime >= rules.checkInDeadline
    ? `the reminder (${rules.reminderTime}) must come before the check-in deadline (${rules.checkInDeadline})`
    : undefined;
}

interface IdsOfSite {
  readonly site: { readonly id: string };
  readonly floors: readonly { readonly id: string }[];
  readonly zones: readonly { readonly id: string }[];
  readonly desks: readonly { readonly id: string }[];
}

/**
 * Desks, floors and zones are looked up by id alone across all sites (bookings, /api/floors/{id}), so an imported
 * site may not reuse an id that another stored site holds. The sites being imported replace their stored selves.
 */
export function idClashesWithStoredSites(importing: readonly IdsOfSite[], stored: readonly IdsOfSite[]): string[] {
  const replaced = new Set(importing.map((c) => c.site.id));
  const owners = new Map<string, string>();
  for (const other of stored) {
    if (replaced.has(other.site.id)) continue;
    for (const f of other.floors) owners.set(`floor ${f.id}`, other.site.id);
    for (const z of other.zones) owners.set(`zone ${z.id}`, other.site.id);
    for (const d of other.desks) owners.set(`desk ${d.id}`, other.site.id);
  }
  const clashes: string[] = [];
  for (const c of importing) {
    const things = [
      ...c.floors.map((f) => `floor ${f.id}`),
      ...c.zones.map((z) => `zone ${z.id}`),
      ...c.desks.map((d) => `desk ${d.id}`),
    ];
    for (const thing of things) {
      const owner = owners.get(thing);
      if (owner)
        clashes.push(
          `site ${c.site.id}: ${thing} is already used by the stored site ${owner}; ids must be unique across sites`,
        );
    }
  }
  return clashes;
}
