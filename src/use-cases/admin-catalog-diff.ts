/**
 * What a publish changed, for the audit log: counts per kind, and a short readable list of what was added (+),
 * removed (-) and changed (~, with the fields). Ids are the same in every language, so the list is stored as it is;
 * the sentence around it is rendered in the reader's language.
 */
import type { AuditParamValue } from './audit-port';
import type { SiteCatalog } from './ports';

const MAX_CHANGES_TEXT = 1500;

interface Keyed {
  readonly id: string;
}

function compare<T extends Keyed>(kind: string, before: readonly T[], after: readonly T[], fields: (t: T) => Record<string, unknown>) {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  const added = after.filter((x) => !old.has(x.id)).map((x) => x.id);
  const removed = before.filter((x) => !now.has(x.id)).map((x) => x.id);
  const changed: string[] = [];
  for (const x of after) {
    const o = old.get(x.id);
    if (!o) continue;
    const a = fields(o);
    const b = fields(x);
    const which = Object.keys({ ...a, ...b }).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    if (which.length > 0) changed.push(`${x.id} (${which.join(', ')})`);
  }
  const parts = [
    ...added.map((id) => `+${kind} ${id}`),
    ...removed.map((id) => `-${kind} ${id}`),
    ...changed.map((what) => `~${kind} ${what}`),
  ];
  return { added: added.length, removed: removed.length, changed: changed.length, parts };
}

export function catalogDiff(before: SiteCatalog | null, after: SiteCatalog): Record<string, AuditParamValue> {
  const b = before ?? { site: after.site, floors: [], zones: [], desks: [], policies: [] };
  const floors = compare('floor', b.floors, after.floors, ({ id: _id, ...rest }) => rest);
  const zones = compare('zone', b.zones, after.zones, ({ id: _id, ...rest }) => rest);
  const desks = compare('desk', b.desks, after.desks, ({ id: _id, ...rest }) => rest);
  const policies = compare(
    'policy',
    b.policies.map((p) => ({ ...p, id: p.effectiveFrom })),
    after.policies.map((p) => ({ ...p, id: p.effectiveFrom })),
    (p) => ({ ...p.rules, zoneOverrides: p.zoneCapacity }),
  );
  const parts = [...(before === null ? ['+site'] : []), ...(b.site.name !== after.site.name || b.site.timeZone !== after.site.timeZone ? [`~site ${after.site.id}`] : []), ...floors.parts, ...zones.parts, ...desks.parts, ...policies.parts];
  let changes = '';
  let shown = 0;
  for (const p of parts) {
    if (changes.length + p.length + 2 > MAX_CHANGES_TEXT) break;
    changes += (changes ? '; ' : '') + p;
    shown++;
  }
  if (shown < parts.length) changes += `; … +${parts.length - shown}`;
  return {
    newSite: before === null,
    floorsAdded: floors.added,
    floorsRemoved: floors.removed,
    floorsChanged: floors.changed,
    zonesAdded: zones.added,
    zonesRemoved: zones.removed,
    zonesChanged: zones.changed,
    desksAdded: desks.added,
    desksRemoved: desks.removed,
    desksChanged: desks.changed,
    policiesChanged: policies.added + policies.removed + policies.changed,
    changes,
  };
}
