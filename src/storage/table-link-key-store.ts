import { randomBytes } from 'node:crypto';
import type { LinkKeyStore } from '../use-cases/calendar-link-port';
import type { TableGateway } from './table-gateway';

const PARTITION = 'keys';
const ROW = 'calendar-link';

/**
 * The calendar-link key in a table row. The first instance to need it creates it with a conditional insert; an
 * instance that loses that race reads the winner's, so all instances sign with the same key.
 */
export class TableLinkKeyStore implements LinkKeyStore {
  private key: Promise<Uint8Array> | undefined;

  constructor(
    private readonly gateway: TableGateway,
    private readonly table: string,
  ) {}

  signingKey(): Promise<Uint8Array> {
    this.key ??= this.load().catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }

  private async load(): Promise<Uint8Array> {
    await this.gateway.ensureTables([this.table]);
    const existing = await this.gateway.get(this.table, PARTITION, ROW);
    if (existing) return decode(existing.entity['key']);
    const fresh = randomBytes(32).toString('base64');
    await this.gateway.transact(this.table, PARTITION, [{ kind: 'create', entity: { partitionKey: PARTITION, rowKey: ROW, key: fresh } }]);
    const row = await this.gateway.get(this.table, PARTITION, ROW);
    return decode(row?.entity['key']);
  }
}

function decode(value: unknown): Uint8Array {
  if (typeof value !== 'string' || value.length < 40) throw new Error('The calendar-link key row holds no usable key');
  return Buffer.from(value, 'base64');
}
