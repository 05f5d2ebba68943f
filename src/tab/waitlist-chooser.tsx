/**
 * What the waitlist waits for (issue 17 §1): any desk at the site, a desk in the zone the person looked at, and
 * optionally features. The chat and POST /api/waitlist take the same three (siteId, zoneId, attributes); the offer
 * pass holds only a freed desk that fits them.
 */
import { Button, Checkbox, Radio, RadioGroup } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState } from 'react';
import { t } from '../i18n/messages';
import { attributeLabel } from './attributes';
import { useLocale } from './locale';
import './everyday.css';

export interface WaitlistWish {
  readonly zoneId?: string;
  readonly attributes: readonly string[];
}

export interface WaitlistChooserProps {
  readonly siteName: string;
  /** The zone of the desk the person looked at; without it, only "any desk" is offered. */
  readonly zone?: { readonly id: string; readonly name: string };
  /** The features desks of the floor have, sorted. */
  readonly attributes: readonly string[];
  readonly disabled: boolean;
  readonly onJoin: (wish: WaitlistWish) => void;
  readonly onCancel: () => void;
}

export function WaitlistChooser({ siteName, zone, attributes, disabled, onJoin, onCancel }: WaitlistChooserProps) {
  const locale = useLocale();
  const ids = useId();
  const [where, setWhere] = useState<'any' | 'zone'>('any');
  const [wanted, setWanted] = useState<readonly string[]>([]);
  const first = useRef<HTMLDivElement>(null);
  // Opened from a button that goes away: the focus moves to the first choice, so a keyboard user is not lost.
  useEffect(() => first.current?.querySelector<HTMLInputElement>('input')?.focus(), []);
  return (
    <form
      className="waitlist-chooser"
      data-testid="waitlist-chooser"
      aria-labelledby={`${ids}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        onJoin({ ...(where === 'zone' && zone && { zoneId: zone.id }), attributes: wanted });
      }}
    >
      <strong id={`${ids}-title`}>{t(locale, 'waitlist.choose.title')}</strong>
      <div ref={first}>
        <RadioGroup value={where} onChange={(_e, d) => setWhere(d.value as 'any' | 'zone')} aria-labelledby={`${ids}-title`} data-testid="waitlist-where">
          <Radio value="any" label={t(locale, 'waitlist.choose.any', { site: siteName })} />
          {zone && <Radio value="zone" label={t(locale, 'waitlist.choose.zone', { zone: zone.name })} />}
        </RadioGroup>
      </div>
      {attributes.length > 0 && (
        <fieldset className="waitlist-features">
          <legend>{t(locale, 'waitlist.choose.features')}</legend>
          {attributes.map((a) => (
            <Checkbox
              key={a}
              label={attributeLabel(a, locale)}
              checked={wanted.includes(a)}
              onChange={(_e, d) => setWanted((ws) => (d.checked ? [...ws, a] : ws.filter((w) => w !== a)))}
            />
          ))}
        </fieldset>
      )}
      <div className="waitlist-chooser-actions">
        <Button type="submit" appearance="primary" size="small" disabled={disabled} data-testid="waitlist-join">
          {t(locale, 'waitlist.choose.join')}
        </Button>
        <Button size="small" appearance="subtle" onClick={onCancel}>
          {t(locale, 'waitlist.choose.cancel')}
        </Button>
      </div>
    </form>
  );
}
