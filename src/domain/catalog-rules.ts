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

/** Every point of the outline on one straight line (or on one spot): it holds no desk, whatever its order. */
export function onOneLine(outline: readonly Point[]): boolean {
  const [o] = outline;
  if (!o) return true;
  const far = outline.reduce((best, p) => (Math.hypot(p[0] - o[0], p[1] - o[1]) > Math.hypot(best[0] - o[0], best[1] - o[1]) ? p : best), o);
  if (far === o) return true;
  const length = Math.hypot(far[0] - o[0], far[1] - o[1]);
  return outline.every((p) => Math.abs(cross(o, far, p)) / length < 1e-9);
}

/**
 * Where a zone's outline crosses or touches itself, as the first offending pair of edges (edge i runs from point i
 * to point i + 1, the last back to the first): a crossed outline ("a bow tie") has no inside that people would agree
 * on, and even-odd counting would leave a hole where the two lobes overlap. Undefined when the outline is simple.
 */
export function outlineCrossing(outline: readonly Point[]): { first: number; second: number; message: string } | undefined {
  const n = outline.length;
  const edge = (i: number): [Point, Point] => [outline[i]!, outline[(i + 1) % n]!];
  for (let i = 0; i < n; i++) {
    const [a, b] = edge(i);
    if (a[0] === b[0] && a[1] === b[1])
      return { first: i, second: (i + 1) % n, message: `point ${(i + 1) % n} repeats point ${i}; an outline goes round through distinct corners` };
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const [a, b] = edge(i);
      const [c, d] = edge(j);
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (adjacent) {
        // Neighbouring edges share a corner; they may not fold back over each other.
        const shared = j === i + 1 ? b : a;
        const p = j === i + 1 ? a : b;
        const q = j === i + 1 ? d : c;
        if (Math.abs(cross(shared, p, q)) < 1e-12 && dot(shared, p, q) > 0)
          return { first: i, second: j, message: `edges ${i} and ${j} fold back over each other; an outline must not cross itself` };
      } else if (segmentsMeet(a, b, c, d)) {
        return { first: i, second: j, message: `edges ${i} and ${j} cross; an outline must not cross itself` };
      }
    }
  }
  return undefined;
}

/** (p - o) × (q - o): positive when o → p → q turns left. */
function cross(o: Point, p: Point, q: Point): number {
  return (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]);
}

function dot(o: Point, p: Point, q: Point): number {
  return (p[0] - o[0]) * (q[0] - o[0]) + (p[1] - o[1]) * (q[1] - o[1]);
}

/** Closed segments ab and cd share a point (crossing, touching or overlapping). */
function segmentsMeet(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  const eps = 1e-12;
  if (((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps)) && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps))) return true;
  const within = (p: Point, q: Point, r: Point): boolean =>
    Math.min(p[0], q[0]) - eps <= r[0] && r[0] <= Math.max(p[0], q[0]) + eps && Math.min(p[1], q[1]) - eps <= r[1] && r[1] <= Math.max(p[1], q[1]) + eps;
  return (
    (Math.abs(d1) <= eps && within(c, d, a)) ||
    (Math.abs(d2) <= eps && within(c, d, b)) ||
    (Math.abs(d3) <= eps && within(a, b, c)) ||
    (Math.abs(d4) <= eps && within(a, b, d))
  );
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
