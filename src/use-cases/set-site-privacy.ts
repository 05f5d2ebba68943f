import { isAdmin, type Actor, type Result, ok, err } from '../domain/model';
import { refusal, type Refusal } from '../domain/refusal';
import type { AuditLog } from './audit-port';
import type { CatalogIndex } from './catalog-index';
import type { Clock } from './ports';
import type { SitePrivacyStore } from './site-privacy-port';

export interface SitePrivacyDeps {
  readonly catalog: { current(): Promise<CatalogIndex> };
  readonly clock: Clock;
  readonly sitePrivacy: SitePrivacyStore;
  readonly audit: Pick<AuditLog, 'append'>;
}

/** A site's privacy setting as in force: its own choice, else the deployment's default. */
export async function sitePrivacy(deps: Pick<SitePrivacyDeps, 'sitePrivacy'>, siteId: string, defaultShowNames: boolean) {
  const chosen = await deps.sitePrivacy.colleaguesSeeNames(siteId);
  return { siteId, colleaguesSeeNames: chosen ?? defaultShowNames, chosenBySite: chosen !== undefined };
}

/** An admin turns "colleagues can see names" on or off for a site; the change is audited. Null: no such site. */
export async function setSitePrivacy(
  deps: SitePrivacyDeps,
  q: { actor: Actor; siteId: string; colleaguesSeeNames: boolean },
): Promise<Result<{ siteId: string; colleaguesSeeNames: boolean }, Refusal> | null> {
  if (!isAdmin(q.actor)) return err(refusal({ code: 'NOT_ALLOWED', action: 'privacy' }));
  if (!(await deps.catalog.current()).site(q.siteId)) return null;
  await deps.sitePrivacy.setColleaguesSeeNames(q.siteId, q.colleaguesSeeNames);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: q.actor.userId,
    ...(q.actor.name !== undefined && { actorName: q.actor.name }),
    action: 'privacy.change',
    siteId: q.siteId,
    params: { setting: 'colleaguesSeeNames', value: q.colleaguesSeeNames },
  });
  return ok({ siteId: q.siteId, colleaguesSeeNames: q.colleaguesSeeNames });
}
