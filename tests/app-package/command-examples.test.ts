import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMessage } from '../../src/bot/language/parse-message';
import { APP_PACKAGE_DIR } from './app-package-fixture';

// Teams puts a command's title into the compose box when a user picks it from the bot's command menu, and the
// localised title is what the bot then receives ("if you provide a localized commandList, the responses to your
// bot are the localized text of the command": msteams-docs, apps-localization). So every example must be a
// sentence the bot understands, in every language, as the command it stands for.
const INTENTS = ['book', 'my-bookings', 'cancel', 'check-in', 'release', 'who-is-in', 'help'] as const;

const manifest = JSON.parse(readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as {
  bots: Array<{ commandLists: Array<{ commands: Array<{ title: string }> }> }>;
};
const english = manifest.bots[0]!.commandLists[0]!.commands.map((c) => c.title);

function titlesOf(file: string): string[] {
  const strings = JSON.parse(readFileSync(path.join(APP_PACKAGE_DIR, file), 'utf8')) as Record<
    string,
    string
  >;
  return INTENTS.map((_, i) => strings[`bots[0].commandLists[0].commands[${i}].title`]!);
}

const cases: Array<[string, string, string, string]> = [
  ...english.map((t, i): [string, string, string, string] => ['en-US', 'en', t, INTENTS[i]!]),
  ...(
    [
      ['fr-BE', 'fr', 'fr.json'],
      ['nl-BE', 'nl', 'nl.json'],
      ['de-DE', 'de', 'de.json'],
    ] as const
  ).flatMap(([locale, language, file]) =>
    titlesOf(file).map((t, i): [string, string, string, string] => [locale, language, t, INTENTS[i]!]),
  ),
];

describe('the command menu examples are sentences the bot understands', () => {
  it('lists one example per command, in that order', () => {
    expect(english).toHaveLength(INTENTS.length);
  });

  it.each(cases)('in %s (%s), reads "%s" as the %s command', (locale, language, title, intent) => {
    // Monday 30 November 2026, 10:00 in Brussels.
    const parsed = parseMessage(title, {
      now: new Date('2026-11-30T09:00:00Z'),
      timeZone: 'Europe/Brussels',
      activityLocale: locale,
    });
    expect(parsed.command.kind).toBe(intent);
    expect(parsed.locale).toBe(language);
  });
});
