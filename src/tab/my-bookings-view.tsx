/**
 * The "My bookings" tab: upcoming bookings, with cancel (and Undo for a few seconds), check-in on the day, and a way
 * back to the map. On a phone the table reads as cards (tab.css).
 */
import { Button, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { bookingStatusLabel } from '../i18n/state-labels';
import { formatDate, t } from '../i18n/messages';
import { ApiError, type ApiClient } from './api-client';
import type { BookingDto, SiteDto } from './api-types';
import { calendarFileName, saveCalendarFile } from './calendar-file';
import { civilDateIn } from './civil-dates';
import { useConnectivity } from './connectivity';
import { dayTitle } from './day-label';
import { useLocale } from './locale';
import { BookedForOthers } from './booked-for-others';
import { describeSeries, MySeries } from './my-series';
import { OutcomeRegion, type Notice } from './outcome-region';
import type { MyBookingDto, SeriesDto } from './series-types';
import { POLL_MS } from './use-live-floor';
import { usePolling } from './use-polling';

export interface MyBookingsViewProps {
  readonly api: ApiClient;
  readonly sites: readonly SiteDto[];
  readonly onShowOnMap: (booking: BookingDto) => void;
}

export function MyBookingsView({ api, sites, onShowOnMap }: MyBookingsViewProps) {
  const locale = useLocale();
  const { offline, epoch } = useConnectivity();
  const [bookings, setBookings] = useState<readonly MyBookingDto[] | undefined>(undefined);
  const [series, setSeries] = useState<readonly SeriesDto[]>([]);
  // Cancelled in this visit: each offers its calendar cancellation (GET /api/bookings lists active bookings only).
  const [cancelledHere, setCancelledHere] = useState<readonly MyBookingDto[]>([]);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const [list, repeating] = await Promise.all([api.bookings(), api.call<SeriesDto[]>('GET', '/api/series')]);
      if (mine !== seq.current) return;
      setBookings(list);
      setSeries(repeating);
      setLoadError(undefined);
    } catch (error) {
      if (mine !== seq.current) return;
      setLoadError(error instanceof Error ? error.message : String(error));
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);
  usePolling(load, POLL_MS * 3);

  // What failed while the server was away is read again when it answers.
  useEffect(() => {
    if (epoch > 0) void load();
  }, [epoch, load]);

  // "Today" is the site's: check-in is offered on the day itself only (the server checks it again).
  const todayOf = useMemo(() => {
    const siteOfFloor = new Map(sites.flatMap((s) => s.floors.map((f) => [f.id, s] as const)));
    return (b: BookingDto): string => {
      const site = (b.floorId && siteOfFloor.get(b.floorId)) || sites[0];
      return civilDateIn(site?.timeZone ?? 'UTC');
    };
  }, [sites]);

  const run = async (b: Pick<BookingDto, 'id'>, work: () => Promise<string | Notice>): Promise<void> => {
    setBusy((s) => new Set(s).add(b.id));
    try {
      const done = await work();
      setNotice(typeof done === 'string' ? { kind: 'success', text: done } : done);
    } catch (error) {
      setNotice(
        error instanceof ApiError && error.body && error.status !== 0 && error.status < 500
          ? { kind: 'refusal', title: t(locale, 'tab.failed'), text: error.body.message }
          : { kind: 'error', title: t(locale, 'tab.failed'), text: error instanceof Error ? error.message : String(error) },
      );
    } finally {
      setBusy((s) => {
        const next = new Set(s);
        next.delete(b.id);
        return next;
      });
      await load();
    }
  };

  const label = (b: BookingDto): string => b.deskLabel ?? b.deskId;

  const cancel = (b: MyBookingDto, date: string): Promise<void> =>
    run(b, async () => {
      await api.cancel(b.id);
      setCancelledHere((c) => [b, ...c.filter((x) => x.id !== b.id)]);
      return {
        kind: 'success',
        text: t(locale, 'tab.cancelled', { desk: label(b), date }),
        undo: {
          label: t(locale, 'tab.undoDesk', { desk: label(b) }),
          run: () => void run(b, async () => (await api.book(b.deskId, b.date), t(locale, 'tab.rebooked', { desk: label(b), date }))),
        },
      };
    });

  /** Every day of the series from `from` on (default: the site's today); the days before stay. */
  const cancelRest = (s: SeriesDto, from?: string): Promise<void> =>
    run({ id: s.id }, async () => {
      await api.call('DELETE', `/api/series/${encodeURIComponent(s.id)}${from ? `?from=${encodeURIComponent(from)}` : ''}`);
      return t(locale, 'tab.mine.series.cancelled');
    });

  const addToCalendar = (b: MyBookingDto, cancelled: boolean): Promise<void> =>
    run(b, async () => {
      await saveCalendarFile(api, b.id, calendarFileName(b.date, cancelled));
      return t(locale, 'tab.calendar.saved');
    });

  const seriesById = useMemo(() => new Map(series.map((s) => [s.id, s])), [series]);

  const undoExpired = useCallback(() => setNotice((n) => (n?.undo ? { kind: n.kind, text: n.text } : n)), []);

  return (
    <div className="mine-view">
      {loadError && !offline && (
        <div role="alert" className="load-error">
          {t(locale, 'tab.mine.loadFailed', { message: loadError })}{' '}
          <Button size="small" onClick={() => void load()}>
            {t(locale, 'tab.retry')}
          </Button>
        </div>
      )}
      {!bookings && !loadError && <Spinner label={t(locale, 'tab.loading')} />}
      {bookings && bookings.length === 0 && <p data-testid="no-bookings">{t(locale, 'tab.mine.empty')}</p>}
      {bookings && bookings.length > 0 && (
        <Table size="small" aria-labelledby="mine-caption">
          <caption id="mine-caption" className="list-caption">
            {t(locale, 'tab.mine.title')}
          </caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t(locale, 'tab.mine.date')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t(locale, 'tab.mine.desk')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t(locale, 'tab.mine.where')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t(locale, 'tab.mine.status')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t(locale, 'tab.mine.actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {bookings.map((b) => {
              const today = todayOf(b);
              const date = formatDate(b.date, locale);
              const title = dayTitle(b.date, locale, today);
              return (
                <TableRow key={b.id} data-booking-id={b.id}>
                  <TableCell>
                    {title}
                    {b.seriesId && <span className="series-mark">{` · ${t(locale, 'tab.mine.series.ofSeries')}`}</span>}
                  </TableCell>
                  <TableCell>{label(b)}</TableCell>
                  <TableCell>
                    {b.zoneName && b.floorName ? t(locale, 'tab.mine.place', { zone: b.zoneName, floor: b.floorName }) : (b.floorName ?? b.zoneName ?? '')}
                  </TableCell>
                  <TableCell>{bookingStatusLabel(b.status, locale)}</TableCell>
                  <TableCell>
                    <div className="row-actions">
                      {b.status === 'booked' && b.date === today && (
                        <Button
                          size="small"
                          appearance="primary"
                          disabled={busy.has(b.id) || offline}
                          aria-label={t(locale, 'tab.action.checkInDesk', { desk: label(b) })}
                          onClick={() => void run(b, async () => (await api.checkIn(b.id), t(locale, 'tab.checkedIn', { desk: label(b) })))}
                        >
                          {t(locale, 'tab.action.checkIn')}
                        </Button>
                      )}
                      {b.status === 'booked' && (
                        <Button
                          size="small"
                          disabled={busy.has(b.id) || offline}
                          aria-label={
                            b.seriesId
                              ? t(locale, 'tab.action.onDesk', { action: t(locale, 'tab.action.cancelDay'), desk: label(b), date })
                              : t(locale, 'tab.action.cancelDesk', { desk: label(b), date })
                          }
                          onClick={() => void cancel(b, date)}
                        >
                          {t(locale, b.seriesId ? 'tab.action.cancelDay' : 'tab.action.cancel')}
                        </Button>
                      )}
                      {b.seriesId && seriesById.has(b.seriesId) && (
                        <Button
                          size="small"
                          disabled={busy.has(b.seriesId) || offline}
                          data-testid="cancel-rest"
                          aria-label={t(locale, 'tab.action.cancelRestOf', { series: describeSeries(seriesById.get(b.seriesId)!, locale) })}
                          onClick={() => void cancelRest(seriesById.get(b.seriesId!)!, b.date)}
                        >
                          {t(locale, 'tab.action.cancelRest')}
                        </Button>
                      )}
                      <Button
                        size="small"
                        appearance="subtle"
                        disabled={busy.has(b.id) || offline}
                        aria-label={t(locale, 'tab.action.onDesk', { action: t(locale, 'card.addToCalendar'), desk: label(b), date })}
                        onClick={() => void addToCalendar(b, false)}
                      >
                        {t(locale, 'card.addToCalendar')}
                      </Button>
                      {b.floorId && (
                        <Button size="small" appearance="subtle" onClick={() => onShowOnMap(b)}>
                          {t(locale, 'tab.action.showOnMap')}
                        </Button>
                      )}
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <MySeries series={series} busy={busy} offline={offline} onCancelRest={(s) => void cancelRest(s)} locale={locale} />
      <BookedForOthers api={api} />
      {cancelledHere.length > 0 && (
        <section aria-labelledby="cancelled-here-title" data-testid="cancelled-here">
          <h2 id="cancelled-here-title" className="list-caption">
            {t(locale, 'tab.mine.cancelledTitle')}
          </h2>
          <ul>
            {cancelledHere.map((b) => (
              <li key={b.id}>
                {`${formatDate(b.date, locale)} · ${label(b)} `}
                <Button
                  size="small"
                  disabled={busy.has(b.id) || offline}
                  aria-label={t(locale, 'tab.action.onDesk', { action: t(locale, 'tab.action.removeFromCalendar'), desk: label(b), date: formatDate(b.date, locale) })}
                  onClick={() => void addToCalendar(b, true)}
                >
                  {t(locale, 'tab.action.removeFromCalendar')}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <OutcomeRegion notice={notice} onDismiss={() => setNotice(undefined)} onUndoExpired={undoExpired} locale={locale} />
    </div>
  );
}
