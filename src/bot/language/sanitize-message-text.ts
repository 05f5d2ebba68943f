/**
 * Turns whatever Teams delivered as a message's text into plain, bounded text worth parsing.
 *
 * Teams wraps @-mentions of the bot in `<at>Seatwise</at>`, some clients send HTML, and anything can arrive
 * (10,000 characters, control characters, emoji, half a surrogate pair). The parser only ever sees the result.
 */

/** Longer messages are cut: nobody books a desk in more words than this, and parsing stays cheap. */
export const MAX_MESSAGE_LENGTH = 500;

/** How much raw input is looked at before the markup is stripped (markup can pad a short message). */
const MAX_RAW_LENGTH = 5_000;

// The mention's own text is the bot's name, which is not part of the request.
const MENTION = /<at\b[^<>]{0,200}>[^<]{0,300}<\/at\s*>/gi;
const TAG = /<\/?[a-z!][^<>]{0,500}>/gi;
const ENTITY = /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi;
// C0/C1 controls, zero-width and bidirectional marks, line/paragraph separators, BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  rsquo: '’',
  lsquo: '‘',
  ndash: '–',
  mdash: '—',
};

function decodeEntity(whole: string, body: string): string {
  if (body.startsWith('#')) {
    const code =
      body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
      return ' ';
    return String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
}

/** Plain text: no mention tags, no markup, no invisible characters, single spaces, at most MAX_MESSAGE_LENGTH. */
export function sanitizeMessageText(input: unknown): string {
  if (typeof input !== 'string') return '';
  let text = input.slice(0, MAX_RAW_LENGTH);
  text = text.replace(MENTION, ' ').replace(TAG, ' ').replace(ENTITY, decodeEntity);
  text = text.normalize('NFC').replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  if (text.length > MAX_MESSAGE_LENGTH) {
    text = text.slice(0, MAX_MESSAGE_LENGTH);
    // Never end on the first half of a surrogate pair.
    if (/[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1);
  }
  return text;
}
