/**
 * The built tab carries only its share of the message catalogues (vite.config.mts, tabCatalogues): every message
 * its code names, in en, fr, nl and de, word for word; none of the chat's. The keys the tab names are found here
 * another way than the build finds them (a plain text search of src/tab rather than the import graph's syntax
 * trees), so that a key the build's scan missed shows up as missing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { de } from '../../src/i18n/de';
import { en, type MessageKey } from '../../src/i18n/en';
import { fr } from '../../src/i18n/fr';
import { MESSAGE_KEYS } from '../../src/i18n/messages';
import { nl } from '../../src/i18n/nl';
import { ensureTabBuilt, TAB_DIST } from './tab-harness';

const ROOT = path.resolve(__dirname, '..', '..');
/** The catalogues as written (French typography is applied at run time, in the bundle too). */
const WRITTEN = { en, fr, nl, de } as const;

let bundle: string;

beforeAll(async () => {
  await ensureTabBuilt();
  const assets = path.join(TAB_DIST, 'assets');
  bundle = fs
    .readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(assets, f), 'utf8'))
    .join('\n');
}, 180_000);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Keys the tab's code names: as a whole quoted string, or as the head of a template (`deskState.${state}`). */
function keysNamedByTab(): Set<MessageKey> {
  const text = [
    ...sourceFiles(path.join(ROOT, 'src', 'tab')),
    path.join(ROOT, 'src', 'i18n', 'state-labels.ts'),
  ]
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
  const quoted = new Set([...text.matchAll(/(['"`])([A-Za-z][\w.-]*)\1/g)].map((m) => m[2]!));
  const heads = [...text.matchAll(/`([A-Za-z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)].map((m) => m[1]!);
  // pluralKey(locale, 'base', n) names base.one and base.other.
  const plurals = [...text.matchAll(/pluralKey\(\s*\w+,\s*'([^']+)'/g)].map((m) => `${m[1]!}.`);
  return new Set(
    MESSAGE_KEYS.filter((k) => quoted.has(k) || [...heads, ...plurals].some((p) => k.startsWith(p))),
  );
}

/** Whether `key` stands in the bundle as a string of its own, or as an item of a string the minifier splits on ','. */
function keyInBundle(key: string): boolean {
  return new RegExp(`[\`"',]${key.replace(/[.]/g, '\\.')}[\`"',]`).test(bundle);
}

/** The text as it may stand in the minified bundle: in backticks, or in double quotes. */
function inBundle(text: string): boolean {
  const backticked = text
    .replace(/\\/g, '\\\\')
    .replace(/`/g, '\\`')
    .replace(/\$\{/g, '\\${')
    .replace(/\n/g, '\\n');
  return bundle.includes(`\`${backticked}\``) || bundle.includes(JSON.stringify(text));
}

it('holds every message the tab names, in all four languages, word for word', () => {
  const named = keysNamedByTab();
  expect(named.size).toBeGreaterThan(300);
  expect([...named].filter((k) => !keyInBundle(k))).toEqual([]);
  const unlike = [...named].flatMap((k) =>
    (Object.keys(WRITTEN) as (keyof typeof WRITTEN)[])
      .filter((l) => !inBundle(WRITTEN[l][k]))
      .map((l) => `${l} ${k}`),
  );
  expect(unlike).toEqual([]);
});

it('leaves out the messages only the chat and the cards use', () => {
  const chat = MESSAGE_KEYS.filter((k) => k.startsWith('chat.'));
  expect(chat.length).toBeGreaterThan(10);
  expect(chat.filter((k) => keyInBundle(k))).toEqual([]);
  expect(inBundle(en[chat[0]!])).toBe(false);
  const carried = MESSAGE_KEYS.filter((k) => keyInBundle(k)).length;
  expect(carried).toBeLessThan(MESSAGE_KEYS.length * 0.7);
});
