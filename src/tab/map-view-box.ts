/** The geometry of the map's view: the part of the floor the SVG shows (its viewBox), in metres. */
import type { DeskDto } from './api-types';

export const MAX_ZOOM = 16;
/** The smallest desk target on a touch screen or a narrow window, with room to spare over WCAG's 24 px. */
export const MIN_TARGET_PX = 28;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The whole floor with a small margin. */
export function fitBox(width: number, height: number): Box {
  const m = Math.max(0.5, 0.02 * Math.max(width, height));
  return { x: -m, y: -m, w: width + 2 * m, h: height + 2 * m };
}

/** Keeps at least half of the view over the floor. */
export function clampBox(b: Box, fit: Box): Box {
  return {
    ...b,
    x: clamp(b.x, fit.x - b.w / 2, fit.x + fit.w - b.w / 2),
    y: clamp(b.y, fit.y - b.h / 2, fit.y + fit.h - b.h / 2),
  };
}

/** `start` zoomed by `factor` around the floor point `at` (its centre when not given), within MAX_ZOOM and the floor. */
export function zoomedBox(start: Box, factor: number, fit: Box, at?: { x: number; y: number }): Box {
  const w = clamp(start.w / factor, fit.w / MAX_ZOOM, fit.w);
  const h = (w * fit.h) / fit.w;
  const cx = at?.x ?? start.x + start.w / 2;
  const cy = at?.y ?? start.y + start.h / 2;
  return clampBox({ x: cx - ((cx - start.x) * w) / start.w, y: cy - ((cy - start.y) * h) / start.h, w, h }, fit);
}

export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** The floor point under a screen point. */
export function toFloor(svg: SVGSVGElement, clientX: number, clientY: number): { x: number; y: number } | undefined {
  const m = svg.getScreenCTM();
  if (!m) return undefined;
  const p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
  return { x: p.x, y: p.y };
}

/** The side of a desk square: 70 % of the smallest gap between desks, between 0.3 m and 0.9 m. */
export function deskSize(desks: readonly { x: number; y: number }[]): number {
  const sorted = [...desks].sort((a, b) => a.x - b.x);
  let best = Infinity;
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (b.x - a.x >= best) break;
      const d = Math.hypot(b.x - a.x, b.y - a.y);
      if (d > 1e-6 && d < best) best = d;
    }
  }
  return Number.isFinite(best) ? clamp(best * 0.7, 0.3, 0.9) : 0.8;
}

/** Where a phone's first view is centred: the person's desk, else the free desk nearest the free desks' middle. */
export function centreDesk(desks: readonly DeskDto[]): { x: number; y: number } {
  const mine = desks.find((d) => d.state === 'mine');
  if (mine) return mine;
  const pool = desks.filter((d) => d.state === 'free');
  const from = pool.length > 0 ? pool : desks;
  const mx = from.reduce((a, d) => a + d.x, 0) / from.length;
  const my = from.reduce((a, d) => a + d.y, 0) / from.length;
  let best = from[0]!;
  for (const d of from) if (Math.hypot(d.x - mx, d.y - my) < Math.hypot(best.x - mx, best.y - my)) best = d;
  return best;
}
