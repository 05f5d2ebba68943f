import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableAuditLog } from '../../src/storage/table-audit-log';
import type { TableGateway } from '../../src/storage/table-gateway';
import type { AuditRecord } from '../../src/use-cases/audit-port';
import { testConnectionString, uniqueTableName } from '../support/azurite';

const record = (at: string, extra: Partial<AuditRecord> = {}): AuditRecord => ({ at, actor: 'admin-1', action: 'catalog.publish', ...extra });

function auditLogContract(name: string, makeGateway: () => TableGateway): void {
  describe(`the audit log keeps every entry, newest first: ${name}`, () => {
    let gateway: TableGateway;
    let log: TableAuditLog;
    beforeEach(async () => {
      gateway = makeGateway();
      log = new TableAuditLog(gateway, uniqueTableName('audit'));
      await log.init();
    });

    it('lists the entries of a period newest first, across month partitions, with every fact it was given', async () => {
      await log.append(record('2026-11-30T23:59:59.999Z', { siteId: 'hq', count: 3, params: { diff: 'zone z1: capacity 12 → 8', fromDate: '2026-12-14' } }));
      await log.append(record('2026-12-01T00:00:00.000Z', { action: 'tracing.run', subject: 'u-17', actorName: 'Ann Tracer', count: 0, params: { reason: 'positive test, ticket 4411' } }));
      await log.append(record('2026-12-02T09:00:00.000Z', { action: 'person.erase', subject: 'u-9' }));
      await log.append(record('2026-10-15T09:00:00.000Z'));

      const entries = await log.list({ from: '2026-11-01T00:00:00Z', to: '2026-12-02T09:00:00.000Z' });
      expect(entries.map((e) => e.at)).toEqual(['2026-12-01T00:00:00.000Z', '2026-11-30T23:59:59.999Z']);
      expect(entries[0]).toMatchObject({ actor: 'admin-1', actorName: 'Ann Tracer', action: 'tracing.run', subject: 'u-17', count: 0, params: { reason: 'positive test, ticket 4411' } });
      expect(entries[1]).toMatchObject({ siteId: 'hq', count: 3, params: { diff: 'zone z1: capacity 12 → 8', fromDate: '2026-12-14' } });
      expect((await log.list({ from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' })).map((e) => e.at)).toEqual([
        '2026-12-02T09:00:00.000Z',
        '2026-12-01T00:00:00.000Z',
        '2026-11-30T23:59:59.999Z',
        '2026-10-15T09:00:00.000Z',
      ]);
    });

    it('keeps two entries of the same millisecond apart, and stops at the limit with the newest', async () => {
      const at = '2026-12-03T08:00:00.000Z';
      const a = await log.append(record(at, { subject: 'a' }));
      const b = await log.append(record(at, { subject: 'b' }));
      await log.append(record('2026-12-03T08:00:00.001Z', { subject: 'c' }));
      expect(a.id).not.toBe(b.id);
      const all = await log.list({ from: at, to: '2026-12-04T00:00:00Z' });
      expect(all.map((e) => e.subject).sort()).toEqual(['a', 'b', 'c']);
      expect((await log.list({ from: at, to: '2026-12-04T00:00:00Z', limit: 1 })).map((e) => e.subject)).toEqual(['c']);
    });

    it('never overwrites an entry: a clashing id is retried with another', async () => {
      let n = 0;
      const clashing = new TableAuditLog(gateway, (log as unknown as { table: string }).table, () => (n++ < 2 ? 'same' : `other${n}`));
      await clashing.append(record('2026-12-03T08:00:00.000Z', { subject: 'first' }));
      await clashing.append(record('2026-12-03T08:00:00.000Z', { subject: 'second' }));
      const subjects = (await log.list({ from: '2026-12-03T00:00:00Z', to: '2026-12-04T00:00:00Z' })).map((e) => e.subject);
      expect(subjects.sort()).toEqual(['first', 'second']);
    });

    it('refuses an entry without a valid instant, and an empty or inverted period lists nothing', async () => {
      await expect(log.append(record('last tuesday'))).rejects.toThrow(/valid instant/);
      await log.append(record('2026-12-03T08:00:00.000Z'));
      expect(await log.list({ from: '2026-12-04T00:00:00Z', to: '2026-12-03T00:00:00Z' })).toEqual([]);
      expect(await log.list({ from: '2026-12-03T08:00:00.001Z', to: '2026-12-04T00:00:00Z' })).toEqual([]);
    });
  });
}

auditLogContract('in memory', () => new InMemoryTableGateway());
auditLogContract('Azure Tables on Azurite', () => new AzureTableGateway({ kind: 'connection-string', connectionString: testConnectionString() }));
