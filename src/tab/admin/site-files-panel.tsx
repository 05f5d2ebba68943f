/**
 * The import's two files in the Admin tab: a facility manager downloads the site as stored (the site file, JSON, and
 * the desks file, CSV: what `npm run import` reads) and imports such files back. An import is a publish of the files'
 * text, so the server checks them with the import's own rules and names each problem exactly as the command line
 * does: file, line, column, field. It replaces the whole site, so it waits until the editor holds no unpublished edit.
 */
import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { t, type Locale } from '../../i18n/messages';
import { ApiError, type ApiClient } from '../api-client';
import { useLocale } from '../locale';
import './admin-panels.css';

export interface ImportProblemDto {
  readonly field: string;
  readonly problem: string;
  readonly line?: number;
  readonly column?: string;
}

interface ExportDto {
  readonly site: unknown;
  readonly desksCsv: string;
  readonly revision: number;
}

type Outcome =
  | { readonly kind: 'done'; readonly text: string }
  | { readonly kind: 'problems'; readonly message: string; readonly problems: readonly ImportProblemDto[] }
  | { readonly kind: 'error'; readonly message: string };

/**
 * One problem as `npm run import` prints it: `site.json line 23, column 49: floors[0].desks[7].x: …`, or
 * `desks.csv line 14, column "x": …`, with the names of the files the person picked.
 */
export function problemLine(p: ImportProblemDto, files: { site: string; desks: string }): string {
  // A problem may point at a second place ("already used (site line 30, column 17: …)"): the server calls the files
  // "site" and "desksCsv"; the person knows them by their own names.
  const problem = p.problem.replace(/\(site line /g, `(${files.site} line `).replace(/\(desksCsv line /g, `(${files.desks} line `);
  if (p.field === 'desksCsv') {
    const where = p.line === undefined ? '' : ` line ${p.line}${p.column !== undefined ? `, column "${p.column}"` : ''}`;
    return `${files.desks}${where}: ${problem}`;
  }
  const where = p.line === undefined ? '' : ` line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ''}`;
  const path = p.field === 'site' ? '' : `${p.field.replace(/^site\./, '')}: `;
  return `${files.site}${where}: ${path}${problem}`;
}

function save(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The browser has taken the file once the click is handled; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function SiteFilesPanel(props: {
  api: ApiClient;
  siteId: string;
  /** The revision the editor loaded: an import over a newer one is refused (409), as a publish is. */
  revision: number;
  /** The editor holds edits not yet published; an import would replace them. */
  dirty: boolean;
  onImported: () => void;
}) {
  const { api, siteId, revision, dirty, onImported } = props;
  const locale = useLocale();
  const siteInput = useId();
  const desksInput = useId();
  const [siteFile, setSiteFile] = useState<File | undefined>();
  const [desksFile, setDesksFile] = useState<File | undefined>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [inputs, setInputs] = useState(0);

  const download = async (): Promise<void> => {
    setOutcome(undefined);
    try {
      const exported = await api.call<ExportDto>('GET', `/api/admin/sites/${encodeURIComponent(siteId)}/export`);
      save(`${siteId}.json`, 'application/json', JSON.stringify(exported.site, null, 2) + '\n');
      save(`${siteId}-desks.csv`, 'text/csv', exported.desksCsv);
    } catch (error) {
      setOutcome({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const importFiles = async (): Promise<void> => {
    if (!siteFile) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      const body = { siteJson: await siteFile.text(), ...(desksFile && { desksCsv: await desksFile.text() }), revision };
      const r = await api.call<{ revision: number; cancelled: number; changed: boolean }>('POST', `/api/admin/sites/${encodeURIComponent(siteId)}/publish`, body);
      setOutcome({ kind: 'done', text: r.changed ? t(locale, 'tab.admin.published', { revision: r.revision, cancelled: r.cancelled }) : t(locale, 'tab.admin.unchanged') });
      setSiteFile(undefined);
      setDesksFile(undefined);
      setInputs((n) => n + 1);
      if (r.changed) onImported();
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const problems = (error.body as { problems?: ImportProblemDto[] } | undefined)?.problems ?? [];
        setOutcome({ kind: 'problems', message: error.message, problems });
      } else setOutcome({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const names = { site: siteFile?.name ?? 'site.json', desks: desksFile?.name ?? 'desks.csv' };
  return (
    <section className="admin-files" aria-labelledby="admin-files-title" data-testid="admin-files">
      <h2 id="admin-files-title">{t(locale, 'tab.admin.files')}</h2>
      <p className="admin-help">{t(locale, 'tab.admin.files.help')}</p>
      <div>
        <Button onClick={() => void download()} data-testid="admin-files-export">
          {t(locale, 'tab.admin.files.export')}
        </Button>
      </div>
      <div className="admin-files-pick" key={inputs}>
        <label htmlFor={siteInput}>{t(locale, 'tab.admin.files.siteFile')}</label>
        <input id={siteInput} type="file" accept=".json,application/json" disabled={busy} onChange={(e) => setSiteFile(e.currentTarget.files?.[0])} data-testid="admin-files-site" />
        <label htmlFor={desksInput}>{t(locale, 'tab.admin.files.desksFile')}</label>
        <input id={desksInput} type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => setDesksFile(e.currentTarget.files?.[0])} data-testid="admin-files-desks" />
      </div>
      <div>
        <Button appearance="primary" onClick={() => void importFiles()} disabled={busy || !siteFile || dirty} data-testid="admin-files-import">
          {t(locale, 'tab.admin.files.import')}
        </Button>
        {dirty && <p className="admin-help">{t(locale, 'tab.admin.files.dirty')}</p>}
      </div>
      <div role="status" aria-live="polite" data-testid="admin-files-outcome">
        {outcome && <OutcomeBar outcome={outcome} names={names} locale={locale} />}
      </div>
    </section>
  );
}

function OutcomeBar({ outcome, names, locale }: { outcome: Outcome; names: { site: string; desks: string }; locale: Locale }) {
  if (outcome.kind === 'done') {
    return (
      <MessageBar intent="success">
        <MessageBarBody>{outcome.text}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        {outcome.message}
        {outcome.kind === 'problems' && outcome.problems.length > 0 && (
          <ul aria-label={t(locale, 'tab.admin.files.problems')} data-testid="admin-files-problems">
            {outcome.problems.map((p, i) => (
              <li key={i}>
                <code>{problemLine(p, names)}</code>
              </li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
