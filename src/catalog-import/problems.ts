/**
 * Where a problem is, and the list of problems. A problem names a JSON path (with its line and column when the file's
 * text is at hand) or a CSV line and column, and the list comes out in reading order, so an admin fixes a file top down.
 */

export type Seg = string | number;

export interface Where {
  readonly text: string;
  /** File, line, column: problems are reported in reading order. */
  readonly order: readonly number[];
}

/** Places a path of the site document; `key` asks for the key that names the value rather than the value. */
export interface Locator {
  at(path: readonly Seg[], key?: boolean): Where;
}

export class Problems {
  private readonly list: { order: readonly number[]; text: string; seq: number }[] = [];

  add(where: Where, message: string): void {
    this.list.push({ order: where.order, text: `${where.text}: ${message}`, seq: this.list.length });
  }

  get count(): number {
    return this.list.length;
  }

  sorted(): string[] {
    return [...this.list].sort((a, b) => compareOrder(a.order, b.order) || a.seq - b.seq).map((p) => p.text);
  }
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export function formatPath(path: readonly Seg[]): string {
  let out = '';
  for (const seg of path) out = appendPath(out, seg);
  return out;
}

export function appendPath(parent: string, seg: Seg): string {
  if (typeof seg === 'number') return `${parent}[${seg}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) return parent === '' ? seg : `${parent}.${seg}`;
  return `${parent}[${JSON.stringify(seg)}]`;
}

/** Where things are in the site file: a path, and its line and column when the text is at hand. */
export class JsonSource implements Locator {
  private lineStarts: number[] | undefined;

  constructor(
    private readonly name: string,
    private readonly text: string,
    private readonly valueAt: ReadonlyMap<string, number>,
    private readonly keyAt: ReadonlyMap<string, number>,
  ) {}

  /** The value at `path`, or the key that names it; a missing value is placed at the nearest enclosing one. */
  at(path: readonly Seg[], key = false): Where {
    const shown = formatPath(path) || '(top level)';
    const offset = nearest(path, key, this.valueAt, this.keyAt);
    if (offset === undefined) return { text: `${this.name}: ${shown}`, order: [0, 0] };
    const { line, column } = this.lineColumn(offset);
    return { text: `${this.name} line ${line}, column ${column}: ${shown}`, order: [0, line, column] };
  }

  whereOffset(offset: number): Where {
    const { line, column } = this.lineColumn(offset);
    return { text: `${this.name} line ${line}, column ${column}`, order: [0, line, column] };
  }

  private lineColumn(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1))
        this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }
}

/**
 * Where things are in a document built in code: a path alone, in the order a reader of the document would meet it
 * (the order JSON.stringify writes it), so that problems come out in the same order as for a file.
 */
export class DocumentLocator implements Locator {
  private readonly valueAt = new Map<string, number>();
  private readonly keyAt = new Map<string, number>();
  private next = 0;

  constructor(
    private readonly name: string,
    document: unknown,
  ) {
    this.visit('', document);
  }

  at(path: readonly Seg[], key = false): Where {
    const shown = formatPath(path) || '(top level)';
    return { text: `${this.name}: ${shown}`, order: [0, nearest(path, key, this.valueAt, this.keyAt) ?? 0] };
  }

  private visit(path: string, value: unknown): void {
    this.valueAt.set(path, this.next++);
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.visit(appendPath(path, i), item));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (item === undefined) continue;
        const child = appendPath(path, key);
        this.keyAt.set(child, this.next++);
        this.visit(child, item);
      }
    }
  }
}

/** The offset of the key (when asked) or the value at `path`; a missing value, that of the nearest enclosing one. */
function nearest(
  path: readonly Seg[],
  key: boolean,
  valueAt: ReadonlyMap<string, number>,
  keyAt: ReadonlyMap<string, number>,
): number | undefined {
  let offset = key ? keyAt.get(formatPath(path)) : undefined;
  for (let n = path.length; offset === undefined && n >= 0; n--) offset = valueAt.get(formatPath(path.slice(0, n)));
  return offset;
}

export function csvWhere(name: string, line: number, column?: string): Where {
  return {
    text: column === undefined ? `${name} line ${line}` : `${name} line ${line}, column "${column}"`,
    order: [1, line],
  };
}
