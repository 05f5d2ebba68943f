import nock from 'nock';
import { checkInvariants } from '../support/invariant-checker';
import { ALICE, BOB, actionsOf, cardsOf, executeActivity, invokeCard, messageActivity, post, SERVICE_URL, startBotServer, textOf, type BotServer } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 4 }, bookableWeekdays: [1, 2, 3, 4, 5] } });

describe('the bot over HTTP at /api/messages', () => {
  let h: StoreHarness;
  let bot: BotServer;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
  beforeEach(async () => {
    h = await azuriteHarness();
    bot = await startBotServer(h, [catalog], NOW);
  });
  afterEach(async () => {
    await bot.close();
    nock.cleanAll();
  });

  async function suggestFor(text: string, person = ALICE, locale = 'en-US') {
    const res = await post(bot.url, messageActivity(person, text, { locale }));
    expect(res.status).toBe(200);
    const [card] = cardsOf(res.json);
    expect(card).toBeDefined();
    return card!;
  }

  it('answers "book a desk Thursday" with a suggestion, and Confirm books it for the caller', async () => {
    const card = await suggestFor('book a desk Thursday');
    expect(textOf(card)).toMatch(/Thursday 3 December/);
    const confirm = actionsOf(card).find((a) => a.verb === 'book.confirm');
    expect(confirm?.data).toMatchObject({ date: '2026-12-03', deskId: expect.any(String), requestId: expect.any(String) });

    const res = await post(bot.url, executeActivity(ALICE, confirm!.data));
    expect(res.status).toBe(200);
    const booked = invokeCard(res.json);
    expect(textOf(booked)).toMatch(/Booked/);
    expect(actionsOf(booked).map((a) => a.verb)).toContain('booking.cancel');

    const stored = await h.reservations.listBookingsOfDay('2026-12-03');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ userId: ALICE.aadObjectId, deskId: confirm!.data['deskId'], status: 'booked' });
  });

  it('books once when Teams redelivers the same Confirm, or the button is clicked twice', async () => {
    const card = await suggestFor('book a desk Thursday');
    const confirm = actionsOf(card).find((a) => a.verb === 'book.confirm')!;
    const activity = executeActivity(ALICE, confirm.data);
    const [a, b] = await Promise.all([post(bot.url, activity), post(bot.url, activity)]);
    const c = await post(bot.url, executeActivity(ALICE, confirm.data));
    for (const r of [a, b, c]) expect(textOf(invokeCard(r.json))).toMatch(/Booked/);
    expect(await h.reservations.listBookingsOfDay('2026-12-03')).toHaveLength(1);
  });

  it('never lets someone else cancel a booking from its card, whatever the card data says', async () => {
    const card = await suggestFor('book a desk Thursday');
    const confirm = actionsOf(card).find((a) => a.verb === 'book.confirm')!;
    const booked = invokeCard((await post(bot.url, executeActivity(ALICE, confirm.data))).json);
    const cancel = actionsOf(booked).find((a) => a.verb === 'booking.cancel')!;
    // Bob clicks Alice's card (a group chat), and even forges a userId into the data.
    const res = await post(bot.url, executeActivity(BOB, { ...cancel.data, userId: ALICE.aadObjectId }));
    expect(textOf(invokeCard(res.json))).toMatch(/belong to the person this card was made for/);
    const [stored] = await h.reservations.listBookingsOfDay('2026-12-03');
    expect(stored?.status).toBe('booked');
    // Alice can.
    const mine = await post(bot.url, executeActivity(ALICE, cancel.data));
    expect(textOf(invokeCard(mine.json))).toMatch(/cancelled/i);
    expect((await h.reservations.listBookingsOfDay('2026-12-03'))[0]?.status).toBe('released');
  });

  it('refuses a desk too close to a booked one with the numbers and alternatives as buttons', async () => {
    const first = actionsOf(await suggestFor('book desk 1.05 Thursday')).find((a) => a.verb === 'book.confirm')!;
    expect(first.data['deskId']).toBe('f1-0-5');
    await post(bot.url, executeActivity(ALICE, first.data));
    const refusal = await suggestFor('book desk 1.06 Thursday', BOB);
    expect(textOf(refusal)).toMatch(/1 m from desk 1.05.*1.5 m/);
    const alternatives = actionsOf(refusal).filter((a) => a.verb === 'book.confirm');
    expect(alternatives.length).toBeGreaterThan(0);
  });

  it('answers in French when the text is French, whatever the client locale', async () => {
    const card = await suggestFor('réserve un bureau jeudi', ALICE, 'en-US');
    expect(textOf(card)).toMatch(/jeudi 3 décembre/);
    expect(actionsOf(card).map((a) => a.title)).toContain('Confirmer');
  });

  // Issue 12: several days used to be booked without asking; now one Confirm books them, and the card offers undo.
  it('asks before booking several days, books them on one Confirm, and undoes them on one click', async () => {
    const ask = await suggestFor('book a desk Monday to Wednesday');
    expect(textOf(ask)).toMatch(/Book these days\?/);
    expect(await Promise.all(['2026-12-07', '2026-12-08', '2026-12-09'].map((d) => h.reservations.listBookingsOfDay(d)))).toEqual([[], [], []]);
    const confirm = actionsOf(ask).find((a) => a.verb === 'book.days')!;
    const outcome = invokeCard((await post(bot.url, executeActivity(ALICE, confirm.data))).json);
    expect(textOf(outcome)).toMatch(/Booked: 3\. Not booked: 0\./);
    const days = (await Promise.all(['2026-12-07', '2026-12-08', '2026-12-09'].map((d) => h.reservations.listBookingsOfDay(d)))).map((x) => x.length);
    expect(days).toEqual([1, 1, 1]);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [catalog])).violations).toEqual([]);
    const undo = actionsOf(outcome).find((a) => a.verb === 'bookings.cancelMany')!;
    const undone = invokeCard((await post(bot.url, executeActivity(ALICE, undo.data))).json);
    expect(textOf(undone)).toMatch(/Your cancellations/);
    expect(await h.reservations.listActiveBookingsOfUser(ALICE.aadObjectId, '2026-12-01', '2026-12-31')).toEqual([]);
  });

  it('lists my bookings, and answers anything else with help in the user language', async () => {
    const confirm = actionsOf(await suggestFor('book a desk Thursday')).find((a) => a.verb === 'book.confirm')!;
    await post(bot.url, executeActivity(ALICE, confirm.data));
    const list = await suggestFor('my bookings');
    expect(textOf(list)).toMatch(/Thursday 3 December/);
    const help = await suggestFor('wat is het weer', ALICE, 'nl-BE');
    expect(textOf(help)).toMatch(/boek een bureau donderdag/);
  });

  it('saves the conversation reference of everyone who writes', async () => {
    await suggestFor('help');
    const ref = await bot.conversations.get(ALICE.aadObjectId);
    expect(ref).toMatchObject({ serviceUrl: SERVICE_URL, conversation: { id: `a:personal-${ALICE.aadObjectId}` } });
  });

  it('replies through the Teams connector when the turn is not expectReplies', async () => {
    const conversationId = `a:personal-${ALICE.aadObjectId}`;
    const posted: unknown[] = [];
    const scope = nock(SERVICE_URL)
      .persist()
      .post(new RegExp(`/v3/conversations/${encodeURIComponent(conversationId)}/activities.*`), (body) => {
        posted.push(body);
        return true;
      })
      .reply(200, { id: 'reply-1' });
    const res = await post(bot.url, messageActivity(ALICE, 'book a desk Thursday', { deliveryMode: 'normal' }));
    expect(res.status).toBe(200);
    const cards = posted.filter((b) => JSON.stringify(b).includes('application/vnd.microsoft.card.adaptive'));
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0])).toMatch(/Thursday 3 December/);
    scope.persist(false);
  });

  it.each([
    ['text that is not JSON', 'hello', { 'content-type': 'text/plain' }],
    ['broken JSON', '{"type": "message",', { 'content-type': 'application/json' }],
    ['an array', '[]', { 'content-type': 'application/json' }],
    ['no type', JSON.stringify({ ...messageActivity(ALICE, 'hi'), type: undefined }), { 'content-type': 'application/json' }],
    ['a from that is a string', JSON.stringify({ ...messageActivity(ALICE, 'hi'), from: 'alice' }), { 'content-type': 'application/json' }],
    ['a number as text', JSON.stringify({ ...messageActivity(ALICE, 'hi'), text: 42 }), { 'content-type': 'application/json' }],
    ['a huge body', JSON.stringify({ ...messageActivity(ALICE, 'hi'), text: 'x'.repeat(400_000) }), { 'content-type': 'application/json' }],
  ])('answers %s with a 4xx and stays up', async (_name, body, headers) => {
    const res = await post(bot.url, body, headers);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });

  it('answers card data that is forged or stale with a card, never an error', async () => {
    for (const data of [{ verb: 'book.confirm', deskId: '../../x', date: '2026-12-03', requestId: 'r1' }, { verb: 'nope' }, { verb: 'booking.cancel', bookingId: '2026-12-03.doesnotexist0' }]) {
      const res = await post(bot.url, executeActivity(ALICE, data));
      expect(res.status).toBe(200);
      expect(invokeCard(res.json)).toMatchObject({ type: 'AdaptiveCard' });
    }
  });
});
