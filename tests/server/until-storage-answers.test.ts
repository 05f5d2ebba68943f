import { untilStorageAnswers } from '../../src/server/storage-factory';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableAuditLog } from '../../src/storage/table-audit-log';
import { StorageUnavailableError } from '../../src/use-cases/ports';

describe('start-up steps are tried again when storage does not answer in time', () => {
  it('repeats a step that timed out, says so, and gives up after the last attempt', async () => {
    const lines: string[] = [];
    let calls = 0;
    const flaky = async (): Promise<string> => {
      calls += 1;
      if (calls < 3) throw new StorageUnavailableError('Table storage did not answer create table x within 10000 ms');
      return 'ready';
    };
    await expect(untilStorageAnswers(flaky, (l) => lines.push(l))).resolves.toBe('ready');
    expect(calls).toBe(3);
    expect(lines).toHaveLength(2);
    calls = -10;
    await expect(untilStorageAnswers(flaky, () => undefined, 3)).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(calls).toBe(-7);
  });

  it('does not repeat a step that failed for another reason', async () => {
    let calls = 0;
    const broken = async (): Promise<void> => {
      calls += 1;
      throw new Error('403: the identity may not create tables');
    };
    await expect(untilStorageAnswers(broken)).rejects.toThrow('403');
    expect(calls).toBe(1);
  });

  it('lets the audit log create its table on a later call after a failed first one', async () => {
    const gateway = new InMemoryTableGateway();
    const audit = new TableAuditLog(gateway, 'audit');
    gateway.injectFaults(1);
    await expect(audit.init()).rejects.toThrow();
    await expect(audit.append({ at: '2026-12-03T08:00:00.000Z', actor: 'a', action: 'catalog.publish' })).resolves.toMatchObject({ actor: 'a' });
  });
});
