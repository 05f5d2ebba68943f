import { civilDateOf } from '../domain/civil-date';
import type { Actor, Booking, CivilDate } from '../domain/model';
import { describeRefusal } from '../i18n/describe-refusal';
import { formatDate, t, type Locale } from '../i18n/messages';
import { bookingOfToday, bookingsOnDays, changeBookingsOnDays, changeMyBooking, todayAtSite } from '../use-cases/bookings-on-days';
import type { CatalogIndex } from '../use-cases/catalog-index';
import { listMyBookings } from '../use-cases/list-my-bookings';
import type { BotDeps } from './bot-deps';
import { cardBooking, cardDesk, catalogNames, dayDone } from './card-view';
import { cancelConfirmCard } from './cards/cancel-confirm-card';
import { bookingsCard, cancelledCard, checkedInCard, errorCard, multiDayCard, releasedCard, statusCard, type AdaptiveCard, type DayResult } from './cards';

/**
 * The chat's answers about bookings already made: list them, cancel, check in, release, by day or by a card's button.
 * The actor is the channel's; a booking id from a card is checked for its owner by the use cases.
 */
export class MyBookingsHandlers {
  constructor(private readonly deps: BotDeps) {}

  async myBookings(actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const bookings = await listMyBookings(this.deps, { actor });
    // One "today" for the card: the earliest of the sites', so that no booking of today loses its buttons.
    const today = index.sites.map((s) => civilDateOf(this.deps.clock.now(), s.site.timeZone)).sort()[0] ?? civilDateOf(this.deps.clock.now(), 'UTC');
    return bookingsCard({ bookings: bookings.map((b) => cardBooking(b, index)), today }, locale);
  }

  async change(kind: 'cancel' | 'check-in' | 'release', bookingId: string, actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const changed = await changeMyBooking(this.deps, { actor, bookingId, kind });
    // A second press of Cancel: say it is done, not that it was cancelled again, nor that some rule refused.
    if (changed.kind === 'already-cancelled') return this.alreadyCancelled(changed.booking, index, locale);
    if (changed.kind === 'refused') {
      const refusal = changed.refusal;
      if (refusal.code === 'NOT_ALLOWED') return errorCard('not-yours', locale);
      if (refusal.code === 'BOOKING_NOT_FOUND') return errorCard('stale', locale);
      return statusCard({ title: t(locale, 'card.error.title'), text: describeRefusal(refusal, locale, catalogNames(index)), tone: 'attention', showBookings: true }, locale);
    }
    const b = changed.booking;
    const input = { deskLabel: cardDesk(b.deskId, index).label, date: b.date };
    if (kind === 'check-in') return checkedInCard(input, locale);
    return kind === 'cancel' ? cancelledCard(input, locale) : releasedCard(input, locale);
  }

  /**
   * "cancel Thursday" typed in chat: the bookings of those days, to confirm. Nothing is cancelled before "Yes, cancel"
   * (the card's buttons act at once: they name one booking the person can see).
   */
  async cancelDays(dates: readonly CivilDate[], actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    if (dates.length === 0) return this.myBookings(actor, locale);
    const days = await bookingsOnDays(this.deps, actor, dates);
    const booked = days.flatMap((d) => (d.booking ? [d.booking] : []));
    if (booked.length === 0) {
      if (dates.length === 1) return this.noBookingOn(dates[0]!, locale);
      const results: DayResult[] = days.map(({ date }) => ({ date, ok: false, sentence: t(locale, 'bot.noBookingOn', { date: formatDate(date, locale) }) }));
      return multiDayCard({ results, kind: 'cancelled' }, locale);
    }
    const index = await this.deps.catalog.current();
    const bookings = booked.map((b) => ({ id: b.id, date: b.date, deskLabel: cardDesk(b.deskId, index).label }));
    return cancelConfirmCard({ bookings, notBooked: days.filter((d) => !d.booking).map((d) => d.date) }, locale);
  }

  async releaseDays(dates: readonly CivilDate[], actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    if (dates.length > 0) return this.onBookingsOf(dates, actor, locale, 'release');
    const booking = await bookingOfToday(this.deps, actor);
    if (booking) return this.change('release', booking.id, actor, locale);
    const index = await this.deps.catalog.current();
    return this.onBookingsOf([todayAtSite(this.deps, index, index.sites[0]?.site.id ?? '')], actor, locale, 'release');
  }

  async checkInToday(actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    const booking = await bookingOfToday(this.deps, actor);
    if (!booking) return statusCard({ title: t(locale, 'card.error.title'), text: t(locale, 'bot.noBookingToday'), tone: 'attention', showBookings: true }, locale);
    return this.change('check-in', booking.id, actor, locale);
  }

  /** The person has no booking that day: said with a button to the bookings they do have. */
  noBookingOn(date: CivilDate, locale: Locale): AdaptiveCard {
    return statusCard({ title: t(locale, 'card.error.title'), text: t(locale, 'bot.noBookingOn', { date: formatDate(date, locale) }), tone: 'attention', showBookings: true }, locale);
  }

  /** Applies a cancel or release to the caller's booking on each day; one day answers with its own card. */
  private async onBookingsOf(dates: readonly CivilDate[], actor: Actor, locale: Locale, kind: 'cancel' | 'release'): Promise<AdaptiveCard> {
    if (dates.length === 1) {
      const [day] = await bookingsOnDays(this.deps, actor, dates);
      if (!day?.booking) return this.noBookingOn(dates[0]!, locale);
      return this.change(kind, day.booking.id, actor, locale);
    }
    const index = await this.deps.catalog.current();
    const changes = await changeBookingsOnDays(this.deps, { actor, dates, kind });
    const results: DayResult[] = changes.map(({ date, booking, result }) => {
      if (!booking || !result) return { date, ok: false, sentence: t(locale, 'bot.noBookingOn', { date: formatDate(date, locale) }) };
      return result.ok ? dayDone(date, booking.deskId, index) : { date, ok: false, sentence: describeRefusal(result.error, locale, catalogNames(index)) };
    });
    return multiDayCard({ results, kind: kind === 'cancel' ? 'cancelled' : 'released' }, locale);
  }

  private alreadyCancelled(b: Booking, index: CatalogIndex, locale: Locale): AdaptiveCard {
    const text = t(locale, 'chat.alreadyCancelled.text', { desk: cardDesk(b.deskId, index).label, date: formatDate(b.date, locale) });
    return statusCard({ title: t(locale, 'chat.alreadyCancelled.title'), text, showBookings: true }, locale);
  }
}
