import type restify from 'restify';
import type { ZodError } from 'zod';
import { resolveLocale, type Locale } from '../i18n/messages';

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

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a JSON body of at most `limit` bytes. Garbled JSON, another content type or a larger body is a BodyError
 * (a 4xx), never a crash. Objects come back as parsed: `__proto__` is an own key there, and the schemas refuse it.
 */
export async function readJson(req: restify.Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) throw new BodyError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyError(413, 'PAYLOAD_TOO_LARGE', `The body may be at most ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError(413, 'PAYLOAD_TOO_LARGE', `The body may be at most ${limit} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(400, 'INVALID_INPUT', 'The body is not valid JSON');
  }
}

/** A zod error as one sentence that names the field. */
export function describeZodError(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `${where}: ${issue.message}`;
}
