import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { outputs, stripComments } from './bicep-text';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

// No YAML parser is a dependency of this project, and the toolkit files use a small, regular subset of YAML, so the
// tests read them by lines: stages at column 0, actions as "  - uses: <action>" items.
interface Action {
  readonly stage: string;
  readonly uses: string;
  readonly text: string;
}

function actions(file: string): Action[] {
  const out: Action[] = [];
  let stage = '';
  let current: { stage: string; uses: string; lines: string[] } | undefined;
  const flush = (): void => {
    if (current) out.push({ stage: current.stage, uses: current.uses, text: current.lines.join('\n') });
    current = undefined;
  };
  for (const line of read(file).split('\n')) {
    if (/^\S/.test(line) && !line.startsWith('#')) {
      flush();
      stage = /^(\w+):/.exec(line)?.[1] ?? '';
      continue;
    }
    const item = /^ {2}- uses: (\S+)/.exec(line);
    if (item) {
      flush();
      current = { stage, uses: item[1]!, lines: [line] };
    } else if (current && /^ {4}\S/.test(line) && !line.trimStart().startsWith('#')) current.lines.push(line);
    else if (current && /^ {5,}/.test(line)) current.lines.push(line);
  }
  flush();
  return out;
}

/** NAME of every "key: NAME" line under writeToEnvironmentFile, and of every ::set-teamsfx-env NAME=. */
function writes(action: Action): string[] {
  const names: string[] = [];
  let inWrite = false;
  for (const line of action.text.split('\n')) {
    if (/^ {4}writeToEnvironmentFile:\s*$/.test(line)) inWrite = true;
    else if (/^ {4}\S/.test(line)) inWrite = false;
    else if (inWrite) names.push(/:\s*([A-Z][A-Z0-9_]*)\s*$/.exec(line)?.[1] ?? '');
  }
  names.push(...[...action.text.matchAll(/::set-teamsfx-env (\w+)=/g)].map((m) => m[1]!));
  return names.filter(Boolean);
}

const placeholdersIn = (text: string): string[] =>
  [...text.matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]!);

function envFile(name: string): Map<string, string> {
  return new Map(
    [...read(`env/${name}`).matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()]),
  );
}

// The actions of the toolkit's v1.11 yaml schema (packages/fx-core/resource/yaml-schema/v1.11/yaml.schema.json).
const KNOWN_ACTIONS = new Set([
  'aadApp/create',
  'aadApp/update',
  'arm/deploy',
  'azureStorage/enableStaticWebsite',
  'cli/runNpmCommand',
  'cli/runDotnetCommand',
  'cli/runNpxCommand',
  'azureStorage/deploy',
  'azureAppService/zipDeploy',
  'azureFunctions/zipDeploy',
  'teamsApp/create',
  'teamsApp/validateManifest',
  'teamsApp/validateAppPackage',
  'teamsApp/validateWithTestCases',
  'teamsApp/zipAppPackage',
  'teamsApp/update',
  'teamsApp/publishAppPackage',
  'botAadApp/create',
  'botFramework/create',
  'file/createOrUpdateEnvironmentFile',
  'file/createOrUpdateJsonFile',
  'devTool/install',
  'teamsApp/extendToM365',
  'script',
]);

/** Files whose ${{...}} an action expands, besides its own text. */
function filesExpandedBy(action: Action): string[] {
  const file = /(?:manifestPath|parameters|appPackagePath):\s*(\S+)/.exec(action.text)?.[1];
  if (action.uses === 'aadApp/update' && file) return [file];
  if (action.uses === 'arm/deploy' && file) return [file];
  if (['teamsApp/validateManifest', 'teamsApp/zipAppPackage'].includes(action.uses)) {
    const manifest = JSON.parse(read('appPackage/manifest.json')) as {
      localizationInfo: { additionalLanguages: Array<{ file: string }> };
    };
    return [
      'appPackage/manifest.json',
      ...manifest.localizationInfo.additionalLanguages.map((l) => `appPackage/${l.file}`),
    ];
  }
  return [];
}

/**
 * Follows one lifecycle file in order and returns every ${{NAME}} used before anything gives it a value: the
 * environment file (non-empty), an earlier action's output, or a variable the toolkit or the person provides.
 */
function unresolved(ymlFile: string, envName: string, givenByPerson: readonly string[]): string[] {
  const env = envFile(`.env.${envName}`);
  // Built in: the environment's name, the signed-in tenant, and the SSO scope id that aadApp/update generates.
  const available = new Set([
    'TEAMSFX_ENV',
    'TEAMS_APP_TENANT_ID',
    'AAD_APP_ACCESS_AS_USER_PERMISSION_ID',
    ...givenByPerson,
  ]);
  for (const [name, value] of env) if (value !== '') available.add(name);
  const missing: string[] = [];
  for (const action of actions(ymlFile)) {
    const used = [
      ...placeholdersIn(action.text),
      ...filesExpandedBy(action).flatMap((f) => placeholdersIn(read(f))),
    ];
    for (const name of used)
      if (!available.has(name)) missing.push(`${action.stage} ${action.uses}: ${name}`);
    for (const name of writes(action)) available.add(name);
    if (action.uses === 'arm/deploy')
      for (const name of outputs(stripComments(read('infra/azure.bicep'))).keys()) available.add(name);
  }
  return [...new Set(missing)];
}

describe('the Agents Toolkit lifecycle files', () => {
  const files = ['m365agents.yml', 'm365agents.local.yml', 'm365agents.playground.yml'];

  it.each(files)('%s declares the toolkit schema and the same version', (file) => {
    const text = read(file);
    const schema =
      /^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/(v[\d.]+)\/yaml\.schema\.json$/m.exec(
        text,
      );
    expect(schema?.[1]).toBe('v1.11');
    expect(text).toMatch(/^version: v1\.11$/m);
  });

  it.each(files)('%s uses only actions the toolkit knows', (file) => {
    const used = actions(file).map((a) => a.uses);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((u) => !KNOWN_ACTIONS.has(u))).toEqual([]);
  });

  it.each(files)('%s points at files that exist', (file) => {
    const paths = [...read(file).matchAll(/(?:manifestPath|path|parameters|ignoreFile):\s*(\.\/\S+)/g)].map(
      (m) => m[1]!,
    );
    expect(paths.filter((p) => !existsSync(path.join(ROOT, p)))).toEqual([]);
  });

  it.each(files)('%s says which toolkit template it follows', (file) => {
    expect(read(file)).toMatch(/Follows the toolkit's "basic bot" .*template/);
  });

  it('m365agents.yml provisions the Teams app, the Entra app, Azure, then the SSO settings and the package', () => {
    const stages = (stage: string): string[] =>
      actions('m365agents.yml')
        .filter((a) => a.stage === stage)
        .map((a) => a.uses);
    expect(stages('provision')).toEqual([
      'teamsApp/create',
      'aadApp/create',
      'arm/deploy',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    expect(stages('deploy')).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    expect(stages('publish').at(-1)).toBe('teamsApp/publishAppPackage');
    const npm = actions('m365agents.yml')
      .filter((a) => a.uses === 'cli/runNpmCommand')
      .map((a) => /args:\s*(.+)/.exec(a.text)?.[1]);
    expect(npm).toEqual(['ci --no-audit --no-fund', 'run build']);
    expect(read('m365agents.yml')).toMatch(
      /arm\/deploy[\s\S]*path: \.\/infra\/azure\.bicep[\s\S]*parameters: \.\/infra\/azure\.parameters\.json/,
    );
    expect(read('m365agents.yml')).toMatch(/resourceId: \$\{\{AZURE_WEB_APP_RESOURCE_ID\}\}/);
  });

  it('m365agents.yml creates the SSO Entra app without a client secret', () => {
    const sso = actions('m365agents.yml').find((a) => a.uses === 'aadApp/create')!;
    expect(sso.text).toMatch(/generateClientSecret: false/);
    expect(sso.text).not.toMatch(/clientSecret:/);
  });

  it('m365agents.local.yml registers the bot against the dev tunnel and writes .localConfigs', () => {
    const local = actions('m365agents.local.yml');
    const bot = local.find((a) => a.uses === 'botFramework/create')!;
    expect(bot.text).toMatch(/messagingEndpoint: \$\{\{BOT_ENDPOINT\}\}\/api\/messages/);
    expect(bot.text).toMatch(/- name: msteams/);
    const config = local.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile')!;
    expect(config.text).toMatch(/target: \.\/\.localConfigs$/m);
    expect(config.text).toMatch(/BOT_PASSWORD: \$\{\{SECRET_BOT_PASSWORD\}\}/);
    expect(config.text).toMatch(/AUTH_MODE: entra/);
  });

  it('m365agents.playground.yml runs the bot without authentication, in development', () => {
    const config = actions('m365agents.playground.yml').find(
      (a) => a.uses === 'file/createOrUpdateEnvironmentFile',
    )!;
    expect(config.text).toMatch(/target: \.\/\.localConfigs\.playground$/m);
    expect(config.text).toMatch(/BOT_ID: ""/);
    expect(config.text).toMatch(/AUTH_MODE: dev/);
    expect(config.text).toMatch(/NODE_ENV: development/);
  });

  it('gives every ${{NAME}} of the dev lifecycle (its files, the manifests, the Bicep parameters) a value before it is used', () => {
    // The subscription and resource group are asked for when empty; an empty allow-list means "this tenant".
    expect(
      unresolved('m365agents.yml', 'dev', [
        'AZURE_SUBSCRIPTION_ID',
        'AZURE_RESOURCE_GROUP_NAME',
        'ALLOWED_TENANT_IDS',
      ]),
    ).toEqual([]);
  });

  it('gives every ${{NAME}} of the local lifecycle a value before it is used, once the tunnel URL is set', () => {
    expect(unresolved('m365agents.local.yml', 'local', ['BOT_ENDPOINT', 'BOT_DOMAIN'])).toEqual([]);
  });
});

describe('the environment files', () => {
  it.each(['.env.dev', '.env.local', '.env.playground'])(
    'env/%s names its environment and holds no secret',
    (file) => {
      const env = envFile(file);
      expect(env.get('TEAMSFX_ENV')).toBe(file.slice('.env.'.length));
      const secrets = [...env].filter(
        ([name, value]) => value !== '' && /^SECRET_|PASSWORD|CLIENT_SECRET/.test(name),
      );
      expect(secrets).toEqual([]);
    },
  );

  it('env/.env.dev leaves empty what provisioning writes, so the toolkit creates them', () => {
    const env = envFile('.env.dev');
    for (const name of [
      'TEAMS_APP_ID',
      'AAD_APP_CLIENT_ID',
      'AAD_APP_OBJECT_ID',
      'BOT_ID',
      'TAB_DOMAIN',
      'AZURE_WEB_APP_RESOURCE_ID',
    ]) {
      expect([name, env.get(name)]).toEqual([name, '']);
    }
  });
});

describe('the Entra app for tab SSO (infra/aad.manifest.json)', () => {
  const aad = JSON.parse(read('infra/aad.manifest.json')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const manifest = JSON.parse(read('appPackage/manifest.json')) as {
    webApplicationInfo: { id: string; resource: string };
  };

  it('has the identifier URI and client id the Teams manifest names in webApplicationInfo', () => {
    expect(aad.identifierUris).toEqual([manifest.webApplicationInfo.resource]);
    expect(manifest.webApplicationInfo.resource).toBe('api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}');
    expect(aad.appId).toBe(manifest.webApplicationInfo.id);
    expect(aad.signInAudience).toBe('AzureADMyOrg');
    expect(aad.api.requestedAccessTokenVersion).toBe(2);
  });

  it('exposes the access_as_user scope, pre-authorised for the Teams desktop, mobile and web clients', () => {
    const [scope] = aad.api.oauth2PermissionScopes;
    expect(scope).toMatchObject({
      value: 'access_as_user',
      type: 'User',
      isEnabled: true,
      id: '${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}',
    });
    const preAuthorised = aad.api.preAuthorizedApplications as Array<{
      appId: string;
      delegatedPermissionIds: string[];
    }>;
    for (const teamsClient of [
      '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
    ]) {
      expect(preAuthorised.find((p) => p.appId === teamsClient)?.delegatedPermissionIds).toEqual([scope.id]);
    }
  });

  it('defines the Admin and Tracer app roles for users, with fixed, distinct ids', () => {
    const roles = aad.appRoles as Array<{
      value: string;
      id: string;
      allowedMemberTypes: string[];
      isEnabled: boolean;
    }>;
    expect(roles.map((r) => r.value)).toEqual(['Admin', 'Tracer']);
    for (const role of roles) {
      expect(role.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(role).toMatchObject({ allowedMemberTypes: ['User'], isEnabled: true });
    }
    expect(new Set(roles.map((r) => r.id)).size).toBe(2);
  });
});

describe('what zip deploy uploads (infra/.webappignore)', () => {
  const patterns = read('infra/.webappignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

  it('leaves out the environment files, local settings, the app package and the tests', () => {
    for (const p of [
      '/env/',
      '/.localConfigs',
      '/.localConfigs.*',
      '/.env*',
      '/appPackage/',
      '/tests/',
      '/.data/',
    ])
      expect(patterns).toContain(p);
  });

  it('keeps node_modules and the build output, and anchors folder patterns at the project root', () => {
    expect(patterns.filter((p) => /^\/?(node_modules|dist)\/?$/.test(p))).toEqual([]);
    expect(patterns.filter((p) => !p.startsWith('/') && !p.startsWith('*.'))).toEqual([]);
  });
});

describe('the Agents Playground mock tenant (.m365agentsplayground.yml)', () => {
  const text = read('.m365agentsplayground.yml');

  it('uses the playground config schema and fixed chat ids', () => {
    expect(text).toMatch(/^version: "0\.1\.1"$/m);
    expect(text).toMatch(/^personalChat:\n {2}id: seatwise-playground-personal-chat$/m);
  });

  it('lists exactly the five extra users the playground requires', () => {
    expect(text.match(/^ {2}- id: playground-user-\d+$/gm)?.length).toBe(5);
  });
});
