import { CorruptDataError } from '../use-cases/ports';
import type { TableEntity } from './table-gateway';

/**
 * Typed reads of a row's properties. A property of the wrong type means the row was not written by this code (or was
 * changed by hand): that is a CorruptDataError naming the row, never a value guessed. `rowKind` starts the message.
 */
export function entityFields(rowKind: string) {
  const corrupt = (e: TableEntity, what: string): CorruptDataError =>
    new CorruptDataError(`${rowKind} ${e.partitionKey} ${e.rowKey} is malformed: ${what}`);
  return {
    corrupt,
    str(e: TableEntity, name: string): string {
      const v = e[name];
      if (typeof v !== 'string') throw corrupt(e, `property ${name} is ${v === undefined ? 'missing' : typeof v}`);
      return v;
    },
    optStr(e: TableEntity, name: string): string | undefined {
      const v = e[name];
      if (v === undefined) return undefined;
      if (typeof v !== 'string') throw corrupt(e, `property ${name} is ${typeof v}`);
      return v;
    },
    num(e: TableEntity, name: string): number {
      const v = e[name];
      if (typeof v !== 'number') throw corrupt(e, `property ${name} is ${v === undefined ? 'missing' : typeof v}`);
      return v;
    },
  };
}
