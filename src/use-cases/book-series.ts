import { createHash } from 'node:crypto';
import { bookingWindow, checkBookingWindow } from '../domain/booking-window';
import { civilDateOf, isCivilDate } from '../domain/civil-date';
import { isActive, type Actor, type Booking, type CivilDate, type Result, ok, err } from '../domain/model';
import { refusal, type Refusal } from '../domain/refusal';
import {
  cancelFrom,
  checkSeriesSpec,
  dueDays,
  seriesDates,
  withDayOutcome,
  type Series,
  type SeriesDay,
  type SeriesEvery,
} from '../domain/series';
import type { SuggestionPreferences } from '../domain/suggest';
import { bookDesk, type BookingDeps } from './book-desk';
import type { CatalogIndex } from './catalog-index';
import { cancelBooking } from './change-booking';
import { InvalidInputError } from './errors';
import { ContentionError, CorruptDataError, type SiteCatalog } from './ports';
import type { SeriesStore } from './series-port';
import { ownDesksAt, preferOwnDesks, type OwnDesks, type OwnDesksDeps } from './own-desks-first';
import { suggestDesks } from './suggest-desk';

export interface SeriesDeps extends BookingDeps, Pick<OwnDesksDeps, 'favourites'> {
  readonly series: SeriesStore;
}

export interface CreateSeriesCommand {
  readonly actor: Actor;
  readonly deskId?: string;
  readonly siteId?: string;
  readonly weekdays: readonly number[];
  readonly every?: SeriesEvery;
  readonly from: string;
  readonly until: string;
  /** Without a desk: suggest only desks of this zone, and with all of these features. */
  readonly zoneId?: string;
  readonly attributes?: readonly string[];
  /** Repeating it returns the series it made, instead of a second one. */
  readonly requestId?: string;
}

/** A series as its owner sees it, with the refusals of the days this call tried (their alternatives). */
export interface SeriesOutcome {
  readonly series: Series;
  readonly refusals: ReadonlyMap<CivilDate, Refusal>;
}

/** A day without a desk asked for, on which no desk matched: no rule refused, there was simply none free. */
export const NO_FREE_DESK = 'NO_FREE_DESK';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** How often recording a day's outcome re-reads and merges after losing a conditional write. */
const MAX_WRITE_ATTEMPTS = 8;

export function seriesIdFor(userId: string, requestId: string): string {
  return `s${createHash('sha256').update(`series\n${userId}\n${requestId}`).digest('hex').slice(0, 24)}`;
}

/** Each day's booking has a request id of its own, so whoever books it (this call, the daily pass) books it once. */
export function dayRequestId(seriesId: string, date: CivilDate): string {
  return `series.${seriesId}.${date}`;
}

/**
 * Creates a series and books the days the booking window reaches now, each by the ordinary rules (the same desk, or
 * the desk the rules suggest that day); days beyond the horizon stay pending for the daily pass. A refused day is
 * listed with its rule and the others stand.
 *
 * The series row is written before any day is booked, with those days pending: should this process stop half-way,
 * the daily pass books the rest under the same per-day request ids, so no day is booked twice or forgotten.
 */
export async function createSeries(deps: SeriesDeps, cmd: CreateSeriesCommand): Promise<Result<SeriesOutcome, Refusal>> {
  const spec = { weekdays: [...new Set(cmd.weekdays)].sort(), every: cmd.every ?? 1, from: cmd.from, until: cmd.until };
  const problem = checkSeriesSpec(spec);
  if (problem) throw new InvalidInputError(`${problem.field}: ${problem.reason}`, problem.field);
  if (cmd.requestId !== undefined && !REQUEST_ID.test(cmd.requestId)) {
    throw new InvalidInputError('requestId must be 1 to 100 characters of letters, digits and . _ : -', 'requestId');
  }
  const index = await deps.catalog.current();
  const place = siteOf(index, cmd);
  if (!place.ok) return place;
  const catalog = place.value;
  const wish = wishOf(catalog, cmd);

  const id = cmd.requestId !== undefined ? seriesIdFor(cmd.actor.userId, cmd.requestId) : `s${deps.ids.newId()}`;
  if (cmd.requestId !== undefined) {
    const existing = await deps.series.get(cmd.actor.userId, id);
    // A retry finishes what its first try may have left (it stopped half-way): the days still due are booked under
    // their own request ids, so a day the first try booked is found, not booked again.
    if (existing) return ok(await bookDueDays(deps, existing.series, catalog, cmd.actor.groups));
  }

  const now = deps.clock.now();
  const timeZone = catalog.site.timeZone;
  const days = seriesDates(spec).map((date): SeriesDay => {
    // The window rule, as a booking would apply it: a day beyond the horizon waits for the daily pass; a past day or
    // a weekday the site does not book is refused at once, without a store round trip per day.
    const window = checkBookingWindow({ date, now, timeZone, policies: catalog.policies });
    if (!window || (window.details.code === 'OUTSIDE_WINDOW' && window.details.reason === 'beyond-horizon')) return { date, state: 'pending' };
    return { date, state: 'refused', code: window.code };
  });
  if (days.length === 0) throw new InvalidInputError('no day between from and until falls on these weekdays', 'weekdays');

  const series: Series = {
    id,
    userId: cmd.actor.userId,
    ...(cmd.actor.name !== undefined && { userName: cmd.actor.name }),
    siteId: catalog.site.id,
    ...(cmd.deskId !== undefined && { deskId: cmd.deskId }),
    ...wish,
    ...spec,
    createdAt: now.toISOString(),
    days,
  };
  if (!(await deps.series.create(series))) {
    // The same request id raced us and won: its series is the answer.
    const existing = await deps.series.get(cmd.actor.userId, id);
    if (existing) return ok({ series: existing.series, refusals: new Map() });
    throw new ContentionError(`Series ${id} was neither created nor found`);
  }
  // The days booked now are booked with the caller's groups as their token carries them now.
  return ok(await bookDueDays(deps, series, catalog, cmd.actor.groups));
}

/** Books the pending days the booking window reaches now, one after the other, and records each on the series. */
async function bookDueDays(deps: SeriesDeps, series: Series, catalog: SiteCatalog, groups: readonly string[] | undefined): Promise<SeriesOutcome> {
  const last = bookingWindow({ now: deps.clock.now(), timeZone: catalog.site.timeZone, policies: catalog.policies }).lastBookableDate;
  const refusals = new Map<CivilDate, Refusal>();
  let current = series;
  const due = dueDays(series, last);
  // Read once for all the days booked now: the owner's desks do not change between them.
  const own = due.length > 0 && series.deskId === undefined ? await ownDesksAt(deps, ownerOf(series, groups), series.siteId) : undefined;
  for (const date of due) {
    const outcome = await bookSeriesDay(deps, series, date, groups, own);
    if (outcome.refusal) refusals.set(date, outcome.refusal);
    current = await recordDay(deps, series.userId, series.id, outcome.day);
  }
  return { series: current, refusals };
}

export function siteOf(index: CatalogIndex, cmd: CreateSeriesCommand): Result<SiteCatalog, Refusal> {
  if (cmd.deskId !== undefined) {
    const located = index.locateDesk(cmd.deskId);
    if (!located) return err(refusal({ code: 'UNKNOWN_DESK', deskId: cmd.deskId }));
    if (cmd.siteId !== undefined && cmd.siteId !== located.catalog.site.id) {
      throw new InvalidInputError(`desk ${cmd.deskId} is not at site ${cmd.siteId}`, 'siteId');
    }
    return ok(located.catalog);
  }
  const catalog = cmd.siteId !== undefined ? index.site(cmd.siteId) : index.sites[0];
  if (!catalog) throw new InvalidInputError(cmd.siteId !== undefined ? `no site "${cmd.siteId}"` : 'no site is configured', 'siteId');
  return ok(catalog);
}

/**
 * The zone and features a series without a desk asks for, checked against the site: a wish no desk can meet would be
 * refused every day, so it is refused once, naming the field. With a desk, the desk says it all.
 */
export function wishOf(catalog: SiteCatalog, cmd: Pick<CreateSeriesCommand, 'deskId' | 'zoneId' | 'attributes'>): { zoneId?: string; attributes?: readonly string[] } {
  if (cmd.deskId !== undefined) {
    if (cmd.zoneId !== undefined || (cmd.attributes?.length ?? 0) > 0) throw new InvalidInputError('a series for one desk takes no zone or features', cmd.zoneId !== undefined ? 'zoneId' : 'attributes');
    return {};
  }
  if (cmd.zoneId !== undefined && !catalog.zones.some((z) => z.id === cmd.zoneId)) throw new InvalidInputError(`no zone ${cmd.zoneId} at site ${catalog.site.id}`, 'zoneId');
  const attributes = [...new Set(cmd.attributes ?? [])].sort();
  const candidates = catalog.desks.filter((d) => d.mode === 'bookable' && (cmd.zoneId === undefined || d.zoneId === cmd.zoneId));
  if (!candidates.some((d) => attributes.every((a) => d.attributes.includes(a)))) {
    throw new InvalidInputError('no bookable desk of the site (or of the zone) has all these features', 'attributes');
  }
  return { ...(cmd.zoneId !== undefined && { zoneId: cmd.zoneId }), ...(attributes.length > 0 && { attributes }) };
}

/** What a series without a desk asks the suggestion for. */
export function seriesPreferences(series: Pick<Series, 'zoneId' | 'attributes'>): SuggestionPreferences | undefined {
  if (series.zoneId === undefined && !series.attributes?.length) return undefined;
  return { require: { ...(series.zoneId !== undefined && { zoneId: series.zoneId }), ...(series.attributes?.length && { attributes: series.attributes }) } };
}

/**
 * The series owner as the rules see them on one day: no role widens what they may book, and their groups (zones
 * restricted to groups) are the ones known when the day is booked, not when the series was made. A person who has
 * left the group since is refused that zone, as the re-check after a publish would cancel them; a person not seen
 * since the server started has none, and a restricted day is refused with its reason.
 */
function ownerOf(series: Series, groups: readonly string[] | undefined): Actor {
  return { userId: series.userId, ...(series.userName !== undefined && { name: series.userName }), roles: [], ...(groups && { groups }) };
}

/**
 * Books one day of a series by the ordinary rules: its desk, or the desk the rules suggest that day. Under the day's
 * own request id, so a second attempt (a retry, another instance) finds the booking the first one made.
 */
export async function bookSeriesDay(
  deps: BookingDeps & Pick<OwnDesksDeps, 'favourites'>,
  series: Series,
  date: CivilDate,
  groups?: readonly string[],
  own?: OwnDesks,
): Promise<{ day: SeriesDay; refusal?: Refusal; booking?: Booking }> {
  const actor = ownerOf(series, groups);
  const requestId = dayRequestId(series.id, date);
  let deskId = series.deskId;
  if (deskId === undefined) {
    // The owner's favourites first, then their desk of last time, as a suggestion in chat would.
    const preferences = preferOwnDesks(seriesPreferences(series), own ?? (await ownDesksAt(deps, actor, series.siteId)));
    const ranked = await suggestDesks(deps, { actor, date, siteId: series.siteId, limit: 1, preferences });
    if (!ranked.ok) {
      const mine = await ownEarlierBooking(deps, series.userId, requestId, ranked.error);
      if (mine) return { day: { date, state: 'booked', bookingId: mine.id }, booking: mine };
      return { day: { date, state: 'refused', code: ranked.error.code }, refusal: ranked.error };
    }
    const top = ranked.value[0];
    if (!top) return { day: { date, state: 'refused', code: NO_FREE_DESK } };
    deskId = top.desk.id;
  }
  const booked = await bookDesk(deps, { actor, deskId, date, requestId, seriesId: series.id });
  if (booked.ok) return { day: { date, state: 'booked', bookingId: booked.value.id }, booking: booked.value };
  return { day: { date, state: 'refused', code: booked.error.code }, refusal: booked.error };
}

/** "Already booked" by this very series day (an earlier attempt committed): that booking is the day's outcome. */
async function ownEarlierBooking(deps: BookingDeps, userId: string, requestId: string, r: Refusal): Promise<Booking | undefined> {
  if (r.details.code !== 'ALREADY_BOOKED') return undefined;
  const found = await deps.store.getBooking(r.details.existingBookingId);
  const b = found?.booking;
  return b && b.userId === userId && b.requestId === requestId && isActive(b) ? b : undefined;
}

/**
 * Records a day's outcome on the series row, re-reading and merging when another writer (a cancel, another day)
 * came first. A day the owner cancelled meanwhile keeps its cancellation, and a booking made for it is cancelled.
 */
export async function recordDay(deps: SeriesDeps, userId: string, seriesId: string, day: SeriesDay): Promise<Series> {
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    const read = await deps.series.get(userId, seriesId);
    if (!read) throw new CorruptDataError(`Series ${seriesId} of a day being recorded is gone`);
    const { series, cancelledMeanwhile } = withDayOutcome(read.series, day);
    if (cancelledMeanwhile) {
      if (day.bookingId) await cancelBooking(deps, { actor: ownerOf(read.series, undefined), bookingId: day.bookingId });
      return read.series;
    }
    if (await deps.series.replace(series, read.version)) return series;
  }
  throw new ContentionError(`Series ${seriesId} changed ${MAX_WRITE_ATTEMPTS} times while recording ${day.date}`);
}

/** A series as shown: booked days whose booking has ended since (cancelled alone, released) show as cancelled. */
export interface SeriesSummary {
  readonly series: Series;
  readonly days: readonly SeriesDay[];
}

export async function listMySeries(deps: SeriesDeps, actor: Actor): Promise<SeriesSummary[]> {
  const all = await deps.series.listOfUser(actor.userId);
  return Promise.all(all.map((s) => summarise(deps, s)));
}

export async function summarise(deps: Pick<SeriesDeps, 'store'>, series: Series): Promise<SeriesSummary> {
  const days = [...series.days];
  // One point read per booked day (a year of two days a week is about a hundred), eight at a time.
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < days.length) {
      const i = next++;
      const d = days[i]!;
      if (d.state !== 'booked' || !d.bookingId) continue;
      const found = await deps.store.getBooking(d.bookingId);
      if (!found || !isActive(found.booking)) days[i] = { ...d, state: 'cancelled' };
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { series, days };
}

export interface CancelSeriesCommand {
  readonly actor: Actor;
  readonly seriesId: string;
  /** The first day to cancel; by default the site's today, so every future day goes and the past stays. */
  readonly from?: string;
}

/**
 * Cancels a series from a day on: pending days are dropped first (so the daily pass books none of them), then each
 * booked day is cancelled by the ordinary rule. Null when the caller has no such series.
 */
export async function cancelSeries(deps: SeriesDeps, cmd: CancelSeriesCommand): Promise<Series | null> {
  if (cmd.from !== undefined && !isCivilDate(cmd.from)) throw new InvalidInputError('from must be a real day written YYYY-MM-DD', 'from');
  const index = await deps.catalog.current();
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    const read = await deps.series.get(cmd.actor.userId, cmd.seriesId);
    if (!read) return null;
    const timeZone = index.site(read.series.siteId)?.site.timeZone ?? 'UTC';
    const from = cmd.from ?? civilDateOf(deps.clock.now(), timeZone);
    const { series, bookingsToCancel } = cancelFrom(read.series, from);
    if (!(await deps.series.replace(series, read.version))) continue;
    for (const bookingId of bookingsToCancel) {
      // A day already cancelled alone, or checked in and released, answers NOT_ACTIVE: it is gone either way.
      await cancelBooking(deps, { actor: cmd.actor, bookingId });
    }
    return series;
  }
  throw new ContentionError(`Series ${cmd.seriesId} changed ${MAX_WRITE_ATTEMPTS} times while being cancelled`);
}

export async function getMySeries(deps: SeriesDeps, actor: Actor, seriesId: string): Promise<Series | null> {
  return (await deps.series.get(actor.userId, seriesId))?.series ?? null;
}
