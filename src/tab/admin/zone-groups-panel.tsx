/**
 * Who may book in each zone of the floor: a zone restricted to groups (Entra group object ids, or app-role values
 * from the token) takes bookings from their members only; a zone with none takes everyone's. The change is an edit
 * like any other: it can be undone, and reaches people only on Publish, when the re-check cancels the bookings of
 * people outside the groups and tells them.
 */
import { Field, Input } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { t } from '../../i18n/messages';
import { useLocale } from '../locale';
import type { FloorDoc, SiteDoc, ZoneDoc } from './site-document';
import './admin-panels.css';

/** "g1, g2; role-x\ng1" → ["g1", "g2", "role-x"]: any mix of commas, semicolons, spaces and lines, each group once. */
export function parseGroups(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((g) => g !== ''))];
}

/** The zone restricted to these groups; none lets everyone book (the import's own rule: an empty list is a mistake). */
export function setZoneGroups(doc: SiteDoc, floorId: string, zoneId: string, groups: readonly string[]): SiteDoc {
  const zoneOf = (z: ZoneDoc): ZoneDoc => {
    if (z.id !== zoneId) return z;
    const same = (z.allowedGroups ?? []).join('\n') === groups.join('\n');
    if (same) return z;
    const { allowedGroups: _old, ...rest } = z;
    return groups.length === 0 ? rest : { ...rest, allowedGroups: [...groups] };
  };
  let changed = false;
  const floors = doc.floors.map((f) => {
    if (f.id !== floorId) return f;
    const zones = f.zones.map(zoneOf);
    if (zones.every((z, i) => z === f.zones[i])) return f;
    changed = true;
    return { ...f, zones };
  });
  return changed ? { ...doc, floors } : doc;
}

function ZoneGroupsField({ zone, onCommit }: { zone: ZoneDoc; onCommit: (groups: string[]) => void }) {
  const locale = useLocale();
  const stored = (zone.allowedGroups ?? []).join(', ');
  const [text, setText] = useState(stored);
  // An undo or a reload brings other groups: show them.
  useEffect(() => setText(stored), [stored]);
  const commit = (): void => {
    const groups = parseGroups(text);
    if (groups.join(', ') !== stored) onCommit(groups);
    else setText(stored);
  };
  return (
    <Field
      label={t(locale, 'tab.admin.groups.zone', { zone: zone.name })}
      hint={stored === '' ? t(locale, 'tab.admin.groups.everyone') : t(locale, 'tab.admin.groups.only')}
    >
      <Input
        value={text}
        onChange={(_e, d) => setText(d.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
        data-testid={`admin-zone-groups-${zone.id}`}
      />
    </Field>
  );
}

export function ZoneGroupsPanel({ floor, onChange }: { floor: FloorDoc; onChange: (zoneId: string, groups: readonly string[]) => void }) {
  const locale = useLocale();
  if (floor.zones.length === 0) return null;
  return (
    <fieldset className="admin-panel" data-testid="admin-zone-groups">
      <legend>{t(locale, 'tab.admin.groups')}</legend>
      <p className="admin-help">{t(locale, 'tab.admin.groups.help')}</p>
      {floor.zones.map((z) => (
        <ZoneGroupsField key={z.id} zone={z} onCommit={(groups) => onChange(z.id, groups)} />
      ))}
    </fieldset>
  );
}
