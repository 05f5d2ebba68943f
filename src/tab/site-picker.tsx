import { Field, Select } from '@fluentui/react-components';
import type { SiteDto } from './api-types';

export interface SitePickerProps {
  readonly sites: readonly Pick<SiteDto, 'id' | 'name'>[];
  readonly value: string;
  readonly onChange: (siteId: string) => void;
  /** Already in the reader's language: each page names the choice its own way. */
  readonly label: string;
  readonly disabled?: boolean;
}

/** One site out of the tenant's: the Admin tab's editor, the reports and the QR sheet all choose this way. */
export function SitePicker({ sites, value, onChange, label, disabled }: SitePickerProps) {
  return (
    <Field label={label}>
      <Select value={value} onChange={(_e, d) => onChange(d.value)} {...(disabled !== undefined && { disabled })}>
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}
