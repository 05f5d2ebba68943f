/**
 * The occupancy report's two charts, drawn as SVG with visx: what became of the bookings (stacked bars), and the
 * busiest moment against capacity and the safe maximum (bars under two lines). Each chart is one image to assistive
 * technology, named by its title; the table under it (OutcomesTable, PeaksTable) gives the same figures to read.
 */
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, BarStack, LinePath } from '@visx/shape';
import { useId } from 'react';
import { formatNumber, t, translate, type Locale, type MessageKey } from '../../i18n/messages';
import { OUTCOME_KEYS, periodLabel, type OutcomeKey, type Outcomes, type PeakFigures, type Per } from './occupancy-figures';

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 40 };

/** Colours that keep 3:1 against white and apart from one another; the legend and the table carry the meaning too. */
export const OUTCOME_COLOURS: Readonly<Record<OutcomeKey, string>> = {
  checkedIn: '#107c10',
  stillBooked: '#0f6cbd',
  noShow: '#c50f1f',
  cancelled: '#8a8886',
};
const OUTCOME_LABEL: Readonly<Record<OutcomeKey, MessageKey>> = {
  checkedIn: 'tab.report.col.checkedIn',
  stillBooked: 'tab.report.col.stillBooked',
  noShow: 'tab.report.col.noShow',
  cancelled: 'tab.report.col.cancelled',
};
const HELD = '#0f6cbd';
const CAPACITY = '#8a3707';
const SAFE = '#c50f1f';

function yTicks(max: number): number[] {
  return scaleLinear<number>({ domain: [0, Math.max(1, max)] }).ticks(Math.min(5, Math.max(1, max))).filter(Number.isInteger);
}

/** Axes, grid lines and labels shared by both charts, in the theme's colours (Teams has light, dark and contrast). */
function Frame({ periods, per, locale, x, y, max }: { periods: readonly string[]; per: Per; locale: Locale; x: ReturnType<typeof scaleBand<string>>; y: ReturnType<typeof scaleLinear<number>>; max: number }) {
  // Enough labels to read, never so many that they overlap: at most about 12 along the axis.
  const every = Math.max(1, Math.ceil(periods.length / 12));
  return (
    <g aria-hidden="true">
      {yTicks(max).map((v) => (
        <g key={v}>
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(v)} y2={y(v)} style={{ stroke: 'var(--colorNeutralStroke2)' }} />
          <text x={MARGIN.left - 6} y={y(v)} dy="0.32em" textAnchor="end" fontSize={11} style={{ fill: 'var(--colorNeutralForeground2)' }}>
            {formatNumber(v, locale)}
          </text>
        </g>
      ))}
      {periods.map((p, i) =>
        i % every === 0 ? (
          <text key={p} x={(x(p) ?? 0) + x.bandwidth() / 2} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" fontSize={11} style={{ fill: 'var(--colorNeutralForeground2)' }}>
            {periodLabel(p, per, locale)}
          </text>
        ) : null,
      )}
      <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} style={{ stroke: 'var(--colorNeutralStroke1)' }} />
    </g>
  );
}

function Legend({ items }: { items: readonly { label: string; colour: string; line?: boolean }[] }) {
  return (
    <ul className="report-legend" aria-hidden="true">
      {items.map((i) => (
        <li key={i.label}>
          <span className={i.line ? 'report-swatch report-swatch-line' : 'report-swatch'} style={{ background: i.colour }} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}

function bandScale(periods: readonly string[]) {
  return scaleBand<string>({ domain: [...periods], range: [MARGIN.left, WIDTH - MARGIN.right], padding: 0.2 });
}

export function OutcomesChart({ data, per, locale, title }: { data: readonly Outcomes[]; per: Per; locale: Locale; title: string }) {
  const id = useId();
  const periods = data.map((d) => d.period);
  const max = Math.max(0, ...data.map((d) => d.booked));
  const x = bandScale(periods);
  const y = scaleLinear<number>({ domain: [0, Math.max(1, max)], range: [HEIGHT - MARGIN.bottom, MARGIN.top], nice: true });
  return (
    <figure className="report-figure" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="report-chart" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-note`} data-testid="report-outcomes-chart">
        <Frame periods={periods} per={per} locale={locale} x={x} y={y} max={max} />
        <BarStack<Outcomes, OutcomeKey> data={[...data]} keys={[...OUTCOME_KEYS]} x={(d) => d.period} xScale={x} yScale={y} color={(k) => OUTCOME_COLOURS[k]} />
      </svg>
      <Legend items={OUTCOME_KEYS.map((k) => ({ label: translate(locale, OUTCOME_LABEL[k]), colour: OUTCOME_COLOURS[k] }))} />
      <p id={`${id}-note`} className="report-note">
        {t(locale, 'tab.report.chartTable')}
      </p>
      <OutcomesTable data={data} per={per} locale={locale} title={title} />
    </figure>
  );
}

export function PeaksChart({ data, per, locale, title }: { data: readonly PeakFigures[]; per: Per; locale: Locale; title: string }) {
  const id = useId();
  const periods = data.map((d) => d.period);
  const max = Math.max(0, ...data.flatMap((d) => [d.held, d.capacity, d.safeMax]));
  const x = bandScale(periods);
  const y = scaleLinear<number>({ domain: [0, Math.max(1, max)], range: [HEIGHT - MARGIN.bottom, MARGIN.top], nice: true });
  const mid = (d: PeakFigures): number => (x(d.period) ?? 0) + x.bandwidth() / 2;
  return (
    <figure className="report-figure" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="report-chart" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-note`} data-testid="report-peaks-chart">
        <Frame periods={periods} per={per} locale={locale} x={x} y={y} max={max} />
        <Group>
          {data.map((d) => (
            <Bar key={d.period} x={x(d.period)} y={y(d.held)} width={x.bandwidth()} height={y(0) - y(d.held)} fill={HELD} />
          ))}
        </Group>
        <LinePath<PeakFigures> data={[...data]} x={mid} y={(d) => y(d.capacity)} stroke={CAPACITY} strokeWidth={2} strokeDasharray="6 3" />
        <LinePath<PeakFigures> data={[...data]} x={mid} y={(d) => y(d.safeMax)} stroke={SAFE} strokeWidth={2} />
      </svg>
      <Legend
        items={[
          { label: t(locale, 'tab.report.col.held'), colour: HELD },
          { label: t(locale, 'tab.report.col.capacity'), colour: CAPACITY, line: true },
          { label: t(locale, 'tab.report.col.safe'), colour: SAFE, line: true },
        ]}
      />
      <p id={`${id}-note`} className="report-note">
        {t(locale, 'tab.report.chartTable')}
      </p>
      <PeaksTable data={data} per={per} locale={locale} title={title} />
    </figure>
  );
}

function OutcomesTable({ data, per, locale, title }: { data: readonly Outcomes[]; per: Per; locale: Locale; title: string }) {
  const n = (v: number) => formatNumber(v, locale);
  return (
    <Table size="small" aria-label={title} data-testid="report-outcomes-table" className="report-table">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t(locale, per === 'day' ? 'tab.report.col.day' : 'tab.report.col.week')}</TableHeaderCell>
          <TableHeaderCell>{t(locale, 'tab.report.col.booked')}</TableHeaderCell>
          {OUTCOME_KEYS.map((k) => (
            <TableHeaderCell key={k}>{translate(locale, OUTCOME_LABEL[k])}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {data.map((d) => (
          <TableRow key={d.period}>
            <TableCell>{periodLabel(d.period, per, locale, 'long')}</TableCell>
            <TableCell>{n(d.booked)}</TableCell>
            {OUTCOME_KEYS.map((k) => (
              <TableCell key={k}>{n(d[k])}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function PeaksTable({ data, per, locale, title }: { data: readonly PeakFigures[]; per: Per; locale: Locale; title: string }) {
  const n = (v: number) => formatNumber(v, locale);
  return (
    <Table size="small" aria-label={title} data-testid="report-peaks-table" className="report-table">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t(locale, per === 'day' ? 'tab.report.col.day' : 'tab.report.col.week')}</TableHeaderCell>
          {per === 'week' && <TableHeaderCell>{t(locale, 'tab.report.col.peakDate')}</TableHeaderCell>}
          <TableHeaderCell>{t(locale, 'tab.report.col.held')}</TableHeaderCell>
          <TableHeaderCell>{t(locale, 'tab.report.col.capacity')}</TableHeaderCell>
          <TableHeaderCell>{t(locale, 'tab.report.col.safe')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {data.map((d) => (
          <TableRow key={d.period}>
            <TableCell>{periodLabel(d.period, per, locale, 'long')}</TableCell>
            {per === 'week' && <TableCell>{periodLabel(d.date, 'day', locale, 'long')}</TableCell>}
            <TableCell>{n(d.held)}</TableCell>
            <TableCell>{n(d.capacity)}</TableCell>
            <TableCell>{n(d.safeMax)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
