import type { Desk, Point } from './model';

/** Centre-to-centre Euclidean distance in metres. Only meaningful for desks on the same floor. */
export function distance(a: Pick<Desk, 'x' | 'y'>, b: Pick<Desk, 'x' | 'y'>): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/**
 * Two desks conflict when they are on the same floor and strictly closer than D.
 * Exactly D apart is allowed: "at least D" is the rule people are told.
 */
export function tooClose(a: Desk, b: Desk, minDistanceM: number): boolean {
  return a.id !== b.id && a.floorId === b.floorId && distance(a, b) < minDistanceM - 1e-9;
}

/** Even-odd ray casting; points on the outline count as inside. */
export function pointInPolygon(p: Point, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (onSegment(p, [xi, yi], [xj, yj])) return true;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onSegment(p: Point, a: Point, b: Point): boolean {
  const cross = (p[0] - a[0]) * (b[1] - a[1]) - (p[1] - a[1]) * (b[0] - a[0]);
  if (Math.abs(cross) > 1e-9) return false;
  return (
    p[0] >= Math.min(a[0], b[0]) - 1e-9 &&
    p[0] <= Math.max(a[0], b[0]) + 1e-9 &&
    p[1] >= Math.min(a[1], b[1]) - 1e-9 &&
    p[1] <= Math.max(a[1], b[1]) + 1e-9
  );
}

/** Rounds metres for display: 1.23456 → 1.2. */
export function roundMetres(m: number): number {
  return Math.round(m * 10) / 10;
}
