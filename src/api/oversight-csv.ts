import type restify from 'restify';

/**
 * CSV for spreadsheets: RFC 4180 quoting, CRLF lines, and no cell that a spreadsheet would run as a formula. A cell
 * starting with = + - @ or a tab or carriage return gets a leading apostrophe (OWASP's advice for CSV injection),
 * except a plain number, which stays a number.
 */
export function csvCell(value: unknown): string {
  let s = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Whether the caller asked for CSV (Accept: text/csv) rather than JSON. */
export function wantsCsv(req: restify.Request): boolean {
  return /\btext\/csv\b/i.test(String(req.headers['accept'] ?? ''));
}

/** Sends CSV; with a file name, as a download the browser saves rather than shows. */
export function sendCsv(res: restify.Response, csv: string, fileName?: string): void {
  res.status(200);
  res.header('Content-Type', 'text/csv; charset=utf-8');
  if (fileName) res.header('Content-Disposition', `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
  res.end(csv);
}
