import { Field, Select } from '@fluentui/react-components';
import { t } from '../i18n/messages';
import type { SiteDto } from './api-types';
import { useLocale } from './locale';

/** The Book tab's floor: grouped by site when there are several, so two sites' "2nd floor" stay apart. */
export function FloorPicker({ sites, floorId, onChange }: { sites: readonly SiteDto[]; floorId: string | undefined; onChange: (floorId: string) => void }) {
  const locale = useLocale();
  const option = (f: { id: string; name: string }) => (
    <option key={f.id} value={f.id}>
      {f.name}
    </option>
  );
  return (
    <Field label={t(locale, 'tab.floor')} className="control-floor">
      <Select value={floorId ?? ''} onChange={(_e, d) => onChange(d.value)} data-testid="floor-picker">
        {sites.length > 1
          ? sites.map((s) => (
              <optgroup key={s.id} label={s.name}>
                {s.floors.map(option)}
              </optgroup>
            ))
          : sites.flatMap((s) => s.floors).map(option)}
      </Select>
    </Field>
  );
}
