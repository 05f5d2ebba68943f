import { Writable } from 'node:stream';
import pino from 'pino';
import { createLogger } from '../../src/server/logger';

function capture(): { lines: () => Record<string, unknown>[]; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logs are JSON lines without tokens or card payloads', () => {
  it('censors tokens, secrets, message texts and card values wherever they appear', () => {
    const out = capture();
    const log = createLogger({ destination: out.stream });
    log.info(
      {
        headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.secret.sig' },
        token: 'abc',
        activity: { text: 'book a desk Thursday', value: { verb: 'book.confirm', deskId: 'd1' }, attachments: [{ content: {} }] },
        connectionString: 'AccountKey=xyz',
        bookingId: '2026-12-03.keepthisone',
      },
      'turn',
    );
    const [line] = out.lines();
    const text = JSON.stringify(line);
    expect(line).toMatchObject({ msg: 'turn', bookingId: '2026-12-03.keepthisone', name: 'seatwise' });
    for (const secret of ['eyJhbGciOiJSUzI1NiJ9', 'abc"', 'book a desk', 'book.confirm', 'AccountKey']) expect(text).not.toContain(secret);
  });

  it('writes one JSON object per line', () => {
    const out = capture();
    const log = createLogger({ destination: out.stream });
    log.warn('storage slow');
    log.error({ err: { name: 'StorageUnavailableError', message: 'down' } }, 'turn failed');
    expect(out.lines().map((l) => l['level'])).toEqual([pino.levels.values['warn'], pino.levels.values['error']]);
  });
});
