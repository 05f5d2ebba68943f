/**
 * Case- and accent-folding that remembers where each folded character came from.
 *
 * Keywords are matched on folded text ("Réserve" and "reserve", "Übermorgen" and "ubermorgen" read the same),
 * but what we hand back to people (an unresolved date, a desk label as typed) is cut from the original text.
 */

export interface FoldedText {
  /** The text as it was (after sanitising). */
  readonly source: string;
  /** Lower case, no diacritics, ß → ss, œ → oe, curly apostrophes → ', dashes → -. */
  readonly text: string;
  /** For each index of `text` (and one past its end), the index in `source` it came from. */
  readonly sourceIndex: readonly number[];
}

const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  '’': "'",
  '‘': "'",
  '‛': "'",
  ʼ: "'",
  '´': "'",
  '`': "'",
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
};

function foldChar(ch: string): string {
  const special = SPECIAL[ch];
  if (special !== undefined) return special;
  if (/\s/.test(ch)) return ' ';
  return ch.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

export function foldText(source: string): FoldedText {
  let text = '';
  const sourceIndex: number[] = [];
  let i = 0;
  for (const ch of source) {
    const folded = foldChar(ch);
    for (let k = 0; k < folded.length; k += 1) sourceIndex.push(i);
    text += folded;
    i += ch.length;
  }
  sourceIndex.push(source.length);
  return { source, text, sourceIndex };
}

/** The original text behind folded[start, end), trimmed. */
export function sourceSlice(folded: FoldedText, start: number, end: number): string {
  const from = folded.sourceIndex[Math.max(0, Math.min(start, folded.text.length))] ?? 0;
  const to = folded.sourceIndex[Math.max(0, Math.min(end, folded.text.length))] ?? folded.source.length;
  return folded.source.slice(from, to).trim();
}

/** The folded form of a short phrase (a zone name, a desk label) for comparisons. */
export function foldPhrase(phrase: string): string {
  return foldText(phrase).text.replace(/\s+/g, ' ').trim();
}

/** `text` with [start, end) replaced by spaces, so other indices stay where they were. */
export function blankOut(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(Math.max(0, end - start)) + text.slice(end);
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
