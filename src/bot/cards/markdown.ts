/**
 * Text that came from people (names, desk labels, zone names) on its way into a card.
 *
 * TextBlocks and facts are rendered as Markdown, so a desk labelled `[x](http://evil)` would become a link and
 * `*3.12*` would turn italic; Teams also expands `{{DATE(…)}}` in text. Everything a person wrote is therefore
 * escaped before it is inserted, and control characters (newlines that would start a list, bidi overrides that
 * reorder a line) are removed.
 */

/** C0 and C1 controls, and the bidi embeddings, overrides and isolates that can reorder what a line shows. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Controls and separators that stood for a space or a line break: kept as one space. */
const SPACE_LIKE = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

/**
 * ASCII punctuation that Markdown (or Teams' {{DATE()}} functions) could read as syntax; `#`, `-`, `+` only lead a
 * line. Parentheses are left alone: they only matter right after a link's `]`, which is escaped, and Teams shows an
 * escaped parenthesis with its backslash ("Zone D \(kitchen side\)").
 */
const SPECIAL = /[\\`*_~[\]<>{}]/g;

/**
 * `text` without control characters, its whitespace collapsed, cut to `max` characters (code points, with an
 * ellipsis). For places that are not Markdown, such as button titles and choice titles.
 */
export function plainText(text: string, max = 200): string {
  const clean = String(text).replace(SPACE_LIKE, ' ').replace(CONTROLS, '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  return chars.length <= max ? clean : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/**
 * `text` safe to insert into a TextBlock or a fact: control characters stripped, Markdown punctuation escaped
 * with a backslash, and a leading list or heading marker ("- ", "+ ", "1. ") neutralised.
 */
export function escapeMarkdown(text: string, max = 200): string {
  return plainText(text, max)
    .replace(SPECIAL, (c) => `\\${c}`)
    .replace(/^([-+#])(?=\s|$)/, '\\$1')
    .replace(/^(\d+)\.(?=\s|$)/, '$1\\.');
}
