/**
 * Jest global setup: one in-memory embedded Azurite (Table service) for the whole run,
 * on a free port. Workers are spawned after this runs and inherit process.env, so they
 * find the connection string in SEATWISE_TEST_AZURITE (read it with
 * `testConnectionString()` from tests/support/azurite.ts). The browser's path is resolved here too.
 */
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { AZURITE_ENV_VAR, GLOBAL_HANDLE_KEY } from './azurite';
import { CHROMIUM_ENV_VAR, findChromium } from './chromium';

export default async function globalSetup(): Promise<void> {
  // Failures throw with the child's last stderr lines; a loaded CI box may start slowly.
  const azurite: EmbeddedAzurite = await startEmbeddedAzurite({ startTimeoutMs: 60_000 });
  (globalThis as Record<string, unknown>)[GLOBAL_HANDLE_KEY] = azurite;
  process.env[AZURITE_ENV_VAR] = azurite.connectionString;
  // Found (and, for the npm-installed Chromium, unpacked) once here, so parallel workers never unpack it together.
  // A machine without any browser still runs the other suites; the browser suites then fail with the reason.
  try {
    process.env[CHROMIUM_ENV_VAR] = (await findChromium()).path;
  } catch {
    // chromiumPath() in a browser suite repeats the search and throws its message there.
  }
}
