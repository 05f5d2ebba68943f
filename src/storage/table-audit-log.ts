import { randomBytes } from 'node:crypto';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditLog, type AuditParamValue, type AuditQuery, type AuditRecord } from '../use-cases/audit-port';
import { CorruptDataError } from '../use-cases/ports';
import { MAX_STRING_PROPERTY_CHARS } from './entity-limits';
import { OneTableStore } from './one-table-store';
import type { TableEntity, TableGateway } from './table-gateway';

const MAX_TIME = 9_999_999_999_999;
const DEFAULT_LIMIT = 1_000;
const MAX_CREATE_ATTEMPTS = 5;

/**
 * The audit log in Table Storage. One partition per UTC month (`audit|2026-12`), so a period is a handful of
 * partition queries; the RowKey is the inverted instant then a random suffix, so a partition reads newest first and
 * two entries of one millisecond never collide.
 *
 * Append-only by construction: entries are written with a create (a 409 on an existing key, never an overwrite), and
 * this class has no update or delete. A clash of the random suffix is retried with a new one.
 */
export class TableAuditLog extends OneTableStore implements AuditLog {
  constructor(
    gateway: TableGateway,
    table: string,
    private readonly suffix: () => string = () => randomBytes(6).toString('hex'),
  ) {
    super(gateway, table);
  }

  async append(record: AuditRecord): Promise<AuditEntry> {
    const at = Date.parse(record.at);
    if (!Number.isFinite(at) || at < 0 || at > MAX_TIME) throw new Error(`An audit entry needs a valid instant, not "${record.at}"`);
    const params = JSON.stringify(record.params ?? {});
    if (params.length > MAX_STRING_PROPERTY_CHARS) throw new Error(`The facts of an audit entry hold ${params.length} characters; the limit is ${MAX_STRING_PROPERTY_CHARS}`);
    const partitionKey = partitionOf(at);
    await this.init();
    for (let attempt = 1; ; attempt++) {
      const id = `${String(MAX_TIME - at).padStart(13, '0')}-${this.suffix()}`;
      const entity: TableEntity = {
        partitionKey,
        rowKey: id,
        at: new Date(at).toISOString(),
        actor: record.actor,
        action: record.action,
        params,
        ...(record.actorName !== undefined && { actorName: record.actorName }),
        ...(record.siteId !== undefined && { siteId: record.siteId }),
        ...(record.subject !== undefined && { subject: record.subject }),
        ...(record.count !== undefined && { count: record.count }),
      };
      if ((await this.gateway.transact(this.table, partitionKey, [{ kind: 'create', entity }])) === 'ok') return entryOf(entity);
      if (attempt >= MAX_CREATE_ATTEMPTS) throw new Error(`Could not record an audit entry: ${MAX_CREATE_ATTEMPTS} ids in a row were taken`);
    }
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    const from = Date.parse(query.from);
    const to = Date.parse(query.to);
    if (!Number.isFinite(from) || !Number.isFinite(to)) throw new Error(`An audit query needs valid instants, not "${query.from}" and "${query.to}"`);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const out: AuditEntry[] = [];
    if (to <= from || limit <= 0) return out;
    await this.init();
    // Newest month first; within a month, rows are in inverted-time order already.
    for (const month of monthsDescending(from, to - 1)) {
      const rows = await this.gateway.queryPartition(this.table, month, {
        from: String(MAX_TIME - (to - 1)).padStart(13, '0'),
        to: `${String(MAX_TIME - from).padStart(13, '0')}.`,
      });
      for (const row of rows) {
        out.push(entryOf(row.entity));
        if (out.length >= limit) return out;
      }
    }
    return out;
  }
}

function partitionOf(atMs: number): string {
  return `audit|${new Date(atMs).toISOString().slice(0, 7)}`;
}

function monthsDescending(fromMs: number, lastMs: number): string[] {
  const out: string[] = [];
  const first = new Date(fromMs);
  let y = new Date(lastMs).getUTCFullYear();
  let m = new Date(lastMs).getUTCMonth();
  while (y > first.getUTCFullYear() || (y === first.getUTCFullYear() && m >= first.getUTCMonth())) {
    out.push(`audit|${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`);
    m -= 1;
    if (m < 0) {
      m = 11;
      y -= 1;
    }
  }
  return out;
}

function entryOf(e: TableEntity): AuditEntry {
  const action = String(e['action']);
  if (!(AUDIT_ACTIONS as readonly string[]).includes(action)) throw new CorruptDataError(`Audit entry ${e.rowKey} names an unknown action "${action}"`);
  let params: Record<string, AuditParamValue>;
  try {
    params = JSON.parse(String(e['params'] ?? '{}')) as Record<string, AuditParamValue>;
  } catch (cause) {
    throw new CorruptDataError(`Audit entry ${e.rowKey} holds facts that are not JSON`, { cause });
  }
  return {
    id: e.rowKey,
    at: String(e['at']),
    actor: String(e['actor']),
    action: action as AuditAction,
    params,
    ...(e['actorName'] !== undefined && { actorName: String(e['actorName']) }),
    ...(e['siteId'] !== undefined && { siteId: String(e['siteId']) }),
    ...(e['subject'] !== undefined && { subject: String(e['subject']) }),
    ...(e['count'] !== undefined && { count: Number(e['count']) }),
  };
}
