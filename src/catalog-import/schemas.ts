/**
 * The site file's fields and their limits (docs/import-format.md), as zod schemas: what one field may hold. Rules that
 * span several entries are the domain's (domain/catalog-rules.ts).
 */
import { z } from 'zod';
import { isCivilDate, isHhMm, isValidTimeZone } from '../domain/civil-date';
import { ID_CHARS_ONLY, MAX_ID_LENGTH } from '../domain/ids';
import { isPlanArea, PLAN_SHAPE_KINDS, type Point } from '../domain/model';
import { clip, isRecord } from './text';

export const MAX_NAME = 200;
export const MAX_LABEL = 40;
export const MAX_ATTRIBUTE = 40;
export const MAX_ATTRIBUTES_PER_DESK = 20;
export const MAX_GROUPS_PER_ZONE = 100;
export const MAX_OUTLINE_POINTS = 1000;
export const MAX_FLOOR_SIZE_M = 1000;
export const MAX_FLOORS_PER_SITE = 500;
export const MAX_ZONES_PER_FLOOR = 500;
export const MAX_DESKS_PER_FLOOR = 10_000;
export const MAX_POLICIES = 500;
export const MAX_URL = 2048;
// A floor is stored as one row of at most 32 K characters, plan included: with points rounded to the
// centimetre these bounds keep the largest plan under about 25 K.
export const MAX_PLAN_SHAPES = 100;
export const MAX_PLAN_POINTS = 1000;
export const MAX_INPUT_CHARS = 32 * 1024 * 1024;
export const MAX_JSON_DEPTH = 64;
/** Names that plain objects inherit; as ids they would resolve to Object.prototype members in a lookup by key. */
const RESERVED_IDS = new Set(Object.getOwnPropertyNames(Object.prototype));
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const TIME_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
const ATTRIBUTE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u;
const DESK_MODES = ['bookable', 'assigned', 'off'] as const;

export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .regex(ID_CHARS_ONLY, 'may hold only letters A–Z and a–z, digits and . _ : -')
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

export const planSchema = z
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
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
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

export const rulesSchema = z
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

export const policySchema = z
  .object({
    effectiveFrom: z
      .string()
      .refine(isCivilDate, (s) => ({ message: `"${clip(s)}" is not a date written YYYY-MM-DD` })),
    rules: rulesSchema,
    zoneCapacity: z.record(z.string(), capacitySchema).optional(),
  })
  .strict();

export const siteSchema = z.object({ id: idSchema, name: textSchema(MAX_NAME), timeZone: timeZoneSchema }).strict();

export const floorSchema = z
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

export const zoneSchema = z
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
  // The safe-headcount plan's switch-off: the desk keeps its mode before this day and is off from it on.
  offFrom: z
    .string()
    .refine(isCivilDate, (s) => ({ message: `"${clip(s)}" is not a date written YYYY-MM-DD` }))
    .optional(),
};

/** A desk already off cannot switch off again from a later day: the file would say two things at once. */
function offFromNeedsAMode(desk: { mode?: string | undefined; offFrom?: string | undefined }, ctx: z.RefinementCtx): void {
  if (desk.offFrom !== undefined && desk.mode === 'off')
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['offFrom'],
      message: 'the desk is already off; leave offFrom out, or set mode to bookable or assigned',
    });
}

const deskObject = z.object(deskFields).strict();
const csvDeskObject = z.object({ ...deskFields, floorId: idSchema }).strict();
export const deskSchema = deskObject.superRefine(offFromNeedsAMode);
export const csvDeskSchema = csvDeskObject.superRefine(offFromNeedsAMode);

export const documentKeys = ['$schema', 'site', 'floors', 'policies'];
export const REQUIRED_DOCUMENT_KEYS = ['site', 'floors', 'policies'];

export type SiteInput = z.output<typeof siteSchema>;
export type FloorInput = z.output<typeof floorSchema>;
export type ZoneInput = z.output<typeof zoneSchema>;
export type DeskInput = z.output<typeof deskSchema>;
export type PolicyInput = z.output<typeof policySchema>;

/** Every field name of the format, to suggest the right spelling of an unknown one. */
export const KNOWN_FIELDS = [
  ...documentKeys,
  'sites',
  ...Object.keys(siteSchema.shape),
  ...Object.keys(floorSchema.shape),
  ...Object.keys(zoneSchema.shape),
  ...Object.keys(csvDeskObject.shape),
  ...Object.keys(policySchema.shape),
  ...Object.keys(rulesSchema.shape),
  ...Object.keys(planSchema.shape),
  'points',
  'kind',
  'value',
];

/** The id of an element that failed validation, when it is usable, so that references to it are not reported too. */
export function salvageId(v: unknown): string | undefined {
  const id = isRecord(v) ? v['id'] : undefined;
  return typeof id === 'string' && idSchema.safeParse(id).success ? id : undefined;
}
