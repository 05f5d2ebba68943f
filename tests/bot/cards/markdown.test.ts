import { escapeMarkdown, plainText } from '../../../src/bot/cards/markdown';

describe('escapeMarkdown keeps people’s text literal in TextBlocks', () => {
  it.each([
    ['*3.12*', '\\*3.12\\*'],
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['_x_', '\\_x\\_'],
    ['[x](http://evil)', '\\[x\\](http://evil)'],
    // Issue 12: parentheses were escaped too, and Teams showed the backslashes.
    ['Zone D (kitchen side)', 'Zone D (kitchen side)'],
    ['<http://evil>', '\\<http://evil\\>'],
    ['`code`', '\\`code\\`'],
    ['~~gone~~', '\\~\\~gone\\~\\~'],
    ['back\\slash', 'back\\\\slash'],
    ['{{DATE(2017-02-14T06:08:39Z, SHORT)}}', '\\{\\{DATE(2017-02-14T06:08:39Z, SHORT)\\}\\}'],
    ['- not a list', '\\- not a list'],
    ['+ not a list', '\\+ not a list'],
    ['# not a heading', '\\# not a heading'],
    ['1. not a list', '1\\. not a list'],
    ['3.12', '3.12'],
    ['-3.12', '-3.12'],
    ['Zone B', 'Zone B'],
    ['Müller-Lüdenscheidt', 'Müller-Lüdenscheidt'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('strips control characters and bidi overrides, and turns line breaks into spaces', () => {
    expect(escapeMarkdown('a\u0000b\u0007c')).toBe('abc');
    expect(escapeMarkdown('line 1\n- line 2\r\n# line 3')).toBe('line 1 - line 2 # line 3');
    expect(escapeMarkdown('\u202eevil\u202c \u2066x\u2069')).toBe('evil x');
    expect(escapeMarkdown('\u0085\u2028x\u2029')).toBe('x');
  });

  it('cuts long text at a code point, with an ellipsis', () => {
    expect(plainText('x'.repeat(10_000), 50)).toHaveLength(50);
    expect(plainText('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
    expect(escapeMarkdown('*'.repeat(300), 10)).toBe('\\*'.repeat(9) + '…');
  });
});
