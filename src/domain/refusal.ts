import type { CivilDate } from './model';

/** Stable refusal codes: the bot and the tab turn them into sentences in the user's language. */
export const REFUSAL_CODES = [
  'DESK_TAKEN',
  'ALREADY_BOOKED',
  'ZONE_FULL',
  'TOO_CLOSE',
  'OUTSIDE_WINDOW',
  'QUOTA_EXCEEDED',
  'DESK_UNAVAILABLE',
  'UNKNOWN_DESK',
  'NOT_ALLOWED',
  'BOOKING_NOT_FOUND',
  'NOT_ACTIVE',
  'DESKS_FREE',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Why a day is outside the booking window. */
export type WindowReason = 'past' | 'beyond-horizon' | 'weekday' | 'not-today' | 'after-deadline';

/** The numbers behind each refusal, so that a sentence can say which rule refused and why. */
export type RefusalDetails =
  | { readonly code: 'DESK_TAKEN'; readonly deskId: string; readonly deskLabel: string; readonly date: CivilDate }
  | {
      readonly code: 'ALREADY_BOOKED';
      readonly date: CivilDate;
      readonly existingBookingId: string;
      readonly existingDeskId: string;
    }
  | {
      readonly code: 'ZONE_FULL';
      readonly zoneId: string;
      readonly zoneName: string;
      readonly capacity: number;
      readonly booked: number;
      readonly date: CivilDate;
    }
  | {
      readonly code: 'TOO_CLOSE';
      readonly deskId: string;
      readonly nearestDeskId: string;
      readonly nearestDeskLabel: string;
      readonly distanceM: number;
      readonly minDistanceM: number;
      readonly date: CivilDate;
    }
  | {
      readonly code: 'OUTSIDE_WINDOW';
      readonly reason: WindowReason;
      readonly date: CivilDate;
      readonly today: CivilDate;
      readonly lastBookableDate: CivilDate;
      readonly horizonDays: number;
      readonly bookableWeekdays: readonly number[];
      readonly deadline?: string;
    }
  | {
      readonly code: 'QUOTA_EXCEEDED';
      readonly quota: number;
      readonly used: number;
      readonly isoWeek: string;
      readonly date: CivilDate;
    }
  | {
      readonly code: 'DESK_UNAVAILABLE';
      readonly deskId: string;
      readonly deskLabel: string;
      readonly why: UnavailableWhy;
      /** For `plan-off`: the first day the desk is off. */
      readonly offFrom?: CivilDate;
    }
  | { readonly code: 'UNKNOWN_DESK'; readonly deskId: string }
  | { readonly code: 'NOT_ALLOWED'; readonly action: string }
  | { readonly code: 'BOOKING_NOT_FOUND'; readonly bookingId: string }
  | { readonly code: 'NOT_ACTIVE'; readonly bookingId: string; readonly status: string }
  // Joining a waitlist while desks that suit the person are free: they can book one now (the alternatives).
  | { readonly code: 'DESKS_FREE'; readonly date: CivilDate; readonly free: number; readonly zoneId?: string };

/**
 * Why a desk's mode refuses it: switched off, assigned, switched off from a date by the safe-headcount plan (on and
 * after that day), or in a zone restricted to groups the person is not in.
 */
export type UnavailableWhy = 'mode-off' | 'mode-assigned' | 'plan-off' | 'restricted-zone';

/** Something the person could book instead: another free desk that day, or the same desk another day. */
export interface Alternative {
  readonly kind: 'desk' | 'day';
  readonly deskId: string;
  readonly deskLabel: string;
  readonly floorId: string;
  readonly date: CivilDate;
  /** For a desk alternative, its distance from the desk asked for. */
  readonly distanceM?: number;
}

export interface Refusal {
  readonly code: RefusalCode;
  readonly details: RefusalDetails;
  readonly alternatives: readonly Alternative[];
}

export function refusal(details: RefusalDetails, alternatives: readonly Alternative[] = []): Refusal {
  return { code: details.code, details, alternatives };
}

export const MAX_ALTERNATIVES = 3;
