/**
 * The site file (JSON) and the desks file (CSV) become validated SiteCatalogs. Every problem in the files is collected
 * and named by where it is (a JSON path with its line and column, or a CSV line and column), so an admin fixes a file
 * in one pass; the format is described in docs/import-format.md.
 */
import { z } from 'zod';
import type { SiteCatalog } from '../use-cases/ports';
import { buildCatalog } from './build-catalog';
import { CatalogImportError } from './catalog-import-error';
import { checkCrossReferences } from './cross-references';
import { readDesksCsv, type CsvDesk } from './desks-csv';
import type { FloorDraft, SiteDraft } from './drafts';
import { parseJsonWithPositions } from './json-with-positions';
import { DocumentLocator, JsonSource, Problems, type Locator, type Seg, type Where } from './problems';
import {
  deskSchema,
  documentKeys,
  floorSchema,
  MAX_DESKS_PER_FLOOR,
  MAX_FLOORS_PER_SITE,
  MAX_INPUT_CHARS,
  MAX_POLICIES,
  policySchema,
  REQUIRED_DOCUMENT_KEYS,
  salvageId,
  siteSchema,
  zoneSchema,
} from './schemas';
import { clip, isRecord, stripBom } from './text';
import { describeValue, reportIssues, unknownField, withArticle } from './zod-problems';

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

/** Reads and validates the files; throws CatalogImportError listing every problem, each at its line and column. */
export function readCatalogFiles(input: CatalogFiles): SiteCatalog[] {
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
  const text = stripBom(input.siteJson);
  const parsed = parseJsonWithPositions(text);
  const source = new JsonSource(jsonName, text, parsed.valueAt, parsed.keyAt);
  for (const note of parsed.notes) problems.add(source.at(note.path, true), note.message);
  if (parsed.syntaxError) {
    problems.add(
      source.whereOffset(parsed.syntaxError.offset),
      `invalid JSON: ${parsed.syntaxError.message}`,
    );
    throw new CatalogImportError(problems.sorted());
  }
  return finish(readSiteFile(parsed.value, source, problems), csvRows, problems);
}

/**
 * Validates a site document held in memory (built in code, not read from a file) with the same rules; problems are
 * named by path alone, under `name`. Throws CatalogImportError listing every problem.
 */
export function readSiteDocuments(document: unknown, name: string): SiteCatalog[] {
  const problems = new Problems();
  return finish(readSiteFile(document, new DocumentLocator(name, document), problems), [], problems);
}

function finish(sites: SiteDraft[], csvRows: readonly CsvDesk[], problems: Problems): SiteCatalog[] {
  addCsvDesks(sites, csvRows, problems);
  checkCrossReferences(sites, problems);
  if (problems.count > 0) throw new CatalogImportError(problems.sorted());
  return sites.map(buildCatalog);
}

function readSiteFile(root: unknown, source: Locator, problems: Problems): SiteDraft[] {
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
  source: Locator,
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
    if (!documentKeys.includes(key)) problems.add(here([key], true), unknownField(key));
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
  source: Locator,
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
