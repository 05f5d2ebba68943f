import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import {
  AZURITE_ACCOUNT_KEY,
  AZURITE_TABLE_DB_FILE,
  devConnectionString,
  startEmbeddedAzurite,
  type EmbeddedAzurite,
} from '../../../src/storage/embedded/embedded-azurite';
import { openStores } from '../../../src/server/storage-factory';
import {
  TEST_CLIENT_OPTIONS,
  testConnectionString,
  testTableServiceClient,
  uniqueTableName,
} from '../../support/azurite';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded Azurite', () => {
  const started: EmbeddedAzurite[] = [];
  const tmpDirs: string[] = [];

  async function start(location?: string): Promise<EmbeddedAzurite> {
    const az = await startEmbeddedAzurite(location === undefined ? {} : { location });
    started.push(az);
    return az;
  }

  function tmpDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatwise-azurite-test-'));
    tmpDirs.push(dir);
    return dir;
  }

  afterAll(async () => {
    await Promise.all(started.map((az) => az.stop()));
    for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds the dev connection string', () => {
    expect(devConnectionString(4321, '127.0.0.1')).toBe(
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_ACCOUNT_KEY};` +
        'TableEndpoint=http://127.0.0.1:4321/devstoreaccount1;',
    );
    expect(devConnectionString(4321, '::1')).toContain('TableEndpoint=http://[::1]:4321/devstoreaccount1;');
    expect(devConnectionString(4321, '0.0.0.0')).toContain('http://127.0.0.1:4321/');
    expect(() => devConnectionString(0, '127.0.0.1')).toThrow(RangeError);
  });

  it('keeps every row written just before stop() across a restart on the same folder (SIGINT save)', async () => {
    const dir = path.join(tmpDir(), 'data'); // does not exist yet: start() creates it
    const table = 'persisted';
    const first = await start(dir);
    expect(first.location).toBe(dir);
    expect(first.connectionString).toContain(`:${first.port}/devstoreaccount1`);

    const client = TableClient.fromConnectionString(first.connectionString, table, TEST_CLIENT_OPTIONS);
    await client.createTable();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.createEntity({ partitionKey: 'p', rowKey: `r${String(i).padStart(2, '0')}`, n: i }),
      ),
    );
    // Stop at once: the LokiJS autosave (every 5 s) has not run; only the SIGINT save keeps the rows.
    await first.stop();
    expect(isAlive(first.pid)).toBe(false);
    expect(fs.existsSync(path.join(dir, AZURITE_TABLE_DB_FILE))).toBe(true);

    const second = await start(dir);
    const again = TableClient.fromConnectionString(second.connectionString, table, TEST_CLIENT_OPTIONS);
    const rows: number[] = [];
    for await (const e of again.listEntities<{ n: number }>()) rows.push(e.n);
    expect(rows.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await second.stop();
  });

  it('gives two instances started at the same time different ports', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    expect(a.port).not.toBe(b.port);
    expect(a.pid).not.toBe(b.pid);
    for (const az of [a, b]) {
      const svc = TableServiceClient.fromConnectionString(az.connectionString, TEST_CLIENT_OPTIONS);
      await svc.createTable('answers');
    }
    await Promise.all([a.stop(), b.stop()]);
  });

  it('stop() is idempotent', async () => {
    const az = await start();
    const p1 = az.stop();
    const p2 = az.stop();
    await expect(Promise.all([p1, p2])).resolves.toBeDefined();
    await expect(az.stop()).resolves.toBeUndefined();
    expect(isAlive(az.pid)).toBe(false);
    const svc = TableServiceClient.fromConnectionString(az.connectionString, {
      ...TEST_CLIENT_OPTIONS,
      retryOptions: { maxRetries: 0 },
    });
    await expect(svc.createTable('gone')).rejects.toThrow();
  });

  it('kills the child and names the failure when startup times out', async () => {
    await expect(startEmbeddedAzurite({ startTimeoutMs: 1 })).rejects.toThrow(
      /did not report "successfully started" within 1 ms .*killed/s,
    );
  });

  it('fails clearly when the data folder cannot be created', async () => {
    const file = path.join(tmpDir(), 'a-file');
    fs.writeFileSync(file, '');
    await expect(startEmbeddedAzurite({ location: path.join(file, 'sub') })).rejects.toThrow(
      /cannot create data folder/,
    );
  });

  it('the run-wide instance from SEATWISE_TEST_AZURITE answers', async () => {
    const cs = testConnectionString();
    expect(cs).toMatch(/TableEndpoint=http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1;/);
    expect(cs).not.toContain(':10002/');
    const name = uniqueTableName('globalcheck');
    await testTableServiceClient().createTable(name);
    const client = TableClient.fromConnectionString(cs, name, TEST_CLIENT_OPTIONS);
    await client.upsertEntity({ partitionKey: 'p', rowKey: 'r', ok: true });
    await expect(client.getEntity<{ ok: boolean }>('p', 'r')).resolves.toMatchObject({ ok: true });
    await client.deleteTable();
  });

  it('/healthz names a configured storage account without giving away its connection string', async () => {
    const stores = await openStores({ storage: { kind: 'connection-string', connectionString: testConnectionString() }, tablePrefix: 'health' });
    const health = stores.health();
    expect(health).toEqual({ kind: 'azure-table', auth: 'connection-string' });
    expect(JSON.stringify(health)).not.toContain(AZURITE_ACCOUNT_KEY);
    await stores.close();
  });

  it('makes valid, unique table names', () => {
    const names = Array.from({ length: 200 }, () => uniqueTableName('bookings'));
    expect(new Set(names).size).toBe(names.length);
    for (const n of [...names, uniqueTableName('x'.repeat(80))]) {
      expect(n).toMatch(/^[A-Za-z][A-Za-z0-9]{2,62}$/);
    }
    expect(() => uniqueTableName('9lives')).toThrow(/must start with a letter/);
    expect(() => uniqueTableName('has-dash')).toThrow();
  });
});
