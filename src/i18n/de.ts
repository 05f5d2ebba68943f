import type { Messages } from './en';

/** German messages, with the polite "Sie". */
export const de: Messages = {
  'error.INVALID_INPUT': 'Die Anfrage ist ungültig: {details}',
  'error.UNAUTHENTICATED':
    'Sie sind nicht angemeldet oder Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
  'error.FORBIDDEN': 'Sie haben keine Berechtigung für diese Aktion.',
  'error.NOT_FOUND': 'Der angeforderte Eintrag wurde nicht gefunden.',
  'error.STORAGE_UNAVAILABLE':
    'Der Speicher ist gerade nicht erreichbar; bitte versuchen Sie es gleich noch einmal.',
  'error.CONTENTION': 'Gerade buchen viele Personen in diesem Bereich; bitte versuchen Sie es erneut.',
  'error.INTERNAL': 'Bei uns ist ein Fehler aufgetreten; bitte versuchen Sie es später erneut.',

  'refusal.DESK_TAKEN': 'Schreibtisch {desk} ist am {date} bereits von jemand anderem gebucht.',
  'refusal.ALREADY_BOOKED': 'Sie haben am {date} bereits einen Schreibtisch (Schreibtisch {desk}).',
  'refusal.ZONE_FULL.one': '{zone} hat am {date} die Obergrenze von {capacity} Person erreicht.',
  'refusal.ZONE_FULL.other': '{zone} hat am {date} die Obergrenze von {capacity} Personen erreicht.',
  'refusal.TOO_CLOSE':
    'Schreibtisch {desk} ist {distance} m von Schreibtisch {nearest} entfernt, der gebucht ist; der Mindestabstand beträgt {min} m.',
  'refusal.OUTSIDE_WINDOW.past':
    '{date} liegt in der Vergangenheit und kann nicht mehr gebucht oder geändert werden.',
  'refusal.OUTSIDE_WINDOW.beyond-horizon.one':
    '{date} liegt außerhalb des Buchungszeitraums: Sie können bis {last} buchen ({horizon} Tag im Voraus).',
  'refusal.OUTSIDE_WINDOW.beyond-horizon.other':
    '{date} liegt außerhalb des Buchungszeitraums: Sie können bis {last} buchen ({horizon} Tage im Voraus).',
  'refusal.OUTSIDE_WINDOW.weekday': '{weekday} ist kein buchbarer Tag. Buchbare Tage: {days}.',
  'refusal.OUTSIDE_WINDOW.weekday.none':
    '{weekday} ist kein buchbarer Tag; derzeit können keine Tage gebucht werden.',
  'refusal.OUTSIDE_WINDOW.not-today':
    'Einchecken oder einen Schreibtisch freigeben ist nur am Tag selbst möglich ({date}); heute ist {today}.',
  'refusal.OUTSIDE_WINDOW.after-deadline':
    'Die Frist zum Einchecken für {date} ({deadline} Uhr) ist abgelaufen.',
  'refusal.OUTSIDE_WINDOW.after-deadline.no-time': 'Die Frist zum Einchecken für {date} ist abgelaufen.',
  'refusal.QUOTA_EXCEEDED.one':
    'Sie haben in Kalenderwoche {week} bereits {used} Tag gebucht; das Wochenlimit liegt bei {quota}.',
  'refusal.QUOTA_EXCEEDED.other':
    'Sie haben in Kalenderwoche {week} bereits {used} Tage gebucht; das Wochenlimit liegt bei {quota}.',
  'refusal.DESK_UNAVAILABLE.mode-off': 'Schreibtisch {desk} kann nicht gebucht werden: Er ist deaktiviert.',
  'refusal.DESK_UNAVAILABLE.mode-assigned':
    'Schreibtisch {desk} kann nicht gebucht werden: Er ist einer Person fest zugewiesen.',
  'refusal.DESK_UNAVAILABLE.restricted-zone':
    'Schreibtisch {desk} kann nicht gebucht werden: Seine Zone ist anderen Teams vorbehalten.',
  'refusal.UNKNOWN_DESK': 'Schreibtisch {desk} gibt es nicht.',
  'refusal.NOT_ALLOWED.cancel':
    'Nur die Person, die gebucht hat, oder ein Administrator kann die Buchung stornieren.',
  'refusal.NOT_ALLOWED.release':
    'Nur die Person, die gebucht hat, oder ein Administrator kann den Schreibtisch freigeben.',
  'refusal.NOT_ALLOWED.check-in': 'Sie können nur für Ihre eigene Buchung einchecken.',
  'refusal.NOT_ALLOWED.fallback': 'Sie sind dazu nicht berechtigt.',
  'refusal.BOOKING_NOT_FOUND':
    'Diese Buchung wurde nicht gefunden; möglicherweise wurde sie bereits entfernt.',
  'refusal.NOT_ACTIVE.booked': 'Für diese Buchung wurde noch nicht eingecheckt, daher ist das nicht möglich.',
  'refusal.NOT_ACTIVE.checked-in':
    'Für diese Buchung wurde bereits eingecheckt, daher ist das nicht mehr möglich.',
  'refusal.NOT_ACTIVE.released':
    'Diese Buchung wurde bereits freigegeben und kann nicht mehr geändert werden.',
  'refusal.NOT_ACTIVE.cancelled-by-admin':
    'Diese Buchung wurde von einem Administrator storniert und kann nicht mehr geändert werden.',
  'refusal.NOT_ACTIVE.fallback': 'Diese Buchung kann nicht mehr geändert werden (Status: {status}).',

  'weekdays.range': '{first} bis {last}',

  'alternatives.intro': 'Stattdessen verfügbar:',
  'alternative.desk': 'Schreibtisch {desk}',
  'alternative.desk-nearby': 'Schreibtisch {desk}, {distance} m entfernt',
  'alternative.day': 'Schreibtisch {desk} am {date}',

  'deskReason.free': 'Frei',
  'deskReason.mine': 'Ihr Schreibtisch',
  'deskReason.mine-checked-in': 'Ihr Schreibtisch (eingecheckt)',
  'deskReason.taken': 'Von jemand anderem gebucht',
  'deskReason.taken-checked-in': 'Jemand anderes ist hier eingecheckt',
  'deskReason.too-close':
    '{distance} m von einem gebuchten Schreibtisch entfernt; das Minimum beträgt {min} m',
  'deskReason.zone-full': '{zone} ist voll ({booked} von {capacity})',
  'deskReason.unavailable.mode-off': 'Nicht buchbar: deaktiviert',
  'deskReason.unavailable.mode-assigned': 'Nicht buchbar: fest zugewiesen',
  'deskReason.unavailable.restricted-zone': 'Nicht buchbar: einem anderen Team vorbehalten',

  'deskState.free': 'Frei',
  'deskState.mine': 'Ihr Platz',
  'deskState.taken': 'Belegt',
  'deskState.too-close': 'Zu nah',
  'deskState.zone-full': 'Zone voll',
  'deskState.unavailable': 'Nicht verfügbar',

  'bookingStatus.booked': 'Gebucht',
  'bookingStatus.checked-in': 'Eingecheckt',
  'bookingStatus.released': 'Freigegeben',
  'bookingStatus.cancelled-by-admin': 'Von einem Administrator storniert',
};
