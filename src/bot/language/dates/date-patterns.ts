import { alternation, MONTH_NAMES, MONTH_WORDS, WEEKDAY_WORDS } from '../date-words';

// The patterns the finders read days with, on folded text (lower case, no accents).

const WEEKDAY_ALT = alternation(WEEKDAY_WORDS.keys());
const MONTH_ALT = alternation(MONTH_WORDS.keys());
export const MONTH_NAME_ALT = alternation(MONTH_NAMES.keys());

export const REPEAT_MARKER = '(?:every|each|tous\\s+les|toutes\\s+les|chaque|elke|iedere?|jede[nmr]?|alle)';
// "every other Tuesday", "un mardi sur deux", "om de andere dinsdag", "jeden zweiten Dienstag": every second week.
export const EVERY_OTHER_MARKER =
  '(?:every\\s+(?:other|second|2nd)|(?:tous|toutes)\\s+les\\s+(?:deux|2)|(?:elke|iedere?)\\s+(?:tweede|2e)|om\\s+de\\s+(?:andere|twee)|(?:jede[nmr]?|alle)\\s+(?:zweite[nmr]?|2\\.))';
export const EVERY_OTHER = new RegExp(`^${EVERY_OTHER_MARKER}$`);
const NEXT_MARKER =
  '(?:next|this\\s+coming|coming|volgende|komende|aanstaande|na(?:e)?chste[nmrs]?|kommende[nmrs]?)';
const THIS_MARKER = '(?:this|ce|cette|deze|diese[nmrs]?)';
export const WEEKDAY_PATTERN = new RegExp(
  `\\b(?:(${EVERY_OTHER_MARKER}|${REPEAT_MARKER})\\s+)?(?:(${NEXT_MARKER})\\s+|${THIS_MARKER}\\s+)?(${WEEKDAY_ALT})\\b\\.?(?:\\s+(prochaine?|qui\\s+vient|a\\.s\\.?|aanstaande))?`,
  'g',
);
export const NEXT_WEEK =
  /\bnext\s+(?:week|wk)\b|\b(?:la\s+)?semaine\s+prochaine\b|\b(?:la\s+)?prochaine\s+semaine\b|\b(?:volgende|komende)\s+week\b|\b(?:in\s+der\s+)?(?:na(?:e)?chste[nr]?|kommende[nr]?)\s+woche\b/g;
export const THIS_WEEK = /\bthis\s+week\b|\bcette\s+semaine\b|\bdeze\s+week\b|\b(?:in\s+)?diese[rn]?\s+woche\b/g;
export const THIS_MONTH =
  /\bthis\s+month\b|\bce\s+mois(?:[-\s]ci)?\b|\bdeze\s+maand\b|\b(?:in\s+)?diese[mn]?\s+monat\b/g;
export const NEXT_MONTH =
  /\bnext\s+month\b|\b(?:le\s+)?mois\s+prochain\b|\b(?:le\s+)?prochain\s+mois\b|\b(?:volgende|komende)\s+maand\b|\b(?:im\s+)?(?:na(?:e)?chste[nm]?|kommende[nm]?)\s+monat\b/g;
// A month on its own is a scope ("every Tuesday in December") only after a preposition; "may" alone is a verb.
export const MONTH_SCOPE = new RegExp(
  `\\b(?:in|en|de|du\\s+mois\\s+de|during|throughout|for|pour|voor|tijdens|van|im|fur|fuer|of|in\\s+de\\s+maand)\\s+(${MONTH_NAME_ALT})\\b(?:\\s+(\\d{4})\\b)?`,
  'g',
);
export const EVERY_DAY = new RegExp(
  `\\b${REPEAT_MARKER}\\s+(?:working\\s+days?|work\\s?days?|week\\s?days?|days?|jours(?:\\s+ouvrables)?|jour(?:\\s+ouvrable)?|werkdagen|werkdag|dagen|dag|werktage|werktag|tage|tag)\\b|\\bdaily\\b|\\bquotidiennement\\b|\\bdagelijks\\b|\\bta(?:e)?glich\\b`,
  'g',
);

export const FRENCH_YESTERDAY = /\bhier\b/g;

export const ISO_DATE = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g;
// Day first: 3/12, 03.12., 3-12, 3/12/2026, 3.12.26. The separator is the same throughout.
export const NUMERIC_DATE =
  /(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})(?:\2(\d{4}|\d{2})(?![\d]))?(\.)?(?![\d/-]|[.,]\d)/g;
export const NOT_A_DATE_AFTER = new RegExp(
  `^\\s*(?:h\\b|uur\\b|uhr\\b|am\\b|pm\\b|m\\b|cm\\b|km\\b|%|€|eur\\b|${MONTH_ALT}\\b)`,
);
export const DAY_MONTH = new RegExp(
  `(?<![\\d.,/])(\\d{1,2})(?:st|nd|rd|th|er|e|ste|de)?\\.?\\s*(?:of\\s+|de\\s+)?(${MONTH_ALT})\\b\\.?(?:\\s*,?\\s*(\\d{4})\\b)?`,
  'g',
);
export const MONTH_DAY = new RegExp(
  `\\b(${MONTH_ALT})\\.?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\b(?![./-]\\d)(?:\\s*,?\\s*(\\d{4})\\b)?`,
  'g',
);

export const RANGE_WORD =
  "(?:to|till|til|until|through|thru|up\\s+to|au|a|jusqu\\s?'?\\s?(?:au|a)|tot(?:\\s+en\\s+met)?|t/m|tm|tem|bis(?:\\s+(?:zum|zur|einschliesslich|und\\s+mit))?|-|->|>)";
export const RANGE_GAP = new RegExp(
  `^,?\\s*${RANGE_WORD}(?:\\s+(?:le|the|de|den|der|dem|zum|inclus|inclusive))?\\s*,?$`,
);
export const LIST_GAP =
  /^(?:,|and|et|en|und|&|\+|\/|or|ou|of|oder|as\s+well\s+as|ainsi\s+que|plus|\s)*(?:(?:on|le|les|the|de|den|der|am|op|du)\s+)?$/;
export const BETWEEN_BEFORE = /\b(?:between|entre|tussen|zwischen)\s*$/;
export const AND_GAP = /^(?:and|et|en|und|&)$/;
export const UNTIL_BEFORE = new RegExp(
  "\\b(?:until|till|til|up\\s+to|through|jusqu\\s?'?\\s?(?:au|a)|tot(?:\\s+en\\s+met)?|t/m|bis(?:\\s+(?:zum|zur|einschliesslich))?)\\s+(?:(?:le|the|de|den|der|dem)\\s+)?$",
);
export const ADJACENT_GAP = /^[\s,]*(?:(?:the|le|den|de|der|dem)\s*)?$/;
// Day numbers before a dated mention: "3, 4 et 5 décembre", "3 t/m 5 december", "3. und 5. Dezember".
export const DAY_NUMBER_TAIL = new RegExp(
  `(?:^|[\\s,(])(\\d{1,2})(?:st|nd|rd|th|er|e|ste|de)?\\.?\\s*(,|and|et|en|und|&|\\+|${RANGE_WORD})\\s*(?:(?:le|the|de|den|der|dem|zum)\\s+)?$`,
);
