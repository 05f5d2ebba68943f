/**
 * The calendar words of the four languages, folded (lower case, no accents: see fold-text.ts).
 *
 * Full weekday and month names never collide across English, French, Dutch and German, so one lexicon serves
 * every language and a Dutch weekday in an English-Teams message still reads as a weekday. Short forms that
 * are ordinary words elsewhere are left out: "mon" is French for "my", "do"/"di"/"so" are Dutch and German
 * abbreviations but also words, "sat"/"sun" are English words.
 */

export interface WeekdayWord {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** A plural or an adverb ("Tuesdays", "mardis", "dinsdagen", "dienstags"): a habit, i.e. a repeat. */
  readonly repeat: boolean;
}

const WEEKDAY_FORMS: ReadonlyArray<readonly [number, string, string]> = [
  // [weekday, singular forms, plural/adverb forms]
  [1, 'monday lundi maandag montag', 'mondays lundis maandagen maandags montage montags'],
  [2, 'tuesday tues tue mardi dinsdag dienstag', 'tuesdays mardis dinsdagen dinsdags dienstage dienstags'],
  [
    3,
    'wednesday weds wed mercredi woensdag mittwoch',
    'wednesdays mercredis woensdagen woensdags mittwoche mittwochs',
  ],
  [
    4,
    'thursday thurs thur thu jeudi donderdag donnerstag',
    'thursdays jeudis donderdagen donderdags donnerstage donnerstags',
  ],
  [5, 'friday fri vendredi vrijdag freitag', 'fridays vendredis vrijdagen vrijdags freitage freitags'],
  [
    6,
    'saturday samedi zaterdag samstag sonnabend',
    'saturdays samedis zaterdagen zaterdags samstage samstags sonnabends',
  ],
  [7, 'sunday dimanche zondag sonntag', 'sundays dimanches zondagen zondags sonntage sonntags'],
];

export const WEEKDAY_WORDS: ReadonlyMap<string, WeekdayWord> = (() => {
  const map = new Map<string, WeekdayWord>();
  for (const [weekday, singular, plural] of WEEKDAY_FORMS) {
    for (const w of singular.split(' ')) map.set(w, { weekday, repeat: false });
    for (const w of plural.split(' ')) map.set(w, { weekday, repeat: true });
  }
  return map;
})();

const MONTH_FORMS: ReadonlyArray<readonly [number, string, string]> = [
  // [month, full names (safe on their own after "in"), short forms (only next to a day number)]
  [1, 'january janvier januari januar janner jaenner', 'jan janv'],
  [2, 'february fevrier februari februar', 'feb fevr fev febr'],
  [3, 'march mars maart marz maerz', 'mar mrt'],
  [4, 'april avril', 'apr avr'],
  [5, 'may mai mei', ''],
  [6, 'june juin juni', 'jun'],
  [7, 'july juillet juli', 'jul juil'],
  [8, 'august aout augustus', 'aug'],
  [9, 'september septembre', 'sep sept'],
  [10, 'october octobre oktober', 'oct okt'],
  [11, 'november novembre', 'nov'],
  [12, 'december decembre dezember', 'dec dez'],
];

/** Full month names → month number (1–12). */
export const MONTH_NAMES: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  for (const [month, full] of MONTH_FORMS) for (const w of full.split(' ')) map.set(w, month);
  return map;
})();

/** Full names and short forms → month number (1–12). */
export const MONTH_WORDS: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>(MONTH_NAMES);
  for (const [month, , short] of MONTH_FORMS) for (const w of short.split(' ')) if (w) map.set(w, month);
  return map;
})();

/** A RegExp alternation of the keys, longest first, so that "thursday" is tried before "thu". */
export function alternation(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length || a.localeCompare(b)).join('|');
}

/** Relative day words, folded, with how many days after today they mean. Longest phrases first. */
export const RELATIVE_DAY_PATTERNS: ReadonlyArray<readonly [RegExp, number]> = [
  [
    // "tomorrow and the day after": the day after that tomorrow. "le surlendemain" said of today is after-tomorrow.
    /\b(?:the\s+)?day\s+after\s+tomorrow\b|(?<=\btomorrow\s+(?:and|&)\s+)the\s+day\s+after(?:\s+that)?\b|\bovermorrow\b|\bapres[-\s]?demain\b|\b(?:le\s+)?surlendemain\b|\bovermorgen\b|\bu(?:e)?bermorgen\b/g,
    2,
  ],
  // "heute Morgen" is this morning, not tomorrow; read it (and its kin) as one "today".
  [
    /\btoday\b|\btonight\b|\bthis\s+(?:morning|afternoon|evening)\b|\baujourd\s?'?\s?hui\b|\bauj\b|\bce\s+(?:matin|midi|soir|apres-midi)\b|\bvandaag\b|\bvanochtend\b|\bvanmorgen\b|\bvanmiddag\b|\bvanavond\b|\bheute(?:\s+(?:morgen|fruh|frueh|vormittag|mittag|nachmittag|abend))?\b/g,
    0,
  ],
  // "Guten Morgen", "am Morgen", "jeden Morgen", "des Morgens" are greetings and times of day, not tomorrow.
  [
    /\btomorrow\b|\btmrw\b|\btmr\b|\btomm?orr?o?w\b|\btomorrw\b|\b2morrow\b|\b2moro\b|\bdemain\b|(?<!\b(?:guten|goede|good|am|jeden|diesen|des|in\s+de|de)\s)\bmorgen(?:ochtend|middag|avond|vroeg)?\b/g,
    1,
  ],
];

/** Days in the past: not bookable, but worth telling the person we understood them. */
export const PAST_DAY_PATTERN =
  /\byesterday\b|\bgisteren\b|\bgestern\b|\bavant-hier\b|\beergisteren\b|\bvorgestern\b/g;

/**
 * Short weekday names per language ("Tu", "Th", "di", "ma", "Mo.", "jeu."). They collide across languages ("ma" is
 * Monday in Dutch and Tuesday in French, "di" Tuesday in Dutch and German but Sunday in French), so each is read in
 * the message's language only. Several are ordinary words too ("we", "je", "so", "do"), so they count as a day only
 * where a day is expected: see SHORT_WEEKDAY_WEAK and extract-dates.ts.
 */
export const SHORT_WEEKDAYS: Readonly<Record<'en' | 'fr' | 'nl' | 'de', ReadonlyMap<string, number>>> = (() => {
  const of = (...rows: string[]): Map<string, number> => {
    const map = new Map<string, number>();
    rows.forEach((forms, i) => {
      for (const w of forms.split(' ')) if (w) map.set(w, i + 1);
    });
    return map;
  };
  return {
    en: of('mo mon', 'tu tue tues', 'we wed', 'th thu thur thurs', 'fr fri', 'sa sat', 'su sun'),
    fr: of('lu lun', 'ma mar', 'me mer', 'je jeu', 've ven', 'sa sam', 'di dim'),
    nl: of('ma', 'di din', 'wo woe', 'do don', 'vr', 'za zat', 'zo zon'),
    de: of('mo mon', 'di die', 'mi mit', 'do don', 'fr fre', 'sa sam', 'so son'),
  };
})();

/**
 * Short forms that are everyday words in their own language ("we", "je", "ma", "so", "mit", "die", "zon", "sun"):
 * a day only with a dot ("Mi."), next to another weekday ("ma t/m wo"), or after a day cue ("on", "le", "op", "am").
 */
export const SHORT_WEEKDAY_WEAK: ReadonlySet<string> = new Set(
  'we sa su sun sat je ma me mar mer dim din don zon zat zo die mit so son sam mi jeu'.split(' '),
);

/**
 * Short forms that are, first of all, an article: German "die" ("für die Besprechung") is Tuesday only as "Die.".
 */
export const SHORT_WEEKDAY_DOT_ONLY: ReadonlySet<string> = new Set(['die']);

/** Words after which a short weekday is expected: "on Tu", "le je", "op di", "am Mi", "tot do", "sauf me". */
export const DAY_CUE =
  /(?:\bon|\ble|\bop|\bam|\bnext|\bvolgende|\bkomende|\bna(?:e)?chste[nm]?|\bevery|\beach|\belke|\bjede[nm]?|\bchaque|\buntil|\btill|\bto|\btot|\bt\/m|\bbis|\bau|\bjusqu\s?'?\s?au|\bexcept|\bsauf|\bbehalve|\bau(?:ss|ß)er|\bnot|\bniet|\bnicht|\bpas|\bthis|\bdeze|\bce|\bdiese[nm]?|\bvan|\bvon|\bdu|\bfrom|\bfor|\bpour|\bvoor|\bfur|\bfuer)\s*$/;

/** "except Wednesday", "sauf mercredi", "behalve woensdag", "außer Mittwoch", "but not Friday". */
export const EXCLUDE_MARKER =
  /\b(?:except(?:\s+(?:for|on))?|but\s+not(?:\s+on)?|apart\s+from|excluding|not\s+on|sauf(?:\s+le)?|excepte(?:\s+le)?|hormis(?:\s+le)?|mais\s+pas(?:\s+le)?|behalve(?:\s+op)?|uitgezonderd|maar\s+niet(?:\s+op)?|au(?:ss|ß)er(?:\s+am)?|ausser(?:\s+am)?|aber\s+nicht(?:\s+am)?|ohne)\s*$/;

/** A weekday that went: "last Monday", "lundi dernier", "vorige maandag", "letzten Montag". */
export const PAST_WEEKDAY_PATTERN = new RegExp(
  `\\b(?:last|previous|vorige|afgelopen|verleden|letzte[nm]?|vergangene[nm]?)\\s+(?:${alternation(WEEKDAY_WORDS.keys())}|week|woche)\\b|\\b(?:${alternation(WEEKDAY_WORDS.keys())}|la\\s+semaine)\\s+derni(?:er|ere)\\b|\\b(?:last|vorige|afgelopen|letzte[nm]?)\\s+(?:week|woche)\\b`,
  'g',
);

/** A length without a start: "for 3 days", "pour 2 jours", "voor 3 dagen", "für drei Tage", "for a week". */
export const DURATION_PATTERN =
  /\b(?:for|pour|voor|gedurende|fur|fuer)\s+(?:\d{1,2}|a|one|two|three|four|five|une?|deux|trois|quatre|cinq|een|twee|drie|vier|vijf|eine?n?|zwei|drei|funf|fuenf)\s+(?:days?|jours?|dagen|dag|tage?n?|weeks?|semaines?|weken|wochen?)\b/g;

/** Feasts whose date depends on the site and the year ("Christmas", "Noël", "Kerst", "Weihnachten"): ask which day. */
export const UNPLACEABLE_DAY_PATTERN =
  /\b(?:christmas|xmas|easter|new\s+year'?s?(?:\s+day)?|noel|paques|nouvel\s+an|jour\s+de\s+l'an|kerst(?:mis|dag)?|pasen|nieuwjaar|weihnachten|ostern|neujahr|silvester)\b/g;
