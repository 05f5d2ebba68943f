/**
 * End to end through the Microsoft 365 Agents Playground: the real restify server with the bot (over Azurite),
 * the Playground as a child process in front of it, and its web client driven in Debian's headless Chromium.
 * A person types "book a desk Thursday", sees the suggestion card, clicks Confirm, sees the card turn into
 * the booked card in place; the booking is then read back from the store. The same in French, by someone else.
 * And in Dutch, two days in one message: the days are shown first, one click on Bevestigen books both, and the
 * card turns into the outcome per day.
 *
 * Screenshots land in test-artifacts/e2e/ (git-ignored), with the Playground's log.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBotServer, type BotServer } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import {
  launchChromium,
  startPlayground,
  type Playground,
  type PlaygroundUser,
} from '../support/playground';
import { azuriteHarness, type StoreHarness } from '../support/stores';

jest.setTimeout(120_000);

// Tuesday 1 December 2026, 09:00 in Brussels: "Thursday" is 3 December.
const NOW = '2026-12-01T08:00:00Z';
const THURSDAY = '2026-12-03';
const catalog = gridCatalog({
  zones: 1,
  cols: 3,
  rows: 2,
  pitch: 2,
  policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 4 }, bookableWeekdays: [1, 2, 3, 4, 5] },
});

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/e2e');

const ALEX: PlaygroundUser = {
  id: 'user-alex',
  name: 'Alex Wilber',
  aadObjectId: '00000000-0000-0000-0000-0000000a1e00',
  givenName: 'Alex',
  surname: 'Wilber',
  email: 'alexw@example.com',
};
const JOOST: PlaygroundUser = {
  id: 'user-joost',
  name: 'Joost Peeters',
  aadObjectId: '00000000-0000-0000-0000-0000000d0057',
  givenName: 'Joost',
  surname: 'Peeters',
  email: 'joostp@example.com',
};
const CAMILLE: PlaygroundUser = {
  id: 'user-camille',
  name: 'Camille Dubois',
  aadObjectId: '00000000-0000-0000-0000-0000000ca111',
  givenName: 'Camille',
  surname: 'Dubois',
  email: 'camilled@example.com',
};

const MARIE: PlaygroundUser = {
  id: 'user-marie',
  name: 'Marie Lambert',
  aadObjectId: '00000000-0000-0000-0000-00000000a41e',
  givenName: 'Marie',
  surname: 'Lambert',
  email: 'mariel@example.com',
};

/** The welcome card the bot sends on install ('card.help.title'); the Playground's install activity says en-US. */
const WELCOME_TITLE = 'Seatwise books desks for you';

/** Top-level Adaptive Cards in the chat (a card's ShowCard would nest another one). */
const CARD = '.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)';

interface Scenario {
  readonly label: string;
  readonly user: PlaygroundUser;
  readonly text: string;
  /** 'card.suggestion.title' with the day. */
  readonly suggestionTitle: string;
  /** 'card.action.confirm' */
  readonly confirm: string;
  /** 'card.booked.title' */
  readonly bookedTitle: string;
  /** The day as the booked card's summary writes it. */
  readonly dayText: string;
  /** The days the one click books. */
  readonly dates: readonly string[];
}

describe('Seatwise in the Microsoft 365 Agents Playground (headless Chromium)', () => {
  let h: StoreHarness;
  let bot: BotServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await azuriteHarness();
    bot = await startBotServer(h, [catalog], NOW);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await bot?.close();
  });

  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
  }

  /** Types a message in the composer and sends it with the Send button. */
  async function send(page: Page, text: string): Promise<void> {
    // The composer is a Lexical editor; the log panel is contenteditable too, but it is not a textbox.
    const composer = page.getByRole('textbox').and(page.locator('[data-lexical-editor="true"]'));
    await composer.click();
    await composer.fill(text);
    await page.getByRole('button', { name: 'Send Message' }).click();
  }

  async function bookThroughPlayground(s: Scenario): Promise<void> {
    // No screenshot of an earlier run may pass for this one's.
    for (const f of readdirSync(ARTIFACTS))
      if (f.startsWith(`playground-${s.label}`)) rmSync(path.join(ARTIFACTS, f));
    const playground: Playground = await startPlayground({
      botEndpoint: `${bot!.url}/api/messages`,
      user: s.user,
    });
    const context = await browser!.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    let failed = true;
    try {
      await page.goto(playground.url);
      // The Playground installs the app when the page connects: the welcome card proves the bot answers.
      await page.locator(CARD).filter({ hasText: WELCOME_TITLE }).first().waitFor({ timeout: 30_000 });
      await page.getByText(s.user.name, { exact: true }).first().waitFor({ timeout: 10_000 }); // who the Playground plays

      await send(page, s.text);
      const suggestion = page.locator(CARD).filter({ hasText: s.suggestionTitle });
      await suggestion.waitFor({ timeout: 30_000 });
      await shoot(page, `playground-${s.label}-suggestion.png`);

      // Where the suggestion card is, so that we can tell the booked card replaced it rather than followed it.
      const cards = await page.locator(CARD).allInnerTexts();
      const index = cards.findIndex((text) => text.includes(s.suggestionTitle));
      expect(index).toBeGreaterThanOrEqual(0);

      await suggestion.getByRole('button', { name: s.confirm, exact: true }).click();
      const updated = page.locator(CARD).nth(index);
      await updated.filter({ hasNotText: s.suggestionTitle }).waitFor({ timeout: 30_000 });
      // Its Confirm button is gone with it.
      await updated
        .getByRole('button', { name: s.confirm, exact: true })
        .waitFor({ state: 'detached', timeout: 10_000 });
      await shoot(page, `playground-${s.label}-booked.png`);

      // In place: no new card, and the one that was the suggestion is now the booked card.
      expect(await page.locator(CARD).count()).toBe(cards.length);

      // The store has each day, for the person the Playground plays.
      for (const date of s.dates) {
        const mine = (await h.reservations.listBookingsOfDay(date)).filter((b) => b.userId === s.user.aadObjectId);
        expect(mine).toHaveLength(1);
        expect(mine[0]).toMatchObject({ date, status: 'booked', userName: s.user.name });
      }

      // The booked card speaks the language of the conversation. The Playground (0.2.28) hard-codes locale
      // en-US on every activity, so this also checks that the language does not come from the client locale.
      const text = await updated.innerText();
      expect(text).toContain(s.bookedTitle);
      expect(text).toContain(s.dayText);
      failed = false;
    } finally {
      if (failed) await shoot(page, `playground-${s.label}-failure.png`).catch(() => undefined);
      await context.close().catch(() => undefined);
      await playground.stop(path.join(ARTIFACTS, `playground-${s.label}.log`));
    }
  }

  it('books a desk in English: "book a desk Thursday", Confirm, the card turns into "Booked"', async () => {
    await bookThroughPlayground({
      label: 'en',
      user: ALEX,
      text: 'book a desk Thursday',
      suggestionTitle: 'Suggested desk for Thursday 3 December',
      confirm: 'Confirm',
      bookedTitle: 'Booked',
      dayText: 'Thursday 3 December',
      dates: [THURSDAY],
    });
  });

  it('books a desk in French: "réserve un bureau jeudi", Confirmer, the card turns into "Réservé"', async () => {
    await bookThroughPlayground({
      label: 'fr',
      user: CAMILLE,
      text: 'réserve un bureau jeudi',
      suggestionTitle: 'Bureau proposé pour le jeudi 3 décembre',
      confirm: 'Confirmer',
      bookedTitle: 'Réservé',
      dayText: 'jeudi 3 décembre',
      dates: [THURSDAY],
    });
  });

  it('books two days in Dutch with one click: "boek een bureau di en do volgende week", Bevestigen, the outcome per day', async () => {
    await bookThroughPlayground({
      label: 'nl-days',
      user: JOOST,
      text: 'boek een bureau di en do volgende week',
      suggestionTitle: 'Deze dagen boeken?',
      confirm: 'Bevestigen',
      bookedTitle: 'Gereserveerd: 2. Niet gereserveerd: 0.',
      dayText: 'donderdag 10 december',
      dates: ['2026-12-08', '2026-12-10'],
    });
  });

  it('books a recurring series in French: "tous les mardis jusqu\'au 15 décembre", Confirmer, the days booked', async () => {
    await bookThroughPlayground({
      label: 'fr-series',
      user: MARIE,
      text: "réserve un bureau tous les mardis jusqu'au 15 décembre",
      suggestionTitle: 'Réserver un bureau tous les mardis',
      confirm: 'Confirmer',
      bookedTitle: 'Bureau réservé tous les mardis',
      dayText: '15 décembre',
      dates: ['2026-12-01', '2026-12-08', '2026-12-15'],
    });
  });
});
