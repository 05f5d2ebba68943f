/**
 * The reminder fan-out bench on its own:
 * `npx tsx bench/lib/reminder-bench-cli.ts [--n=5000] [--rate=250] [--chaos=0.3] [--prefill=5000]`.
 * Starts an in-memory embedded Azurite, runs `reminderFanOut`, prints the figures, exits 1 when a goal is missed.
 *
 * `--prefill=N` first writes N rows into a table of their own, as `npm run bench` has done (raw inserts and storms)
 * before its fan-out runs on the same Azurite: single-row creates, at most 32 in flight, over 8 partitions.
 */
import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { startEmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { mapLimit } from '../../src/storage/map-limit';
import { reminderBenchLine, reminderBenchOk, reminderFanOut } from './reminder-bench';

function option(name: string): number | undefined {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (!flag) return undefined;
  const n = Number(flag.slice(name.length + 3));
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number`);
  return n;
}

async function prefill(connectionString: string, rows: number): Promise<void> {
  const gateway = new AzureTableGateway({ kind: 'connection-string', connectionString });
  const table = `prefill${Math.random().toString(36).slice(2, 8)}`;
  await gateway.ensureTables([table]);
  const payload = 'x'.repeat(200);
  await mapLimit(
    Array.from({ length: rows }, (_, i) => i),
    32,
    async (i) => {
      const partitionKey = `p${i % 8}`;
      const entity = { partitionKey, rowKey: `r${String(i).padStart(7, '0')}`, payload, n: i };
      if ((await gateway.transact(table, partitionKey, [{ kind: 'create', entity }])) !== 'ok')
        throw new Error(`prefill: row ${i} conflicted`);
    },
  );
}

async function main(): Promise<number> {
  const azurite = await startEmbeddedAzurite();
  try {
    const chaos = option('chaos');
    const rate = option('rate');
    const rows = option('prefill') ?? 0;
    if (rows > 0) await prefill(azurite.connectionString, rows);
    const result = await reminderFanOut(azurite, option('n') ?? 5000, {
      ...(rate !== undefined && { allowedRate: rate }),
      ...(chaos !== undefined && { chaos429: chaos }),
    });
    console.log(`${reminderBenchLine(result)}${rows > 0 ? `   (after ${rows} rows pre-filled)` : ''}`);
    console.log(JSON.stringify(result, null, 2));
    return reminderBenchOk(result) ? 0 : 1;
  } finally {
    await azurite.stop();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error('reminder bench failed:', error);
    process.exitCode = 1;
  },
);
