/**
 * Rules with a preview: a facility manager changes a site's rules, or one zone's capacity, from a date on; sees which
 * coming bookings the change would cancel (checked-in bookings first, then the earliest booked keeps the desk), with
 * names; and only then applies it. The server cancels exactly what the preview listed as of that moment and tells
 * each person in Teams; a booking made between preview and apply is judged by the same rules.
 */
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useState } from 'react';
import { formatDate, formatIsoWeekday, pluralKey, t, translate } from '../../i18n/messages';
import type { ApiClient } from '../api-client';
import { useLocale } from '../locale';
import type { SiteDoc } from './site-document';

interface CancellationDto {
  readonly bookingId: string;
  readonly date: string;
  readonly deskLabel?: string;
  readonly deskId: string;
  readonly userId: string;
  readonly userName?: string;
  readonly reason: string;
}

interface PlanDto {
  readonly cancellations: readonly CancellationDto[];
  /** The site's revision the preview was made on; the apply names it, so a change made since is refused (409). */
  readonly revision?: number;
}

/** The form as typed: empty means "leave this rule as it is". */
interface Draft {
  zoneId: string;
  effectiveFrom: string;
  capacityKind: '' | 'count' | 'percent';
  capacityValue: string;
  minDistanceM: string;
  horizonDays: string;
  weekdays: number[] | null;
  weeklyQuota: string;
  reminderTime: string;
  checkInDeadline: string;
}

const num = (s: string): number => Number(s.replace(',', '.'));

/** The body of preview and apply: only the rules the person filled in. */
export function policyRequest(siteId: string, d: Draft): Record<string, unknown> {
  const policy: Record<string, unknown> = {};
  if (d.capacityKind && d.capacityValue.trim() !== '') policy['zoneCapacity'] = { kind: d.capacityKind, value: num(d.capacityValue) };
  if (!d.zoneId) {
    if (d.minDistanceM.trim() !== '') policy['minDistanceM'] = num(d.minDistanceM);
    if (d.horizonDays.trim() !== '') policy['horizonDays'] = num(d.horizonDays);
    if (d.weekdays) policy['bookableWeekdays'] = [...d.weekdays].sort();
    if (d.weeklyQuota.trim() === '-') policy['weeklyQuota'] = null;
    else if (d.weeklyQuota.trim() !== '') policy['weeklyQuota'] = num(d.weeklyQuota);
    if (d.reminderTime) policy['reminderTime'] = d.reminderTime;
    if (d.checkInDeadline) policy['checkInDeadline'] = d.checkInDeadline;
  }
  return { siteId, ...(d.zoneId && { zoneId: d.zoneId }), effectiveFrom: d.effectiveFrom, policy };
}

export function PolicyPanel({ api, doc, today }: { api: ApiClient; doc: SiteDoc; today: string }) {
  const locale = useLocale();
  const [draft, setDraft] = useState<Draft>({
    zoneId: '',
    effectiveFrom: today,
    capacityKind: '',
    capacityValue: '',
    minDistanceM: '',
    horizonDays: '',
    weekdays: null,
    weeklyQuota: '',
    reminderTime: '',
    checkInDeadline: '',
  });
  const [plan, setPlan] = useState<{ body: string; cancellations: readonly CancellationDto[]; revision?: number } | undefined>();
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const zones = doc.floors.flatMap((f) => f.zones.map((z) => ({ ...z, floor: f.name })));
  const body = policyRequest(doc.site.id, draft);
  const bodyKey = JSON.stringify(body);
  const edit = (patch: Partial<Draft>): void => {
    setDraft({ ...draft, ...patch });
    setMessage(undefined);
  };

  const run = async (apply: boolean): Promise<void> => {
    setBusy(true);
    setMessage(undefined);
    try {
      const sent = apply && plan?.revision !== undefined ? { ...body, revision: plan.revision } : body;
      const r = await api.call<PlanDto>('POST', apply ? '/api/admin/policies' : '/api/admin/policies/preview', sent);
      if (apply) {
        setPlan(undefined);
        setMessage({ intent: 'success', text: t(locale, 'tab.admin.policy.applied', { count: r.cancellations.length }) });
      } else setPlan({ body: bodyKey, cancellations: r.cancellations, ...(r.revision !== undefined && { revision: r.revision }) });
    } catch (error) {
      // A refused apply (someone changed the site since) leaves a preview that no longer holds: preview again.
      if (apply) setPlan(undefined);
      setMessage({ intent: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const previewed = plan?.body === bodyKey;
  const nothing = Object.keys(body['policy'] as object).length === 0;
  return (
    <section className="admin-policy" aria-labelledby="admin-policy-title">
      <h2 id="admin-policy-title">{t(locale, 'tab.admin.policy')}</h2>
      <p className="admin-help">{t(locale, 'tab.admin.policy.help')}</p>
      <div className="admin-policy-grid">
        <Field label={t(locale, 'tab.admin.policy.scope')}>
          <Select value={draft.zoneId} onChange={(_e, d) => edit({ zoneId: d.value })}>
            <option value="">{t(locale, 'tab.admin.policy.wholeSite', { site: doc.site.name })}</option>
            {zones.map((z) => (
              <option key={z.id} value={z.id}>
                {`${z.floor} · ${z.name}`}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t(locale, 'tab.admin.policy.from')}>
          <Input type="date" min={today} value={draft.effectiveFrom} onChange={(_e, d) => edit({ effectiveFrom: d.value })} />
        </Field>
        <Field label={t(locale, 'tab.admin.policy.capacityKind')}>
          <Select value={draft.capacityKind} onChange={(_e, d) => edit({ capacityKind: d.value as Draft['capacityKind'] })}>
            <option value="">{t(locale, 'tab.admin.policy.unchanged')}</option>
            <option value="percent">{t(locale, 'tab.admin.policy.percent')}</option>
            <option value="count">{t(locale, 'tab.admin.policy.count')}</option>
          </Select>
        </Field>
        <Field label={t(locale, 'tab.admin.policy.capacityValue')}>
          <Input type="number" min={0} disabled={!draft.capacityKind} value={draft.capacityValue} onChange={(_e, d) => edit({ capacityValue: d.value })} />
        </Field>
        {!draft.zoneId && (
          <>
            <Field label={t(locale, 'tab.admin.policy.distance')}>
              <Input type="number" min={0} max={10} step={0.1} value={draft.minDistanceM} placeholder={t(locale, 'tab.admin.policy.unchanged')} onChange={(_e, d) => edit({ minDistanceM: d.value })} />
            </Field>
            <Field label={t(locale, 'tab.admin.policy.horizon')}>
              <Input type="number" min={0} max={365} value={draft.horizonDays} placeholder={t(locale, 'tab.admin.policy.unchanged')} onChange={(_e, d) => edit({ horizonDays: d.value })} />
            </Field>
            <Field label={t(locale, 'tab.admin.policy.quota')} hint={t(locale, 'tab.admin.policy.quotaHint')}>
              <Input value={draft.weeklyQuota} placeholder={t(locale, 'tab.admin.policy.unchanged')} onChange={(_e, d) => edit({ weeklyQuota: d.value })} />
            </Field>
            <Field label={t(locale, 'tab.admin.policy.reminder')}>
              <Input type="time" value={draft.reminderTime} onChange={(_e, d) => edit({ reminderTime: d.value })} />
            </Field>
            <Field label={t(locale, 'tab.admin.policy.deadline')}>
              <Input type="time" value={draft.checkInDeadline} onChange={(_e, d) => edit({ checkInDeadline: d.value })} />
            </Field>
            <fieldset className="admin-weekdays">
              <legend>{t(locale, 'tab.admin.policy.weekdays')}</legend>
              <Checkbox label={t(locale, 'tab.admin.policy.changeWeekdays')} checked={draft.weekdays !== null} onChange={(_e, d) => edit({ weekdays: d.checked ? [1, 2, 3, 4, 5] : null })} />
              {draft.weekdays &&
                [1, 2, 3, 4, 5, 6, 7].map((w) => (
                  <Checkbox
                    key={w}
                    label={formatIsoWeekday(w, locale)}
                    checked={draft.weekdays!.includes(w)}
                    onChange={(_e, d) => edit({ weekdays: d.checked ? [...draft.weekdays!, w] : draft.weekdays!.filter((x) => x !== w) })}
                  />
                ))}
            </fieldset>
          </>
        )}
      </div>
      <div className="admin-actions">
        <Button onClick={() => void run(false)} disabled={busy || nothing} data-testid="admin-policy-preview">
          {t(locale, 'tab.admin.policy.preview')}
        </Button>
        <Button appearance="primary" onClick={() => void run(true)} disabled={busy || !previewed} data-testid="admin-policy-apply">
          {t(locale, 'tab.admin.policy.apply')}
        </Button>
      </div>
      <div role="status" aria-live="polite" data-testid="admin-policy-outcome">
        {message && (
          <MessageBar intent={message.intent}>
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        )}
        {previewed && plan && <p>{translate(locale, pluralKey(locale, 'tab.admin.policy.wouldCancel', plan.cancellations.length), { count: plan.cancellations.length })}</p>}
      </div>
      {previewed && plan && plan.cancellations.length > 0 && (
        <Table aria-label={t(locale, 'tab.admin.policy.cancellations')} data-testid="admin-policy-cancellations">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t(locale, 'tab.admin.policy.day')}</TableHeaderCell>
              <TableHeaderCell>{t(locale, 'tab.admin.policy.person')}</TableHeaderCell>
              <TableHeaderCell>{t(locale, 'tab.admin.policy.desk')}</TableHeaderCell>
              <TableHeaderCell>{t(locale, 'tab.admin.policy.why')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {plan.cancellations.map((c) => (
              <TableRow key={c.bookingId}>
                <TableCell>{formatDate(c.date, locale)}</TableCell>
                <TableCell>{c.userName ?? c.userId}</TableCell>
                <TableCell>{c.deskLabel ?? c.deskId}</TableCell>
                <TableCell>{c.reason}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
