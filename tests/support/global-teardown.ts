/** Jest global teardown: stops the Azurite started by global-setup.ts. */
import type { EmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { AZURITE_ENV_VAR, GLOBAL_HANDLE_KEY } from './azurite';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  const azurite = g[GLOBAL_HANDLE_KEY] as EmbeddedAzurite | undefined;
  delete g[GLOBAL_HANDLE_KEY];
  delete process.env[AZURITE_ENV_VAR];
  if (azurite) await azurite.stop();
}
