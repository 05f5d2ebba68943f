/**
 * The morning rush on its own: `npx tsx bench/lib/morning-rush-cli.ts`. Starts an in-memory embedded Azurite, a
 * server process over it, runs `morningRush`, prints the line, and exits 1 when a goal is missed.
 * With `--profile`, the server runs under `node --cpu-prof` and leaves its profile in ./.cpu-profiles/; with
 * `--compiled`, it runs dist/server/main.js (after `npm run build`), so the profile has the real function names.
 */
import { startEmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { morningRush, morningRushLine, morningRushMisses } from './morning-rush';

async function main(): Promise<number> {
  const azurite = await startEmbeddedAzurite();
  try {
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
