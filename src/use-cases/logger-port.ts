/**
 * The one logger every layer writes to: pino's calling shape (an object of fields, then a message), narrowed to the
 * levels Seatwise uses. src/server/logger.ts makes the real one; tests pass one that records.
 */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
