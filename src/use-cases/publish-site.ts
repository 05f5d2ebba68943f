/**
 * The Admin tab's site editor talks in the import format: it exports a site as the site file (JSON) and the desks
 * file (CSV), and publishes it back. A publish is an import: the same validation (every problem, each named by its
 * field), the same atomic versioned write, and then the re-check of future bookings, whose cancelled owners are told
 * in Teams, and an audit entry saying who changed what and what it cost.
 */
import { err, ok, type Actor, type Result } from '../domain/model';
import type { AuditEntry } from './audit-port';
import { actorOf, recheckAndTell, type AdminDeps, type AfterChange } from './admin-deps';
import { catalogDiff } from './admin-catalog-diff';
import { CatalogImportError, importCatalog, parseCatalogFiles, toSiteDocument, type SiteDocument } from './import-catalog';
import { CatalogChangedError, type SiteCatalog } from './ports';

/** A site as the import reads it: the site file without its desks, and the desks as CSV. */
export interface SiteExport {
  readonly site: Omit<SiteDocument, 'floors'> & { floors: Omit<SiteDocument['floors'][number], 'desks'>[] };
  readonly desksCsv: string;
  /** The stored version the export was made from; a publish may name it to refuse overwriting a newer one. */
  readonly revision: number;
}

const DESK_COLUMNS = ['floorId', 'id', 'label', 'x', 'y', 'zoneId', 'attributes', 'mode', 'offFrom'] as const;

export async function exportSite(deps: Pick<AdminDeps, 'catalogStore'>, siteId: string): Promise<SiteExport | null> {
  const catalog = await deps.catalogStore.getSiteCatalog(siteId);
  if (!catalog) return null;
  const doc = toSiteDocument(catalog);
  // The offFrom column only when a desk has one, so files of sites without a dated plan stay as they were.
  const dated = catalog.desks.some((d) => d.offFrom !== undefined);
  const columns = dated ? DESK_COLUMNS : DESK_COLUMNS.slice(0, -1);
  const rows = doc.floors.flatMap((f) =>
    (f.desks ?? []).map((d) =>
      [f.id, d.id, d.label, String(d.x), String(d.y), d.zoneId ?? '', (d.attributes ?? []).join(';'), d.mode ?? 'bookable', d.offFrom ?? ''].slice(0, columns.length),
    ),
  );
  const desksCsv = [columns as readonly string[], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return {
    site: { ...doc, floors: doc.floors.map(({ desks: _desks, ...floor }) => floor) },
    desksCsv,
    revision: catalog.revision ?? 0,
  };
}

/**
 * RFC 4180 quoting, as the import reads it. Cells are written as they are, with no formula guard: this file is read
 * back by the import, and a label such as "=3" must come back unchanged.
 */
function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface PublishSiteCommand {
  readonly actor: Actor;
  /** The site named by the address: the body must describe this one. */
  readonly siteId: string;
  /** The site file (JSON document), as the editor holds it. */
  readonly site?: unknown;
  /**
   * Or the site file as its text, as a person picked it from disk: problems then carry the line and column of
   * that file, exactly as `npm run import` prints them.
   */
  readonly siteJson?: string;
  readonly desksCsv?: string;
  /** When given, the publish is refused if the stored site is no longer at this revision (someone published since). */
  readonly revision?: number;
}

export interface PublishProblem {
  /** Where, in the body: `site.floors[0].desks[2].x`, or `desksCsv` with its line and column. */
  readonly field: string;
  /** The line in the desks file, or in the site file when its text was sent. */
  readonly line?: number;
  /** The desks file's column name, or the site file's column number (when its text was sent). */
  readonly column?: string;
  /** What is wrong, in the import's words (English, as the CLI prints it). */
  readonly problem: string;
}

export type PublishRefusal =
  | { readonly kind: 'invalid'; readonly problems: readonly PublishProblem[] }
  | { readonly kind: 'site-mismatch'; readonly bodySiteId: string }
  | { readonly kind: 'stale'; readonly current: number };

export interface PublishOutcome extends AfterChange {
  readonly siteId: string;
  readonly changed: boolean;
  /** The catalog revision now stored. */
  readonly revision: number;
  readonly audit: AuditEntry | null;
}

export async function publishSite(deps: AdminDeps, cmd: PublishSiteCommand): Promise<Result<PublishOutcome, PublishRefusal>> {
  let parsed: SiteCatalog[];
  const fromText = cmd.siteJson !== undefined;
  try {
    parsed = parseCatalogFiles({
      siteJson: cmd.siteJson ?? JSON.stringify(cmd.site ?? null, null, 1),
      siteJsonName: 'site',
      ...(cmd.desksCsv !== undefined && { desksCsv: cmd.desksCsv, desksCsvName: 'desksCsv' }),
    });
  } catch (error) {
    if (error instanceof CatalogImportError) return err({ kind: 'invalid', problems: error.problems.map((p) => problemOf(p, fromText)) });
    throw error;
  }
  // A body with { sites: [...] } is a valid import file, but a publish changes the one site of its address.
  const bodySiteId = parsed.length === 1 ? parsed[0]!.site.id : parsed.map((c) => c.site.id).join(',');
  if (bodySiteId !== cmd.siteId) return err({ kind: 'site-mismatch', bodySiteId });
  const catalog = parsed[0]!;

  const before = await deps.catalogStore.getSiteCatalog(cmd.siteId);
  if (cmd.revision !== undefined && (before?.revision ?? 0) !== cmd.revision) return err({ kind: 'stale', current: before?.revision ?? 0 });
  let changed: boolean;
  try {
    // Conditional on the version just read, so that the diff and the re-check below describe what was replaced.
    [{ changed }] = (await importCatalog(deps.catalogStore, [catalog], undefined, { [cmd.siteId]: before?.revision ?? 0 })) as [{ siteId: string; changed: boolean }];
  } catch (error) {
    if (error instanceof CatalogChangedError) return err({ kind: 'stale', current: error.current ?? (before?.revision ?? 0) + 1 });
    // Ids already used by another stored site: the same problem the import names.
    if (error instanceof CatalogImportError) return err({ kind: 'invalid', problems: error.problems.map((p) => problemOf(p, false)) });
    throw error;
  }
  const after = await deps.catalogStore.getSiteCatalog(cmd.siteId);
  const revision = after?.revision ?? 0;
  if (!changed) return ok({ siteId: cmd.siteId, changed, revision, cancelled: [], complete: true, notices: null, audit: null });

  const result = await recheckAndTell(deps, cmd.siteId);
  const diff = catalogDiff(before, catalog);
  const audit = await deps.audit.append({
    at: deps.clock.now().toISOString(),
    ...actorOf(cmd.actor),
    action: 'catalog.publish',
    siteId: cmd.siteId,
    count: result.cancelled.length,
    params: { ...diff, revision, cancelled: result.cancelled.length, recheckComplete: result.complete },
  });
  // A restriction to groups is a change of its own in the log: who may sit where is what people ask about later.
  for (const zone of catalog.zones) {
    const was = before?.zones.find((z) => z.id === zone.id)?.allowedGroups ?? [];
    const now = zone.allowedGroups ?? [];
    if (was.join(',') === now.join(',')) continue;
    await deps.audit.append({
      at: deps.clock.now().toISOString(),
      ...actorOf(cmd.actor),
      action: 'zone.restrict',
      siteId: cmd.siteId,
      count: result.cancelled.filter((c) => c.refusal.details.code === 'DESK_UNAVAILABLE' && c.refusal.details.why === 'restricted-zone' && c.booking.zoneId === zone.id).length,
      params: { zoneId: zone.id, groups: now.join(', ').slice(0, 1000), previous: was.join(', ').slice(0, 1000) },
    });
  }
  return ok({ siteId: cmd.siteId, changed, revision, ...result, audit });
}

/**
 * "site line 12, column 9: floors[0].desks[2].x: must be a number" → field `site.floors[0].desks[2].x`. When the body
 * held a JSON document, the line and column are of the server's own rendering of it, which the caller never saw, so
 * they are dropped; when it held the file's text (`fromText`) they are the caller's own and kept, as a CSV line is.
 */
function problemOf(text: string, fromText: boolean): PublishProblem {
  const at = (line: string | undefined, column: string | undefined) =>
    fromText && line !== undefined ? { line: Number(line), ...(column !== undefined && { column }) } : {};
  // A syntax error names no field: "site line 2, column 45: invalid JSON: …".
  const syntax = /^site line (\d+), column (\d+): (invalid JSON: .*)$/s.exec(text);
  if (syntax) return { field: 'site', ...at(syntax[1], syntax[2]), problem: syntax[3]! };
  const json = /^site(?: line (\d+), column (\d+))?: (.+?): (.*)$/s.exec(text);
  if (json) {
    const path = json[3]!;
    return { field: path === '(top level)' ? 'site' : `site.${path}`, ...at(json[1], json[2]), problem: json[4]! };
  }
  const csv = /^desksCsv line (\d+)(?:, column "([^"]*)")?: (.*)$/s.exec(text);
  if (csv) return { field: 'desksCsv', line: Number(csv[1]), ...(csv[2] !== undefined && { column: csv[2] }), problem: csv[3]! };
  const bare = /^site line (\d+), column (\d+): (.*)$/s.exec(text);
  return { field: 'site', ...(bare && at(bare[1], bare[2])), problem: bare ? bare[3]! : text };
}
