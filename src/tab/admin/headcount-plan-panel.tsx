/**
 * The safe-headcount plan of the floor being edited: how many people can work on it at once (every two desks at
 * least D apart, no zone over its capacity), which desks that keeps, and whether the number is a proven maximum. The
 * server computes it on the published floor; shown over the plan, and published as a plan it switches the other
 * desks off through the ordinary publish, so the people whose bookings that cancels are told like after any publish.
 */
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { formatDate, formatNumber, t } from '../../i18n/messages';
import { ApiError, type ApiClient } from '../api-client';
import { useLocale } from '../locale';
import type { FloorDoc } from './site-document';

export interface HeadcountPlanDto {
  readonly floorId: string;
  readonly revision: number;
  readonly date: string;
  readonly minDistanceM: number;
  readonly count: number;
  readonly headcount: number;
  readonly deskIds: readonly string[];
  readonly offDeskIds: readonly string[];
  readonly method: 'exact' | 'greedy';
  readonly upperBound: number;
  readonly zones: readonly { zoneId: string; bookable: number; capacity: number | null; kept: number; headcount: number }[];
}

/** What the floor editor draws over the desks: the plan's kept desks and the ones it switches off. */
export interface PlanOverlay {
  readonly keep: ReadonlySet<string>;
  readonly off: ReadonlySet<string>;
}

export function overlayOf(plan: HeadcountPlanDto): PlanOverlay {
  return { keep: new Set(plan.deskIds), off: new Set(plan.offDeskIds) };
}

interface Props {
  readonly api: ApiClient;
  readonly floor: FloorDoc;
  /** Unpublished edits: the plan is of the published floor, so publishing it would throw them away. */
  readonly dirty: boolean;
  readonly onOverlay: (overlay: PlanOverlay | undefined) => void;
  /** After a publish: the view loads the new version. */
  readonly onPublished: () => void;
}

export function HeadcountPlanPanel({ api, floor, dirty, onOverlay, onPublished }: Props) {
  const locale = useLocale();
  const [plan, setPlan] = useState<HeadcountPlanDto | undefined>();
  /** The first day the desks left out are off; empty means today. Bookings before it stand. */
  const [from, setFrom] = useState('');
  const [shown, setShown] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | undefined>();

  useEffect(() => {
    onOverlay(plan && shown ? overlayOf(plan) : undefined);
  }, [plan, shown, onOverlay]);
  useEffect(() => () => onOverlay(undefined), [onOverlay]);

  const label = (deskId: string): string => floor.desks?.find((d) => d.id === deskId)?.label ?? deskId;
  const zoneName = (zoneId: string): string => floor.zones.find((z) => z.id === zoneId)?.name ?? zoneId;
  const failed = (error: unknown): void => setMessage({ intent: 'error', text: error instanceof Error ? error.message : String(error) });

  const compute = async (): Promise<void> => {
    setBusy(true);
    setMessage(undefined);
    setConfirming(false);
    try {
      const query = from ? `?date=${encodeURIComponent(from)}` : '';
      setPlan(await api.call<HeadcountPlanDto>('GET', `/api/admin/floors/${encodeURIComponent(floor.id)}/headcount-plan${query}`));
      setShown(true);
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  };

  const publish = async (): Promise<void> => {
    if (!plan) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const r = await api.call<{ revision: number; cancelled: number; switchedOff: readonly string[]; offFrom: string }>(
        'POST',
        `/api/admin/floors/${encodeURIComponent(floor.id)}/headcount-plan/publish`,
        { revision: plan.revision, deskIds: plan.deskIds, date: plan.date },
      );
      setMessage({
        intent: 'success',
        text: t(locale, 'tab.admin.headcount.publishedFrom', { revision: r.revision, off: r.switchedOff.length, cancelled: r.cancelled, date: formatDate(r.offFrom, locale) }),
      });
      setPlan(undefined);
      onPublished();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setPlan(undefined);
      failed(error);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const offLabels = plan?.offDeskIds.map(label) ?? [];
  return (
    <section className="admin-headcount" aria-labelledby="admin-headcount-title" data-testid="admin-headcount">
      <h2 id="admin-headcount-title">{t(locale, 'tab.admin.headcount.legend')}</h2>
      <p className="admin-help">{t(locale, 'tab.admin.headcount.help')}</p>
      <div className="admin-actions">
        <Field label={t(locale, 'tab.admin.headcount.date')} hint={t(locale, 'tab.admin.headcount.dateHelp')}>
          <Input
            type="date"
            value={from}
            onChange={(_e, d) => {
              setFrom(d.value);
              // A plan is of its day's rules: a new day needs a new plan.
              setPlan(undefined);
              setConfirming(false);
            }}
            data-testid="admin-headcount-date"
          />
        </Field>
        <Button onClick={() => void compute()} disabled={busy} data-testid="admin-headcount-compute">
          {t(locale, 'tab.admin.headcount.compute')}
        </Button>
        {plan && (
          <Checkbox checked={shown} onChange={(_e, d) => setShown(d.checked === true)} label={t(locale, 'tab.admin.headcount.show')} data-testid="admin-headcount-show" />
        )}
      </div>
      {plan && (
        <div data-testid="admin-headcount-result">
          <p>
            {t(locale, 'tab.admin.headcount.summary', { count: plan.headcount, kept: plan.count, floor: floor.name, distance: formatNumber(plan.minDistanceM, locale) })}{' '}
            {plan.method === 'exact' ? t(locale, 'tab.admin.headcount.exact') : t(locale, 'tab.admin.headcount.greedy', { upperBound: plan.upperBound })}
          </p>
          <Table size="small" aria-label={t(locale, 'tab.admin.headcount.legend')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t(locale, 'tab.admin.headcount.zone')}</TableHeaderCell>
                <TableHeaderCell>{t(locale, 'tab.admin.headcount.bookable')}</TableHeaderCell>
                <TableHeaderCell>{t(locale, 'tab.admin.headcount.capacity')}</TableHeaderCell>
                <TableHeaderCell>{t(locale, 'tab.admin.headcount.kept')}</TableHeaderCell>
                <TableHeaderCell>{t(locale, 'tab.admin.headcount.atOnce')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plan.zones.map((z) => (
                <TableRow key={z.zoneId}>
                  <TableCell>{zoneName(z.zoneId)}</TableCell>
                  <TableCell>{formatNumber(z.bookable, locale)}</TableCell>
                  <TableCell>{z.capacity === null ? t(locale, 'tab.admin.headcount.noLimit') : formatNumber(z.capacity, locale)}</TableCell>
                  <TableCell>{formatNumber(z.kept, locale)}</TableCell>
                  <TableCell>{formatNumber(z.headcount, locale)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <p data-testid="admin-headcount-from">{t(locale, 'tab.admin.headcount.from', { date: formatDate(plan.date, locale) })}</p>
          <p data-testid="admin-headcount-off">
            {t(locale, 'tab.admin.headcount.offList', { count: offLabels.length, desks: offLabels.length > 0 ? offLabels.join(', ') : t(locale, 'tab.admin.headcount.none') })}
          </p>
          {dirty && (
            <MessageBar intent="warning">
              <MessageBarBody>{t(locale, 'tab.admin.headcount.unsaved')}</MessageBarBody>
            </MessageBar>
          )}
          {!confirming ? (
            <Button appearance="primary" disabled={busy || dirty || plan.offDeskIds.length === 0} onClick={() => setConfirming(true)} data-testid="admin-headcount-publish">
              {t(locale, 'tab.admin.headcount.publish')}
            </Button>
          ) : (
            <div className="admin-actions" role="group" aria-label={t(locale, 'tab.admin.headcount.publish')}>
              <span>{t(locale, 'tab.admin.headcount.confirmFrom', { count: plan.offDeskIds.length, date: formatDate(plan.date, locale) })}</span>
              <Button appearance="primary" disabled={busy} onClick={() => void publish()} data-testid="admin-headcount-confirm">
                {t(locale, 'tab.admin.headcount.confirmYes')}
              </Button>
              <Button onClick={() => setConfirming(false)}>{t(locale, 'tab.admin.headcount.cancel')}</Button>
            </div>
          )}
        </div>
      )}
      <div role="status" aria-live="polite" data-testid="admin-headcount-outcome">
        {message && (
          <MessageBar intent={message.intent}>
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
