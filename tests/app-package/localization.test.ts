import { readFileSync } from 'node:fs';
import path from 'node:path';
import { localizableKeys, packageApp, type PackageResult } from '../../scripts/package-app';
import {
  APP_PACKAGE_DIR,
  copyOfAppPackage,
  editJson,
  freshCloneEnvDir,
  officialValidator,
  problemsOf,
  tempDir,
} from './app-package-fixture';

const LANGUAGE_FILES = ['fr.json', 'nl.json', 'de.json'];
const quiet = (): void => {};

describe('the manifest is localised in French, Dutch and German', () => {
  const tmp = tempDir('l10n');
  let result: PackageResult;

  beforeAll(async () => {
    result = await packageApp({ env: 'dev', outDir: tmp.dir, log: quiet });
  });
  afterAll(tmp.cleanup);

  it('declares en-us as the default and one language-only tag per file, so fr-BE, nl-BE, de-AT... all match', () => {
    expect(result.manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'en-us',
      additionalLanguages: [
        { languageTag: 'fr', file: 'fr.json' },
        { languageTag: 'nl', file: 'nl.json' },
        { languageTag: 'de', file: 'de.json' },
      ],
    });
  });

  it.each(LANGUAGE_FILES)(
    '%s translates exactly the strings of the default language (the manifest)',
    (file) => {
      const expected = localizableKeys(result.manifest, result.manifestVersion).sort();
      const keys = Object.keys(result.languageFiles[file]!)
        .filter((k) => k !== '$schema')
        .sort();
      expect(keys).toEqual(expected);
      // The command titles and the tab names are among them.
      expect(keys).toEqual(
        expect.arrayContaining([
          'staticTabs[1].name',
          'staticTabs[2].name',
          'bots[0].commandLists[0].commands[6].title',
        ]),
      );
    },
  );

  it.each(LANGUAGE_FILES)('%s validates against the localization schema of the manifest version', (file) => {
    const strings = JSON.parse(readFileSync(path.join(APP_PACKAGE_DIR, file), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(strings.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${result.manifestVersion}/MicrosoftTeams.Localization.schema.json`,
    );
    const validate = officialValidator('localization', result.manifestVersion);
    expect(validate(strings) ? [] : validate.errors).toEqual([]);
  });

  it.each(LANGUAGE_FILES)('%s really translates: its command titles differ from the English ones', (file) => {
    const strings = result.languageFiles[file]!;
    const english = (
      result.manifest.bots as Array<{ commandLists: Array<{ commands: Array<{ title: string }> }> }>
    )[0]!.commandLists[0]!.commands;
    const translated = english.filter(
      (c, i) => strings[`bots[0].commandLists[0].commands[${i}].title`] !== c.title,
    );
    expect(translated.length).toBeGreaterThanOrEqual(english.length - 1); // "help" is Dutch too
  });
});

describe('a language file out of step with the manifest is refused, naming the string', () => {
  const tmp = tempDir('l10n-broken');
  afterAll(tmp.cleanup);

  async function problemsWith(
    file: string,
    change: (json: Record<string, unknown>) => void,
  ): Promise<string[]> {
    const dir = copyOfAppPackage(path.join(tmp.dir, String(Math.random()).slice(2)));
    editJson(path.join(dir, file), change);
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

  it('names a missing translation', async () => {
    expect(
      await problemsWith('nl.json', (j) => delete j['bots[0].commandLists[0].commands[3].title']),
    ).toEqual([
      'nl.json: "bots[0].commandLists[0].commands[3].title" is missing (manifest.json has that string)',
    ]);
  });

  it('names a translation of a string the manifest does not have', async () => {
    expect(await problemsWith('de.json', (j) => (j['staticTabs[5].name'] = 'Extra'))).toEqual([
      'de.json: "staticTabs[5].name" translates nothing in manifest.json',
    ]);
  });

  it('names a field the localization schema requires', async () => {
    const problems = await problemsWith('fr.json', (j) => delete j['description.short']);
    expect(problems).toContain('fr.json: /description.short is required');
  });

  it('names a string longer than Teams allows', async () => {
    const problems = await problemsWith(
      'fr.json',
      (j) => (j['name.short'] = 'Seatwise, la réservation de bureaux'),
    );
    expect(problems.join('\n')).toMatch(/fr\.json: \/name\.short must NOT have more than 30 characters/);
  });
});
