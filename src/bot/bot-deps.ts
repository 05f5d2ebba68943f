import type { CivilDate } from '../domain/model';
import type { BookingDeps } from '../use-cases/book-desk';
import type { FavouritesStore } from '../use-cases/favourites-port';
import type { SeriesStore } from '../use-cases/series-port';
import type { BookForDeps } from '../use-cases/book-for-someone';
import type { DelegationStore } from '../use-cases/delegation-port';

/** What booking for a colleague in chat needs besides the booking ports (src/bot/book-for-chat.ts). */
export interface BookForChatPorts {
  readonly delegations: DelegationStore;
  readonly members?: BookForDeps['members'];
  /** How the colleague is told; a function because the notifier is wired after the bot. */
  readonly notices?: () => BookForDeps['notices'] | undefined;
}

/** What the bot's handlers are given: the booking use cases' ports, and the links and choices only a chat shows. */
export interface BotDeps extends BookingDeps {
  /** A deep link to the Book tab on a day, when the Teams app id is known. */
  readonly mapUrl?: (date: CivilDate, floorId?: string) => string | undefined;
  /** The site's privacy choice: show colleagues' names in "who is in", or counts only. */
  readonly showNamesInWhoIsIn: boolean;
  /** A signed link to a booking's calendar file, when the app's public address is known. */
  readonly calendarUrl?: (bookingId: string, locale: string) => Promise<string | undefined>;
  /** Recurring series ("every Tuesday until 31 January"); without them, repeats book as several days. */
  readonly series?: SeriesStore;
  /** Booking for a colleague who delegated to the caller; without it the chat says it cannot. */
  readonly bookFor?: BookForChatPorts;
  /** The tab's favourite desks: suggestions offer them first when they are free (none kept: last time's desk only). */
  readonly favourites?: Pick<FavouritesStore, 'list'>;
}
