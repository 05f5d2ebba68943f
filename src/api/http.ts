import type restify from 'restify';
import type { ZodError } from 'zod';
import { errorMessage } from '../i18n/describe-refusal';
import { resolveLocale, t, type Locale } from '../i18n/messages';

export const MAX_JSON_BODY_BYTES = 16 * 1024;

export type ApiStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 500 | 503;

/** Every API error has the same shape: a stable code and a sentence. */
export function sendError(res: restify.Response, status: ApiStatus, code: string, message: string, extra: Record<string, unknown> = {}): void {
  if (res.headersSent) return;
  res.json(status, { code, message, ...extra });
}

export function localeOf(req: restify.Request): Locale {
  const header = req.headers['accept-language'];
  return resolveLocale(typeof header === 'string' ? header.slice(0, 200) : undefined);
}

/** A body the API cannot read: the caller is told why in their language (see bodyErrorMessage). */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: 'INVALID_INPUT' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE',
    message: string,
    readonly limit: number = MAX_JSON_BODY_BYTES,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

export function bodyErrorMessage(error: BodyError, locale: Locale): string {
  if (error.code === 'PAYLOAD_TOO_LARGE') return t(locale, 'error.PAYLOAD_TOO_LARGE', { max: error.limit });
  if (error.code === 'UNSUPPORTED_MEDIA_TYPE') return t(locale, 'error.UNSUPPORTED_MEDIA_TYPE');
  return errorMessage('INVALID_INPUT', locale, t(locale, 'error.field.json'));
}

/**
 * Reads a JSON body of at most `limit` bytes. Garbled JSON, another content type or a larger body is a BodyError
 * (a 4xx), never a crash. Objects come back as parsed: `__proto__` is an own key there, and the schemas refuse it.
 */
export async function readJson(req: restify.Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) throw new BodyError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new BodyError(400, 'INVALID_INPUT', 'The body is not valid JSON');
  }
}

/** The raw body, at most `limit` bytes: a larger one is a 413, before it is read in full when its length is declared. */
export async function readBody(req: restify.Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyError(413, 'PAYLOAD_TOO_LARGE', `The body may be at most ${limit} bytes`, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError(413, 'PAYLOAD_TOO_LARGE', `The body may be at most ${limit} bytes`, limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * A zod error as a sentence in the caller's language that names the field, and nothing else: zod's own wording
 * (types, patterns, the keys it saw) is for developers and may quote the caller's input.
 */
export function describeZodError(error: ZodError, locale: Locale): string {
  const key = error.issues[0]?.code === 'unrecognized_keys' ? 'error.field.unknown' : 'error.field.invalid';
  return errorMessage('INVALID_INPUT', locale, t(locale, key, { field: zodField(error) }));
}

/** The field a zod error is about: the first unknown key, or the path of the first issue. */
export function zodField(error: ZodError): string {
  const issue = error.issues[0];
  if (issue?.code === 'unrecognized_keys') return fieldName(issue.keys[0]);
  return issue && issue.path.length > 0 ? fieldName(issue.path.join('.')) : 'body';
}

/** A field name as it may be shown: short, and only the characters field names are made of. */
export function fieldName(raw: unknown): string {
  const name = String(raw ?? '').slice(0, 40);
  return /^[A-Za-z0-9_.]+$/.test(name) ? name : '…';
}
