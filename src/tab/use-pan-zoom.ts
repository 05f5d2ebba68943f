/**
 * Pan and zoom of the floor map: the view box, and the gestures that move it. A drag pans, the wheel zooms around
 * the pointer, two fingers pinch to zoom; one finger scrolls the page unless pan mode is on. On a touch screen or a
 * narrow window the map opens zoomed in so that every desk is a target of at least MIN_TARGET_PX (WCAG 2.2, 2.5.8),
 * centred on the person's desk or on the free desks.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent, type RefObject } from 'react';
import type { DeskDto } from './api-types';
import { centreDesk, clampBox, fitBox, MIN_TARGET_PX, toFloor, zoomedBox, type Box } from './map-view-box';

const DRAG_THRESHOLD_PX = 4;

export interface PanZoomInput {
  readonly svgRef: RefObject<SVGSVGElement | null>;
  readonly floor: { readonly id: string; readonly width: number; readonly height: number };
  readonly date: string;
  readonly desks: readonly DeskDto[];
  /** The side of a desk square, in metres. */
  readonly size: number;
  /** Open zoomed in to touch-sized desks. */
  readonly zoomToTargets: boolean;
  /** A finger drags the floor (rather than scrolling the page). */
  readonly panMode: boolean;
}

export interface PanZoom {
  /** The part of the floor shown: the SVG's viewBox. */
  readonly box: Box;
  /** The whole floor. */
  readonly fit: Box;
  readonly fitAll: () => void;
  readonly zoomBy: (factor: number, at?: { x: number; y: number }) => void;
  /** Pans by a fraction of the view's width and height. */
  readonly panBy: (fx: number, fy: number) => void;
  /** Pans (without zooming) so that a desk is inside the view, with a margin. */
  readonly reveal: (desk: DeskDto) => void;
  /** True just after a drag or a pinch: the click that ends it is not a tap on a desk. */
  readonly gestureJustEnded: () => boolean;
  readonly pointerHandlers: {
    readonly onPointerDown: (e: PointerEvent<SVGSVGElement>) => void;
    readonly onPointerMove: (e: PointerEvent<SVGSVGElement>) => void;
    readonly onPointerUp: (e: PointerEvent<SVGSVGElement>) => void;
  };
}

export function usePanZoom({ svgRef, floor, date, desks, size, zoomToTargets, panMode }: PanZoomInput): PanZoom {
  const fit = useMemo(() => fitBox(floor.width, floor.height), [floor.width, floor.height]);
  const [box, setBox] = useState<Box>(fit);
  const boxRef = useRef(box);
  boxRef.current = box;

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
    const key = `${floor.id}|${date}`;
    if (!svg || !zoomToTargets || openedFor.current === key || desks.length === 0) return;
    openedFor.current = key;
    const px = svg.getBoundingClientRect().width;
    if (px <= 0) return;
    const target = size * 1.1;
    const w = Math.min(fit.w, (px * target) / MIN_TARGET_PX);
    if (w >= fit.w) return;
    const h = (w * fit.h) / fit.w;
    const centre = centreDesk(desks);
    setBox(clampBox({ x: centre.x - w / 2, y: centre.y - h / 2, w, h }, fit));
  }, [zoomToTargets, floor.id, date, desks, size, fit, svgRef]);

  const zoomBy = useCallback((factor: number, at?: { x: number; y: number }) => setBox((b) => zoomedBox(b, factor, fit, at)), [fit]);
  const panBy = useCallback((fx: number, fy: number) => setBox((b) => clampBox({ ...b, x: b.x + fx * b.w, y: b.y + fy * b.h }, fit)), [fit]);
  const fitAll = useCallback(() => setBox(fit), [fit]);

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
  }, [zoomBy, svgRef]);

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
      setBox(zoomedBox(pinch.box, now.d / pinch.d, fit, toFloor(svg, now.x, now.y)));
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
  }, [fit, svgRef]);

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

  return {
    box,
    fit,
    fitAll,
    zoomBy,
    panBy,
    reveal,
    gestureJustEnded: () => suppressClick.current,
    pointerHandlers: { onPointerDown, onPointerMove, onPointerUp },
  };
}
