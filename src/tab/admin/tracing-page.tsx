/**
 * Contact tracing (role `tracer` only): who had a desk within a radius of a person's desk, on the same day and floor,
 * over a period. A written reason is required, and the server records every run in the audit log before it answers.
 * The result lives in this component's state only (no storage, no cache, no URL): it is gone when the page is left.
 * The CSV is offered once per run; it asks the server again, which records that download as a run of its own.
 */
import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { formatList, formatNumber, t } from '../../i18n/messages';
import type { ApiClient } from '../api-client';
import type { SiteDto } from '../api-types';
import { addDays, civilDateIn } from '../civil-dates';
import { useLocale } from '../locale';
import { periodLabel } from './occupancy-figures';
import './reports-page.css';

interface ContactDto {
  readonly userId: string;
  readonly userName?: string;
  readonly date: string;
  readonly deskId: string;
  readonly deskLabel?: string;
  readonly floorId: string;
  readonly floorName?: string;
  readonly distanceM: number;
}

interface TracingBody {
  readonly userId: string;
  readonly from: string;
  readonly to: string;
  readonly radiusM?: number;
  readonly reason: string;
}

interface Run {
  readonly body: TracingBody;
  readonly contacts: readonly ContactDto[];
  readonly daysPresent: readonly string[];
  readonly downloaded: boolean;
}

export function TracingPage({ api, sites }: { api: ApiClient; sites: readonly SiteDto[] }) {
  const locale = useLocale();
  const today = civilDateIn(sites[0]?.timeZone ?? 'UTC');
  const [userId, setUserId] = useState('');
  const [from, setFrom] = useState(() => addDays(today, -13));
  const [to, setTo] = useState(today);
  const [radius, setRadius] = useState('');
  const [reason, setReason] = useState('');
  const [run, setRun] = useState<Run | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (): Promise<void> => {
    setError(undefined);
    if (!userId.trim() || !from || !to || !reason.trim()) {
      setError(t(locale, 'tab.tracing.missing'));
      return;
    }
    const radiusM = radius.trim() === '' ? undefined : Number(radius.replace(',', '.'));
    const body: TracingBody = { userId: userId.trim(), from, to, reason: reason.trim(), ...(radiusM !== undefined && { radiusM }) };
    setBusy(true);
    try {
      const r = await api.call<{ contacts: ContactDto[]; daysPresent: string[] }>('POST', '/api/tracing', body);
      setRun({ body, contacts: r.contacts, daysPresent: r.daysPresent, downloaded: false });
    } catch (e) {
      setRun(undefined);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const download = async (): Promise<void> => {
    if (!run || run.downloaded) return;
    // Once per run, whether or not the file arrives: a second copy is a second, audited run.
    setRun({ ...run, downloaded: true });
    try {
      const blob = await api.download('/api/tracing', 'text/csv', run.body);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `seatwise-tracing-${run.body.from}-${run.body.to}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="tracing-page" aria-labelledby="tracing-title" data-testid="tracing-page">
      <h2 id="tracing-title">{t(locale, 'tab.tracing.title')}</h2>
      <MessageBar intent="warning" data-testid="tracing-logged">
        <MessageBarBody>{t(locale, 'tab.tracing.logged')}</MessageBarBody>
      </MessageBar>
      <form
        className="report-query"
        autoComplete="off"
        // The page says what is missing in the tab's language, in an alert, rather than the browser's bubble.
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label={t(locale, 'tab.tracing.person')} required>
          <Input value={userId} onChange={(_e, d) => setUserId(d.value)} autoComplete="off" />
        </Field>
        <Field label={t(locale, 'tab.tracing.from')} required>
          <Input type="date" value={from} onChange={(_e, d) => setFrom(d.value)} />
        </Field>
        <Field label={t(locale, 'tab.tracing.to')} required>
          <Input type="date" value={to} onChange={(_e, d) => setTo(d.value)} />
        </Field>
        <Field label={t(locale, 'tab.tracing.radius')} hint={t(locale, 'tab.tracing.radiusHint')}>
          <Input type="number" min={0.1} max={50} step={0.1} value={radius} onChange={(_e, d) => setRadius(d.value)} />
        </Field>
        <Field label={t(locale, 'tab.tracing.reason')} required className="tracing-reason">
          <Textarea value={reason} onChange={(_e, d) => setReason(d.value)} maxLength={500} resize="vertical" />
        </Field>
        <Button type="submit" appearance="primary" disabled={busy}>
          {t(locale, 'tab.tracing.run')}
        </Button>
      </form>
      <div aria-live="polite" data-testid="tracing-outcome">
        {busy && <Spinner size="tiny" label={t(locale, 'tab.loading')} />}
        {run && (
          <p>
            {t(locale, 'tab.tracing.found', {
              count: formatNumber(run.contacts.length, locale),
              person: run.body.userId,
              days: run.daysPresent.length > 0 ? formatList(run.daysPresent.map((d) => periodLabel(d, 'day', locale, 'long')), locale) : '0',
            })}
          </p>
        )}
      </div>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {run && (
        <>
          <Table size="small" aria-label={t(locale, 'tab.tracing.results')} data-testid="tracing-results" className="report-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t(locale, 'tab.tracing.col.person')}</TableHeaderCell>
                <TableHeaderCell>{t(locale, 'tab.tracing.col.day')}</TableHeaderCell>
                <TableHeaderCell>{t(locale, 'tab.tracing.col.floor')}</TableHeaderCell>
                <TableHeaderCell>{t(locale, 'tab.tracing.col.desk')}</TableHeaderCell>
                <TableHeaderCell>{t(locale, 'tab.tracing.col.distance')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {run.contacts.map((c) => (
                <TableRow key={`${c.date}|${c.userId}|${c.deskId}`}>
                  <TableCell>{c.userName && c.userName !== c.userId ? `${c.userName} (${c.userId})` : c.userId}</TableCell>
                  <TableCell>{periodLabel(c.date, 'day', locale, 'long')}</TableCell>
                  <TableCell>{c.floorName ?? c.floorId}</TableCell>
                  <TableCell>{c.deskLabel ?? c.deskId}</TableCell>
                  <TableCell>{formatNumber(c.distanceM, locale)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <div className="report-details-head">
            <Button onClick={() => void download()} disabled={run.downloaded} data-testid="tracing-csv">
              {t(locale, 'tab.tracing.csv')}
            </Button>
            <p className="report-note">{run.downloaded ? t(locale, 'tab.tracing.downloaded') : t(locale, 'tab.tracing.csvNote')}</p>
          </div>
        </>
      )}
    </section>
  );
}
