/**
 * Occupancy and no-shows (role `admin` or `reports`): per site, floor and zone, per day or per week over a chosen
 * period. Two charts with their tables, the busiest day against capacity and the safe maximum, and the figures per
 * zone exactly as the CSV download gives them (the download asks the API the same question). Figures only: the API
 * sends no person, so the page cannot show one.
 */
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatDate, formatNumber, t, translate, type Locale, type MessageKey } from '../../i18n/messages';
import type { ApiClient } from '../api-client';
import type { SiteDto } from '../api-types';
import { addDays, civilDateIn } from '../civil-dates';
import { useLocale } from '../locale';
import { SitePicker } from '../site-picker';
import { OutcomesChart, PeaksChart } from './occupancy-charts';
import { outcomesPer, peaksPer, periodLabel, type OccupancyReportDto, type Per } from './occupancy-figures';
import './reports-page.css';

/** The question a report answers; the figures shown and the CSV offered always belong to the same one. */
interface ReportQuery {
  readonly siteId: string;
  readonly floorId: string;
  readonly from: string;
  readonly to: string;
  readonly per: Per;
}

function queryString(q: ReportQuery): string {
  const p = new URLSearchParams({ siteId: q.siteId, from: q.from, to: q.to, per: q.per });
  if (q.floorId) p.set('floorId', q.floorId);
  return p.toString();
}

/** The two weeks up to the site's today: recent enough to act on, long enough to see a pattern. */
function openingQuery(site: SiteDto | undefined): ReportQuery {
  const today = civilDateIn(site?.timeZone ?? 'UTC');
  return { siteId: site?.id ?? '', floorId: '', from: addDays(today, -13), to: today, per: 'day' };
}

export function ReportsPage({ api, sites }: { api: ApiClient; sites: readonly SiteDto[] }) {
  const locale = useLocale();
  const [draft, setDraft] = useState<ReportQuery>(() => openingQuery(sites[0]));
  const [shown, setShown] = useState<{ query: ReportQuery; report: OccupancyReportDto } | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const site = sites.find((s) => s.id === draft.siteId);

  // Only the latest request's answer is shown: the opening report may answer after a query the user asked since.
  const latest = useRef(0);
  const show = useCallback(
    async (q: ReportQuery) => {
      if (!q.siteId) return;
      const mine = ++latest.current;
      setBusy(true);
      setError(undefined);
      try {
        const report = await api.call<OccupancyReportDto>('GET', `/api/reports/occupancy?${queryString(q)}`);
        if (mine === latest.current) setShown({ query: q, report });
      } catch (e) {
        if (mine === latest.current) setError(e instanceof Error ? e.message : String(e));
      } finally {
        if (mine === latest.current) setBusy(false);
      }
    },
    [api],
  );
  const [opening] = useState(draft);
  useEffect(() => {
    void show(opening);
  }, [show, opening]);

  const download = async (): Promise<void> => {
    if (!shown) return;
    try {
      const blob = await api.download(`/api/reports/occupancy?${queryString(shown.query)}`, 'text/csv');
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      const q = shown.query;
      a.href = url;
      a.download = `seatwise-occupancy-${q.siteId}${q.floorId ? `-${q.floorId}` : ''}-${q.from}-${q.to}${q.per === 'week' ? '-weeks' : ''}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const set = (patch: Partial<ReportQuery>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <section className="report-page" aria-labelledby="report-title" data-testid="report-page">
      <h2 id="report-title">{t(locale, 'tab.report.title')}</h2>
      <p className="report-note">{t(locale, 'tab.report.intro')}</p>
      <form
        className="report-query"
        onSubmit={(e) => {
          e.preventDefault();
          void show(draft);
        }}
      >
        <SitePicker sites={sites} value={draft.siteId} onChange={(siteId) => set({ siteId, floorId: '' })} label={t(locale, 'tab.report.site')} />
        <Field label={t(locale, 'tab.report.floor')}>
          <Select value={draft.floorId} onChange={(_e, d) => set({ floorId: d.value })} data-testid="report-floor">
            <option value="">{t(locale, 'tab.report.allFloors')}</option>
            {site?.floors.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t(locale, 'tab.report.from')}>
          <Input type="date" value={draft.from} onChange={(_e, d) => set({ from: d.value })} />
        </Field>
        <Field label={t(locale, 'tab.report.to')}>
          <Input type="date" value={draft.to} onChange={(_e, d) => set({ to: d.value })} />
        </Field>
        <Field label={t(locale, 'tab.report.per')}>
          <Select value={draft.per} onChange={(_e, d) => set({ per: d.value === 'week' ? 'week' : 'day' })} data-testid="report-per">
            <option value="day">{t(locale, 'tab.report.perDay')}</option>
            <option value="week">{t(locale, 'tab.report.perWeek')}</option>
          </Select>
        </Field>
        {/* Never disabled while a report loads: a new query may be asked at once, and only its answer is shown. */}
        <Button type="submit" appearance="primary">
          {t(locale, 'tab.report.show')}
        </Button>
      </form>
      <div aria-live="polite">{busy && <Spinner size="tiny" label={t(locale, 'tab.loading')} />}</div>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {shown && <ReportFigures report={shown.report} per={shown.query.per} locale={locale} onDownload={() => void download()} />}
    </section>
  );
}

function ReportFigures({ report, per, locale, onDownload }: { report: OccupancyReportDto; per: Per; locale: Locale; onDownload: () => void }) {
  const { peak } = report;
  return (
    <div className="report-figures" data-testid="report-figures">
      <p className="report-peak" data-testid="report-peak">
        {peak.date && peak.held > 0
          ? t(locale, 'tab.report.peak', { date: formatDate(peak.date, locale), held: formatNumber(peak.held, locale), capacity: formatNumber(peak.capacity, locale), safe: formatNumber(peak.safeMaxHeadcount, locale) })
          : t(locale, 'tab.report.noPeak')}
      </p>
      <div className="report-charts">
        <OutcomesChart data={outcomesPer(report, per)} per={per} locale={locale} title={t(locale, 'tab.report.outcomes.title')} />
        <PeaksChart data={peaksPer(report, per)} per={per} locale={locale} title={t(locale, 'tab.report.peaks.title')} />
      </div>
      <section aria-labelledby="report-details-title">
        <div className="report-details-head">
          <h3 id="report-details-title">{t(locale, 'tab.report.details')}</h3>
          <Button onClick={onDownload} data-testid="report-csv">
            {t(locale, 'tab.report.csv')}
          </Button>
        </div>
        <DetailsTable report={report} per={per} locale={locale} />
      </section>
    </div>
  );
}

/** The rows of the CSV, in its order: per day and zone, or per week and zone. */
function DetailsTable({ report, per, locale }: { report: OccupancyReportDto; per: Per; locale: Locale }) {
  const n = (v: number) => formatNumber(v, locale);
  const rows = per === 'day' ? report.rows : report.weeks;
  if (rows.length === 0) return <p>{t(locale, 'tab.report.none')}</p>;
  const head = (k: MessageKey) => <TableHeaderCell key={k}>{translate(locale, k)}</TableHeaderCell>;
  return (
    <Table size="small" aria-label={t(locale, 'tab.report.details')} data-testid="report-details" className="report-table">
      <TableHeader>
        {per === 'day' ? (
          <TableRow>
            {head('tab.report.col.day')}
            {head('tab.report.col.floor')}
            {head('tab.report.col.zone')}
            {head('tab.report.col.booked')}
            {head('tab.report.col.checkedIn')}
            {head('tab.report.col.noShow')}
            {head('tab.report.col.cancelled')}
            {head('tab.report.col.capacity')}
            {head('tab.report.col.releasedEarly')}
            {head('tab.report.col.held')}
          </TableRow>
        ) : (
          <TableRow>
            {head('tab.report.col.week')}
            {head('tab.report.col.floor')}
            {head('tab.report.col.zone')}
            {head('tab.report.col.days')}
            {head('tab.report.col.booked')}
            {head('tab.report.col.checkedIn')}
            {head('tab.report.col.noShow')}
            {head('tab.report.col.cancelled')}
            {head('tab.report.col.releasedEarly')}
            {head('tab.report.col.peakHeld')}
            {head('tab.report.col.peakDate')}
            {head('tab.report.col.capacity')}
          </TableRow>
        )}
      </TableHeader>
      <TableBody>
        {per === 'day'
          ? report.rows.map((r) => (
              <TableRow key={`${r.date}|${r.floorId}|${r.zoneId}`} data-key={`${r.date}|${r.floorId}|${r.zoneId}`}>
                <TableCell>{periodLabel(r.date, 'day', locale, 'long')}</TableCell>
                <TableCell>{r.floorName}</TableCell>
                <TableCell>{r.zoneName}</TableCell>
                <TableCell>{n(r.booked)}</TableCell>
                <TableCell>{n(r.checkedIn)}</TableCell>
                <TableCell>{n(r.noShow)}</TableCell>
                <TableCell>{n(r.cancelled)}</TableCell>
                <TableCell>{n(r.capacity)}</TableCell>
                <TableCell>{n(r.releasedEarly)}</TableCell>
                <TableCell>{n(r.held)}</TableCell>
              </TableRow>
            ))
          : report.weeks.map((w) => (
              <TableRow key={`${w.week}|${w.floorId}|${w.zoneId}`} data-key={`${w.week}|${w.floorId}|${w.zoneId}`}>
                <TableCell>{periodLabel(w.week, 'week', locale, 'long')}</TableCell>
                <TableCell>{w.floorName}</TableCell>
                <TableCell>{w.zoneName}</TableCell>
                <TableCell>{n(w.days)}</TableCell>
                <TableCell>{n(w.booked)}</TableCell>
                <TableCell>{n(w.checkedIn)}</TableCell>
                <TableCell>{n(w.noShow)}</TableCell>
                <TableCell>{n(w.cancelled)}</TableCell>
                <TableCell>{n(w.releasedEarly)}</TableCell>
                <TableCell>{n(w.peakHeld)}</TableCell>
                <TableCell>{w.peakDate ? periodLabel(w.peakDate, 'day', locale, 'long') : '–'}</TableCell>
                <TableCell>{n(w.capacity)}</TableCell>
              </TableRow>
            ))}
      </TableBody>
    </Table>
  );
}
