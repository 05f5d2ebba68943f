import { csvCell, toCsv } from '../../src/api/oversight-csv';

describe('CSV cells a spreadsheet will not run', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
  ])('neutralises %j', (raw, cell) => {
    expect(csvCell(raw)).toBe(cell);
  });

  it('keeps numbers, negative ones included, as numbers', () => {
    expect([csvCell(12), csvCell(-3), csvCell('-1.5'), csvCell(0)]).toEqual(['12', '-3', '-1.5', '0']);
  });

  it('writes a header and CRLF lines', () => {
    expect(toCsv(['a', 'b'], [{ a: 1, b: 'x' }])).toBe('a,b\r\n1,x\r\n');
  });
});
