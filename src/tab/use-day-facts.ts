/** What the Book tab reads about the shown day besides the floor: free desks per day, and the person's own booking. */
import { useEffect, useState } from 'react';
import { t, type Locale } from '../i18n/messages';
import type { ApiClient } from './api-client';
import type { DaySummariesDto, FloorViewDto } from './api-types';
import type { MyDay } from './desk-panel';

/** Free desks per day, read again whenever the shown floor changes (a booking here, or one a poll brought in). */
export function useDaySummaries(api: ApiClient, floorId: string | undefined, view: FloorViewDto | undefined, epoch: number): DaySummariesDto | undefined {
  const [summaries, setSummaries] = useState<DaySummariesDto | undefined>(undefined);
  useEffect(() => {
    if (!floorId || !view) return;
    let current = true;
    api.days(floorId).then(
      (d) => current && setSummaries(d),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, floorId, view, epoch]);
  return summaries;
}

/** The person's booking on the shown day, on whichever floor it is. */
export function useMyDay(api: ApiClient, date: string | undefined, view: FloorViewDto | undefined, locale: Locale): MyDay | undefined {
  const [myDay, setMyDay] = useState<MyDay | undefined>(undefined);
  useEffect(() => {
    if (!date || !view) return;
    let current = true;
    api.bookings(undefined, { from: date, to: date }).then(
      (list) => {
        if (!current) return;
        const b = list.find((x) => x.date === date && (x.status === 'booked' || x.status === 'checked-in'));
        setMyDay(
          b && {
            bookingId: b.id,
            deskId: b.deskId,
            deskLabel: b.deskLabel ?? b.deskId,
            where: b.zoneName && b.floorName ? t(locale, 'tab.mine.place', { zone: b.zoneName, floor: b.floorName }) : (b.floorName ?? ''),
          },
        );
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, date, view, locale]);
  return myDay;
}
