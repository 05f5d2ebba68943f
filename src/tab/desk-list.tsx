/**
 * The floor as a table: the same desks and states as the map, for those who would rather read a list. Each row's
 * button opens the desk panel, as a click on the map does. Your desk first, then free desks, then the rest; on a
 * phone the rows read as cards (tab.css).
 */
import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useId, useMemo } from 'react';
import { deskStateLabel } from '../i18n/state-labels';
import { t } from '../i18n/messages';
import { dayTitle } from './day-label';
import type { DeskDto, FloorViewDto } from './api-types';
import { DeskPatterns, DeskShape } from './desk-glyph';
import { attributeLabel } from './attributes';
import { useLocale } from './locale';

export interface DeskListProps {
  readonly view: FloorViewDto;
  readonly matches: (desk: DeskDto) => boolean;
  readonly busy: ReadonlySet<string>;
  readonly onActivate: (desk: DeskDto) => void;
}

export function DeskList({ view, matches, busy, onActivate }: DeskListProps) {
  const locale = useLocale();
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const ids = { hatch: `${uid}-h`, bars: `${uid}-b` };
  const zoneName = useMemo(() => new Map(view.zones.map((z) => [z.id, z.name])), [view.zones]);
  const rows = useMemo(
    () => view.desks.filter(matches).sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label, undefined, { numeric: true })),
    [view.desks, matches],
  );
  const date = dayTitle(view.date, locale);
  return (
    <div className="desk-list">
      <svg width="0" height="0" aria-hidden="true" focusable="false" className="defs-only">
        <DeskPatterns ids={ids} s={0.7} />
      </svg>
      <Table size="small" aria-labelledby={`${uid}-caption`}>
        <caption id={`${uid}-caption`} className="list-caption">
          {t(locale, 'tab.list.caption', { floor: view.floor.name, date })}
        </caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t(locale, 'tab.list.desk')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t(locale, 'tab.list.zone')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t(locale, 'tab.list.features')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t(locale, 'tab.list.state')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t(locale, 'tab.list.details')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t(locale, 'tab.list.action')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((d) => (
            <TableRow key={d.id} data-desk-id={d.id} data-state={d.state}>
              <TableCell>{d.label}</TableCell>
              <TableCell>{zoneName.get(d.zoneId) ?? d.zoneId}</TableCell>
              <TableCell>{d.attributes.map((a) => attributeLabel(a, locale)).join(', ')}</TableCell>
              <TableCell>
                <span className={`desk desk-${d.state} state-cell`}>
                  <svg viewBox="0 0 1 1" width="16" height="16" aria-hidden="true" focusable="false">
                    <DeskShape state={d.state} x={0.5} y={0.5} s={0.7} ids={ids} />
                  </svg>
                  {d.stateText ?? deskStateLabel(d.state, locale)}
                </span>
              </TableCell>
              <TableCell>{d.reason}</TableCell>
              <TableCell>
                <Button
                  size="small"
                  appearance={d.state === 'free' ? 'primary' : 'secondary'}
                  disabled={busy.has(d.id)}
                  aria-label={t(locale, 'tab.list.openDesk', { desk: d.label })}
                  aria-haspopup="dialog"
                  onClick={() => onActivate(d)}
                >
                  {t(locale, 'tab.list.open')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function rank(d: DeskDto): number {
  return d.state === 'mine' ? 0 : d.state === 'free' ? 1 : 2;
}
