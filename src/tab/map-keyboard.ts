/**
 * Keyboard navigation on the map: the map is one tab stop (roving tabindex); arrow keys move to the nearest desk in
 * that direction, Home and End to the first and last desk in reading order, Enter or Space acts on the desk, + and −
 * zoom around it, 0 fits the floor, Escape hides the tooltip and closes the panel.
 */
import type { DeskDto } from './api-types';

export type MapKeyAction =
  | { readonly kind: 'move'; readonly to: DeskDto | undefined }
  | { readonly kind: 'activate'; readonly repeat: boolean }
  | { readonly kind: 'zoom'; readonly in: boolean }
  | { readonly kind: 'fit' }
  | { readonly kind: 'escape' };

const DIRECTIONS: Record<string, readonly [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** What a key pressed on `desk` does; undefined for keys the map leaves alone. */
export function mapKeyAction(key: string, repeat: boolean, desk: DeskDto, navigable: readonly DeskDto[]): MapKeyAction | undefined {
  const step = DIRECTIONS[key];
  if (step) return { kind: 'move', to: nearestInDirection(desk, navigable, step[0], step[1]) };
  switch (key) {
    case 'Enter':
    case ' ':
      return { kind: 'activate', repeat };
    case 'Home':
      return { kind: 'move', to: firstDesk(navigable) };
    case 'End':
      return { kind: 'move', to: lastDesk(navigable) };
    case '+':
    case '=':
      return { kind: 'zoom', in: true };
    case '-':
    case '_':
      return { kind: 'zoom', in: false };
    case '0':
      return { kind: 'fit' };
    case 'Escape':
      return { kind: 'escape' };
    default:
      return undefined;
  }
}

/** The top-left desk: the first in reading order. */
export function firstDesk(desks: readonly DeskDto[]): DeskDto | undefined {
  let best: DeskDto | undefined;
  for (const d of desks) if (!best || d.y < best.y - 1e-6 || (Math.abs(d.y - best.y) <= 1e-6 && d.x < best.x)) best = d;
  return best;
}

export function lastDesk(desks: readonly DeskDto[]): DeskDto | undefined {
  let best: DeskDto | undefined;
  for (const d of desks) if (!best || d.y > best.y + 1e-6 || (Math.abs(d.y - best.y) <= 1e-6 && d.x > best.x)) best = d;
  return best;
}

/** The desk an arrow key leads to: ahead in that direction, nearest, preferring ones in line. */
export function nearestInDirection(from: { id: string; x: number; y: number }, desks: readonly DeskDto[], dx: number, dy: number): DeskDto | undefined {
  let best: DeskDto | undefined;
  let bestScore = Infinity;
  for (const d of desks) {
    if (d.id === from.id) continue;
    const along = (d.x - from.x) * dx + (d.y - from.y) * dy;
    if (along <= 1e-6) continue;
    const across = Math.abs((d.x - from.x) * dy - (d.y - from.y) * dx);
    const score = along + across * 2.5;
    if (score < bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}
