import { createHash } from 'node:crypto';
import type restify from 'restify';

/** GET paths whose JSON answers carry an ETag: the floor of a day, which every open tab polls. */
const CONDITIONAL = /^\/api\/floors\/[^/]+$/;

/**
 * Conditional GET for the floor the tab polls: the answer gets a strong ETag (a hash of its JSON, which already
 * depends on the caller, the day and the language), and a request whose If-None-Match names it gets a bodiless 304.
 * The floor is still computed (one partition read); what is saved is the body on the wire and the tab's re-render.
 */
export function mountConditionalGet(server: restify.Server): void {
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method !== 'GET' || !CONDITIONAL.test(path)) return next();
    const json = res.json.bind(res) as (code: number, body: unknown) => unknown;
    (res as unknown as { json: (code: number, body: unknown) => unknown }).json = (code: number, body: unknown) => {
      if (code !== 200) return json(code, body);
      const etag = `"${createHash('sha1').update(JSON.stringify(body)).digest('base64url')}"`;
      res.header('ETag', etag);
      if (req.headers['if-none-match'] === etag) {
        res.status(304);
        res.end();
        return undefined;
      }
      return json(code, body);
    };
    return next();
  });
}
