/**
 * What scanning a desk's QR code opens (issue 17 §5): the desk today, for the person who scanned it. Their own desk
 * offers Check in; a free desk they may take offers "Book it for today" (then Check in); anything else says why, with
 * the alternatives the rules give. Nothing happens without a tap: a code opened by mistake books nothing.
 */
import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { t } from '../i18n/messages';
import { ApiError, type ApiClient } from './api-client';
import type { AlternativeDto } from './api-types';
import { useConnectivity } from './connectivity';
import { useLocale } from './locale';
import './everyday.css';

interface DeskTodayDto {
  readonly deskId: string;
  readonly deskLabel: string;
  readonly floorId: string;
  readonly floorName: string;
  readonly siteName: string;
  readonly zoneName?: string;
  readonly date: string;
  readonly state: 'mine' | 'free' | 'refused';
  readonly booking?: { readonly id: string; readonly status: string };
  readonly message?: string;
  readonly alternatives?: readonly AlternativeDto[];
}

/** "desk|hq-3-12" → "hq-3-12": the sub-entity of a desk's QR code; anything else → undefined. */
export function deskOfSubEntity(subEntityId: string | undefined): string | undefined {
  const m = /^desk\|([A-Za-z0-9._:-]{1,128})$/.exec(subEntityId ?? '');
  return m ? m[1] : undefined;
}

export interface DeskArrivalProps {
  readonly api: ApiClient;
  readonly deskId: string;
  /** "Open the map" at this desk and day. */
  readonly onOpenMap: (target: { date: string; floorId: string; deskId: string }) => void;
}

export function DeskArrival({ api, deskId, onOpenMap }: DeskArrivalProps) {
  const locale = useLocale();
  const { offline } = useConnectivity();
  const [desk, setDesk] = useState<DeskTodayDto | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setDesk(await api.call<DeskTodayDto>('GET', `/api/desks/${encodeURIComponent(deskId)}/today`));
    } catch (error) {
      setProblem(error instanceof ApiError && error.status === 404 ? t(locale, 'arrival.unknown') : error instanceof Error ? error.message : String(error));
    }
  }, [api, deskId, locale]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (work: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    try {
      await work();
    } catch (error) {
      // The rules decide again at the tap: the desk may have gone since the page opened.
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      await load();
      setBusy(false);
    }
  };

  if (!desk) {
    return problem ? (
      <MessageBar intent="warning" data-testid="arrival-problem">
        <MessageBarBody>{problem}</MessageBarBody>
      </MessageBar>
    ) : (
      <Spinner label={t(locale, 'tab.loading')} />
    );
  }
  const where = [desk.zoneName, desk.floorName, desk.siteName].filter(Boolean).join(' · ');
  const checkedIn = desk.state === 'mine' && desk.booking?.status === 'checked-in';
  return (
    <section className="desk-arrival" aria-labelledby="arrival-title" data-testid="desk-arrival" data-state={checkedIn ? 'checked-in' : desk.state}>
      <h2 id="arrival-title">{t(locale, 'arrival.heading', { desk: desk.deskLabel })}</h2>
      <p className="muted">{where}</p>
      <div role="status" aria-live="polite">
        {desk.state === 'mine' && <p>{checkedIn ? t(locale, 'arrival.checkedIn', { desk: desk.deskLabel }) : t(locale, 'arrival.mine')}</p>}
        {desk.state === 'free' && <p>{t(locale, 'arrival.free', { desk: desk.deskLabel })}</p>}
      </div>
      {desk.state === 'refused' && (
        <div role="alert" data-testid="arrival-refused">
          <p>
            <strong>{t(locale, 'arrival.refused', { desk: desk.deskLabel })}</strong> {desk.message}
          </p>
          {(desk.alternatives?.length ?? 0) > 0 && (
            <ul>
              {desk.alternatives!.map((a, i) => (
                <li key={i}>{a.text}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="arrival-actions">
        {desk.state === 'mine' && !checkedIn && (
          <Button appearance="primary" size="large" disabled={busy || offline} onClick={() => void act(() => api.checkIn(desk.booking!.id))}>
            {t(locale, 'arrival.checkIn')}
          </Button>
        )}
        {desk.state === 'free' && (
          <Button appearance="primary" size="large" disabled={busy || offline} onClick={() => void act(() => api.book(desk.deskId, desk.date))}>
            {t(locale, 'arrival.book')}
          </Button>
        )}
        <Button appearance="secondary" onClick={() => onOpenMap({ date: desk.date, floorId: desk.floorId, deskId: desk.deskId })}>
          {t(locale, 'arrival.openMap')}
        </Button>
      </div>
      {problem && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
