/**
 * A small reader for the Bicep files, enough for structural tests: no Bicep compiler runs here (`az bicep` needs a
 * download), so the tests read declarations, blocks and property values from the text.
 */

/** The text without // and /* *\/ comments, string contents kept (a '//' inside a string is not a comment). */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") {
      // Bicep strings: '...' with \' escapes (multi-line ''' strings are not used here).
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Whether (), [] and {} nest properly outside strings: a cheap check that the file is not truncated or mangled. */
export function bracketProblems(code: string): string[] {
  const stack: Array<{ c: string; line: number }> = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let line = 1;
  let inString = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === "'") inString = false;
      continue;
    }
    if (c === "'") inString = true;
    else if (c === '(' || c === '[' || c === '{') stack.push({ c, line });
    else if (c in pairs) {
      const open = stack.pop();
      if (!open || open.c !== pairs[c]) return [`unbalanced "${c}" on line ${line}`];
    }
  }
  if (inString) return ['a string is not closed'];
  return stack.map((s) => `"${s.c}" opened on line ${s.line} is never closed`);
}

export interface BicepParam {
  readonly name: string;
  readonly type: string;
  readonly hasDefault: boolean;
  /** Values of an @allowed([...]) decorator right above it, if any. */
  readonly allowed?: readonly string[];
}

export function params(code: string): BicepParam[] {
  const out: BicepParam[] = [];
  const re = /((?:@\w+\((?:[^()]|\([^()]*\))*\)\s*)*)param\s+(\w+)\s+(\w+)(\s*=)?/g;
  for (const m of code.matchAll(re)) {
    const allowedBlock = /@allowed\(\[([^\]]*)\]\)/.exec(m[1] ?? '');
    const allowed = allowedBlock ? [...allowedBlock[1]!.matchAll(/'([^']*)'/g)].map((a) => a[1]!) : undefined;
    out.push({ name: m[2]!, type: m[3]!, hasDefault: m[4] !== undefined, ...(allowed && { allowed }) });
  }
  return out;
}

export interface BicepResource {
  readonly symbol: string;
  readonly type: string;
  readonly apiVersion: string;
  /** The text of its { ... } body. */
  readonly body: string;
}

/** The body of the balanced block that opens at `open` (an index of "{" or "["). */
export function blockAt(code: string, open: number): string {
  const close = code[open] === '{' ? '}' : ']';
  let depth = 0;
  let inString = false;
  for (let i = open; i < code.length; i++) {
    const c = code[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === "'") inString = false;
      continue;
    }
    if (c === "'") inString = true;
    else if (c === code[open]) depth++;
    else if (c === close && --depth === 0) return code.slice(open, i + 1);
  }
  throw new Error(`block at ${open} is not closed`);
}

export function resources(code: string): BicepResource[] {
  const out: BicepResource[] = [];
  for (const m of code.matchAll(/resource\s+(\w+)\s+'([^'@]+)@([^']+)'\s*=\s*\{/g)) {
    out.push({
      symbol: m[1]!,
      type: m[2]!,
      apiVersion: m[3]!,
      body: blockAt(code, m.index! + m[0].length - 1),
    });
  }
  return out;
}

export function modules(code: string): Array<{ symbol: string; path: string; body: string }> {
  return [...code.matchAll(/module\s+(\w+)\s+'([^']+)'\s*=\s*\{/g)].map((m) => ({
    symbol: m[1]!,
    path: m[2]!,
    body: blockAt(code, m.index! + m[0].length - 1),
  }));
}

export function outputs(code: string): Map<string, string> {
  return new Map([...code.matchAll(/^output\s+(\w+)\s+\w+\s*=\s*(.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
}

export function declaredNames(code: string): Set<string> {
  return new Set([...code.matchAll(/^(?:param|var|resource|module|output)\s+(\w+)/gm)].map((m) => m[1]!));
}

/** `key: value` on one line inside a block (first match), value as written. */
export function property(block: string, key: string): string | undefined {
  return new RegExp(`(?:^|[\\s{])${key}:\\s*([^\\n]+)`, 'm').exec(block)?.[1]?.trim();
}

/** The app settings of a site: name → value expression as written. */
export function appSettings(siteBody: string): Map<string, string> {
  const start = siteBody.indexOf('appSettings:');
  if (start < 0) return new Map();
  const list = blockAt(siteBody, siteBody.indexOf('[', start));
  return new Map(
    [...list.matchAll(/name:\s*'([^']+)'\s*value:\s*([^\n]+)/g)].map((m) => [m[1]!, m[2]!.trim()]),
  );
}
