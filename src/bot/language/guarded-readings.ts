/**
 * Readings that would act on a day the person did not ask for, found by writing to the bot as a colleague would.
 * Each turns a message that used to book or cancel the wrong thing into one the bot understands or asks about.
 * Pure: folded text in, a verdict out.
 */
import type { Locale } from '../../i18n/messages';
import type { CivilDate } from '../../domain/model';
import { blankOut, type FoldedText, sourceSlice } from './fold-text';

/**
 * "don't cancel Thursday", "n'annule pas jeudi", "annuleer donderdag niet", "nicht stornieren": the verb is denied,
 * so the message asks for nothing (it used to cancel Thursday).
 */
const NEGATED_ACTION = new RegExp(
  [
    "\\b(?:don'?t|do\\s+not|dont|never|no\\s+need\\s+to)\\s+(?:\\w+\\s+)?(?:book|cancel|reserve|delete|remove|release)\\b",
    "\\bn(?:e\\s+|'\\s?)(?:l'\\s?|le\\s+|la\\s+|les\\s+)?(?:annul|reserv|supprim|liber)\\w*\\s+pas\\b|\\bne\\s+pas\\s+(?:annul|reserv|supprim|liber)\\w*",
    '\\bniet\\s+(?:annuleren|boeken|reserveren|verwijderen|vrijgeven)\\b|\\b(?:annuleer|boek|reserveer|verwijder)\\s+(?:\\w+\\s+){0,2}niet\\b',
    '\\bnicht\\s+(?:stornieren|buchen|reservieren|loschen|loeschen|absagen|freigeben)\\b|\\b(?:storniere|buche|reserviere|losche|loesche)\\s+(?:\\w+\\s+){0,2}nicht\\b',
  ].join('|'),
);

/**
 * "I won't need my desk on Thursday", "je n'ai plus besoin de mon bureau jeudi", "ik heb mijn bureau donderdag niet
 * meer nodig", "ich brauche meinen Platz am Donnerstag nicht": a reason, like "I can't come" (it used to book).
 */
const NO_LONGER_NEEDED = new RegExp(
  [
    "\\b(?:won'?t|will\\s+not|don'?t|do\\s+not|no\\s+longer|not)\\s+need(?:ing)?\\s+(?:my|the|a|that)\\s+(?:desk|seat|spot|place|booking)\\b",
    "\\b(?:n'ai|ai)\\s+plus\\s+besoin\\b|\\bn'ai\\s+pas\\s+besoin\\s+de\\s+(?:mon|ma)\\b",
    '\\b(?:niet\\s+meer|niet)\\s+nodig\\b',
    '\\bbrauche\\s+(?:meinen|den)\\s+(?:platz|schreibtisch|arbeitsplatz)\\s+(?:\\w+\\s+){0,2}nicht\\b|\\bnicht\\s+mehr\\s+(?:brauche|notig|noetig)\\b',
  ].join('|'),
);

export function negatesAction(folded: string): boolean {
  return NEGATED_ACTION.test(folded);
}

export function noLongerNeeded(folded: string): boolean {
  return NO_LONGER_NEEDED.test(folded);
}

type Read = (masked: string) => readonly CivilDate[];

/**
 * "Thursday or Friday", "jeudi ou vendredi", "donderdag of vrijdag", "Donnerstag oder Freitag": one of two days,
 * which the bot cannot choose (it used to book both). Answers the words to quote when it asks, e.g. "Thursday or Friday".
 */
export function alternativeDays(folded: FoldedText, dateText: string, locale: Locale, read: Read): string | undefined {
  // Dutch "of" is "or"; English "of" is not ("the 3rd of December").
  const or = locale === 'nl' ? /\b(?:or|ou|oder|of)\b/g : /\b(?:or|ou|oder)\b/g;
  for (const m of dateText.matchAll(or)) {
    const at = m.index ?? 0;
    const before = read(blankOut(dateText, at, dateText.length));
    const after = read(blankOut(dateText, 0, at + m[0].length));
    if (before.length === 0 || after.length === 0) continue;
    const left = /\S+$/.exec(dateText.slice(0, at).trimEnd());
    const right = /^\s*\S+/.exec(dateText.slice(at + m[0].length));
    const start = left?.index ?? at;
    const end = at + m[0].length + (right ? right[0].length : 0);
    return sourceSlice(folded, start, end).replace(/[,.;!?]+$/, '');
  }
  return undefined;
}

/** "not Thursday, Friday", "pas jeudi mais vendredi", "niet donderdag maar vrijdag", "nicht Donnerstag, sondern Freitag". */
const NOT_DAY = /\b(?:not|pas|niet|nicht)\s+(?:on\s+|le\s+|op\s+|am\s+)?[^\s,;.!?]+/g;

/**
 * The days a message names once those it denies are taken out: "not Thursday, Friday" is Friday (it used to offer
 * both). Undefined when nothing is denied, or when the reading already left the denied day out ("next week, but not
 * on Wednesday" is read by the exclusions).
 */
export function withoutDeniedDays(dateText: string, dates: readonly CivilDate[], read: Read): CivilDate[] | undefined {
  const denied = new Set<CivilDate>();
  for (const m of dateText.matchAll(NOT_DAY)) {
    const at = m.index ?? 0;
    const only = blankOut(blankOut(dateText, 0, at), at + m[0].length, dateText.length);
    for (const d of read(only)) if (dates.includes(d)) denied.add(d);
  }
  if (denied.size === 0) return undefined;
  return dates.filter((d) => !denied.has(d));
}
