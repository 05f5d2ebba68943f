import { ConfigError, loadConfig } from '../../src/server/config';

const prod = {
  NODE_ENV: 'production',
  BOT_ID: '00000000-0000-0000-0000-000000000001',
  BOT_TYPE: 'UserAssignedMsi',
  AZURE_TABLES_ENDPOINT: 'https://seatwise.table.core.windows.net',
  ALLOWED_TENANT_IDS: 'tenant-a, tenant-b',
  AAD_CLIENT_ID: '22222222-0000-0000-0000-000000000001',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
}

describe('configuration is read once and refuses unsafe production settings', () => {
  it('defaults to port 3978, dev auth and embedded storage in development', () => {
    expect(loadConfig({})).toMatchObject({ port: 3978, authMode: 'dev', storage: { kind: 'embedded', dataDir: '.data' }, seedDemo: true });
  });

  it('listens on loopback only unless HOST says otherwise: dev auth must not be offered to the LAN', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ ...prod, HOST: '::' }).host).toBe('::');
  });

  it('reads AAD_CLIENT_SECRET, which resolves the groups overage through Microsoft Graph, and leaves it out when unset', () => {
    expect(loadConfig({ ...prod, AAD_CLIENT_SECRET: 'shh' }).aadClientSecret).toBe('shh');
    expect(loadConfig(prod)).not.toHaveProperty('aadClientSecret');
  });

  it('accepts a complete production configuration', () => {
    expect(loadConfig(prod)).toMatchObject({ authMode: 'entra', storage: { kind: 'endpoint' }, allowedTenantIds: ['tenant-a', 'tenant-b'], seedDemo: false });
  });

  it.each([
    ['an empty BOT_ID', { BOT_ID: '' }, /BOT_ID is empty/],
    ['AUTH_MODE=dev', { AUTH_MODE: 'dev' }, /AUTH_MODE=dev is not allowed/],
    ['no tenant allow-list', { ALLOWED_TENANT_IDS: ' ' }, /ALLOWED_TENANT_IDS is empty/],
    ['no tab app registration', { AAD_CLIENT_ID: '' }, /needs AAD_CLIENT_ID/],
    ['no storage at all', { AZURE_TABLES_ENDPOINT: undefined }, /no storage is configured/],
    ['Azurite as storage', { AZURE_TABLES_ENDPOINT: undefined, AZURE_TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true' }, /points at Azurite/],
  ])('refuses to start in production with %s, saying what to set', (_name, over, message) => {
    expect(problemsOf({ ...prod, ...over }).join('\n')).toMatch(message);
  });

  it('names a bad value', () => {
    expect(problemsOf({ PORT: 'eighty' }).join('\n')).toMatch(/PORT/);
    expect(problemsOf({ AZURE_TABLES_ENDPOINT: 'not a url' }).join('\n')).toMatch(/AZURE_TABLES_ENDPOINT/);
    expect(problemsOf({ AZURE_TABLES_ENDPOINT: 'https://a.table.core.windows.net', AZURE_TABLES_CONNECTION_STRING: 'x' }).join('\n')).toMatch(/not both/);
  });

  it('takes the public address for calendar links from TAB_ENDPOINT, and refuses one that is not http(s)', () => {
    expect(loadConfig({ TAB_ENDPOINT: 'https://seatwise.example.org/' }).publicUrl).toBe('https://seatwise.example.org');
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ TAB_ENDPOINT: '' }).publicUrl).toBeUndefined();
    expect(problemsOf({ TAB_ENDPOINT: 'javascript:alert(1)' }).join('\n')).toMatch(/TAB_ENDPOINT/);
  });

  it('holds a waitlist offer 15 minutes by default, and refuses a hold too short to answer or not in whole minutes', () => {
    expect(loadConfig({}).waitlist.offerMinutes).toBe(15);
    expect(loadConfig({ SEATWISE_WAITLIST_OFFER_MINUTES: '30' }).waitlist.offerMinutes).toBe(30);
    for (const bad of ['0', '1', '2.5', '241', 'soon']) {
      expect(problemsOf({ SEATWISE_WAITLIST_OFFER_MINUTES: bad }).join('\n')).toMatch(/SEATWISE_WAITLIST_OFFER_MINUTES/);
    }
  });
});
