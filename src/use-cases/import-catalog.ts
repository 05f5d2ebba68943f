/**
 * Catalog import: a site file (JSON) and an optional desks file (CSV) become validated SiteCatalogs.
 *
 * Parsing and validation are pure. Every problem in the files is collected and named by where it is (a JSON path with
 * its line and column, or a CSV line and column), so an admin fixes a file in one pass. Nothing is written unless the
 * whole input is valid; the format is described in docs/import-format.md.
 */
import { z } from 'zod';
import { isCivilDate, isHhMm, isValidTimeZone } from '../domain/civil-date';
import { pointInPolygon } from '../domain/geometry';
import {
  isPlanArea,
  PLAN_SHAPE_KINDS,
  type Desk,
  type DeskMode,
  type Floor,
  type FloorPlan,
  type PlanShape,
  type PlanShapeKind,
  type Point,
  type Site,
  type Zone,
} from '../domain/model';
import { DEFAULT_RULES, type PolicyRules, type PolicyVersion, type ZoneCapacityRule } from '../domain/policy';
import type { CatalogStore, SiteCatalog } from './ports';

// ---------------------------------------------------------------------------------------------
// Public API

/** The input files break the format; `problems` lists every one found, each naming where it is. */
export class CatalogImportError extends Error {
  readonly code = 'INVALID_CATALOG';
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `The catalog is invalid: ${problems[0]}`
        : `The catalog is invalid (${problems.length} problems):\n${problems.join('\n')}`,
    );
    this.name = 'CatalogImportError';
  }
}

export interface CatalogFiles {
  /** The site file's text (JSON). */
  readonly siteJson: string;
  /** Named in problems; default "site.json". */
  readonly siteJsonName?: string;
  /** Extra desks (CSV), added to the floors of the site file. */
  readonly desksCsv?: string;
  /** Named in problems; default "desks.csv". */
  readonly desksCsvName?: string;
}

/** Parses and validates the files; throws CatalogImportError listing every problem. */
export function parseCatalogFiles(input: CatalogFiles): SiteCatalog[] {
  return parseWithSources(input, true);
}

/**
 * Writes the catalogs, one site at a time; each site is replaced atomically by the store. All catalogs are
 * validated first (the same rules as the files), and, when the store can list what it holds, checked against the
 * ids of the other stored sites, so a bad catalog writes nothing. A storage failure part-way leaves the sites
 * already written in their new state and the others in their old one; running the import again finishes it.
 */
export async function importCatalog(
  store: Pick<CatalogStore, 'replaceSiteCatalog'> & Partial<Pick<CatalogStore, 'listSiteCatalogs'>>,
  catalogs: readonly SiteCatalog[],
  onProgress?: (siteId: string, done: number, total: number) => void,
): Promise<{ siteId: string; changed: boolean }[]> {
  const valid = validateCatalogs(catalogs);
  if (store.listSiteCatalogs) {
    const clashes = idClashesWithStoredSites(valid, await store.listSiteCatalogs());
    if (clashes.length > 0) throw new CatalogImportError(clashes);
  }
  const results: { siteId: string; changed: boolean }[] = [];
  for (const catalog of valid) {
    const siteId = catalog.site.id;
    const { changed } = await store.replaceSiteCatalog(catalog, (done, total) =>
      onProgress?.(siteId, done, total),
    );
    results.push({ siteId, changed });
  }
  return results;
}

/**
 * Validates catalogs built in code (or read back from storage) with the rules of the file format, and returns them
 * normalised as a parsed file would be. Problems name paths in the file format, e.g. `sites[0].floors[1].desks[3].x`.
 */
export function validateCatalogs(catalogs: readonly SiteCatalog[]): SiteCatalog[] {
  const problems: string[] = [];
  const sites = catalogs.map((c, i) => toSiteDocument(c, (m) => problems.push(`sites[${i}]: ${m}`)));
  if (problems.length > 0) throw new CatalogImportError(problems);
  return parseWithSources({ siteJson: JSON.stringify({ sites }), siteJsonName: 'catalog' }, false);
}

/** The site file document (see docs/import-format.md) that describes a catalog. */
export function toSiteDocument(catalog: SiteCatalog, onProblem?: (message: string) => void): SiteDocument {
  const floorIds = new Set(catalog.floors.map((f) => f.id));
  for (const f of catalog.floors) {
    if (f.siteId !== catalog.site.id)
      onProblem?.(`floor ${f.id} belongs to site ${f.siteId}, not ${catalog.site.id}`);
  }
  for (const z of catalog.zones)
    if (!floorIds.has(z.floorId))
      onProblem?.(`zone ${z.id} is on floor ${z.floorId}, which is not in the catalog`);
  for (const d of catalog.desks)
    if (!floorIds.has(d.floorId))
      onProblem?.(`desk ${d.id} is on floor ${d.floorId}, which is not in the catalog`);
  return {
    site: { id: catalog.site.id, name: catalog.site.name, timeZone: catalog.site.timeZone },
    floors: catalog.floors.map((f) => ({
      id: f.id,
      name: f.name,
      width: f.width,
      height: f.height,
      ...(f.planImageUrl !== undefined ? { planImageUrl: f.planImageUrl } : {}),
      ...(f.plan !== undefined ? { plan: copyPlan(f.plan) } : {}),
      zones: catalog.zones
        .filter((z) => z.floorId === f.id)
        .map((z) => ({
          id: z.id,
          name: z.name,
          outline: z.outline.map(([x, y]) => [x, y] as [number, number]),
          ...(z.allowedGroups !== undefined ? { allowedGroups: [...z.allowedGroups] } : {}),
        })),
      desks: catalog.desks
        .filter((d) => d.floorId === f.id)
        .map((d) => ({
          id: d.id,
          label: d.label,
          x: d.x,
          y: d.y,
          zoneId: d.zoneId,
          attributes: [...d.attributes],
          mode: d.mode,
        })),
    })),
    policies: catalog.policies.map((p) => ({
      effectiveFrom: p.effectiveFrom,
      rules: { ...p.rules, bookableWeekdays: [...p.rules.bookableWeekdays] },
      ...(p.zoneCapacity !== undefined ? { zoneCapacity: { ...p.zoneCapacity } } : {}),
    })),
  };
}

function copyPlan(plan: FloorPlan): { shapes: { kind: PlanShapeKind; points: [number, number][]; label?: string }[] } {
  return {
    shapes: plan.shapes.map((sh) => ({
      kind: sh.kind,
      points: sh.points.map(([x, y]) => [x, y] as [number, number]),
      ...(sh.label !== undefined ? { label: sh.label } : {}),
    })),
  };
}

/** The JSON shape of one site in a site file. */
export interface SiteDocument {
  site: { id: string; name: string; timeZone: string };
  floors: {
    id: string;
    name: string;
    width: number;
    height: number;
    planImageUrl?: string;
    plan?: { shapes: { kind: PlanShapeKind; points: [number, number][]; label?: string }[] };
    zones: { id: string; name: string; outline: [number, number][]; allowedGroups?: string[] }[];
    desks?: {
      id: string;
      label: string;
      x: number;
      y: number;
      zoneId?: string;
      attributes?: string[];
      mode?: DeskMode;
    }[];
  }[];
  policies: { effectiveFrom: string; rules: PolicyRules; zoneCapacity?: Record<string, ZoneCapacityRule> }[];
}

// ---------------------------------------------------------------------------------------------
// Limits and field rules

/** Ids end up in URLs and table keys. */
const ID_PATTERN = /^[A-Za-z0-9._:-]+$/;
const MAX_ID = 128;
const MAX_NAME = 200;
const MAX_LABEL = 40;
const MAX_ATTRIBUTE = 40;
const MAX_ATTRIBUTES_PER_DESK = 20;
const MAX_GROUPS_PER_ZONE = 100;
const MAX_OUTLINE_POINTS = 1000;
const MAX_FLOOR_SIZE_M = 1000;
const MAX_FLOORS_PER_SITE = 500;
const MAX_ZONES_PER_FLOOR = 500;
const MAX_DESKS_PER_FLOOR = 10_000;
const MAX_POLICIES = 500;
const MAX_URL = 2048;
// A floor is stored as one row of at most 32 K characters, plan included: with points rounded to the
// centimetre these bounds keep the largest plan under about 25 K.
const MAX_PLAN_SHAPES = 100;
const MAX_PLAN_POINTS = 1000;
const MAX_INPUT_CHARS = 32 * 1024 * 1024;
const MAX_JSON_DEPTH = 64;
/** Names that plain objects inherit; as ids they would resolve to Object.prototype members in a lookup by key. */
const RESERVED_IDS = new Set(Object.getOwnPropertyNames(Object.prototype));
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const TIME_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
const ATTRIBUTE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u;
const DESK_MODES = ['bookable', 'assigned', 'off'] as const;

const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_ID, `must be at most ${MAX_ID} characters`)
  .regex(ID_PATTERN, 'may hold only letters A–Z and a–z, digits and . _ : -')
  .refine(
    (s) => !RESERVED_IDS.has(s),
    (s) => ({ message: `"${s}" is a reserved word; choose another id` }),
  );

function textSchema(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL_CHARS.test(s), 'must not hold line breaks or other control characters');
}

const timeZoneSchema = z
  .string()
  .refine(
    (s) => s.length <= 64 && TIME_ZONE_NAME.test(s) && isValidTimeZone(s),
    (s) => ({
      message: `"${clip(s)}" is not an IANA time zone; write a name such as "Europe/Brussels"`,
    }),
  )
  // One spelling per zone, so that "europe/brussels" and "Europe/Brussels" are the same catalog.
  .transform((s) => new Intl.DateTimeFormat('en-US', { timeZone: s }).resolvedOptions().timeZone);

const metres = z.number().finite('must be a finite number');
const coordinateSchema = metres
  .min(0, 'must be 0 or more (metres from the top-left corner)')
  .max(MAX_FLOOR_SIZE_M, `must be at most ${MAX_FLOOR_SIZE_M} m`);
const pointSchema = z
  .array(coordinateSchema)
  .length(2, 'a point is a pair [x, y] of metres')
  .transform((p): Point => [p[0]!, p[1]!]);

const planShapeSchema = z
  .object({
    kind: z.enum(PLAN_SHAPE_KINDS),
    points: z
      .array(pointSchema.transform((p): Point => [Math.round(p[0] * 100) / 100, Math.round(p[1] * 100) / 100]))
      .max(MAX_PLAN_POINTS, `must have at most ${MAX_PLAN_POINTS} points`),
    label: textSchema(MAX_LABEL).optional(),
  })
  .strict()
  .superRefine((shape, ctx) => {
    const least = isPlanArea(shape.kind) ? 3 : 2;
    if (shape.points.length < least)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['points'],
        message: `a ${shape.kind} needs at least ${least} points`,
      });
  });

const planSchema = z
  .object({
    shapes: z
      .array(planShapeSchema)
      .max(MAX_PLAN_SHAPES, `must hold at most ${MAX_PLAN_SHAPES} shapes`)
      .refine(
        (shapes) => shapes.reduce((n, sh) => n + sh.points.length, 0) <= MAX_PLAN_POINTS,
        `must have at most ${MAX_PLAN_POINTS} points in all`,
      ),
  })
  .strict();

const planImageUrlSchema = z
  .string()
  .max(MAX_URL, `must be at most ${MAX_URL} characters`)
  .refine((s) => !CONTROL_CHARS.test(s) && !/\s/.test(s), 'must not hold spaces or control characters')
  .refine(
    (s) => /^https?:\/\/[^/]/i.test(s) || (s.length > 0 && !s.startsWith('//') && !/^[^/]*:/.test(s)),
    'must be an http(s) URL or a path on this server, such as /plans/hq-2.svg',
  );

const attributeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'must not be blank')
  .max(MAX_ATTRIBUTE, `must be at most ${MAX_ATTRIBUTE} characters`)
  .regex(ATTRIBUTE_PATTERN, 'must be a word of letters, digits, spaces, "_" or "-", such as "monitor"');

const groupSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_ID, `must be at most ${MAX_ID} characters`)
  .refine((s) => !CONTROL_CHARS.test(s), 'must not hold control characters');

const hhmmSchema = z
  .string()
  .refine(isHhMm, (s) => ({ message: `"${clip(s)}" is not a time written HH:MM from 00:00 to 23:59` }));

const capacitySchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('count'),
      value: z
        .number()
        .int('must be a whole number of people')
        .min(0, 'must be 0 or more')
        .max(100_000, 'must be at most 100000'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('percent'),
      value: z.number().min(0, 'must be 0 or more').max(100, 'must be at most 100 (a percentage)'),
    })
    .strict(),
]);

const rulesSchema = z
  .object({
    zoneCapacity: capacitySchema,
    minDistanceM: z.number().min(0, 'must be 0 or more').max(10, 'must be at most 10 m'),
    horizonDays: z
      .number()
      .int('must be a whole number of days')
      .min(0, 'must be 0 or more')
      .max(365, 'must be at most 365'),
    bookableWeekdays: z
      .array(
        z
          .number()
          .int('must be a whole number')
          .min(1, 'must be 1 (Monday) to 7 (Sunday)')
          .max(7, 'must be 1 (Monday) to 7 (Sunday)'),
      )
      .min(1, 'must list at least one weekday (1 = Monday … 7 = Sunday)')
      .max(7, 'lists more than 7 weekdays')
      .refine((days) => new Set(days).size === days.length, 'lists a weekday more than once')
      .transform((days) => [...days].sort((a, b) => a - b)),
    weeklyQuota: z
      .number()
      .int('must be a whole number of bookings')
      .min(0, 'must be 0 or more')
      .max(7, 'must be at most 7 (one desk a day), or null for no quota')
      .nullable(),
    reminderTime: hhmmSchema,
    checkInDeadline: hhmmSchema,
  })
  .strict();

const policySchema = z
  .object({
    effectiveFrom: z
      .string()
      .refine(isCivilDate, (s) => ({ message: `"${clip(s)}" is not a date written YYYY-MM-DD` })),
    rules: rulesSchema,
    zoneCapacity: z.record(z.string(), capacitySchema).optional(),
  })
  .strict();

const siteSchema = z.object({ id: idSchema, name: textSchema(MAX_NAME), timeZone: timeZoneSchema }).strict();

const floorSchema = z
  .object({
    id: idSchema,
    name: textSchema(MAX_NAME),
    width: metres
      .gt(0, 'must be more than 0 m')
      .max(MAX_FLOOR_SIZE_M, `must be at most ${MAX_FLOOR_SIZE_M} m`),
    height: metres
      .gt(0, 'must be more than 0 m')
      .max(MAX_FLOOR_SIZE_M, `must be at most ${MAX_FLOOR_SIZE_M} m`),
    planImageUrl: planImageUrlSchema.optional(),
    plan: planSchema.optional(),
    zones: z.array(z.unknown()).max(MAX_ZONES_PER_FLOOR, `must hold at most ${MAX_ZONES_PER_FLOOR} zones`),
    desks: z
      .array(z.unknown())
      .max(MAX_DESKS_PER_FLOOR, `must hold at most ${MAX_DESKS_PER_FLOOR} desks`)
      .optional(),
  })
  .strict();

const zoneSchema = z
  .object({
    id: idSchema,
    name: textSchema(MAX_NAME),
    outline: z
      .array(pointSchema)
      .min(3, 'needs at least 3 points')
      .max(MAX_OUTLINE_POINTS, `must have at most ${MAX_OUTLINE_POINTS} points`),
    allowedGroups: z
      .array(groupSchema)
      .min(1, 'must list at least one group; leave it out to let everyone book')
      .max(MAX_GROUPS_PER_ZONE, `must list at most ${MAX_GROUPS_PER_ZONE} groups`)
      .refine((g) => new Set(g).size === g.length, 'lists a group more than once')
      .optional(),
  })
  .strict();

const deskFields = {
  id: idSchema,
  label: textSchema(MAX_LABEL),
  x: coordinateSchema,
  y: coordinateSchema,
  // null and absent both mean "the zone whose outline holds the desk".
  zoneId: idSchema.nullable().optional(),
  attributes: z
    .array(attributeSchema)
    .max(MAX_ATTRIBUTES_PER_DESK, `must list at most ${MAX_ATTRIBUTES_PER_DESK} attributes`)
    .transform((a) => [...new Set(a)])
    .optional(),
  mode: z.enum(DESK_MODES).optional(),
};
const deskSchema = z.object(deskFields).strict();
const csvDeskSchema = z.object({ ...deskFields, floorId: idSchema }).strict();

const documentKeys = ['$schema', 'site', 'floors', 'policies'];
const REQUIRED_DOCUMENT_KEYS = ['site', 'floors', 'policies'];

type SiteInput = z.output<typeof siteSchema>;
type FloorInput = z.output<typeof floorSchema>;
type ZoneInput = z.output<typeof zoneSchema>;
type DeskInput = z.output<typeof deskSchema>;
type PolicyInput = z.output<typeof policySchema>;

/** Every field name of the format, to suggest the right spelling of an unknown one. */
const KNOWN_FIELDS = [
  ...documentKeys,
  'sites',
  ...Object.keys(siteSchema.shape),
  ...Object.keys(floorSchema.shape),
  ...Object.keys(zoneSchema.shape),
  ...Object.keys(csvDeskSchema.shape),
  ...Object.keys(policySchema.shape),
  ...Object.keys(rulesSchema.shape),
  ...Object.keys(planSchema.shape),
  'points',
  'kind',
  'value',
];

// ---------------------------------------------------------------------------------------------
// Where a problem is, and the list of problems

type Seg = string | number;

interface Where {
  readonly text: string;
  /** File, line, column: problems are reported in reading order. */
  readonly order: readonly number[];
}

class Problems {
  private readonly list: { order: readonly number[]; text: string; seq: number }[] = [];

  add(where: Where, message: string): void {
    this.list.push({ order: where.order, text: `${where.text}: ${message}`, seq: this.list.length });
  }

  get count(): number {
    return this.list.length;
  }

  sorted(): string[] {
    return [...this.list].sort((a, b) => compareOrder(a.order, b.order) || a.seq - b.seq).map((p) => p.text);
  }
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function formatPath(path: readonly Seg[]): string {
  let out = '';
  for (const seg of path) out = appendPath(out, seg);
  return out;
}

function appendPath(parent: string, seg: Seg): string {
  if (typeof seg === 'number') return `${parent}[${seg}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) return parent === '' ? seg : `${parent}.${seg}`;
  return `${parent}[${JSON.stringify(seg)}]`;
}

/** Where things are in the site file: a path, and its line and column when the text is at hand. */
class JsonSource {
  private lineStarts: number[] | undefined;

  constructor(
    private readonly name: string,
    private readonly text: string,
    private readonly valueAt: ReadonlyMap<string, number>,
    private readonly keyAt: ReadonlyMap<string, number>,
    private readonly withPositions: boolean,
  ) {}

  /** The value at `path`, or the key that names it; a missing value is placed at the nearest enclosing one. */
  at(path: readonly Seg[], key = false): Where {
    const shown = formatPath(path) || '(top level)';
    let offset = key ? this.keyAt.get(formatPath(path)) : undefined;
    for (let n = path.length; offset === undefined && n >= 0; n--)
      offset = this.valueAt.get(formatPath(path.slice(0, n)));
    if (!this.withPositions || offset === undefined)
      return { text: `${this.name}: ${shown}`, order: [0, offset ?? 0] };
    const { line, column } = this.lineColumn(offset);
    return { text: `${this.name} line ${line}, column ${column}: ${shown}`, order: [0, line, column] };
  }

  whereOffset(offset: number): Where {
    const { line, column } = this.lineColumn(offset);
    return { text: `${this.name} line ${line}, column ${column}`, order: [0, line, column] };
  }

  private lineColumn(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1))
        this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }
}

function csvWhere(name: string, line: number, column?: string): Where {
  return {
    text: column === undefined ? `${name} line ${line}` : `${name} line ${line}, column "${column}"`,
    order: [1, line],
  };
}

/** Reports a zod failure, each issue at its place. */
function reportIssues(
  error: z.ZodError,
  value: unknown,
  whereOf: (path: readonly Seg[], key?: boolean) => Where,
  problems: Problems,
): void {
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const hint = KNOWN_FIELDS.find((k) => k.toLowerCase() === key.toLowerCase() && k !== key);
        problems.add(
          whereOf([...issue.path, key], true),
          `unknown field "${clip(key)}"${hint ? `; did you mean "${hint}"?` : ''}`,
        );
      }
      continue;
    }
    problems.add(whereOf(issue.path), describeIssue(issue, valueAt(value, issue.path)));
  }
}

function describeIssue(issue: z.ZodIssue, actual: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return 'is required';
      return `must be ${withArticle(issue.expected)}, not ${describeValue(actual)}`;
    case 'invalid_union_discriminator':
      return `must be ${issue.options.map((o) => JSON.stringify(o)).join(' or ')}, not ${describeValue(actual)}`;
    case 'invalid_enum_value':
      return `must be ${issue.options.map((o) => JSON.stringify(o)).join(', ')}, not ${describeValue(actual)}`;
    case 'invalid_literal':
      return `must be ${JSON.stringify(issue.expected)}`;
    default:
      return issue.message;
  }
}

function valueAt(value: unknown, path: readonly Seg[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg))
      return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function withArticle(expected: string): string {
  switch (expected) {
    case 'array':
      return 'a list [...]';
    case 'object':
      return 'an object {...}';
    case 'integer':
      return 'a whole number';
    default:
      return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
  }
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text ${JSON.stringify(clip(v))}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v === 'number' ? 'the number' : 'the value'} ${String(v)}`;
}

function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The id of an element that failed validation, when it is usable, so that references to it are not reported too. */
function salvageId(v: unknown): string | undefined {
  const id = isRecord(v) ? v['id'] : undefined;
  return typeof id === 'string' && idSchema.safeParse(id).success ? id : undefined;
}

// ---------------------------------------------------------------------------------------------
// Parsing and validation

interface DeskDraft {
  readonly desk: DeskInput;
  readonly at: (field?: string) => Where;
  /** The zone whose outline holds a desk given without zoneId, once the checks found it. */
  placedIn?: string;
}

interface ZoneDraft {
  readonly zone: ZoneInput;
  readonly at: (path?: readonly Seg[], key?: boolean) => Where;
}

interface FloorDraft {
  readonly id: string | undefined;
  readonly floor: FloorInput | undefined;
  readonly at: (path?: readonly Seg[], key?: boolean) => Where;
  readonly zones: ZoneDraft[];
  /** Ids of zones that failed validation: desks referring to them are not reported as well. */
  readonly brokenZoneIds: Set<string>;
  /** False when a zone failed validation, so that finding a desk's zone by position would be guesswork. */
  zonesComplete: boolean;
  readonly desks: DeskDraft[];
  readonly site: SiteDraft;
}

interface SiteDraft {
  site: SiteInput | undefined;
  readonly at: (path?: readonly Seg[], key?: boolean) => Where;
  readonly floors: FloorDraft[];
  readonly policies: { policy: PolicyInput; at: (path?: readonly Seg[], key?: boolean) => Where }[];
}

function parseWithSources(input: CatalogFiles, withPositions: boolean): SiteCatalog[] {
  const jsonName = input.siteJsonName ?? 'site.json';
  const csvName = input.desksCsvName ?? 'desks.csv';
  const problems = new Problems();

  const csvRows = input.desksCsv === undefined ? [] : readDesksCsv(input.desksCsv, csvName, problems);

  if (input.siteJson.length > MAX_INPUT_CHARS) {
    throw new CatalogImportError([
      `${jsonName}: the file is larger than ${MAX_INPUT_CHARS / 1024 / 1024} MiB`,
      ...problems.sorted(),
    ]);
  }
  const parsed = parseJsonWithPositions(stripBom(input.siteJson));
  const source = new JsonSource(
    jsonName,
    stripBom(input.siteJson),
    parsed.valueAt,
    parsed.keyAt,
    withPositions,
  );
  for (const note of parsed.notes) problems.add(source.at(note.path, true), note.message);
  if (parsed.syntaxError) {
    problems.add(
      source.whereOffset(parsed.syntaxError.offset),
      `invalid JSON: ${parsed.syntaxError.message}`,
    );
    throw new CatalogImportError(problems.sorted());
  }

  const sites = readSiteFile(parsed.value, source, problems);
  addCsvDesks(sites, csvRows, problems);
  checkCrossReferences(sites, problems);
  if (problems.count > 0) throw new CatalogImportError(problems.sorted());
  return sites.map(buildCatalog);
}

function readSiteFile(root: unknown, source: JsonSource, problems: Problems): SiteDraft[] {
  if (!isRecord(root)) {
    problems.add(
      source.at([]),
      'the file must hold a JSON object: { "site": …, "floors": […], "policies": […] }',
    );
    return [];
  }
  if (!Object.prototype.hasOwnProperty.call(root, 'sites'))
    return [readSiteDocument(root, [], source, problems)];

  const result = z
    .object({
      $schema: z.string().optional(),
      sites: z.array(z.unknown()).min(1, 'must list at least one site'),
    })
    .strict()
    .safeParse(root);
  if (!result.success) reportIssues(result.error, root, (p, k) => source.at(p, k), problems);
  const list = root['sites'];
  if (!Array.isArray(list)) return [];
  return list.map((doc, i) => readSiteDocument(doc, ['sites', i], source, problems));
}

function readSiteDocument(
  doc: unknown,
  base: readonly Seg[],
  source: JsonSource,
  problems: Problems,
): SiteDraft {
  const here = (path: readonly Seg[] = [], key = false): Where => source.at([...base, ...path], key);
  const draft: SiteDraft = { site: undefined, at: here, floors: [], policies: [] };
  if (!isRecord(doc)) {
    problems.add(
      here(),
      `must be ${withArticle('object')} with site, floors and policies, not ${describeValue(doc)}`,
    );
    return draft;
  }
  for (const key of Object.keys(doc)) {
    if (!documentKeys.includes(key)) {
      const hint = KNOWN_FIELDS.find((k) => k.toLowerCase() === key.toLowerCase() && k !== key);
      problems.add(
        here([key], true),
        `unknown field "${clip(key)}"${hint ? `; did you mean "${hint}"?` : ''}`,
      );
    }
  }
  for (const key of REQUIRED_DOCUMENT_KEYS)
    if (doc[key] === undefined) problems.add(here(), `"${key}" is required`);
  if (doc['$schema'] !== undefined && typeof doc['$schema'] !== 'string')
    problems.add(here(['$schema']), 'must be a text');

  if (doc['site'] !== undefined) {
    draft.site = validate(siteSchema, doc['site'], (p, k) => here(['site', ...p], k), problems);
  }

  const floors = listOf(doc['floors'], 'floors', MAX_FLOORS_PER_SITE, 'floor', here, problems);
  floors.forEach((raw, i) =>
    draft.floors.push(readFloor(raw, [...base, 'floors', i], source, draft, problems)),
  );

  const policies = listOf(doc['policies'], 'policies', MAX_POLICIES, 'policy', here, problems);
  policies.forEach((raw, i) => {
    const at = (p: readonly Seg[] = [], k = false) => here(['policies', i, ...p], k);
    const policy = validate(policySchema, raw, at, problems);
    if (policy) draft.policies.push({ policy, at });
  });
  return draft;
}

function listOf(
  value: unknown,
  field: string,
  max: number,
  what: string,
  here: (path?: readonly Seg[]) => Where,
  problems: Problems,
): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(here([field]), `must be a list [...] of ${what} objects, not ${describeValue(value)}`);
    return [];
  }
  if (value.length === 0) problems.add(here([field]), `must hold at least one ${what}`);
  if (value.length > max) problems.add(here([field]), `must hold at most ${max} entries`);
  return value;
}

function readFloor(
  raw: unknown,
  base: readonly Seg[],
  source: JsonSource,
  site: SiteDraft,
  problems: Problems,
): FloorDraft {
  const at = (p: readonly Seg[] = [], k = false) => source.at([...base, ...p], k);
  const floor = validate(floorSchema, raw, at, problems);
  const draft: FloorDraft = {
    id: floor?.id ?? salvageId(raw),
    floor,
    at,
    zones: [],
    brokenZoneIds: new Set(),
    zonesComplete: true,
    desks: [],
    site,
  };
  if (!isRecord(raw)) return draft;

  const zones = raw['zones'];
  if (Array.isArray(zones)) {
    zones.forEach((z, i) => {
      const zAt = (p: readonly Seg[] = [], k = false) => at(['zones', i, ...p], k);
      const zone = validate(zoneSchema, z, zAt, problems);
      if (zone) draft.zones.push({ zone, at: zAt });
      else {
        draft.zonesComplete = false;
        const id = salvageId(z);
        if (id) draft.brokenZoneIds.add(id);
      }
    });
  } else {
    draft.zonesComplete = false;
  }

  const desks = raw['desks'];
  if (Array.isArray(desks)) {
    desks.forEach((d, i) => {
      const dAt = (p: readonly Seg[] = [], k = false) => at(['desks', i, ...p], k);
      const desk = validate(deskSchema, d, dAt, problems);
      if (desk) draft.desks.push({ desk, at: (field) => dAt(field === undefined ? [] : [field]) });
    });
  }
  return draft;
}

function validate<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  whereOf: (path: readonly Seg[], key?: boolean) => Where,
  problems: Problems,
): z.output<T> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.output<T>;
  reportIssues(result.error, value, whereOf, problems);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The desks CSV

const CSV_COLUMNS = ['floorId', 'id', 'label', 'x', 'y', 'zoneId', 'attributes', 'mode'] as const;
const REQUIRED_CSV_COLUMNS = ['floorId', 'id', 'label', 'x', 'y'];
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

interface CsvDesk {
  readonly floorId: string;
  readonly desk: DeskInput;
  readonly at: (field?: string) => Where;
}

function readDesksCsv(text: string, name: string, problems: Problems): CsvDesk[] {
  if (text.length > MAX_INPUT_CHARS) {
    problems.add(
      { text: name, order: [1, 0] },
      `the file is larger than ${MAX_INPUT_CHARS / 1024 / 1024} MiB`,
    );
    return [];
  }
  const { records, errors } = parseCsv(stripBom(text));
  for (const e of errors) problems.add(csvWhere(name, e.line), e.message);
  const [header, ...rows] = records;
  if (!header) {
    problems.add(csvWhere(name, 1), `the file is empty; it needs a header line: ${CSV_COLUMNS.join(',')}`);
    return [];
  }

  const columns: (typeof CSV_COLUMNS)[number][] = [];
  let headerOk = true;
  header.fields.forEach((cell, i) => {
    const column = CSV_COLUMNS.find((c) => c.toLowerCase() === cell.trim().toLowerCase());
    if (!column) {
      problems.add(
        csvWhere(name, header.line),
        `column ${i + 1} of the header is "${clip(cell)}", which is not one of ${CSV_COLUMNS.join(', ')}`,
      );
      headerOk = false;
    } else if (columns.includes(column)) {
      problems.add(csvWhere(name, header.line), `the header names column "${column}" twice`);
      headerOk = false;
    } else {
      columns.push(column);
    }
  });
  for (const required of REQUIRED_CSV_COLUMNS) {
    if (!header.fields.some((c) => c.trim().toLowerCase() === required.toLowerCase())) {
      problems.add(csvWhere(name, header.line), `the header has no "${required}" column`);
      headerOk = false;
    }
  }
  if (!headerOk) return [];

  const desks: CsvDesk[] = [];
  for (const row of rows) {
    if (row.broken) continue;
    if (row.fields.length !== columns.length) {
      problems.add(
        csvWhere(name, row.line),
        `${row.fields.length} fields where the header has ${columns.length}; a value holding a comma must be in double quotes`,
      );
      continue;
    }
    const cell = (c: string): string | undefined => {
      const i = columns.indexOf(c as (typeof CSV_COLUMNS)[number]);
      return i === -1 ? undefined : row.fields[i];
    };
    const raw: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const numberProblems = new Set<string>();
    for (const column of columns) {
      const value = cell(column)!;
      switch (column) {
        case 'x':
        case 'y':
          if (DECIMAL.test(value)) raw[column] = Number(value);
          else {
            numberProblems.add(column);
            problems.add(
              csvWhere(name, row.line, column),
              value === ''
                ? 'is required (metres, e.g. 4.5)'
                : `"${clip(value)}" is not a number; write metres with a dot for decimals, e.g. 4.5`,
            );
          }
          break;
        case 'zoneId':
          if (value !== '') raw[column] = value;
          break;
        case 'attributes':
          raw[column] = value
            .split(';')
            .map((a) => a.trim())
            .filter((a) => a !== '');
          break;
        case 'mode':
          if (value !== '') raw[column] = value.toLowerCase();
          break;
        default:
          raw[column] = value;
      }
    }
    const at = (field?: string) => csvWhere(name, row.line, field);
    const result = csvDeskSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const column = String(issue.path[0] ?? '');
        if (numberProblems.has(column)) continue;
        problems.add(at(column || undefined), describeIssue(issue, valueAt(raw, issue.path)));
      }
      continue;
    }
    if (numberProblems.size > 0) continue;
    const { floorId, ...desk } = result.data;
    desks.push({ floorId, desk, at });
  }
  return desks;
}

interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
  readonly broken: boolean;
}

/** RFC 4180: fields separated by commas, records by CRLF or LF; a quoted field may hold commas, line breaks and "". */
function parseCsv(text: string): { records: CsvRecord[]; errors: { line: number; message: string }[] } {
  const records: CsvRecord[] = [];
  const errors: { line: number; message: string }[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let broken = false;
    let quotedAny = false;
    for (;;) {
      let j = i;
      while (text[j] === ' ' || text[j] === '\t') j++;
      if (text[j] === '"') {
        quotedAny = true;
        i = j + 1;
        let value = '';
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          if (q === -1) break;
          const chunk = text.slice(i, q);
          value += chunk;
          line += countNewlines(chunk);
          if (text[q + 1] === '"') {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            closed = true;
            break;
          }
        }
        if (!closed) {
          errors.push({ line: start, message: 'a quoted value is never closed: a " is missing' });
          records.push({ line: start, fields, broken: true });
          return { records, errors };
        }
        while (text[i] === ' ' || text[i] === '\t') i++;
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (!broken)
            errors.push({ line, message: 'text after a closing quote; inside quotes, write a quote as ""' });
          broken = true;
          while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        }
        fields.push(value);
      } else {
        let k = i;
        while (k < n && text[k] !== ',' && text[k] !== '\n' && text[k] !== '\r') k++;
        const value = text.slice(i, k);
        if (value.includes('"')) {
          if (!broken)
            errors.push({
              line,
              message:
                'a quote inside an unquoted value; put the whole value in quotes and write the quote as ""',
            });
          broken = true;
        }
        fields.push(value.trim());
        i = k;
      }
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    const blank = !quotedAny && fields.length === 1 && fields[0] === '';
    if (!blank) records.push({ line: start, fields, broken });
  }
  return { records, errors };
}

function countNewlines(s: string): number {
  let count = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) count++;
  return count;
}

function addCsvDesks(sites: SiteDraft[], rows: readonly CsvDesk[], problems: Problems): void {
  const floors = new Map<string, FloorDraft>();
  for (const site of sites)
    for (const f of site.floors) if (f.id !== undefined && !floors.has(f.id)) floors.set(f.id, f);
  for (const row of rows) {
    const floor = floors.get(row.floorId);
    if (!floor) {
      const known = [...floors.keys()];
      problems.add(
        row.at('floorId'),
        `no floor "${clip(row.floorId)}" in the site file${known.length > 0 && known.length <= 10 ? ` (floors: ${known.join(', ')})` : ''}`,
      );
      continue;
    }
    floor.desks.push({ desk: row.desk, at: row.at });
  }
  for (const floor of floors.values()) {
    if (floor.desks.length > MAX_DESKS_PER_FLOOR)
      problems.add(
        floor.at(['id']),
        `holds ${floor.desks.length} desks; at most ${MAX_DESKS_PER_FLOOR} are allowed`,
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Rules that span several entries

function checkCrossReferences(sites: readonly SiteDraft[], problems: Problems): void {
  // Desks, floors and zones are looked up by id alone across all sites (bookings, /api/floors/{id}), so each id
  // names one thing in the whole file.
  const unique = (kind: string) => {
    const seen = new Map<string, Where>();
    return (id: string, where: Where) => {
      const first = seen.get(id);
      if (first) problems.add(where, `${kind} id "${id}" is already used (${first.text})`);
      else seen.set(id, where);
    };
  };
  const siteId = unique('site');
  const floorId = unique('floor');
  const zoneId = unique('zone');
  const deskId = unique('desk');

  for (const site of sites) {
    if (site.site) siteId(site.site.id, site.at(['site', 'id']));
    const zoneFloor = new Map<string, FloorDraft>();
    const brokenZones = new Set<string>();

    for (const floor of site.floors) {
      if (floor.floor) floorId(floor.floor.id, floor.at(['id']));
      checkPlan(floor, problems);
      for (const z of floor.brokenZoneIds) brokenZones.add(z);
      for (const { zone, at } of floor.zones) {
        zoneId(zone.id, at(['id']));
        if (!zoneFloor.has(zone.id)) zoneFloor.set(zone.id, floor);
        checkOutline(zone, floor, at, problems);
      }
    }

    for (const floor of site.floors) {
      const labels = new Map<string, Where>();
      for (const draft of floor.desks) {
        const { desk, at } = draft;
        deskId(desk.id, at('id'));
        const labelKey = desk.label.toLowerCase();
        const first = labels.get(labelKey);
        if (first)
          problems.add(at('label'), `label "${desk.label}" is already used on this floor (${first.text})`);
        else labels.set(labelKey, at('label'));

        if (floor.floor) {
          const { width, height } = floor.floor;
          if (desk.x > width)
            problems.add(at('x'), `${desk.x} m is outside the floor, which is ${width} m wide`);
          if (desk.y > height)
            problems.add(at('y'), `${desk.y} m is outside the floor, which is ${height} m deep`);
        }

        if (desk.zoneId !== undefined && desk.zoneId !== null) {
          const owner = zoneFloor.get(desk.zoneId);
          if (owner && owner !== floor) {
            problems.add(
              at('zoneId'),
              `zone "${desk.zoneId}" is on floor ${owner.id ?? '?'}, not on this desk's floor ${floor.id ?? '?'}`,
            );
          } else if (!owner && floor.zonesComplete && !brokenZones.has(desk.zoneId)) {
            problems.add(at('zoneId'), `no zone "${clip(desk.zoneId)}" on floor ${floor.id ?? '?'}`);
          }
        } else if (floor.zonesComplete) {
          const containing = floor.zones.filter((z) => pointInPolygon([desk.x, desk.y], z.zone.outline));
          if (containing.length === 0) {
            problems.add(
              at(),
              `desk ${desk.id} at (${desk.x}, ${desk.y}) lies in no zone of floor ${floor.id ?? '?'}; give it a zoneId or widen a zone's outline`,
            );
          } else if (containing.length > 1) {
            problems.add(
              at(),
              `desk ${desk.id} at (${desk.x}, ${desk.y}) lies in zones ${containing.map((z) => z.zone.id).join(' and ')}; give it a zoneId`,
            );
          } else {
            draft.placedIn = containing[0]!.zone.id;
          }
        }
      }
    }

    const dates = new Map<string, Where>();
    for (const { policy, at } of site.policies) {
      const first = dates.get(policy.effectiveFrom);
      if (first)
        problems.add(
          at(['effectiveFrom']),
          `another policy already starts on ${policy.effectiveFrom} (${first.text})`,
        );
      else dates.set(policy.effectiveFrom, at(['effectiveFrom']));
      if (policy.rules.reminderTime >= policy.rules.checkInDeadline) {
        problems.add(
          at(['rules', 'reminderTime']),
          `the reminder (${policy.rules.reminderTime}) must come before the check-in deadline (${policy.rules.checkInDeadline})`,
        );
      }
      for (const key of Object.keys(policy.zoneCapacity ?? {})) {
        if (!zoneFloor.has(key) && !brokenZones.has(key)) {
          problems.add(at(['zoneCapacity', key], true), `no zone "${clip(key)}" in this site`);
        }
      }
    }
  }
}

function checkOutline(
  zone: ZoneInput,
  floor: FloorDraft,
  at: (path?: readonly Seg[]) => Where,
  problems: Problems,
): void {
  if (floor.floor) {
    const { width, height } = floor.floor;
    zone.outline.forEach(([x, y], i) => {
      if (x > width || y > height) {
        problems.add(
          at(['outline', i]),
          `point (${x}, ${y}) is outside the floor, which is ${width} m × ${height} m`,
        );
      }
    });
  }
  let twiceArea = 0;
  zone.outline.forEach(([x1, y1], i) => {
    const [x2, y2] = zone.outline[(i + 1) % zone.outline.length]!;
    twiceArea += x1 * y2 - x2 * y1;
  });
  if (Math.abs(twiceArea) < 1e-9)
    problems.add(at(['outline']), 'encloses no area: its points lie on one line');
}

function checkPlan(floor: FloorDraft, problems: Problems): void {
  const f = floor.floor;
  if (!f?.plan) return;
  f.plan.shapes.forEach((shape, i) =>
    shape.points.forEach(([x, y], j) => {
      if (x > f.width || y > f.height)
        problems.add(
          floor.at(['plan', 'shapes', i, 'points', j]),
          `point (${x}, ${y}) is outside the floor, which is ${f.width} m × ${f.height} m`,
        );
    }),
  );
}

function buildCatalog(draft: SiteDraft): SiteCatalog {
  const s = draft.site!;
  const site: Site = { id: s.id, name: s.name, timeZone: s.timeZone };
  const floors: Floor[] = [];
  const zones: Zone[] = [];
  const desks: Desk[] = [];
  for (const { floor } of draft.floors) {
    const f = floor!;
    floors.push({
      id: f.id,
      siteId: site.id,
      name: f.name,
      width: f.width,
      height: f.height,
      ...(f.planImageUrl !== undefined ? { planImageUrl: f.planImageUrl } : {}),
      ...(f.plan !== undefined ? { plan: copyPlan(f.plan) } : {}),
    });
  }
  draft.floors.forEach((fd) => {
    const floorId = fd.floor!.id;
    for (const { zone } of fd.zones) {
      zones.push({
        id: zone.id,
        floorId,
        name: zone.name,
        outline: zone.outline,
        ...(zone.allowedGroups !== undefined ? { allowedGroups: zone.allowedGroups } : {}),
      });
    }
    for (const { desk, placedIn } of fd.desks) {
      desks.push({
        id: desk.id,
        floorId,
        zoneId: desk.zoneId ?? placedIn!,
        label: desk.label,
        x: desk.x,
        y: desk.y,
        attributes: desk.attributes ?? [],
        mode: desk.mode ?? 'bookable',
      });
    }
  });
  const policies: PolicyVersion[] = draft.policies.map(({ policy }) => ({
    effectiveFrom: policy.effectiveFrom,
    rules: policy.rules,
    ...(policy.zoneCapacity !== undefined
      ? { zoneCapacity: Object.fromEntries(Object.entries(policy.zoneCapacity)) }
      : {}),
  }));
  return { site, floors, zones, desks, policies };
}

function idClashesWithStoredSites(
  catalogs: readonly SiteCatalog[],
  stored: readonly SiteCatalog[],
): string[] {
  const importing = new Set(catalogs.map((c) => c.site.id));
  const owners = new Map<string, string>();
  for (const other of stored) {
    if (importing.has(other.site.id)) continue;
    for (const f of other.floors) owners.set(`floor ${f.id}`, other.site.id);
    for (const z of other.zones) owners.set(`zone ${z.id}`, other.site.id);
    for (const d of other.desks) owners.set(`desk ${d.id}`, other.site.id);
  }
  const clashes: string[] = [];
  for (const c of catalogs) {
    const things = [
      ...c.floors.map((f) => `floor ${f.id}`),
      ...c.zones.map((z) => `zone ${z.id}`),
      ...c.desks.map((d) => `desk ${d.id}`),
    ];
    for (const thing of things) {
      const owner = owners.get(thing);
      if (owner)
        clashes.push(
          `site ${c.site.id}: ${thing} is already used by the stored site ${owner}; ids must be unique across sites`,
        );
    }
  }
  return clashes;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------
// JSON with positions

interface JsonParse {
  readonly value: unknown;
  /** Offset where the value at each path starts. */
  readonly valueAt: Map<string, number>;
  /** Offset of the key that names each member of an object. */
  readonly keyAt: Map<string, number>;
  /** Problems that do not stop parsing (duplicate and forbidden keys), at their paths. */
  readonly notes: { path: Seg[]; message: string }[];
  readonly syntaxError?: { offset: number; message: string };
}

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/**
 * A JSON reader that records where each value starts, so problems found later can name a line and column.
 * Objects have no prototype and "__proto__" members are dropped and reported, so the text cannot reach
 * Object.prototype or change an object's prototype. It reads exactly what JSON.parse reads.
 */
function parseJsonWithPositions(text: string): JsonParse {
  const valueAt = new Map<string, number>();
  const keyAt = new Map<string, number>();
  const notes: { path: Seg[]; message: string }[] = [];
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(at, message);
  };
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  const describeAt = (): string => {
    if (i >= text.length) return 'the end of the file';
    const c = text[i]!;
    return /[\x21-\x7e]/.test(c)
      ? `"${c}"`
      : `the character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  };

  const readString = (): string => {
    const start = i;
    i++;
    let escaped = false;
    for (;;) {
      if (i >= text.length) fail('a text value is never closed: a " is missing', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        escaped = true;
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6)))
            fail('\\u must be followed by 4 hexadecimal digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          fail(`"\\${e ?? ''}" is not a valid escape; write a backslash as \\\\`);
        }
        continue;
      }
      if (c < 0x20) {
        fail(
          c === 0x0a || c === 0x0d
            ? 'a line break inside a text value (is a closing " missing?)'
            : 'a control character inside a text value; write it as an escape such as \\t',
        );
      }
      i++;
    }
    i++;
    return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1);
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const readNumber = (): number => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail('invalid number');
    const end = i + m[0].length;
    if (/[0-9A-Za-z.+-]/.test(text[end] ?? ''))
      fail('invalid number (leading zeros, a comma for decimals and NaN are not JSON)');
    i = end;
    return Number(m[0]);
  };

  const readValue = (path: string, segs: Seg[], depth: number): unknown => {
    if (depth > MAX_JSON_DEPTH) fail(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    valueAt.set(path, i);
    const c = text[i];
    switch (c) {
      case '{':
        return readObject(path, segs, depth);
      case '[':
        return readArray(path, segs, depth);
      case '"':
        return readString();
      case 't':
        return literal('true', true);
      case 'f':
        return literal('false', false);
      case 'n':
        return literal('null', null);
      case undefined:
        return fail('the file ends where a value was expected');
      case "'":
        return fail('text must be in double quotes, not single quotes');
      case '/':
        return fail('comments are not allowed in JSON');
      case ']':
      case '}':
        return fail(`expected a value, found "${c}" (a trailing comma?)`);
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return readNumber();
        return fail(
          `expected a value, found ${describeAt()}${/[A-Za-z]/.test(c) ? ' (text must be in double quotes)' : ''}`,
        );
    }
  };

  const literal = (word: string, value: unknown): unknown => {
    if (text.startsWith(word, i) && !/[A-Za-z0-9]/.test(text[i + word.length] ?? '')) {
      i += word.length;
      return value;
    }
    return fail(`expected a value, found ${describeAt()} (text must be in double quotes)`);
  };

  const readObject = (path: string, segs: Seg[], depth: number): unknown => {
    const obj = Object.create(null) as Record<string, unknown>;
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return obj;
    }
    for (;;) {
      if (text[i] !== '"') {
        if (text[i] === '}') fail('expected a field name after the comma (a trailing comma is not allowed)');
        if (text[i] === "'") fail('field names must be in double quotes, not single quotes');
        if (text[i] === '/') fail('comments are not allowed in JSON');
        fail(
          i >= text.length
            ? 'the file ends inside an object: a } is missing'
            : `expected a field name in double quotes, found ${describeAt()}`,
        );
      }
      const keyOffset = i;
      const key = readString();
      ws();
      if (text[i] !== ':') fail(`expected ":" after the field name "${clip(key)}", found ${describeAt()}`);
      i++;
      ws();
      const childSegs = [...segs, key];
      const childPath = appendPath(path, key);
      const value = readValue(childPath, childSegs, depth + 1);
      if (key === '__proto__') {
        keyAt.set(childPath, keyOffset);
        notes.push({ path: childSegs, message: 'a field named "__proto__" is not allowed' });
      } else {
        if (Object.prototype.hasOwnProperty.call(obj, key)) {
          notes.push({ path: childSegs, message: `the field "${clip(key)}" appears twice in this object` });
        }
        keyAt.set(childPath, keyOffset);
        obj[key] = value;
      }
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        continue;
      }
      if (text[i] === '}') {
        i++;
        return obj;
      }
      fail(
        i >= text.length
          ? 'the file ends inside an object: a } is missing'
          : `expected "," or "}" after a field, found ${describeAt()}`,
      );
    }
  };

  const readArray = (path: string, segs: Seg[], depth: number): unknown => {
    const arr: unknown[] = [];
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return arr;
    }
    for (;;) {
      const index = arr.length;
      arr.push(readValue(appendPath(path, index), [...segs, index], depth + 1));
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        continue;
      }
      if (text[i] === ']') {
        i++;
        return arr;
      }
      fail(
        i >= text.length
          ? 'the file ends inside a list: a ] is missing'
          : `expected "," or "]" after a list item, found ${describeAt()}`,
      );
    }
  };

  try {
    ws();
    const value = readValue('', [], 0);
    ws();
    if (i < text.length) fail(`unexpected ${describeAt()} after the end of the JSON value`);
    return { value, valueAt, keyAt, notes };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { value: undefined, valueAt, keyAt, notes, syntaxError: e };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// The demo site

/** The demo site's floors, written down once for demoCatalog() and the example files. */
const DEMO_FLOORS: readonly {
  id: string;
  name: string;
  number: number;
  zones: readonly {
    id: string;
    name: string;
    box: readonly [number, number, number, number];
    allowedGroups?: readonly string[];
  }[];
  /** Benches: two facing rows of desks, 1.4 m apart (closer than D), desks 1.7 m apart along a row. */
  benches: readonly { zoneId: string; x: number; y: number; perRow: number }[];
  singles: readonly { zoneId: string; x: number; y: number }[];
  /** Drawn where no desk stands: the 1.7 m × 1.4 m bench grid leaves aisles between benches and bands. */
  plan: readonly PlanShape[];
}[] = [
  {
    id: 'hq-2',
    name: '2nd floor',
    number: 2,
    zones: [
      { id: 'hq-2-a', name: 'Zone A', box: [0, 0, 20, 11] },
      { id: 'hq-2-b', name: 'Zone B', box: [20, 0, 40, 11] },
      { id: 'hq-2-c', name: 'Zone C', box: [0, 11, 20, 22] },
      { id: 'hq-2-d', name: 'Zone D (kitchen side)', box: [20, 11, 40, 22] },
    ],
    benches: [
      { zoneId: 'hq-2-a', x: 3, y: 4.8, perRow: 8 },
      { zoneId: 'hq-2-b', x: 23, y: 4.8, perRow: 8 },
      { zoneId: 'hq-2-c', x: 3, y: 15.8, perRow: 8 },
      { zoneId: 'hq-2-d', x: 26.4, y: 15.8, perRow: 6 },
    ],
    singles: [],
    plan: [
      ...shell(),
      area('stairs', 16.6, 8.6, 19.2, 13.4, 'Stairs'),
      area('lift', 19.4, 9, 21.8, 13, 'Lift'),
      area('toilets', 6, 8.8, 11, 13.2, 'Toilets'),
      area('kitchen', 20.4, 14.8, 25.4, 21.6, 'Kitchen'),
      area('room', 36.4, 0.4, 39.6, 9.4, 'Meeting 2.1'),
      area('room', 36.4, 12.6, 39.6, 21.6, 'Meeting 2.2'),
    ],
  },
  {
    id: 'hq-3',
    name: '3rd floor',
    number: 3,
    zones: [
      { id: 'hq-3-a', name: 'Zone A', box: [0, 0, 16, 22] },
      { id: 'hq-3-b', name: 'Zone B', box: [16, 0, 32, 22] },
      { id: 'hq-3-c', name: 'Focus room', box: [32, 0, 40, 22], allowedGroups: ['focus-room'] },
    ],
    benches: [
      { zoneId: 'hq-3-a', x: 2.5, y: 4.3, perRow: 7 },
      { zoneId: 'hq-3-a', x: 2.5, y: 15.3, perRow: 7 },
      { zoneId: 'hq-3-b', x: 18.5, y: 4.3, perRow: 7 },
      { zoneId: 'hq-3-b', x: 18.5, y: 15.3, perRow: 7 },
    ],
    singles: [
      { zoneId: 'hq-3-c', x: 35, y: 5 },
      { zoneId: 'hq-3-c', x: 35, y: 9 },
      { zoneId: 'hq-3-c', x: 35, y: 13 },
      { zoneId: 'hq-3-c', x: 35, y: 17 },
    ],
    plan: [
      ...shell(),
      // The focus room is walled off, with its door facing the kitchen.
      { kind: 'wall', points: [[32, 0], [32, 9.6]] },
      { kind: 'wall', points: [[32, 11], [32, 22]] },
      { kind: 'door', points: [[32, 9.6], [32, 11]] },
      area('stairs', 14, 7.8, 17.2, 10.8, 'Stairs'),
      area('lift', 14.4, 11, 16.8, 13.8, 'Lift'),
      area('room', 3, 7.8, 12.4, 13.8, 'Meeting 3.1'),
      area('kitchen', 19, 7.8, 26, 13.8, 'Kitchen'),
      area('toilets', 26.4, 7.8, 31, 13.8, 'Toilets'),
    ],
  },
];

/** A closed area of the plan, from its top-left and bottom-right corners. */
function area(kind: PlanShapeKind, x0: number, y0: number, x1: number, y1: number, label: string): PlanShape {
  return { kind, label, points: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]] };
}

/** Outer walls of a 40 m × 22 m floor, with windows along both long sides. */
function shell(): PlanShape[] {
  const windows: [number, number][] = [[1.5, 7.5], [9.5, 15.5], [17.5, 23.5], [25.5, 31.5], [33.5, 38.5]];
  return [
    { kind: 'wall', points: [[0, 0], [40, 0], [40, 22], [0, 22], [0, 0]] },
    ...[0, 22].flatMap((y) =>
      windows.map(([x0, x1]): PlanShape => ({ kind: 'window', points: [[x0, y], [x1, y]] })),
    ),
  ];
}

const DESK_PITCH_M = 1.7;
const FACING_ROWS_M = 1.4;

/**
 * The demo site "Brussels HQ": two 40 m × 22 m floors of about 60 desks each, in benches of two facing rows.
 * The server seeds it on first start; examples/site.json and examples/desks.csv describe the same site.
 */
export function demoCatalog(): SiteCatalog {
  const site: Site = { id: 'brussels-hq', name: 'Brussels HQ', timeZone: 'Europe/Brussels' };
  const floors: Floor[] = [];
  const zones: Zone[] = [];
  const desks: Desk[] = [];
  const round = (m: number) => Math.round(m * 100) / 100;

  for (const f of DEMO_FLOORS) {
    floors.push({ id: f.id, siteId: site.id, name: f.name, width: 40, height: 22, plan: { shapes: f.plan } });
    for (const z of f.zones) {
      const [x0, y0, x1, y1] = z.box;
      zones.push({
        id: z.id,
        floorId: f.id,
        name: z.name,
        outline: [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
        ],
        ...(z.allowedGroups ? { allowedGroups: [...z.allowedGroups] } : {}),
      });
    }
    const places: { zoneId: string; x: number; y: number; rowEnd: boolean; aisle: boolean }[] = [];
    for (const b of f.benches) {
      for (const y of [b.y, b.y + FACING_ROWS_M]) {
        for (let k = 0; k < b.perRow; k++) {
          places.push({
            zoneId: b.zoneId,
            x: round(b.x + k * DESK_PITCH_M),
            y: round(y),
            rowEnd: k === b.perRow - 1,
            aisle: k === 0,
          });
        }
      }
    }
    for (const s of f.singles) places.push({ ...s, rowEnd: true, aisle: true });

    places.forEach((p, index) => {
      const n = index + 1;
      const attributes: string[] = [];
      if (n % 7 !== 0) attributes.push('monitor');
      if (p.rowEnd) attributes.push('standing');
      if (n % 3 === 0) attributes.push('docking');
      // Desks by the aisle are reachable with a wheelchair.
      if (p.aisle && n % 2 === 1) attributes.push('accessible');
      // Reception keeps its two desks; one desk per floor is broken.
      const mode: DeskMode = f.number === 2 && n <= 2 ? 'assigned' : n === 11 ? 'off' : 'bookable';
      desks.push({
        id: `hq-${f.number}-${n}`,
        floorId: f.id,
        zoneId: p.zoneId,
        label: `${f.number}.${String(n).padStart(2, '0')}`,
        x: p.x,
        y: p.y,
        attributes,
        mode,
      });
    });
  }

  // The demo runs on the defaults: D = 1.5 m, 50 % of each zone, two weeks ahead, Monday to Friday.
  const rules: PolicyRules = { ...DEFAULT_RULES, bookableWeekdays: [...DEFAULT_RULES.bookableWeekdays] };
  const policies: PolicyVersion[] = [
    { effectiveFrom: '2026-01-05', rules, zoneCapacity: { 'hq-3-c': { kind: 'count', value: 2 } } },
    // Tightened from the first Monday of 2027; days before it keep the earlier rules.
    {
      effectiveFrom: '2027-01-04',
      rules: { ...rules, zoneCapacity: { kind: 'percent', value: 30 } },
      zoneCapacity: { 'hq-3-c': { kind: 'count', value: 1 } },
    },
  ];
  return { site, floors, zones, desks, policies };
}
