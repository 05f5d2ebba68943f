import { bookableDays } from '../domain/booking-window';
import { addDays, civilDateOf } from '../domain/civil-date';
import type { Actor, Booking, CivilDate } from '../domain/model';
import { effectivePolicy } from '../domain/policy';
import type { Refusal } from '../domain/refusal';
import type { SuggestionPreferences } from '../domain/suggest';
import { describeAlternative, describeRefusal } from '../i18n/describe-refusal';
import { formatDate, t, type Locale } from '../i18n/messages';
import { bookDesk, type BookingDeps } from '../use-cases/book-desk';
import type { CatalogIndex } from '../use-cases/catalog-index';
import { cancelBooking, checkIn, releaseBooking } from '../use-cases/change-booking';
import { checkDesk } from '../use-cases/check-desk';
import { listMyBookings } from '../use-cases/list-my-bookings';
import type { SiteCatalog } from '../use-cases/ports';
import { suggestDesks } from '../use-cases/suggest-desk';
import { whoIsIn } from '../use-cases/who-is-in';
import {
  bookedCard,
  bookingsCard,
  cancelledCard,
  checkedInCard,
  errorCard,
  helpCard,
  multiDayCard,
  pickDeskCard,
  refusalCard,
  releasedCard,
  statusCard,
  suggestionCard,
  toRequestId,
  VERBS,
  whoIsInCard,
  type ActionData,
  type AdaptiveCard,
  type BookChangeData,
  type CardBooking,
  type CardDesk,
  type DayResult,
} from './cards';
import type { Command } from './language/parse-message';

export interface BotDeps extends BookingDeps {
  /** A deep link to the Book tab on a day, when the Teams app id is known. */
  readonly mapUrl?: (date: CivilDate, floorId?: string) => string | undefined;
  /** The site's privacy choice: show colleagues' names in "who is in", or counts only. */
  readonly showNamesInWhoIsIn: boolean;
}

const MAX_PICK = 12;

/**
 * What the bot does for each command and card action. Every function returns the card to show; identity is the
 * caller the channel established, and card data only says which desk, day or booking is meant.
 */
export class BotHandlers {
  constructor(private readonly deps: BotDeps) {}

  async command(cmd: Command, actor: Actor, locale: Locale, activityId: string): Promise<AdaptiveCard> {
    switch (cmd.kind) {
      case 'book':
        return this.book(cmd, actor, locale, activityId);
      case 'my-bookings':
        return this.myBookings(actor, locale);
      case 'cancel':
        return this.cancelDays(cmd.dates, actor, locale);
      case 'check-in':
        return this.checkInToday(actor, locale);
      case 'release':
        return this.releaseDays(cmd.dates, actor, locale);
      case 'who-is-in':
        return this.whoIsIn(cmd.dates, locale);
      case 'help':
        return helpCard(locale);
      case 'unknown':
        return helpCard(locale, { notUnderstood: true });
    }
  }

  async action(data: ActionData, actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    switch (data.verb) {
      case VERBS.bookConfirm:
      case VERBS.bookPick:
        return this.confirm(data.deskId, data.date, data.requestId, actor, locale);
      case VERBS.bookChange:
        return this.pickAnother(data, actor, locale);
      case VERBS.bookingCancel:
        return this.change('cancel', data.bookingId, actor, locale);
      case VERBS.bookingCheckIn:
        return this.change('check-in', data.bookingId, actor, locale);
      case VERBS.bookingRelease:
        return this.change('release', data.bookingId, actor, locale);
      case VERBS.showBookings:
        return this.myBookings(actor, locale);
    }
  }

  // --- booking -------------------------------------------------------------------------------------------------

  private async book(cmd: Extract<Command, { kind: 'book' }>, actor: Actor, locale: Locale, activityId: string): Promise<AdaptiveCard> {
    const { index, site } = await this.site();
    const dates = cmd.dates.length > 0 ? cmd.dates : [this.nextBookableDay(site)];
    const wantedDesk = cmd.deskLabel ? index.findDeskByLabel(site.site.id, cmd.deskLabel) : undefined;
    const zone = cmd.zoneName ? index.findZoneByName(site.site.id, cmd.zoneName) : undefined;
    const lastDesk = cmd.sameAsLastTime ? await this.lastDeskOf(actor, site) : undefined;
    const favourite = wantedDesk?.id ?? lastDesk;
    const preferences: SuggestionPreferences = {
      require: {
        ...(zone && { zoneId: zone.id }),
        ...(cmd.attributes.length > 0 && { attributes: cmd.attributes }),
      },
      // Also preferred, so that "why this desk" can say the desk has what was asked for.
      prefer: {
        favouriteDeskIds: favourite ? [favourite] : [],
        ...(zone && { zoneIds: [zone.id] }),
        ...(cmd.attributes.length > 0 && { attributes: cmd.attributes }),
      },
    };
    if (dates.length === 1) return this.suggestOne(dates[0]!, actor, locale, preferences, favourite, activityId);
    return this.bookMany(dates, actor, locale, preferences, activityId);
  }

  private async suggestOne(
    date: CivilDate,
    actor: Actor,
    locale: Locale,
    preferences: SuggestionPreferences,
    wantedDeskId: string | undefined,
    activityId: string,
  ): Promise<AdaptiveCard> {
    const requestId = toRequestId(`${activityId}.${date}`);
    const index = await this.deps.catalog.current();
    // Every free desk is ranked (the count on the card is of all of them); the pick card shows the first few.
    const ranked = await suggestDesks(this.deps, { actor, date, preferences, limit: Number.MAX_SAFE_INTEGER });
    if (!ranked.ok) return this.refusal(ranked.error, requestId, locale, index);
    const top = ranked.value[0];
    if (wantedDeskId && top?.desk.id !== wantedDeskId) {
      // The desk asked for is not free: say why, with the rule's numbers and alternatives.
      const why = await checkDesk(this.deps, { actor, deskId: wantedDeskId, date });
      if (why) return this.refusal(why, requestId, locale, index);
    }
    if (!top) return statusCard({ title: t(locale, 'card.refusal.title'), text: t(locale, 'bot.noDeskFree', { date: this.day(date, locale) }), tone: 'attention' }, locale);
    return suggestionCard(
      {
        date,
        desk: this.cardDesk(top.desk.id, index),
        why: top.why,
        requestId,
        ...this.map(date, top.desk.floorId),
        otherDeskCount: ranked.value.length - 1,
        constraints: { ...(preferences.require?.zoneId && { zoneId: preferences.require.zoneId }), ...(preferences.require?.attributes && { attributes: preferences.require.attributes }) },
      },
      locale,
    );
  }

  private async bookMany(
    dates: readonly CivilDate[],
    actor: Actor,
    locale: Locale,
    preferences: SuggestionPreferences,
    activityId: string,
  ): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const results: DayResult[] = [];
    for (const date of dates) {
      const ranked = await suggestDesks(this.deps, { actor, date, preferences, limit: 1 });
      if (!ranked.ok) {
        results.push({ date, ok: false, sentence: describeRefusal(ranked.error, locale, this.lookup(index)) });
        continue;
      }
      const top = ranked.value[0];
      if (!top) {
        results.push({ date, ok: false, sentence: t(locale, 'bot.noDeskFree', { date: this.day(date, locale) }) });
        continue;
      }
      // One request id per activity and day: a redelivered message books each day once.
      const booked = await bookDesk(this.deps, { actor, deskId: top.desk.id, date, requestId: toRequestId(`${activityId}.${date}`) });
      if (booked.ok) {
        const desk = this.cardDesk(booked.value.deskId, index);
        results.push({ date, ok: true, deskLabel: desk.label, ...(desk.zoneName && { zoneName: desk.zoneName }) });
      } else {
        results.push({ date, ok: false, sentence: describeRefusal(booked.error, locale, this.lookup(index)) });
      }
    }
    return multiDayCard({ results }, locale);
  }

  private async confirm(deskId: string, date: CivilDate, requestId: string, actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const booked = await bookDesk(this.deps, { actor, deskId, date, requestId });
    if (!booked.ok) return this.refusal(booked.error, requestId, locale, index);
    return bookedCard({ booking: this.cardBooking(booked.value, index), today: this.today(index), ...this.map(date, booked.value.floorId) }, locale);
  }

  private async pickAnother(data: BookChangeData, actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    const { date, requestId, deskId: exceptDeskId } = data;
    const index = await this.deps.catalog.current();
    const preferences: SuggestionPreferences = {
      require: { ...(data.zoneId && { zoneId: data.zoneId }), ...(data.attributes && { attributes: data.attributes }) },
    };
    const ranked = await suggestDesks(this.deps, { actor, date, preferences, limit: MAX_PICK + 1 });
    if (!ranked.ok) return this.refusal(ranked.error, requestId, locale, index);
    const desks = ranked.value.filter((s) => s.desk.id !== exceptDeskId).slice(0, MAX_PICK).map((s) => this.cardDesk(s.desk.id, index));
    return pickDeskCard({ date, desks, requestId, ...this.map(date) }, locale);
  }

  // --- existing bookings ---------------------------------------------------------------------------------------

  private async myBookings(actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const bookings = await listMyBookings(this.deps, { actor });
    return bookingsCard({ bookings: bookings.map((b) => this.cardBooking(b, index)), today: this.today(index) }, locale);
  }

  private async change(kind: 'cancel' | 'check-in' | 'release', bookingId: string, actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const op = kind === 'cancel' ? cancelBooking : kind === 'check-in' ? checkIn : releaseBooking;
    const result = await op(this.deps, { actor, bookingId });
    if (!result.ok) {
      if (result.error.code === 'NOT_ALLOWED') return errorCard('not-yours', locale);
      if (result.error.code === 'BOOKING_NOT_FOUND') return errorCard('stale', locale);
      return statusCard({ title: t(locale, 'card.error.title'), text: describeRefusal(result.error, locale, this.lookup(index)), tone: 'attention', showBookings: true }, locale);
    }
    const b = result.value;
    const input = { deskLabel: this.cardDesk(b.deskId, index).label, date: b.date };
    if (kind === 'check-in') return checkedInCard(input, locale);
    return kind === 'cancel' ? cancelledCard(input, locale) : releasedCard(input, locale);
  }

  private async cancelDays(dates: readonly CivilDate[], actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    if (dates.length === 0) return this.myBookings(actor, locale);
    return this.onBookingsOf(dates, actor, locale, 'cancel');
  }

  private async releaseDays(dates: readonly CivilDate[], actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    return this.onBookingsOf(dates.length > 0 ? dates : [this.today(index)], actor, locale, 'release');
  }

  private async checkInToday(actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const today = this.today(index);
    const [booking] = await listMyBookings(this.deps, { actor, from: today, to: today });
    if (!booking) return statusCard({ title: t(locale, 'card.error.title'), text: t(locale, 'bot.noBookingToday'), tone: 'attention', showBookings: true }, locale);
    return this.change('check-in', booking.id, actor, locale);
  }

  /** Applies a cancel or release to the caller's booking on each day; one day answers with its own card. */
  private async onBookingsOf(dates: readonly CivilDate[], actor: Actor, locale: Locale, kind: 'cancel' | 'release'): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const sorted = [...dates].sort();
    const mine = await listMyBookings(this.deps, { actor, from: sorted[0]!, to: sorted[sorted.length - 1]! });
    if (dates.length === 1) {
      const booking = mine.find((b) => b.date === dates[0]);
      if (!booking) return statusCard({ title: t(locale, 'card.error.title'), text: t(locale, 'bot.noBookingOn', { date: this.day(dates[0]!, locale) }), tone: 'attention', showBookings: true }, locale);
      return this.change(kind, booking.id, actor, locale);
    }
    const results: DayResult[] = [];
    for (const date of sorted) {
      const booking = mine.find((b) => b.date === date);
      if (!booking) {
        results.push({ date, ok: false, sentence: t(locale, 'bot.noBookingOn', { date: this.day(date, locale) }) });
        continue;
      }
      const op = kind === 'cancel' ? cancelBooking : releaseBooking;
      const r = await op(this.deps, { actor, bookingId: booking.id });
      const desk = this.cardDesk(booking.deskId, index);
      results.push(
        r.ok
          ? { date, ok: true, deskLabel: desk.label, ...(desk.zoneName && { zoneName: desk.zoneName }) }
          : { date, ok: false, sentence: describeRefusal(r.error, locale, this.lookup(index)) },
      );
    }
    return multiDayCard({ results }, locale);
  }

  private async whoIsIn(dates: readonly CivilDate[], locale: Locale): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const date = dates[0] ?? this.today(index);
    const zones = await whoIsIn(this.deps, { date, showNames: this.deps.showNamesInWhoIsIn });
    return whoIsInCard(
      { date, zones: zones.map((z) => ({ name: `${z.floorName} · ${z.zoneName}`, booked: z.booked, capacity: z.capacity, ...(z.names && { names: z.names }) })) },
      locale,
    );
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  private refusal(r: Refusal, requestId: string, locale: Locale, index: CatalogIndex): AdaptiveCard {
    return refusalCard(
      {
        sentence: describeRefusal(r, locale, this.lookup(index)),
        alternatives: r.alternatives.map((a) => ({ deskId: a.deskId, deskLabel: a.deskLabel, date: a.date, text: describeAlternative(a, locale) })),
        requestId,
      },
      locale,
    );
  }

  private async site(): Promise<{ index: CatalogIndex; site: SiteCatalog }> {
    const index = await this.deps.catalog.current();
    const site = index.sites[0];
    if (!site) throw new Error('No site is configured: import one with `npm run import`');
    return { index, site };
  }

  private today(index: CatalogIndex): CivilDate {
    return civilDateOf(this.deps.clock.now(), index.sites[0]?.site.timeZone ?? 'UTC');
  }

  private nextBookableDay(site: SiteCatalog): CivilDate {
    const now = this.deps.clock.now();
    const today = civilDateOf(now, site.site.timeZone);
    const rules = effectivePolicy(site.policies, today).rules;
    return bookableDays({ now, timeZone: site.site.timeZone, rules })[0] ?? today;
  }

  /** The desk of the person's latest booking in the last month, for "the same desk as last time". */
  private async lastDeskOf(actor: Actor, site: SiteCatalog): Promise<string | undefined> {
    const today = civilDateOf(this.deps.clock.now(), site.site.timeZone);
    const recent = await listMyBookings(this.deps, { actor, from: addDays(today, -30), to: addDays(today, 30) });
    const past = recent.filter((b) => b.date <= today);
    return (past[past.length - 1] ?? recent[0])?.deskId;
  }

  private cardDesk(deskId: string, index: CatalogIndex): CardDesk {
    const found = index.locateDesk(deskId);
    if (!found) return { id: deskId, label: deskId };
    const zone = found.layout.zones.find((z) => z.id === found.desk.zoneId);
    return {
      id: deskId,
      label: found.desk.label,
      ...(zone && { zoneName: zone.name }),
      floorName: found.layout.floor.name,
      attributes: found.desk.attributes,
    };
  }

  private cardBooking(b: Booking, index: CatalogIndex): CardBooking {
    const desk = this.cardDesk(b.deskId, index);
    return {
      id: b.id,
      date: b.date,
      status: b.status,
      deskLabel: desk.label,
      ...(desk.zoneName && { zoneName: desk.zoneName }),
      ...(desk.floorName && { floorName: desk.floorName }),
      checkedIn: b.status === 'checked-in',
    };
  }

  private lookup(index: CatalogIndex) {
    return {
      deskLabel: (id: string) => index.locateDesk(id)?.desk.label,
      zoneName: (id: string) => index.sites.flatMap((s) => s.zones).find((z) => z.id === id)?.name,
    };
  }

  private map(date: CivilDate, floorId?: string): { mapUrl?: string } {
    const url = this.deps.mapUrl?.(date, floorId);
    return url ? { mapUrl: url } : {};
  }

  private day(date: CivilDate, locale: Locale): string {
    return formatDate(date, locale);
  }
}
