import type { TableEntity } from './table-gateway';

/** Azure Table Storage limits: a string property holds at most 32 K UTF-16 characters (64 KiB), an entity 1 MiB. */
export const MAX_STRING_PROPERTY_CHARS = 32 * 1024;
const MAX_KEY_CHARS = 1024;
const FORBIDDEN_KEY_CHARS = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

/** Throws on what the real service would reject with a 400, so that such a bug shows up in memory too. */
export function assertValidEntity(entity: TableEntity): void {
  for (const key of [entity.partitionKey, entity.rowKey]) {
    if (key.length > MAX_KEY_CHARS || FORBIDDEN_KEY_CHARS.test(key)) {
      throw new Error(`Invalid table key "${key.slice(0, 80)}": too long or holds / \\ # ? or a control character`);
    }
  }
  let size = 0;
  for (const [name, value] of Object.entries(entity)) {
    if (typeof value === 'string') {
      if (value.length > MAX_STRING_PROPERTY_CHARS) {
        throw new Error(`Property "${name}" of ${entity.rowKey} holds ${value.length} characters; the limit is ${MAX_STRING_PROPERTY_CHARS}`);
      }
      size += value.length * 2;
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      size += 8;
    } else {
      throw new Error(`Property "${name}" of ${entity.rowKey} has an unsupported type ${typeof value}`);
    }
  }
  if (size > 1024 * 1024) throw new Error(`Entity ${entity.rowKey} is ${size} bytes; the limit is 1 MiB`);
}
