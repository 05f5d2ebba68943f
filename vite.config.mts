/**
 * Builds the floor-map tab (src/tab) into dist/tab, which the server serves at /tab/ (src/server/tab-static.ts).
 *
 *   npx vite build --config vite.config.mts          → dist/tab/index.html + dist/tab/assets/*.js|css (hashed names)
 *   npx vite --config vite.config.mts                → dev server; /api is proxied to SEATWISE_API (default :3978)
 *
 * No @vitejs/plugin-react: its peers conflict with Vite 8 here, and Vite 8 (Oxc) transforms TSX itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('./src/tab/', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/tab/', import.meta.url));
const i18nDir = fileURLToPath(new URL('./src/i18n/', import.meta.url));
const srcDir = fileURLToPath(new URL('./src/', import.meta.url));

// ---------------------------------------------------------------------------------------------
// The tab's share of the message catalogues

const CATALOGUE = /[\\/]src[\\/]i18n[\\/](en|fr|nl|de)\.ts$/;

function parseSource(file: string): ts.SourceFile {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, kind);
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ]) {
    if (/\.tsx?$/.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile())
      return candidate;
  }
  return undefined;
}

/**
 * Every source file the tab reaches from `entry` by relative imports (static, re-exports, dynamic, type-only: more
 * is safer), and every string literal in them, with the fixed head of each template literal (`tab.admin.mode.` of
 * `tab.admin.mode.${k}`). The catalogues themselves are not read: their keys would keep everything.
 */
function tabSources(entry: string): { files: Set<string>; literals: Set<string>; heads: Set<string> } {
  const files = new Set<string>();
  const literals = new Set<string>();
  const heads = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (CATALOGUE.test(file)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.add(node.text);
      else if (ts.isTemplateExpression(node)) heads.add(node.head.text);
      let specifier: ts.Expression | undefined;
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
        specifier = node.moduleSpecifier;
      else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
        specifier = node.arguments[0];
      if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) {
        const target = resolveRelative(file, specifier.text);
        if (target) queue.push(target);
      }
      ts.forEachChild(node, visit);
    };
    visit(parseSource(file));
  }
  return { files, literals, heads };
}

/** The catalogue's messages, in file order: `export const en = { 'key': 'text', … }`, nothing computed. */
function readCatalogue(file: string): { name: string; messages: [string, string][] } {
  const source = parseSource(file);
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      let init = declaration.initializer;
      while (
        init &&
        (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))
      )
        init = init.expression;
      if (!init || !ts.isObjectLiteralExpression(init) || !ts.isIdentifier(declaration.name)) continue;
      const messages = init.properties.map((property): [string, string] => {
        if (
          ts.isPropertyAssignment(property) &&
          (ts.isStringLiteral(property.name) || ts.isIdentifier(property.name)) &&
          (ts.isStringLiteral(property.initializer) ||
            ts.isNoSubstitutionTemplateLiteral(property.initializer))
        ) {
          return [property.name.text, property.initializer.text];
        }
        throw new Error(`${file}: a message must be 'key': 'text', not "${property.getText(source)}"`);
      });
      return { name: declaration.name.text, messages };
    }
  }
  throw new Error(`${file}: no exported catalogue object`);
}

/**
 * The tab bundles the catalogues shared with the bot (src/i18n), but shows only part of them: this plugin keeps,
 * in all four languages, the messages whose key the tab's own code can name, and drops the rest (the chat's and
 * the cards' sentences) from dist/tab. A key is kept when a string literal of the tab's code is the key
 * ('tab.book'), a prefix of it up to a dot (the base of pluralKey('tab.x.count', n) or of `${base}.${value}`), or
 * the fixed head of a template literal (`deskState.${state}`). The texts are copied unchanged.
 *
 * The kept keys are written once, in a module of their own, and each language as its texts in that order: four
 * copies of some 440 keys weighed 3.7 KB gzipped. Each catalogue is still a plain object, key by key as before.
 *
 * Safe by construction as long as the tab's code names its keys in its source, which MessageKey's type enforces
 * for t() and translate(); a key from elsewhere (an API response) would not be found. The bundle is checked: a
 * source module in it that the scan did not read fails the build.
 */
function tabCatalogues(): Plugin {
  const KEYS_MODULE = 'virtual:seatwise-tab-message-keys';
  let scanned = new Set<string>();
  let kept: string[] = [];
  return {
    name: 'seatwise:tab-catalogues',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      const { files, literals, heads } = tabSources(path.join(root, 'main.tsx'));
      const dotted = [...literals].filter((l) => l.includes('.')).map((l) => `${l}.`);
      const prefixes = [...heads].filter((h) => h.includes('.')).concat(dotted);
      const keys = readCatalogue(path.join(i18nDir, 'en.ts')).messages.map(([key]) => key);
      scanned = files;
      kept = keys.filter((key) => literals.has(key) || prefixes.some((p) => key.startsWith(p)));
    },
    resolveId(id) {
      return id === KEYS_MODULE ? `\0${KEYS_MODULE}` : undefined;
    },
    load(id) {
      if (id === `\0${KEYS_MODULE}`) {
        return [
          `const KEYS = ${JSON.stringify(kept)};`,
          'export const keyed = (texts) => Object.fromEntries(KEYS.map((key, i) => [key, texts[i]]));',
        ].join('\n');
      }
      const file = id.split('?')[0]!;
      if (!CATALOGUE.test(file)) return undefined;
      const { name, messages } = readCatalogue(file);
      const texts = new Map(messages);
      const missing = kept.filter((key) => !texts.has(key));
      if (missing.length > 0) this.error(`${file} lacks ${missing.join(', ')}`);
      const inOrder = kept.map((key) => `  ${JSON.stringify(texts.get(key))},`);
      return `import { keyed } from '${KEYS_MODULE}';\nexport const ${name} = keyed([\n${inOrder.join('\n')}\n]);\n`;
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const id of chunk.moduleIds) {
          const file = id.split('?')[0]!;
          if (file.startsWith(srcDir) && /\.tsx?$/.test(file) && !scanned.has(file)) {
            this.error(
              `${file} is in the tab but was not scanned for message keys (tabSources in vite.config.mts)`,
            );
          }
        }
      }
    },
  };
}

export default defineConfig(({ command }) => ({
  root,
  // Asset URLs are absolute under /tab/, so index.html works at /tab and /tab/ alike.
  base: '/tab/',
  publicDir: false,
  plugins: [tabCatalogues()],
  // A build is always a production build, even when started with NODE_ENV=test (jest): otherwise React's
  // development bundle and the development JSX transform (+40 % gzipped, and slower) end up in dist/tab.
  oxc: { jsx: { runtime: 'automatic', development: command !== 'build' } },
  ...(command === 'build' && { define: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // The server's Content-Security-Policy allows scripts from 'self' only: no inline polyfill.
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      onwarn(warning, warn) {
        // Fluent marks its modules 'use client' for React Server Components; a client bundle has no use for it.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': process.env['SEATWISE_API'] ?? 'http://127.0.0.1:3978' },
  },
}));
