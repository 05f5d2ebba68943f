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

  'card.action.confirm': 'Bevestigen',
  'card.action.pickAnother': 'Ander bureau kiezen',
  'card.action.openMap': 'Plattegrond openen',
  'card.action.cancel': 'Reservering annuleren',
  'card.action.checkIn': 'Inchecken',
  'card.action.release': 'Bureau vrijgeven',
  'card.action.myBookings': 'Mijn reserveringen',
  'card.action.book': '{desk} reserveren',

  'card.fact.day': 'Dag',
  'card.fact.desk': 'Bureau',
  'card.fact.zone': 'Zone',
  'card.fact.floor': 'Verdieping',
  'card.fact.features': 'Uitrusting',
  'card.fact.status': 'Status',

  'card.attribute.monitor': 'Scherm',
  'card.attribute.standing': 'Zit-sta-bureau',
  'card.attribute.docking': 'Dockingstation',
  'card.attribute.accessible': 'Toegankelijk',

  'card.desk': 'Bureau {desk}',

  'card.suggestion.title': 'Voorgesteld bureau voor {date}',
  'card.why.title': 'Waarom dit bureau',
  'card.why.favourite': 'Het is een van uw favoriete bureaus.',
  'card.why.preferredZone': 'Het ligt in uw voorkeurszone.',
  'card.why.matchedAttributes': 'Het heeft wat u vroeg: {features}.',
  'card.why.blocks.one': 'Het laat de meeste ruimte voor collega’s: het blokkeert maar {count} vrij bureau.',
  'card.why.blocks.other':
    'Het laat de meeste ruimte voor collega’s: het blokkeert maar {count} vrije bureaus.',
  'card.why.blocksNone': 'Het laat de meeste ruimte voor collega’s: het blokkeert geen ander vrij bureau.',
  'card.suggestion.others.one': 'Die dag is nog {count} ander bureau vrij.',
  'card.suggestion.others.other': 'Die dag zijn nog {count} andere bureaus vrij.',
  'card.suggestion.others.none': 'Die dag is geen ander bureau vrij.',

  'card.booked.title': 'Gereserveerd',
  'card.booked.summary': 'Bureau {desk} op {date}',
  'card.booked.checkInReminder':
    'Vergeet bij aankomst niet in te checken, of geef het bureau vrij als uw plannen wijzigen.',

  'card.pick.title': 'Vrije bureaus op {date}',
  'card.pick.intro': 'Kies een van deze bureaus:',
  'card.pick.more.one': 'Nog {count} vrij bureau wordt niet getoond.',
  'card.pick.more.other': 'Nog {count} vrije bureaus worden niet getoond.',
  'card.pick.empty': 'Er is geen ander vrij bureau op {date}.',

  'card.refusal.title': 'Niet gereserveerd',
  'card.refusal.noAlternatives':
    'Er is niets vergelijkbaars om aan te bieden; probeer een andere dag of zone.',

  'card.bookings.title': 'Uw komende reserveringen',
  'card.bookings.empty':
    'U hebt geen komende reserveringen. Om te reserveren, schrijf bijvoorbeeld "boek een bureau donderdag".',
  'card.bookings.today': 'Vandaag',
  'card.bookings.more.one': 'Nog {count} reservering wordt niet getoond.',
  'card.bookings.more.other': 'Nog {count} reserveringen worden niet getoond.',

  'card.multi.title': 'Overzicht van uw reserveringen',
  'card.multi.counts': 'Gereserveerd: {booked}. Niet gereserveerd: {refused}.',
  'card.multi.booked': 'Gereserveerd',
  'card.multi.refused': 'Niet gereserveerd',
  'card.multi.bookedDay': 'Bureau {desk}, {zone}',
  'card.multi.more.one': 'Nog {count} dag wordt niet getoond.',
  'card.multi.more.other': 'Nog {count} dagen worden niet getoond.',

  'card.whoIsIn.title': 'Wie is er op {date}',
  'card.whoIsIn.count': 'Gereserveerd: {booked} van {capacity}',
  'card.whoIsIn.countNoCapacity': 'Gereserveerd: {booked}',
  'card.whoIsIn.nobody': 'Niemand heeft al een bureau gereserveerd op {date}.',
  'card.whoIsIn.others.one': '{count} andere',
  'card.whoIsIn.others.other': '{count} anderen',
  'card.whoIsIn.moreZones.one': 'Nog {count} zone wordt niet getoond.',
  'card.whoIsIn.moreZones.other': 'Nog {count} zones worden niet getoond.',

  'card.help.title': 'Seatwise reserveert uw bureau',
  'card.help.notUnderstood': 'Sorry, dat heb ik niet begrepen.',
  'card.help.intro': 'Schrijf me in het Nederlands, Frans, Duits of Engels, bijvoorbeeld:',
  'card.help.example.book': 'boek een bureau donderdag',
  'card.help.example.bookWith': 'boek morgen een zit-sta-bureau in zone B',
  'card.help.example.bookings': 'mijn reserveringen',
  'card.help.example.cancel': 'annuleer donderdag',
  'card.help.example.checkIn': 'inchecken',
  'card.help.example.release': 'geef mijn bureau vrij',
  'card.help.example.whoIsIn': 'wie is er op vrijdag',

  'card.cancelled.title': 'Reservering geannuleerd',
  'card.cancelled.text': 'Bureau {desk} is op {date} weer vrij voor collega’s.',
  'card.checkedIn.title': 'Ingecheckt',
  'card.checkedIn.text': 'U bent ingecheckt op bureau {desk} voor {date}. Fijne dag!',
  'card.released.title': 'Bureau vrijgegeven',
  'card.released.text': 'Bureau {desk} is op {date} weer vrij voor collega’s. Bedankt!',
  'card.error.title': 'Dat is niet gelukt',
  'card.error.notYours':
    'Deze knoppen zijn van de persoon voor wie deze kaart gemaakt is. Om uw eigen bureau te reserveren of te wijzigen, schrijf me zelf, bijvoorbeeld "mijn reserveringen".',
  'card.error.stale':
    'Deze kaart is niet meer actueel. Vraag het me opnieuw, bijvoorbeeld "mijn reserveringen".',

  'bot.askDate': 'Voor welke dag? Bijvoorbeeld: "boek een bureau donderdag".',
  'bot.noDeskFree': 'Er is op {date} geen vrij bureau dat aan uw vraag voldoet.',
  'bot.noBookingOn': 'U hebt geen reservering op {date}.',
  'bot.noBookingToday': 'U hebt vandaag geen reservering.',
  'bot.tooManyDays': 'Ik kan hoogstens {max} dagen tegelijk reserveren.',
  'bot.working.title': 'Nog even geduld',
  'bot.working.text': 'Dit duurt langer dan gewoonlijk. Ik stuur je het antwoord zo meteen.',
};
