/**
 * Booking for a colleague in chat (issue 17 §3): "book a desk for Ann on Thursday", "réserve un bureau pour Ann
 * jeudi", "boek een bureau voor Ann donderdag", "buche einen Platz für Ann am Donnerstag".
 *
 * The bot only reads, asks and shows: which colleague "Ann" is comes from the people who named the caller
 * (colleague-by-name.ts), the desk from the rules applied to Ann (her groups, her one desk a day, her quota), and the
 * booking from book-for-someone.ts, which checks the delegation again at Confirm and tells Ann once. Who acts is the
 * activity's sender; a card's colleague id is only which colleague was shown.
 *
 * Not here: an admin's "anyone" (the bot's activities carry no roles, so the chat goes by delegations only), and
 * several days or a series for someone else, which the bot declines in words rather than book for the caller.
 */
import type { Actor, CivilDate } from '../domain/model';
import type { Refusal } from '../domain/refusal';
import { describeRefusal } from '../i18n/describe-refusal';
import { formatDate, formatList, t, type Locale } from '../i18n/messages';
import { bookForSomeone, colleagueAsActor, type BookForDeps } from '../use-cases/book-for-someone';
import { nextBookableDays, preferencesFor } from '../use-cases/booking-wish';
import { colleaguesOf, findColleague, type Colleague } from '../use-cases/colleague-by-name';
import type { SiteCatalog } from '../use-cases/ports';
import { suggestForDay } from '../use-cases/suggest-for-day';
import {
  bookedForCard,
  BOOK_FOR_VERBS,
  choiceForCard,
  dayChoices,
  suggestionForCard,
  type BookForActionData,
  type BookForSuggestData,
  type BookForWish,
} from './book-for-cards';
import type { BotDeps, BookForChatPorts } from './bot-deps';
import { cardDesk, catalogNames } from './card-view';
import { questionCard, statusCard, toRequestId, type AdaptiveCard } from './cards';
import type { Command, ForPerson } from './language/parse-message';

type BookCommand = Extract<Command, { kind: 'book' }>;

export interface ForSomeoneTurn {
  readonly unplaced: readonly string[];
  readonly activityId: string;
  readonly site?: SiteCatalog;
}

export class BookForChat {
  constructor(private readonly deps: BotDeps) {}

  private get ports(): BookForChatPorts | undefined {
    return this.deps.bookFor;
  }

  /**
   * Does the request name someone else? Always, except "für die Ann" / "für den Kunden", where the word after the
   * article is a colleague only when one who delegated to the caller has that name: otherwise the booking is the
   * caller's own, as it was before anyone could book for others.
   */
  async namesSomeone(person: ForPerson, actor: Actor): Promise<boolean> {
    if (person.kind !== 'maybe') return true;
    const ports = this.ports;
    if (!ports) return false;
    return (await findColleague(ports, actor, person.name)).kind !== 'none';
  }

  /** A typed request that names someone else. Nothing is booked here: every path ends on a card to click. */
  async message(cmd: BookCommand, person: ForPerson, actor: Actor, locale: Locale, turn: ForSomeoneTurn): Promise<AdaptiveCard> {
    const ports = this.ports;
    if (!ports) return statusCard({ title: t(locale, 'chat.ask.title'), text: t(locale, 'bookFor.chat.unavailable'), tone: 'attention' }, locale);
    // "book Ann's desk": a desk for Ann, or the desk Ann usually sits at? Asked, never guessed.
    if (person.kind === 'possessive') return questionCard(t(locale, 'bookFor.chat.possessive', { name: person.name }), locale);
    // "for Ann and me": one booking is one person's; asked again one at a time rather than book half of it.
    if (person.kind === 'several') return questionCard(t(locale, 'bookFor.chat.onePerson'), locale);
    const site = turn.site;
    const wish = site ? await this.wishOf(cmd, site) : {};
    const base = (id: string): Omit<BookForSuggestData, 'date'> => ({ verb: BOOK_FOR_VERBS.suggest, forPersonId: id, ...wish });
    // One day named: each colleague button goes straight to that day's desk; otherwise to the question of the day.
    const dayOf = cmd.dates.length === 1 && !cmd.series && turn.unplaced.length === 0 ? { date: cmd.dates[0]! } : {};
    if (person.kind === 'someone') {
      const all = await colleaguesOf(ports, actor);
      if (all.length === 0) return this.nobody(locale);
      // Asked even when one colleague delegated: "my manager" may be someone who has not, and a tap costs little.
      return choiceForCard({ title: t(locale, 'bookFor.chat.who.title'), text: t(locale, 'bookFor.chat.someone'), choices: all.map((c) => ({ title: c.name, data: { ...base(c.id), ...dayOf } })) });
    }
    const found = await findColleague(ports, actor, person.name);
    if (found.kind === 'none') {
      if (found.canBookFor.length === 0) return this.nobody(locale);
      const people = formatList(found.canBookFor.map((c) => c.name), locale);
      return statusCard({ title: t(locale, 'bookFor.chat.who.title'), text: t(locale, 'bookFor.chat.unknown', { name: person.name, people }), tone: 'attention' }, locale);
    }
    if (found.kind === 'several') {
      const text = t(locale, 'bookFor.chat.several', { name: person.name });
      return choiceForCard({ title: t(locale, 'bookFor.chat.who.title'), text, choices: found.colleagues.map((c) => ({ title: c.name, data: { ...base(c.id), ...dayOf } })) });
    }
    const colleague = found.colleague;
    if (cmd.series) return statusCard({ title: t(locale, 'bookFor.chat.notBooked.title', { name: colleague.name }), text: t(locale, 'bookFor.chat.noSeries', { name: colleague.name }), tone: 'attention' }, locale);
    if (turn.unplaced.length > 0) return questionCard(t(locale, 'chat.ask.unplaced', { words: turn.unplaced.join(', ') }), locale);
    if (!site) return this.pickDay(colleague, base(colleague.id), [], locale);
    if (cmd.dates.length > 1) {
      return choiceForCard({ title: t(locale, 'chat.ask.title'), text: t(locale, 'bookFor.chat.oneDay', { name: colleague.name }), choices: dayChoices(cmd.dates, base(colleague.id), locale) });
    }
    if (cmd.dates.length === 0) return this.pickDay(colleague, base(colleague.id), nextBookableDays(this.deps, site, 5), locale);
    return this.suggest(actor, colleague.id, cmd.dates[0]!, wish, site, locale, turn.activityId);
  }

  /** A click on one of this flow's buttons, by the person who clicked it (the activity's sender). */
  async action(data: BookForActionData, actor: Actor, locale: Locale, activityId: string): Promise<AdaptiveCard> {
    const ports = this.ports;
    if (!ports) return statusCard({ title: t(locale, 'chat.ask.title'), text: t(locale, 'bookFor.chat.unavailable'), tone: 'attention' }, locale);
    const index = await this.deps.catalog.current();
    if (data.verb === BOOK_FOR_VERBS.suggest) {
      const site = (data.siteId !== undefined ? index.site(data.siteId) : undefined) ?? (data.deskId !== undefined ? index.locateDesk(data.deskId)?.catalog : undefined) ?? index.sites[0];
      if (!site) return statusCard({ title: t(locale, 'chat.ask.title'), text: t(locale, 'bookFor.chat.unavailable'), tone: 'attention' }, locale);
      const { verb: _verb, forPersonId, date, ...wish } = data;
      if (date === undefined) {
        const owner = await colleagueAsActor({ ...this.deps, ...ports }, actor, forPersonId);
        if (!owner.ok) return this.refused(owner.error, forPersonId, locale);
        return this.pickDay({ id: forPersonId, name: owner.value.name ?? forPersonId }, { verb: BOOK_FOR_VERBS.suggest, forPersonId, ...wish }, nextBookableDays(this.deps, site, 5), locale);
      }
      return this.suggest(actor, forPersonId, date, wish, site, locale, activityId);
    }
    // Confirm: the delegation is read again now; a card made before it was withdrawn books nothing.
    const deps: BookForDeps = { ...this.deps, ...ports, notices: ports.notices?.() };
    const owner = await colleagueAsActor(deps, actor, data.forPersonId);
    if (!owner.ok) return this.refused(owner.error, data.forPersonId, locale);
    const name = owner.value.name ?? data.forPersonId;
    const booked = await bookForSomeone(deps, { actor, deskId: data.deskId, date: data.date, requestId: data.requestId, forPersonId: data.forPersonId });
    if (!booked.ok) return this.refused(booked.error, name, locale);
    const b = booked.value.booking;
    return bookedForCard({ name, desk: cardDesk(b.deskId, index), date: b.date, ...this.map(b.date, b.floorId) }, locale);
  }

  /** The desk the rules would give the colleague that day, on a card that says it is for them. */
  private async suggest(actor: Actor, forPersonId: string, date: CivilDate, wish: BookForWish, site: SiteCatalog, locale: Locale, activityId: string): Promise<AdaptiveCard> {
    const ports = this.ports!;
    const owner = await colleagueAsActor({ ...this.deps, ...ports }, actor, forPersonId);
    if (!owner.ok) return this.refused(owner.error, forPersonId, locale);
    const name = owner.value.name ?? forPersonId;
    const found = await suggestForDay(this.deps, { actor: owner.value, date, site, preferences: preferencesFor(wish), ...(wish.deskId !== undefined && { wantedDeskId: wish.deskId }) });
    if (found.kind === 'refused') return this.refused(found.refusal, name, locale);
    if (found.kind === 'none') return statusCard({ title: t(locale, 'bookFor.chat.notBooked.title', { name }), text: t(locale, 'bookFor.chat.noneFree', { name, date: this.day(date, locale) }), tone: 'attention' }, locale);
    const index = await this.deps.catalog.current();
    const desk = found.suggestion.desk;
    return suggestionForCard({ name, forPersonId, date, desk: cardDesk(desk.id, index), requestId: toRequestId(`${activityId}.for.${date}`), ...this.map(date, desk.floorId) }, locale);
  }

  /** The request's zone, features and desk, matched to the site: what the colleague's desk should have. */
  private async wishOf(cmd: BookCommand, site: SiteCatalog): Promise<BookForWish> {
    const index = await this.deps.catalog.current();
    const desk = cmd.deskLabel !== undefined ? index.findDeskByLabel(site.site.id, cmd.deskLabel) : undefined;
    const zone = cmd.zoneName !== undefined ? index.findZoneByName(site.site.id, cmd.zoneName) : undefined;
    // A feature no desk has is left out rather than make every desk refuse.
    const attributes = cmd.attributes.filter((a) => site.desks.some((d) => d.mode === 'bookable' && d.attributes.includes(a)));
    return {
      siteId: site.site.id,
      ...(desk && { deskId: desk.id }),
      ...(zone && { zoneId: zone.id }),
      ...(attributes.length > 0 && { attributes }),
    };
  }

  private pickDay(colleague: Colleague, base: Omit<BookForSuggestData, 'date'>, days: readonly CivilDate[], locale: Locale): AdaptiveCard {
    return choiceForCard({ title: t(locale, 'chat.ask.title'), text: t(locale, 'bookFor.chat.whichDay', { name: colleague.name }), choices: dayChoices(days, base, locale) });
  }

  private nobody(locale: Locale): AdaptiveCard {
    return statusCard({ title: t(locale, 'bookFor.chat.who.title'), text: t(locale, 'bookFor.chat.nobody'), tone: 'attention' }, locale);
  }

  /**
   * Why nothing is booked for the colleague, said of them ("Ann already has desk 3.12 that day"). No alternative is
   * offered as a button: the refusal card's buttons book for whoever clicks, which would be the caller.
   */
  private async refused(r: Refusal, name: string, locale: Locale): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const d = r.details;
    const text =
      d.code === 'ALREADY_BOOKED'
        ? t(locale, 'bookFor.chat.already', { name, desk: cardDesk(d.existingDeskId, index).label, date: this.day(d.date, locale) })
        : d.code === 'QUOTA_EXCEEDED'
          ? t(locale, 'bookFor.chat.quota', { name, quota: d.quota, week: Number(/W(\d+)/.exec(d.isoWeek)?.[1] ?? d.isoWeek) })
          : describeRefusal(r, locale, catalogNames(index));
    const title = d.code === 'NOT_ALLOWED' ? t(locale, 'card.refusal.title') : t(locale, 'bookFor.chat.notBooked.title', { name });
    return statusCard({ title, text, tone: 'attention' }, locale);
  }

  private map(date: CivilDate, floorId?: string): { mapUrl?: string } {
    const url = this.deps.mapUrl?.(date, floorId);
    return url ? { mapUrl: url } : {};
  }

  private day(date: CivilDate, locale: Locale): string {
    return formatDate(date, locale);
  }
}
