/**
 * Floor plans drawn in SVG come from outside (an architect's export, a download), and an SVG is a document that can
 * run script and fetch things. So an uploaded SVG is not filtered but rebuilt: a strict reader takes it apart, and
 * only allow-listed drawing elements and presentation attributes are written back, every value escaped again.
 * What never survives: script, event handlers (on…), foreignObject, embedded or linked images, styles sheets, links,
 * animations, and any reference that is not to a fragment of the same file (href="#id", url(#id)). A DOCTYPE or an
 * entity declaration is refused outright (entity expansion, external entities).
 */

const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline',
  'polygon', 'text', 'tspan', 'textPath', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'marker',
]);

const ATTRIBUTES = new Set([
  'id', 'class', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'd', 'points',
  'transform', 'viewBox', 'preserveAspectRatio', 'version', 'xmlns', 'xmlns:xlink', 'fill', 'fill-opacity', 'fill-rule',
  'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin', 'stroke-dasharray',
  'stroke-dashoffset', 'stroke-miterlimit', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style',
  'text-anchor', 'dominant-baseline', 'dx', 'dy', 'offset', 'stop-color', 'stop-opacity', 'gradientUnits',
  'gradientTransform', 'patternUnits', 'patternTransform', 'clip-path', 'clip-rule', 'mask', 'marker-start',
  'marker-mid', 'marker-end', 'markerWidth', 'markerHeight', 'refX', 'refY', 'orient', 'visibility', 'display',
  'vector-effect', 'href', 'xlink:href', 'style', 'fx', 'fy', 'spreadMethod', 'clipPathUnits', 'maskUnits', 'xml:space',
]);

/** Elements dropped with everything inside them (text included). */
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'foreignObject', 'iframe', 'object', 'embed', 'image', 'a', 'audio', 'video', 'canvas', 'animate', 'animateMotion', 'animateTransform', 'set', 'handler', 'listener', 'feImage']);

const NAMESPACES: Readonly<Record<string, string>> = { xmlns: 'http://www.w3.org/2000/svg', 'xmlns:xlink': 'http://www.w3.org/1999/xlink' };

export class SvgRefusedError extends Error {
  readonly code = 'SVG_REFUSED';
  constructor(readonly reason: string) {
    super(`The SVG cannot be used: ${reason}`);
    this.name = 'SvgRefusedError';
  }
}

export interface SanitizedSvg {
  readonly svg: string;
  /** What was removed, for the uploader: element and attribute names, each once. */
  readonly removed: readonly string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;
const MAX_DEPTH = 64;
const MAX_NODES = 200_000;

export function sanitizeSvg(text: string): SanitizedSvg {
  const removed = new Set<string>();
  const out: string[] = [];
  const stack: { name: string; kept: boolean }[] = [];
  let dropping = 0;
  let nodes = 0;
  let sawRoot = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    if (++nodes > MAX_NODES) throw new SvgRefusedError('it holds too many elements');
    const lt = text.indexOf('<', i);
    const chunk = lt === -1 ? text.slice(i) : text.slice(i, lt);
    if (chunk.length > 0) {
      if (stack.length === 0) {
        if (chunk.trim() !== '') throw new SvgRefusedError('text outside the <svg> element');
      } else if (dropping === 0) out.push(escapeText(decodeEntities(chunk)));
    }
    if (lt === -1) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) throw new SvgRefusedError('a comment is never closed');
      i = end + 3;
      continue;
    }
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end === -1 || !/^<\?xml[\s?]/.test(text.slice(i, i + 6)) || sawRoot) throw new SvgRefusedError('processing instructions are not allowed');
      i = end + 2;
      continue;
    }
    if (text.startsWith('<!', i)) throw new SvgRefusedError('DOCTYPE, entity declarations and CDATA are not allowed');
    if (text.startsWith('</', i)) {
      const end = text.indexOf('>', i);
      if (end === -1) throw new SvgRefusedError('a closing tag is never finished');
      const name = text.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new SvgRefusedError(`</${clip(name)}> closes nothing open`);
      if (dropping > 0) dropping--;
      else if (open.kept) out.push(`</${name}>`);
      i = end + 1;
      continue;
    }
    const tag = readTag(text, i);
    i = tag.end;
    if (stack.length === 0) {
      if (sawRoot) throw new SvgRefusedError('more than one root element');
      if (tag.name !== 'svg') throw new SvgRefusedError('the root element is not <svg>');
      sawRoot = true;
    }
    if (stack.length >= MAX_DEPTH) throw new SvgRefusedError('elements are nested too deep');
    let kept = false;
    if (dropping > 0 || DROPPED_WITH_CONTENT.has(tag.name) || !ELEMENTS.has(tag.name)) {
      if (dropping === 0) removed.add(`<${tag.name}>`);
      if (!tag.selfClosing) dropping++;
    } else {
      kept = true;
      const attrs: string[] = [];
      for (const [name, value] of tag.attributes) {
        const safe = safeAttribute(tag.name, name, value);
        if (safe === null) {
          removed.add(name);
          continue;
        }
        attrs.push(` ${name}="${escapeAttribute(safe)}"`);
      }
      if (tag.name === 'svg' && stack.length === 0 && !tag.attributes.some(([k]) => k === 'xmlns')) attrs.unshift(` xmlns="${NAMESPACES['xmlns']!}"`);
      out.push(`<${tag.name}${attrs.join('')}${tag.selfClosing ? '/>' : '>'}`);
    }
    if (!tag.selfClosing) stack.push({ name: tag.name, kept });
  }
  if (stack.length > 0) throw new SvgRefusedError(`<${clip(stack[stack.length - 1]!.name)}> is never closed`);
  if (!sawRoot) throw new SvgRefusedError('there is no <svg> element');
  return { svg: out.join(''), removed: [...removed] };
}

function safeAttribute(element: string, name: string, raw: string): string | null {
  if (!ATTRIBUTES.has(name)) return null;
  const value = decodeEntities(raw);
  if (name === 'xmlns' || name === 'xmlns:xlink') return value === NAMESPACES[name] ? value : null;
  if (name === 'href' || name === 'xlink:href') return element === 'use' || element === 'textPath' ? (/^#[A-Za-z_][\w.:-]*$/.test(value.trim()) ? value.trim() : null) : null;
  // A reference may only point into this file: url(#id). Anything that could fetch, run or escape is dropped.
  const folded = value.replace(/\s+/g, '').toLowerCase();
  if (/url\((?!['"]?#)/.test(folded) || /javascript:|data:|expression\(|@import|\\|behavior:|-moz-binding/.test(folded)) return null;
  if (value.length > 100_000) return null;
  return value;
}

interface Tag {
  readonly name: string;
  readonly attributes: [string, string][];
  readonly selfClosing: boolean;
  readonly end: number;
}

/** `<name a="v" b='w' />` starting at `start` (the '<'); anything else is refused. */
function readTag(text: string, start: number): Tag {
  let i = start + 1;
  const nameMatch = /^[A-Za-z_][A-Za-z0-9_.:-]*/.exec(text.slice(i, i + 200));
  if (!nameMatch) throw new SvgRefusedError('a tag has no name');
  const name = nameMatch[0];
  i += name.length;
  const attributes: [string, string][] = [];
  const seen = new Set<string>();
  for (;;) {
    const ws = /^\s*/.exec(text.slice(i, i + 1000))![0].length;
    i += ws;
    if (text.startsWith('/>', i)) return { name, attributes, selfClosing: true, end: i + 2 };
    if (text[i] === '>') return { name, attributes, selfClosing: false, end: i + 1 };
    if (ws === 0 && attributes.length > 0) throw new SvgRefusedError(`attributes of <${clip(name)}> must be separated by spaces`);
    const attr = /^([A-Za-z_][A-Za-z0-9_.:-]*)\s*=\s*(["'])/.exec(text.slice(i, i + 300));
    if (!attr || !NAME.test(attr[1]!)) throw new SvgRefusedError(`<${clip(name)}> has an attribute that cannot be read`);
    const close = text.indexOf(attr[2]!, i + attr[0].length);
    if (close === -1) throw new SvgRefusedError(`an attribute of <${clip(name)}> is never closed`);
    const value = text.slice(i + attr[0].length, close);
    if (value.includes('<')) throw new SvgRefusedError(`an attribute of <${clip(name)}> holds a "<"`);
    if (seen.has(attr[1]!)) throw new SvgRefusedError(`<${clip(name)}> repeats the attribute ${clip(attr[1]!)}`);
    seen.add(attr[1]!);
    attributes.push([attr[1]!, value]);
    i = close + 1;
  }
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five named entities and numeric references; any other entity is refused (it would need a DOCTYPE). */
function decodeEntities(s: string): string {
  return s.replace(/&([^;\s&]{0,12});?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new SvgRefusedError('a "&" that starts no entity');
    if (Object.hasOwn(NAMED, body)) return NAMED[body]!;
    const num = /^#(x[0-9A-Fa-f]{1,6}|[0-9]{1,7})$/.exec(body);
    if (!num) throw new SvgRefusedError(`the entity &${clip(body)}; is not allowed`);
    const code = num[1]!.startsWith('x') ? parseInt(num[1]!.slice(1), 16) : parseInt(num[1]!, 10);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new SvgRefusedError('a character reference out of range');
    return String.fromCodePoint(code);
  });
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/[\t\n\r]/g, ' ');
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
