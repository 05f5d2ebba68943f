import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  appSettings,
  bracketProblems,
  declaredNames,
  modules,
  outputs,
  params,
  property,
  resources,
  stripComments,
  type BicepResource,
} from './bicep-text';

const INFRA = path.resolve(__dirname, '..', '..', 'infra');
const mainText = readFileSync(path.join(INFRA, 'azure.bicep'), 'utf8');
const botText = readFileSync(path.join(INFRA, 'botRegistration', 'azurebot.bicep'), 'utf8');
const main = stripComments(mainText);
const bot = stripComments(botText);
const parametersFile = JSON.parse(readFileSync(path.join(INFRA, 'azure.parameters.json'), 'utf8')) as {
  parameters: Record<string, { value: unknown }>;
};

function only(list: BicepResource[], type: string): BicepResource {
  const found = list.filter((r) => r.type === type);
  expect(found.map((r) => r.type)).toEqual([type]);
  return found[0]!;
}

// No Bicep compiler is available offline, so these tests read the Bicep text. `az bicep build --file
// infra/azure.bicep` (or the toolkit's arm/deploy) is the real check, on a machine with the Bicep CLI.
describe('infra/azure.bicep is well formed', () => {
  it.each([
    ['azure.bicep', main],
    ['botRegistration/azurebot.bicep', bot],
  ])('%s has balanced brackets and strings', (_name, code) => {
    expect(bracketProblems(code)).toEqual([]);
  });

  it('refers only to symbols it declares (or Bicep functions)', () => {
    const declared = declaredNames(main);
    const used = new Set([...main.matchAll(/\b([a-zA-Z]\w*)\.(?:id|name|properties)\b/g)].map((m) => m[1]!));
    const builtins = new Set(['resourceGroup', 'subscription', 'tenant', 'environment', 'deployment']);
    expect([...used].filter((s) => !declared.has(s) && !builtins.has(s))).toEqual([]);
  });

  it('passes the bot module exactly the parameters it declares, with every required one', () => {
    const [registration] = modules(main);
    expect(registration!.path).toBe('./botRegistration/azurebot.bicep');
    const paramsBlock = /params:\s*(\{[\s\S]*\})/.exec(registration!.body)![1]!;
    const passed = [...paramsBlock.matchAll(/^\s*(\w+):/gm)].map((m) => m[1]!).filter((k) => k !== 'params');
    const declared = params(bot);
    expect(passed.filter((p) => !declared.some((d) => d.name === p))).toEqual([]);
    expect(declared.filter((d) => !d.hasDefault && !passed.includes(d.name)).map((d) => d.name)).toEqual([]);
  });

  it('says which Agents Toolkit template each part follows', () => {
    expect(mainText).toMatch(/Agents Toolkit "basic bot" template/);
    expect(mainText.match(/\/\/ Template:/g)?.length).toBeGreaterThanOrEqual(4);
    expect(botText).toMatch(/Agents Toolkit "basic bot" template/);
  });
});

describe('the web app: Linux, Node 22 LTS, always on, HTTPS only, TLS 1.2', () => {
  const all = resources(main);
  const plan = only(all, 'Microsoft.Web/serverfarms');
  const site = only(all, 'Microsoft.Web/sites');

  it('runs on a Linux App Service plan', () => {
    expect(property(plan.body, 'kind')).toBe("'linux'");
    expect(property(plan.body, 'reserved')).toBe('true');
    expect(property(site.body, 'kind')).toBe("'app,linux'");
  });

  it.each([
    ['linuxFxVersion', "'NODE|22-lts'"],
    ['alwaysOn', 'true'],
    ['httpsOnly', 'true'],
    ['minTlsVersion', "'1.2'"],
    ['ftpsState', "'Disabled'"],
    ['appCommandLine', "'npm run start:prod'"],
    ['serverFarmId', 'serverfarm.id'],
  ])('sets %s to %s', (key, value) => {
    expect(property(site.body, key)).toBe(value);
  });

  it('runs as the user-assigned managed identity', () => {
    const identity = only(all, 'Microsoft.ManagedIdentity/userAssignedIdentities');
    expect(property(site.body, 'type')).toBe("'UserAssigned'");
    expect(site.body).toContain(`'\${${identity.symbol}.id}': {}`);
  });

  it('gives the server the settings src/server/config.ts reads', () => {
    const settings = appSettings(site.body);
    expect(Object.fromEntries(settings)).toEqual({
      WEBSITE_RUN_FROM_PACKAGE: "'1'",
      SCM_DO_BUILD_DURING_DEPLOYMENT: "'false'",
      WEBSITE_NODE_DEFAULT_VERSION: "'~22'",
      RUNNING_ON_AZURE: "'1'",
      NODE_ENV: "'production'",
      AUTH_MODE: "'entra'",
      HOST: "'0.0.0.0'",
      AZURE_TABLES_ENDPOINT: "'https://${storage.name}.table.${environment().suffixes.storage}'",
      AZURE_CLIENT_ID: 'identity.properties.clientId',
      BOT_ID: 'identity.properties.clientId',
      BOT_TYPE: "'UserAssignedMsi'",
      BOT_TENANT_ID: 'tenant().tenantId',
      AAD_CLIENT_ID: 'aadAppClientId',
      ALLOWED_TENANT_IDS: 'effectiveAllowedTenantIds',
    });
    // An empty allow-list would stop the server in production: default to the deployment's own tenant.
    expect(main).toMatch(
      /var effectiveAllowedTenantIds = empty\(allowedTenantIds\) \? tenant\(\)\.tenantId : allowedTenantIds/,
    );
  });
});

describe('storage: Entra ID only, no keys anywhere', () => {
  const all = resources(main);
  const storage = only(all, 'Microsoft.Storage/storageAccounts');

  it.each([
    ['kind', "'StorageV2'"],
    ['minimumTlsVersion', "'TLS1_2'"],
    ['allowBlobPublicAccess', 'false'],
    ['supportsHttpsTrafficOnly', 'true'],
    ['allowSharedKeyAccess', 'false'],
  ])('sets %s to %s', (key, value) => {
    expect(property(storage.body, key)).toBe(value);
  });

  it('has its table service', () => {
    const tables = only(all, 'Microsoft.Storage/storageAccounts/tableServices');
    expect(property(tables.body, 'parent')).toBe(storage.symbol);
  });

  it('grants the identity "Storage Table Data Contributor" on that account only', () => {
    const role = only(all, 'Microsoft.Authorization/roleAssignments');
    expect(main).toContain("'0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'");
    expect(property(role.body, 'scope')).toBe(storage.symbol);
    expect(property(role.body, 'principalId')).toBe('identity.properties.principalId');
    expect(property(role.body, 'principalType')).toBe("'ServicePrincipal'");
    expect(property(role.body, 'roleDefinitionId')).toBe(
      "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)",
    );
  });

  it.each([
    ['listKeys()', /listKeys|listkeys/i],
    ['account key', /AccountKey|primaryKey|keys\[/i],
    ['connection string', /DefaultEndpointsProtocol|connectionString|AZURE_TABLES_CONNECTION_STRING/i],
    ['secret (@secure) parameter', /@secure\(\)/],
  ])('contains no %s', (_what, pattern) => {
    expect(main).not.toMatch(pattern);
    expect(bot).not.toMatch(pattern);
  });
});

describe('the Azure Bot: user-assigned managed identity, Teams channel', () => {
  const botResource = only(resources(bot), 'Microsoft.BotService/botServices');

  it.each([
    ['kind', "'azurebot'"],
    ['location', "'global'"],
    ['msaAppType', "'UserAssignedMSI'"],
    ['msaAppId', 'identityClientId'],
    ['msaAppMSIResourceId', 'identityResourceId'],
    ['msaAppTenantId', 'identityTenantId'],
    ['endpoint', "'https://${botAppDomain}/api/messages'"],
  ])('sets %s to %s', (key, value) => {
    expect(property(botResource.body, key)).toBe(value);
  });

  it('takes its SKU, F0 or S1, as a parameter', () => {
    expect(/sku:\s*\{\s*name:\s*botServiceSku\s*\}/.test(botResource.body)).toBe(true);
    expect(params(bot).find((p) => p.name === 'botServiceSku')?.allowed).toEqual(['F0', 'S1']);
    expect(params(main).find((p) => p.name === 'botSku')?.allowed).toEqual(['F0', 'S1']);
  });

  it('is the identity and web app of azure.bicep', () => {
    const body = modules(main)[0]!.body;
    expect(property(body, 'identityClientId')).toBe('identity.properties.clientId');
    expect(property(body, 'identityResourceId')).toBe('identity.id');
    expect(property(body, 'botAppDomain')).toBe('webApp.properties.defaultHostName');
  });

  it('enables the Microsoft Teams channel', () => {
    const channel = only(resources(bot), 'Microsoft.BotService/botServices/channels');
    expect(property(channel.body, 'name')).toBe("'MsTeamsChannel'");
    expect(property(channel.body, 'channelName')).toBe("'MsTeamsChannel'");
    expect(property(channel.body, 'parent')).toBe(botResource.symbol);
  });
});

describe('outputs and parameters match what the Agents Toolkit reads and writes', () => {
  it('outputs the values the manifest, the Entra manifest and the deploy step need', () => {
    const out = outputs(main);
    for (const name of [
      'BOT_ID',
      'BOT_DOMAIN',
      'TAB_DOMAIN',
      'TAB_ENDPOINT',
      'AZURE_WEB_APP_RESOURCE_ID',
      'BOT_AZURE_APP_SERVICE_RESOURCE_ID',
    ]) {
      expect(out.has(name)).toBe(true);
    }
    expect(out.get('BOT_ID')).toBe('identity.properties.clientId');
    expect(out.get('TAB_ENDPOINT')).toBe("'https://${webApp.properties.defaultHostName}'");
    expect(out.get('AZURE_WEB_APP_RESOURCE_ID')).toBe('webApp.id');
  });

  it('has a parameters file whose keys are the Bicep parameters, every required one included', () => {
    const declared = params(main);
    const given = Object.keys(parametersFile.parameters);
    expect(given.filter((g) => !declared.some((d) => d.name === g))).toEqual([]);
    expect(declared.filter((d) => !d.hasDefault && !given.includes(d.name)).map((d) => d.name)).toEqual([]);
  });

  it('gives allowed values to the parameters that have a list', () => {
    for (const p of params(main).filter((p) => p.allowed)) {
      const value = parametersFile.parameters[p.name]?.value;
      if (value !== undefined) expect(p.allowed).toContain(value);
    }
  });

  it('fills the parameters from variables that env/.env.dev declares', () => {
    const envNames = new Set(
      [
        ...readFileSync(path.resolve(INFRA, '..', 'env', '.env.dev'), 'utf8').matchAll(
          /^([A-Z][A-Z0-9_]*)=/gm,
        ),
      ].map((m) => m[1]!),
    );
    const used = [...JSON.stringify(parametersFile).matchAll(/\$\{\{([A-Z0-9_]+)\}\}/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((u) => !envNames.has(u))).toEqual([]);
  });
});
