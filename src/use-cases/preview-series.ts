import { decideBooking } from '../domain/book-desk-rules';
import { bookingWindow, checkBookingWindow } from '../domain/booking-window';
import { addDays, isoWeek, isoWeekday } from '../domain/civil-date';
import { FloorDay } from '../domain/floor-day';
import { isActive, ok, type CivilDate, type Result } from '../domain/model';
import { effectivePolicy } from '../domain/policy';
import type { Refusal } from '../domain/refusal';
import { checkSeriesSpec, seriesDates } from '../domain/series';
import { NO_FREE_DESK, seriesPreferences, siteOf, wishOf, type CreateSeriesCommand, type SeriesDeps } from './book-series';
import { InvalidInputError } from './errors';
import { ownDesksAt, preferOwnDesks } from './own-desks-first';
import { suggestDesks } from './suggest-desk';

/** One named day as a series made now would treat it. */
export type PreviewDay =
  | { readonly date: CivilDate; readonly state: 'book'; readonly deskId: string }
  | { readonly date: CivilDate; readonly state: 'refused'; readonly code: string; readonly refusal?: Refusal }
  | { readonly date: CivilDate; readonly state: 'pending' };

export interface SeriesPreview {
  readonly siteId: string;
  readonly days: readonly PreviewDay[];
  /** The last day the window reaches now: later days wait for the daily pass. */
  readonly lastBookableDate: CivilDate;
}

/**
 * What `createSeries` would do with the same command, without booking anything: each day the window reaches is
 * decided by the same rules on the floors as they are now (its desk, or the desk the rules would suggest), with the
 * days the series itself would book counted against the weekly quota. Advice, like the map: the series decides again
 * when it is made, and a desk taken meanwhile is refused then.
 */
export async function previewSeries(deps: SeriesDeps, cmd: Omit<CreateSeriesCommand, 'requestId'>): Promise<Result<SeriesPreview, Refusal>> {
  const spec = { weekdays: [...new Set(cmd.weekdays)].sort(), every: cmd.every ?? 1, from: cmd.from, until: cmd.until };
  const problem = checkSeriesSpec(spec);
  if (problem) throw new InvalidInputError(`${problem.field}: ${problem.reason}`, problem.field);
  const index = await deps.catalog.current();
  const place = siteOf(index, cmd);
  if (!place.ok) return place;
  const catalog = place.value;
  const wish = wishOf(catalog, cmd);
  const dates = seriesDates(spec);
  if (dates.length === 0) throw new InvalidInputError('no day between from and until falls on these weekdays', 'weekdays');

  const now = deps.clock.now();
  const timeZone = catalog.site.timeZone;
  const last = bookingWindow({ now, timeZone, policies: catalog.policies }).lastBookableDate;
  const due = dates.filter((d) => d <= last);
  // What the weekly quota already counts in the weeks concerned, before the series' own days (a day of that week
  // booked by hand counts too).
  const weekUsed = new Map<string, number>();
  if (due.length > 0) {
    const first = addDays(due[0]!, 1 - isoWeekday(due[0]!));
    const lastDay = addDays(due[due.length - 1]!, 7 - isoWeekday(due[due.length - 1]!));
    for (const b of await deps.store.listActiveBookingsOfUser(cmd.actor.userId, first, lastDay)) {
      if (isActive(b)) weekUsed.set(isoWeek(b.date), (weekUsed.get(isoWeek(b.date)) ?? 0) + 1);
    }
  }

  // As the booking of each day will: the person's favourites first, then their desk of last time.
  const preferences = preferOwnDesks(seriesPreferences(wish), await ownDesksAt(deps, cmd.actor, catalog.site.id));
  const days: PreviewDay[] = [];
  for (const date of dates) {
    const window = checkBookingWindow({ date, now, timeZone, policies: catalog.policies });
    if (window && window.details.code === 'OUTSIDE_WINDOW' && window.details.reason === 'beyond-horizon') {
      days.push({ date, state: 'pending' });
      continue;
    }
    if (window) {
      days.push({ date, state: 'refused', code: window.code, refusal: window });
      continue;
    }
    let deskId = cmd.deskId;
    if (deskId === undefined) {
      const ranked = await suggestDesks(deps, { actor: cmd.actor, date, siteId: catalog.site.id, limit: 1, preferences });
      if (!ranked.ok) {
        days.push({ date, state: 'refused', code: ranked.error.code, refusal: ranked.error });
        continue;
      }
      const top = ranked.value[0];
      if (!top) {
        days.push({ date, state: 'refused', code: NO_FREE_DESK });
        continue;
      }
      deskId = top.desk.id;
    }
    const located = index.locateDesk(deskId);
    if (!located) {
      days.push({ date, state: 'refused', code: 'UNKNOWN_DESK' });
      continue;
    }
    const { layout } = located;
    const { ledgers, personDay } = await deps.store.readDay(date, layout.floor.id, layout.zones.map((z) => z.id), cmd.actor.userId);
    const floorDay = FloorDay.fromLedgers(layout, effectivePolicy(catalog.policies, date), date, ledgers);
    const week = isoWeek(date);
    const used = weekUsed.get(week) ?? 0;
    const decision = decideBooking({ floorDay, deskId, actor: cmd.actor, now, personDay, weekUsed: used, window: { policies: catalog.policies } });
    if (!decision.ok) {
      days.push({ date, state: 'refused', code: decision.refusal.code, refusal: decision.refusal });
      continue;
    }
    weekUsed.set(week, used + 1);
    days.push({ date, state: 'book', deskId });
  }
  return ok({ siteId: catalog.site.id, days, lastBookableDate: last });
}
