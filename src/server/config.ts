import { z } from 'zod';

/** Where the tables live. `embedded` starts Azurite under ./.data when nothing else is configured. */
export type StorageConfig =
  | { readonly kind: 'connection-string'; readonly connectionString: string }
  | { readonly kind: 'endpoint'; readonly endpoint: string; readonly managedIdentityClientId?: string }
  | { readonly kind: 'embedded'; readonly dataDir: string };

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly authMode: 'dev' | 'entra';
  readonly storage: StorageConfig;
  readonly tablePrefix: string;
  readonly seedDemo: boolean;
  readonly botId: string;
  readonly botPassword: string;
  readonly botType: string;
  readonly botTenantId: string;
  readonly aadClientId: string;
  /**
   * AAD_CLIENT_SECRET, the tab app registration's secret: when set (with AUTH_MODE=entra), the groups of a person
   * whose token has too many to carry them are asked of Microsoft Graph with it (application permission
   * GroupMember.Read.All). Unset: such a person is in no group.
   */
  readonly aadClientSecret?: string;
  readonly allowedTenantIds: readonly string[];
  /** The Teams app id of the manifest, for deep links to the tab; empty leaves "Open map" out of cards. */
  readonly teamsAppId: string;
  /** Whether "who is in" shows colleagues' names (counts are always shown). */
  readonly showNamesInWhoIsIn: boolean;
  /** Bookings, claims and person-week rows of days more than this many days ago are purged (SEATWISE_RETENTION_DAYS). */
  readonly retentionDays: number;
  /** The key of erased people's pseudonyms (SEATWISE_PSEUDONYM_KEY); empty means a fixed stand-in. */
  readonly pseudonymKey: string;
  /** The app's public address (https://host), for links that leave Teams, e.g. a card's calendar file; '' when unknown. */
  readonly publicUrl?: string;
  /** Check-in reminders and the no-show release. */
  readonly reminders: { readonly enabled: boolean; readonly tenantRps: number; readonly intervalSeconds: number };
  /** The waitlist: how long a freed desk is held for the first person in line before it passes to the next. */
  readonly waitlist: { readonly offerMinutes: number };
}

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor(readonly problems: readonly string[]) {
    super(`Seatwise cannot start; fix the configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  // Loopback by default: with dev auth (the default outside production) anyone who can reach the port can act as
  // any user, admins included, so a laptop on office Wi-Fi must not offer it to the LAN. Azure sets HOST=0.0.0.0.
  HOST: z.string().min(1).default('127.0.0.1'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  AUTH_MODE: z.enum(['dev', 'entra']).optional(),
  AZURE_TABLES_CONNECTION_STRING: z.string().optional(),
  AZURE_TABLES_ENDPOINT: z.string().url().optional(),
  AZURE_CLIENT_ID: z.string().optional(),
  SEATWISE_DATA_DIR: z.string().min(1).default('.data'),
  SEATWISE_TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/, 'must be a letter followed by up to 20 letters or digits')
    .default('seatwise'),
  SEATWISE_SEED_DEMO: z.enum(['true', 'false']).optional(),
  BOT_ID: z.string().default(''),
  BOT_PASSWORD: z.string().default(''),
  BOT_TYPE: z.string().default(''),
  BOT_TENANT_ID: z.string().default(''),
  AAD_CLIENT_ID: z.string().default(''),
  AAD_CLIENT_SECRET: z.string().optional(),
  ALLOWED_TENANT_IDS: z.string().default(''),
  TEAMS_APP_ID: z.string().max(64).default(''),
  SEATWISE_SHOW_NAMES: z.enum(['true', 'false']).default('false'),
  SEATWISE_REMINDERS: z.enum(['on', 'off']).default('on'),
  // Teams allows 50 requests/s per app per tenant, the bot's replies included: leave them room.
  SEATWISE_NOTIFY_TENANT_RPS: z.coerce.number().positive().max(50, 'Teams allows at most 50 per app per tenant').default(45),
  // The Agents Toolkit's name for the app's public address; the card's "Add to calendar" links there.
  TAB_ENDPOINT: z.union([z.literal(''), z.string().url().regex(/^https?:\/\//, 'must be an http(s) address')]).optional(),
  SEATWISE_SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(300).default(30),
  // At least a week: the reports archive a day once it has settled (7 days), before the purge may take its rows.
  SEATWISE_PSEUDONYM_KEY: z.string().min(16, 'must be at least 16 characters (a random secret)').optional(),
  SEATWISE_RETENTION_DAYS: z.coerce.number().int('must be a whole number of days').min(8, 'must be at least 8 days').max(3650, 'must be at most 3650 days (10 years)').default(90),
  // Long enough to see a chat card and answer it; short enough that a desk freed in the morning still finds a taker.
  SEATWISE_WAITLIST_OFFER_MINUTES: z.coerce.number().int('must be a whole number of minutes').min(2).max(240).default(15),
});

/**
 * Reads and validates the environment once; the only reader of process.env.
 * An unusable value stops the start with a message that says what to set.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.AZURE_TABLES_CONNECTION_STRING && e.AZURE_TABLES_ENDPOINT) {
    problems.push('set AZURE_TABLES_CONNECTION_STRING or AZURE_TABLES_ENDPOINT, not both');
  }
  const storage: StorageConfig = e.AZURE_TABLES_CONNECTION_STRING
    ? { kind: 'connection-string', connectionString: e.AZURE_TABLES_CONNECTION_STRING }
    : e.AZURE_TABLES_ENDPOINT
      ? { kind: 'endpoint', endpoint: e.AZURE_TABLES_ENDPOINT, ...(e.AZURE_CLIENT_ID && { managedIdentityClientId: e.AZURE_CLIENT_ID }) }
      : { kind: 'embedded', dataDir: e.SEATWISE_DATA_DIR };
  const production = e.NODE_ENV === 'production';
  const authMode = e.AUTH_MODE ?? (production ? 'entra' : 'dev');
  if (production) {
    if (authMode === 'dev') problems.push('AUTH_MODE=dev is not allowed when NODE_ENV=production; set AUTH_MODE=entra');
    if (!e.BOT_ID) problems.push('BOT_ID is empty, which would turn bot authentication off; set BOT_ID (and BOT_PASSWORD or BOT_TYPE=UserAssignedMsi)');
    if (storage.kind === 'embedded') {
      problems.push('no storage is configured; set AZURE_TABLES_ENDPOINT (managed identity) or AZURE_TABLES_CONNECTION_STRING');
    }
    if (storage.kind === 'connection-string' && /UseDevelopmentStorage|devstoreaccount1|127\.0\.0\.1|localhost/i.test(storage.connectionString)) {
      problems.push('AZURE_TABLES_CONNECTION_STRING points at Azurite or development storage; point it at a storage account');
    }
    if (!e.ALLOWED_TENANT_IDS.trim()) problems.push('ALLOWED_TENANT_IDS is empty; set the Entra tenant ids allowed to use the app');
  }
  if (authMode === 'entra' && !e.AAD_CLIENT_ID) {
    problems.push('AUTH_MODE=entra needs AAD_CLIENT_ID, the app registration of the tab (single sign-on)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: e.PORT,
    host: e.HOST,
    nodeEnv: e.NODE_ENV,
    authMode,
    storage,
    tablePrefix: e.SEATWISE_TABLE_PREFIX,
    seedDemo: e.SEATWISE_SEED_DEMO ? e.SEATWISE_SEED_DEMO === 'true' : storage.kind === 'embedded',
    botId: e.BOT_ID,
    botPassword: e.BOT_PASSWORD,
    botType: e.BOT_TYPE,
    botTenantId: e.BOT_TENANT_ID,
    aadClientId: e.AAD_CLIENT_ID,
    ...(e.AAD_CLIENT_SECRET && { aadClientSecret: e.AAD_CLIENT_SECRET }),
    allowedTenantIds: e.ALLOWED_TENANT_IDS.split(',').map((s) => s.trim()).filter(Boolean),
    teamsAppId: e.TEAMS_APP_ID,
    showNamesInWhoIsIn: e.SEATWISE_SHOW_NAMES === 'true',
    retentionDays: e.SEATWISE_RETENTION_DAYS,
    pseudonymKey: e.SEATWISE_PSEUDONYM_KEY ?? '',
    ...(e.TAB_ENDPOINT && { publicUrl: e.TAB_ENDPOINT.replace(/\/+$/, '') }),
    reminders: {
      enabled: e.SEATWISE_REMINDERS === 'on',
      tenantRps: e.SEATWISE_NOTIFY_TENANT_RPS,
      intervalSeconds: e.SEATWISE_SCHEDULER_INTERVAL_SECONDS,
    },
    waitlist: { offerMinutes: e.SEATWISE_WAITLIST_OFFER_MINUTES },
  };
}
