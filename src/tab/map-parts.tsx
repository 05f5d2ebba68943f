/**
 * What the floor map draws: the desks (one focusable button each), the drawn plan, the zone outlines with their
 * counts, the shared tooltip and the legend.
 */
import { memo, useId, useLayoutEffect, useState, type RefObject } from 'react';
import { deskStateLabel } from '../i18n/state-labels';
import { t, type Locale } from '../i18n/messages';
import type { DeskDto, FloorViewDto, ZoneDto } from './api-types';
import { attributeLabel } from './attributes';
import { DESK_STATES, DeskPatterns, DeskShape, type PatternIds } from './desk-glyph';
import type { Box } from './map-view-box';

type FloorPlan = NonNullable<FloorViewDto['floor']['plan']>;

interface DeskProps {
  readonly desk: DeskDto;
  readonly s: number;
  readonly ids: PatternIds;
  readonly locale: Locale;
  readonly shown: boolean;
  readonly busy: boolean;
  readonly selected: boolean;
  readonly tabStop: boolean;
  readonly describedBy: string | undefined;
}

/** Equipment as small marks beside the desk; the accessible name lists it in words. */
const EQUIPMENT_MARK: Readonly<Record<string, string>> = { monitor: '▭', standing: '↕', docking: '⌁', accessible: '♿', quiet: '◌', window: '◫' };

export function deskName(desk: DeskDto, locale: Locale): string {
  const state = desk.stateText ?? deskStateLabel(desk.state, locale);
  if (desk.attributes.length === 0) return t(locale, 'tab.desk.name', { desk: desk.label, state });
  return t(locale, 'tab.desk.nameWith', { desk: desk.label, state, equipment: desk.attributes.map((a) => attributeLabel(a, locale)).join(', ') });
}

export const Desk = memo(function Desk({ desk, s, ids, locale, shown, busy, selected, tabStop, describedBy }: DeskProps) {
  const h = s / 2;
  const classes = `desk desk-${desk.state}${busy ? ' desk-busy' : ''}${shown ? '' : ' desk-filtered'}${selected ? ' desk-selected' : ''}`;
  const marks = desk.attributes.map((a) => EQUIPMENT_MARK[a]).filter((m): m is string => !!m).join('');
  if (!shown) {
    return (
      <g className={classes} aria-hidden="true">
        <circle cx={desk.x} cy={desk.y} r={s * 0.12} />
      </g>
    );
  }
  return (
    <g
      className={classes}
      role="button"
      tabIndex={tabStop ? 0 : -1}
      data-desk-id={desk.id}
      data-state={desk.state}
      aria-label={deskName(desk, locale)}
      aria-describedby={describedBy}
      aria-busy={busy || undefined}
      aria-haspopup="dialog"
    >
      <rect className="hit" x={desk.x - h * 1.1} y={desk.y - h * 1.1} width={s * 1.1} height={s * 1.1} />
      <DeskShape state={desk.state} x={desk.x} y={desk.y} s={s} ids={ids} />
      <rect className="ring" x={desk.x - h * 1.3} y={desk.y - h * 1.3} width={s * 1.3} height={s * 1.3} rx={s * 0.2} />
      <text className="desk-label" x={desk.x} y={desk.y + h * 1.3 + s * 0.36} fontSize={s * 0.36} textAnchor="middle" aria-hidden="true">
        {desk.label}
      </text>
      {marks && (
        // Beside the desk, not above it: the facing row's labels sit above.
        <text className="desk-equipment" x={desk.x - h * 1.15} y={desk.y + s * 0.1} fontSize={s * 0.26} textAnchor="end" aria-hidden="true">
          {marks}
        </text>
      )}
    </g>
  );
});

/** Lines, not areas: walls, windows and doors are drawn open. */
const PLAN_LINES = new Set(['wall', 'window', 'door']);

/**
 * The drawn plan: scenery under the zones and desks. It is hidden from assistive technology (desks carry their zone
 * and equipment in their names) and lets every pointer event through, so that a tap on a desk drawn over a room
 * still reaches the desk.
 */
export const PlanDrawing = memo(function PlanDrawing({ shapes, fontSize }: { shapes: FloorPlan['shapes']; fontSize: number }) {
  const areas = shapes.filter((sh) => !PLAN_LINES.has(sh.kind));
  const lines = shapes.filter((sh) => PLAN_LINES.has(sh.kind));
  const pts = (points: FloorPlan['shapes'][number]['points']) => points.map((p) => `${p[0]},${p[1]}`).join(' ');
  return (
    <g className="plan" aria-hidden="true" pointerEvents="none" data-testid="floor-plan">
      {areas.map((sh, i) => (
        <polygon key={`a${i}`} className={`plan-area plan-${sh.kind}`} points={pts(sh.points)} />
      ))}
      {/* Walls before windows and doors, which open gaps in them. */}
      {lines
        .filter((sh) => sh.kind === 'wall')
        .map((sh, i) => (
          <polyline key={`w${i}`} className="plan-wall" points={pts(sh.points)} />
        ))}
      {lines
        .filter((sh) => sh.kind !== 'wall')
        .map((sh, i) => (
          <g key={`o${i}`} className={`plan-${sh.kind}`}>
            <polyline className="plan-gap" points={pts(sh.points)} />
            <polyline className="plan-pane" points={pts(sh.points)} />
          </g>
        ))}
      {areas.map((sh, i) => {
        if (!sh.label) return null;
        const xs = sh.points.map((p) => p[0]);
        const ys = sh.points.map((p) => p[1]);
        // At the top of the area: a room's middle often lies on a zone border, whose dashes would strike it through.
        return (
          <text
            key={`t${i}`}
            className="plan-label"
            x={(Math.min(...xs) + Math.max(...xs)) / 2}
            y={Math.min(...ys) + fontSize * 1.4}
            fontSize={fontSize * 0.9}
            textAnchor="middle"
          >
            {sh.label}
          </text>
        );
      })}
    </g>
  );
});

export function ZoneOutline({ zone, fontSize, locale }: { zone: ZoneDto; fontSize: number; locale: Locale }) {
  if (zone.outline.length < 3) return null;
  const xs = zone.outline.map((p) => p[0]);
  const ys = zone.outline.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  const full = zone.capacity > 0 && zone.booked >= zone.capacity;
  return (
    <g className={`zone${full ? ' zone-full' : ''}`}>
      <polygon points={zone.outline.map((p) => `${p[0]},${p[1]}`).join(' ')} />
      <text x={x + fontSize * 0.4} y={y + fontSize * 1.2} fontSize={fontSize}>
        {t(locale, 'tab.zone.count', { zone: zone.name, booked: zone.booked, capacity: zone.capacity })}
      </text>
    </g>
  );
}

interface TooltipProps {
  readonly id: string;
  readonly svgRef: RefObject<SVGSVGElement | null>;
  readonly frameRef: RefObject<HTMLDivElement | null>;
  readonly desk: DeskDto | undefined;
  readonly s: number;
  readonly box: Box;
  readonly locale: Locale;
}

/** One tooltip for the whole map, placed above the focused or hovered desk. */
export function MapTooltip({ id, svgRef, frameRef, desk, s, box, locale }: TooltipProps) {
  const [pos, setPos] = useState<{ left: number; top: number } | undefined>(undefined);
  useLayoutEffect(() => {
    const svg = svgRef.current;
    const frame = frameRef.current;
    if (!desk || !svg || !frame) return setPos(undefined);
    const m = svg.getScreenCTM();
    if (!m) return setPos(undefined);
    const p = new DOMPoint(desk.x, desk.y - s * 0.75).matrixTransform(m);
    const q = new DOMPoint(desk.x, desk.y + s * 0.75).matrixTransform(m);
    const r = frame.getBoundingClientRect();
    setPos({ left: p.x - r.left, top: p.y - r.top + (p.y - r.top < 48 ? q.y - p.y + 48 : 0) });
  }, [desk, s, box, svgRef, frameRef]);
  return (
    <div
      id={id}
      role="tooltip"
      className="map-tooltip"
      hidden={!desk || !pos}
      style={pos ? { left: pos.left, top: pos.top } : undefined}
    >
      {desk && (
        <>
          {/* As the desk's description the name would be read a second time; without a reason the desk is not
              described by the tooltip, and the name is what names the tooltip. */}
          <strong aria-hidden={extraReason(desk, locale) ? 'true' : undefined}>{deskName(desk, locale)}</strong>
          {extraReason(desk, locale) && (
            <>
              <br />
              {desk.reason}
            </>
          )}
        </>
      )}
    </div>
  );
}

/** The desk's reason when it says more than its state, which its name already gives. */
export function extraReason(desk: DeskDto, locale: Locale): string | undefined {
  return desk.reason && desk.reason !== (desk.stateText ?? deskStateLabel(desk.state, locale)) ? desk.reason : undefined;
}

export function Legend({ locale }: { locale: Locale }) {
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const ids: PatternIds = { hatch: `${uid}-lh`, bars: `${uid}-lb` };
  return (
    <section className="legend" aria-label={t(locale, 'tab.legend')}>
      <ul>
        {DESK_STATES.map((state) => (
          <li key={state} className={`desk desk-${state}`}>
            <svg viewBox="0 0 1 1" width="20" height="20" aria-hidden="true" focusable="false">
              {state === DESK_STATES[0] && <DeskPatterns ids={ids} s={0.7} />}
              <DeskShape state={state} x={0.5} y={0.5} s={0.7} ids={ids} />
            </svg>
            <span>{deskStateLabel(state, locale)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
