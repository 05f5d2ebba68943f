/**
 * Builds the Teams app package of one environment:
 *
 *   npm run package -- --env dev          (or: npx tsx scripts/package-app.ts --env dev)
 *   npm run package -- --env dev --strict (refuse the stand-ins of appPackage/placeholders.env)
 *
 * 1. Reads env/.env.<env>, then the git-ignored env/.env.<env>.user (which wins), and fills every ${{NAME}} in
 *    appPackage/manifest.json and its language files, as the Agents Toolkit's teamsApp/zipAppPackage does.
 *    A variable the environment leaves empty falls back to appPackage/placeholders.env when that file has it (the
 *    ids and domains that provisioning writes), so that a fresh clone can build and check the package offline; the
 *    output says which ones were used. Any other ${{NAME}} without a value stops the build and is named.
 * 2. Validates the filled manifest against the official Teams JSON schema of its manifestVersion, and each language
 *    file against the localization schema of that version, both bundled in @microsoft/app-manifest, with ajv.
 *    Messages name the field: "manifest.json: /bots/0/botId is required".
 * 3. Checks that every language file translates exactly the manifest's localizable strings, and the icons (sizes;
 *    the outline icon is white on transparent).
 * 4. Writes appPackage/build/appPackage.<env>.zip (manifest.json, color.png, outline.png, fr.json, nl.json, de.json)
 *    and appPackage/build/manifest.<env>.json, and prints the zip's path.
 *
 * The toolkit's own steps (teamsApp/validateManifest, zipAppPackage, validateAppPackage in m365agents.yml) do the same
 * during `atk provision`; this script lets CI and people without a tenant do it too.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

export const ROOT_DIR = path.resolve(__dirname, '..');
/** The oldest manifest version accepted here (DESIGN.md: schema 1.22 or later). */
export const MIN_MANIFEST_VERSION = '1.22';
export const COLOR_ICON_PX = 192;
export const OUTLINE_ICON_PX = 32;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A package that cannot be built; `problems` lists every reason found, each naming its file and field. */
export class AppPackageError extends Error {
  readonly code = 'APP_PACKAGE_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`The Teams app package was not built:\n  - ${problems.join('\n  - ')}`);
    this.name = 'AppPackageError';
  }
}

export interface PackageOptions {
  /** Environment name: reads env/.env.<env> and env/.env.<env>.user. */
  readonly env: string;
  /** Folder with manifest.json, the icons and the language files. Default: appPackage/. */
  readonly appPackageDir?: string;
  /** Folder with the .env.<env> files. Default: env/. */
  readonly envDir?: string;
  /** Where the zip goes. Default: <appPackageDir>/build. */
  readonly outDir?: string;
  /** Stand-ins for the values provisioning writes. Default: <appPackageDir>/placeholders.env. */
  readonly placeholdersFile?: string;
  /** Refuse the stand-ins (--strict): every ${{NAME}} must have a value in the environment. */
  readonly strict?: boolean;
  readonly log?: (line: string) => void;
}

export interface PackageResult {
  readonly zipPath: string;
  readonly manifestPath: string;
  /** The filled manifest, as zipped. */
  readonly manifest: JsonObject;
  /** The filled language files, by file name, as zipped. */
  readonly languageFiles: Readonly<Record<string, JsonObject>>;
  /** Variables that came from the placeholders file because the environment left them empty. */
  readonly placeholdersUsed: readonly string[];
  readonly manifestVersion: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Environment files

/** The variables of one .env file. The format is the toolkit's (dotenv): NAME=value, # comments, optional quotes. */
export function parseEnvFile(text: string, label: string): Map<string, string> {
  const values = new Map<string, string>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) {
      problems.push(`${label} line ${index + 1}: expected NAME=value, found "${line.slice(0, 60)}"`);
      return;
    }
    const name = m[1]!;
    let value = m[2]!;
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n');
    } else {
      // dotenv: in an unquoted value, " #" starts a comment.
      value = value.replace(/\s+#.*$/, '').trim();
    }
    values.set(name, value);
  });
  if (problems.length > 0) throw new AppPackageError(problems);
  return values;
}

export interface ResolvedEnvironment {
  /** Name → value; empty values are absent. */
  readonly values: ReadonlyMap<string, string>;
  /** Stand-ins for the values provisioning writes; empty when they may not be used (--strict). */
  readonly placeholders: ReadonlyMap<string, string>;
  /** Names that provisioning writes (those of the placeholders file), used or not, for messages. */
  readonly provisioned: ReadonlySet<string>;
  /** The files read, relative to the project, for messages. */
  readonly files: readonly string[];
}

export function listEnvironments(envDir: string): string[] {
  if (!existsSync(envDir)) return [];
  return readdirSync(envDir)
    .map((f) => /^\.env\.([A-Za-z0-9_-]+)$/.exec(f)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

export function resolveEnvironment(
  env: string,
  envDir: string,
  placeholdersFile: string,
  strict = false,
): ResolvedEnvironment {
  if (!/^[A-Za-z0-9_-]+$/.test(env)) {
    throw new AppPackageError([
      `"${env}" is not an environment name: use letters, digits, "-" or "_", e.g. --env dev`,
    ]);
  }
  const mainFile = path.join(envDir, `.env.${env}`);
  if (!existsSync(mainFile)) {
    const known = listEnvironments(envDir);
    throw new AppPackageError([
      `${rel(mainFile)} does not exist; the environments here are: ${known.length > 0 ? known.join(', ') : 'none'}`,
    ]);
  }
  const values = new Map<string, string>([['TEAMSFX_ENV', env]]);
  const files: string[] = [];
  // Later files win, as in the toolkit: the .user file holds this machine's values and secrets.
  for (const file of [mainFile, path.join(envDir, `.env.${env}.user`)]) {
    if (!existsSync(file)) continue;
    files.push(rel(file));
    for (const [name, value] of parseEnvFile(readFileSync(file, 'utf8'), rel(file))) {
      values.set(name, value);
    }
  }
  for (const [name, value] of [...values]) if (value === '') values.delete(name);
  const standIns = existsSync(placeholdersFile)
    ? parseEnvFile(readFileSync(placeholdersFile, 'utf8'), rel(placeholdersFile))
    : new Map<string, string>();
  return {
    values,
    placeholders: strict ? new Map() : standIns,
    provisioned: new Set(standIns.keys()),
    files,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// ${{NAME}} placeholders

/** ${{NAME}}, as the toolkit writes it; a fresh RegExp per use because the "g" flag makes them stateful. */
const placeholderPattern = (): RegExp => /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

interface FillReport {
  /** Variable → files that use it without a value. */
  readonly missing: Map<string, Set<string>>;
  readonly placeholdersUsed: Set<string>;
}

function fillString(text: string, file: string, env: ResolvedEnvironment, report: FillReport): string {
  return text.replace(placeholderPattern(), (whole, name: string) => {
    const value = env.values.get(name);
    if (value !== undefined) return value;
    const standIn = env.placeholders.get(name);
    if (standIn !== undefined && standIn !== '') {
      report.placeholdersUsed.add(name);
      return standIn;
    }
    const users = report.missing.get(name) ?? new Set<string>();
    users.add(file);
    report.missing.set(name, users);
    return whole;
  });
}

function fillJson(value: Json, file: string, env: ResolvedEnvironment, report: FillReport): Json {
  if (typeof value === 'string') return fillString(value, file, env, report);
  if (Array.isArray(value)) return value.map((v) => fillJson(v, file, env, report));
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = fillJson(v, file, env, report);
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas from @microsoft/app-manifest

export function teamsSchemaDir(): string {
  return path.join(
    path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
    'build',
    'json-schemas',
    'teams',
  );
}

export function appManifestPackageVersion(): string {
  const pkg = JSON.parse(readFileSync(require.resolve('@microsoft/app-manifest/package.json'), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? 'unknown';
}

function versionKey(v: string): [number, number] {
  const m = /^(\d+)\.(\d+)$/.exec(v);
  return m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
}

export function compareVersions(a: string, b: string): number {
  const [a1, a2] = versionKey(a);
  const [b1, b2] = versionKey(b);
  return a1 !== b1 ? a1 - b1 : a2 - b2;
}

/** Manifest versions whose schemas the installed @microsoft/app-manifest bundles, oldest first (no vDevPreview). */
export function bundledManifestVersions(): string[] {
  return readdirSync(teamsSchemaDir())
    .map((d) => /^v(\d+\.\d+)$/.exec(d)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort(compareVersions);
}

export type SchemaKind = 'manifest' | 'localization';
const SCHEMA_FILES: Record<SchemaKind, string> = {
  manifest: 'MicrosoftTeams.schema.json',
  localization: 'MicrosoftTeams.Localization.schema.json',
};
const validators = new Map<string, ValidateFunction>();

/**
 * The Teams schemas are draft-04. Ajv 8 validates them as draft-07 once their "$schema" is dropped, which gives the
 * same result as long as they use no keyword whose meaning changed between the drafts: boolean exclusiveMinimum or
 * exclusiveMaximum, or "id" as a schema identifier. This guard fails loudly if a future schema does.
 */
export function draft04OnlyKeywords(schema: unknown, at = '#'): string[] {
  const found: string[] = [];
  const walk = (node: unknown, where: string, isPropertyMap: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, `${where}/${i}`, false));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      if (!isPropertyMap) {
        if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof child === 'boolean')
          found.push(`${where}/${key}`);
        if (key === 'id' && typeof child === 'string') found.push(`${where}/id`);
      }
      // Under "properties", "patternProperties" and "definitions" the keys are names, not keywords.
      const childIsMap =
        !isPropertyMap && ['properties', 'patternProperties', 'definitions', '$defs'].includes(key);
      walk(child, `${where}/${key}`, childIsMap);
    }
  };
  walk(schema, at, false);
  return found;
}

export function loadTeamsSchema(kind: SchemaKind, version: string): Record<string, unknown> {
  const file = path.join(teamsSchemaDir(), `v${version}`, SCHEMA_FILES[kind]);
  if (!existsSync(file)) {
    throw new AppPackageError([
      `@microsoft/app-manifest ${appManifestPackageVersion()} has no ${kind} schema for version ${version}`,
    ]);
  }
  // As @microsoft/app-manifest itself does: one pattern uses "\a", which JavaScript regular expressions reject.
  const schema = JSON.parse(readFileSync(file, 'utf8').replace(/\\a/g, '\\x07')) as Record<string, unknown>;
  delete schema.$schema;
  const draft04 = draft04OnlyKeywords(schema);
  if (draft04.length > 0) {
    throw new Error(
      `The bundled ${kind} schema v${version} uses draft-04-only keywords that ajv's default draft would read differently: ${draft04.join(', ')}`,
    );
  }
  return schema;
}

export function teamsSchemaValidator(kind: SchemaKind, version: string): ValidateFunction {
  const key = `${kind}@${version}`;
  const cached = validators.get(key);
  if (cached) return cached;
  const ajv = new Ajv({
    allErrors: true,
    // The schemas put "additionalProperties" beside "type" in ways strict typing dislikes; @microsoft/app-manifest
    // turns this check off too.
    strictTypes: false,
    strictTuples: false,
    // The manifest schema's patterns use \p{...}, which needs the "u" flag; the localization schema has a pattern
    // ("...\b]\.description") that is only valid without it.
    unicodeRegExp: kind === 'manifest',
  });
  addFormats(ajv);
  const validate = ajv.compile(loadTeamsSchema(kind, version));
  validators.set(key, validate);
  return validate;
}

function pointerGet(root: Json | undefined, pointer: string): Json | undefined {
  let node: Json | undefined = root;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (node !== null && typeof node === 'object') node = node[key];
    else return undefined;
  }
  return node;
}

function show(value: Json | undefined): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'nothing' : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** One readable line per schema error, naming the field; when the value came from ${{NAME}}, it says so. */
export function describeSchemaError(file: string, error: ErrorObject, filled: Json, template?: Json): string {
  const at = error.instancePath || '';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${file}: ${at}/${String(params.missingProperty)} is required`;
  if (error.keyword === 'additionalProperties') {
    return `${file}: ${at}/${String(params.additionalProperty)} is not a field the schema allows here`;
  }
  const value = pointerGet(filled, at);
  const templated = template === undefined ? undefined : pointerGet(template, at);
  const used =
    typeof templated === 'string' && templated !== value ? (templated.match(placeholderPattern()) ?? []) : [];
  const origin = used.length > 0 ? ` (filled from ${used.join(', ')})` : '';
  return `${file}: ${at || '/'} ${error.message ?? 'is invalid'}; the value is ${show(value)}${origin}`;
}

export function validateAgainstTeamsSchema(
  kind: SchemaKind,
  version: string,
  file: string,
  filled: Json,
  template?: Json,
): string[] {
  const validate = teamsSchemaValidator(kind, version);
  if (validate(filled)) return [];
  return [...new Set((validate.errors ?? []).map((e) => describeSchemaError(file, e, filled, template)))];
}

// ---------------------------------------------------------------------------------------------------------------
// Localization

/** String leaves of a JSON value as localization keys: "name.short", "staticTabs[1].name", ... */
export function flattenStrings(value: Json, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: Json, at: string): void => {
    if (typeof node === 'string') out.set(at, node);
    else if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}[${i}]`));
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, at === '' ? k : `${at}.${k}`);
    }
  };
  walk(value, prefix);
  return out;
}

/** The manifest strings a language file must translate: those whose key the localization schema names. */
export function localizableKeys(manifest: JsonObject, version: string): string[] {
  const schema = loadTeamsSchema('localization', version);
  const named = new Set(
    Object.keys((schema.properties ?? {}) as object).filter(
      (k) => k !== '$schema' && k !== 'localizationKeys',
    ),
  );
  const patterns = Object.keys((schema.patternProperties ?? {}) as object).map((p) => new RegExp(p));
  return [...flattenStrings(manifest).keys()].filter((k) => named.has(k) || patterns.some((p) => p.test(k)));
}

// ---------------------------------------------------------------------------------------------------------------
// Icons

export function checkIcon(file: string, label: string, size: number, outline: boolean): string[] {
  if (!existsSync(file)) return [`${label} is missing (manifest.json /icons names it)`];
  let png: PNG;
  try {
    png = PNG.sync.read(readFileSync(file));
  } catch (error) {
    return [`${label} is not a readable PNG: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  if (png.width !== size || png.height !== size) {
    problems.push(`${label} is ${png.width}×${png.height}; Teams requires ${size}×${size}`);
  }
  if (outline) {
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
      if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) {
        const p = i / 4;
        problems.push(
          `${label} has pixel (${p % png.width}, ${Math.floor(p / png.width)}) = rgba(${r}, ${g}, ${b}, ${a}); an outline icon holds only white on a transparent background`,
        );
        break;
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// The package

function readJson(file: string, label: string): JsonObject {
  if (!existsSync(file)) throw new AppPackageError([`${label} is missing`]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppPackageError([`${label} is not valid JSON: ${(error as Error).message}`]);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new AppPackageError([`${label} must hold a JSON object`]);
  return parsed as JsonObject;
}

function rel(file: string): string {
  const r = path.relative(process.cwd(), file);
  return r === '' ? '.' : r.startsWith('..') ? file : r;
}

function asObject(value: Json | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

function schemaUrlVersion(value: Json | undefined): string | undefined {
  return typeof value === 'string' ? /\/v(\d+\.\d+)\//.exec(value)?.[1] : undefined;
}

/** Validates and zips the app package of one environment; throws AppPackageError listing every problem found. */
export async function packageApp(options: PackageOptions): Promise<PackageResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const appDir = options.appPackageDir ?? path.join(ROOT_DIR, 'appPackage');
  const envDir = options.envDir ?? path.join(ROOT_DIR, 'env');
  const outDir = options.outDir ?? path.join(appDir, 'build');
  const placeholdersFile = options.placeholdersFile ?? path.join(appDir, 'placeholders.env');
  const env = resolveEnvironment(options.env, envDir, placeholdersFile, options.strict);

  const template = readJson(path.join(appDir, 'manifest.json'), 'manifest.json');
  const problems: string[] = [];

  // Which schema: the manifest's own version, which must be bundled and recent enough.
  const manifestVersion = template.manifestVersion;
  const bundled = bundledManifestVersions();
  if (typeof manifestVersion !== 'string' || Number.isNaN(versionKey(manifestVersion)[0])) {
    throw new AppPackageError([
      `manifest.json: /manifestVersion must be a version such as "${bundled.at(-1)}"; found ${show(manifestVersion)}`,
    ]);
  }
  if (compareVersions(manifestVersion, MIN_MANIFEST_VERSION) < 0) {
    throw new AppPackageError([
      `manifest.json: /manifestVersion ${manifestVersion} is older than ${MIN_MANIFEST_VERSION}, the oldest Seatwise supports`,
    ]);
  }
  if (!bundled.includes(manifestVersion)) {
    throw new AppPackageError([
      `manifest.json: /manifestVersion ${manifestVersion} has no schema in @microsoft/app-manifest ${appManifestPackageVersion()} (it has ${bundled[0]} to ${bundled.at(-1)})`,
    ]);
  }
  const declared = schemaUrlVersion(template.$schema);
  if (declared !== undefined && declared !== manifestVersion) {
    problems.push(
      `manifest.json: /$schema points at schema v${declared} but /manifestVersion is ${manifestVersion}`,
    );
  }

  // Language files named by localizationInfo; their strings are filled like the manifest's.
  const languages = (asObject(template.localizationInfo)?.additionalLanguages ?? []) as Json[];
  const languageNames: string[] = [];
  for (const [i, entry] of languages.entries()) {
    const file = asObject(entry)?.file;
    if (typeof file !== 'string' || file.includes('/') || file.includes('\\')) {
      problems.push(
        `manifest.json: /localizationInfo/additionalLanguages/${i}/file must name a file beside manifest.json`,
      );
    } else languageNames.push(file);
  }
  const languageTemplates = new Map<string, JsonObject>();
  for (const name of languageNames) languageTemplates.set(name, readJson(path.join(appDir, name), name));

  const report: FillReport = { missing: new Map(), placeholdersUsed: new Set() };
  const manifest = fillJson(template, 'manifest.json', env, report) as JsonObject;
  const languageFiles: Record<string, JsonObject> = {};
  for (const [name, text] of languageTemplates)
    languageFiles[name] = fillJson(text, name, env, report) as JsonObject;

  if (report.missing.size > 0) {
    const where = env.files.join(' and ');
    throw new AppPackageError(
      [...report.missing].map(
        ([name, files]) =>
          `\${{${name}}} (used in ${[...files].join(', ')}) has no value in ${where}; ` +
          (env.provisioned.has(name)
            ? `provisioning writes it (atk provision --env ${options.env}); without --strict a stand-in would be used`
            : `set ${name} there`),
      ),
    );
  }

  // The bot and the tab share one host in Azure and behind a dev tunnel; list it once.
  if (Array.isArray(manifest.validDomains)) manifest.validDomains = [...new Set(manifest.validDomains)];

  problems.push(
    ...validateAgainstTeamsSchema('manifest', manifestVersion, 'manifest.json', manifest, template),
  );

  const expectedKeys = localizableKeys(manifest, manifestVersion);
  for (const [name, strings] of Object.entries(languageFiles)) {
    const langVersion = schemaUrlVersion(strings.$schema);
    if (langVersion !== undefined && langVersion !== manifestVersion) {
      problems.push(
        `${name}: /$schema points at schema v${langVersion}; Teams wants the manifest's version, ${manifestVersion}`,
      );
    }
    problems.push(
      ...validateAgainstTeamsSchema(
        'localization',
        manifestVersion,
        name,
        strings,
        languageTemplates.get(name),
      ),
    );
    const keys = new Set(Object.keys(strings).filter((k) => k !== '$schema'));
    for (const key of expectedKeys)
      if (!keys.has(key)) problems.push(`${name}: "${key}" is missing (manifest.json has that string)`);
    for (const key of keys)
      if (!expectedKeys.includes(key)) problems.push(`${name}: "${key}" translates nothing in manifest.json`);
  }

  const icons = asObject(manifest.icons) ?? {};
  const iconFiles: string[] = [];
  for (const [field, size, outline] of [
    ['color', COLOR_ICON_PX, false],
    ['outline', OUTLINE_ICON_PX, true],
  ] as const) {
    const name = icons[field];
    if (typeof name !== 'string') continue; // the schema check has reported it
    iconFiles.push(name);
    problems.push(...checkIcon(path.join(appDir, name), name, size, outline));
  }

  if (problems.length > 0) throw new AppPackageError(problems);

  // A fixed date keeps the zip byte-for-byte the same for the same inputs.
  const date = new Date('2020-01-01T00:00:00Z');
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  for (const name of iconFiles) zip.file(name, readFileSync(path.join(appDir, name)), { date });
  for (const [name, strings] of Object.entries(languageFiles))
    zip.file(name, `${JSON.stringify(strings, null, 2)}\n`, { date });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });

  mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${options.env}.zip`);
  const manifestPath = path.join(outDir, `manifest.${options.env}.json`);
  writeFileSync(zipPath, bytes);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

  const placeholdersUsed = [...report.placeholdersUsed].sort();
  if (placeholdersUsed.length > 0) {
    log(
      `warning: ${placeholdersUsed.join(', ')} ${placeholdersUsed.length === 1 ? 'is' : 'are'} empty in ${env.files.join(' and ')}, so the ` +
        `stand-ins of ${rel(placeholdersFile)} were used: this package passes the checks but cannot be installed in Teams. ` +
        `Provision the environment first (docs/deploy.md).`,
    );
  }
  log(
    `manifest.json: valid against the Teams manifest schema v${manifestVersion} (@microsoft/app-manifest ${appManifestPackageVersion()})`,
  );
  if (languageNames.length > 0) {
    log(
      `${languageNames.join(', ')}: valid against the localization schema v${manifestVersion}, translating the same ${expectedKeys.length} strings`,
    );
  }
  log(
    `icons: ${iconFiles.join(', ')} have the sizes Teams requires; the outline icon is white on transparent`,
  );
  log(rel(zipPath));
  return { zipPath, manifestPath, manifest, languageFiles, placeholdersUsed, manifestVersion };
}

// ---------------------------------------------------------------------------------------------------------------
// Command line

const USAGE =
  'usage: npm run package -- --env <environment> [--strict] [--out <folder>]   e.g. npm run package -- --env dev';

export function parseArgs(argv: readonly string[]): { env: string; strict: boolean; outDir?: string } {
  let env: string | undefined;
  let strict = false;
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const next = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--'))
        throw new AppPackageError([`${flag} needs a value; ${USAGE}`]);
      return v;
    };
    if (flag === '--env' || flag === '-e') env = next();
    else if (flag === '--out') outDir = path.resolve(next());
    else if (flag === '--strict') strict = true;
    else throw new AppPackageError([`unknown argument "${arg}"; ${USAGE}`]);
  }
  if (env === undefined) throw new AppPackageError([`no environment given; ${USAGE}`]);
  return { env, strict, ...(outDir !== undefined && { outDir }) };
}

async function main(): Promise<void> {
  try {
    const args = parseArgs(process.argv.slice(2));
    await packageApp({
      env: args.env,
      strict: args.strict,
      ...(args.outDir !== undefined && { outDir: args.outDir }),
    });
  } catch (error) {
    if (error instanceof AppPackageError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

if (require.main === module) void main();
