/** Seatwise's Adaptive Cards: pure functions from data and a locale to card JSON. */
export * from './adaptive-card';
export { escapeMarkdown, plainText } from './markdown';
export * from './verbs';
export {
  suggestionCard,
  deskFacts,
  type CardDesk,
  type SuggestionCardInput,
  type SuggestionWhy,
} from './suggestion-card';
export { bookedCard, type BookedCardInput, type CardBooking } from './booked-card';
export { pickDeskCard, MAX_PICK_DESKS, type PickDeskCardInput } from './pick-desk-card';
export {
  refusalCard,
  alternativeRequestId,
  MAX_REFUSAL_ALTERNATIVES,
  type CardAlternative,
  type RefusalCardInput,
} from './refusal-card';
export { bookingsCard, MAX_BOOKINGS_SHOWN, type BookingsCardInput } from './bookings-card';
export { multiDayCard, MAX_MULTI_DAYS, type DayResult, type MultiDayCardInput } from './multi-day-card';
export { whoIsInCard, type WhoIsInCardInput, type WhoIsInZone } from './who-is-in-card';
export { helpCard, helpExamples, type HelpCardOptions } from './help-card';
export {
  statusCard,
  cancelledCard,
  checkedInCard,
  releasedCard,
  errorCard,
  type DeskDayInput,
  type ErrorKind,
  type StatusCardInput,
  type StatusTone,
} from './status-cards';
export { withCardLanguage } from './card-language';
export { cardLanguageOf } from './verbs';
export { reminderCard, reminderSummary, noShowReleasedCard, noShowReleasedSummary, type ReminderCardInput, type NoShowReleasedCardInput } from './reminder-card';
export {
  askDayCard,
  confirmDaysCard,
  offerCancelCard,
  questionCard,
  type AskDayCardInput,
  type ConfirmDaysCardInput,
  type OfferCancelCardInput,
  type RequestConstraints,
} from './chat-cards';
export { adminCancelledCard, adminCancelledSummary, type AdminCancelledCardInput } from './admin-cancelled-card';
export { siteChoiceCard, MAX_SITE_CHOICES, type SiteChoiceCardInput } from './site-choice-card';
