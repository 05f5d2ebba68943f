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
};
