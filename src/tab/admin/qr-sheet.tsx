/**
 * The printable sheet of desk QR codes (issue 17 §5; ?view=admin&print=qr): one card per desk with its label, zone
 * and floor, and a code that opens the Book tab at that desk in Teams. The codes come from the server as bits and are
 * drawn here as SVG, so nothing here renders markup it was sent.
 */
import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { t } from '../../i18n/messages';
import type { ApiClient } from '../api-client';
import type { SiteDto } from '../api-types';
import { useLocale } from '../locale';
import { SitePicker } from '../site-picker';
import './qr-sheet.css';

interface DeskCodeDto {
  readonly deskId: string;
  readonly deskLabel: string;
  readonly floorName: string;
  readonly zoneName?: string;
  readonly link: string;
  /** Each row's dark modules as hex, the leftmost module in the highest bit. */
  readonly qr: { readonly size: number; readonly rows: readonly string[] };
}

interface SheetDto {
  readonly site: { readonly id: string; readonly name: string };
  readonly desks: readonly DeskCodeDto[];
}

/** Modules of white around a code: the quiet zone scanners need. */
const QUIET = 4;

/** The dark modules as one path: a rectangle per run of dark modules in a row. */
export function qrPathOf(size: number, rows: readonly string[]): string {
  let path = '';
  rows.forEach((hex, y) => {
    const dark = (x: number): boolean => ((parseInt(hex[x >> 2] ?? '0', 16) >> (3 - (x & 3))) & 1) === 1;
    for (let x = 0; x < size; ) {
      if (!dark(x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && dark(x)) x++;
      path += `M${start} ${y}h${x - start}v1h-${x - start}z`;
    }
  });
  return path;
}

/** The Admin tab's way to the sheet: the same page, with `print=qr` and the chosen site. */
export function QrSheetLink({ siteId }: { siteId: string | undefined }) {
  const locale = useLocale();
  const url = new URL(window.location.href);
  url.searchParams.set('view', 'admin');
  url.searchParams.set('print', 'qr');
  if (siteId) url.searchParams.set('site', siteId);
  return (
    <a className="qr-sheet-link" href={`${url.pathname}${url.search}`}>
      {t(locale, 'qr.link')}
    </a>
  );
}

export function QrSheet({ api, sites }: { api: ApiClient; sites: readonly SiteDto[] }) {
  const locale = useLocale();
  const [siteId, setSiteId] = useState<string>(() => {
    const wanted = new URLSearchParams(window.location.search).get('site');
    return sites.find((s) => s.id === wanted)?.id ?? sites[0]?.id ?? '';
  });
  const [sheet, setSheet] = useState<SheetDto | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setSheet(undefined);
    setProblem(undefined);
    if (!siteId) return;
    api.call<SheetDto>('GET', `/api/admin/sites/${encodeURIComponent(siteId)}/desk-codes`).then(
      (s) => live && setSheet(s),
      (error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [api, siteId]);

  const back = new URL(window.location.href);
  back.searchParams.delete('print');
  return (
    <div className="qr-sheet" data-testid="qr-sheet">
      <div className="qr-controls">
        <h2>{t(locale, 'qr.title')}</h2>
        <p>{t(locale, 'qr.intro')}</p>
        <div className="qr-control-row">
          {sites.length > 1 && (
            <SitePicker sites={sites} value={siteId} onChange={setSiteId} label={t(locale, 'qr.site')} />
          )}
          <Button appearance="primary" onClick={() => window.print()} disabled={!sheet}>
            {t(locale, 'qr.print')}
          </Button>
          <a href={`${back.pathname}${back.search}`}>{t(locale, 'qr.back')}</a>
        </div>
      </div>
      {problem && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {!sheet && !problem && <Spinner label={t(locale, 'tab.loading')} />}
      {sheet && sheet.desks.length === 0 && <p>{t(locale, 'qr.none')}</p>}
      {sheet && sheet.desks.length > 0 && (
        <ul className="qr-grid" aria-label={sheet.site.name}>
          {sheet.desks.map((d) => {
            const side = d.qr.size + 2 * QUIET;
            return (
              <li key={d.deskId} className="qr-card" data-desk-id={d.deskId} data-link={d.link}>
                <svg role="img" aria-label={t(locale, 'qr.alt', { desk: d.deskLabel })} viewBox={`${-QUIET} ${-QUIET} ${side} ${side}`} shapeRendering="crispEdges">
                  <rect x={-QUIET} y={-QUIET} width={side} height={side} fill="#fff" />
                  <path d={qrPathOf(d.qr.size, d.qr.rows)} fill="#000" />
                </svg>
                <div className="qr-caption">
                  <strong>{d.deskLabel}</strong>
                  <span>{[d.zoneName, d.floorName].filter(Boolean).join(' · ')}</span>
                  <span>{sheet.site.name}</span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
