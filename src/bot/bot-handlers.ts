import { isoWeekday } from '../domain/civil-date';
import { dateOfBookingId, type Actor, type Booking, type CivilDate } from '../domain/model';
import type { SuggestionPreferences } from '../domain/suggest';
import { describeAlternative, describeRefusal } from '../i18n/describe-refusal';
import { formatDate, t, type Locale } from '../i18n/messages';
import { bookDesk } from '../use-cases/book-desk';
import { bookDays, cancelBookings } from '../use-cases/book-days';
import { nextBookableDays, planBooking, preferencesFor } from '../use-cases/booking-wish';
import { bookingOn, todayAtSite } from '../use-cases/bookings-on-days';
import { chooseSite, siteOfCardAction } from '../use-cases/choose-site';
import type { Discussion, DiscussionStore } from '../use-cases/discussion-port';
import { listMyBookings } from '../use-cases/list-my-bookings';
import { moveBooking } from '../use-cases/move-booking';
import { ownDesksAt, preferOwnDesks } from '../use-cases/own-desks-first';
import type { SiteCatalog } from '../use-cases/ports';
import type { CatalogIndex } from '../use-cases/catalog-index';
import { suggestDesks } from '../use-cases/suggest-desk';
import { suggestForDay, type DaySuggestion } from '../use-cases/suggest-for-day';
import { whoIsIn } from '../use-cases/who-is-in';
import { cardBooking, cardDesk, catalogNames, dayDone, refusalCardOf } from './card-view';
import { attributesText } from './cards/card-parts';
import { withNote } from './cards/chat-cards';
import { withJoinWaitlist } from './cards/waitlist-cards';
import {
  askDayCard,
  bookedCard,
  confirmDaysCard,
  helpCard,
  multiDayCard,
  offerCancelCard,
  pickDeskCard,
  questionCard,
  siteChoiceCard,
  statusCard,
  suggestionCard,
  toRequestId,
  VERBS,
  whoIsInCard,
  type ActionData,
  type AdaptiveCard,
  type BookChangeData,
  type DayResult,
} from './cards';
import { findSiteName } from './language/find-site-name';
import { foldPhrase } from './language/fold-text';
import { parseMessage, type Command } from './language/parse-message';
import { MyBookingsHandlers } from './my-bookings-handlers';
import { BookForChat } from './book-for-chat';
import { previewSeries, seriesRequestOf } from './series-chat';
import type { BotDeps } from './bot-deps';

// BotDeps has its own file so that the handlers of other features can take it without importing these handlers.
export type { BotDeps } from './bot-deps';

const MAX_PICK = 12;

/** What a turn brings besides its command: the words that could not be used as days, and whose conversation it is. */
export interface ChatTurn {
  readonly unplaced: readonly string[];
  /** Conversation and person: where the booking under discussion is remembered. */
  readonly discussionKey: string;
  readonly activityId: string;
  /**
   * The site the message was read in (named, chosen earlier, the only one, or the person's usual one); left out when
   * there are several and nothing says which, so that a booking asks rather than guess.
   */
  readonly site?: SiteCatalog;
  /** The message as typed, carried by a "which site?" card so that it can be read again in the site chosen. */
  readonly text?: string;
}

/** Commands that act on one site's desks: without a site they ask which one. The rest act on the person's bookings. */
const NEEDS_SITE: ReadonlySet<Command['kind']> = new Set(['book', 'who-is-in']);

type BookCommand = Extract<Command, { kind: 'book' }>;

/**
 * What the bot does for each command and card action. Every function returns the card to show; identity is the
 * caller the channel established, and card data only says which desk, day or booking is meant.
 */
export class BotHandlers {
  private readonly mine: MyBookingsHandlers;
  private readonly forSomeone: BookForChat;

  constructor(
    private readonly deps: BotDeps,
    /** The booking under discussion, per conversation and person; shared by every instance of the server. */
    private readonly memory: DiscussionStore,
  ) {
    this.mine = new MyBookingsHandlers(deps);
    this.forSomeone = new BookForChat(deps);
  }

  /**
   * A typed message: finds the site it is about, reads its days in that site's time zone, and answers it.
   * `chosenSiteId` is a site just clicked on a "which site?" card, which wins over everything else.
   */
  async message(
    text: string,
    actor: Actor,
    turn: { readonly discussionKey: string; readonly activityId: string; readonly activityLocale?: string; readonly chosenSiteId?: string },
  ): Promise<{ card: AdaptiveCard; locale: Locale }> {
    const index = await this.deps.catalog.current();
    // A site's name is taken out of the text before it is parsed, so that no word of it is read as a day.
    const named = index.sites.length > 1 ? findSiteName(text, index.sites.map((s) => s.site)) : undefined;
    const choice = await chooseSite(
      { ...this.deps, discussions: this.memory },
      { actor, discussionKey: turn.discussionKey, ...((turn.chosenSiteId ?? named?.siteId) !== undefined && { siteId: turn.chosenSiteId ?? named?.siteId }) },
    );
    const site = choice.kind === 'site' ? choice.site : undefined;
    // Nothing says which site: read the days anywhere (only bookings of the person's own are acted on this way);
    // a command that needs a site asks which, and is read again once it is chosen.
    const readIn = site ?? index.sites[0];
    const known = site ? [site] : index.sites;
    const parsed = parseMessage(named?.rest ?? text, {
      now: this.deps.clock.now(),
      timeZone: readIn?.site.timeZone ?? 'UTC',
      ...(turn.activityLocale !== undefined && { activityLocale: turn.activityLocale }),
      zoneNames: known.flatMap((s) => s.zones.map((z) => z.name)),
      deskLabels: known.flatMap((s) => s.desks.map((d) => d.label)),
    });
    const card = await this.command(parsed.command, actor, parsed.locale, turn.activityId, {
      unplaced: parsed.unplaced,
      discussionKey: turn.discussionKey,
      ...(site && { site }),
      text,
    });
    return { card, locale: parsed.locale };
  }

  async command(cmd: Command, actor: Actor, locale: Locale, activityId: string, turn?: Omit<ChatTurn, 'activityId'>): Promise<AdaptiveCard> {
    const site = turn?.site ?? (await this.onlySite());
    const chat: ChatTurn = { unplaced: turn?.unplaced ?? [], discussionKey: turn?.discussionKey ?? actor.userId, activityId, ...(site && { site }), ...(turn?.text !== undefined && { text: turn.text }) };
    if (!chat.site && NEEDS_SITE.has(cmd.kind)) return this.askSite(chat.text, locale);
    // "for Ann": the colleague's own flow (book-for-chat.ts), which never books for the caller.
    if (cmd.kind === 'book' && cmd.forPerson && (await this.forSomeone.namesSomeone(cmd.forPerson, actor))) {
      return this.forSomeone.message(cmd, cmd.forPerson, actor, locale, chat);
    }
    // "cancel Ann's desk": never read as the caller's own desk; chat cancels only the caller's (the tab lists the
    // desks they booked for others, each with Cancel).
    if ((cmd.kind === 'cancel' || cmd.kind === 'release') && cmd.forPerson && (await this.forSomeone.namesSomeone(cmd.forPerson, actor))) {
      const name = 'name' in cmd.forPerson ? cmd.forPerson.name : undefined;
      return statusCard(
        { title: t(locale, 'chat.changeFor.title'), text: name ? t(locale, 'chat.changeFor.named', { name }) : t(locale, 'chat.changeFor.someone'), tone: 'attention' },
        locale,
      );
    }
    // A repeat of weekdays is a series: its own flow (series-chat.ts) shows what was understood and books on Confirm.
    const series = this.deps.series ? seriesRequestOf(cmd, chat.unplaced) : undefined;
    if (series && cmd.kind === 'book') return previewSeries({ ...this.deps, series: this.deps.series! }, cmd, series, locale, activityId);
    // Day-like words that could not be used: ask, never act on the days that were understood alone.
    if (chat.unplaced.length > 0 && cmd.kind !== 'check-in' && cmd.kind !== 'my-bookings' && cmd.kind !== 'help') {
      return cmd.kind === 'book'
        ? this.askDay(cmd, chat.unplaced, locale, chat.site!)
        : questionCard(t(locale, 'chat.ask.unplaced', { words: chat.unplaced.join(', ') }), locale);
    }
    switch (cmd.kind) {
      case 'book':
        return this.book(cmd, actor, locale, chat);
      case 'offer-cancel':
        return this.offerCancel(cmd.dates, actor, locale, chat);
      case 'move':
        return this.move(cmd.from, cmd.to, actor, locale, chat);
      case 'another-desk':
        return this.anotherDesk(cmd.dates, actor, locale, chat);
      case 'greeting':
        return statusCard({ title: t(locale, 'chat.greeting.title'), text: t(locale, 'chat.greeting.text') }, locale);
      case 'thanks':
        return statusCard({ title: t(locale, 'chat.thanks.title'), text: t(locale, 'chat.thanks.text') }, locale);
      case 'my-bookings':
        return this.mine.myBookings(actor, locale);
      case 'cancel':
        return this.mine.cancelDays(cmd.dates, actor, locale);
      case 'check-in':
        return this.mine.checkInToday(actor, locale);
      case 'release':
        return this.mine.releaseDays(cmd.dates, actor, locale);
      case 'who-is-in':
        return this.whoIsIn(cmd.dates, locale, chat.site!);
      case 'help':
        return helpCard(locale);
      case 'unknown':
        return helpCard(locale, { notUnderstood: true });
    }
  }

  async action(data: ActionData, actor: Actor, locale: Locale, turn?: Omit<ChatTurn, 'unplaced'>): Promise<AdaptiveCard> {
    const key = turn?.discussionKey ?? actor.userId;
    const activityId = turn?.activityId ?? this.deps.ids.newId();
    switch (data.verb) {
      case VERBS.bookConfirm:
      case VERBS.bookPick:
        return this.confirm(data.deskId, data.date, data.requestId, actor, locale, key);
      case VERBS.bookDay: {
        const site = await this.siteOfAction(data, actor, key);
        if (!site) return this.askSite(undefined, locale);
        return this.suggestOne(data.date, actor, locale, preferencesFor(data), undefined, activityId, key, site);
      }
      case VERBS.bookDays: {
        const site = await this.siteOfAction(data, actor, key);
        if (!site) return this.askSite(undefined, locale);
        return this.bookConfirmedDays(data.dates, data.requestId, preferencesFor(data), actor, locale, key, site);
      }
      case VERBS.cancelMany:
        return this.cancelMany(data.bookingIds, actor, locale);
      case VERBS.bookChange: {
        const site = await this.siteOfAction(data, actor, key);
        if (!site) return this.askSite(undefined, locale);
        return this.pickAnother(data, actor, locale, site);
      }
      case VERBS.siteChoose: {
        // The message that asked is answered again, read in the site chosen; without one, "which day?" there.
        if (data.text !== undefined) return (await this.message(data.text, actor, { discussionKey: key, activityId, activityLocale: locale, chosenSiteId: data.siteId })).card;
        const chosen = await chooseSite({ ...this.deps, discussions: this.memory }, { actor, discussionKey: key, siteId: data.siteId });
        if (chosen.kind !== 'site') return this.askSite(undefined, locale);
        return this.askDay({ kind: 'book', dates: [], attributes: [], sameAsLastTime: false }, [], locale, chosen.site);
      }
      case VERBS.bookingCancel:
        return this.mine.change('cancel', data.bookingId, actor, locale);
      case VERBS.bookingCheckIn:
        return this.mine.change('check-in', data.bookingId, actor, locale);
      case VERBS.bookingRelease:
        return this.mine.change('release', data.bookingId, actor, locale);
      case VERBS.showBookings:
        return this.mine.myBookings(actor, locale);
    }
  }

  // --- booking -------------------------------------------------------------------------------------------------

  private async book(cmd: BookCommand, actor: Actor, locale: Locale, chat: ChatTurn): Promise<AdaptiveCard> {
    const site = chat.site!;
    // No day named: ask, with the next bookable days as buttons, rather than pick one for them.
    if (cmd.dates.length === 0) return this.askDay(cmd, [], locale, site);
    const dates = cmd.dates;
    const plan = await planBooking(this.deps, {
      actor,
      site,
      dates,
      ...(cmd.deskLabel !== undefined && { deskLabel: cmd.deskLabel }),
      zoneIds: cmd.zoneName ? this.zonesNamed(site, cmd.zoneName).map((z) => z.id) : [],
      attributes: cmd.attributes,
      sameAsLastTime: cmd.sameAsLastTime,
    });
    const card =
      dates.length === 1
        ? await this.suggestOne(dates[0]!, actor, locale, plan.preferences, plan.favouriteDeskId, chat.activityId, chat.discussionKey, site)
        : // Several days: show what was understood and book on one Confirm, never straight away.
          await this.confirmPending(dates, plan.constraints, locale, chat);
    const missing = plan.missingAttributes;
    if (missing.length === 0) return card;
    // A feature no desk has is named, and the rest of the wish is still honoured: never a bare "no desk matches".
    const rest = attributesText(plan.attributes, locale);
    return withNote(
      card,
      rest
        ? t(locale, 'chat.noSuchFeature.rest', { missing: missing.join(', '), rest })
        : t(locale, 'chat.noSuchFeature', { missing: missing.join(', ') }),
    );
  }

  private async confirmPending(
    dates: readonly CivilDate[],
    constraints: NonNullable<Discussion['pending']>['constraints'],
    locale: Locale,
    chat: ChatTurn,
    discussed?: Discussion,
  ): Promise<AdaptiveCard> {
    const before = discussed ?? (await this.memory.get(chat.discussionKey));
    await this.remember(chat.discussionKey, { ...before, pending: { dates: [...dates], constraints } });
    return confirmDaysCard({ dates, requestId: toRequestId(`${chat.activityId}.days`), constraints, ...(chat.site && { siteId: chat.site.site.id }) }, locale);
  }

  private zonesNamed(site: SiteCatalog, name: string): SiteCatalog['zones'][number][] {
    const wanted = foldPhrase(name);
    return site.zones.filter((z) => foldPhrase(z.name) === wanted);
  }

  private async askDay(cmd: Command, unplaced: readonly string[], locale: Locale, site: SiteCatalog): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const zone = cmd.kind === 'book' && cmd.zoneName ? index.findZoneByName(site.site.id, cmd.zoneName) : undefined;
    const attributes = cmd.kind === 'book' ? cmd.attributes : [];
    return askDayCard(
      {
        unplaced,
        days: nextBookableDays(this.deps, site, 5),
        constraints: { ...(zone && { zoneId: zone.id }), ...(attributes.length > 0 && { attributes }) },
        ...(index.sites.length > 1 && { siteId: site.site.id }),
      },
      locale,
    );
  }

  private async bookConfirmedDays(
    dates: readonly CivilDate[],
    requestId: string,
    preferences: SuggestionPreferences,
    actor: Actor,
    locale: Locale,
    key: string,
    site: SiteCatalog,
  ): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const own = await ownDesksAt(this.deps, actor, site.site.id);
    const outcomes = await bookDays(this.deps, { actor, dates, preferences: preferOwnDesks(preferences, own), requestId, siteId: site.site.id });
    const results: DayResult[] = outcomes.map((o) => {
      if (o.ok) return dayDone(o.date, o.booking.deskId, index);
      if (!o.refusal) return { date: o.date, ok: false, sentence: t(locale, 'chat.multi.noDesk') };
      const first = o.refusal.alternatives[0];
      return {
        date: o.date,
        ok: false,
        sentence: describeRefusal(o.refusal, locale, catalogNames(index)),
        ...(first && { alternative: describeAlternative(first, locale) }),
      };
    });
    const booked = outcomes.flatMap((o) => (o.ok ? [o.booking] : []));
    const last = booked[booked.length - 1];
    if (last) await this.remember(key, { date: last.date, bookingId: last.id, deskId: last.deskId });
    return multiDayCard({ results, undoBookingIds: booked.map((b) => b.id) }, locale);
  }

  private async cancelMany(bookingIds: readonly string[], actor: Actor, locale: Locale): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const outcomes = await cancelBookings(this.deps, { actor, bookingIds });
    const results: DayResult[] = outcomes.map((r, i) => {
      if (r.ok) return dayDone(r.value.date, r.value.deskId, index);
      return { date: dateOfBookingId(bookingIds[i] ?? '') ?? '', ok: false, sentence: describeRefusal(r.error, locale, catalogNames(index)) };
    });
    return multiDayCard({ results: results.sort((a, b) => a.date.localeCompare(b.date)), kind: 'cancelled' }, locale);
  }

  // --- follow-ups on the booking under discussion ------------------------------------------------------------

  /**
   * Written before the answer goes out: the next message may reach another instance as soon as it is read. The site
   * chosen in this chat outlives the booking under discussion: the store keeps the one stored, whoever wrote it (one
   * conditional write where it was read back first).
   */
  private async remember(key: string, discussion: Discussion): Promise<void> {
    await this.memory.setKeepingSite(key, discussion);
  }

  private async offerCancel(dates: readonly CivilDate[], actor: Actor, locale: Locale, chat: ChatTurn): Promise<AdaptiveCard> {
    const discussed = await this.memory.get(chat.discussionKey);
    const remembered = discussed?.date;
    const days = dates.length > 0 ? dates : remembered ? [remembered] : [];
    // "I can't come" with no day and nothing under discussion: show the bookings, each with its Cancel button.
    if (days.length === 0) return this.mine.myBookings(actor, locale);
    const index = await this.deps.catalog.current();
    const sorted = [...days].sort();
    const mine = await listMyBookings(this.deps, { actor, from: sorted[0]!, to: sorted[sorted.length - 1]! });
    const offered = mine.filter((b) => days.includes(b.date));
    // "not Thursday after all" while several days wait for Confirm: the same days without Thursday, to confirm anew.
    const pending = discussed?.pending;
    // "Thursday" read alone is the next one; among the days under discussion it is the Thursday among them.
    const meant = pending ? days.map((d) => (pending.dates.includes(d) ? d : (pending.dates.find((p) => isoWeekday(p) === isoWeekday(d)) ?? d))) : days;
    if (offered.length === 0 && pending && meant.some((d) => pending.dates.includes(d))) {
      const rest = pending.dates.filter((d) => !meant.includes(d));
      if (rest.length > 1) return this.confirmPending(rest, pending.constraints, locale, chat, discussed);
      await this.remember(chat.discussionKey, { ...discussed, pending: undefined });
      if (rest.length === 1) {
        const only = rest[0]!;
        const site = (discussed?.siteId !== undefined ? index.site(discussed.siteId) : undefined) ?? chat.site ?? index.sites[0]!;
        return this.suggestOne(only, actor, locale, preferencesFor(pending.constraints), pending.constraints.deskId, chat.activityId, chat.discussionKey, site);
      }
    }
    if (offered.length === 0) {
      return this.mine.noBookingOn(sorted[0]!, locale);
    }
    const first = offered[0]!;
    await this.remember(chat.discussionKey, { date: first.date, bookingId: first.id, deskId: first.deskId });
    return offerCancelCard({ bookings: offered.map((b) => ({ id: b.id, date: b.date, deskLabel: cardDesk(b.deskId, index).label, today: b.date === todayAtSite(this.deps, index, b.siteId) })) }, locale);
  }

  private async move(from: readonly CivilDate[], to: readonly CivilDate[], actor: Actor, locale: Locale, chat: ChatTurn): Promise<AdaptiveCard> {
    const fromDate = from[0] ?? (await this.memory.get(chat.discussionKey))?.date;
    if (!fromDate) return questionCard(t(locale, 'chat.move.which'), locale);
    const booking = await bookingOn(this.deps, actor, fromDate);
    if (!booking) {
      return this.mine.noBookingOn(fromDate, locale);
    }
    // One target day, or ask: a move to "Friday and Monday" is not one move.
    if (to.length !== 1) return questionCard(t(locale, 'chat.move.toWhichDay', { date: formatDate(fromDate, locale) }), locale);
    return this.moveTo(booking, to[0]!, actor, locale, chat);
  }

  private async anotherDesk(dates: readonly CivilDate[], actor: Actor, locale: Locale, chat: ChatTurn): Promise<AdaptiveCard> {
    const discussed = await this.memory.get(chat.discussionKey);
    const date = dates[0] ?? discussed?.date;
    if (!date) return questionCard(t(locale, 'chat.anotherDesk.which'), locale);
    const booking = await bookingOn(this.deps, actor, date);
    if (booking) return this.moveTo(booking, date, actor, locale, chat);
    // Not booked yet: other free desks of that day than the one suggested.
    const exceptDeskId = discussed?.date === date ? discussed.deskId : undefined;
    const index = await this.deps.catalog.current();
    const site = (exceptDeskId ? index.locateDesk(exceptDeskId)?.catalog : undefined) ?? chat.site;
    if (!site) return this.askSite(undefined, locale);
    return this.pickAnother(
      { verb: VERBS.bookChange, date, requestId: toRequestId(`${chat.activityId}.${date}`), ...(exceptDeskId && { deskId: exceptDeskId }) },
      actor,
      locale,
      site,
    );
  }

  private async moveTo(booking: Booking, toDate: CivilDate, actor: Actor, locale: Locale, chat: ChatTurn): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const moved = await moveBooking(this.deps, { actor, bookingId: booking.id, toDate, requestId: toRequestId(`${chat.activityId}.move`) });
    if (!moved.ok) {
      const reason = moved.refusal ? describeRefusal(moved.refusal, locale, catalogNames(index)) : t(locale, 'chat.multi.noDesk');
      return statusCard({ title: t(locale, 'chat.notMoved.title'), text: t(locale, 'chat.notMoved.text', { date: this.day(booking.date, locale), reason }), tone: 'attention', showBookings: true }, locale);
    }
    const next = moved.to;
    await this.remember(chat.discussionKey, { date: next.date, bookingId: next.id, deskId: next.deskId });
    const oldDesk = cardDesk(moved.from.deskId, index).label;
    const desk = cardDesk(next.deskId, index).label;
    const text =
      next.date === booking.date
        ? t(locale, 'chat.deskChanged.text', { date: this.day(next.date, locale), desk, oldDesk })
        : t(locale, 'chat.moved.text', { from: this.day(booking.date, locale), to: this.day(next.date, locale), desk, oldDesk });
    return statusCard({ title: t(locale, next.date === booking.date ? 'chat.deskChanged.title' : 'chat.moved.title'), text, tone: 'good', showBookings: true }, locale);
  }

  private async suggestOne(
    date: CivilDate,
    actor: Actor,
    locale: Locale,
    preferences: SuggestionPreferences,
    wantedDeskId: string | undefined,
    activityId: string,
    key: string | undefined,
    site: SiteCatalog,
  ): Promise<AdaptiveCard> {
    const requestId = toRequestId(`${activityId}.${date}`);
    const index = await this.deps.catalog.current();
    const found = await suggestForDay(this.deps, { actor, date, site, preferences, ...(wantedDeskId !== undefined && { wantedDeskId }) });
    if (found.kind === 'refused') return refusalCardOf(found.refusal, requestId, locale, index);
    if (found.kind === 'none') {
      const none = statusCard({ title: t(locale, 'card.refusal.title'), text: t(locale, 'bot.noDeskFree', { date: this.day(date, locale) }), tone: 'attention' }, locale);
      return withJoinWaitlist(none, date, locale, preferences.require ?? {});
    }
    const top = found.suggestion;
    // The card is made while the discussion is written: the answer still goes out only once it is stored.
    const remembered = key ? this.remember(key, { date, deskId: top.desk.id }) : Promise.resolve();
    let card: AdaptiveCard;
    try {
      card = this.suggestionCardOf(date, found, requestId, preferences, locale, index);
    } catch (error) {
      await remembered.catch(() => undefined);
      throw error;
    }
    await remembered;
    return card;
  }

  private suggestionCardOf(
    date: CivilDate,
    found: Extract<DaySuggestion, { kind: 'suggested' }>,
    requestId: string,
    preferences: SuggestionPreferences,
    locale: Locale,
    index: CatalogIndex,
  ): AdaptiveCard {
    const top = found.suggestion;
    return suggestionCard(
      {
        date,
        desk: cardDesk(top.desk.id, index),
        why: { ...top.why, ...(found.ownDesk !== undefined && { ownDesk: found.ownDesk }) },
        requestId,
        ...this.map(date, top.desk.floorId),
        otherDeskCount: found.otherDeskCount,
        constraints: { ...(preferences.require?.zoneId && { zoneId: preferences.require.zoneId }), ...(preferences.require?.attributes && { attributes: preferences.require.attributes }) },
      },
      locale,
    );
  }

  private async confirm(deskId: string, date: CivilDate, requestId: string, actor: Actor, locale: Locale, key: string): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const booked = await bookDesk(this.deps, { actor, deskId, date, requestId });
    if (!booked.ok) return refusalCardOf(booked.error, requestId, locale, index);
    await this.remember(key, { date, bookingId: booked.value.id, deskId: booked.value.deskId });
    const calendarUrl = await this.deps.calendarUrl?.(booked.value.id, locale);
    return bookedCard({ booking: cardBooking(booked.value, index), today: todayAtSite(this.deps, index, booked.value.siteId), ...this.map(date, booked.value.floorId), ...(calendarUrl && { calendarUrl }) }, locale);
  }

  private async pickAnother(data: BookChangeData, actor: Actor, locale: Locale, site: SiteCatalog): Promise<AdaptiveCard> {
    const { date, requestId, deskId: exceptDeskId } = data;
    const index = await this.deps.catalog.current();
    const preferences: SuggestionPreferences = {
      require: { ...(data.zoneId && { zoneId: data.zoneId }), ...(data.attributes && { attributes: data.attributes }) },
    };
    const ranked = await suggestDesks(this.deps, { actor, date, siteId: site.site.id, preferences, limit: MAX_PICK + 1 });
    if (!ranked.ok) return refusalCardOf(ranked.error, requestId, locale, index);
    const desks = ranked.value.filter((s) => s.desk.id !== exceptDeskId).slice(0, MAX_PICK).map((s) => cardDesk(s.desk.id, index));
    return pickDeskCard({ date, desks, requestId, ...this.map(date) }, locale);
  }

  // --- existing bookings ---------------------------------------------------------------------------------------

  private async whoIsIn(dates: readonly CivilDate[], locale: Locale, site: SiteCatalog): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    const date = dates[0] ?? todayAtSite(this.deps, index, site.site.id);
    const zones = await whoIsIn(this.deps, { date, siteId: site.site.id, showNames: this.deps.showNamesInWhoIsIn });
    return whoIsInCard(
      { date, zones: zones.map((z) => ({ name: `${z.floorName} · ${z.zoneName}`, booked: z.booked, capacity: z.capacity, ...(z.names && { names: z.names }) })) },
      locale,
    );
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  /** The one site, when there is only one: then a command needs no site from the chat. */
  private async onlySite(): Promise<SiteCatalog | undefined> {
    const index = await this.deps.catalog.current();
    if (index.sites.length === 0) throw new Error('No site is configured: import one with `npm run import`');
    return index.sites.length === 1 ? index.sites[0] : undefined;
  }

  /** Which site a card click books in: the one the card was made for, else the desk's, else the chat's. */
  private async siteOfAction(data: { siteId?: string; deskId?: string }, actor: Actor, key: string): Promise<SiteCatalog | undefined> {
    const { siteId, deskId } = data;
    return siteOfCardAction({ ...this.deps, discussions: this.memory }, { actor, discussionKey: key, ...(siteId !== undefined && { siteId }), ...(deskId !== undefined && { deskId }) });
  }

  private async askSite(text: string | undefined, locale: Locale): Promise<AdaptiveCard> {
    const index = await this.deps.catalog.current();
    return siteChoiceCard({ sites: index.sites.map((s) => ({ id: s.site.id, name: s.site.name })), ...(text !== undefined && { text }) }, locale);
  }

  private map(date: CivilDate, floorId?: string): { mapUrl?: string } {
    const url = this.deps.mapUrl?.(date, floorId);
    return url ? { mapUrl: url } : {};
  }

  private day(date: CivilDate, locale: Locale): string {
    return formatDate(date, locale);
  }
}
