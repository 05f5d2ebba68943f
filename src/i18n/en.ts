/**
 * English messages: the reference catalogue. Every other locale must have exactly these keys (the compiler
 * checks) and the same {placeholders} in each message (the tests check).
 *
 * Keys ending in `.fallback` cover a value newer than this catalogue (an unknown action or status).
 * Keys ending in `.one` / `.other` are plural forms, chosen with Intl.PluralRules on the number named in the key's
 * doc below; French counts 0 and 1 as `one`, so every plural form keeps its number as a placeholder.
 */
export const en = {
  // Errors of the REST API and the bot: { code, message }.
  'error.INVALID_INPUT': 'The request is not valid: {details}',
  'error.UNAUTHENTICATED': 'You are not signed in, or your session has expired. Please sign in again.',
  'error.FORBIDDEN': 'You do not have permission to do this.',
  'error.NOT_FOUND': 'The requested item could not be found.',
  'error.STORAGE_UNAVAILABLE': 'Storage is unavailable right now; please try again in a moment.',
  'error.CONTENTION': 'Many people are booking this area right now; please try again.',
  'error.INTERNAL': 'Something went wrong on our side; please try again later.',

  // Refusals: which rule refused, and the numbers behind it.
  'refusal.DESK_TAKEN': 'Desk {desk} is already booked by someone else on {date}.',
  'refusal.ALREADY_BOOKED': 'You already have a desk on {date} (desk {desk}).',
  // Plural on {capacity}.
  'refusal.ZONE_FULL.one': '{zone} is at its {capacity}-person cap on {date}.',
  'refusal.ZONE_FULL.other': '{zone} is at its {capacity}-person cap on {date}.',
  'refusal.TOO_CLOSE':
    'Desk {desk} is {distance} m from desk {nearest}, which is booked; the minimum distance is {min} m.',
  'refusal.OUTSIDE_WINDOW.past': '{date} is in the past; it can no longer be booked or changed.',
  // Plural on {horizon}.
  'refusal.OUTSIDE_WINDOW.beyond-horizon.one':
    '{date} is beyond the booking window: you can book up to {last} ({horizon} day ahead).',
  'refusal.OUTSIDE_WINDOW.beyond-horizon.other':
    '{date} is beyond the booking window: you can book up to {last} ({horizon} days ahead).',
  'refusal.OUTSIDE_WINDOW.weekday': '{weekday} is not a bookable day. Bookable days: {days}.',
  'refusal.OUTSIDE_WINDOW.weekday.none':
    '{weekday} is not a bookable day; no days can be booked at the moment.',
  'refusal.OUTSIDE_WINDOW.not-today':
    'You can only check in or release a desk on the day itself ({date}); today is {today}.',
  'refusal.OUTSIDE_WINDOW.after-deadline': 'The check-in deadline for {date} ({deadline}) has passed.',
  'refusal.OUTSIDE_WINDOW.after-deadline.no-time': 'The check-in deadline for {date} has passed.',
  // Plural on {used}.
  'refusal.QUOTA_EXCEEDED.one':
    'You have already booked {used} day in week {week}; the weekly limit is {quota}.',
  'refusal.QUOTA_EXCEEDED.other':
    'You have already booked {used} days in week {week}; the weekly limit is {quota}.',
  'refusal.DESK_UNAVAILABLE.mode-off': 'Desk {desk} cannot be booked: it is switched off.',
  'refusal.DESK_UNAVAILABLE.mode-assigned': 'Desk {desk} cannot be booked: it is assigned to someone.',
  'refusal.DESK_UNAVAILABLE.restricted-zone':
    'Desk {desk} cannot be booked: its zone is reserved for other teams.',
  'refusal.UNKNOWN_DESK': 'Desk {desk} does not exist.',
  'refusal.NOT_ALLOWED.cancel': 'Only the person who made a booking, or an administrator, can cancel it.',
  'refusal.NOT_ALLOWED.release':
    'Only the person who made a booking, or an administrator, can release the desk.',
  'refusal.NOT_ALLOWED.check-in': 'You can only check in to your own booking.',
  'refusal.NOT_ALLOWED.fallback': 'You are not allowed to do this.',
  'refusal.BOOKING_NOT_FOUND': 'This booking could not be found; it may already have been removed.',
  'refusal.NOT_ACTIVE.booked': 'This booking has not been checked in yet, so this cannot be done.',
  'refusal.NOT_ACTIVE.checked-in': 'This booking is already checked in, so this can no longer be done.',
  'refusal.NOT_ACTIVE.released': 'This booking has already been released, so it can no longer be changed.',
  'refusal.NOT_ACTIVE.cancelled-by-admin':
    'This booking was cancelled by an administrator, so it can no longer be changed.',
  'refusal.NOT_ACTIVE.fallback': 'This booking can no longer be changed (status: {status}).',

  // Bookable weekdays, as a range ("Monday to Friday"); lists use Intl.ListFormat.
  'weekdays.range': '{first} to {last}',

  // Alternatives offered with a refusal.
  'alternatives.intro': 'Available instead:',
  'alternative.desk': 'Desk {desk}',
  'alternative.desk-nearby': 'Desk {desk}, {distance} m away',
  'alternative.day': 'Desk {desk} on {date}',

  // Why a desk has its state on the floor map.
  'deskReason.free': 'Free',
  'deskReason.mine': 'Your desk',
  'deskReason.mine-checked-in': 'Your desk (checked in)',
  'deskReason.taken': 'Booked by someone else',
  'deskReason.taken-checked-in': 'Checked in by someone else',
  'deskReason.too-close': '{distance} m from a booked desk; the minimum is {min} m',
  'deskReason.zone-full': '{zone} is full ({booked} of {capacity})',
  'deskReason.unavailable.mode-off': 'Not bookable: switched off',
  'deskReason.unavailable.mode-assigned': 'Not bookable: assigned',
  'deskReason.unavailable.restricted-zone': 'Not bookable: reserved for another team',

  // Short desk state labels (map legend).
  'deskState.free': 'Free',
  'deskState.mine': 'Your desk',
  'deskState.taken': 'Taken',
  'deskState.too-close': 'Too close',
  'deskState.zone-full': 'Zone full',
  'deskState.unavailable': 'Unavailable',

  // Booking statuses.
  'bookingStatus.booked': 'Booked',
  'bookingStatus.checked-in': 'Checked in',
  'bookingStatus.released': 'Released',
  'bookingStatus.cancelled-by-admin': 'Cancelled by an administrator',
} as const;

export type MessageKey = keyof typeof en;

/** A locale's catalogue: exactly the English keys, so a missing or misspelt key is a compile error. */
export type Messages = { readonly [K in MessageKey]: string };
