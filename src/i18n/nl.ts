import type { Messages } from './en';

/** Dutch messages, in Belgian usage: "bureau", "reserveren", and the polite "u". */
export const nl: Messages = {
  'error.INVALID_INPUT': 'De aanvraag is ongeldig: {details}',
  'error.UNAUTHENTICATED': 'U bent niet aangemeld of uw sessie is verlopen. Meld u opnieuw aan.',
  'error.FORBIDDEN': 'U hebt geen toestemming om dit te doen.',
  'error.NOT_FOUND': 'Het gevraagde item werd niet gevonden.',
  'error.STORAGE_UNAVAILABLE': 'De opslag is momenteel niet beschikbaar; probeer het zo dadelijk opnieuw.',
  'error.CONTENTION': 'Veel mensen reserveren nu in deze zone; probeer het opnieuw.',
  'error.INTERNAL': 'Er ging bij ons iets mis; probeer het later opnieuw.',

  'refusal.DESK_TAKEN': 'Bureau {desk} is op {date} al door iemand anders gereserveerd.',
  'refusal.ALREADY_BOOKED': 'U hebt op {date} al een bureau (bureau {desk}).',
  'refusal.ZONE_FULL.one': '{zone} heeft op {date} het maximum van {capacity} persoon bereikt.',
  'refusal.ZONE_FULL.other': '{zone} heeft op {date} het maximum van {capacity} personen bereikt.',
  'refusal.TOO_CLOSE':
    'Bureau {desk} staat op {distance} m van bureau {nearest}, dat gereserveerd is; de minimumafstand is {min} m.',
  'refusal.OUTSIDE_WINDOW.past':
    '{date} ligt in het verleden; die dag kan niet meer gereserveerd of gewijzigd worden.',
  'refusal.OUTSIDE_WINDOW.beyond-horizon.one':
    '{date} valt buiten de reserveringsperiode: u kunt reserveren tot en met {last} ({horizon} dag vooruit).',
  'refusal.OUTSIDE_WINDOW.beyond-horizon.other':
    '{date} valt buiten de reserveringsperiode: u kunt reserveren tot en met {last} ({horizon} dagen vooruit).',
  'refusal.OUTSIDE_WINDOW.weekday': '{weekday} is geen reserveerbare dag. Reserveerbare dagen: {days}.',
  'refusal.OUTSIDE_WINDOW.weekday.none':
    '{weekday} is geen reserveerbare dag; er kunnen momenteel geen dagen gereserveerd worden.',
  'refusal.OUTSIDE_WINDOW.not-today':
    'Inchecken of een bureau vrijgeven kan alleen op de dag zelf ({date}); vandaag is het {today}.',
  'refusal.OUTSIDE_WINDOW.after-deadline': 'De uiterste inchecktijd voor {date} ({deadline}) is verstreken.',
  'refusal.OUTSIDE_WINDOW.after-deadline.no-time': 'De uiterste inchecktijd voor {date} is verstreken.',
  'refusal.QUOTA_EXCEEDED.one':
    'U hebt in week {week} al {used} dag gereserveerd; het weekmaximum is {quota}.',
  'refusal.QUOTA_EXCEEDED.other':
    'U hebt in week {week} al {used} dagen gereserveerd; het weekmaximum is {quota}.',
  'refusal.DESK_UNAVAILABLE.mode-off': 'Bureau {desk} kan niet gereserveerd worden: het is buiten gebruik.',
  'refusal.DESK_UNAVAILABLE.mode-assigned':
    'Bureau {desk} kan niet gereserveerd worden: het is vast aan iemand toegewezen.',
  'refusal.DESK_UNAVAILABLE.restricted-zone':
    'Bureau {desk} kan niet gereserveerd worden: de zone is voorbehouden aan andere teams.',
  'refusal.UNKNOWN_DESK': 'Bureau {desk} bestaat niet.',
  'refusal.NOT_ALLOWED.cancel':
    'Alleen wie de reservering gemaakt heeft, of een beheerder, kan ze annuleren.',
  'refusal.NOT_ALLOWED.release':
    'Alleen wie de reservering gemaakt heeft, of een beheerder, kan het bureau vrijgeven.',
  'refusal.NOT_ALLOWED.check-in': 'U kunt alleen inchecken voor uw eigen reservering.',
  'refusal.NOT_ALLOWED.fallback': 'U mag deze actie niet uitvoeren.',
  'refusal.BOOKING_NOT_FOUND': 'Deze reservering werd niet gevonden; misschien is ze al verwijderd.',
  'refusal.NOT_ACTIVE.booked': 'Voor deze reservering is nog niet ingecheckt, dus dit kan nog niet.',
  'refusal.NOT_ACTIVE.checked-in': 'Voor deze reservering is al ingecheckt, dus dit kan niet meer.',
  'refusal.NOT_ACTIVE.released': 'Deze reservering is al vrijgegeven en kan niet meer gewijzigd worden.',
  'refusal.NOT_ACTIVE.cancelled-by-admin':
    'Deze reservering werd door een beheerder geannuleerd en kan niet meer gewijzigd worden.',
  'refusal.NOT_ACTIVE.fallback': 'Deze reservering kan niet meer gewijzigd worden (status: {status}).',

  'weekdays.range': '{first} tot en met {last}',

  'alternatives.intro': 'Wel beschikbaar:',
  'alternative.desk': 'Bureau {desk}',
  'alternative.desk-nearby': 'Bureau {desk}, op {distance} m',
  'alternative.day': 'Bureau {desk} op {date}',

  'deskReason.free': 'Vrij',
  'deskReason.mine': 'Uw bureau',
  'deskReason.mine-checked-in': 'Uw bureau (ingecheckt)',
  'deskReason.taken': 'Gereserveerd door iemand anders',
  'deskReason.taken-checked-in': 'Ingecheckt door iemand anders',
  'deskReason.too-close': 'Op {distance} m van een gereserveerd bureau; het minimum is {min} m',
  'deskReason.zone-full': '{zone} is vol ({booked} van {capacity})',
  'deskReason.unavailable.mode-off': 'Niet reserveerbaar: buiten gebruik',
  'deskReason.unavailable.mode-assigned': 'Niet reserveerbaar: vast toegewezen',
  'deskReason.unavailable.restricted-zone': 'Niet reserveerbaar: voorbehouden aan een ander team',

  'deskState.free': 'Vrij',
  'deskState.mine': 'Uw bureau',
  'deskState.taken': 'Bezet',
  'deskState.too-close': 'Te dichtbij',
  'deskState.zone-full': 'Zone vol',
  'deskState.unavailable': 'Niet beschikbaar',

  'bookingStatus.booked': 'Gereserveerd',
  'bookingStatus.checked-in': 'Ingecheckt',
  'bookingStatus.released': 'Vrijgegeven',
  'bookingStatus.cancelled-by-admin': 'Geannuleerd door een beheerder',
};
