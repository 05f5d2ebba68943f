/**
 * The reminder fan-out bench on its own: `npx tsx bench/lib/reminder-bench-cli.ts [--n=5000] [--rate=250] [--chaos=0.3]`.
 * Starts an in-memory embedded Azurite, runs `reminderFanOut`, prints the figures, exits 1 when a goal is missed.
 */
import { startEmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { reminderBenchLine, reminderBenchOk, reminderFanOut } from './reminder-bench';

function option(name: string): number | undefined {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (!flag) return undefined;
  const n = Number(flag.slice(name.length + 3));
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number`);
  return n;
}

async function main(): Promise<number> {
  const azurite = await startEmbeddedAzurite();
  try {
    const chaos = option('chaos');
    const rate = option('rate');
    const result = await reminderFanOut(azurite, option('n') ?? 5000, {
      ...(rate !== undefined && { allowedRate: rate }),
      ...(chaos !== undefined && { chaos429: chaos }),
    });
    console.log(reminderBenchLine(result));
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
