import type { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import type restify from 'restify';
import { z } from 'zod';
import { BodyError, bodyErrorMessage, fieldName, localeOf, readJson } from '../api/http';
import { refuseForeignTenant, type TenantGate } from '../bot/tenant-gate';
import { errorMessage } from '../i18n/describe-refusal';
import { t } from '../i18n/messages';
import type { Logger } from '../use-cases/logger-port';

/** Teams activities are small; anything far larger is refused before it is parsed. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

const id = z.string().min(1).max(1024);
const activityEnvelope = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(1024).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(2048),
    from: z.object({ id, name: z.string().max(1024).optional(), aadObjectId: z.string().max(256).optional() }).passthrough(),
    recipient: z.object({ id }).passthrough(),
    conversation: z.object({ id }).passthrough(),
    text: z.string().max(100_000).optional(),
    locale: z.string().max(64).optional(),
    replyToId: z.string().max(1024).optional(),
  })
  .passthrough();

/**
 * POST /api/messages. A malformed activity (no JSON, missing or mistyped fields, a huge body) gets a 4xx here,
 * before the Bot Framework adapter, which would answer some of them with a 500.
 */
export function mountBotEndpoint(
  server: restify.Server,
  adapter: TeamsAdapter,
  app: Application<TurnState>,
  log: Pick<Logger, 'warn' | 'error'>,
  tenants: TenantGate,
): void {
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const locale = localeOf(req);
    // The field, never zod's wording: that is for developers and may quote the input.
    // Returns nothing: restify logs the whole response object when an async handler returns a value.
    const invalid = (field: string): void => {
      res.json(400, { code: 'INVALID_ACTIVITY', message: errorMessage('INVALID_INPUT', locale, t(locale, 'error.field.invalid', { field })), field });
    };
    // Read here rather than by restify's body parser, so that 413 and 415 have the API's shape and language.
    let body: unknown;
    try {
      body = await readJson(req, MAX_ACTIVITY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      res.json(error.status, { code: error.code, message: bodyErrorMessage(error, locale) });
      return;
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return invalid('body');
    const parsed = activityEnvelope.safeParse(body);
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path ?? [];
      return invalid(path.length > 0 ? fieldName(path.join('.')) : 'body');
    }
    req.body = body;
    try {
      await adapter.process(req, res, async (context) => {
        // After the token check (a forged activity is a 401 first) and before the bot, which stores references.
        if (!tenants.allows(context.activity)) {
          log.warn({ activityType: context.activity.type }, 'activity from a tenant that is not allowed; refused');
          await refuseForeignTenant(context);
          return;
        }
        await app.run(context);
      });
    } catch (error) {
      log.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'activity failed');
      if (!res.headersSent) res.json(500, { code: 'INTERNAL', message: errorMessage('INTERNAL', locale) });
    }
  });
}
