import nock from 'nock';
import { ALICE, BOB, actionsOf, cardsOf, executeActivity, invokeCard, messageActivity, post, startBotServer, textOf, type BotServer, type Person } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 4 }, bookableWeekdays: [1, 2, 3, 4, 5] } });

/** The chat understands what people mean, or asks: turns over HTTP at /api/messages (issue 12). */
describe('the chat over HTTP: it asks rather than guess, and follow-ups act on the booking under discussion', () => {
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

  async function say(text: string, person: Person = ALICE, locale = 'en-US'): Promise<Record<string, unknown>> {
    const res = await post(bot.url, messageActivity(person, text, { locale }));
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

  function action(card: unknown, verb: string) {
    const found = actionsOf(card).find((a) => a.verb === verb);
    if (!found) throw new Error(`No ${verb} button on ${textOf(card).slice(0, 400)}`);
    return found;
  }

  async function mine(person: Person = ALICE) {
    return (await h.reservations.listActiveBookingsOfUser(person.aadObjectId, '2026-12-01', '2026-12-31')).map((b) => ({ date: b.date, deskId: b.deskId, id: b.id }));
  }

  async function bookThursday(): Promise<string> {
    const suggestion = await say('book a desk Thursday');
    await click(action(suggestion, 'book.confirm').data);
    const [booking] = await mine();
    expect(booking?.date).toBe('2026-12-03');
    return booking!.deskId;
  }

  describe('understand or ask', () => {
    it('"book a desk" with no day asks which day, offering the next bookable days, and books nothing', async () => {
      const card = await say('book a desk');
      expect(textOf(card)).toMatch(/For which day\?/);
      const days = actionsOf(card).filter((a) => a.verb === 'book.day').map((a) => a.data['date']);
      expect(days).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07']);
      expect(await mine()).toEqual([]);
      // A day picked on the card gets a suggestion for that day, still to be confirmed.
      const suggestion = await click(action(card, 'book.day').data);
      expect(textOf(suggestion)).toMatch(/Tuesday 1 December/);
      expect(action(suggestion, 'book.confirm').data['date']).toBe('2026-12-01');
      expect(await mine()).toEqual([]);
    });

    it.each([
      ['book a desk yesterday', 'en-US', 'yesterday'],
      ['buche einen Platz am 31. Februar', 'de-DE', '31. Februar'],
      ['book a desk for 3 days', 'en-US', 'for 3 days'],
      ['réserve un bureau lundi dernier', 'fr-BE', 'lundi dernier'],
      ['boek een bureau met kerst', 'nl-BE', 'kerst'],
    ])('%j names the words it could not use, asks, and books nothing', async (text, locale, words) => {
      const card = await say(text, ALICE, locale);
      expect(textOf(card)).toContain(words);
      expect(actionsOf(card).some((a) => a.verb === 'book.confirm')).toBe(false);
      expect(actionsOf(card).filter((a) => a.verb === 'book.day').length).toBeGreaterThan(0);
      expect(await mine()).toEqual([]);
    });

    it('"December 3" said on the 6th is a day gone by: it asks, it does not book next year', async () => {
      await bot.close();
      bot = await startBotServer(h, [catalog], '2026-12-06T10:00:00Z');
      const card = await say('book a desk December 3');
      expect(textOf(card)).toContain('December 3');
      expect(actionsOf(card).some((a) => a.verb === 'book.confirm')).toBe(false);
    });

    it('"book a desk next week except Wednesday" offers the other four days, in one confirmation', async () => {
      const card = await say('book a desk next week except Wednesday');
      expect(action(card, 'book.days').data['dates']).toEqual(['2026-12-07', '2026-12-08', '2026-12-10', '2026-12-11']);
    });

    it('"boek een bureau di en do volgende week" reads the short Dutch weekdays', async () => {
      const card = await say('boek een bureau di en do volgende week', ALICE, 'nl-BE');
      expect(action(card, 'book.days').data['dates']).toEqual(['2026-12-08', '2026-12-10']);
      expect(textOf(card)).toMatch(/Deze dagen boeken\?/);
    });
  });

  describe('several days: confirm, outcome per day, undo', () => {
    it('refuses a day with its reason and an alternative, books the others, and undoes only what it booked', async () => {
      // Bob fills Wednesday's zone A and B capacity... simpler: Alice already holds Wednesday.
      const wednesday = await say('book a desk Wednesday');
      await click(action(wednesday, 'book.confirm').data);
      const ask = await say('book a desk Monday to Wednesday next week and tomorrow');
      const dates = action(ask, 'book.days').data['dates'];
      expect(dates).toEqual(['2026-12-02', '2026-12-07', '2026-12-08', '2026-12-09']);
      const outcome = await click(action(ask, 'book.days').data);
      expect(textOf(outcome)).toMatch(/Booked: 3\. Not booked: 1\./);
      expect(textOf(outcome)).toMatch(/You already have a desk on Wednesday 2 December/);
      const undo = action(outcome, 'bookings.cancelMany');
      expect((undo.data['bookingIds'] as string[]).length).toBe(3);
      const undone = await click(undo.data);
      expect(textOf(undone)).toMatch(/Cancelled: 3\. Not cancelled: 0\./);
      // The Wednesday booked before is kept.
      expect((await mine()).map((b) => b.date)).toEqual(['2026-12-02']);
    });

    it('keeps the desk asked for on each day of a multi-day request', async () => {
      const ask = await say('book desk 2.05 Monday to Wednesday next week');
      const wanted = catalog.desks.find((d) => d.label === '2.05')!.id;
      expect(action(ask, 'book.days').data['deskId']).toBe(wanted);
      await click(action(ask, 'book.days').data);
      expect((await mine()).map((b) => b.deskId)).toEqual([wanted, wanted, wanted]);
    });

    it('cancelling several days answers with a cancellation summary', async () => {
      const ask = await say('book a desk Monday to Wednesday next week');
      await click(action(ask, 'book.days').data);
      const question = await say('cancel Monday to Wednesday next week');
      expect(textOf(question)).toMatch(/Cancel these 3 bookings\?/);
      expect(await mine()).toHaveLength(3);
      const card = await click(action(question, 'bookings.cancelMany').data);
      expect(textOf(card)).toMatch(/Your cancellations/);
      expect(textOf(card)).toMatch(/Cancelled: 3\. Not cancelled: 0\./);
      expect(textOf(card)).not.toMatch(/booking summary|Booked: 3/);
      expect(await mine()).toEqual([]);
    });
  });

  describe('follow-ups on the booking under discussion', () => {
    it('"another desk" after booking Thursday changes Thursday\'s desk, and keeps one booking', async () => {
      const before = await bookThursday();
      const card = await say('change to another desk');
      expect(textOf(card)).toMatch(/Desk changed/);
      const after = await mine();
      expect(after).toHaveLength(1);
      expect(after[0]!.date).toBe('2026-12-03');
      expect(after[0]!.deskId).not.toBe(before);
    });

    it('"another desk" after a suggestion offers other desks of that day, not another day', async () => {
      const suggestion = await say('book a desk Thursday');
      const suggested = action(suggestion, 'book.confirm').data['deskId'];
      const card = await say('another desk please');
      const picks = actionsOf(card).filter((a) => a.verb === 'book.confirm');
      expect(picks.length).toBeGreaterThan(0);
      expect(picks.every((p) => p.data['date'] === '2026-12-03' && p.data['deskId'] !== suggested)).toBe(true);
      expect(await mine()).toEqual([]);
    });

    it('"move it to Friday" moves Thursday\'s booking: Friday booked, Thursday freed', async () => {
      await bookThursday();
      const card = await say('move it to Friday');
      expect(textOf(card)).toMatch(/Booking moved/);
      expect((await mine()).map((b) => b.date)).toEqual(['2026-12-04']);
      expect(await h.reservations.listBookingsOfDay('2026-12-03').then((l) => l.filter((b) => b.status === 'booked'))).toEqual([]);
    });

    it('"move my Thursday booking to Friday" needs no discussion, in a new conversation too', async () => {
      await bookThursday();
      const res = await post(bot.url, messageActivity(ALICE, 'move my Thursday booking to Friday', { conversation: { id: 'another-chat', conversationType: 'personal', tenantId: 'tenant-1' } }));
      expect(textOf(cardsOf(res.json)[0])).toMatch(/Booking moved/);
      expect((await mine()).map((b) => b.date)).toEqual(['2026-12-04']);
    });

    it('a move to a day that cannot be booked keeps the old booking', async () => {
      await bookThursday();
      const card = await say('move it to Saturday');
      expect(textOf(card)).toMatch(/Not moved/);
      expect(textOf(card)).toMatch(/Saturday is not a bookable day/);
      expect((await mine()).map((b) => b.date)).toEqual(['2026-12-03']);
    });

    it('"move it to Friday" with nothing under discussion asks which booking', async () => {
      const card = await say('move it to Friday');
      expect(textOf(card)).toMatch(/Which booking should I move\?/);
      expect(await mine()).toEqual([]);
    });

    it('"not Thursday after all" offers to cancel Thursday; Cancel cancels, a second press says it is already cancelled', async () => {
      await bookThursday();
      const offer = await say('not Thursday after all');
      expect(textOf(offer)).toMatch(/Cancel your booking\?/);
      expect(await mine()).toHaveLength(1);
      const cancel = action(offer, 'booking.cancel');
      const done = await click(cancel.data);
      expect(textOf(done)).toMatch(/cancelled/i);
      expect(await mine()).toEqual([]);
      const again = await click(cancel.data);
      expect(textOf(again)).toMatch(/Already cancelled/);
      expect(textOf(again)).not.toMatch(/released/);
    });

    it('"not Thursday after all" while several days wait for Confirm shows the days again without Thursday', async () => {
      const ask = await say('book a desk Monday to Thursday next week');
      expect(action(ask, 'book.days').data['dates']).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10']);
      const again = await say('not Thursday after all');
      expect(action(again, 'book.days').data['dates']).toEqual(['2026-12-07', '2026-12-08', '2026-12-09']);
      expect(await mine()).toEqual([]);
      await click(action(again, 'book.days').data);
      expect((await mine()).map((b) => b.date)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09']);
    });

    it.each([
      ["I can't come on Thursday", 'en-US', /Cancel your booking\?/],
      ['je ne viendrai pas jeudi', 'fr-BE', /Annuler votre réservation/],
      ['ik kan donderdag niet komen', 'nl-BE', /Uw boeking annuleren\?/],
      ['ich kann am Donnerstag nicht kommen', 'de-DE', /Buchung stornieren\?/],
    ])('%j offers to cancel Thursday, and cancels nothing yet', async (text, locale, title) => {
      await bookThursday();
      const card = await say(text, ALICE, locale);
      expect(textOf(card)).toMatch(title);
      expect(action(card, 'booking.cancel')).toBeDefined();
      expect(await mine()).toHaveLength(1);
    });

    it('keeps each person\'s discussion apart', async () => {
      await bookThursday();
      const card = await say('move it to Friday', BOB);
      expect(textOf(card)).toMatch(/Which booking should I move\?/);
      expect((await mine()).map((b) => b.date)).toEqual(['2026-12-03']);
    });
  });

  describe('wishes the site cannot meet are said plainly', () => {
    it('names a feature no desk has, and still suggests a desk with the rest of the wish', async () => {
      const card = await say('book a desk with a monitor near the window on Thursday');
      expect(textOf(card)).toContain('No desk has \\"window\\"');
      const confirm = action(card, 'book.confirm');
      const desk = catalog.desks.find((d) => d.id === confirm.data['deskId']);
      expect(desk?.attributes).toContain('monitor');
    });

    it('calls a full zone full, with its cap', async () => {
      await bot.close();
      const tight = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 0, zoneCapacity: { kind: 'count', value: 1 }, bookableWeekdays: [1, 2, 3, 4, 5] } });
      bot = await startBotServer(h, [tight], NOW);
      const bobs = await say('book desk 2.00 on Thursday', BOB);
      await click(action(bobs, 'book.confirm').data, BOB);
      const card = await say('book a desk in zone B on Thursday');
      expect(textOf(card)).toContain('Zone B is at its 1-person cap on Thursday 3 December.');
      expect(await mine()).toEqual([]);
    });

    it('searches every floor that has a zone of that name', async () => {
      await bot.close();
      const one = gridCatalog({ floorId: 'f1' });
      const two = gridCatalog({ floorId: 'f2' });
      // On the first floor, zone B has no bookable desk; the second floor's zone B has room.
      const site = {
        ...one,
        floors: [...one.floors, ...two.floors],
        zones: [...one.zones, ...two.zones],
        desks: [...one.desks.map((d) => (d.zoneId === 'f1-z1' ? { ...d, mode: 'off' as const } : d)), ...two.desks.map((d) => ({ ...d, label: `b${d.label}` }))],
      };
      bot = await startBotServer(h, [site], NOW);
      const card = await say('book a desk in zone B on Thursday');
      expect(action(card, 'book.confirm').data['deskId']).toMatch(/^f2-1-/);
    });
  });

  describe('greetings and thanks', () => {
    it.each([
      ['hi', 'en-US', /Hello/],
      ['bonjour', 'fr-BE', /Bonjour/],
      ['goedemorgen', 'nl-BE', /Hallo/],
      ['Danke!', 'de-DE', /Gern geschehen/],
      ['thanks!', 'en-US', /You are welcome/],
    ])('%j is answered briefly in kind', async (text, locale, answer) => {
      const card = await say(text, ALICE, locale);
      expect(textOf(card)).toMatch(answer);
      expect(textOf(card)).not.toMatch(/did not understand|pas compris|niet begrepen|nicht verstanden/);
    });
  });
});
