/** The occupancy report bench on its own: `npx tsx bench/lib/occupancy-bench-cli.ts`. Exits 1 when the goal is missed. */
import { startEmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { occupancyBenchLine, occupancyBenchOk, occupancyFigures } from './occupancy-bench';

async function main(): Promise<number> {
  const azurite = await startEmbeddedAzurite();
  try {
    const figures = await occupancyFigures(azurite);
    console.log(occupancyBenchLine(figures));
    return occupancyBenchOk(figures) ? 0 : 1;
  } finally {
    await azurite.stop();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error('occupancy bench failed:', error);
    process.exitCode = 1;
  },
);
