import pino from 'pino';

/**
 * Structured JSON logs. Tokens, card payloads and message texts never reach them: the paths below are censored
 * wherever a caller passes them by mistake.
 */
export function createLogger(options: { level?: string; pretty?: boolean } = {}): pino.Logger {
  return pino({
    name: 'seatwise',
    level: options.level ?? 'info',
    redact: {
      paths: [
        'authorization',
        '*.authorization',
        'headers.authorization',
        '*.headers.authorization',
        'token',
        '*.token',
        'password',
        '*.password',
        'connectionString',
        '*.connectionString',
        'text',
        '*.text',
        'value',
        '*.value',
        'attachments',
        '*.attachments',
      ],
      censor: '[redacted]',
    },
  });
}

export type Logger = pino.Logger;
