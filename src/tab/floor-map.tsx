/**
 * The floor as an SVG in metres (viewBox = the floor's width × height), the plan image and the drawn plan behind it, zone outlines
 * labelled "booked / capacity", and one focusable button per desk.
 *
 * Keyboard: the map is one tab stop (roving tabindex); arrow keys move to the nearest desk in that direction,
 * Enter or Space acts on it, + and − zoom, 0 fits the floor, Escape hides the tooltip. The focused or hovered
 * desk shows its reason in one shared tooltip, which is also its accessible description.
 * Pointer: a click opens the desk's panel, a drag pans, the wheel zooms around the pointer.
 * Touch: a tap opens the desk's panel; one finger scrolls the page unless "Move the map" is on; two fingers pinch to
 * zoom. On a touch screen the map opens zoomed in so that every desk is a target of at least MIN_TARGET_PX
 * (WCAG 2.2, 2.5.8), centred on the person's desk or on the free desks.
 */
import { Button, Text } from '@fluentui/react-components';
import {
  memo,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type RefObject,
} from 'react';
import { deskStateLabel } from '../i18n/describe-refusal';
import { formatDate, t, type Locale } from '../i18n/messages';
import type { DeskDto, FloorViewDto, ZoneDto } from './api-types';
import { attributeLabel } from './attributes';
import { DESK_STATES, DeskPatterns, DeskShape, type PatternIds } from './desk-glyph';
import { useLocale } from './locale';
import { NARROW, TOUCH, useMedia } from './use-media';

type FloorPlan = NonNullable<FloorViewDto['floor']['plan']>;

export const MAX_ZOOM = 16;
const ZOOM_STEP = 1.5;
const DRAG_THRESHOLD_PX = 4;
/** The smallest desk target on a touch screen or a narrow window, with room to spare over WCAG's 24 px. */
export const MIN_TARGET_PX = 28;

/** Marks for the bench and tests: the SVG holds every desk (rendered), then the frame after it (painted). */
export const MAP_RENDERED_MARK = 'seatwise:map-rendered';
export const MAP_PAINTED_MARK = 'seatwise:map-painted';
let firstPaintMarked = false;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface FloorMapProps {
  readonly view: FloorViewDto;
  /** Desks hidden by the attribute filters are drawn faintly and cannot be focused. */
  readonly matches: (desk: DeskDto) => boolean;
  readonly busy: ReadonlySet<string>;
  readonly onActivate: (desk: DeskDto) => void;
  /** A desk to bring into view and focus once, e.g. after "Show on map"; a new request object asks again. */
  readonly focusRequest?: { readonly deskId: string };
  /** The desk whose panel is open: drawn with a ring. */
  readonly selectedId?: string | undefined;
  /** Escape on a desk: the panel closes, as it does with the focus inside it. */
  readonly onEscape?: () => void;
}

export function FloorMap({ view, matches, busy, onActivate, focusRequest, selectedId, onEscape }: FloorMapProps) {
  const locale = useLocale();
  const touch = useMedia(TOUCH);
  const narrow = useMedia(NARROW);
  const [panMode, setPanMode] = useState(false);
  const { floor, zones, desks } = view;
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const ids: PatternIds = useMemo(() => ({ hatch: `${uid}-hatch`, bars: `${uid}-bars` }), [uid]);
  const tooltipId = `${uid}-tip`;
  const helpId = `${uid}-help`;
  const svgRef = useRef<SVGSVGElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);

  const fit = useMemo(() => fitBox(floor.width, floor.height), [floor.width, floor.height]);
  const [box, setBox] = useState<Box>(fit);
  const boxRef = useRef(box);
  boxRef.current = box;

  const size = useMemo(() => deskSize(desks), [desks]);

  // On a phone (or any touch screen) the whole floor would make desks a few pixels wide: open zoomed in, so that a
  // desk's target is at least MIN_TARGET_PX, around the person's desk, or the free desk nearest the free desks' middle.
  const openedFor = useRef<string | undefined>(undefined);
  const lastFit = useRef(fit);
  useLayoutEffect(() => {
    // Another floor: start from the whole of it (then, on a phone, zoom in below).
    if (lastFit.current !== fit) {
      lastFit.current = fit;
      setBox(fit);
    }
    const svg = svgRef.current;
    const key = `${floor.id}|${view.date}`;
    if (!svg || !(touch || narrow) || openedFor.current === key || desks.length === 0) return;
    openedFor.current = key;
    const px = svg.getBoundingClientRect().width;
    if (px <= 0) return;
    const target = size * 1.1;
    const w = Math.min(fit.w, (px * target) / MIN_TARGET_PX);
    if (w >= fit.w) return;
    const h = (w * fit.h) / fit.w;
    const centre = centreDesk(desks);
    setBox(clampBox({ x: centre.x - w / 2, y: centre.y - h / 2, w, h }, fit));
  }, [touch, narrow, floor.id, view.date, desks, size, fit]);
  const byId = useMemo(() => new Map(desks.map((d) => [d.id, d])), [desks]);
  const navigable = useMemo(() => desks.filter(matches), [desks, matches]);

  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const [tip, setTip] = useState<{ deskId: string; via: 'focus' | 'hover' } | undefined>(undefined);
  const wantFocus = useRef<string | undefined>(undefined);

  // The roving tab stop stays on a desk that exists and is shown; otherwise the top-left one.
  const tabStop = activeId && byId.has(activeId) && matches(byId.get(activeId)!) ? activeId : firstDesk(navigable)?.id;

  const zoomBy = useCallback(
    (factor: number, at?: { x: number; y: number }) => {
      setBox((b) => {
        const w = clamp(b.w / factor, fit.w / MAX_ZOOM, fit.w);
        const h = (w * fit.h) / fit.w;
        const cx = at?.x ?? b.x + b.w / 2;
        const cy = at?.y ?? b.y + b.h / 2;
        return clampBox({ x: cx - ((cx - b.x) * w) / b.w, y: cy - ((cy - b.y) * h) / b.h, w, h }, fit);
      });
    },
    [fit],
  );
  const panBy = useCallback((fx: number, fy: number) => setBox((b) => clampBox({ ...b, x: b.x + fx * b.w, y: b.y + fy * b.h }, fit)), [fit]);

  /** Pans (without zooming) so that a desk is inside the view, with a margin. */
  const reveal = useCallback(
    (desk: DeskDto) => {
      setBox((b) => {
        const m = Math.min(size * 1.5, b.w / 4, b.h / 4);
        let { x, y } = b;
        if (desk.x - m < x) x = desk.x - m;
        if (desk.x + m > x + b.w) x = desk.x + m - b.w;
        if (desk.y - m < y) y = desk.y - m;
        if (desk.y + m > y + b.h) y = desk.y + m - b.h;
        return x === b.x && y === b.y ? b : clampBox({ ...b, x, y }, fit);
      });
    },
    [fit, size],
  );

  const moveTo = useCallback(
    (desk: DeskDto | undefined) => {
      if (!desk) return;
      wantFocus.current = desk.id;
      setActiveId(desk.id);
      reveal(desk);
    },
    [reveal],
  );

  useLayoutEffect(() => {
    const id = wantFocus.current;
    if (!id) return;
    wantFocus.current = undefined;
    svgRef.current?.querySelector<SVGGElement>(`[data-desk-id="${cssEscape(id)}"]`)?.focus();
  });

  // Honoured once per request, as soon as the desk is on the map: a later poll must not pull the focus back.
  const handledRequest = useRef<{ readonly deskId: string } | undefined>(undefined);
  useEffect(() => {
    if (!focusRequest || handledRequest.current === focusRequest || !byId.has(focusRequest.deskId)) return;
    handledRequest.current = focusRequest;
    moveTo(byId.get(focusRequest.deskId));
  }, [focusRequest, byId, moveTo]);

  // The first time the map holds all desks, mark it; the next frame is the paint.
  useLayoutEffect(() => {
    if (firstPaintMarked || desks.length === 0) return;
    firstPaintMarked = true;
    performance.mark(MAP_RENDERED_MARK, { detail: { desks: desks.length } });
    requestAnimationFrame(() => setTimeout(() => performance.mark(MAP_PAINTED_MARK, { detail: { desks: desks.length } }), 0));
  }, [desks.length]);

  // The wheel zooms around the pointer; React's onWheel is passive, so the page would scroll as well.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const at = toFloor(svg, e.clientX, e.clientY);
      zoomBy(Math.exp(-e.deltaY * 0.0015), at);
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [zoomBy]);

  const drag = useRef<{ pointerId: number; x: number; y: number; box: Box; moved: boolean } | undefined>(undefined);
  const suppressClick = useRef(false);

  // Two fingers zoom around their middle. Touch events, not pointer events: with touch-action pan-y the browser
  // keeps one-finger scrolling, and only a second finger's move is taken from it (preventDefault).
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    let pinch: { d: number; box: Box } | undefined;
    const spread = (e: TouchEvent): { d: number; x: number; y: number } => {
      const [a, b] = [e.touches[0]!, e.touches[1]!];
      return { d: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY), x: (a.clientX + b.clientX) / 2, y: (a.clientY + b.clientY) / 2 };
    };
    const onStart = (e: TouchEvent): void => {
      if (e.touches.length !== 2) return;
      e.preventDefault();
      drag.current = undefined;
      pinch = { d: spread(e).d || 1, box: boxRef.current };
    };
    const onMove = (e: TouchEvent): void => {
      if (!pinch || e.touches.length !== 2) return;
      e.preventDefault();
      const now = spread(e);
      const at = toFloor(svg, now.x, now.y);
      const factor = now.d / pinch.d;
      const start = pinch.box;
      const w = clamp(start.w / factor, fit.w / MAX_ZOOM, fit.w);
      const h = (w * fit.h) / fit.w;
      const cx = at?.x ?? start.x + start.w / 2;
      const cy = at?.y ?? start.y + start.h / 2;
      setBox(clampBox({ x: cx - ((cx - start.x) * w) / start.w, y: cy - ((cy - start.y) * h) / start.h, w, h }, fit));
      suppressClick.current = true;
    };
    const onEnd = (e: TouchEvent): void => {
      if (e.touches.length < 2 && pinch) {
        pinch = undefined;
        setTimeout(() => (suppressClick.current = false), 0);
      }
    };
    svg.addEventListener('touchstart', onStart, { passive: false });
    svg.addEventListener('touchmove', onMove, { passive: false });
    svg.addEventListener('touchend', onEnd);
    svg.addEventListener('touchcancel', onEnd);
    return () => {
      svg.removeEventListener('touchstart', onStart);
      svg.removeEventListener('touchmove', onMove);
      svg.removeEventListener('touchend', onEnd);
      svg.removeEventListener('touchcancel', onEnd);
    };
  }, [fit]);

  const onPointerDown = (e: PointerEvent<SVGSVGElement>): void => {
    if (e.button !== 0) return;
    // A finger drags the floor only in pan mode; otherwise it scrolls the page (touch-action: pan-y).
    if (e.pointerType === 'touch' && !panMode) return;
    drag.current = { pointerId: e.pointerId, x: e.clientX, y: e.clientY, box: boxRef.current, moved: false };
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>): void => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
    if (!d.moved) {
      d.moved = true;
      e.currentTarget.setPointerCapture(e.pointerId);
    }
    const rect = e.currentTarget.getBoundingClientRect();
    const scale = Math.min(rect.width / d.box.w, rect.height / d.box.h) || 1;
    if (!rect.width) return;
    setBox(clampBox({ ...d.box, x: d.box.x - dx / scale, y: d.box.y - dy / scale }, fit));
  };
  const onPointerUp = (e: PointerEvent<SVGSVGElement>): void => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    drag.current = undefined;
    if (d.moved) {
      suppressClick.current = true;
      setTimeout(() => (suppressClick.current = false), 0);
    }
  };

  const deskOf = (target: EventTarget | null): DeskDto | undefined => {
    const el = target instanceof Element ? target.closest('[data-desk-id]') : null;
    const id = el?.getAttribute('data-desk-id');
    const desk = id ? byId.get(id) : undefined;
    return desk && matches(desk) ? desk : undefined;
  };

  const onClick = (e: MouseEvent<SVGSVGElement>): void => {
    if (suppressClick.current) return;
    const desk = deskOf(e.target);
    if (desk) {
      setActiveId(desk.id);
      onActivate(desk);
    }
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>): void => {
    const desk = deskOf(e.target);
    if (!desk) return;
    const step = DIRECTIONS[e.key];
    if (step) {
      e.preventDefault();
      moveTo(nearestInDirection(desk, navigable, step[0], step[1]));
      return;
    }
    switch (e.key) {
      case 'Enter':
      case ' ':
        e.preventDefault();
        if (!e.repeat) onActivate(desk);
        return;
      case 'Home':
        e.preventDefault();
        moveTo(firstDesk(navigable));
        return;
      case 'End':
        e.preventDefault();
        moveTo(lastDesk(navigable));
        return;
      case '+':
      case '=':
        e.preventDefault();
        zoomBy(ZOOM_STEP, desk);
        return;
      case '-':
      case '_':
        e.preventDefault();
        zoomBy(1 / ZOOM_STEP, desk);
        return;
      case '0':
        e.preventDefault();
        setBox(fit);
        return;
      case 'Escape':
        setTip(undefined);
        onEscape?.();
        return;
    }
  };

  const onFocus = (e: FocusEvent<SVGSVGElement>): void => {
    const desk = deskOf(e.target);
    if (!desk) return;
    setActiveId(desk.id);
    setTip({ deskId: desk.id, via: 'focus' });
    reveal(desk);
  };
  const onBlur = (): void => setTip((tp) => (tp?.via === 'focus' ? undefined : tp));
  const onPointerOver = (e: PointerEvent<SVGSVGElement>): void => {
    const desk = deskOf(e.target);
    if (!desk) return;
    // A keyboard user's tooltip stays put when the map moves under a resting mouse pointer.
    const focused = document.activeElement;
    if (focused instanceof SVGElement && focused.dataset['deskId'] !== desk.id && focused.matches('[data-desk-id]:focus-visible')) return;
    setTip((tp) => (tp?.deskId === desk.id ? tp : { deskId: desk.id, via: 'hover' }));
  };
  const onPointerLeaveDesk = (e: PointerEvent<SVGSVGElement>): void => {
    const from = deskOf(e.target);
    const to = deskOf(e.relatedTarget);
    if (from && from !== to) setTip((tp) => (tp?.via === 'hover' && tp.deskId === from.id ? undefined : tp));
  };

  const zoomPercent = Math.round((fit.w / box.w) * 100);
  // A tap is not a hover: on a touch screen the panel says what the tooltip would.
  const tipDesk = tip && !touch ? byId.get(tip.deskId) : undefined;
  const labelSize = clamp(Math.max(floor.width, floor.height) / 70, 0.3, 2);

  return (
    <div className="map">
      {/* Plain buttons in a group: each is its own tab stop, so the controls need no focus manager. */}
      <div role="group" aria-label={t(locale, 'tab.map.controls')} className="map-toolbar">
        <Button size="small" onClick={() => zoomBy(ZOOM_STEP)} disabled={zoomPercent >= MAX_ZOOM * 100}>
          {t(locale, 'tab.map.zoomIn')}
        </Button>
        <Button size="small" onClick={() => zoomBy(1 / ZOOM_STEP)} disabled={zoomPercent <= 100}>
          {t(locale, 'tab.map.zoomOut')}
        </Button>
        <Button size="small" onClick={() => setBox(fit)}>
          {t(locale, 'tab.map.fit')}
        </Button>
        <Button size="small" onClick={() => panBy(-0.25, 0)} aria-label={t(locale, 'tab.map.panLeft')}>
          ←
        </Button>
        <Button size="small" onClick={() => panBy(0, -0.25)} aria-label={t(locale, 'tab.map.panUp')}>
          ↑
        </Button>
        <Button size="small" onClick={() => panBy(0, 0.25)} aria-label={t(locale, 'tab.map.panDown')}>
          ↓
        </Button>
        <Button size="small" onClick={() => panBy(0.25, 0)} aria-label={t(locale, 'tab.map.panRight')}>
          →
        </Button>
        {touch && (
          <Button size="small" aria-pressed={panMode} appearance={panMode ? 'primary' : 'secondary'} onClick={() => setPanMode((v) => !v)} data-testid="pan-mode">
            {t(locale, 'tab.map.panMode')}
          </Button>
        )}
        <Text size={200} className="map-zoom" aria-live="polite">
          {t(locale, 'tab.map.zoom', { percent: zoomPercent })}
        </Text>
      </div>
      <p id={helpId} className="map-help">
        {t(locale, touch ? 'tab.map.touchHelp' : 'tab.map.helpPanel')}
      </p>
      <div className="map-frame" ref={frameRef}>
        <svg
          ref={svgRef}
          className={`map-svg${touch && !panMode ? ' map-scrolls' : ''}`}
          style={{ aspectRatio: `${fit.w} / ${fit.h}` }}
          role="group"
          aria-label={t(locale, 'tab.map.label', { floor: floor.name, date: formatDate(view.date, locale) })}
          aria-describedby={helpId}
          viewBox={`${box.x} ${box.y} ${box.w} ${box.h}`}
          data-desks={desks.length}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onClick={onClick}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          onBlur={onBlur}
          onPointerOver={onPointerOver}
          onPointerOut={onPointerLeaveDesk}
        >
          <DeskPatterns ids={ids} s={size} />
          <rect className="floor-bg" x={0} y={0} width={floor.width} height={floor.height} />
          {floor.planImageUrl && (
            <image className="floor-plan" href={floor.planImageUrl} x={0} y={0} width={floor.width} height={floor.height} preserveAspectRatio="none" />
          )}
          {floor.plan && <PlanDrawing shapes={floor.plan.shapes} fontSize={labelSize} />}
          {zones.map((z) => (
            <ZoneOutline key={z.id} zone={z} fontSize={labelSize} locale={locale} />
          ))}
          <g className="desks">
            {desks.map((d) => (
              <Desk
                key={d.id}
                desk={d}
                s={size}
                ids={ids}
                locale={locale}
                shown={matches(d)}
                busy={busy.has(d.id)}
                selected={d.id === selectedId}
                tabStop={d.id === tabStop}
                describedBy={tip?.deskId === d.id && extraReason(d, locale) ? tooltipId : undefined}
              />
            ))}
          </g>
        </svg>
        <MapTooltip id={tooltipId} svgRef={svgRef} frameRef={frameRef} desk={tipDesk} s={size} box={box} locale={locale} />
      </div>
      <Legend locale={locale} />
    </div>
  );
}

const DIRECTIONS: Record<string, readonly [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

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
  const state = deskStateLabel(desk.state, locale);
  if (desk.attributes.length === 0) return t(locale, 'tab.desk.name', { desk: desk.label, state });
  return t(locale, 'tab.desk.nameWith', { desk: desk.label, state, equipment: desk.attributes.map((a) => attributeLabel(a, locale)).join(', ') });
}

const Desk = memo(function Desk({ desk, s, ids, locale, shown, busy, selected, tabStop, describedBy }: DeskProps) {
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
const PlanDrawing = memo(function PlanDrawing({ shapes, fontSize }: { shapes: FloorPlan['shapes']; fontSize: number }) {
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

function ZoneOutline({ zone, fontSize, locale }: { zone: ZoneDto; fontSize: number; locale: Locale }) {
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
function MapTooltip({ id, svgRef, frameRef, desk, s, box, locale }: TooltipProps) {
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
function extraReason(desk: DeskDto, locale: Locale): string | undefined {
  return desk.reason && desk.reason !== deskStateLabel(desk.state, locale) ? desk.reason : undefined;
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

// ---------------------------------------------------------------------------------------------------------------
// Geometry of the view

function fitBox(width: number, height: number): Box {
  const m = Math.max(0.5, 0.02 * Math.max(width, height));
  return { x: -m, y: -m, w: width + 2 * m, h: height + 2 * m };
}

/** Keeps at least half of the view over the floor. */
function clampBox(b: Box, fit: Box): Box {
  return {
    ...b,
    x: clamp(b.x, fit.x - b.w / 2, fit.x + fit.w - b.w / 2),
    y: clamp(b.y, fit.y - b.h / 2, fit.y + fit.h - b.h / 2),
  };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function toFloor(svg: SVGSVGElement, clientX: number, clientY: number): { x: number; y: number } | undefined {
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

function firstDesk(desks: readonly DeskDto[]): DeskDto | undefined {
  let best: DeskDto | undefined;
  for (const d of desks) if (!best || d.y < best.y - 1e-6 || (Math.abs(d.y - best.y) <= 1e-6 && d.x < best.x)) best = d;
  return best;
}

function lastDesk(desks: readonly DeskDto[]): DeskDto | undefined {
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

function cssEscape(value: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(value) : value.replace(/["\\]/g, '\\$&');
}


/** Where a phone's first view is centred: the person's desk, else the free desk nearest the free desks' middle. */
function centreDesk(desks: readonly DeskDto[]): { x: number; y: number } {
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
