/**
 * The audit log in the Admin tab: who changed what and when, newest first, for a period; the same rows as a CSV
 * file. The server writes the summaries in the reader's language.
 */
import { Button, Field, Input, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { INTL_LOCALES, t } from '../../i18n/messages';
import type { ApiClient } from '../api-client';
import { useLocale } from '../locale';

interface AuditEntryDto {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly actorName?: string;
  readonly action: string;
  readonly summary: string;
}

const DAY_MS = 86_400_000;
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function AuditPanel({ api }: { api: ApiClient }) {
  const locale = useLocale();
  const [from, setFrom] = useState(() => day(Date.now() - 30 * DAY_MS));
  const [to, setTo] = useState(() => day(Date.now()));
  const [entries, setEntries] = useState<readonly AuditEntryDto[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

  const load = useCallback(
    async (q: string) => {
      setError(undefined);
      try {
        setEntries((await api.call<{ entries: AuditEntryDto[] }>('GET', `/api/admin/audit?${q}`)).entries);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [api],
  );
  // The last 30 days on open; another period on request.
  const [opening] = useState(query);
  useEffect(() => {
    void load(opening);
  }, [load, opening]);

  const download = async (): Promise<void> => {
    try {
      const blob = await api.download(`/api/admin/audit?${query}`, 'text/csv');
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `seatwise-audit-${from}-${to}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="admin-audit" aria-labelledby="admin-audit-title">
      <h2 id="admin-audit-title">{t(locale, 'tab.admin.audit')}</h2>
      <div className="admin-audit-period">
        <Field label={t(locale, 'tab.admin.audit.from')}>
          <Input type="date" value={from} onChange={(_e, d) => setFrom(d.value)} />
        </Field>
        <Field label={t(locale, 'tab.admin.audit.to')}>
          <Input type="date" value={to} onChange={(_e, d) => setTo(d.value)} />
        </Field>
        <Button onClick={() => void load(query)}>{t(locale, 'tab.admin.audit.show')}</Button>
        <Button onClick={() => void download()}>{t(locale, 'tab.admin.audit.csv')}</Button>
      </div>
      {error && <p role="alert">{error}</p>}
      {entries && entries.length === 0 && <p>{t(locale, 'tab.admin.audit.none')}</p>}
      {entries && entries.length > 0 && (
        <Table aria-label={t(locale, 'tab.admin.audit')} data-testid="admin-audit-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t(locale, 'tab.admin.audit.when')}</TableHeaderCell>
              <TableHeaderCell>{t(locale, 'tab.admin.audit.who')}</TableHeaderCell>
              <TableHeaderCell>{t(locale, 'tab.admin.audit.what')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((e) => (
              <TableRow key={e.id}>
                <TableCell>{new Intl.DateTimeFormat(INTL_LOCALES[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(e.at))}</TableCell>
                <TableCell>{e.actorName ?? e.actor}</TableCell>
                <TableCell>{e.summary}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
