import { bookingWindow } from '../domain/booking-window';
import { addDays } from '../domain/civil-date';
import type { Actor, CivilDate } from '../domain/model';
import { readFloorDay, type AvailabilityDeps } from './floor-availability';
import type { Clock } from './ports';

/** One day of the booking window as the day picker shows it: how many desks the caller could book, and why not. */
export interface FloorDaySummary {
  readonly date: CivilDate;
  /** False on a day that is not a bookable weekday; such a day has no counts. */
  readonly bookable: boolean;
  readonly free: number;
  readonly total: number;
  /** The caller's own desk that day, on this floor. */
  readonly mineDeskId?: string;
}

export interface FloorDaySummaries {
  readonly today: CivilDate;
  readonly lastBookableDate: CivilDate;
  readonly days: readonly FloorDaySummary[];
}

/**
 * Every day of the window from today to the horizon (today's policy), with the number of desks still free for the
 * caller on this floor. Each bookable day is one partition read of the floor's ledgers; the window is at most a few
 * weeks, and the tab asks for it once per floor and then only when a poll sees a change.
 */
export async function floorDaySummaries(
  deps: AvailabilityDeps & { readonly clock: Clock },
  query: { actor: Pick<Actor, 'userId' | 'groups'>; floorId: string },
): Promise<FloorDaySummaries | null> {
  const found = (await deps.catalog.current()).floor(query.floorId);
  if (!found) return null;
  const timeZone = found.layout.site.timeZone;
  // The one window computation: today's horizon, and each day's own bookable weekdays.
  const window = bookingWindow({ now: deps.clock.now(), timeZone, policies: found.catalog.policies });
  const { today } = window;
  const bookable = new Set(window.bookableDates);
  const days: FloorDaySummary[] = [];
  const reads: Promise<void>[] = [];
  for (let i = 0; i <= window.horizonDays; i++) {
    const date = addDays(today, i);
    if (!bookable.has(date)) {
      days.push({ date, bookable: false, free: 0, total: 0 });
      continue;
    }
    const slot = days.length;
    days.push({ date, bookable: true, free: 0, total: 0 });
    reads.push(
      readFloorDay(deps, found.layout, found.catalog.policies, date).then((floorDay) => {
        const verdicts = floorDay.verdicts(query.actor);
        const mine = verdicts.find((v) => v.state === 'mine');
        days[slot] = {
          date,
          bookable: true,
          free: verdicts.filter((v) => v.state === 'free').length,
          total: verdicts.length,
          ...(mine && { mineDeskId: mine.desk.id }),
        };
      }),
    );
  }
  await Promise.all(reads);
  return { today, lastBookableDate: window.lastBookableDate, days };
}
