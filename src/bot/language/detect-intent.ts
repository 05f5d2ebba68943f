/**
 * What a message asks the bot to do, from its verbs and set phrases in English, French, Dutch and German.
 *
 * Read on folded text (lower case, no accents), so "Réserve", "RESERVE" and "reserve" are one word, and polite
 * filler ("please", "s'il te plaît", "alsjeblieft", "bitte", "can you", "je voudrais", "ik wil graag",
 * "ich möchte") simply matches nothing. Every language's phrases are tried whatever the detected language:
 * a Dutch verb in a message Teams labels English still means what it means.
 *
 * When several intents match, the more specific one wins, in this order: another desk, move, cannot come, cancel,
 * release, check in, who is in, my bookings, book, help. "cancel my booking" is a cancellation, not a request to
 * list bookings; "I can't come on Thursday" is a reason, answered with an offer to cancel, not a cancellation.
 */

export type Intent =
  | 'another-desk'
  | 'move'
  | 'cannot-come'
  | 'cancel'
  | 'release'
  | 'check-in'
  | 'who-is-in'
  | 'my-bookings'
  | 'book'
  | 'help';

const INTENT_PATTERNS: ReadonlyArray<readonly [Intent, RegExp]> = [
  // A follow-up about the booking under discussion: "another desk", "un autre bureau", "een ander bureau".
  [
    'another-desk',
    new RegExp(
      [
        "\\b(?:another|a\\s+different|an\\s+other|other)\\s+(?:desk|seat|spot|place|one)\\b|\\bfurther\\s+from\\b|\\bfarther\\s+from\\b|\\b(?:change|swap|switch)\\s+(?:my\\s+|the\\s+)?(?:desk|seat|spot)\\b",
        "\\bun\\s+autre\\s+(?:bureau|poste)\\b|\\bune\\s+autre\\s+place\\b|\\bplus\\s+loin\\s+de\\b",
        '\\been\\s+(?:ander|andere)\\s+(?:bureau|werkplek|plek|plaats)\\b|\\bverder\\s+van\\b',
        '\\b(?:einen\\s+)?(?:anderen|andere[ns]?)\\s+(?:schreibtisch|platz|arbeitsplatz|tisch)\\b|\\bweiter\\s+weg\\s+von\\b',
      ].join('|'),
    ),
  ],
  [
    'move',
    new RegExp(
      [
        "\\bmove\\b|\\breschedul\\w*|\\bchange\\s+(?:it|my\\s+\\w+\\s+booking|my\\s+booking|the\\s+booking|the\\s+day)\\b|\\bpush\\s+(?:it|my\\s+booking)\\b",
        // "swap Thursday for Friday", "change Thursday to Friday", "Friday instead of Thursday": one day for another.
        '\\b(?:swap|switch|change|exchange)\\b(?=.*\\b(?:to|for|into|with)\\b)|\\binstead\\s+of\\b',
        '\\bdeplac\\w*|\\bdecal\\w*|\\breport(?:e|er|ez)\\b|\\b(?:echang|chang)\\w*\\b(?=.*\\b(?:pour|contre|a|au)\\b)|\\bau\\s+lieu\\s+d[eu]\\b',
        '\\bverplaats\\w*|\\bverzet\\w*|\\bverschuif\\w*|\\b(?:wissel|ruil|verander)\\w*\\b(?=.*\\b(?:voor|naar|in|tegen)\\b)|\\bin\\s+plaats\\s+van\\b',
        '\\bverschieb\\w*|\\bverleg\\w*|\\b(?:tausch|wechsl|wechsel|aender|ander)\\w*\\b(?=.*\\b(?:gegen|auf|zu|in)\\b)|\\b(?:an)?statt\\b',
      ].join('|'),
    ),
  ],
  // A reason rather than an order: "I can't come on Thursday" offers to cancel that day's booking.
  [
    'cannot-come',
    new RegExp(
      [
        "\\bi\\s+(?:can'?t|cannot|can\\s+not|won'?t|will\\s+not)\\s+(?:make\\s+it|come|be\\s+(?:in|there|coming))\\b|\\bi(?:'m|\\s+am)\\s+not\\s+(?:coming|in)\\b|\\bnot\\s+coming\\b|\\bnot\\s+(?:\\w+\\s+){1,2}after\\s+all\\b|\\bafter\\s+all\\s+not\\b",
        "\\bje\\s+ne\\s+(?:viendrai|viens|pourrai|peux|serai)\\s+pas\\b|\\bje\\s+(?:viendrai|viens|peux)\\s+pas\\b|\\bfinalement\\s+pas\\b|\\bpas\\s+(?:\\w+\\s+){0,2}finalement\\b",
        '\\bik\\s+(?:kan|kom|ben)\\s+(?:\\w+\\s+){0,3}niet(?:\\s+komen)?\\b|\\btoch\\s+niet\\b',
        '\\bich\\s+(?:kann|komme|bin)\\s+(?:\\w+\\s+){0,3}nicht(?:\\s+kommen|\\s+da)?\\b|\\bdoch\\s+nicht\\b',
      ].join('|'),
    ),
  ],
  [
    'cancel',
    new RegExp(
      [
        // en
        "\\bcancel(?:l?ed|l?ing|lation|s)?\\b|\\bcan'?t\\s+make\\s+it\\b|\\b(?:delete|remove|undo|drop)\\s+(?:my|the|this|that)\\b",
        // fr
        '\\bannul\\w*|\\bsupprim\\w*',
        // nl
        '\\bannuleer\\w*|\\bverwijder\\w*|\\bschrap\\w*|\\bzeg\\b.{0,40}\\baf\\b|\\bafzeggen\\b',
        // de
        '\\bstorn\\w*|\\babsagen\\b|\\bsag(?:e|t)?\\b.{0,40}\\bab\\b|\\bl(?:o|oe)sch\\w*',
      ].join('|'),
    ),
  ],
  [
    'release',
    new RegExp(
      [
        "\\breleas\\w*|\\bfree\\s+up\\b|\\bfree\\s+(?:my|the)\\s+(?:desk|seat|spot|place)\\b|\\bgive\\s+up\\s+my\\b|\\bi(?:'m|\\s+am)\\s+not\\s+(?:coming|in)\\b|\\bi\\s+(?:won'?t|will\\s+not)\\s+(?:be\\s+in|be\\s+coming|come)\\b|\\bi\\s+(?:can'?t|cannot)\\s+come\\b|\\bnot\\s+coming\\b",
        '\\bliber\\w*|\\bje\\s+(?:ne\\s+)?viens\\s+pas\\b|\\bje\\s+ne\\s+viendrai\\s+pas\\b',
        '\\b(?:geef|geeft|maak|maakt)\\b.{0,40}\\bvrij\\b|\\bvrij\\s?(?:geven|maken)\\b|\\bik\\s+kom\\s+(?:\\w+\\s+)?niet\\b',
        '\\b(?:gib|gebe|geb|mach|mache)\\b.{0,40}\\bfrei\\b|\\bfrei\\s?(?:geben|machen)\\b|\\bich\\s+komme\\s+(?:\\w+\\s+)?nicht\\b',
      ].join('|'),
    ),
  ],
  [
    'check-in',
    new RegExp(
      [
        "\\bcheck(?:ing|ed)?[-\\s]?(?:me\\s+)?in\\b|\\bi\\s*(?:'?m|\\s+am)\\s+(?:here|in\\s+the\\s+office|at\\s+the\\s+office|at\\s+my\\s+desk)\\b|\\bi\\s*(?:'?ve|\\s+have)\\s+arrived\\b|\\bjust\\s+arrived\\b",
        '\\bje\\s+suis\\s+(?:bien\\s+)?(?:arrive|arrivee|la|sur\\s+place|au\\s+bureau)\\b|\\benregistr\\w*\\s+(?:mon\\s+|ma\\s+)?(?:arrivee|presence)\\b|\\bpointer\\b',
        '\\bincheck\\w*|\\bik\\s+ben\\s+(?:er|aangekomen|op\\s+kantoor|binnen|hier)\\b',
        '\\beinchecken\\b|\\bchecke?\\s+(?:mich\\s+)?ein\\b|\\bich\\s+bin\\s+(?:jetzt\\s+)?(?:da|angekommen|hier|im\\s+buro|im\\s+buero)\\b',
      ].join('|'),
    ),
  ],
  [
    'who-is-in',
    new RegExp(
      [
        "\\bwhos\\b|\\bwho(?:'s|\\s+is|\\s+are|\\s+will|'ll|\\s+else|\\s+comes|\\s+is\\s+coming|\\s+booked)\\b|\\bhow\\s+many\\s+(?:people|colleagues|persons)\\b",
        '\\bqui\\s+(?:est|sera|seront|sont|vient|viendra|viennent|a\\s+reserve)\\b|\\bcombien\\s+de\\s+(?:personnes|collegues)\\b',
        '\\bwie\\s+(?:is|zijn|komt|komen|zit|zitten|zal|zullen|werkt|heeft)\\b|\\bhoeveel\\s+(?:mensen|collega)\\w*',
        '\\bwer\\s+(?:ist|sind|kommt|kommen|sitzt|wird|hat)\\b|\\bwie\\s+viele\\s+(?:leute|kollegen|personen)\\b',
      ].join('|'),
    ),
  ],
  [
    'my-bookings',
    new RegExp(
      [
        '\\bmy\\s+(?:upcoming\\s+|current\\s+|next\\s+|future\\s+)?(?:bookings?|reservations?|desks)\\b|\\b(?:show|list|view|see)\\s+(?:me\\s+)?(?:my\\s+|all\\s+)?(?:bookings|reservations)\\b|\\bwhat\\s+(?:have|did)\\s+i\\s+book(?:ed)?\\b|\\bwhere\\s+(?:do|will|am)\\s+i\\s+sit\\w*\\b|\\bwhere\\s+is\\s+my\\s+desk\\b|^\\s*(?:bookings|reservations)\\s*\\??\\s*$',
        '\\bmes\\s+(?:prochaines\\s+)?(?:reservations|resas|bureaux)\\b|\\bma\\s+(?:prochaine\\s+)?(?:reservation|resa)\\b|\\bou\\s+(?:est\\s+mon\\s+bureau|suis[-\\s]je\\s+assis)\\b',
        '\\bmijn\\s+(?:volgende\\s+)?(?:reserveringen|reservering|boekingen|boeking|reservaties|reservatie|bureaus|werkplekken)\\b|\\bwaar\\s+zit\\s+ik\\b',
        '\\bmeine\\s+(?:nachsten\\s+|naechsten\\s+)?(?:buchungen|buchung|reservierungen|reservierung|platze|plaetze)\\b|\\bwo\\s+sitze\\s+ich\\b',
      ].join('|'),
    ),
  ],
  [
    'book',
    new RegExp(
      [
        '\\bbook\\b|\\bbook\\s+me\\b|\\breserve\\b|\\b(?:make|place)\\s+a\\s+(?:booking|reservation)\\b|\\b(?:get|find|need|want|save|grab)\\s+(?:me\\s+)?(?:a|an)\\s+(?:\\w+\\s+)?(?:desk|seat|spot|place|workstation)\\b',
        "\\breserv(?:e|er|ez|es|ons)\\b|\\breserve[-\\s]moi\\b|\\b(?:il\\s+me\\s+faut|j'ai\\s+besoin\\s+d'|je\\s+(?:veux|voudrais|cherche))\\s*(?:un|une)\\s+(?:bureau|place|poste)\\b",
        '\\bboek(?:en|t)?\\b|\\breserveer\\b|\\breserveren\\b|\\bik\\s+(?:wil|zoek|heb)\\s+(?:graag\\s+)?een\\s+(?:\\w+\\s+)?(?:bureau|werkplek|plek|plaats)\\b',
        '\\bbuch(?:e|en|t)?\\b|\\breservier(?:e|en|t)?\\b|\\bich\\s+(?:brauche|mochte|moechte|suche|will)\\s+(?:gerne\\s+|gern\\s+)?(?:einen|ein)\\s+(?:\\w+\\s+)?(?:schreibtisch|platz|arbeitsplatz|tisch)\\b',
      ].join('|'),
    ),
  ],
  [
    'help',
    new RegExp(
      [
        '^\\s*\\?+\\s*$|\\bhelp\\b|\\bwhat\\s+can\\s+(?:you|i)\\s+(?:do|say|ask)\\b|\\bhow\\s+does\\s+(?:this|it)\\s+work\\b|\\bcommands?\\b|\\bmenu\\b',
        '\\baide[rz]?\\b|\\bque\\s+(?:sais|peux)[-\\s]tu\\s+faire\\b|\\bcomment\\s+(?:ca\\s+marche|faire|fonctionne)\\b',
        '\\bhulp\\b|\\bwat\\s+kan\\s+(?:je|jij|u)\\b|\\bhoe\\s+werkt\\b',
        '\\bhilfe\\b|\\bwas\\s+kann(?:st)?\\s+(?:du|ich)\\b|\\bwie\\s+funktioniert\\b',
      ].join('|'),
    ),
  ],
];

/** The explicit intent of a folded message, or undefined when no verb or set phrase names one. */
export function detectIntent(foldedText: string): Intent | undefined {
  for (const [intent, pattern] of INTENT_PATTERNS) if (pattern.test(foldedText)) return intent;
  return undefined;
}
