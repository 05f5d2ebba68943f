import type { ConversationReferenceStore } from '../use-cases/ports';
import { CorruptDataError } from '../use-cases/ports';
import { encodeKeyPart } from './key-encoding';
import type { TableGateway } from './table-gateway';

/**
 * Conversation references, one row per person, so that reminders can reach people proactively.
 * A reference is saved on install and on every message; an unchanged one is not written again.
 */
export class TableConversationStore implements ConversationReferenceStore {
  private readonly lastSaved = new Map<string, string>();

  constructor(
    private readonly gateway: TableGateway,
    private readonly table: string,
  ) {}

  async init(): Promise<void> {
    await this.gateway.ensureTables([this.table]);
  }

  async save(userId: string, reference: Record<string, unknown>): Promise<void> {
    const json = JSON.stringify(reference);
    if (this.lastSaved.get(userId) === json) return;
    const key = encodeKeyPart(userId);
    await this.gateway.transact(this.table, `user|${key}`, [
      { kind: 'upsert', entity: { partitionKey: `user|${key}`, rowKey: 'reference', userId, reference: json } },
    ]);
    this.lastSaved.set(userId, json);
  }

  async get(userId: string): Promise<Record<string, unknown> | null> {
    const key = encodeKeyPart(userId);
    const row = await this.gateway.get(this.table, `user|${key}`, 'reference');
    if (!row) return null;
    try {
      return JSON.parse(String(row.entity['reference'])) as Record<string, unknown>;
    } catch (cause) {
      throw new CorruptDataError(`Conversation reference of ${userId} holds invalid JSON`, { cause });
    }
  }
}
