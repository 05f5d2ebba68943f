/** The "My bookings" tab: upcoming bookings, with cancel, check-in on the day, and a way back to the map. */
import { Button, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { bookingStatusLabel } from '../i18n/describe-refusal';
import { formatDate, t } from '../i18n/messages';
import { ApiError, type ApiClient } from './api-client';
import type { BookingDto, SiteDto } from './api-types';
import { NoticeArea, type Notice } from './book-view';
import { civilDateIn } from './civil-dates';
import { useLocale } from './locale';
import { POLL_MS } from './use-live-floor';

export interface MyBookingsViewProps {
  readonly api: ApiClient;
  readonly sites: readonly SiteDto[];
  readonly onShowOnMap: (booking: BookingDto) => void;
}

export function MyBookingsView({ api, sites, onShowOnMap }: MyBookingsViewProps) {
  const locale = useLocale();
  const [bookings, setBookings] = useState<readonly BookingDto[] | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const list = await api.bookings();
      if (mine !== seq.current) return;
      setBookings(list);
      setLoadError(undefined);
    } catch (error) {
      if (mine !== seq.current) return;
      setLoadError(error instanceof Error ? error.message : String(error));
    }
  }, [api]);

  useEffect(() => {
    void load();
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void load();
    };
    const timer = setInterval(onVisible, POLL_MS * 3);
    window.addEventListener('focus', onVisible);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onVisible);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);

  // "Today" is the site's: check-in is offered on the day itself only (the server checks it again).
  const todayOf = useMemo(() => {
    const siteOfFloor = new Map(sites.flatMap((s) => s.floors.map((f) => [f.id, s] as const)));
    return (b: BookingDto): string => {
      const site = (b.floorId && siteOfFloor.get(b.floorId)) || sites[0];
      return site?.today ?? civilDateIn(site?.timeZone ?? 'UTC');
    };
  }, [sites]);

  const run = async (b: BookingDto, work: () => Promise<string>): Promise<void> => {
    setBusy((s) => new Set(s).add(b.id));
    try {
      setNotice({ kind: 'success', text: await work() });
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

  return (
    <div className="mine-view">
      <NoticeArea notice={notice} onDismiss={() => setNotice(undefined)} onAlternative={() => undefined} locale={locale} />
      {loadError && (
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
              return (
                <TableRow key={b.id} data-booking-id={b.id}>
                  <TableCell>{b.date === today ? t(locale, 'tab.date.today', { date }) : date}</TableCell>
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
                          disabled={busy.has(b.id)}
                          aria-label={t(locale, 'tab.action.checkInDesk', { desk: label(b) })}
                          onClick={() => void run(b, async () => (await api.checkIn(b.id), t(locale, 'tab.checkedIn', { desk: label(b) })))}
                        >
                          {t(locale, 'tab.action.checkIn')}
                        </Button>
                      )}
                      {b.status === 'booked' && (
                        <Button
                          size="small"
                          disabled={busy.has(b.id)}
                          aria-label={t(locale, 'tab.action.cancelDesk', { desk: label(b), date })}
                          onClick={() => void run(b, async () => (await api.cancel(b.id), t(locale, 'tab.cancelled', { desk: label(b), date })))}
                        >
                          {t(locale, 'tab.action.cancel')}
                        </Button>
                      )}
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
    </div>
  );
}
