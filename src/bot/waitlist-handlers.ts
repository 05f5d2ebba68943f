import { civilDateOf } from '../domain/civil-date';
import type { Actor, Booking } from '../domain/model';
import type { Refusal } from '../domain/refusal';
import { describeRefusal } from '../i18n/describe-refusal';
import { formatDate, t, type Locale } from '../i18n/messages';
import { placeNames } from '../use-cases/booking-view';
import type { CatalogIndex } from '../use-cases/catalog-index';
import { InvalidInputError } from '../use-cases/errors';
import { joinWaitlist, leaveWaitlist, type WaitlistDeps } from '../use-cases/waitlist';
import { acceptOffer, declineOffer } from '../use-cases/waitlist-offers';
import type { BotDeps } from './bot-deps';
import { bookedCard, errorCard, statusCard, type AdaptiveCard } from './cards';
import { WAITLIST_VERBS, waitlistJoinedCard, type WaitlistActionData } from './cards/waitlist-cards';

/**
 * The waitlist's card actions. The actor is the channel's `from`; an entry id from a card only selects among the
 * actor's own entries (the use cases look the entry up under the actor's id), so a forged card acts on nothing.
 */
export class WaitlistHandlers {
  constructor(private readonly deps: BotDeps & Pick<WaitlistDeps, 'waitlist'>) {}

  async action(data: WaitlistActionData, actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    switch (data.verb) {
      case WAITLIST_VERBS.join:
        return this.join(data, actor, locale, index);
      case WAITLIST_VERBS.book: {
        const result = await acceptOffer(this.deps, { actor, entryId: data.entryId });
        if (result.ok) return this.booked(result.value, locale, index);
        if (result.error === 'not-found') return statusCard({ title: t(locale, 'card.error.title'), text: t(locale, 'waitlist.error.notFound'), tone: 'attention' }, locale);
        if (result.error === 'expired') return statusCard({ title: t(locale, 'card.error.title'), text: t(locale, 'waitlist.error.expired'), tone: 'attention' }, locale);
        return statusCard({ title: t(locale, 'card.refusal.title'), text: describeRefusal(result.error, locale, this.lookup(index)), tone: 'attention' }, locale);
      }
      case WAITLIST_VERBS.decline: {
        const result = await declineOffer(this.deps, { actor, entryId: data.entryId });
        if (!result.ok) return statusCard({ title: t(locale, 'card.error.title'), text: t(locale, 'waitlist.error.notFound'), tone: 'attention' }, locale);
        return statusCard({ title: t(locale, 'waitlist.declined.title'), text: t(locale, 'waitlist.declined.text', { date: formatDate(result.value.date, locale) }) }, locale);
      }
      case WAITLIST_VERBS.leave: {
        const result = await leaveWaitlist(this.deps, { actor, id: data.entryId });
        if (!result.ok) return result.error === 'not-allowed' ? errorCard('not-yours', locale) : statusCard({ title: t(locale, 'card.error.title'), text: t(locale, 'waitlist.error.notFound'), tone: 'attention' }, locale);
        return statusCard({ title: t(locale, 'waitlist.left.title'), text: t(locale, 'waitlist.left.text', { date: formatDate(result.value.date, locale) }) }, locale);
      }
    }
  }

  private async join(data: Extract<WaitlistActionData, { verb: 'waitlist.join' }>, actor: Actor, locale: Locale, index: CatalogIndex): Promise<AdaptiveCard> {
    const { date, zoneId, attributes } = data;
    try {
      const result = await joinWaitlist(this.deps, { actor, date, ...(zoneId !== undefined && { zoneId }), ...(attributes !== undefined && { attributes }) });
      if (!result.ok) return statusCard({ title: t(locale, 'card.refusal.title'), text: describeRefusal(result.error, locale, this.lookup(index)), tone: 'attention' }, locale);
      return waitlistJoinedCard({ date, position: result.value.position, entryId: result.value.entry.id }, locale);
    } catch (error) {
      // A zone that an import removed since the card was made.
      if (error instanceof InvalidInputError) return errorCard('stale', locale);
      throw error;
    }
  }

  private booked(b: Booking, locale: Locale, index: CatalogIndex): AdaptiveCard {
    const found = index.locateDesk(b.deskId);
    const zone = found?.layout.zones.find((z) => z.id === b.zoneId);
    const mapUrl = this.deps.mapUrl?.(b.date, b.floorId);
    return bookedCard(
      {
        booking: {
          id: b.id,
          date: b.date,
          status: b.status,
          deskLabel: found?.desk.label ?? b.deskId,
          ...(zone && { zoneName: zone.name }),
          ...(found && { floorName: found.layout.floor.name }),
          checkedIn: b.status === 'checked-in',
        },
        today: civilDateOf(this.deps.clock.now(), found?.layout.site.timeZone ?? 'UTC'),
        ...(mapUrl && { mapUrl }),
      },
      locale,
    );
  }

  private lookup(index: CatalogIndex) {
    return placeNames(index);
  }
}

/**
 * Whether a refusal card offers the waitlist: the desk, its zone or its neighbourhood is taken, and the floor has no
 * other desk for the person that day (a refusal lists free desks of the day first, when there are any).
 */
export function waitlistOffer(r: Refusal): { waitlistDate?: string } {
  const d = r.details;
  if (d.code !== 'DESK_TAKEN' && d.code !== 'ZONE_FULL' && d.code !== 'TOO_CLOSE') return {};
  if (r.alternatives.some((a) => a.kind === 'desk' && a.date === d.date)) return {};
  return { waitlistDate: d.date };
}
