import { alternation, WEEKDAY_WORDS } from '../date-words';

const WEEKDAY = `(?:${alternation([...WEEKDAY_WORDS].filter(([, w]) => !w.repeat).map(([word]) => word))})`;

/**
 * Day-like words that name no single day the bot can know, handed back unparsed so that it asks (found by trying
 * them as a colleague would type them; chrono reads several of them as some other day):
 * - a day counted from a day not said: "the day after" alone (chrono: tomorrow), "the next day", "le lendemain",
 *   "de dag erna", "am Tag danach". "tomorrow and the day after" is read elsewhere, before these.
 * - part of a week: "early next week" (was the whole week), "end of the week", "début de semaine prochaine".
 * - a week of a month: "the 2nd week of December" (was 2 December).
 * - a weekday a week on: "jeudi en huit" and "a week from Thursday" (both were this Thursday), "Thursday week".
 */
export const VAGUE_DAY_PATTERNS: readonly RegExp[] = [
  new RegExp(
    [
      '(?<!\\btomorrow\\s+(?:and|&)\\s+)\\bthe\\s+(?:day|one)\\s+(?:after|before)\\b(?!\\s+(?:tomorrow|that))',
      '\\bthe\\s+(?:next|following)\\s+day\\b|\\ba\\s+day\\s+later\\b',
      "\\b(?:le\\s+)?lendemain\\b|\\bla\\s+veille\\b|\\ble\\s+jour\\s+(?:suivant|d'apres|d'avant)\\b",
      '\\bde\\s+dag\\s+(?:erna|daarna|erop|ervoor|daarvoor)\\b|\\bde\\s+volgende\\s+dag\\b|\\bde\\s+dag\\s+nadien\\b',
      '\\b(?:am\\s+)?tag\\s+(?:danach|darauf|davor)\\b|\\b(?:am\\s+)?(?:nachsten|naechsten|folgenden)\\s+tag\\b|\\btags\\s+darauf\\b|\\bam\\s+vortag\\b',
    ].join('|'),
    'g',
  ),
  new RegExp(
    [
      '\\b(?:early|late|end\\s+of|beginning\\s+of|start\\s+of|middle\\s+of|mid)[-\\s]+(?:the\\s+|this\\s+|next\\s+)?week\\b',
      '\\b(?:debut|fin|milieu)\\s+(?:de\\s+)?(?:la\\s+|cette\\s+)?semaine\\b',
      '\\b(?:begin|eind|einde|midden)\\s+(?:van\\s+)?(?:de\\s+|deze\\s+|volgende\\s+)?week\\b',
      '\\b(?:anfang|ende|mitte)\\s+(?:der\\s+|dieser\\s+|nachster\\s+|naechster\\s+|kommender\\s+)?woche\\b',
    ].join('|'),
    'g',
  ),
  new RegExp(
    [
      '\\b(?:the\\s+)?(?:1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth|last)\\s+week\\s+(?:of|in)(?:\\s+[a-z]+)?\\b',
      '\\b(?:la\\s+)?(?:1re|1ere|2e|3e|4e|premiere|deuxieme|seconde|troisieme|quatrieme|derniere)\\s+semaine\\s+(?:de|d\'|du)',
      '\\b(?:de\\s+)?(?:1e|2e|3e|4e|eerste|tweede|derde|vierde|laatste)\\s+week\\s+(?:van|in)\\b',
      '\\b(?:die\\s+|der\\s+)?(?:1\\.|2\\.|3\\.|4\\.|erste|zweite|dritte|vierte|letzte)n?\\s+woche\\s+(?:im|in|des)\\b',
    ].join('|'),
    'g',
  ),
  new RegExp(
    [
      `\\b${WEEKDAY}\\s+en\\s+(?:huit|quinze)\\b`,
      `\\ba\\s+week\\s+(?:from|on|after)\\s+(?:next\\s+|this\\s+)?${WEEKDAY}\\b|\\b${WEEKDAY}\\s+week\\b(?!\\s*(?:end|s))`,
      `\\b${WEEKDAY}\\s+over\\s+(?:een|1|twee|2)\\s+weken?\\b|\\b${WEEKDAY}\\s+in\\s+(?:einer|1|zwei|2)\\s+wochen?\\b`,
    ].join('|'),
    'g',
  ),
];
