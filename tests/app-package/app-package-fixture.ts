import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { AppPackageError } from '../../scripts/package-app';

export const ROOT = path.resolve(__dirname, '..', '..');
export const APP_PACKAGE_DIR = path.join(ROOT, 'appPackage');
export const ENV_DIR = path.join(ROOT, 'env');

/** A scratch folder, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `seatwise-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of appPackage/ (without build output) whose JSON files a test may change. */
export function copyOfAppPackage(into: string): string {
  const dir = path.join(into, 'appPackage');
  cpSync(APP_PACKAGE_DIR, dir, { recursive: true, filter: (src) => !src.split(path.sep).includes('build') });
  return dir;
}

export function editJson(file: string, change: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

/**
 * An env/ folder as on a fresh clone: env/.env.dev with every value that provisioning writes (the names in
 * appPackage/placeholders.env) left empty, and no .user file. Tests that expect the stand-ins use it, so that they
 * still hold once someone has provisioned env/.env.dev on their machine.
 */
export function freshCloneEnvDir(into: string, extraFiles: Record<string, string> = {}): string {
  const dir = path.join(into, 'env');
  mkdirSync(dir, { recursive: true });
  const provisioned = new Set(
    readFileSync(path.join(APP_PACKAGE_DIR, 'placeholders.env'), 'utf8')
      .split('\n')
      .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined),
  );
  const dev = readFileSync(path.join(ENV_DIR, '.env.dev'), 'utf8')
    .split('\n')
    .map((line) => {
      const name = /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1];
      return name !== undefined && provisioned.has(name) ? `${name}=` : line;
    })
    .join('\n');
  writeFileSync(path.join(dir, '.env.dev'), dev);
  for (const [name, text] of Object.entries(extraFiles)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** The problems of a build that must fail; fails the test if it succeeds or fails for another reason. */
export async function problemsOf(build: Promise<unknown>): Promise<string[]> {
  try {
    await build;
  } catch (error) {
    if (error instanceof AppPackageError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the package build to fail, but it succeeded');
}

/**
 * An ajv validator built here, straight from the schema files of @microsoft/app-manifest, so that the tests do not
 * only trust the packaging script's own validation code.
 */
export function officialValidator(kind: 'manifest' | 'localization', version: string): ValidateFunction {
  const file = kind === 'manifest' ? 'MicrosoftTeams.schema.json' : 'MicrosoftTeams.Localization.schema.json';
  const schemaPath = path.join(
    path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
    'build',
    'json-schemas',
    'teams',
    `v${version}`,
    file,
  );
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8').replace(/\\a/g, '\\x07')) as Record<
    string,
    unknown
  >;
  delete schema.$schema; // draft-04; see draft04OnlyKeywords in scripts/package-app.ts
  const ajv = new Ajv({
    allErrors: true,
    strictTypes: false,
    strictTuples: false,
    unicodeRegExp: kind === 'manifest',
  });
  addFormats(ajv);
  return ajv.compile(schema);
}
