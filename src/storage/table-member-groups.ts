import type { MemberGroups, MemberRecord } from '../use-cases/member-groups-port';
import { CorruptDataError } from '../use-cases/ports';
import { encodeKeyPart } from './key-encoding';
import { mapLimit } from './map-limit';
import type { TableGateway } from './table-gateway';

function groupsIn(entity: Record<string, unknown>, userId: string): readonly string[] {
  try {
    const groups = JSON.parse(String(entity['groups'])) as unknown;
    if (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string')) throw new Error('not a list of texts');
    return groups;
  } catch (cause) {
    throw new CorruptDataError(`The groups of ${userId} are unreadable`, { cause });
  }
}

/** One row per person (`member|<id>`), upserted when their groups change; read by point queries, a few at a time. */
export class TableMemberGroups implements MemberGroups {
  private readonly lastSaved = new Map<string, string>();

  constructor(
    private readonly gateway: TableGateway,
    private readonly table: string,
    private readonly clock: { now(): Date } = { now: () => new Date() },
  ) {}

  async init(): Promise<void> {
    await this.gateway.ensureTables([this.table]);
  }

  async remember(userId: string, groups: readonly string[]): Promise<void> {
    const json = JSON.stringify([...new Set(groups)].sort());
    if (this.lastSaved.get(userId) === json) return;
    const pk = `member|${encodeKeyPart(userId)}`;
    await this.gateway.transact(this.table, pk, [
      { kind: 'upsert', entity: { partitionKey: pk, rowKey: 'groups', userId, groups: json, seenAt: this.clock.now().toISOString() } },
    ]);
    this.lastSaved.set(userId, json);
  }

  async groupsOf(userIds: readonly string[]): Promise<Map<string, readonly string[]>> {
    const unique = [...new Set(userIds)];
    const rows = await mapLimit(unique, 16, (userId) => this.gateway.get(this.table, `member|${encodeKeyPart(userId)}`, 'groups'));
    const out = new Map<string, readonly string[]>();
    rows.forEach((row, i) => {
      if (row) out.set(unique[i]!, groupsIn(row.entity, unique[i]!));
    });
    return out;
  }

  async describe(userId: string): Promise<MemberRecord | null> {
    const row = await this.gateway.get(this.table, `member|${encodeKeyPart(userId)}`, 'groups');
    if (!row) return null;
    const seenAt = row.entity['seenAt'];
    return { groups: groupsIn(row.entity, userId), ...(typeof seenAt === 'string' && { seenAt }) };
  }

  async forget(userId: string): Promise<boolean> {
    const pk = `member|${encodeKeyPart(userId)}`;
    this.lastSaved.delete(userId);
    if (!(await this.gateway.get(this.table, pk, 'groups'))) return false;
    await this.gateway.transact(this.table, pk, [{ kind: 'delete', partitionKey: pk, rowKey: 'groups', etag: '*' }]);
    return true;
  }
}
