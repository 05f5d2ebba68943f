/**
 * What a booking request asks of the desk: a label, a zone, attributes, or "the same desk as last time".
 *
 * Found on folded text, in the four languages. The spans of a desk label and a zone name are handed back so
 * the date reader can blank them out: "desk 3.12" is a desk, not the 3rd of December, and "Zone 4" is no date.
 */
import { MONTH_WORDS, WEEKDAY_WORDS, alternation } from './date-words';
import { escapeRegExp, foldPhrase, sourceSlice, type FoldedText } from './fold-text';

export interface Constraints {
  deskLabel?: string;
  zoneName?: string;
  attributes: string[];
  sameAsLastTime: boolean;
  /** The text names a desk at all ("a desk", "un bureau", "einen Platz"): a sign of a booking request. */
  mentionsDesk: boolean;
  /** Folded-text spans that belong to a desk label or a zone name and must not be read as dates. */
  spans: Array<readonly [number, number]>;
}

export interface ConstraintVocabulary {
  readonly zoneNames?: readonly string[];
  readonly deskLabels?: readonly string[];
}

const DESK_NOUN =
  '(?:standing\\s+)?(?:desk|seat|workstation|workplace|work\\s?space|spot|bureau|poste(?:\\s+de\\s+travail)?|place|werkplek|werkplaats|plek|plaats|schreibtisch|arbeitsplatz|platz|tisch)';
const DESK_NOUN_PATTERN = new RegExp(`\\b${DESK_NOUN}\\b`);
// "desk 3.12", "desk #3.12", "bureau n° 3.12", "Platz Nr. 3.12".
const LABEL_LEAD = '(?:\\s+(?:(?:number|num|no|nr|numero|nummer|n°|n)\\.?\\s*|#\\s*)?|\\s*#\\s*)';
// A label someone types: starts with a letter or digit, holds a digit; e.g. 3.12, 2-04, A12, 3B.
const TYPED_LABEL = /^([a-z0-9][a-z0-9._-]{0,23})/;
const MONTH_AFTER = new RegExp(
  `^\\s*(?:st|nd|rd|th|er|e)?\\.?\\s*(?:of\\s+|de\\s+)?(?:${alternation(MONTH_WORDS.keys())})\\b`,
);

// Words that follow "zone" without being its name: filler and calendar words.
const NOT_A_ZONE_NAME = new Set([
  ...'for on at in to of the a an and or with please de du la le les des et en pour avec svp op het een met voor van aub im am um mit und fur fuer bitte'.split(
    ' ',
  ),
  ...WEEKDAY_WORDS.keys(),
  ...MONTH_WORDS.keys(),
]);

const ATTRIBUTE_PATTERNS: ReadonlyArray<readonly [string, RegExp]> = [
  [
    'standing',
    /\bstanding\b|\bstand[-\s]?up\s+desk\b|\bsit[-\s/]?stand\b|\bheight[-\s]adjustable\b|\badjustable\s+desk\b|\bdebout\b|\breglable\s+en\s+hauteur\b|\bsta[-\s]?bureau\b|\bzit[-\s/]?sta\b|\bstatafel\b|\b(?:in\s+)?hoogte\s?verstelbaar\b|\bsteh(?:schreibtisch|pult|tisch|platz|arbeitsplatz)\w*|\bh(?:o|oe)henverstellbar\w*|\bsitz[-\s]?steh\w*/,
  ],
  [
    'monitor',
    /\bmonitors?\b|\bscreens?\b|\bdisplays?\b|\becrans?\b|\bmoniteurs?\b|\b(?:beeld)?scherm(?:en)?\b|\bmonitoren\b|\bbildschirm\w*/,
  ],
  [
    'docking',
    /\bdock(?:ing)?(?:[-\s]?stations?)?\b|\bdockingstation\w*|\bstation\s+d'accueil\b|\bport\s+replicator\b/,
  ],
  [
    'accessible',
    /\baccessible\b|\bwheel\s?chair\b|\bpmr\b|\bmobilite\s+reduite\b|\b(?:rolstoel)?toegankelijk\w*|\brolstoel\w*|\bmindervalide\w*|\brollstuhl\w*|\bbarrierefrei\w*|\bbehindertengerecht\w*/,
  ],
  ['quiet', /\bquiet\b|\bcalme\b|\bsilencieu\w*|\brustige?\b|\bruhige?[nrs]?\b/],
  ['window', /\bwindows?\b|\bfenetres?\b|\braam\b|\bvenster\b|\bfenster\w*/],
];

// "without a monitor", "sans écran", "zonder scherm", "ohne Bildschirm" ask for no such thing.
const NEGATION_BEFORE = /\b(?:without|no|not|sans|pas\s+de|zonder|geen|ohne|kein\w*)\s+(?:\w+\s+){0,2}$/;

const SAME_AS_LAST_TIME =
  /\bsame\s+(?:desk|seat|spot|place|one|as)\b|\b(?:as|like)\s+last\s+time\b|\bmy\s+usual\s+(?:desk|seat|spot|place)\b|\b(?:le\s+)?meme\s+(?:bureau|place|poste)\b|\b(?:comme|que)\s+(?:la\s+)?derniere\s+fois\b|\bmon\s+bureau\s+habituel\b|\bma\s+place\s+habituelle\b|\b(?:het\s?)?zelfde\s+(?:bureau|werkplek|plek|plaats)\b|\bals\s+(?:de\s+)?vorige\s+keer\b|\bals\s+laatst\b|\bmijn\s+vaste\s+(?:plek|werkplek|bureau)\b|\b(?:denselben|dengleichen|den\s+selben|den\s+gleichen|gleichen|selben|derselbe|dieselbe|demselben)\s+(?:schreibtisch|platz|tisch|arbeitsplatz)\b|\bwie\s+(?:letztes|das\s+letzte|beim\s+letzten)\s+mal\b|\bmeinen\s+(?:ublichen|ueblichen|gewohnten|stammplatz)\b|\bstammplatz\b/;

function byLongestFirst(a: string, b: string): number {
  return b.length - a.length;
}

interface KnownLabel {
  readonly label: string;
  readonly folded: string;
}

interface LabelVocabulary {
  /** Longest first (stable: equal lengths keep the caller's order), each with its folded form. */
  readonly byLength: readonly KnownLabel[];
  /** Those that hold a letter and a digit and so may stand alone, each with its pattern. */
  readonly standalone: ReadonlyArray<KnownLabel & { readonly pattern: RegExp }>;
}

// The bot hands every message the labels of every site (a new array each turn, the same labels): folding them and
// compiling their patterns took most of a message's parse (about 2 ms for 120 desks, 240 folds and up to 120 regular
// expressions), so the work is kept for the last few label lists seen.
const vocabularies = new Map<string, LabelVocabulary>();
const MAX_VOCABULARIES = 8;

function labelVocabulary(labels: readonly string[]): LabelVocabulary {
  const key = labels.join('\u0000');
  const known = vocabularies.get(key);
  if (known) return known;
  const byLength = [...labels].sort(byLongestFirst).map((label) => ({ label, folded: foldPhrase(label) }));
  const standalone = byLength
    .filter((l) => /[a-z]/.test(l.folded) && /\d/.test(l.folded))
    .map((l) => ({ ...l, pattern: new RegExp(`(?<![a-z0-9.])${escapeRegExp(l.folded)}(?![a-z0-9])`, 'g') }));
  const vocabulary = { byLength, standalone };
  if (vocabularies.size >= MAX_VOCABULARIES) vocabularies.delete(vocabularies.keys().next().value!);
  vocabularies.set(key, vocabulary);
  return vocabulary;
}

function knownLabelAt(text: string, at: number, labels: LabelVocabulary): KnownLabel | undefined {
  const rest = text.slice(at);
  for (const known of labels.byLength) {
    // The folded label, then no letter or digit: what `^label(?![a-z0-9])` matched, without compiling it.
    if (known.folded.length === 0 || !rest.startsWith(known.folded)) continue;
    if (!/[a-z0-9]/.test(rest.charAt(known.folded.length))) return known;
  }
  return undefined;
}

interface DeskLabelFind {
  readonly label: string;
  readonly span: [number, number];
}

/** Every desk label the text names; the first is the one asked for, all of them are kept out of the dates. */
function findDeskLabels(folded: FoldedText, labels: LabelVocabulary): DeskLabelFind[] {
  const text = folded.text;
  const found: DeskLabelFind[] = [];
  const keyword = new RegExp(`\\b${DESK_NOUN}${LABEL_LEAD}`, 'g');
  for (const match of text.matchAll(keyword)) {
    const at = (match.index ?? 0) + match[0].length;
    const known = knownLabelAt(text, at, labels);
    if (known !== undefined) {
      found.push({ label: known.label, span: [at, at + known.folded.length] });
      continue;
    }
    const typed = TYPED_LABEL.exec(text.slice(at))?.[1]?.replace(/[._-]+$/, '');
    if (!typed || !/\d/.test(typed)) continue;
    // "un bureau 3 décembre": a day number followed by a month is a date, not a desk.
    if (/^\d{1,2}$/.test(typed) && MONTH_AFTER.test(text.slice(at + typed.length))) continue;
    // "a desk 15/12", "a desk on the 15th", "un bureau le 1er": a day, not a desk.
    if (/^\d{1,2}$/.test(typed) && /^[./-]\d{1,2}(?!\d)/.test(text.slice(at + typed.length))) continue;
    if (/^\d{1,2}(?:st|nd|rd|th|er|e|de|ste)$/.test(typed)) continue;
    // "a desk 2026-12-10" is a date written the ISO way; "a desk 17-18 dec" is two days of December.
    if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(typed)) continue;
    if (/^\d{1,2}-\d{1,2}$/.test(typed) && MONTH_AFTER.test(text.slice(at + typed.length))) continue;
    // "Platz 15.12.": a German date with its closing dot.
    if (/^\d{1,2}\.\d{1,2}$/.test(typed) && text[at + typed.length] === '.') continue;
    found.push({ label: sourceSlice(folded, at, at + typed.length), span: [at, at + typed.length] });
  }
  // A known label that cannot be mistaken for a number or a date may stand alone: "book A-101 Thursday".
  for (const { label, folded: f, pattern } of labels.standalone) {
    // matchAll reads a copy of the pattern, so the shared one keeps its lastIndex at 0.
    for (const m of text.matchAll(pattern)) {
      const span: [number, number] = [m.index ?? 0, (m.index ?? 0) + f.length];
      if (!found.some((d) => d.span[0] < span[1] && span[0] < d.span[1])) found.push({ label, span });
    }
  }
  return found.sort((a, b) => a.span[0] - b.span[0]);
}

function findZone(
  folded: FoldedText,
  names: readonly string[],
): { name: string; span: [number, number] } | undefined {
  const text = folded.text;
  for (const name of [...names].sort(byLongestFirst)) {
    const f = foldPhrase(name);
    if (f.length === 0) continue;
    const m = new RegExp(`(?<![a-z0-9])${escapeRegExp(f).replace(/ /g, '\\s+')}(?![a-z0-9])`).exec(text);
    if (m) return { name, span: [m.index, m.index + m[0].length] };
  }
  for (const m of text.matchAll(/\bzones?\s+([a-z0-9][a-z0-9._-]{0,19})/g)) {
    const word = (m[1] ?? '').replace(/[._-]+$/, '');
    if (word.length === 0 || NOT_A_ZONE_NAME.has(word)) continue;
    const start = m.index ?? 0;
    const end = start + m[0].length - ((m[1] ?? '').length - word.length);
    const known = names.find((n) => {
      const f = foldPhrase(n);
      return f === word || f === `zone ${word}` || f.split(' ').pop() === word;
    });
    return { name: known ?? sourceSlice(folded, start, end), span: [start, end] };
  }
  return undefined;
}

function findAttributes(text: string): string[] {
  const found: string[] = [];
  for (const [attribute, pattern] of ATTRIBUTE_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    if (NEGATION_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    found.push(attribute);
  }
  return found;
}

export function extractConstraints(folded: FoldedText, vocabulary: ConstraintVocabulary): Constraints {
  const labels = (vocabulary.deskLabels ?? []).filter((l) => typeof l === 'string' && l.trim().length > 0);
  const names = (vocabulary.zoneNames ?? []).filter((n) => typeof n === 'string' && n.trim().length > 0);
  const spans: Array<readonly [number, number]> = [];
  const desks = findDeskLabels(folded, labelVocabulary(labels));
  const desk = desks[0];
  for (const d of desks) spans.push(d.span);
  const zone = findZone(folded, names);
  if (zone) spans.push(zone.span);

  // Attributes are read with the zone name blanked, so a zone called "Quiet room" is not also the attribute.
  let rest = folded.text;
  for (const [start, end] of spans) rest = rest.slice(0, start) + ' '.repeat(end - start) + rest.slice(end);

  const constraints: Constraints = {
    attributes: findAttributes(rest),
    sameAsLastTime: SAME_AS_LAST_TIME.test(folded.text),
    mentionsDesk: DESK_NOUN_PATTERN.test(folded.text) || desk !== undefined,
    spans,
  };
  if (desk) constraints.deskLabel = desk.label;
  if (zone) constraints.zoneName = zone.name;
  return constraints;
}
