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

  'card.action.confirm': 'Bestätigen',
  'card.action.pickAnother': 'Anderen wählen',
  'card.action.openMap': 'Plan öffnen',
  'card.action.cancel': 'Buchung stornieren',
  'card.action.checkIn': 'Einchecken',
  'card.action.release': 'Schreibtisch freigeben',
  'card.action.myBookings': 'Meine Buchungen',
  'card.action.book': '{desk} buchen',

  'card.fact.day': 'Tag',
  'card.fact.desk': 'Schreibtisch',
  'card.fact.zone': 'Zone',
  'card.fact.floor': 'Etage',
  'card.fact.features': 'Ausstattung',
  'card.fact.status': 'Status',

  'card.attribute.monitor': 'Bildschirm',
  'card.attribute.standing': 'Stehschreibtisch',
  'card.attribute.docking': 'Dockingstation',
  'card.attribute.accessible': 'Barrierefrei',

  'card.desk': 'Schreibtisch {desk}',

  'card.suggestion.title': 'Vorgeschlagener Schreibtisch für {date}',
  'card.why.title': 'Warum dieser Schreibtisch',
  'card.why.favourite': 'Er ist einer Ihrer Lieblingsschreibtische.',
  'card.why.preferredZone': 'Er liegt in Ihrer bevorzugten Zone.',
  'card.why.matchedAttributes': 'Er hat, was Sie gewünscht haben: {features}.',
  'card.why.blocks.one': 'Er lässt Kollegen am meisten Platz: Er blockiert nur {count} freien Schreibtisch.',
  'card.why.blocks.other':
    'Er lässt Kollegen am meisten Platz: Er blockiert nur {count} freie Schreibtische.',
  'card.why.blocksNone':
    'Er lässt Kollegen am meisten Platz: Er blockiert keinen anderen freien Schreibtisch.',
  'card.suggestion.others.one': 'An diesem Tag ist noch {count} weiterer Schreibtisch frei.',
  'card.suggestion.others.other': 'An diesem Tag sind noch {count} weitere Schreibtische frei.',
  'card.suggestion.others.none': 'An diesem Tag ist kein anderer Schreibtisch frei.',

  'card.booked.title': 'Gebucht',
  'card.booked.summary': 'Schreibtisch {desk} am {date}',
  'card.booked.checkInReminder':
    'Checken Sie bei Ihrer Ankunft ein, oder geben Sie den Schreibtisch frei, wenn sich Ihre Pläne ändern.',

  'card.pick.title': 'Freie Schreibtische am {date}',
  'card.pick.intro': 'Wählen Sie einen dieser Schreibtische:',
  'card.pick.more.one': '{count} weiterer freier Schreibtisch wird nicht angezeigt.',
  'card.pick.more.other': '{count} weitere freie Schreibtische werden nicht angezeigt.',
  'card.pick.empty': 'Am {date} ist kein anderer Schreibtisch frei.',

  'card.refusal.title': 'Nicht gebucht',
  'card.refusal.noAlternatives':
    'Es gibt nichts Vergleichbares anzubieten; versuchen Sie einen anderen Tag oder eine andere Zone.',

  'card.bookings.title': 'Ihre kommenden Buchungen',
  'card.bookings.empty':
    'Sie haben keine kommenden Buchungen. Zum Buchen schreiben Sie zum Beispiel „Donnerstag einen Schreibtisch buchen“.',
  'card.bookings.today': 'Heute',
  'card.bookings.more.one': '{count} weitere Buchung wird nicht angezeigt.',
  'card.bookings.more.other': '{count} weitere Buchungen werden nicht angezeigt.',

  'card.multi.title': 'Übersicht Ihrer Buchungen',
  'card.multi.counts': 'Gebucht: {booked}. Nicht gebucht: {refused}.',
  'card.multi.booked': 'Gebucht',
  'card.multi.refused': 'Nicht gebucht',
  'card.multi.bookedDay': 'Schreibtisch {desk}, {zone}',
  'card.multi.more.one': '{count} weiterer Tag wird nicht angezeigt.',
  'card.multi.more.other': '{count} weitere Tage werden nicht angezeigt.',

  'card.whoIsIn.title': 'Wer ist am {date} da',
  'card.whoIsIn.count': 'Gebucht: {booked} von {capacity}',
  'card.whoIsIn.countNoCapacity': 'Gebucht: {booked}',
  'card.whoIsIn.nobody': 'Für {date} hat noch niemand einen Schreibtisch gebucht.',
  'card.whoIsIn.others.one': '{count} weitere Person',
  'card.whoIsIn.others.other': '{count} weitere Personen',
  'card.whoIsIn.moreZones.one': '{count} weitere Zone wird nicht angezeigt.',
  'card.whoIsIn.moreZones.other': '{count} weitere Zonen werden nicht angezeigt.',

  'card.help.title': 'Seatwise bucht Ihren Schreibtisch',
  'card.help.notUnderstood': 'Entschuldigung, das habe ich nicht verstanden.',
  'card.help.intro':
    'Schreiben Sie mir auf Deutsch, Französisch, Niederländisch oder Englisch, zum Beispiel:',
  'card.help.example.book': 'Donnerstag einen Schreibtisch buchen',
  'card.help.example.bookWith': 'morgen einen Stehschreibtisch in Zone B buchen',
  'card.help.example.bookings': 'meine Buchungen',
  'card.help.example.cancel': 'Donnerstag stornieren',
  'card.help.example.checkIn': 'einchecken',
  'card.help.example.release': 'meinen Schreibtisch freigeben',
  'card.help.example.whoIsIn': 'wer ist am Freitag da',

  'card.cancelled.title': 'Buchung storniert',
  'card.cancelled.text': 'Schreibtisch {desk} ist am {date} wieder frei für Kollegen.',
  'card.checkedIn.title': 'Eingecheckt',
  'card.checkedIn.text': 'Sie sind am {date} an Schreibtisch {desk} eingecheckt. Einen schönen Tag!',
  'card.released.title': 'Schreibtisch freigegeben',
  'card.released.text': 'Schreibtisch {desk} ist am {date} wieder frei für Kollegen. Vielen Dank!',
  'card.error.title': 'Das hat nicht geklappt',
  'card.error.notYours':
    'Diese Schaltflächen gehören der Person, für die diese Karte erstellt wurde. Um Ihren eigenen Schreibtisch zu buchen oder zu ändern, schreiben Sie mir selbst, zum Beispiel „meine Buchungen“.',
  'card.error.stale':
    'Diese Karte ist nicht mehr aktuell. Fragen Sie mich bitte erneut, zum Beispiel „meine Buchungen“.',

  'bot.askDate': 'Für welchen Tag? Zum Beispiel: „Donnerstag einen Schreibtisch buchen“.',
  'bot.noDeskFree': 'Am {date} ist kein Schreibtisch frei, der zu Ihrer Anfrage passt.',
  'bot.noBookingOn': 'Sie haben am {date} keine Buchung.',
  'bot.noBookingToday': 'Sie haben heute keine Buchung.',
  'bot.tooManyDays': 'Ich kann höchstens {max} Tage auf einmal buchen.',
  'bot.working.title': 'Einen Moment bitte',
  'bot.working.text': 'Das dauert länger als üblich. Ich schicke Ihnen die Antwort gleich.',

  // The floor map tab (src/tab).
  'tab.appName': 'Seatwise',
  'tab.view.map': 'Platz buchen',
  'tab.view.mine': 'Meine Buchungen',
  'tab.views': 'Ansichten',
  'tab.loading': 'Wird geladen…',
  'tab.dev.banner':
    'Ausführung außerhalb von Teams: Entwicklungsmodus. Wählen Sie unten die zu verwendende Identität.',
  'tab.dev.identity': 'Entwicklungsidentität',
  'tab.dev.userId': 'Benutzer-ID',
  'tab.dev.userName': 'Anzeigename (optional)',
  'tab.dev.apply': 'Diese Identität verwenden',
  'tab.dev.current': 'Angemeldet als {user}',
  'tab.dev.invalidUser': 'Geben Sie 1 bis 128 Buchstaben, Ziffern oder . _ : @ - ein',
  'tab.theme': 'Design',
  'tab.theme.default': 'Hell',
  'tab.theme.dark': 'Dunkel',
  'tab.theme.contrast': 'Hoher Kontrast',
  'tab.language': 'Sprache',
  'tab.signInFailed': 'Teams konnte Sie nicht anmelden: {message}',
  'tab.networkError':
    'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  'tab.retry': 'Erneut versuchen',
  'tab.dismiss': 'Schließen',
  'tab.noFloors': 'Es wurde noch kein Stockwerk eingerichtet.',
  'tab.date': 'Tag',
  'tab.date.previous': 'Vorheriger Tag',
  'tab.date.next': 'Nächster Tag',
  'tab.date.today': '{date} (heute)',
  'tab.floor': 'Stockwerk',
  'tab.filters': 'Nur Plätze mit',
  'tab.attribute.monitor': 'Bildschirm',
  'tab.attribute.standing': 'Stehschreibtisch',
  'tab.attribute.docking': 'Dockingstation',
  'tab.attribute.accessible': 'Barrierefrei',
  'tab.attribute.quiet': 'Ruhebereich',
  'tab.attribute.window': 'Am Fenster',
  'tab.layout': 'Anzeigen als',
  'tab.layout.map': 'Plan',
  'tab.layout.list': 'Liste',
  'tab.summary': 'Freie Plätze: {free} von {total}. Angezeigt: {shown}.',
  'tab.noMatch': 'Kein Platz auf diesem Stockwerk hat alle gewählten Merkmale.',
  'tab.map.label': 'Plan: {floor}, {date}',
  'tab.map.help':
    'Mit den Pfeiltasten wechseln Sie zwischen Plätzen; Eingabe bucht einen freien Platz oder storniert Ihren; + und − zoomen.',
  'tab.map.controls': 'Plansteuerung',
  'tab.map.zoomIn': 'Vergrößern',
  'tab.map.zoomOut': 'Verkleinern',
  'tab.map.fit': 'Ganzes Stockwerk zeigen',
  'tab.map.panLeft': 'Nach links',
  'tab.map.panRight': 'Nach rechts',
  'tab.map.panUp': 'Nach oben',
  'tab.map.panDown': 'Nach unten',
  'tab.map.zoom': 'Zoom: {percent} %',
  'tab.zone.count': '{zone}: {booked} / {capacity}',
  'tab.desk.name': 'Platz {desk}, {state}',
  'tab.legend': 'Legende',
  'tab.list.caption': 'Plätze: {floor}, {date}',
  'tab.list.desk': 'Platz',
  'tab.list.zone': 'Zone',
  'tab.list.features': 'Ausstattung',
  'tab.list.state': 'Status',
  'tab.list.details': 'Details',
  'tab.list.action': 'Aktion',
  'tab.action.book': 'Buchen',
  'tab.action.bookDesk': 'Platz {desk} buchen',
  'tab.action.cancel': 'Stornieren',
  'tab.action.cancelDesk': 'Platz {desk} am {date} stornieren',
  'tab.action.checkIn': 'Einchecken',
  'tab.action.checkInDesk': 'Am Platz {desk} einchecken',
  'tab.action.showOnMap': 'Im Plan zeigen',
  'tab.booked': 'Platz {desk} ist am {date} für Sie gebucht.',
  'tab.cancelled': 'Ihre Buchung von Platz {desk} am {date} ist storniert.',
  'tab.checkedIn': 'Sie sind am Platz {desk} eingecheckt.',
  'tab.notBookable': 'Platz {desk} kann nicht gebucht werden: {reason}',
  'tab.refused': 'Nicht gebucht',
  'tab.failed': 'Das hat nicht funktioniert',
  'tab.alternatives': 'Stattdessen verfügbar:',
  'tab.loadFailed': 'Das Stockwerk konnte nicht geladen werden: {message}',
  'tab.mine.title': 'Ihre kommenden Buchungen',
  'tab.mine.empty': 'Sie haben keine kommenden Buchungen.',
  'tab.mine.date': 'Tag',
  'tab.mine.desk': 'Platz',
  'tab.mine.where': 'Wo',
  'tab.mine.status': 'Status',
  'tab.mine.actions': 'Aktionen',
  'tab.mine.place': '{zone}, {floor}',
  'tab.mine.loadFailed': 'Ihre Buchungen konnten nicht geladen werden: {message}',

  // Check-in reminders and no-show releases (proactive cards).
  'reminder.card.title': 'Erinnerung: Einchecken',
  'reminder.card.text':
    'Sie haben Schreibtisch {desk} für heute, {date}, gebucht. Checken Sie bei Ihrer Ankunft ein, vor {deadline} Uhr. Wenn Sie nicht kommen, geben Sie den Schreibtisch frei, damit ihn eine Kollegin oder ein Kollege nutzen kann.',
  'reminder.card.summary': 'Checken Sie vor {deadline} Uhr an Schreibtisch {desk} ein',
  'reminder.fact.deadline': 'Einchecken bis',
  'reminder.action.release': 'Meinen Schreibtisch freigeben',
  'reminder.released.title': 'Schreibtisch freigegeben: nicht eingecheckt',
  'reminder.released.text':
    'Niemand hat heute ({date}) bis {deadline} Uhr an Schreibtisch {desk} eingecheckt, daher wurde er für Kollegen freigegeben. Wenn Sie doch kommen, buchen Sie bitte erneut einen Schreibtisch.',
  'reminder.released.summary': 'Schreibtisch {desk} wurde freigegeben: kein Check-in bis {deadline} Uhr',
  // Hardening (issue 10): the bot's tenant allow-list, and API errors that never echo internals.
  'tenant.refused.title': 'Seatwise ist für Ihre Organisation nicht verfügbar',
  'tenant.refused.text':
    'Dieses Seatwise steht nur den Organisationen zur Verfügung, für die es eingerichtet wurde, und Ihre Microsoft-365-Organisation gehört nicht dazu. Es wurde nichts gebucht oder gespeichert. Wenn Sie das für einen Fehler halten, wenden Sie sich an Ihre IT-Abteilung.',
  'error.auth.devUser': 'Senden Sie in der Entwicklung den Header x-dev-user mit: 1 bis 128 Buchstaben, Ziffern oder . _ : @ -.',
  'error.auth.tenant': 'Ihre Organisation darf dieses Seatwise nicht verwenden.',
  'error.auth.scope': 'Ihre Anmeldung gewährt keinen Zugriff auf Seatwise (die Berechtigung access_as_user fehlt). Bitte melden Sie sich erneut an.',
  'error.PAYLOAD_TOO_LARGE': 'Die Anfrage ist zu groß: höchstens {max} Bytes werden angenommen.',
  'error.UNSUPPORTED_MEDIA_TYPE': 'Senden Sie den Inhalt der Anfrage als JSON (Content-Type: application/json).',
  'error.field.invalid': 'das Feld „{field}“ fehlt oder ist ungültig',
  'error.field.unknown': 'das Feld „{field}“ wird nicht erwartet',
  'error.field.json': 'der Inhalt ist kein gültiges JSON',
};
