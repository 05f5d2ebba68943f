import { isCivilDate } from '../domain/civil-date';
import { maxSafeHeadcount, type HeadcountResult } from '../domain/headcount';
import { desksOn, isAdmin, type Actor, type Result, ok, err } from '../domain/model';
import { effectivePolicy } from '../domain/policy';
import { refusal, type Refusal } from '../domain/refusal';
import type { CatalogIndex } from './catalog-index';
import { InvalidInputError } from './errors';

/** The admin view of a floor's maximum safe headcount under the distance rule in force on a day. */
export async function floorHeadcount(
  deps: { readonly catalog: { current(): Promise<CatalogIndex> } },
  q: { actor: Actor; floorId: string; date: string },
): Promise<Result<HeadcountResult & { minDistanceM: number }, Refusal> | null> {
  if (!isAdmin(q.actor)) return err(refusal({ code: 'NOT_ALLOWED', action: 'headcount' }));
  if (!isCivilDate(q.date)) throw new InvalidInputError('date must be a real day written YYYY-MM-DD', 'date');
  const found = (await deps.catalog.current()).floor(q.floorId);
  if (!found) return null;
  const minDistanceM = effectivePolicy(found.catalog.policies, q.date).rules.minDistanceM;
  return ok({ ...maxSafeHeadcount(desksOn(found.layout.desks, q.date), minDistanceM), minDistanceM });
}
