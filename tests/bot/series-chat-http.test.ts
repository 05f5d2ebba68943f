import nock from 'nock';
import { ALICE, BOB, actionsOf, cardsOf, executeActivity, invokeCard, messageActivity, post, textOf, type Person } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { startSeriesServer, type SeriesServer } from '../support/series-server';
import { azuriteHarness, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels: the booking window runs to Tuesday 15 December.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, bookableWeekdays: [1, 2, 3, 4, 5] } });

/** A recurring series in chat (issue 17 §2): turns over HTTP to /api/messages, on Azurite. */
describe('a recurring series in chat', () => {
  let h: StoreHarness;
  let bot: SeriesServer;
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    h = await azuriteHarness();
    bot = await startSeriesServer(h, [catalog], NOW);
  });
  afterEach(() => bot.close());

  async function say(text: string, locale = 'en-US', person: Person = ALICE): Promise<Record<string, unknown>> {
    const res = await post(bot.url, messageActivity(person, text, { locale }));
    expect(res.status).toBe(200);
    const [card] = cardsOf(res.json);
    expect(card).toBeDefined();
    return card!;
  }
  async function click(card: unknown, verb: string, person: Person = ALICE): Promise<Record<string, unknown>> {
    const found = actionsOf(card).find((a) => a.verb === verb);
    if (!found) throw new Error(`No ${verb} button on ${textOf(card).slice(0, 400)}`);
    const res = await post(bot.url, executeActivity(person, found.data));
    expect(res.status).toBe(200);
    return invokeCard(res.json);
  }
  const mine = async (person: Person = ALICE) =>
    (await h.reservations.listActiveBookingsOfUser(person.aadObjectId, '2026-12-01', '2027-02-28')).map((b) => b.date).sort();

  it('shows the days and the end it understood, books nothing before Confirm, then books the window and lists the rest as pending', async () => {
    const preview = await say('book a desk every Tuesday and Thursday until 31 January');
    const text = textOf(preview);
    expect(text).toContain('every Tuesday and Thursday');
    expect(text).toContain('Sunday 31 January');
    expect(text).toContain('18 days');
    expect(actionsOf(preview).map((a) => a.verb)).toEqual(['series.confirm', 'series.dismiss']);
    expect(await mine()).toEqual([]);

    const result = await click(preview, 'series.confirm');
    expect(textOf(result)).toContain('Booked (5)');
    expect(textOf(result)).toContain('(13)');
    expect(await mine()).toEqual(['2026-12-01', '2026-12-03', '2026-12-08', '2026-12-10', '2026-12-15']);
    // A second press of the same Confirm books nothing twice.
    await click(preview, 'series.confirm');
    expect(await mine()).toHaveLength(5);
    expect((await bot.call('GET', '/api/series', { user: ALICE.aadObjectId })).body).toHaveLength(1);

    const cancelled = await click(result, 'series.cancelRest');
    expect(textOf(cancelled)).toContain('Series cancelled');
    expect(await mine()).toEqual([]);
    expect((await bot.call('GET', '/api/series', { user: ALICE.aadObjectId })).body[0].pending).toEqual([]);
  });

  it('proposes an end of twelve weeks when none was said, and says so', async () => {
    const preview = await say('book a desk every monday');
    expect(textOf(preview)).toContain('From Monday 7 December until Sunday 28 February: 12 days');
    expect(textOf(preview)).toContain('You did not say until when');
    const dismissed = await click(preview, 'series.dismiss');
    expect(textOf(dismissed)).toContain('nothing was booked');
    expect(await mine()).toEqual([]);
  });

  it('books every other Tuesday, and never the Tuesday in between', async () => {
    const preview = await say('book every other Tuesday until 12 January');
    expect(textOf(preview)).toContain('every other Tuesday');
    await click(preview, 'series.confirm');
    expect(await mine()).toEqual(['2026-12-01', '2026-12-15']);
    const [series] = (await bot.call('GET', '/api/series', { user: ALICE.aadObjectId })).body;
    expect(series.pending).toEqual(['2026-12-29', '2027-01-12']);
  });

  it.each([
    ['fr-BE', 'réserve un bureau tous les mardis', 'tous les mardis', 'Confirmer', ['2026-12-01', '2026-12-08', '2026-12-15']],
    ['nl-BE', 'elke maandag', 'elke maandag', 'Bevestigen', ['2026-12-07', '2026-12-14']],
    ['de-DE', 'jeden Mittwoch', 'jeden Mittwoch', 'Bestätigen', ['2026-12-02', '2026-12-09']],
    ['nl-BE', 'boek elke di en do tot 31 januari', 'elke dinsdag en donderdag', 'Bevestigen', ['2026-12-01', '2026-12-03', '2026-12-08', '2026-12-10', '2026-12-15']],
  ])('in %s, "%s" is read as "%s" and booked on "%s"', async (locale, phrase, pattern, confirm, booked) => {
    const preview = await say(phrase, locale);
    expect(textOf(preview)).toContain(pattern);
    expect(actionsOf(preview).find((a) => a.verb === 'series.confirm')?.title).toBe(confirm);
    await click(preview, 'series.confirm');
    expect(await mine()).toEqual(booked);
  });

  it('lists a refused day with the rule that refused it, and keeps the other days', async () => {
    expect((await bot.call('POST', '/api/bookings', { user: BOB.aadObjectId, body: { deskId: 'f1-0-5', date: '2026-12-03' } })).status).toBe(201);
    const preview = await say('book desk 1.05 every Thursday until 10 December');
    expect(textOf(preview)).toContain('1.05');
    const result = await click(preview, 'series.confirm');
    expect(textOf(result)).toMatch(/Not booked \(1\)/);
    expect(textOf(result)).toMatch(/1\.05[^"]*(taken|booked)/i);
    expect(await mine()).toEqual(['2026-12-10']);
  });

  it('keeps days that are not a repeat in the several-days flow: "book Tu and Th" is not a series', async () => {
    const card = await say('book Tu and Th');
    expect(actionsOf(card).map((a) => a.verb)).not.toContain('series.confirm');
    expect(actionsOf(card).map((a) => a.verb)).toContain('book.days');
  });

  it('answers a forged or stale series button with a stale card, and books nothing', async () => {
    const res = await post(bot.url, executeActivity(ALICE, { verb: 'series.confirm', weekdays: [9], every: 1, from: '2026-12-01', until: '2026-12-31', requestId: 'x' }));
    expect(res.status).toBe(200);
    expect(textOf(invokeCard(res.json))).not.toContain('Booked');
    expect(await mine()).toEqual([]);
  });
});
