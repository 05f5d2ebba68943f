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

  // The bot and its cards (src/bot/cards). Buttons are short imperatives; card text is plain and the cards escape
  // the names and labels they insert. Plural forms use {count}.
  'card.action.confirm': 'Confirm',
  'card.action.pickAnother': 'Pick another',
  'card.action.openMap': 'Open map',
  'card.action.cancel': 'Cancel booking',
  'card.action.checkIn': 'Check in',
  'card.action.release': 'Release desk',
  'card.action.myBookings': 'My bookings',
  'card.action.book': 'Book {desk}',

  'card.fact.day': 'Day',
  'card.fact.desk': 'Desk',
  'card.fact.zone': 'Zone',
  'card.fact.floor': 'Floor',
  'card.fact.features': 'Features',
  'card.fact.status': 'Status',

  'card.attribute.monitor': 'Monitor',
  'card.attribute.standing': 'Standing desk',
  'card.attribute.docking': 'Docking station',
  'card.attribute.accessible': 'Accessible',

  'card.desk': 'Desk {desk}',

  'card.suggestion.title': 'Suggested desk for {date}',
  'card.why.title': 'Why this desk',
  'card.why.favourite': 'It is one of your favourite desks.',
  'card.why.preferredZone': 'It is in your preferred zone.',
  'card.why.matchedAttributes': 'It has what you asked for: {features}.',
  'card.why.blocks.one': 'It keeps the most room for colleagues: it blocks {count} free desk.',
  'card.why.blocks.other': 'It keeps the most room for colleagues: it blocks {count} free desks.',
  'card.why.blocksNone': 'It keeps the most room for colleagues: it blocks no other free desk.',
  'card.suggestion.others.one': '{count} other desk is free that day.',
  'card.suggestion.others.other': '{count} other desks are free that day.',
  'card.suggestion.others.none': 'No other desk is free that day.',

  'card.booked.title': 'Booked',
  'card.booked.summary': 'Desk {desk} on {date}',
  'card.booked.checkInReminder': 'Check in when you arrive, or release the desk if your plans change.',

  'card.pick.title': 'Free desks on {date}',
  'card.pick.intro': 'Pick one of these desks:',
  'card.pick.more.one': '{count} more free desk is not shown.',
  'card.pick.more.other': '{count} more free desks are not shown.',
  'card.pick.empty': 'There is no other free desk on {date}.',

  'card.refusal.title': 'Not booked',
  'card.refusal.noAlternatives': 'There is nothing similar to offer instead; try another day or zone.',

  'card.bookings.title': 'Your upcoming bookings',
  'card.bookings.empty':
    'You have no upcoming bookings. To book one, write for example "book a desk Thursday".',
  'card.bookings.today': 'Today',
  'card.bookings.more.one': '{count} more booking is not shown.',
  'card.bookings.more.other': '{count} more bookings are not shown.',

  'card.multi.title': 'Your booking summary',
  'card.multi.counts': 'Booked: {booked}. Not booked: {refused}.',
  'card.multi.booked': 'Booked',
  'card.multi.refused': 'Not booked',
  'card.multi.bookedDay': 'Desk {desk}, {zone}',
  'card.multi.more.one': '{count} more day is not shown.',
  'card.multi.more.other': '{count} more days are not shown.',

  'card.whoIsIn.title': 'Who is in on {date}',
  'card.whoIsIn.count': 'Booked: {booked} of {capacity}',
  'card.whoIsIn.countNoCapacity': 'Booked: {booked}',
  'card.whoIsIn.nobody': 'Nobody has booked a desk on {date} yet.',
  'card.whoIsIn.others.one': '{count} other',
  'card.whoIsIn.others.other': '{count} others',
  'card.whoIsIn.moreZones.one': '{count} more zone is not shown.',
  'card.whoIsIn.moreZones.other': '{count} more zones are not shown.',

  'card.help.title': 'Seatwise books desks for you',
  'card.help.notUnderstood': 'Sorry, I did not understand that.',
  'card.help.intro': 'Write to me in English, French, Dutch or German, for example:',
  'card.help.example.book': 'book a desk Thursday',
  'card.help.example.bookWith': 'book a standing desk tomorrow in zone B',
  'card.help.example.bookings': 'my bookings',
  'card.help.example.cancel': 'cancel Thursday',
  'card.help.example.checkIn': 'check in',
  'card.help.example.release': 'release my desk',
  'card.help.example.whoIsIn': 'who is in on Friday',

  'card.cancelled.title': 'Booking cancelled',
  'card.cancelled.text': 'Desk {desk} on {date} is free again for colleagues.',
  'card.checkedIn.title': 'Checked in',
  'card.checkedIn.text': 'You are checked in at desk {desk} for {date}. Have a good day!',
  'card.released.title': 'Desk released',
  'card.released.text': 'Desk {desk} on {date} is free again for colleagues. Thank you!',
  'card.error.title': 'That did not work',
  'card.error.notYours':
    'These buttons belong to the person this card was made for. To book or change your own desk, write to me yourself, for example "my bookings".',
  'card.error.stale': 'This card is out of date. Please ask me again, for example "my bookings".',

  'bot.askDate': 'For which day? For example: "book a desk Thursday".',
  'bot.noDeskFree': 'No desk that matches your request is free on {date}.',
  'bot.noBookingOn': 'You have no booking on {date}.',
  'bot.noBookingToday': 'You have no booking today.',
  'bot.tooManyDays': 'I can book at most {max} days at once.',
  'bot.working.title': 'Still working on it',
  'bot.working.text': 'This is taking longer than usual. I will send you the answer in a moment.',

  // The floor map tab (src/tab). Desk reasons and refusals come from the API, already in the reader's language.
  'tab.appName': 'Seatwise',
  'tab.view.map': 'Book a desk',
  'tab.view.mine': 'My bookings',
  'tab.views': 'Views',
  'tab.loading': 'Loading…',
  'tab.dev.banner': 'Running outside Teams: development mode. Choose the identity to use below.',
  'tab.dev.identity': 'Development identity',
  'tab.dev.userId': 'User id',
  'tab.dev.userName': 'Display name (optional)',
  'tab.dev.apply': 'Use this identity',
  'tab.dev.current': 'Signed in as {user}',
  'tab.dev.invalidUser': 'Enter 1 to 128 letters, digits or . _ : @ -',
  'tab.theme': 'Theme',
  'tab.theme.default': 'Light',
  'tab.theme.dark': 'Dark',
  'tab.theme.contrast': 'High contrast',
  'tab.language': 'Language',
  'tab.signInFailed': 'Teams could not sign you in: {message}',
  'tab.networkError': 'The server could not be reached. Check your connection and try again.',
  'tab.retry': 'Try again',
  'tab.dismiss': 'Dismiss',
  'tab.noFloors': 'No floor has been set up yet.',
  'tab.date': 'Day',
  'tab.date.previous': 'Previous day',
  'tab.date.next': 'Next day',
  'tab.date.today': '{date} (today)',
  'tab.floor': 'Floor',
  'tab.filters': 'Only desks with',
  'tab.attribute.monitor': 'Monitor',
  'tab.attribute.standing': 'Standing desk',
  'tab.attribute.docking': 'Docking station',
  'tab.attribute.accessible': 'Accessible',
  'tab.attribute.quiet': 'Quiet area',
  'tab.attribute.window': 'By a window',
  'tab.layout': 'Show as',
  'tab.layout.map': 'Map',
  'tab.layout.list': 'List',
  'tab.summary': 'Free desks: {free} of {total}. Shown: {shown}.',
  'tab.noMatch': 'No desk on this floor has all the features you chose.',
  'tab.map.label': 'Floor plan: {floor}, {date}',
  'tab.map.help': 'Arrow keys move between desks; Enter books a free desk or cancels yours; + and − zoom.',
  'tab.map.controls': 'Map controls',
  'tab.map.zoomIn': 'Zoom in',
  'tab.map.zoomOut': 'Zoom out',
  'tab.map.fit': 'Show the whole floor',
  'tab.map.panLeft': 'Move left',
  'tab.map.panRight': 'Move right',
  'tab.map.panUp': 'Move up',
  'tab.map.panDown': 'Move down',
  'tab.map.zoom': 'Zoom: {percent} %',
  'tab.zone.count': '{zone}: {booked} / {capacity}',
  'tab.desk.name': 'Desk {desk}, {state}',
  'tab.legend': 'Legend',
  'tab.list.caption': 'Desks: {floor}, {date}',
  'tab.list.desk': 'Desk',
  'tab.list.zone': 'Zone',
  'tab.list.features': 'Features',
  'tab.list.state': 'State',
  'tab.list.details': 'Details',
  'tab.list.action': 'Action',
  'tab.action.book': 'Book',
  'tab.action.bookDesk': 'Book desk {desk}',
  'tab.action.cancel': 'Cancel',
  'tab.action.cancelDesk': 'Cancel desk {desk} on {date}',
  'tab.action.checkIn': 'Check in',
  'tab.action.checkInDesk': 'Check in at desk {desk}',
  'tab.action.showOnMap': 'Show on map',
  'tab.booked': 'Desk {desk} is booked for you on {date}.',
  'tab.cancelled': 'Your booking of desk {desk} on {date} is cancelled.',
  'tab.checkedIn': 'You are checked in at desk {desk}.',
  'tab.notBookable': 'Desk {desk} cannot be booked: {reason}',
  'tab.refused': 'Not booked',
  'tab.failed': 'That did not work',
  'tab.alternatives': 'Available instead:',
  'tab.loadFailed': 'The floor could not be loaded: {message}',
  'tab.mine.title': 'Your upcoming bookings',
  'tab.mine.empty': 'You have no upcoming bookings.',
  'tab.mine.date': 'Day',
  'tab.mine.desk': 'Desk',
  'tab.mine.where': 'Where',
  'tab.mine.status': 'Status',
  'tab.mine.actions': 'Actions',
  'tab.mine.place': '{zone}, {floor}',
  'tab.mine.loadFailed': 'Your bookings could not be loaded: {message}',

  // Check-in reminders and no-show releases (proactive cards).
  'reminder.card.title': 'Check-in reminder',
  'reminder.card.text':
    'You booked desk {desk} for today, {date}. Check in when you arrive, before {deadline}. If you are not coming, release the desk so that a colleague can use it.',
  'reminder.card.summary': 'Check in to desk {desk} before {deadline}',
  'reminder.fact.deadline': 'Check in by',
  'reminder.action.release': 'Release my desk',
  'reminder.released.title': 'Desk released: no check-in',
  'reminder.released.text':
    'Nobody checked in to desk {desk} by {deadline} today ({date}), so it was released for colleagues. If you are coming in after all, book a desk again.',
  'reminder.released.summary': 'Desk {desk} was released: no check-in by {deadline}',
  // Hardening (issue 10): the bot's tenant allow-list, and API errors that never echo internals.
  'tenant.refused.title': 'Seatwise is not available to your organisation',
  'tenant.refused.text':
    'This Seatwise serves only the organisations it was set up for, and your Microsoft 365 organisation is not one of them. Nothing was booked or saved. If you think this is a mistake, contact your IT department.',
  'error.auth.devUser': 'In development, send the header x-dev-user: 1 to 128 letters, digits or . _ : @ -.',
  'error.auth.tenant': 'Your organisation is not allowed to use this Seatwise.',
  'error.auth.scope': 'Your sign-in does not give Seatwise access (the access_as_user permission is missing). Please sign in again.',
  'error.PAYLOAD_TOO_LARGE': 'The request is too large: at most {max} bytes are accepted.',
  'error.UNSUPPORTED_MEDIA_TYPE': 'Send the request body as JSON (Content-Type: application/json).',
  'error.field.invalid': 'the field "{field}" is missing or not valid',
  'error.field.unknown': 'the field "{field}" is not expected',
  'error.field.json': 'the body is not valid JSON',
} as const;

export type MessageKey = keyof typeof en;

/** A locale's catalogue: exactly the English keys, so a missing or misspelt key is a compile error. */
export type Messages = { readonly [K in MessageKey]: string };
