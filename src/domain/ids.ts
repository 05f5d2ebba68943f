/**
 * The grammar of the ids Seatwise hands out and accepts (sites, floors, zones, desks, request ids): they end up in
 * URLs, card payloads and table keys, so one set of characters is safe everywhere, and every reader checks the same.
 */

/** The characters an id may hold. */
export const ID_CHAR = /^[A-Za-z0-9._:-]$/;
/** The longest id of a site, floor, zone or desk. */
export const MAX_ID_LENGTH = 128;
/** The longest client request id (idempotency key). */
export const MAX_REQUEST_ID_LENGTH = 100;

/** A site, floor, zone or desk id: 1 to 128 of the id characters. */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
/** A request id: 1 to 100 of the id characters. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;
/** Only the id characters, of any length: the length is checked (and reported) apart. */
export const ID_CHARS_ONLY = /^[A-Za-z0-9._:-]+$/;

export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export function isRequestId(value: string): boolean {
  return REQUEST_ID_PATTERN.test(value);
}
