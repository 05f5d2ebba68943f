/**
 * Helpers for tests that need Azure Table Storage. The jest global setup starts one
 * in-memory Azurite per run; each suite should use its own tables (uniqueTableName).
 */
import { TableClient, TableServiceClient } from '@azure/data-tables';

/** Environment variable through which global-setup hands the connection string to workers. */
export const AZURITE_ENV_VAR = 'SEATWISE_TEST_AZURITE';
/** globalThis key under which global-setup keeps the handle for global-teardown. */
export const GLOBAL_HANDLE_KEY = '__seatwiseTestAzurite__';

/** Azurite speaks plain http: the SDK refuses shared-key auth over http without this. */
export const TEST_CLIENT_OPTIONS = { allowInsecureConnection: true } as const;

/** Connection string of the run-wide Azurite started by tests/support/global-setup.ts. */
export function testConnectionString(): string {
  const cs = process.env[AZURITE_ENV_VAR];
  if (!cs) {
    throw new Error(
      `${AZURITE_ENV_VAR} is not set: the test Azurite was not started. Run the tests with jest ` +
        `from the project root so that jest.config.js's globalSetup (tests/support/global-setup.ts) runs.`,
    );
  }
  return cs;
}

let counter = 0;
const TABLE_NAME_MAX = 63;

/**
 * A table name unique per call (and per worker process): `<prefix><pid><counter><random>`,
 * all base36. Azure table names are alphanumeric, start with a letter, 3–63 chars.
 */
export function uniqueTableName(prefix: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(prefix)) {
    throw new Error(
      `uniqueTableName: prefix "${prefix}" must start with a letter and contain only letters and digits`,
    );
  }
  counter += 1;
  const suffix =
    process.pid.toString(36) +
    counter.toString(36) +
    Math.floor(Math.random() * 36 ** 6)
      .toString(36)
      .padStart(6, '0');
  return prefix.slice(0, TABLE_NAME_MAX - suffix.length) + suffix;
}

/** A TableClient on the test Azurite for `tableName`. */
export function testTableClient(tableName: string): TableClient {
  return TableClient.fromConnectionString(testConnectionString(), tableName, TEST_CLIENT_OPTIONS);
}

/** A TableServiceClient on the test Azurite. */
export function testTableServiceClient(): TableServiceClient {
  return TableServiceClient.fromConnectionString(testConnectionString(), TEST_CLIENT_OPTIONS);
}

/** Creates a fresh, uniquely named table and returns a client for it. */
export async function createTestTable(prefix: string): Promise<TableClient> {
  const client = testTableClient(uniqueTableName(prefix));
  await client.createTable();
  return client;
}
