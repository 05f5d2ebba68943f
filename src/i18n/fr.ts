import type { Messages } from './en';

/**
 * French messages. Write an ordinary space before « ; : ! ? »: `t` turns it into a non-breaking space, as French
 * typography wants, so a card never starts a line with a colon.
 */
export const fr: Messages = {
  'error.INVALID_INPUT': "La demande n'est pas valide : {details}",
  'error.UNAUTHENTICATED': "Vous n'êtes pas connecté ou votre session a expiré. Veuillez vous reconnecter.",
  'error.FORBIDDEN': "Vous n'avez pas l'autorisation d'effectuer cette action.",
  'error.NOT_FOUND': "L'élément demandé est introuvable.",
  'error.STORAGE_UNAVAILABLE':
    'Le stockage est momentanément indisponible ; veuillez réessayer dans un instant.',
  'error.CONTENTION': 'Beaucoup de personnes réservent dans cette zone en ce moment ; veuillez réessayer.',
  'error.INTERNAL': "Une erreur s'est produite de notre côté ; veuillez réessayer plus tard.",

  'refusal.DESK_TAKEN': "Le bureau {desk} est déjà réservé par quelqu'un d'autre le {date}.",
  'refusal.ALREADY_BOOKED': 'Vous avez déjà un bureau le {date} (bureau {desk}).',
  'refusal.ZONE_FULL.one': '{zone} a atteint sa limite de {capacity} personne le {date}.',
  'refusal.ZONE_FULL.other': '{zone} a atteint sa limite de {capacity} personnes le {date}.',
  'refusal.TOO_CLOSE':
    'Le bureau {desk} est à {distance} m du bureau {nearest}, qui est réservé ; la distance minimale est de {min} m.',
  'refusal.OUTSIDE_WINDOW.past': 'Le {date} est déjà passé ; ce jour ne peut plus être réservé ni modifié.',
  'refusal.OUTSIDE_WINDOW.beyond-horizon.one':
    "Le {date} est au-delà de la période de réservation : vous pouvez réserver jusqu'au {last} ({horizon} jour à l'avance).",
  'refusal.OUTSIDE_WINDOW.beyond-horizon.other':
    "Le {date} est au-delà de la période de réservation : vous pouvez réserver jusqu'au {last} ({horizon} jours à l'avance).",
  'refusal.OUTSIDE_WINDOW.weekday': "Le {weekday} n'est pas un jour réservable. Jours réservables : {days}.",
  'refusal.OUTSIDE_WINDOW.weekday.none':
    "Le {weekday} n'est pas un jour réservable ; aucun jour n'est réservable pour le moment.",
  'refusal.OUTSIDE_WINDOW.not-today':
    'Vous ne pouvez confirmer votre présence ou libérer un bureau que le jour même ({date}) ; nous sommes le {today}.',
  'refusal.OUTSIDE_WINDOW.after-deadline':
    "L'heure limite pour confirmer votre présence le {date} ({deadline}) est dépassée.",
  'refusal.OUTSIDE_WINDOW.after-deadline.no-time':
    "L'heure limite pour confirmer votre présence le {date} est dépassée.",
  'refusal.QUOTA_EXCEEDED.one':
    'Vous avez déjà réservé {used} jour pendant la semaine {week} ; la limite hebdomadaire est de {quota}.',
  'refusal.QUOTA_EXCEEDED.other':
    'Vous avez déjà réservé {used} jours pendant la semaine {week} ; la limite hebdomadaire est de {quota}.',
  'refusal.DESK_UNAVAILABLE.mode-off': 'Le bureau {desk} ne peut pas être réservé : il est désactivé.',
  'refusal.DESK_UNAVAILABLE.mode-assigned':
    'Le bureau {desk} ne peut pas être réservé : il est attribué à une personne.',
  'refusal.DESK_UNAVAILABLE.restricted-zone':
    "Le bureau {desk} ne peut pas être réservé : sa zone est réservée à d'autres équipes.",
  'refusal.UNKNOWN_DESK': "Le bureau {desk} n'existe pas.",
  'refusal.NOT_ALLOWED.cancel':
    "Seule la personne qui a fait la réservation, ou un administrateur, peut l'annuler.",
  'refusal.NOT_ALLOWED.release':
    'Seule la personne qui a fait la réservation, ou un administrateur, peut libérer le bureau.',
  'refusal.NOT_ALLOWED.check-in':
    'Vous ne pouvez confirmer votre présence que pour votre propre réservation.',
  'refusal.NOT_ALLOWED.fallback': "Vous n'êtes pas autorisé à effectuer cette action.",
  'refusal.BOOKING_NOT_FOUND': 'Cette réservation est introuvable ; elle a peut-être déjà été supprimée.',
  'refusal.NOT_ACTIVE.booked':
    "La présence n'a pas encore été confirmée pour cette réservation ; cette action n'est donc pas possible.",
  'refusal.NOT_ACTIVE.checked-in':
    "La présence a déjà été confirmée pour cette réservation ; cette action n'est donc plus possible.",
  'refusal.NOT_ACTIVE.released': 'Cette réservation a déjà été libérée ; elle ne peut plus être modifiée.',
  'refusal.NOT_ACTIVE.cancelled-by-admin':
    'Cette réservation a été annulée par un administrateur ; elle ne peut plus être modifiée.',
  'refusal.NOT_ACTIVE.fallback': 'Cette réservation ne peut plus être modifiée (statut : {status}).',

  'weekdays.range': 'du {first} au {last}',

  'alternatives.intro': 'Disponible à la place :',
  'alternative.desk': 'Bureau {desk}',
  'alternative.desk-nearby': 'Bureau {desk}, à {distance} m',
  'alternative.day': 'Bureau {desk} le {date}',

  'deskReason.free': 'Libre',
  'deskReason.mine': 'Votre bureau',
  'deskReason.mine-checked-in': 'Votre bureau (présence confirmée)',
  'deskReason.taken': "Réservé par quelqu'un d'autre",
  'deskReason.taken-checked-in': "Occupé par quelqu'un d'autre (présence confirmée)",
  'deskReason.too-close': "À {distance} m d'un bureau réservé ; le minimum est de {min} m",
  'deskReason.zone-full': '{zone} : plus de place ({booked} sur {capacity})',
  'deskReason.unavailable.mode-off': 'Non réservable : désactivé',
  'deskReason.unavailable.mode-assigned': 'Non réservable : attribué',
  'deskReason.unavailable.restricted-zone': 'Non réservable : réservé à une autre équipe',

  'deskState.free': 'Libre',
  'deskState.mine': 'Votre bureau',
  'deskState.taken': 'Occupé',
  'deskState.too-close': 'Trop proche',
  'deskState.zone-full': 'Zone complète',
  'deskState.unavailable': 'Indisponible',

  'bookingStatus.booked': 'Réservé',
  'bookingStatus.checked-in': 'Présence confirmée',
  'bookingStatus.released': 'Libéré',
  'bookingStatus.cancelled-by-admin': 'Annulé par un administrateur',

  'card.action.confirm': 'Confirmer',
  'card.action.pickAnother': 'Choisir un autre',
  'card.action.openMap': 'Ouvrir le plan',
  'card.action.cancel': 'Annuler la réservation',
  'card.action.checkIn': 'Confirmer ma présence',
  'card.action.release': 'Libérer le bureau',
  'card.action.myBookings': 'Mes réservations',
  'card.action.book': 'Réserver {desk}',

  'card.fact.day': 'Jour',
  'card.fact.desk': 'Bureau',
  'card.fact.zone': 'Zone',
  'card.fact.floor': 'Étage',
  'card.fact.features': 'Équipements',
  'card.fact.status': 'Statut',

  'card.attribute.monitor': 'Écran',
  'card.attribute.standing': 'Bureau debout',
  'card.attribute.docking': "Station d'accueil",
  'card.attribute.accessible': 'Accessible PMR',

  'card.desk': 'Bureau {desk}',

  'card.suggestion.title': 'Bureau proposé pour le {date}',
  'card.why.title': 'Pourquoi ce bureau',
  'card.why.favourite': "C'est l'un de vos bureaux favoris.",
  'card.why.preferredZone': 'Il se trouve dans votre zone préférée.',
  'card.why.matchedAttributes': 'Il a ce que vous avez demandé : {features}.',
  'card.why.blocks.one': 'Il laisse le plus de place aux collègues : il ne bloque que {count} bureau libre.',
  'card.why.blocks.other':
    'Il laisse le plus de place aux collègues : il ne bloque que {count} bureaux libres.',
  'card.why.blocksNone': 'Il laisse le plus de place aux collègues : il ne bloque aucun autre bureau libre.',
  'card.suggestion.others.one': '{count} autre bureau est libre ce jour-là.',
  'card.suggestion.others.other': '{count} autres bureaux sont libres ce jour-là.',
  'card.suggestion.others.none': "Aucun autre bureau n'est libre ce jour-là.",

  'card.booked.title': 'Réservé',
  'card.booked.summary': 'Bureau {desk} le {date}',
  'card.booked.checkInReminder':
    'Confirmez votre présence à votre arrivée, ou libérez le bureau si vos plans changent.',

  'card.pick.title': 'Bureaux libres le {date}',
  'card.pick.intro': 'Choisissez un de ces bureaux :',
  'card.pick.more.one': "{count} autre bureau libre n'est pas affiché.",
  'card.pick.more.other': '{count} autres bureaux libres ne sont pas affichés.',
  'card.pick.empty': "Il n'y a pas d'autre bureau libre le {date}.",

  'card.refusal.title': 'Pas de réservation',
  'card.refusal.noAlternatives':
    "Nous n'avons rien de semblable à proposer ; essayez un autre jour ou une autre zone.",

  'card.bookings.title': 'Vos prochaines réservations',
  'card.bookings.empty':
    "Vous n'avez aucune réservation à venir. Pour réserver, écrivez par exemple « réserve un bureau jeudi ».",
  'card.bookings.today': "Aujourd'hui",
  'card.bookings.more.one': "{count} autre réservation n'est pas affichée.",
  'card.bookings.more.other': '{count} autres réservations ne sont pas affichées.',

  'card.multi.title': 'Résumé de vos réservations',
  'card.multi.counts': 'Réservés : {booked}. Non réservés : {refused}.',
  'card.multi.booked': 'Réservés',
  'card.multi.refused': 'Non réservés',
  'card.multi.bookedDay': 'Bureau {desk}, {zone}',
  'card.multi.more.one': "{count} autre jour n'est pas affiché.",
  'card.multi.more.other': '{count} autres jours ne sont pas affichés.',

  'card.whoIsIn.title': 'Qui est présent le {date}',
  'card.whoIsIn.count': 'Places réservées : {booked} sur {capacity}',
  'card.whoIsIn.countNoCapacity': 'Places réservées : {booked}',
  'card.whoIsIn.nobody': "Personne n'a encore réservé de bureau le {date}.",
  'card.whoIsIn.others.one': '{count} autre personne',
  'card.whoIsIn.others.other': '{count} autres personnes',
  'card.whoIsIn.moreZones.one': "{count} autre zone n'est pas affichée.",
  'card.whoIsIn.moreZones.other': '{count} autres zones ne sont pas affichées.',

  'card.help.title': 'Seatwise réserve votre bureau',
  'card.help.notUnderstood': "Désolé, je n'ai pas compris.",
  'card.help.intro': 'Écrivez-moi en français, en néerlandais, en allemand ou en anglais, par exemple :',
  'card.help.example.book': 'réserve un bureau jeudi',
  'card.help.example.bookWith': 'réserve un bureau debout demain en zone B',
  'card.help.example.bookings': 'mes réservations',
  'card.help.example.cancel': 'annule jeudi',
  'card.help.example.checkIn': 'je suis au bureau',
  'card.help.example.release': 'libère mon bureau',
  'card.help.example.whoIsIn': 'qui est là vendredi',

  'card.cancelled.title': 'Réservation annulée',
  'card.cancelled.text': 'Le bureau {desk} est de nouveau libre pour vos collègues le {date}.',
  'card.checkedIn.title': 'Présence confirmée',
  'card.checkedIn.text': 'Votre présence au bureau {desk} est confirmée pour le {date}. Bonne journée !',
  'card.released.title': 'Bureau libéré',
  'card.released.text': 'Le bureau {desk} est de nouveau libre pour vos collègues le {date}. Merci !',
  'card.error.title': "Cela n'a pas fonctionné",
  'card.error.notYours':
    'Ces boutons appartiennent à la personne pour qui cette carte a été créée. Pour réserver ou modifier votre propre bureau, écrivez-moi vous-même, par exemple « mes réservations ».',
  'card.error.stale': "Cette carte n'est plus à jour. Redemandez-moi, par exemple « mes réservations ».",

  'bot.askDate': 'Pour quel jour ? Par exemple : « réserve un bureau jeudi ».',
  'bot.noDeskFree': "Aucun bureau correspondant à votre demande n'est libre le {date}.",
  'bot.noBookingOn': "Vous n'avez pas de réservation le {date}.",
  'bot.noBookingToday': "Vous n'avez pas de réservation aujourd'hui.",
  'bot.tooManyDays': 'Je peux réserver au maximum {max} jours à la fois.',
  'bot.working.title': 'Encore un instant',
  'bot.working.text': 'Cela prend plus de temps que d’habitude. Je vous envoie la réponse dans un moment.',

  // The floor map tab (src/tab).
  'tab.appName': 'Seatwise',
  'tab.view.map': 'Réserver un bureau',
  'tab.view.mine': 'Mes réservations',
  'tab.views': 'Vues',
  'tab.loading': 'Chargement…',
  'tab.dev.banner':
    "Exécution en dehors de Teams : mode développement. Choisissez ci-dessous l'identité à utiliser.",
  'tab.dev.identity': 'Identité de développement',
  'tab.dev.userId': 'Identifiant utilisateur',
  'tab.dev.userName': 'Nom affiché (facultatif)',
  'tab.dev.apply': 'Utiliser cette identité',
  'tab.dev.current': 'Connecté en tant que {user}',
  'tab.dev.invalidUser': 'Saisissez de 1 à 128 lettres, chiffres ou . _ : @ -',
  'tab.theme': 'Thème',
  'tab.theme.default': 'Clair',
  'tab.theme.dark': 'Sombre',
  'tab.theme.contrast': 'Contraste élevé',
  'tab.language': 'Langue',
  'tab.signInFailed': "Teams n'a pas pu vous connecter : {message}",
  'tab.networkError': 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
  'tab.retry': 'Réessayer',
  'tab.dismiss': 'Fermer',
  'tab.noFloors': "Aucun étage n'a encore été configuré.",
  'tab.date': 'Jour',
  'tab.date.previous': 'Jour précédent',
  'tab.date.next': 'Jour suivant',
  'tab.date.today': "{date} (aujourd'hui)",
  'tab.floor': 'Étage',
  'tab.filters': 'Uniquement les bureaux avec',
  'tab.attribute.monitor': 'Écran',
  'tab.attribute.standing': 'Bureau debout',
  'tab.attribute.docking': "Station d'accueil",
  'tab.attribute.accessible': 'Accessible PMR',
  'tab.attribute.quiet': 'Zone calme',
  'tab.attribute.window': "Près d'une fenêtre",
  'tab.layout': 'Afficher en',
  'tab.layout.map': 'Plan',
  'tab.layout.list': 'Liste',
  'tab.summary': 'Bureaux libres : {free} sur {total}. Affichés : {shown}.',
  'tab.noMatch': "Aucun bureau de cet étage n'a toutes les caractéristiques choisies.",
  'tab.map.label': 'Plan : {floor}, {date}',
  'tab.map.help':
    "Les flèches passent d'un bureau à l'autre ; Entrée réserve un bureau libre ou annule le vôtre ; + et − zooment.",
  'tab.map.controls': 'Commandes du plan',
  'tab.map.zoomIn': 'Zoom avant',
  'tab.map.zoomOut': 'Zoom arrière',
  'tab.map.fit': "Voir tout l'étage",
  'tab.map.panLeft': 'Vers la gauche',
  'tab.map.panRight': 'Vers la droite',
  'tab.map.panUp': 'Vers le haut',
  'tab.map.panDown': 'Vers le bas',
  'tab.map.zoom': 'Zoom : {percent} %',
  'tab.zone.count': '{zone} : {booked} / {capacity}',
  'tab.desk.name': 'Bureau {desk}, {state}',
  'tab.legend': 'Légende',
  'tab.list.caption': 'Bureaux : {floor}, {date}',
  'tab.list.desk': 'Bureau',
  'tab.list.zone': 'Zone',
  'tab.list.features': 'Équipements',
  'tab.list.state': 'État',
  'tab.list.details': 'Détails',
  'tab.list.action': 'Action',
  'tab.action.book': 'Réserver',
  'tab.action.bookDesk': 'Réserver le bureau {desk}',
  'tab.action.cancel': 'Annuler',
  'tab.action.cancelDesk': 'Annuler le bureau {desk} le {date}',
  'tab.action.checkIn': 'Confirmer ma présence',
  'tab.action.checkInDesk': 'Confirmer ma présence au bureau {desk}',
  'tab.action.showOnMap': 'Voir sur le plan',
  'tab.booked': 'Le bureau {desk} est réservé pour vous le {date}.',
  'tab.cancelled': 'Votre réservation du bureau {desk} le {date} est annulée.',
  'tab.checkedIn': 'Votre présence au bureau {desk} est confirmée.',
  'tab.notBookable': 'Le bureau {desk} ne peut pas être réservé : {reason}',
  'tab.refused': 'Non réservé',
  'tab.failed': "Cela n'a pas fonctionné",
  'tab.alternatives': 'Disponible à la place :',
  'tab.loadFailed': "L'étage n'a pas pu être chargé : {message}",
  'tab.mine.title': 'Vos prochaines réservations',
  'tab.mine.empty': "Vous n'avez aucune réservation à venir.",
  'tab.mine.date': 'Jour',
  'tab.mine.desk': 'Bureau',
  'tab.mine.where': 'Où',
  'tab.mine.status': 'Statut',
  'tab.mine.actions': 'Actions',
  'tab.mine.place': '{zone}, {floor}',
  'tab.mine.loadFailed': "Vos réservations n'ont pas pu être chargées : {message}",

  // Check-in reminders and no-show releases (proactive cards).
  'reminder.card.title': 'Rappel : confirmez votre présence',
  'reminder.card.text':
    "Vous avez réservé le bureau {desk} pour aujourd'hui, {date}. Confirmez votre présence à votre arrivée, avant {deadline}. Si vous ne venez pas, libérez le bureau pour qu'un collègue puisse l'utiliser.",
  'reminder.card.summary': 'Confirmez votre présence au bureau {desk} avant {deadline}',
  'reminder.fact.deadline': 'Présence à confirmer avant',
  'reminder.action.release': 'Libérer mon bureau',
  'reminder.released.title': 'Bureau libéré : présence non confirmée',
  'reminder.released.text':
    "Personne n'a confirmé sa présence au bureau {desk} avant {deadline} aujourd'hui ({date}) ; il a donc été libéré pour vos collègues. Si vous venez malgré tout, réservez à nouveau un bureau.",
  'reminder.released.summary': 'Le bureau {desk} a été libéré : présence non confirmée avant {deadline}',
};
