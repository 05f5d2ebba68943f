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
    'wednesday wed mercredi woensdag mittwoch',
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
    /\b(?:the\s+)?day\s+after\s+tomorrow\b|\bovermorrow\b|\bapres[-\s]?demain\b|\bovermorgen\b|\bu(?:e)?bermorgen\b/g,
    2,
  ],
  // "heute Morgen" is this morning, not tomorrow; read it (and its kin) as one "today".
  [
    /\btoday\b|\btonight\b|\bthis\s+(?:morning|afternoon|evening)\b|\baujourd\s?'?\s?hui\b|\bauj\b|\bce\s+(?:matin|midi|soir|apres-midi)\b|\bvandaag\b|\bvanochtend\b|\bvanmorgen\b|\bvanmiddag\b|\bvanavond\b|\bheute(?:\s+(?:morgen|fruh|frueh|vormittag|mittag|nachmittag|abend))?\b/g,
    0,
  ],
  // "Guten Morgen", "am Morgen", "jeden Morgen", "des Morgens" are greetings and times of day, not tomorrow.
  [
    /\btomorrow\b|\btmrw\b|\bdemain\b|(?<!\b(?:guten|goede|good|am|jeden|diesen|des|in\s+de|de)\s)\bmorgen(?:ochtend|middag|avond|vroeg)?\b/g,
    1,
  ],
];

/** Days in the past: not bookable, but worth telling the person we understood them. */
export const PAST_DAY_PATTERN =
  /\byesterday\b|\bgisteren\b|\bgestern\b|\bavant-hier\b|\beergisteren\b|\bvorgestern\b/g;
