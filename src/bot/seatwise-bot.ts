import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, MessageFactory, TurnContext, type ConversationReference } from 'botbuilder';
import { ContentionError, StorageUnavailableError, type ConversationReferenceStore } from '../use-cases/ports';
import type { DiscussionStore } from '../use-cases/discussion-port';
import type { Logger } from '../use-cases/logger-port';
import { BotHandlers, type BotDeps } from './bot-handlers';
import { callerOf, localeOf } from './caller';
import { cardLanguageOf, errorCard, helpCard, parseActionData, statusCard, VERBS, withCardLanguage, type AdaptiveCard, type ErrorKind } from './cards';
import { isWaitlistVerb, parseWaitlistAction, WAITLIST_VERBS } from './cards/waitlist-cards';
import { WaitlistHandlers } from './waitlist-handlers';
import type { WaitlistStore } from '../use-cases/waitlist-port';
import { myDataAnswer, myDataRequest } from './my-data-command';
import type { Actor } from '../domain/model';
import type { MyData } from '../use-cases/export-my-data';
import { seriesAction } from './series-chat';
import { parseSeriesActionData, SERIES_VERBS } from './series-cards';
import { BookForChat } from './book-for-chat';
import { BOOK_FOR_VERBS, parseBookForAction } from './book-for-cards';
import { t, type Locale } from '../i18n/messages';

export interface SeatwiseBotOptions {
  readonly botAppId: string;
  readonly conversations: ConversationReferenceStore;
  /** What each conversation is about ("move it to Friday"): a store every instance of the server shares. */
  readonly discussions: DiscussionStore;
  readonly log: Logger;
  /** Card actions must be answered within Teams' limit; past this, the answer follows as a new message. */
  readonly invokeDeadlineMs?: number;
  /** The caller's data export, for "my data" (src/bot/my-data-command.ts); without it the phrase is not understood. */
  readonly myData?: (actor: Actor) => Promise<MyData>;
  /** The waitlist; without it, its buttons answer as stale cards. */
  readonly waitlist?: WaitlistStore;
}

/**
 * The Teams bot: a teams-ai Application with no AI model. Messages are parsed by the language module and answered
 * with cards; card actions are routed by verb. Identity is the channel's `from`, never the card's data.
 */
export function createSeatwiseBot(adapter: TeamsAdapter, deps: BotDeps, options: SeatwiseBotOptions): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    botAppId: options.botAppId,
    removeRecipientMention: true,
    startTypingTimer: true,
    longRunningMessages: false,
    adaptiveCards: { actionSubmitFilter: 'verb' },
  });
  const handlers = new BotHandlers(deps, options.discussions);
  const seen = new RecentIds(2_000);
  const answers = new RecentAnswers(500);
  const deadline = options.invokeDeadlineMs ?? 4_000;

  const saveReference = async (context: TurnContext): Promise<void> => {
    const caller = callerOf(context);
    if (!caller) return;
    try {
      const reference = TurnContext.getConversationReference(context.activity);
      await options.conversations.save(caller.userId, reference as unknown as Record<string, unknown>);
    } catch (error) {
      // A reminder may miss this person later; the conversation itself goes on.
      options.log.warn({ err: describe(error) }, 'could not save the conversation reference');
    }
  };

  /** Answers within the deadline; a slower answer is sent afterwards as a new message in the same conversation. */
  const withinDeadline = async (context: TurnContext, locale: Locale, work: Promise<AdaptiveCard>): Promise<AdaptiveCard> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deadline)));
    const first = await Promise.race([work, late]).finally(() => clearTimeout(timer));
    if (first !== 'late') return first;
    const reference = TurnContext.getConversationReference(context.activity) as Partial<ConversationReference>;
    void work
      .catch((error: unknown) => errorCard(errorKind(error), locale))
      .then((card) =>
        adapter.continueConversationAsync(options.botAppId, reference, async (ctx) => {
          await ctx.sendActivity(cardMessage(card));
        }),
      )
      .catch((error: unknown) => options.log.error({ err: describe(error) }, 'could not send a late answer'));
    return statusCard({ title: t(locale, 'bot.working.title'), text: t(locale, 'bot.working.text') }, locale);
  };

  const onAction = async (context: TurnContext, data: unknown): Promise<AdaptiveCard> => {
    const actor = callerOf(context);
    const parsed = parseActionData(data);
    // The card's own language first: the client's locale may not be the one the person wrote in.
    const locale = parsed?.lang ?? localeOf(context);
    if (!actor || !parsed) return errorCard('stale', locale);
    const turn = { discussionKey: discussionKeyOf(context, actor.userId), activityId: context.activity.id ?? deps.ids.newId() };
    const card = await withinDeadline(context, locale, handlers.action(parsed, actor, locale, turn));
    return withCardLanguage(card, locale);
  };

  // The waitlist's verbs go to their own handlers (src/bot/waitlist-handlers.ts), through the same redelivery guard.
  const waitlist = options.waitlist && new WaitlistHandlers({ ...deps, waitlist: options.waitlist });
  const onWaitlistAction = async (context: TurnContext, data: unknown): Promise<AdaptiveCard> => {
    const actor = callerOf(context);
    const parsed = parseWaitlistAction(data);
    const locale = cardLanguageOf(data) ?? localeOf(context);
    if (!actor || !parsed || !waitlist) return errorCard('stale', locale);
    return withCardLanguage(await withinDeadline(context, locale, waitlist.action(parsed, actor, locale)), locale);
  };
  const routeOf = (verb: string) => (isWaitlistVerb(verb) ? onWaitlistAction : onAction);

  // Card routes first: an Action.Submit fallback arrives as a message with a value and no text.
  for (const verb of [...Object.values(VERBS), ...Object.values(WAITLIST_VERBS)]) {
    const handle = routeOf(verb);
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      // A redelivered invoke (same id) gets the answer of the first one, which did the work.
      const id = context.activity.id;
      if (!id) return handle(context, data);
      const earlier = answers.get(id);
      if (earlier) return earlier;
      const answer = handle(context, data);
      answers.set(id, answer);
      answer.catch(() => answers.delete(id));
      return answer;
    });
    app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
      if (!seen.first(`submit|${context.activity.id ?? ''}`)) return;
      await context.sendActivity(cardMessage(await handle(context, data)));
    });
  }

  // The buttons of a recurring series (series-chat.ts); without a series store they are stale like any unknown verb.
  const seriesStore = deps.series;
  for (const verb of seriesStore ? Object.values(SERIES_VERBS) : []) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      const actor = callerOf(context);
      const parsed = parseSeriesActionData(data);
      const locale = cardLanguageOf(data) ?? localeOf(context);
      if (!actor || !parsed || !seriesStore) return errorCard('stale', locale);
      return withCardLanguage(await withinDeadline(context, locale, seriesAction({ ...deps, series: seriesStore }, parsed, actor, locale)), locale);
    });
  }

  // Booking for a colleague (book-for-chat.ts): the clicker is the activity's sender; the card names only the colleague.
  const forSomeone = new BookForChat(deps);
  for (const verb of Object.values(BOOK_FOR_VERBS)) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      const actor = callerOf(context);
      const parsed = parseBookForAction(data);
      const locale = cardLanguageOf(data) ?? localeOf(context);
      if (!actor || !parsed) return errorCard('stale', locale);
      return withCardLanguage(await withinDeadline(context, locale, forSomeone.action(parsed, actor, locale, context.activity.id ?? deps.ids.newId())), locale);
    });
  }

  // Any other verb (an old card, a forged one) gets a card that says so, not a 501.
  app.adaptiveCards.actionExecute(async () => true, async (context) => errorCard('stale', localeOf(context)));

  app.conversationUpdate('membersAdded', async (context) => {
    await saveReference(context);
    const botAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient?.id);
    if (botAdded) await context.sendActivity(cardMessage(helpCard(localeOf(context))));
  });

  app.activity('installationUpdate', async (context) => saveReference(context));

  app.activity(ActivityTypes.Message, async (context) => {
    // Teams redelivers a message that took long; the same id is answered once.
    if (!seen.first(`message|${context.activity.id ?? ''}`)) return;
    // Saved alongside the answer, not before it: the person should not wait for a write they do not need.
    void saveReference(context);
    const actor = callerOf(context);
    if (!actor) return;
    const text = typeof context.activity.text === 'string' ? context.activity.text : '';
    const myDataLocale = options.myData ? myDataRequest(text) : null;
    if (options.myData && myDataLocale) {
      const card = await myDataAnswer(options.myData, deps.catalog, actor, myDataLocale);
      return void (await context.sendActivity(cardMessage(withCardLanguage(card, myDataLocale))));
    }
    const { card, locale } = await handlers.message(text, actor, {
      discussionKey: discussionKeyOf(context, actor.userId),
      activityId: context.activity.id ?? deps.ids.newId(),
      ...(typeof context.activity.locale === 'string' && { activityLocale: context.activity.locale }),
    });
    await context.sendActivity(cardMessage(withCardLanguage(card, locale)));
  });

  app.error(async (context, error) => {
    options.log.error({ err: describe(error), activityType: context.activity.type }, 'turn failed');
    try {
      const card = errorCard(errorKind(error), localeOf(context));
      if (context.activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({
          type: 'invokeResponse',
          value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
        });
      } else {
        await context.sendActivity(cardMessage(card));
      }
    } catch (sendError) {
      options.log.error({ err: describe(sendError) }, 'could not tell the user about a failed turn');
    }
  });

  return app;
}

/** The booking under discussion belongs to one person in one conversation (a group chat holds several). */
function discussionKeyOf(context: TurnContext, userId: string): string {
  return `${context.activity.conversation?.id ?? ''}|${userId}`;
}

export function cardMessage(card: AdaptiveCard) {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

function errorKind(error: unknown): ErrorKind {
  if (error instanceof StorageUnavailableError) return 'storage';
  if (error instanceof ContentionError) return 'contention';
  return 'internal';
}

/** What a log may say about an error: its class and message, never a payload. */
function describe(error: unknown): { name: string; message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message.slice(0, 500), ...(typeof code === 'string' && { code }) };
  }
  return { name: 'unknown', message: String(error).slice(0, 200) };
}

/** The answers to recent invokes, by activity id, so that a redelivery repeats the answer instead of the work. */
class RecentAnswers {
  private readonly answers = new Map<string, Promise<AdaptiveCard>>();
  constructor(private readonly max: number) {}

  get(id: string): Promise<AdaptiveCard> | undefined {
    return this.answers.get(id);
  }

  set(id: string, answer: Promise<AdaptiveCard>): void {
    this.answers.set(id, answer);
    if (this.answers.size > this.max) this.answers.delete(this.answers.keys().next().value!);
  }

  delete(id: string): void {
    this.answers.delete(id);
  }
}

/** Ids seen recently, to answer a redelivered activity once. Bounded, oldest forgotten first. */
class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly max: number) {}

  first(id: string): boolean {
    if (id.endsWith('|')) return true;
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}
