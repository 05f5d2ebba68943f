/**
 * The floor as an SVG in metres (viewBox = the floor's width × height), the plan image and the drawn plan behind it, zone outlines
 * labelled "booked / capacity", and one focusable button per desk.
 *
 * The focused or hovered desk shows its reason in one shared tooltip, which is also its accessible description.
 * A click or a tap opens the desk's panel. Keys are map-keyboard.ts's; panning and zooming, use-pan-zoom.ts's.
 */
import { Button, Text } from '@fluentui/react-components';
import {
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
} from 'react';
import { formatDate, t } from '../i18n/messages';
import type { DeskDto, FloorViewDto } from './api-types';
import { DeskPatterns, type PatternIds } from './desk-glyph';
import { useLocale } from './locale';
import { firstDesk, mapKeyAction } from './map-keyboard';
import { Desk, extraReason, Legend, MapTooltip, PlanDrawing, ZoneOutline } from './map-parts';
import { clamp, deskSize, MAX_ZOOM } from './map-view-box';
import { NARROW, TOUCH, useMedia } from './use-media';
import { usePanZoom } from './use-pan-zoom';

const ZOOM_STEP = 1.5;

/** Marks for the bench and tests: the SVG holds every desk (rendered), then the frame after it (painted). */
export const MAP_RENDERED_MARK = 'seatwise:map-rendered';
export const MAP_PAINTED_MARK = 'seatwise:map-painted';
let firstPaintMarked = false;

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
  /** The floor's plan image, ready to draw (fetched with the caller's identity: see use-plan-image.ts). */
  readonly planSrc?: string | undefined;
}

export function FloorMap({ view, matches, busy, onActivate, focusRequest, selectedId, onEscape, planSrc }: FloorMapProps) {
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

  const size = useMemo(() => deskSize(desks), [desks]);
  const { box, fit, fitAll, zoomBy, panBy, reveal, gestureJustEnded, pointerHandlers } = usePanZoom({
    svgRef,
    floor,
    date: view.date,
    desks,
    size,
    zoomToTargets: touch || narrow,
    panMode,
  });
  const byId = useMemo(() => new Map(desks.map((d) => [d.id, d])), [desks]);
  const navigable = useMemo(() => desks.filter(matches), [desks, matches]);

  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const [tip, setTip] = useState<{ deskId: string; via: 'focus' | 'hover' } | undefined>(undefined);
  const wantFocus = useRef<string | undefined>(undefined);

  // The roving tab stop stays on a desk that exists and is shown; otherwise the top-left one.
  const tabStop = activeId && byId.has(activeId) && matches(byId.get(activeId)!) ? activeId : firstDesk(navigable)?.id;

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

  const deskOf = (target: EventTarget | null): DeskDto | undefined => {
    const el = target instanceof Element ? target.closest('[data-desk-id]') : null;
    const id = el?.getAttribute('data-desk-id');
    const desk = id ? byId.get(id) : undefined;
    return desk && matches(desk) ? desk : undefined;
  };

  const onClick = (e: MouseEvent<SVGSVGElement>): void => {
    if (gestureJustEnded()) return;
    const desk = deskOf(e.target);
    if (desk) {
      setActiveId(desk.id);
      onActivate(desk);
    }
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>): void => {
    const desk = deskOf(e.target);
    if (!desk) return;
    const action = mapKeyAction(e.key, e.repeat, desk, navigable);
    if (!action) return;
    if (action.kind !== 'escape') e.preventDefault();
    switch (action.kind) {
      case 'move':
        return moveTo(action.to);
      case 'activate':
        if (!action.repeat) onActivate(desk);
        return;
      case 'zoom':
        return zoomBy(action.in ? ZOOM_STEP : 1 / ZOOM_STEP, desk);
      case 'fit':
        return fitAll();
      case 'escape':
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
        <Button size="small" onClick={fitAll}>
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
          onPointerDown={pointerHandlers.onPointerDown}
          onPointerMove={pointerHandlers.onPointerMove}
          onPointerUp={pointerHandlers.onPointerUp}
          onPointerCancel={pointerHandlers.onPointerUp}
          onClick={onClick}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          onBlur={onBlur}
          onPointerOver={onPointerOver}
          onPointerOut={onPointerLeaveDesk}
        >
          <DeskPatterns ids={ids} s={size} />
          <rect className="floor-bg" x={0} y={0} width={floor.width} height={floor.height} />
          {planSrc && (
            <image className="floor-plan" href={planSrc} x={0} y={0} width={floor.width} height={floor.height} preserveAspectRatio="none" />
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

function cssEscape(value: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(value) : value.replace(/["\\]/g, '\\$&');
}
