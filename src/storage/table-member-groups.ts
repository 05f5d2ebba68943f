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

/**
 * How long an instance trusts its memory of the groups it last saved. Another instance may erase the row meanwhile
 * (an erasure, or the person's own "delete my data"); after this long the next request writes it again.
 */
export const MEMBER_GROUPS_TRUST_MS = 5 * 60_000;

/** One row per person (`member|<id>`), upserted when their groups change; read by point queries, a few at a time. */
export class TableMemberGroups implements MemberGroups {
  /** What this instance last wrote for each person, and when: a write of the same groups is skipped for a while. */
  private readonly lastSaved = new Map<string, { json: string; at: number }>();

  constructor(
    private readonly gateway: TableGateway,
    private readonly table: string,
    private readonly clock: { now(): Date } = { now: () => new Date() },
    private readonly trustMs = MEMBER_GROUPS_TRUST_MS,
  ) {}

  async init(): Promise<void> {
    await this.gateway.ensureTables([this.table]);
  }

  async remember(userId: string, groups: readonly string[]): Promise<void> {
    const json = JSON.stringify([...new Set(groups)].sort());
    const now = this.clock.now();
    const last = this.lastSaved.get(userId);
    if (last && last.json === json && now.getTime() - last.at < this.trustMs) return;
    const pk = `member|${encodeKeyPart(userId)}`;
    await this.gateway.transact(this.table, pk, [
      { kind: 'upsert', entity: { partitionKey: pk, rowKey: 'groups', userId, groups: json, seenAt: now.toISOString() } },
    ]);
    this.lastSaved.set(userId, { json, at: now.getTime() });
    if (this.lastSaved.size > 10_000) this.dropStale(now.getTime());
  }

  /** Memories past their trust are of no use: dropped, so that the map stays the size of the people recently seen. */
  private dropStale(now: number): void {
    for (const [userId, last] of this.lastSaved) if (now - last.at >= this.trustMs) this.lastSaved.delete(userId);
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
