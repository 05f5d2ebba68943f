
// What a started Azurite is to its callers: the dev account, the connection string, the handle and its options.

/** The well-known Azurite / storage emulator account (public, documented by Microsoft). */
export const AZURITE_ACCOUNT_NAME = 'devstoreaccount1';
export const AZURITE_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** File Azurite's table service keeps its LokiJS database in, inside `location`. */
export const AZURITE_TABLE_DB_FILE = '__azurite_db_table__.json';

export const DEFAULT_HOST = '127.0.0.1';

export interface EmbeddedAzurite {
  /** Connection string for @azure/data-tables; pass `{ allowInsecureConnection: true }` (plain http). */
  readonly connectionString: string;
  /** TCP port the table service listens on (never fixed: chosen free at start). */
  readonly port: number;
  /** Host the service listens on, as given in the options. */
  readonly host: string;
  /** Child process id. */
  readonly pid: number;
  /** Data folder (absolute), or undefined for in-memory. */
  readonly location: string | undefined;
  /** Milliseconds from the successful spawn to the ready line. */
  readonly startupMs: number;
  /** Graceful stop; on disk the store saves first (killed only if still saving after 30 s). Idempotent. */
  stop(): Promise<void>;
  /** On disk: the store's last save as it reported it, and the interval it saves at now; null before the first. */
  lastSave?(): SaveReport | null;
}

export interface SaveReport {
  readonly at: string;
  readonly tookMs: number;
  /** The part of the save that stopped the store (serialising the database). */
  readonly blockedMs: number;
  /** Grows with the cost of a save on a large database (at most 5 s, Azurite's own interval). */
  readonly intervalMs: number;
}

export interface EmbeddedAzuriteOptions {
  /** Directory for on-disk data (created if missing); undefined = in memory. */
  location?: string;
  /** Listen host; default 127.0.0.1. */
  host?: string;
  /** Give up (and kill the child) when it is not ready after this long; default 30 s. */
  startTimeoutMs?: number;
  /** Receives every stdout/stderr line of the child, plus a few lines of our own. */
  onLog?: (line: string) => void;
  /** On disk: how often the store saves what changed; default 250 ms (Azurite alone: 5 s). */
  saveIntervalMs?: number;
}

/** Host usable by a client to reach a service listening on `host` (wildcards mapped to loopback). */
function clientHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  if (host.includes(':') && !host.startsWith('[')) return `[${host}]`;
  return host;
}

/** The table endpoint URL (without trailing slash) for Azurite on host:port. */
export function devTableEndpoint(port: number, host: string = DEFAULT_HOST): string {
  return `http://${clientHost(host)}:${port}/${AZURITE_ACCOUNT_NAME}`;
}

/** Connection string for the well-known dev account on an Azurite table service at host:port. */
export function devConnectionString(port: number, host: string = DEFAULT_HOST): string {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new RangeError(`devConnectionString: invalid port ${String(port)}`);
  }
  return (
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT_NAME};` +
    `AccountKey=${AZURITE_ACCOUNT_KEY};TableEndpoint=${devTableEndpoint(port, host)};`
  );
}
