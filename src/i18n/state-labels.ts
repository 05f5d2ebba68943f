/**
 * Desk states and booking statuses as short labels. Apart from describe-refusal.ts (which re-exports them for the
 * bot) so that the tab, which shows these labels but never a refusal sentence, can bundle them alone: the tab's
 * build keeps only the messages its code names (vite.config.mts), and importing describe-refusal.ts would name
 * every refusal, reason and API error sentence.
 */
import type { DeskState } from '../domain/floor-day';
import type { BookingStatus } from '../domain/model';
import { MESSAGES, translate, type Locale, type MessageKey } from './messages';

/** A short label for a desk state: Free, Your desk, Taken, Too close, Zone full, Unavailable. */
export function deskStateLabel(state: DeskState, locale: Locale): string {
  return translate(locale, `deskState.${state}`);
}

/** A booking status in words: Booked, Checked in, Released, Cancelled by an administrator. */
export function bookingStatusLabel(status: BookingStatus, locale: Locale): string {
  const key = `bookingStatus.${status}`;
  // A status newer than this catalogue is shown as it is rather than failing a whole card.
  return isKey(key) ? translate(locale, key) : String(status);
}

function isKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES.en, key);
}
