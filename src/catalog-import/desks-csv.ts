/**
 * The desks file (CSV, RFC 4180): one desk a line, added to the floors of the site file. Every problem names its line
 * and column; the columns may come in any order, and the optional ones may be left out.
 */
import { csvWhere, type Problems, type Where } from './problems';
import { csvDeskSchema, MAX_INPUT_CHARS, type DeskInput } from './schemas';
import { clip, stripBom } from './text';
import { describeIssue, valueAt } from './zod-problems';

const CSV_COLUMNS = ['floorId', 'id', 'label', 'x', 'y', 'zoneId', 'attributes', 'mode', 'offFrom'] as const;
const REQUIRED_CSV_COLUMNS = ['floorId', 'id', 'label', 'x', 'y'];
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export interface CsvDesk {
  readonly floorId: string;
  readonly desk: DeskInput;
  readonly at: (field?: string) => Where;
}

export function readDesksCsv(text: string, name: string, problems: Problems): CsvDesk[] {
  if (text.length > MAX_INPUT_CHARS) {
    problems.add(
      { text: name, order: [1, 0] },
      `the file is larger than ${MAX_INPUT_CHARS / 1024 / 1024} MiB`,
    );
    return [];
  }
  const { records, errors } = parseCsv(stripBom(text));
  for (const e of errors) problems.add(csvWhere(name, e.line), e.message);
  const [header, ...rows] = records;
  if (!header) {
    problems.add(csvWhere(name, 1), `the file is empty; it needs a header line: ${CSV_COLUMNS.join(',')}`);
    return [];
  }

  const columns: (typeof CSV_COLUMNS)[number][] = [];
  let headerOk = true;
  header.fields.forEach((cell, i) => {
    const column = CSV_COLUMNS.find((c) => c.toLowerCase() === cell.trim().toLowerCase());
    if (!column) {
      problems.add(
        csvWhere(name, header.line),
        `column ${i + 1} of the header is "${clip(cell)}", which is not one of ${CSV_COLUMNS.join(', ')}`,
      );
      headerOk = false;
    } else if (columns.includes(column)) {
      problems.add(csvWhere(name, header.line), `the header names column "${column}" twice`);
      headerOk = false;
    } else {
      columns.push(column);
    }
  });
  for (const required of REQUIRED_CSV_COLUMNS) {
    if (!header.fields.some((c) => c.trim().toLowerCase() === required.toLowerCase())) {
      problems.add(csvWhere(name, header.line), `the header has no "${required}" column`);
      headerOk = false;
    }
  }
  if (!headerOk) return [];

  const desks: CsvDesk[] = [];
  for (const row of rows) {
    if (row.broken) continue;
    if (row.fields.length !== columns.length) {
      problems.add(
        csvWhere(name, row.line),
        `${row.fields.length} fields where the header has ${columns.length}; a value holding a comma must be in double quotes`,
      );
      continue;
    }
    const cell = (c: string): string | undefined => {
      const i = columns.indexOf(c as (typeof CSV_COLUMNS)[number]);
      return i === -1 ? undefined : row.fields[i];
    };
    const raw: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const numberProblems = new Set<string>();
    for (const column of columns) {
      const value = cell(column)!;
      switch (column) {
        case 'x':
        case 'y':
          if (DECIMAL.test(value)) raw[column] = Number(value);
          else {
            numberProblems.add(column);
            problems.add(
              csvWhere(name, row.line, column),
              value === ''
                ? 'is required (metres, e.g. 4.5)'
                : `"${clip(value)}" is not a number; write metres with a dot for decimals, e.g. 4.5`,
            );
          }
          break;
        case 'zoneId':
        case 'offFrom':
          if (value !== '') raw[column] = value;
          break;
        case 'attributes':
          raw[column] = value
            .split(';')
            .map((a) => a.trim())
            .filter((a) => a !== '');
          break;
        case 'mode':
          if (value !== '') raw[column] = value.toLowerCase();
          break;
        default:
          raw[column] = value;
      }
    }
    const at = (field?: string) => csvWhere(name, row.line, field);
    const result = csvDeskSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const column = String(issue.path[0] ?? '');
        if (numberProblems.has(column)) continue;
        problems.add(at(column || undefined), describeIssue(issue, valueAt(raw, issue.path)));
      }
      continue;
    }
    if (numberProblems.size > 0) continue;
    const { floorId, ...desk } = result.data;
    desks.push({ floorId, desk, at });
  }
  return desks;
}

interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
  readonly broken: boolean;
}

/** RFC 4180: fields separated by commas, records by CRLF or LF; a quoted field may hold commas, line breaks and "". */
function parseCsv(text: string): { records: CsvRecord[]; errors: { line: number; message: string }[] } {
  const records: CsvRecord[] = [];
  const errors: { line: number; message: string }[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let broken = false;
    let quotedAny = false;
    for (;;) {
      let j = i;
      while (text[j] === ' ' || text[j] === '\t') j++;
      if (text[j] === '"') {
        quotedAny = true;
        i = j + 1;
        let value = '';
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          if (q === -1) break;
          const chunk = text.slice(i, q);
          value += chunk;
          line += countNewlines(chunk);
          if (text[q + 1] === '"') {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            closed = true;
            break;
          }
        }
        if (!closed) {
          errors.push({ line: start, message: 'a quoted value is never closed: a " is missing' });
          records.push({ line: start, fields, broken: true });
          return { records, errors };
        }
        while (text[i] === ' ' || text[i] === '\t') i++;
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (!broken)
            errors.push({ line, message: 'text after a closing quote; inside quotes, write a quote as ""' });
          broken = true;
          while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        }
        fields.push(value);
      } else {
        let k = i;
        while (k < n && text[k] !== ',' && text[k] !== '\n' && text[k] !== '\r') k++;
        const value = text.slice(i, k);
        if (value.includes('"')) {
          if (!broken)
            errors.push({
              line,
              message:
                'a quote inside an unquoted value; put the whole value in quotes and write the quote as ""',
            });
          broken = true;
        }
        fields.push(value.trim());
        i = k;
      }
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    const blank = !quotedAny && fields.length === 1 && fields[0] === '';
    if (!blank) records.push({ line: start, fields, broken });
  }
  return { records, errors };
}

function countNewlines(s: string): number {
  let count = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) count++;
  return count;
}
