/**
 * The site as the Admin tab edits it: the import format's site file (docs/import-format.md), with every desk held
 * on its floor (the export's desks CSV is folded in on load). Every edit is a pure function from one document to
 * the next, so undo is a stack of documents and nothing reaches other people until Publish sends the last one.
 */

export type Point = [number, number];
export type DeskMode = 'bookable' | 'assigned' | 'off';

export interface DeskDoc {
  readonly id: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  /** Left out: the desk belongs to the zone whose outline holds it. */
  readonly zoneId?: string | null;
  readonly attributes?: readonly string[];
  readonly mode?: DeskMode;
  /** The first day the safe-headcount plan switches the desk off; carried through so a publish keeps it. */
  readonly offFrom?: string;
}

export interface ZoneDoc {
  readonly id: string;
  readonly name: string;
  readonly outline: readonly Point[];
  readonly allowedGroups?: readonly string[];
}

export interface FloorDoc {
  readonly id: string;
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly planImageUrl?: string;
  readonly plan?: { readonly shapes: readonly { readonly kind: string; readonly points: readonly Point[]; readonly label?: string }[] };
  readonly zones: readonly ZoneDoc[];
  readonly desks?: readonly DeskDoc[];
}

export interface SiteDoc {
  readonly site: { readonly id: string; readonly name: string; readonly timeZone: string };
  readonly floors: readonly FloorDoc[];
  readonly policies: readonly unknown[];
}

export interface SiteExportDto {
  readonly site: SiteDoc;
  readonly desksCsv: string;
  readonly revision: number;
}

/** Positions are kept to the centimetre, as the import stores them. */
export const round2 = (n: number): number => Math.round(n * 100) / 100;
const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks; empty lines are skipped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = (): void => {
    row.push(cell);
    if (row.length > 1 || row[0]!.trim() !== '') rows.push(row);
    row = [];
    cell = '';
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

/** The export's desks file folded into the site file: each desk on its floor, as the editor holds them. */
export function withDesksFromCsv(site: SiteDoc, desksCsv: string): SiteDoc {
  const [header, ...lines] = parseCsv(desksCsv);
  if (!header) return site;
  const col = (name: string): number => header.findIndex((h) => h.trim() === name);
  const at = { floorId: col('floorId'), id: col('id'), label: col('label'), x: col('x'), y: col('y'), zoneId: col('zoneId'), attributes: col('attributes'), mode: col('mode'), offFrom: col('offFrom') };
  const byFloor = new Map<string, DeskDoc[]>();
  for (const line of lines) {
    const get = (i: number): string => (i >= 0 ? (line[i] ?? '').trim() : '');
    const attributes = get(at.attributes).split(';').map((a) => a.trim()).filter(Boolean);
    const mode = get(at.mode);
    const desk: DeskDoc = {
      id: get(at.id),
      label: get(at.label),
      x: Number(get(at.x)),
      y: Number(get(at.y)),
      ...(get(at.zoneId) && { zoneId: get(at.zoneId) }),
      ...(attributes.length > 0 && { attributes }),
      ...((mode === 'assigned' || mode === 'off') && { mode }),
      ...(get(at.offFrom) && { offFrom: get(at.offFrom) }),
    };
    const list = byFloor.get(get(at.floorId)) ?? [];
    list.push(desk);
    byFloor.set(get(at.floorId), list);
  }
  return { ...site, floors: site.floors.map((f) => ({ ...f, desks: [...(f.desks ?? []), ...(byFloor.get(f.id) ?? [])] })) };
}

function onFloor(doc: SiteDoc, floorId: string, edit: (f: FloorDoc) => FloorDoc): SiteDoc {
  return { ...doc, floors: doc.floors.map((f) => (f.id === floorId ? edit(f) : f)) };
}

const desksOf = (f: FloorDoc): readonly DeskDoc[] => f.desks ?? [];

/** A calibrated plan image: the floor takes the image's size in metres and draws it under its zones and desks. */
export function setFloorPlanImage(doc: SiteDoc, floorId: string, patch: { planImageUrl: string; width: number; height: number }): SiteDoc {
  return onFloor(doc, floorId, (f) => ({ ...f, ...patch }));
}

/** Moves a desk by (dx, dy) metres, kept on the floor. */
export function moveDesk(doc: SiteDoc, floorId: string, deskId: string, dx: number, dy: number): SiteDoc {
  return onFloor(doc, floorId, (f) => ({
    ...f,
    desks: desksOf(f).map((d) => (d.id === deskId ? { ...d, x: round2(clamp(d.x + dx, 0, f.width)), y: round2(clamp(d.y + dy, 0, f.height)) } : d)),
  }));
}

/** Puts a desk at (x, y), kept on the floor. */
export function placeDeskAt(doc: SiteDoc, floorId: string, deskId: string, x: number, y: number): SiteDoc {
  return onFloor(doc, floorId, (f) => ({
    ...f,
    desks: desksOf(f).map((d) => (d.id === deskId ? { ...d, x: round2(clamp(x, 0, f.width)), y: round2(clamp(y, 0, f.height)) } : d)),
  }));
}

/** A new desk at (x, y) with an id and a label nobody on the site uses yet; returns the document and the desk's id. */
export function addDesk(doc: SiteDoc, floorId: string, x: number, y: number): { doc: SiteDoc; deskId: string } {
  const ids = new Set(doc.floors.flatMap((f) => desksOf(f).map((d) => d.id)));
  const floor = doc.floors.find((f) => f.id === floorId);
  if (!floor) return { doc, deskId: '' };
  const labels = new Set(desksOf(floor).map((d) => d.label.toLowerCase()));
  let n = desksOf(floor).length + 1;
  while (ids.has(`${floorId}-d${n}`) || labels.has(`${floor.name.slice(0, 30)} ${n}`.toLowerCase())) n++;
  const deskId = `${floorId}-d${n}`;
  const desk: DeskDoc = { id: deskId, label: `${floor.name.slice(0, 30)} ${n}`, x: round2(clamp(x, 0, floor.width)), y: round2(clamp(y, 0, floor.height)) };
  return { doc: onFloor(doc, floorId, (f) => ({ ...f, desks: [...desksOf(f), desk] })), deskId };
}

export function updateDesk(doc: SiteDoc, floorId: string, deskId: string, patch: Partial<Omit<DeskDoc, 'id'>>): SiteDoc {
  return onFloor(doc, floorId, (f) => ({
    ...f,
    desks: desksOf(f).map((d) => {
      if (d.id !== deskId) return d;
      const next: Record<string, unknown> = { ...d, ...patch };
      // "Placed by position" and "bookable" are the format's defaults: leave them out rather than write them.
      if (next['zoneId'] === undefined || next['zoneId'] === null || next['zoneId'] === '') delete next['zoneId'];
      if (next['mode'] === 'bookable') delete next['mode'];
      // A desk off now has no later day to switch off from; the format refuses both at once.
      if (next['mode'] === 'off') delete next['offFrom'];
      if (Array.isArray(next['attributes']) && next['attributes'].length === 0) delete next['attributes'];
      return next as unknown as DeskDoc;
    }),
  }));
}

export function removeDesk(doc: SiteDoc, floorId: string, deskId: string): SiteDoc {
  return onFloor(doc, floorId, (f) => ({ ...f, desks: desksOf(f).filter((d) => d.id !== deskId) }));
}

/** A rectangular zone between two corners, with an id and a name nobody on the floor uses yet. */
export function addRectangleZone(doc: SiteDoc, floorId: string, a: Point, b: Point): { doc: SiteDoc; zoneId: string } {
  const floor = doc.floors.find((f) => f.id === floorId);
  if (!floor) return { doc, zoneId: '' };
  const x0 = round2(clamp(Math.min(a[0], b[0]), 0, floor.width));
  const x1 = round2(clamp(Math.max(a[0], b[0]), 0, floor.width));
  const y0 = round2(clamp(Math.min(a[1], b[1]), 0, floor.height));
  const y1 = round2(clamp(Math.max(a[1], b[1]), 0, floor.height));
  if (x1 - x0 < 0.1 || y1 - y0 < 0.1) return { doc, zoneId: '' };
  return addZoneWithOutline(doc, floor, [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]);
}

/** A zone with the polygon given (corners in order), when it is one the import accepts; the document unchanged otherwise. */
export function addPolygonZone(doc: SiteDoc, floorId: string, points: readonly Point[]): { doc: SiteDoc; zoneId: string } {
  const floor = doc.floors.find((f) => f.id === floorId);
  const outline = points.map(([x, y]): Point => [round2(x), round2(y)]);
  if (!floor || polygonProblem(outline, floor) !== undefined) return { doc, zoneId: '' };
  return addZoneWithOutline(doc, floor, outline);
}

function addZoneWithOutline(doc: SiteDoc, floor: FloorDoc, outline: readonly Point[]): { doc: SiteDoc; zoneId: string } {
  const ids = new Set(doc.floors.flatMap((f) => f.zones.map((z) => z.id)));
  let n = floor.zones.length + 1;
  while (ids.has(`${floor.id}-z${n}`)) n++;
  const zoneId = `${floor.id}-z${n}`;
  const zone: ZoneDoc = { id: zoneId, name: `Zone ${n}`, outline };
  return { doc: onFloor(doc, floor.id, (f) => ({ ...f, zones: [...f.zones, zone] })), zoneId };
}

/** Corners typed as "x,y; x,y; …" (a decimal comma is read when the pair is split by a space: "1,5 2"). */
export function parsePolygon(text: string): Point[] | undefined {
  const pairs = text.split(/[;\n]/).map((s) => s.trim()).filter(Boolean);
  const points: Point[] = [];
  for (const pair of pairs) {
    const parts = pair.includes(' ') ? pair.split(/\s+/).map((v) => v.replace(',', '.')) : pair.split(',');
    if (parts.length !== 2) return undefined;
    const [x, y] = parts.map((v) => Number(v.trim()));
    if (!Number.isFinite(x) || !Number.isFinite(y)) return undefined;
    points.push([x!, y!]);
  }
  return points;
}

/**
 * Why the import would refuse this outline, in short ('few', 'off-floor', 'crossing', 'no-area'), or undefined. The
 * server says it in full; this is for the editor to refuse at once what a publish would refuse later.
 */
export function polygonProblem(points: readonly Point[], floor: Pick<FloorDoc, 'width' | 'height'>): 'few' | 'off-floor' | 'crossing' | 'no-area' | undefined {
  if (points.length < 3) return 'few';
  if (points.some(([x, y]) => x < 0 || y < 0 || x > floor.width || y > floor.height)) return 'off-floor';
  let twiceArea = 0;
  points.forEach(([x1, y1], i) => {
    const [x2, y2] = points[(i + 1) % points.length]!;
    twiceArea += x1 * y2 - x2 * y1;
  });
  const n = points.length;
  for (let i = 0; i < n; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % n]!;
    if (a[0] === b[0] && a[1] === b[1]) return 'crossing';
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsMeet(a, b, points[j]!, points[(j + 1) % n]!)) return 'crossing';
    }
  }
  return Math.abs(twiceArea) < 1e-9 ? 'no-area' : undefined;
}

function segmentsMeet(a: Point, b: Point, c: Point, d: Point): boolean {
  const cross = (o: Point, p: Point, q: Point): number => (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]);
  const within = (p: Point, q: Point, r: Point): boolean =>
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (d1 === 0 && within(c, d, a)) || (d2 === 0 && within(c, d, b)) || (d3 === 0 && within(a, b, c)) || (d4 === 0 && within(a, b, d));
}

export function renameZone(doc: SiteDoc, floorId: string, zoneId: string, name: string): SiteDoc {
  return onFloor(doc, floorId, (f) => ({ ...f, zones: f.zones.map((z) => (z.id === zoneId ? { ...z, name } : z)) }));
}

/** Removes a zone; desks that named it go back to being placed by position. */
export function removeZone(doc: SiteDoc, floorId: string, zoneId: string): SiteDoc {
  return onFloor(doc, floorId, (f) => ({
    ...f,
    zones: f.zones.filter((z) => z.id !== zoneId),
    desks: desksOf(f).map((d) => {
      if (d.zoneId !== zoneId) return d;
      const { zoneId: _dropped, ...rest } = d;
      return rest;
    }),
  }));
}

/** Strictly inside the polygon (ray casting); a point on an edge counts as outside, as the import says "on the border". */
export function contains(outline: readonly Point[], [x, y]: Point): boolean {
  if (onBorder(outline, [x, y])) return false;
  let inside = false;
  for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
    const [xi, yi] = outline[i]!;
    const [xj, yj] = outline[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onBorder(outline: readonly Point[], [x, y]: Point): boolean {
  for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
    const [x1, y1] = outline[j]!;
    const [x2, y2] = outline[i]!;
    const cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1);
    const within = Math.min(x1, x2) - 1e-9 <= x && x <= Math.max(x1, x2) + 1e-9 && Math.min(y1, y2) - 1e-9 <= y && y <= Math.max(y1, y2) + 1e-9;
    if (Math.abs(cross) < 1e-9 && within) return true;
  }
  return false;
}

/** The zone a desk belongs to: the one it names, else the one whose outline holds it; undefined when none does. */
export function zoneOfDesk(floor: FloorDoc, desk: DeskDoc): ZoneDoc | undefined {
  if (desk.zoneId) return floor.zones.find((z) => z.id === desk.zoneId);
  const holding = floor.zones.filter((z) => contains(z.outline, [desk.x, desk.y]));
  return holding.length === 1 ? holding[0] : undefined;
}

/** What the publish body carries: every desk on its floor, so the server gets exactly what the editor shows. */
export function publishBody(doc: SiteDoc, revision: number): { site: SiteDoc; revision: number } {
  return { site: doc, revision };
}
