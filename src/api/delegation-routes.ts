import type restify from 'restify';
import { z } from 'zod';
import { errorMessage } from '../i18n/describe-refusal';
import { isPersonId, MAX_PERSON_NAME_LENGTH, type Delegation } from '../domain/delegation';
import { grantDelegate, listDelegations, revokeDelegate, type DelegationDeps } from '../use-cases/book-for-someone';
import { InvalidInputError } from '../use-cases/errors';
import { authenticatedRoute } from './api-errors';
import { describeZodError, readJson, sendError, zodField } from './http';
import type { ApiDeps } from './api-deps';

const grantBody = z.object({ name: z.string().max(MAX_PERSON_NAME_LENGTH).optional() }).strict();

/**
 * The caller's delegates: who may book for them (which they manage), and whom they may book for (which only the
 * other person can change). The caller is always the authenticated person; the id in the path names the colleague.
 */
export function mountDelegationRoutes(server: restify.Server, deps: ApiDeps & DelegationDeps): void {
  const route = authenticatedRoute(deps);

  server.get('/api/me/delegates', route(async (_req, res, caller) => {
    const { delegates, canBookFor } = await listDelegations(deps, caller);
    // Each side sees the other's id and name only: what the "Book for" picker and the list need.
    res.json(200, {
      delegates: delegates.map((d) => person(d.delegateId, d.delegateName, d)),
      canBookFor: canBookFor.map((d) => person(d.ownerId, d.ownerName, d)),
    });
  }));

  server.put('/api/me/delegates/:id', route(async (req, res, caller, locale) => {
    const delegateId = pathId(req);
    // A grant needs no body; a name, when sent, comes as JSON.
    const parsed = grantBody.safeParse(req.headers['content-type'] ? await readJson(req) : {});
    if (!parsed.success) return sendError(res, 400, 'INVALID_INPUT', describeZodError(parsed.error, locale), { field: zodField(parsed.error) });
    const { created, delegation } = await grantDelegate(deps, { actor: caller, delegateId, ...(parsed.data.name !== undefined && { delegateName: parsed.data.name }) });
    res.json(created ? 201 : 200, person(delegation.delegateId, delegation.delegateName, delegation));
  }));

  server.del('/api/me/delegates/:id', route(async (req, res, caller, locale) => {
    const removed = await revokeDelegate(deps, { actor: caller, delegateId: pathId(req) });
    if (!removed) return sendError(res, 404, 'NOT_FOUND', errorMessage('NOT_FOUND', locale));
    res.status(204);
    res.end();
  }));
}

function pathId(req: restify.Request): string {
  const id = String(req.params['id'] ?? '');
  if (!isPersonId(id)) throw new InvalidInputError('the colleague id must be 1 to 128 letters, digits or . _ : @ -', 'id');
  return id;
}

function person(id: string, name: string | undefined, d: Delegation) {
  return { id, ...(name !== undefined && { name }), grantedAt: d.grantedAt };
}
