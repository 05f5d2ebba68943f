import nock from 'nock';
import { ALICE, BOB, actionsOf, cardsOf, executeActivity, invokeCard, messageActivity, post, startBotServer, textOf, type BotServer, type Person } from '../support/bot-harness';
import { aSite, gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import type { SiteCatalog } from '../../src/use-cases/ports';

// 23:30 UTC on Tuesday 1 December 2026: already Wednesday 2 December (00:30) in Brussels, still Tuesday (18:30) in
// New York. "Tomorrow" is Thursday 3 December in Brussels and Wednesday 2 December in New York.
const NOW = '2026-12-01T23:30:00Z';
const policy = { minDistanceM: 1.5, bookableWeekdays: [1, 2, 3, 4, 5] as const };

function siteOf(id: string, name: string, timeZone: string, floorId: string): SiteCatalog {
  const grid = gridCatalog({ siteId: id, floorId, zones: 2, cols: 4, rows: 5, pitch: 1, policy: { ...policy, bookableWeekdays: [...policy.bookableWeekdays] } });
  return { ...grid, site: aSite({ id, name, timeZone }) };
}

const BRUSSELS = siteOf('brussels-hq', 'Brussels HQ', 'Europe/Brussels', 'bx1');
const NEW_YORK = siteOf('new-york', 'New York', 'America/New_York', 'ny1');
const CAROL: Person = { aadObjectId: '00000000-0000-0000-0000-0000000ca201', name: 'Carol Dupont' };

/** The bot serves every site (issue 10 §4): the person's site, else a choice kept for the chat; that site's "today". */
describe('the chat with several sites: which site, and "tomorrow" in its time zone', () => {
  let h: StoreHarness;
  let bot: BotServer;

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
  beforeEach(async () => {
    h = await azuriteHarness();
    bot = await startBotServer(h, [BRUSSELS, NEW_YORK], NOW);
  });
  afterEach(async () => {
    await bot.close();
  });

  async function say(text: string, person: Person = ALICE, locale = 'en-US', on: BotServer = bot): Promise<Record<string, unknown>> {
    const res = await post(on.url, messageActivity(person, text, { locale }));
    expect(res.status).toBe(200);
    const [card] = cardsOf(res.json);
    expect(card).toBeDefined();
    return card!;
  }

  async function click(data: Record<string, unknown>, person: Person = ALICE): Promise<Record<string, unknown>> {
    const res = await post(bot.url, executeActivity(person, data));
    expect(res.status).toBe(200);
    return invokeCard(res.json);
  }

  function action(card: unknown, verb: string, title?: string) {
    const found = actionsOf(card).find((a) => a.verb === verb && (title === undefined || a.title === title));
    if (!found) throw new Error(`No ${verb} button${title ? ` "${title}"` : ''} on ${textOf(card).slice(0, 600)}`);
    return found;
  }

  async function bookingsOf(person: Person) {
    return (await h.reservations.listActiveBookingsOfUser(person.aadObjectId, '2026-11-01', '2026-12-31')).map((b) => ({ date: b.date, siteId: b.siteId }));
  }

  it('asks a person with no bookings which site, books nothing, and reads "tomorrow" in the site chosen', async () => {
    const ask = await say('book a desk tomorrow');
    expect(textOf(ask)).toMatch(/Which site\?/);
    expect(actionsOf(ask).filter((a) => a.verb === 'site.choose').map((a) => a.title)).toEqual(['Brussels HQ', 'New York']);
    expect(actionsOf(ask).some((a) => a.verb === 'book.confirm')).toBe(false);

    const suggestion = await click(action(ask, 'site.choose', 'New York').data);
    const confirm = action(suggestion, 'book.confirm').data;
    expect(confirm['date']).toBe('2026-12-02');
    expect(String(confirm['deskId'])).toMatch(/^ny1-/);
    expect(await bookingsOf(ALICE)).toEqual([]);

    await click(confirm);
    expect(await bookingsOf(ALICE)).toEqual([{ date: '2026-12-02', siteId: 'new-york' }]);
  });

  it('the same words, with Brussels chosen, suggest Thursday 3 December, the day after Brussels\'s today', async () => {
    const ask = await say('book a desk tomorrow');
    const suggestion = await click(action(ask, 'site.choose', 'Brussels HQ').data);
    const confirm = action(suggestion, 'book.confirm').data;
    expect(confirm['date']).toBe('2026-12-03');
    expect(String(confirm['deskId'])).toMatch(/^bx1-/);
  });

  it('remembers the choice for the conversation, on every instance of the server', async () => {
    const ask = await say('book a desk tomorrow');
    await click(action(ask, 'site.choose', 'New York').data);
    const again = await say('book a desk tomorrow');
    expect(actionsOf(again).some((a) => a.verb === 'site.choose')).toBe(false);
    expect(action(again, 'book.confirm').data['date']).toBe('2026-12-02');
    const other = await startBotServer(h, [BRUSSELS, NEW_YORK], NOW);
    try {
      const there = await say('book a desk tomorrow', ALICE, 'en-US', other);
      expect(String(action(there, 'book.confirm').data['deskId'])).toMatch(/^ny1-/);
    } finally {
      await other.close();
    }
    // Another person in another chat is still asked.
    expect(textOf(await say('book a desk tomorrow', CAROL))).toMatch(/Which site\?/);
  });

  it('"book a desk tomorrow in Brussels HQ" books in Brussels without asking, and Brussels stays the chat\'s site', async () => {
    const suggestion = await say('book a desk tomorrow in Brussels HQ');
    const confirm = action(suggestion, 'book.confirm').data;
    expect(confirm['date']).toBe('2026-12-03');
    expect(String(confirm['deskId'])).toMatch(/^bx1-/);
    const next = await say('book a desk Friday');
    expect(String(action(next, 'book.confirm').data['deskId'])).toMatch(/^bx1-/);
    // Naming the other site switches to it.
    const ny = await say('réserve un bureau demain à new york', ALICE, 'fr-BE');
    expect(action(ny, 'book.confirm').data['date']).toBe('2026-12-02');
    expect(String(action(ny, 'book.confirm').data['deskId'])).toMatch(/^ny1-/);
  });

  it('uses the site of the person\'s most recent booking, with its time zone', async () => {
    const res = await fetch(`${bot.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-user': BOB.aadObjectId },
      body: JSON.stringify({ deskId: 'ny1-0-0', date: '2026-12-04', requestId: 'bob-ny-friday' }),
    });
    expect(res.status).toBe(201);
    const suggestion = await say('book a desk tomorrow', BOB);
    expect(actionsOf(suggestion).some((a) => a.verb === 'site.choose')).toBe(false);
    expect(action(suggestion, 'book.confirm').data['date']).toBe('2026-12-02');
    expect(String(action(suggestion, 'book.confirm').data['deskId'])).toMatch(/^ny1-/);
  });

  it('"book a desk" with no day, once a site is chosen, offers that site\'s next bookable days', async () => {
    const ask = await say('book a desk');
    const days = await click(action(ask, 'site.choose', 'New York').data);
    // Still Tuesday 1 December in New York: today is bookable there; in Brussels it is already the 2nd.
    expect(actionsOf(days).filter((a) => a.verb === 'book.day').map((a) => a.data['date'])[0]).toBe('2026-12-01');
    const picked = await click(action(days, 'book.day').data);
    expect(String(action(picked, 'book.confirm').data['deskId'])).toMatch(/^ny1-/);
  });

  it.each([
    ['réserve un bureau demain', 'fr-BE', /Quel site/],
    ['boek een bureau morgen', 'nl-BE', /Welke site\?/],
    ['morgen einen Schreibtisch buchen', 'de-DE', /Welcher Standort\?/],
  ])('asks which site in the person\'s language: %j', async (text, locale, title) => {
    const card = await say(text, ALICE, locale);
    expect(textOf(card)).toMatch(title);
    expect(actionsOf(card).filter((a) => a.verb === 'site.choose')).toHaveLength(2);
  });
});
