/**
 * A JSON reader that records where each value starts, so problems found later can name a line and column.
 * Objects have no prototype and "__proto__" members are dropped and reported, so the text cannot reach
 * Object.prototype or change an object's prototype. It reads exactly what JSON.parse reads.
 */
import { appendPath, type Seg } from './problems';
import { MAX_JSON_DEPTH } from './schemas';
import { clip } from './text';

export interface JsonParse {
  readonly value: unknown;
  /** Offset where the value at each path starts. */
  readonly valueAt: Map<string, number>;
  /** Offset of the key that names each member of an object. */
  readonly keyAt: Map<string, number>;
  /** Problems that do not stop parsing (duplicate and forbidden keys), at their paths. */
  readonly notes: { path: Seg[]; message: string }[];
  readonly syntaxError?: { offset: number; message: string };
}

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

export function parseJsonWithPositions(text: string): JsonParse {
  const valueAt = new Map<string, number>();
  const keyAt = new Map<string, number>();
  const notes: { path: Seg[]; message: string }[] = [];
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(at, message);
  };
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  const describeAt = (): string => {
    if (i >= text.length) return 'the end of the file';
    const c = text[i]!;
    return /[\x21-\x7e]/.test(c)
      ? `"${c}"`
      : `the character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  };

  const readString = (): string => {
    const start = i;
    i++;
    let escaped = false;
    for (;;) {
      if (i >= text.length) fail('a text value is never closed: a " is missing', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        escaped = true;
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6)))
            fail('\\u must be followed by 4 hexadecimal digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          fail(`"\\${e ?? ''}" is not a valid escape; write a backslash as \\\\`);
        }
        continue;
      }
      if (c < 0x20) {
        fail(
          c === 0x0a || c === 0x0d
            ? 'a line break inside a text value (is a closing " missing?)'
            : 'a control character inside a text value; write it as an escape such as \\t',
        );
      }
      i++;
    }
    i++;
    return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1);
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const readNumber = (): number => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail('invalid number');
    const end = i + m[0].length;
    if (/[0-9A-Za-z.+-]/.test(text[end] ?? ''))
      fail('invalid number (leading zeros, a comma for decimals and NaN are not JSON)');
    i = end;
    return Number(m[0]);
  };

  const readValue = (path: string, segs: Seg[], depth: number): unknown => {
    if (depth > MAX_JSON_DEPTH) fail(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    valueAt.set(path, i);
    const c = text[i];
    switch (c) {
      case '{':
        return readObject(path, segs, depth);
      case '[':
        return readArray(path, segs, depth);
      case '"':
        return readString();
      case 't':
        return literal('true', true);
      case 'f':
        return literal('false', false);
      case 'n':
        return literal('null', null);
      case undefined:
        return fail('the file ends where a value was expected');
      case "'":
        return fail('text must be in double quotes, not single quotes');
      case '/':
        return fail('comments are not allowed in JSON');
      case ']':
      case '}':
        return fail(`expected a value, found "${c}" (a trailing comma?)`);
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return readNumber();
        return fail(
          `expected a value, found ${describeAt()}${/[A-Za-z]/.test(c) ? ' (text must be in double quotes)' : ''}`,
        );
    }
  };

  const literal = (word: string, value: unknown): unknown => {
    if (text.startsWith(word, i) && !/[A-Za-z0-9]/.test(text[i + word.length] ?? '')) {
      i += word.length;
      return value;
    }
    return fail(`expected a value, found ${describeAt()} (text must be in double quotes)`);
  };

  const readObject = (path: string, segs: Seg[], depth: number): unknown => {
    const obj = Object.create(null) as Record<string, unknown>;
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return obj;
    }
    for (;;) {
      if (text[i] !== '"') {
        if (text[i] === '}') fail('expected a field name after the comma (a trailing comma is not allowed)');
        if (text[i] === "'") fail('field names must be in double quotes, not single quotes');
        if (text[i] === '/') fail('comments are not allowed in JSON');
        fail(
          i >= text.length
            ? 'the file ends inside an object: a } is missing'
            : `expected a field name in double quotes, found ${describeAt()}`,
        );
      }
      const keyOffset = i;
      const key = readString();
      ws();
      if (text[i] !== ':') fail(`expected ":" after the field name "${clip(key)}", found ${describeAt()}`);
      i++;
      ws();
      const childSegs = [...segs, key];
      const childPath = appendPath(path, key);
      const value = readValue(childPath, childSegs, depth + 1);
      if (key === '__proto__') {
        keyAt.set(childPath, keyOffset);
        notes.push({ path: childSegs, message: 'a field named "__proto__" is not allowed' });
      } else {
        if (Object.prototype.hasOwnProperty.call(obj, key)) {
          notes.push({ path: childSegs, message: `the field "${clip(key)}" appears twice in this object` });
        }
        keyAt.set(childPath, keyOffset);
        obj[key] = value;
      }
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        continue;
      }
      if (text[i] === '}') {
        i++;
        return obj;
      }
      fail(
        i >= text.length
          ? 'the file ends inside an object: a } is missing'
          : `expected "," or "}" after a field, found ${describeAt()}`,
      );
    }
  };

  const readArray = (path: string, segs: Seg[], depth: number): unknown => {
    const arr: unknown[] = [];
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return arr;
    }
    for (;;) {
      const index = arr.length;
      arr.push(readValue(appendPath(path, index), [...segs, index], depth + 1));
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        continue;
      }
      if (text[i] === ']') {
        i++;
        return arr;
      }
      fail(
        i >= text.length
          ? 'the file ends inside a list: a ] is missing'
          : `expected "," or "]" after a list item, found ${describeAt()}`,
      );
    }
  };

  try {
    ws();
    const value = readValue('', [], 0);
    ws();
    if (i < text.length) fail(`unexpected ${describeAt()} after the end of the JSON value`);
    return { value, valueAt, keyAt, notes };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { value: undefined, valueAt, keyAt, notes, syntaxError: e };
    throw e;
  }
}
