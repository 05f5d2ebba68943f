/**
 * Serves the built tab (vite build → dist/tab) at /tab: index.html at /tab and /tab/, hashed assets under
 * /tab/assets/. Only plain file names inside the directory are served; anything else is a 404 in the API's
 * { code, message } shape, so a crafted path (../, %2e%2e, backslashes, NUL) never leaves the directory.
 */
import { promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type restify from 'restify';
import { errorMessage } from '../i18n/describe-refusal';
import { resolveLocale } from '../i18n/messages';

const gzipAsync = promisify(gzip);

export interface TabMountOptions {
  /** The Vite output directory, holding index.html and assets/. */
  readonly directory: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt']);

/** Vite names assets after their content hash, so they never change under the same URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: always revalidate it. */
const REVALIDATE = 'no-cache';

/** Teams (web, desktop, mobile), Outlook and the Microsoft 365 app may frame the tab; nobody else. */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.teams.microsoft.us',
  'https://*.skype.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'https://*.outlook.com',
].join(' ');

/**
 * Scripts from this origin only. Styles inline too: Fluent (Griffel) inserts its rules at run time. teams-js fetches
 * its list of valid hosts from the Office CDN; plan images may live elsewhere over https.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data: https://res-1.cdn.office.net https://res.cdn.office.net",
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS}`,
].join('; ');

/** One or more plain names: letters, digits, dot, dash, underscore; no segment starts with a dot. */
const SAFE_RELATIVE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*)(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;
const MAX_PATH_LENGTH = 200;

interface CachedGzip {
  readonly key: string;
  readonly body: Buffer;
}

export function mountTab(server: restify.Server, options: TabMountOptions): void {
  const root = path.resolve(options.directory);
  const gzipCache = new Map<string, CachedGzip>();

  const serveIndex = async (req: restify.Request, res: restify.Response): Promise<void> => {
    await serveFile(req, res, 'index.html', true);
  };

  const serveOther = async (req: restify.Request, res: restify.Response): Promise<void> => {
    const relative = relativePathOf(req);
    if (relative === undefined) return notFound(req, res);
    await serveFile(req, res, relative, false);
  };

  async function serveFile(req: restify.Request, res: restify.Response, relative: string, isIndex: boolean): Promise<void> {
    const file = path.join(root, ...relative.split('/'));
    // Belt and braces: the pattern already rules out "..", but the file must also really sit inside the root.
    if (!file.startsWith(root + path.sep)) return notFound(req, res);
    let stat: Stats;
    let real: string;
    try {
      real = await fs.realpath(file);
      stat = await fs.stat(real);
    } catch {
      if (isIndex) return notBuilt(req, res);
      return notFound(req, res);
    }
    const realRoot = await fs.realpath(root).catch(() => root);
    if (!stat.isFile() || !real.startsWith(realRoot + path.sep)) return notFound(req, res);

    const ext = path.extname(real).toLowerCase();
    const etag = `W/"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
    const headers: Record<string, string> = {
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE,
      ETag: etag,
      'Last-Modified': stat.mtime.toUTCString(),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    };
    if (ext === '.html') headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;

    const inm = req.headers['if-none-match'];
    if (typeof inm === 'string' && inm.split(',').some((tag) => tag.trim() === etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }

    let body: Buffer = await fs.readFile(real);
    if (COMPRESSIBLE.has(ext)) {
      headers['Vary'] = 'Accept-Encoding';
      if (body.length > 1024 && acceptsGzip(req)) {
        const key = `${stat.size}|${stat.mtimeMs}`;
        let cached = gzipCache.get(real);
        if (!cached || cached.key !== key) {
          cached = { key, body: Buffer.from(await gzipAsync(body)) };
          gzipCache.set(real, cached);
        }
        body = cached.body;
        headers['Content-Encoding'] = 'gzip';
      }
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  for (const route of ['/tab', '/tab/']) {
    server.get(route, serveIndex);
    server.head(route, serveIndex);
  }
  server.get('/tab/*', serveOther);
  server.head('/tab/*', serveOther);
}

/** The path after /tab/, decoded, when it is a plain relative file name; else undefined. */
function relativePathOf(req: restify.Request): string | undefined {
  const raw = (req.url ?? '').split('?')[0] ?? '';
  if (!raw.startsWith('/tab/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw.slice('/tab/'.length));
  } catch {
    return undefined;
  }
  if (decoded.length === 0 || decoded.length > MAX_PATH_LENGTH) return undefined;
  if (decoded === 'index.html') return decoded;
  return SAFE_RELATIVE_PATH.test(decoded) ? decoded : undefined;
}

function acceptsGzip(req: restify.Request): boolean {
  const header = req.headers['accept-encoding'];
  return typeof header === 'string' && /\bgzip\b(?!;\s*q=0(?:\.0+)?\b)/i.test(header);
}

function sendJson(res: restify.Response, status: number, body: Record<string, unknown>, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(text);
}

function notFound(req: restify.Request, res: restify.Response): void {
  const locale = resolveLocale(typeof req.headers['accept-language'] === 'string' ? req.headers['accept-language'].slice(0, 200) : undefined);
  sendJson(res, 404, { code: 'NOT_FOUND', message: errorMessage('NOT_FOUND', locale) });
}

function notBuilt(_req: restify.Request, res: restify.Response): void {
  sendJson(
    res,
    503,
    { code: 'TAB_NOT_BUILT', message: 'The tab has not been built: dist/tab/index.html is missing. Run `npm run build:tab`.' },
    { 'Retry-After': '30' },
  );
}
