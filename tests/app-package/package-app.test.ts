import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import {
  bundledManifestVersions,
  compareVersions,
  draft04OnlyKeywords,
  loadTeamsSchema,
  MIN_MANIFEST_VERSION,
  packageApp,
  parseArgs,
  parseEnvFile,
  type PackageResult,
} from '../../scripts/package-app';
import {
  copyOfAppPackage,
  editJson,
  freshCloneEnvDir,
  officialValidator,
  problemsOf,
  tempDir,
} from './app-package-fixture';

const quiet = (): void => {};

describe('npm run package -- --env dev builds a valid Teams app package', () => {
  const tmp = tempDir('package');
  let result: PackageResult;
  let zip: JSZip;
  let freshClone: PackageResult;

  beforeAll(async () => {
    // The real env/ folder, as `npm run package -- --env dev` reads it (provisioned or not).
    result = await packageApp({ env: 'dev', outDir: path.join(tmp.dir, 'real'), log: quiet });
    zip = await JSZip.loadAsync(readFileSync(result.zipPath));
    // env/.env.dev as committed, before anyone provisions it.
    freshClone = await packageApp({
      env: 'dev',
      envDir: freshCloneEnvDir(tmp.dir),
      outDir: path.join(tmp.dir, 'fresh'),
      log: quiet,
    });
  });
  afterAll(tmp.cleanup);

  it('writes appPackage.dev.zip holding the manifest, both icons and the three language files, at its root', () => {
    expect(path.basename(result.zipPath)).toBe('appPackage.dev.zip');
    expect(Object.keys(zip.files).sort()).toEqual([
      'color.png',
      'de.json',
      'fr.json',
      'manifest.json',
      'nl.json',
      'outline.png',
    ]);
  });

  it('zips a manifest that validates against the official schema of its version, 1.22 or later', async () => {
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, unknown>;
    const version = manifest.manifestVersion as string;
    expect(compareVersions(version, MIN_MANIFEST_VERSION)).toBeGreaterThanOrEqual(0);
    expect(bundledManifestVersions()).toContain(version);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
    );
    const validate = officialValidator('manifest', version);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('uses the newest manifest version whose schema @microsoft/app-manifest bundles', () => {
    expect(result.manifestVersion).toBe(bundledManifestVersions().at(-1));
  });

  it('leaves no ${{...}} placeholder in any zipped file', async () => {
    for (const name of ['manifest.json', 'fr.json', 'nl.json', 'de.json']) {
      expect(await zip.file(name)!.async('string')).not.toMatch(/\$\{\{/);
    }
  });

  it('on a fresh clone, fills the not-yet-provisioned values with stand-ins and says which', () => {
    expect(freshClone.placeholdersUsed).toEqual([
      'AAD_APP_CLIENT_ID',
      'BOT_DOMAIN',
      'BOT_ID',
      'TAB_DOMAIN',
      'TAB_ENDPOINT',
      'TEAMS_APP_ID',
    ]);
  });

  it('declares a personal bot with command examples, the three tabs, tab SSO and the valid domains', () => {
    const m = freshClone.manifest as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(m.bots[0].scopes).toEqual(['personal']);
    expect(m.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual([
      'book a desk Thursday',
      'my bookings',
      'cancel Thursday',
      'check in',
      'release my desk',
      'who is in on Friday',
      'help',
    ]);
    const tabs = Object.fromEntries(
      m.staticTabs
        .filter((t: { name?: string }) => t.name)
        .map((t: { name: string; contentUrl: string }) => [t.name, t.contentUrl]),
    );
    expect(tabs).toEqual({
      Book: 'https://seatwise.example.invalid/tab/?view=map',
      'My bookings': 'https://seatwise.example.invalid/tab/?view=mine',
      Admin: 'https://seatwise.example.invalid/tab/?view=admin',
    });
    expect(m.staticTabs.map((t: { entityId: string }) => t.entityId)).toContain('conversations');
    expect(m.webApplicationInfo).toEqual({
      id: '00000000-0000-4000-8000-000000000003',
      resource: 'api://seatwise.example.invalid/00000000-0000-4000-8000-000000000003',
    });
    // TAB_DOMAIN and BOT_DOMAIN are one host here, listed once.
    expect(m.validDomains).toEqual(['seatwise.example.invalid']);
    expect(m.localizationInfo.additionalLanguages.map((l: { languageTag: string }) => l.languageTag)).toEqual(
      ['fr', 'nl', 'de'],
    );
  });

  it('builds the same bytes from the same inputs', async () => {
    const again = await packageApp({ env: 'dev', outDir: path.join(tmp.dir, 'again'), log: quiet });
    // Same inputs: the real env/ folder again.
    expect(Buffer.compare(readFileSync(again.zipPath), readFileSync(result.zipPath))).toBe(0);
  });
});

describe('a manifest that breaks the schema is refused with a message naming the field', () => {
  const tmp = tempDir('broken');
  afterAll(tmp.cleanup);

  // The changes reach into nested fields; the schema check, not the compiler, is under test here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function problemsWith(change: (m: Record<string, any>) => void): Promise<string[]> {
    const dir = copyOfAppPackage(path.join(tmp.dir, String(Math.random()).slice(2)));
    editJson(path.join(dir, 'manifest.json'), change);
    return problemsOf(
      packageApp({
        env: 'dev',
        appPackageDir: dir,
        envDir: freshCloneEnvDir(dir),
        outDir: path.join(dir, 'build'),
        log: quiet,
      }),
    );
  }

  it('names bots[0].botId when it is missing', async () => {
    expect(await problemsWith((m) => delete m.bots[0].botId)).toContain(
      'manifest.json: /bots/0/botId is required',
    );
  });

  it('names the app name when it is missing', async () => {
    expect(await problemsWith((m) => delete m.name)).toContain('manifest.json: /name is required');
  });

  it('names a field the schema does not know', async () => {
    expect(await problemsWith((m) => (m.bots[0].commandList = []))).toContain(
      'manifest.json: /bots/0/commandList is not a field the schema allows here',
    );
  });

  it('names a wrong value and shows it', async () => {
    const problems = await problemsWith((m) => (m.accentColor = 'teal'));
    expect(problems.join('\n')).toMatch(
      /manifest\.json: \/accentColor must match pattern .*; the value is "teal"/,
    );
  });

  it('refuses a manifest version older than 1.22', async () => {
    const problems = await problemsWith((m) => (m.manifestVersion = '1.17'));
    expect(problems.join('\n')).toMatch(/manifestVersion 1\.17 is older than 1\.22/);
  });
});

describe('${{NAME}} placeholders are filled from env/.env.<env>, then env/.env.<env>.user', () => {
  const tmp = tempDir('env');
  afterAll(tmp.cleanup);

  const envDirWith = (files: Record<string, string> = {}): string =>
    freshCloneEnvDir(path.join(tmp.dir, String(Math.random()).slice(2)), files);

  it('fails naming a placeholder that has no value anywhere', async () => {
    const dir = copyOfAppPackage(path.join(tmp.dir, 'unset'));
    editJson(
      path.join(dir, 'manifest.json'),
      (m) => ((m.developer as Record<string, string>).name = '${{SEATWISE_PUBLISHER_NAME}}'),
    );
    const problems = await problemsOf(
      packageApp({
        env: 'dev',
        appPackageDir: dir,
        envDir: envDirWith(),
        outDir: path.join(dir, 'build'),
        log: quiet,
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^\$\{\{SEATWISE_PUBLISHER_NAME\}\} \(used in manifest\.json\) has no value in \S*env\/\.env\.dev; set SEATWISE_PUBLISHER_NAME there$/,
    );
  });

  it('with --strict, refuses the stand-ins and names every variable provisioning has not written yet', async () => {
    const problems = await problemsOf(
      packageApp({
        env: 'dev',
        strict: true,
        envDir: envDirWith(),
        outDir: path.join(tmp.dir, 'strict'),
        log: quiet,
      }),
    );
    for (const name of [
      'TEAMS_APP_ID',
      'BOT_ID',
      'AAD_APP_CLIENT_ID',
      'TAB_DOMAIN',
      'TAB_ENDPOINT',
      'BOT_DOMAIN',
    ]) {
      expect(problems.join('\n')).toMatch(
        new RegExp(
          `\\$\\{\\{${name}\\}\\} \\(used in manifest\\.json\\) has no value in \\S*env/\\.env\\.dev; provisioning writes it`,
        ),
      );
    }
  });

  it('uses provisioned values instead of the stand-ins, the .user file winning', async () => {
    const envDir = envDirWith({
      '.env.dev.user': [
        'TEAMS_APP_ID=11111111-2222-4333-8444-555555555555',
        'BOT_ID=21111111-2222-4333-8444-555555555555',
        'AAD_APP_CLIENT_ID=31111111-2222-4333-8444-555555555555',
        'BOT_DOMAIN=seatwise-abc.azurewebsites.net',
        'TAB_DOMAIN=seatwise-abc.azurewebsites.net',
        'TAB_ENDPOINT="https://seatwise-abc.azurewebsites.net"  ',
        'APP_PUBLISHER=Contoso ICT # a comment',
      ].join('\n'),
    });
    const result = await packageApp({
      env: 'dev',
      envDir,
      strict: true,
      outDir: path.join(envDir, 'out'),
      log: quiet,
    });
    expect(result.placeholdersUsed).toEqual([]);
    expect(result.manifest.id).toBe('11111111-2222-4333-8444-555555555555');
    expect(result.manifest.developer).toMatchObject({ name: 'Contoso ICT' });
    expect(result.manifest.webApplicationInfo).toEqual({
      id: '31111111-2222-4333-8444-555555555555',
      resource: 'api://seatwise-abc.azurewebsites.net/31111111-2222-4333-8444-555555555555',
    });
  });

  it('names the variable behind a value the schema refuses', async () => {
    const envDir = envDirWith({ '.env.dev.user': 'TEAMS_APP_ID=not-a-guid\n' });
    const problems = await problemsOf(
      packageApp({ env: 'dev', envDir, outDir: path.join(envDir, 'out'), log: quiet }),
    );
    expect(problems.join('\n')).toMatch(
      /manifest\.json: \/id must match pattern .*; the value is "not-a-guid" \(filled from \$\{\{TEAMS_APP_ID\}\}\)/,
    );
  });

  it('names an environment that does not exist, listing those that do', async () => {
    const envDir = envDirWith({ '.env.local': 'TEAMSFX_ENV=local\n' });
    const problems = await problemsOf(
      packageApp({ env: 'prod', envDir, outDir: path.join(tmp.dir, 'prod'), log: quiet }),
    );
    expect(problems).toEqual([
      `${path.join(envDir, '.env.prod')} does not exist; the environments here are: dev, local`,
    ]);
  });
});

describe('the command line and the .env reader', () => {
  it('reads --env, --strict and --out', () => {
    expect(parseArgs(['--env', 'dev'])).toEqual({ env: 'dev', strict: false });
    expect(parseArgs(['--env=local', '--strict'])).toMatchObject({ env: 'local', strict: true });
    expect(parseArgs(['--env', 'dev', '--out', 'x']).outDir).toBe(path.resolve('x'));
  });

  it('explains a missing environment or an unknown argument', () => {
    expect(() => parseArgs([])).toThrow(
      /no environment given; usage: npm run package -- --env <environment>/,
    );
    expect(() => parseArgs(['--env'])).toThrow(/--env needs a value/);
    expect(() => parseArgs(['--env', 'dev', '--zip'])).toThrow(/unknown argument "--zip"/);
  });

  it('reads NAME=value lines with quotes and comments, as the toolkit does', () => {
    const values = parseEnvFile(
      [
        '# comment',
        '',
        'A=1',
        'B = two words ',
        "C='quoted # kept'",
        'D=x # dropped',
        'E=',
        'export F=6',
      ].join('\n'),
      'test',
    );
    expect(Object.fromEntries(values)).toEqual({
      A: '1',
      B: 'two words',
      C: 'quoted # kept',
      D: 'x',
      E: '',
      F: '6',
    });
  });

  it('names the line of a malformed .env file', () => {
    expect(() => parseEnvFile('A=1\nthis is not a variable\n', 'env/.env.dev')).toThrow(
      /env\/\.env\.dev line 2: expected NAME=value/,
    );
  });
});

describe('the official schemas are read correctly by ajv', () => {
  it('use no draft-04-only keyword, so ajv (draft-07) validates them as their authors meant', () => {
    const version = bundledManifestVersions().at(-1)!;
    expect(draft04OnlyKeywords(loadTeamsSchema('manifest', version))).toEqual([]);
    expect(draft04OnlyKeywords(loadTeamsSchema('localization', version))).toEqual([]);
  });

  it('would notice a draft-04-only keyword', () => {
    expect(
      draft04OnlyKeywords({ properties: { id: { type: 'number', minimum: 0, exclusiveMinimum: true } } }),
    ).toEqual(['#/properties/id/exclusiveMinimum']);
    // A property named "id" is a name, not the draft-04 "id" keyword.
    expect(draft04OnlyKeywords({ properties: { id: { type: 'string' } } })).toEqual([]);
  });
});
