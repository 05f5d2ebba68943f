import pino from 'pino';

/**
 * Structured JSON logs. Tokens, card payloads and message texts never reach them: the paths below are censored
 * wherever a caller passes them by mistake.
 */
export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): pino.Logger {
  const settings: pino.LoggerOptions = {
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
        '*.*.text',
        '*.*.value',
        '*.*.attachments',
      ],
      censor: '[redacted]',
    },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

