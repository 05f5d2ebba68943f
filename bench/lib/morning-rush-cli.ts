/**
 * The morning rush on its own: `npx tsx bench/lib/morning-rush-cli.ts`. Starts an in-memory embedded Azurite, a
 * server process over it, runs `morningRush`, prints the line, and exits 1 when a goal is missed.
 * With `--profile`, the server runs under `node --cpu-prof` and leaves its profile in ./.cpu-profiles/; with
 * `--compiled`, it runs dist/server/main.js (after `npm run build`), so the profile has the real function names.
 * `--entry=a/main.js,b/main.js` runs the rush against each server in turn (a .ts entry runs under tsx), alternating `--rounds=N` times
 * (default 1) over one Azurite, and prints each line with the load average it ran under: a before/after comparison
 * on a shared machine.
 */
import { loadavg } from 'node:os';
import { startEmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { morningRush, morningRushLine, morningRushMisses } from './morning-rush';

function option(name: string): string | undefined {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found?.slice(name.length + 3);
}

async function main(): Promise<number> {
  const azurite = await startEmbeddedAzurite();
  const entries = option('entry')?.split(',').filter((e) => e.length > 0) ?? [];
  try {
    if (entries.length > 0) {
      const rounds = Number(option('rounds') ?? '1');
      for (let round = 1; round <= rounds; round++) {
        for (const entry of entries) {
          const before = loadavg()[0]!.toFixed(1);
          const result = await morningRush(azurite, { compiled: entry, profile: process.argv.includes('--profile') });
          console.log(`${entry} round ${round} (load ${before} → ${loadavg()[0]!.toFixed(1)}): ${morningRushLine(result)}`);
        }
      }
      return 0;
    }
    const result = await morningRush(azurite, { profile: process.argv.includes('--profile'), compiled: process.argv.includes('--compiled') });
    console.log(morningRushLine(result));
    const missed = morningRushMisses(result);
    console.log(missed.length === 0 ? 'morning rush: goals met' : `morning rush: goals missed: ${missed.join('; ')}`);
    return missed.length === 0 ? 0 : 1;
  } finally {
    await azurite.stop();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
