import nock from 'nock';
import { ALICE, actionsOf, cardsOf, executeActivity, invokeCard, messageActivity, post, startBotServer, textOf, type BotServer, type Person } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 4 }, bookableWeekdays: [1, 2, 3, 4, 5] } });

/**
 * What a colleague wrote to the running bot that used to book or cancel a day they did not name (the chat, tried
 * as a stranger). Over HTTP at /api/messages, on Azurite.
 */
describe('the chat understands or asks: it never cancels or books a day on a guess', () => {
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
    bot = await startBotServer(h, [catalog], NOW);
  });
  afterEach(async () => {
    await bot.close();
  });

  async function say(text: string, locale = 'en-US', person: Person = ALICE): Promise<Record<string, unknown>> {
    const res = await post(bot.url, messageActivity(person, text, { locale }));
    expect(res.status).toBe(200);
    const [card] = cardsOf(res.json);
    expect(card).toBeDefined();
    return card!;
  }

  async function click(data: Record<string, unknown>, locale = 'en-US'): Promise<Record<string, unknown>> {
    const res = await post(bot.url, executeActivity(ALICE, data, { locale }));
    expect(res.status).toBe(200);
    return invokeCard(res.json);
  }

  function action(card: unknown, verb: string) {
    const found = actionsOf(card).find((a) => a.verb === verb);
    if (!found) throw new Error(`No ${verb} button on ${textOf(card).slice(0, 400)}`);
    return found;
  }

  async function mine(): Promise<string[]> {
    return (await h.reservations.listActiveBookingsOfUser(ALICE.aadObjectId, '2026-12-01', '2026-12-31')).map((b) => b.date);
  }

  async function book(day: string): Promise<void> {
    const suggestion = await say(`book a desk ${day}`);
    await click(action(suggestion, 'book.confirm').data);
  }

  describe('a cancellation typed in chat is confirmed first', () => {
    it.each([
      ['cancel thursday', 'en-US', 'Cancel this booking?', 'Yes, cancel it', 'No, keep it', 'Booking cancelled'],
      ['annule jeudi', 'fr-BE', 'Annuler cette réservation ?', 'Oui, l’annuler', 'Non, la garder', 'Réservation annulée'],
      ['annuleer donderdag', 'nl-BE', 'Deze boeking annuleren?', 'Ja, annuleren', 'Nee, houden', 'Reservering geannuleerd'],
      ['storniere Donnerstag', 'de-DE', 'Diese Buchung stornieren?', 'Ja, stornieren', 'Nein, behalten', 'Buchung storniert'],
    ])('%j names the booking and cancels nothing until "yes"; "keep" keeps it', async (text, locale, title, yes, keep, done) => {
      await book('thursday');
      await book('friday');
      const question = await say(text, locale);
      // French puts a no-break space before "?".
      const plain = (x: string): string => x.replace(/[\u00a0\u202f]/g, ' ');
      expect(plain(textOf(question))).toContain(title);
      expect(plain(action(question, 'booking.cancel').title)).toBe(yes);
      expect(plain(action(question, 'bookings.show').title)).toBe(keep);
      expect(await mine()).toEqual(['2026-12-03', '2026-12-04']);
      // "Keep": the bookings, still there.
      const kept = await click(action(question, 'bookings.show').data, locale);
      expect(actionsOf(kept).filter((a) => a.verb === 'booking.cancel')).toHaveLength(2);
      expect(await mine()).toEqual(['2026-12-03', '2026-12-04']);
      // "Yes": only Thursday goes.
      const answer = await click(action(question, 'booking.cancel').data, locale);
      expect(textOf(answer)).toContain(done);
      expect(await mine()).toEqual(['2026-12-04']);
    });

    it('"cancel thursday and friday" with only Thursday booked offers Thursday and says Friday holds nothing', async () => {
      await book('thursday');
      const question = await say('cancel thursday and friday');
      expect(textOf(question)).toContain('Cancel this booking?');
      expect(textOf(question)).toContain('You have no booking on Friday 4 December.');
      expect(await mine()).toEqual(['2026-12-03']);
      await click(action(question, 'booking.cancel').data);
      expect(await mine()).toEqual([]);
    });

    it.each([
      ["don't cancel thursday", 'en-US'],
      ["n'annule pas jeudi", 'fr-BE'],
      ['annuleer donderdag niet', 'nl-BE'],
      ['Donnerstag nicht stornieren', 'de-DE'],
    ])('%j cancels nothing and offers nothing to cancel', async (text, locale) => {
      await book('thursday');
      const card = await say(text, locale);
      expect(actionsOf(card).some((a) => a.verb === 'booking.cancel' || a.verb === 'bookings.cancelMany')).toBe(false);
      expect(await mine()).toEqual(['2026-12-03']);
    });

    it('"cancel thursday or friday" asks which, and cancels nothing', async () => {
      await book('thursday');
      await book('friday');
      const card = await say('cancel thursday or friday');
      expect(textOf(card)).toContain('thursday or friday');
      expect(actionsOf(card).some((a) => a.verb === 'booking.cancel')).toBe(false);
      expect(await mine()).toEqual(['2026-12-03', '2026-12-04']);
    });

    it('"I won\'t need my desk thursday" offers to cancel it instead of booking Thursday again', async () => {
      await book('thursday');
      const card = await say("I won't need my desk thursday");
      expect(textOf(card)).toMatch(/Cancel your booking\?/);
      expect(await mine()).toEqual(['2026-12-03']);
    });
  });

  describe('the desk suggested in chat is one of the person\'s own first', () => {
    async function favour(deskId: string): Promise<void> {
      const res = await fetch(`${bot.url}/api/favourites/${deskId}`, { method: 'PUT', headers: { 'x-dev-user': ALICE.aadObjectId } });
      expect(res.status).toBe(200);
    }

    it.each([
      ['book a desk thursday', 'en-US', 'It is one of your favourite desks.'],
      ['réserve un bureau jeudi', 'fr-BE', 'C’est un de vos bureaux favoris.'],
      ['boek een bureau donderdag', 'nl-BE', 'Het is een van uw favoriete bureaus.'],
      ['Donnerstag einen Schreibtisch buchen', 'de-DE', 'Es ist einer Ihrer Lieblingsschreibtische.'],
    ])('%j offers the favourite set in the tab, and says so', async (text, locale, why) => {
      const favourite = catalog.desks.find((d) => d.label === '2.07')!.id;
      await favour(favourite);
      const card = await say(text, locale);
      expect(action(card, 'book.confirm').data['deskId']).toBe(favourite);
      expect(textOf(card)).toContain(why);
      expect(textOf(card)).not.toMatch(/desk you asked for|vous avez demandé|waar u om vroeg|Sie gebeten haben/);
    });

    it('"book a desk friday" after desk 2.05 on Thursday offers 2.05 again, as the desk of last time', async () => {
      const first = await say('book desk 2.05 thursday');
      await click(action(first, 'book.confirm').data);
      const card = await say('book a desk friday');
      expect(action(card, 'book.confirm').data['deskId']).toBe(catalog.desks.find((d) => d.label === '2.05')!.id);
      expect(textOf(card)).toContain('It is the desk you had last time.');
    });
  });

  describe('days read as meant, or asked about', () => {
    it('"book a desk 12/14" is Monday 14 December: 14 cannot be a month', async () => {
      const card = await say('book a desk 12/14');
      expect(action(card, 'book.confirm').data['date']).toBe('2026-12-14');
    });

    it.each([
      ['the day after', 'en-US', 'the day after'],
      ['le lendemain', 'fr-BE', 'le lendemain'],
      ['book a desk thursday or friday', 'en-US', 'thursday or friday'],
      ['jeudi en huit', 'fr-BE', 'jeudi en huit'],
      ['book a desk early next week', 'en-US', 'early next week'],
    ])('%j asks which day, quoting the words, and offers nothing to confirm', async (text, locale, words) => {
      const card = await say(text, locale);
      expect(textOf(card)).toContain(words);
      expect(actionsOf(card).some((a) => a.verb === 'book.confirm' || a.verb === 'book.days')).toBe(false);
      expect(actionsOf(card).filter((a) => a.verb === 'book.day').length).toBeGreaterThan(0);
    });

    it('"not Thursday, Friday" suggests Friday alone', async () => {
      const card = await say('not Thursday, Friday');
      expect(action(card, 'book.confirm').data['date']).toBe('2026-12-04');
      expect(actionsOf(card).some((a) => a.verb === 'book.days')).toBe(false);
    });
  });
});
