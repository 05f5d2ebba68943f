import { Button, Checkbox, Field, Radio, RadioGroup } from '@fluentui/react-components';
import { useState } from 'react';
import { t } from '../i18n/messages';
import { attributeLabel } from './attributes';
import { useLocale } from './locale';

export type Layout = 'map' | 'list';

export interface MapOptionsProps {
  /** The features of the shown floor's desks, sorted. */
  readonly attributes: readonly string[];
  readonly filters: readonly string[];
  readonly onFilters: (change: (old: readonly string[]) => readonly string[]) => void;
  readonly layout: Layout;
  readonly onLayout: (layout: Layout) => void;
  /** On a phone the options fold behind "More options", so the map starts higher. */
  readonly narrow: boolean;
}

/** The Book tab's feature filters and its map or list layout. */
export function MapOptions({ attributes, filters, onFilters, layout, onLayout, narrow }: MapOptionsProps) {
  const locale = useLocale();
  const [showOptions, setShowOptions] = useState(false);
  const options = (
    <>
      {attributes.length > 0 && (
        <fieldset className="control-filters">
          <legend>{t(locale, 'tab.filters')}</legend>
          {attributes.map((a) => (
            <Checkbox
              key={a}
              label={attributeLabel(a, locale)}
              checked={filters.includes(a)}
              onChange={(_e, d) => onFilters((fs) => (d.checked ? [...fs, a] : fs.filter((f) => f !== a)))}
            />
          ))}
        </fieldset>
      )}
      <Field label={t(locale, 'tab.layout')} className="control-layout">
        <RadioGroup layout="horizontal" value={layout} onChange={(_e, d) => onLayout(d.value as Layout)} data-testid="layout">
          <Radio value="map" label={t(locale, 'tab.layout.map')} />
          <Radio value="list" label={t(locale, 'tab.layout.list')} />
        </RadioGroup>
      </Field>
    </>
  );
  if (!narrow) return options;
  return (
    <>
      <Button aria-expanded={showOptions} onClick={() => setShowOptions((v) => !v)} data-testid="more-options">
        {t(locale, 'tab.moreOptions')}
      </Button>
      {showOptions && <div className="controls-extra">{options}</div>}
    </>
  );
}
