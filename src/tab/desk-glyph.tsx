/**
 * How each desk state looks. States differ by shape or pattern, never by colour alone, so that they read in the
 * dark and high-contrast themes and for people who do not tell colours apart:
 *   free        outlined square
 *   mine        filled square with a check mark
 *   taken       cross-hatched square
 *   too-close   dashed circle
 *   zone-full   square with horizontal bars
 *   unavailable grey square struck through
 */
import type { DeskState } from './api-types';

export const DESK_STATES: readonly DeskState[] = ['free', 'mine', 'taken', 'too-close', 'zone-full', 'unavailable'];

export interface PatternIds {
  readonly hatch: string;
  readonly bars: string;
}

/** The fills the shapes use, sized for a desk of side `s` (in the SVG's own units). */
export function DeskPatterns({ ids, s }: { ids: PatternIds; s: number }) {
  const p = s / 4;
  const w = s * 0.07;
  return (
    <defs>
      <pattern id={ids.hatch} patternUnits="userSpaceOnUse" width={p} height={p}>
        <rect className="pattern-bg" width={p} height={p} />
        <path className="pattern-line" strokeWidth={w} d={`M0,0 L${p},${p} M${p},0 L0,${p}`} />
      </pattern>
      <pattern id={ids.bars} patternUnits="userSpaceOnUse" width={p} height={p}>
        <rect className="pattern-bg" width={p} height={p} />
        <rect className="pattern-bar" y={p * 0.25} width={p} height={p * 0.4} />
      </pattern>
    </defs>
  );
}

/** The shape of one desk centred on (x, y), side s. */
export function DeskShape({ state, x, y, s, ids }: { state: DeskState; x: number; y: number; s: number; ids: PatternIds }) {
  const h = s / 2;
  const square = (style?: { fill: string }) => (
    <rect className="shape" x={x - h} y={y - h} width={s} height={s} rx={s * 0.12} {...(style && { style })} />
  );
  switch (state) {
    case 'free':
      return square();
    case 'mine':
      return (
        <>
          {square()}
          <path className="mark" d={`M${x - h * 0.55},${y + h * 0.02} L${x - h * 0.15},${y + h * 0.45} L${x + h * 0.6},${y - h * 0.45}`} />
        </>
      );
    case 'taken':
      return square({ fill: `url(#${ids.hatch})` });
    case 'too-close':
      return <circle className="shape" cx={x} cy={y} r={h * 0.92} />;
    case 'zone-full':
      return square({ fill: `url(#${ids.bars})` });
    case 'unavailable':
      return (
        <>
          {square()}
          <line className="mark" x1={x - h * 0.7} y1={y + h * 0.7} x2={x + h * 0.7} y2={y - h * 0.7} />
        </>
      );
    default:
      return square();
  }
}
