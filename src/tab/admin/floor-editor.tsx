/**
 * The floor editor of the Admin tab: the floor drawn to scale, its zones and desks over the drawn plan. Everything
 * the pointer does, the keyboard does too (WCAG 2.1.1): pick a desk in the list or on the plan, then arrow keys move
 * it by 10 cm (Shift: 1 m), N adds a desk in the middle, Delete removes it. Zones are drawn by dragging over the
 * plan, or typed in as a rectangle; polygon zones by clicking their corners (Enter or a double click closes the
 * outline, Escape drops it), or typed in as corners. Nothing here is saved: the view keeps an undo stack and
 * publishes on request. With a safe-headcount plan computed, the desks it keeps and the ones it would switch off are
 * marked over the floor (by shape as well as colour).
 */
import { Button, Checkbox, Field, Input, Select } from '@fluentui/react-components';
import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatDate, formatNumber, t } from '../../i18n/messages';
import { attributeLabel } from '../attributes';
import { useLocale } from '../locale';
import type { PlanOverlay } from './headcount-plan-panel';
import { parsePolygon, polygonProblem, zoneOfDesk, type DeskDoc, type DeskMode, type FloorDoc, type Point } from './site-document';

export type EditorMode = 'select' | 'add-desk' | 'draw-zone' | 'draw-polygon';

/** The edits the editor asks for; the view applies them to the document and records them for undo. */
export interface FloorEdits {
  readonly move: (deskId: string, dx: number, dy: number) => void;
  readonly place: (deskId: string, x: number, y: number) => void;
  readonly add: (x: number, y: number) => void;
  readonly update: (deskId: string, patch: Partial<Omit<DeskDoc, 'id'>>) => void;
  readonly remove: (deskId: string) => void;
  readonly addZone: (a: Point, b: Point) => void;
  readonly addPolygon: (points: readonly Point[]) => void;
  readonly renameZone: (zoneId: string, name: string) => void;
  readonly removeZone: (zoneId: string) => void;
}

export interface FloorEditorProps {
  readonly floor: FloorDoc;
  readonly selected: string | undefined;
  readonly onSelect: (deskId: string | undefined) => void;
  readonly edits: FloorEdits;
  /** The floor's plan image, ready to draw (see usePlanImage). */
  readonly planSrc?: string | undefined;
  /** The safe-headcount plan to mark over the desks, when one is shown. */
  readonly overlay?: PlanOverlay | undefined;
}

const ATTRIBUTES = ['monitor', 'standing', 'docking', 'accessible', 'quiet', 'window'] as const;
const DESK_SIZE_M = 0.8;
const STEP_M = 0.1;
const BIG_STEP_M = 1;
/** A click this close to the last corner is the second click of a double click, not a new corner. */
const SAME_CORNER_M = 0.2;

export function FloorEditor({ floor, selected, onSelect, edits, planSrc, overlay }: FloorEditorProps) {
  const locale = useLocale();
  const svg = useRef<SVGSVGElement>(null);
  const [mode, setMode] = useState<EditorMode>('select');
  const [drag, setDrag] = useState<{ kind: 'desk'; deskId: string; moved: boolean } | { kind: 'zone'; from: Point; to: Point } | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [corners, setCorners] = useState<readonly Point[]>([]);
  const [hover, setHover] = useState<Point | undefined>();
  const helpId = useId();
  const desks = floor.desks ?? [];
  const desk = desks.find((d) => d.id === selected);
  const m = (n: number): string => formatNumber(n, locale);

  const toMetres = (e: { clientX: number; clientY: number }): Point => {
    const r = svg.current!.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * floor.width, ((e.clientY - r.top) / r.height) * floor.height];
  };

  const say = (d: DeskDoc | undefined, x?: number, y?: number): void => {
    if (d) setAnnouncement(t(locale, 'tab.admin.deskAt', { desk: d.label, x: m(x ?? d.x), y: m(y ?? d.y) }));
  };

  const closePolygon = (): void => {
    if (polygonProblem(corners, floor) === undefined) {
      edits.addPolygon(corners);
      setCorners([]);
      setHover(undefined);
    } else setAnnouncement(t(locale, 'tab.admin.polygon.invalid'));
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>): void => {
    if (mode === 'draw-polygon' && corners.length > 0 && (e.key === 'Enter' || e.key === 'Escape')) {
      e.preventDefault();
      if (e.key === 'Enter') closePolygon();
      else {
        setCorners([]);
        setHover(undefined);
        setAnnouncement(t(locale, 'tab.admin.polygon.cancelled'));
      }
      return;
    }
    const step = e.shiftKey ? BIG_STEP_M : STEP_M;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const delta = moves[e.key];
    if (delta && desk) {
      e.preventDefault();
      edits.move(desk.id, delta[0], delta[1]);
      const x = Math.min(floor.width, Math.max(0, desk.x + delta[0]));
      const y = Math.min(floor.height, Math.max(0, desk.y + delta[1]));
      say(desk, Math.round(x * 100) / 100, Math.round(y * 100) / 100);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && desk) {
      e.preventDefault();
      edits.remove(desk.id);
      setAnnouncement(t(locale, 'tab.admin.deskRemoved', { desk: desk.label }));
    } else if (e.key === 'n' || e.key === 'N') {
      e.preventDefault();
      edits.add(floor.width / 2, floor.height / 2);
    } else if (e.key === 'Escape') {
      onSelect(undefined);
    }
  };

  const onPointerDown = (e: PointerEvent<SVGSVGElement>): void => {
    const p = toMetres(e);
    const target = (e.target as Element).closest('[data-desk]');
    if (mode === 'select' && target) {
      const deskId = target.getAttribute('data-desk')!;
      onSelect(deskId);
      setDrag({ kind: 'desk', deskId, moved: false });
      svg.current!.setPointerCapture(e.pointerId);
    } else if (mode === 'add-desk') {
      edits.add(p[0], p[1]);
    } else if (mode === 'draw-zone') {
      setDrag({ kind: 'zone', from: p, to: p });
      svg.current!.setPointerCapture(e.pointerId);
    } else if (mode === 'draw-polygon') {
      const last = corners[corners.length - 1];
      if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < SAME_CORNER_M) return;
      const corner: Point = [Math.round(p[0] * 100) / 100, Math.round(p[1] * 100) / 100];
      setCorners([...corners, corner]);
      setAnnouncement(t(locale, 'tab.admin.polygon.corner', { n: corners.length + 1, x: m(corner[0]), y: m(corner[1]) }));
    } else {
      onSelect(undefined);
    }
  };

  const onPointerMove = (e: PointerEvent<SVGSVGElement>): void => {
    if (mode === 'draw-polygon' && corners.length > 0) setHover(toMetres(e));
    if (!drag) return;
    const p = toMetres(e);
    if (drag.kind === 'zone') setDrag({ ...drag, to: p });
    else {
      if (!drag.moved) setDrag({ ...drag, moved: true });
      edits.place(drag.deskId, p[0], p[1]);
    }
  };

  const onPointerUp = (): void => {
    if (drag?.kind === 'zone') edits.addZone(drag.from, drag.to);
    if (drag?.kind === 'desk' && drag.moved) say(desks.find((d) => d.id === drag.deskId));
    setDrag(undefined);
  };

  const scale = 100 / Math.max(floor.width, floor.height);
  return (
    <section className="admin-editor" aria-label={t(locale, 'tab.admin.editorFor', { floor: floor.name })}>
      <div className="admin-toolbar" role="toolbar" aria-label={t(locale, 'tab.admin.tools')}>
        {(['select', 'add-desk', 'draw-zone', 'draw-polygon'] as const).map((k) => (
          <Button
            key={k}
            appearance={mode === k ? 'primary' : 'secondary'}
            aria-pressed={mode === k}
            onClick={() => {
              setMode(k);
              setCorners([]);
            }}
            data-testid={`admin-mode-${k}`}
          >
            {t(locale, `tab.admin.mode.${k}`)}
          </Button>
        ))}
        <Button onClick={() => edits.add(floor.width / 2, floor.height / 2)}>{t(locale, 'tab.admin.addDesk')}</Button>
      </div>
      <p id={helpId} className="admin-help">
        {t(locale, 'tab.admin.keyboardHelp')}
        {mode === 'draw-polygon' && ` ${t(locale, 'tab.admin.polygon.help')}`}
      </p>
      <div className="admin-plan-box" style={{ aspectRatio: `${floor.width} / ${floor.height}` }}>
        <svg
          ref={svg}
          className={`admin-plan mode-${mode}`}
          viewBox={`0 0 ${floor.width} ${floor.height}`}
          role="application"
          aria-roledescription={t(locale, 'tab.admin.planRole')}
          aria-label={desk ? t(locale, 'tab.admin.planSelected', { floor: floor.name, desk: desk.label }) : t(locale, 'tab.admin.plan', { floor: floor.name })}
          aria-describedby={helpId}
          tabIndex={0}
          onKeyDown={onKeyDown}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onDoubleClick={() => mode === 'draw-polygon' && corners.length > 0 && closePolygon()}
          data-testid="admin-plan"
        >
          <rect x={0} y={0} width={floor.width} height={floor.height} className="admin-floor" />
          {planSrc && <image href={planSrc} x={0} y={0} width={floor.width} height={floor.height} preserveAspectRatio="none" opacity={0.6} />}
          {floor.plan?.shapes.map((s, i) =>
            s.points.length >= 3 && !['wall', 'window', 'door'].includes(s.kind) ? (
              <polygon key={i} points={s.points.map((p) => p.join(',')).join(' ')} className={`plan-${s.kind}`} />
            ) : (
              <polyline key={i} points={s.points.map((p) => p.join(',')).join(' ')} className={`plan-${s.kind}`} />
            ),
          )}
          {floor.zones.map((z) => (
            <g key={z.id} className="admin-zone">
              <polygon points={z.outline.map((p) => p.join(',')).join(' ')} />
              <text x={z.outline[0]![0] + 0.3} y={z.outline[0]![1] + 0.9} fontSize={0.8}>
                {z.name}
              </text>
            </g>
          ))}
          {drag?.kind === 'zone' && (
            <rect
              className="admin-zone-draft"
              x={Math.min(drag.from[0], drag.to[0])}
              y={Math.min(drag.from[1], drag.to[1])}
              width={Math.abs(drag.to[0] - drag.from[0])}
              height={Math.abs(drag.to[1] - drag.from[1])}
            />
          )}
          {corners.length > 0 && (
            <g className="admin-polygon-draft" data-testid="admin-polygon-draft">
              <polyline points={[...corners, ...(hover ? [hover] : [])].map((p) => p.join(',')).join(' ')} />
              {corners.map((c, i) => (
                <circle key={i} cx={c[0]} cy={c[1]} r={0.2} />
              ))}
            </g>
          )}
          {desks.map((d) => (
            <g
              key={d.id}
              data-desk={d.id}
              className={`admin-desk${d.id === selected ? ' selected' : ''}${d.mode && d.mode !== 'bookable' ? ` mode-${d.mode}` : ''}${zoneOfDesk(floor, d) ? '' : ' no-zone'}${overlay?.keep.has(d.id) ? ' plan-keep' : ''}${overlay?.off.has(d.id) ? ' plan-off' : ''}${d.offFrom ? ' off-from' : ''}`}
            >
              <rect x={d.x - DESK_SIZE_M / 2} y={d.y - DESK_SIZE_M / 2} width={DESK_SIZE_M} height={DESK_SIZE_M} rx={0.1} />
              {overlay?.off.has(d.id) && (
                <path className="plan-off-mark" d={`M${d.x - 0.3},${d.y - 0.3}L${d.x + 0.3},${d.y + 0.3}M${d.x + 0.3},${d.y - 0.3}L${d.x - 0.3},${d.y + 0.3}`} />
              )}
              {overlay?.keep.has(d.id) && <circle className="plan-keep-mark" cx={d.x} cy={d.y} r={0.22} />}
              <text x={d.x} y={d.y + DESK_SIZE_M / 2 + 0.5 * Math.min(1, 40 * scale / 100)} fontSize={0.45} textAnchor="middle">
                {d.label}
              </text>
            </g>
          ))}
        </svg>
      </div>
      {overlay && (
        <p className="admin-plan-legend" data-testid="admin-plan-legend">
          <svg viewBox="-0.5 -0.5 1 1" width="16" height="16" aria-hidden="true" className="admin-desk plan-keep">
            <rect x={-0.4} y={-0.4} width={0.8} height={0.8} rx={0.1} />
            <circle className="plan-keep-mark" cx={0} cy={0} r={0.22} />
          </svg>{' '}
          {t(locale, 'tab.admin.headcount.keepMark')} ({overlay.keep.size}){'  '}
          <svg viewBox="-0.5 -0.5 1 1" width="16" height="16" aria-hidden="true" className="admin-desk plan-off">
            <rect x={-0.4} y={-0.4} width={0.8} height={0.8} rx={0.1} />
            <path className="plan-off-mark" d="M-0.3,-0.3L0.3,0.3M0.3,-0.3L-0.3,0.3" />
          </svg>{' '}
          {t(locale, 'tab.admin.headcount.offMark')} ({overlay.off.size})
        </p>
      )}
      <p className="visually-hidden" aria-live="polite" data-testid="admin-announcement">
        {announcement}
      </p>
      <div className="admin-panels">
        <DeskList floor={floor} selected={selected} onSelect={onSelect} />
        {desk && <DeskForm key={desk.id} floor={floor} desk={desk} edits={edits} />}
        <ZoneList floor={floor} edits={edits} />
      </div>
    </section>
  );
}

function DeskList({ floor, selected, onSelect }: Pick<FloorEditorProps, 'floor' | 'selected' | 'onSelect'>) {
  const locale = useLocale();
  const desks = floor.desks ?? [];
  return (
    <Field label={t(locale, 'tab.admin.desks', { count: desks.length })}>
      <Select value={selected ?? ''} onChange={(_e, data) => onSelect(data.value || undefined)} data-testid="admin-desk-select">
        <option value="">{t(locale, 'tab.admin.noDeskSelected')}</option>
        {desks.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function DeskForm({ floor, desk, edits }: { floor: FloorDoc; desk: DeskDoc; edits: FloorEdits }) {
  const locale = useLocale();
  const [label, setLabel] = useState(desk.label);
  const zone = zoneOfDesk(floor, desk);
  const number = (value: string, apply: (n: number) => void): void => {
    const n = Number(value.replace(',', '.'));
    if (value.trim() !== '' && Number.isFinite(n)) apply(n);
  };
  return (
    <fieldset className="admin-desk-form" data-testid="admin-desk-form">
      <legend>{t(locale, 'tab.admin.deskLegend', { desk: desk.label })}</legend>
      <Field label={t(locale, 'tab.admin.label')}>
        <Input value={label} maxLength={40} onChange={(_e, d) => setLabel(d.value)} onBlur={() => label.trim() && label !== desk.label && edits.update(desk.id, { label: label.trim() })} />
      </Field>
      <div className="admin-xy">
        <Field label={t(locale, 'tab.admin.x')}>
          <Input type="number" step={0.1} min={0} max={floor.width} value={String(desk.x)} onChange={(_e, d) => number(d.value, (n) => edits.place(desk.id, n, desk.y))} />
        </Field>
        <Field label={t(locale, 'tab.admin.y')}>
          <Input type="number" step={0.1} min={0} max={floor.height} value={String(desk.y)} onChange={(_e, d) => number(d.value, (n) => edits.place(desk.id, desk.x, n))} />
        </Field>
      </div>
      <Field
        label={t(locale, 'tab.admin.zone')}
        {...(!zone && { validationState: 'warning' as const, validationMessage: t(locale, 'tab.admin.noZone') })}
      >
        <Select value={desk.zoneId ?? ''} onChange={(_e, d) => edits.update(desk.id, { zoneId: d.value || null })}>
          <option value="">{t(locale, 'tab.admin.zoneByPosition', { zone: zone && !desk.zoneId ? zone.name : '–' })}</option>
          {floor.zones.map((z) => (
            <option key={z.id} value={z.id}>
              {z.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={t(locale, 'tab.admin.deskMode')}
        {...(desk.offFrom && { hint: t(locale, 'deskReason.unavailable.plan-off', { date: formatDate(desk.offFrom, locale) }) })}
      >
        <Select value={desk.mode ?? 'bookable'} onChange={(_e, d) => edits.update(desk.id, { mode: d.value as DeskMode })}>
          {(['bookable', 'assigned', 'off'] as const).map((mode) => (
            <option key={mode} value={mode}>
              {t(locale, `tab.admin.deskMode.${mode}`)}
            </option>
          ))}
        </Select>
      </Field>
      <fieldset className="admin-attributes">
        <legend>{t(locale, 'tab.admin.attributes')}</legend>
        {ATTRIBUTES.map((a) => (
          <Checkbox
            key={a}
            label={attributeLabel(a, locale)}
            checked={(desk.attributes ?? []).includes(a)}
            onChange={(_e, d) =>
              edits.update(desk.id, { attributes: d.checked ? [...(desk.attributes ?? []), a] : (desk.attributes ?? []).filter((x) => x !== a) })
            }
          />
        ))}
      </fieldset>
      <Button onClick={() => edits.remove(desk.id)}>{t(locale, 'tab.admin.removeDesk', { desk: desk.label })}</Button>
    </fieldset>
  );
}

function ZoneList({ floor, edits }: { floor: FloorDoc; edits: FloorEdits }) {
  const locale = useLocale();
  const [rect, setRect] = useState({ x: '0', y: '0', w: String(Math.min(10, floor.width)), h: String(Math.min(10, floor.height)) });
  const n = (s: string): number => Number(s.replace(',', '.'));
  const valid = [rect.x, rect.y, rect.w, rect.h].every((s) => s.trim() !== '' && Number.isFinite(n(s))) && n(rect.w) > 0 && n(rect.h) > 0;
  return (
    <fieldset className="admin-zones" data-testid="admin-zones">
      <legend>{t(locale, 'tab.admin.zones', { count: floor.zones.length })}</legend>
      <ul>
        {floor.zones.map((z) => (
          <li key={z.id}>
            <ZoneName zoneId={z.id} name={z.name} onRename={(name) => edits.renameZone(z.id, name)} />
            <Button size="small" onClick={() => edits.removeZone(z.id)}>
              {t(locale, 'tab.admin.removeZone', { zone: z.name })}
            </Button>
          </li>
        ))}
      </ul>
      <div className="admin-zone-form">
        {(['x', 'y', 'w', 'h'] as const).map((k) => (
          <Field key={k} label={t(locale, `tab.admin.zoneRect.${k}`)}>
            <Input type="number" step={0.5} min={0} value={rect[k]} onChange={(_e, d) => setRect({ ...rect, [k]: d.value })} />
          </Field>
        ))}
        <Button disabled={!valid} onClick={() => edits.addZone([n(rect.x), n(rect.y)], [n(rect.x) + n(rect.w), n(rect.y) + n(rect.h)])}>
          {t(locale, 'tab.admin.addZone')}
        </Button>
      </div>
      <PolygonForm floor={floor} edits={edits} />
    </fieldset>
  );
}

function ZoneName({ zoneId, name, onRename }: { zoneId: string; name: string; onRename: (name: string) => void }) {
  const locale = useLocale();
  const [value, setValue] = useState(name);
  return (
    <Field label={t(locale, 'tab.admin.zoneName', { id: zoneId })}>
      <Input value={value} maxLength={200} onChange={(_e, d) => setValue(d.value)} onBlur={() => value.trim() && value !== name && onRename(value.trim())} />
    </Field>
  );
}

/** The keyboard path for polygon zones: corners typed as "x,y; x,y; …", checked as the import would. */
function PolygonForm({ floor, edits }: { floor: FloorDoc; edits: FloorEdits }) {
  const locale = useLocale();
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const points = parsePolygon(text);
  const problem = points ? polygonProblem(points, floor) : 'few';
  const add = (): void => {
    setTried(true);
    if (points && problem === undefined) {
      edits.addPolygon(points);
      setText('');
      setTried(false);
    }
  };
  return (
    <div className="admin-zone-form">
      <Field
        label={t(locale, 'tab.admin.polygon.points')}
        {...(tried && problem !== undefined && { validationState: 'error' as const, validationMessage: t(locale, 'tab.admin.polygon.invalid') })}
      >
        <Input
          value={text}
          onChange={(_e, d) => {
            setText(d.value);
            setTried(false);
          }}
          onKeyDown={(e) => e.key === 'Enter' && add()}
          data-testid="admin-polygon-points"
        />
      </Field>
      <Button onClick={add} data-testid="admin-polygon-add">
        {t(locale, 'tab.admin.polygon.add')}
      </Button>
    </div>
  );
}
