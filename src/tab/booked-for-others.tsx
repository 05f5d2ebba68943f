/**
 * "Booked for others", in My bookings: the upcoming desks the person booked for colleagues who still let them
 * (GET /api/me/booked-for), each with Cancel. The server decides who may cancel and tells the colleague in Teams; this
 * only lists and asks. People who booked for nobody see nothing of it.
 */
import { Button } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { t } from '../i18n/messages';
import { ApiError, type ApiClient } from './api-client';
import type { BookingDto } from './api-types';
import { useConnectivity } from './connectivity';
import { dayTitle } from './day-label';
import { useLocale } from './locale';
import { POLL_MS } from './use-live-floor';
import { usePolling } from './use-polling';
import './everyday.css';

/** A booking the caller made for a colleague, with the name the colleague gave when delegating. */
export type BookedForDto = BookingDto & { readonly ownerName?: string };

export function BookedForOthers({ api }: { api: ApiClient }) {
  const locale = useLocale();
  const { offline } = useConnectivity();
  const [list, setList] = useState<readonly BookedForDto[]>([]);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<{ readonly kind: 'ok' | 'error'; readonly text: string } | undefined>(undefined);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      // One page of the most the API gives: a delegate books for a few colleagues over a two-week window.
      const page = await api.call<BookedForDto[]>('GET', '/api/me/booked-for?limit=200');
      if (mine === seq.current) setList(page);
    } catch {
      // The section is an extra of My bookings, whose own list reports a server that does not answer.
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);
  usePolling(load, POLL_MS * 3);

  if (list.length === 0 && !status) return null;
  const desk = (b: BookedForDto) => b.deskLabel ?? b.deskId;
  const owner = (b: BookedForDto): string => b.ownerName ?? b.userId ?? '';

  const cancel = async (b: BookedForDto): Promise<void> => {
    setBusy(b.id);
    const words = { desk: desk(b), name: owner(b), date: dayTitle(b.date, locale) };
    try {
      await api.cancel(b.id);
      setStatus({ kind: 'ok', text: t(locale, 'tab.bookedFor.cancelled', words) });
    } catch (error) {
      setStatus({ kind: 'error', text: error instanceof ApiError || error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(undefined);
      await load();
    }
  };

  return (
    <section aria-labelledby="booked-for-title" className="booked-for-others" data-testid="booked-for-others">
      <h2 id="booked-for-title" className="list-caption">
        {t(locale, 'tab.bookedFor.heading')}
      </h2>
      {list.length > 0 && (
        <>
          <p>{t(locale, 'tab.bookedFor.intro')}</p>
          <ul className="people-list">
            {list.map((b) => (
              <li key={b.id} data-booking-id={b.id}>
                <span>
                  {dayTitle(b.date, locale)} · {t(locale, 'tab.bookedFor.item', { desk: desk(b), name: owner(b) })}
                </span>
                <Button
                  size="small"
                  disabled={busy !== undefined || offline}
                  aria-label={t(locale, 'tab.bookedFor.cancelLabel', { desk: desk(b), name: owner(b), date: dayTitle(b.date, locale) })}
                  onClick={() => void cancel(b)}
                >
                  {t(locale, 'tab.bookedFor.cancel')}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      <div role="status" aria-live="polite" className={status?.kind === 'error' ? 'delegates-error' : undefined} data-testid="booked-for-status">
        {status?.text}
      </div>
    </section>
  );
}
