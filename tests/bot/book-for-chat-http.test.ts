import nock from 'nock';
import { actionsOf, cardsOf, executeActivity, invokeCard, messageActivity, post, textOf, type Person } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { personalConversationId, referenceFor } from '../use-cases/reminders/support/reminder-world';
import { fakeConnector, startAdminServer, untilCards, type AdminServer } from '../api/admin-harness';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const THURSDAY = '2026-12-03';
const FRIDAY = '2026-12-04';
// Desks 2 m apart (only the person's own rules refuse), at most two bookings a week each.
const catalog = gridCatalog({ zones: 1, cols: 4, rows: 4, pitch: 2, policy: { minDistanceM: 1.5, weeklyQuota: 2 } });

const DAN: Person = { aadObjectId: 'dan', name: 'Dan Delegate' };
const EVE: Person = { aadObjectId: 'eve', name: 'Eve Stranger' };

/**
 * Booking for a colleague in chat (issue 17 §3): turns over HTTP to /api/messages of the real server on Azurite. The
 * colleagues delegate through the REST API, as the tab does; their Teams cards go to a stand-in connector.
 */
describe('booking a desk for a colleague in chat', () => {
  let h: StoreHarness;
  let api: AdminServer;
  let connector: ReturnType<typeof fakeConnector>;
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    h = await azuriteHarness();
    api = await startAdminServer(h, [catalog], NOW);
    connector = fakeConnector();
    for (const u of ['ann', 'ann2', 'dan']) await api.tables.conversations.save(u, referenceFor(u, u === 'ann' ? 'fr-BE' : 'en-US'));
  });
  afterEach(async () => {
    connector.done();
    await api.close();
  });

  const delegate = async (owner: string, ownerName: string, to = 'dan') =>
    expect((await api.call('PUT', `/api/me/delegates/${to}`, { user: owner, name: ownerName })).status).toBe(201);
  async function say(text: string, person: Person = DAN, locale = 'en-US'): Promise<Record<string, unknown>> {
    const res = await post(api.url, messageActivity(person, text, { locale }));
    expect(res.status).toBe(200);
    const [card] = cardsOf(res.json);
    expect(card).toBeDefined();
    return card!;
  }
  async function click(card: unknown, verb: string, person: Person = DAN, title?: string): Promise<Record<string, unknown>> {
    const found = actionsOf(card).find((a) => a.verb === verb && (title === undefined || a.title === title));
    if (!found) throw new Error(`No ${verb} button ${title ?? ''} on ${textOf(card).slice(0, 600)}`);
    return send(found.data, person);
  }
  async function send(data: Record<string, unknown>, person: Person = DAN): Promise<Record<string, unknown>> {
    const res = await post(api.url, executeActivity(person, data));
    expect(res.status).toBe(200);
    return invokeCard(res.json);
  }
  const bookingsOf = (userId: string) => h.reservations.listActiveBookingsOfUser(userId, '2026-12-01', '2026-12-31');
  const cardsTo = (userId: string) => connector.cards.filter((c) => c.conversationId === personalConversationId(userId));
  const verbs = (card: unknown) => actionsOf(card).map((a) => a.verb);

  it.each([
    ['en-US', 'book a desk for Ann on Thursday', 'A desk for Ann Peeters on Thursday 3 December', 'Confirm', 'Booked for Ann Peeters'],
    ['fr-BE', 'réserve un bureau pour Ann jeudi', 'Un bureau pour Ann Peeters le jeudi 3 décembre', 'Confirmer', 'Réservé pour Ann Peeters'],
    ['nl-BE', 'boek een bureau voor Ann donderdag', 'Een bureau voor Ann Peeters op donderdag 3 december', 'Bevestigen', 'Geboekt voor Ann Peeters'],
    ['de-DE', 'buche einen Platz für Ann am Donnerstag', 'Ein Platz für Ann Peeters am Donnerstag, 3. Dezember', 'Bestätigen', 'Für Ann Peeters gebucht'],
  ])('in %s, "%s" shows a desk for Ann and Confirm books it as hers, recorded as by Dan, and Ann is told once', async (locale, phrase, heading, confirm, booked) => {
    await delegate('ann', 'Ann Peeters');
    const suggestion = await say(phrase, DAN, locale);
    expect(textOf(suggestion)).toContain(heading);
    // Only this flow's Confirm: nothing on the card books for whoever clicks it.
    expect(verbs(suggestion)).toEqual(['bookFor.confirm']);
    expect(actionsOf(suggestion)[0]!.title).toBe(confirm);
    expect(await bookingsOf('ann')).toEqual([]);

    const done = await click(suggestion, 'bookFor.confirm');
    expect(textOf(done)).toContain(booked);
    const [hers] = await bookingsOf('ann');
    expect(hers).toMatchObject({ date: THURSDAY, userId: 'ann', bookedBy: 'dan' });
    expect(await bookingsOf('dan')).toEqual([]);
    // A second click (or a redelivery) books nothing more and tells Ann nothing more.
    await click(suggestion, 'bookFor.confirm');
    expect(await bookingsOf('ann')).toHaveLength(1);
    const told = await untilCards(connector, 1);
    expect(told).toHaveLength(1);
    expect(cardsTo('ann')).toHaveLength(1);
    expect(cardsTo('ann')[0]!.text).toContain('Dan Delegate');
  });

  it('finds the colleague by first name, full name or surname, whatever the case, accents or word order of the request', async () => {
    await api.call('PUT', '/api/me/delegates/dan', { user: 'ann', name: 'Anaïs Lefèvre' });
    for (const phrase of ['book a desk for anais on thursday', 'book a desk for ANAÏS LEFEVRE on thursday', 'book a desk for Lefèvre on thursday', 'book Anaïs a desk on Thursday', 'Anais needs a desk on Thursday']) {
      const card = await say(phrase);
      expect({ phrase, text: textOf(card).includes('A desk for Anaïs Lefèvre on Thursday 3 December') }).toEqual({ phrase, text: true });
    }
  });

  it('tells a stranger that nobody lets them book for them, books nothing, and refuses a forged Confirm', async () => {
    await delegate('ann', 'Ann Peeters');
    const card = await say('book a desk for Ann on Thursday', EVE);
    expect(textOf(card)).toContain('Nobody has named you as someone who may book for them');
    expect(verbs(card)).toEqual([]);
    const fr = await say('réserve un bureau pour Ann jeudi', EVE, 'fr-BE');
    expect(textOf(fr)).toContain('Personne ne vous a désigné');
    // Eve replays Dan's card data: who acts is the activity's sender, and Eve may not book for Ann.
    const forged = await send({ verb: 'bookFor.confirm', forPersonId: 'ann', deskId: 'f1-0-0', date: THURSDAY, requestId: 'eve-forged' }, EVE);
    expect(textOf(forged)).toContain('You can book only for yourself');
    expect(await bookingsOf('ann')).toEqual([]);
    expect(await bookingsOf('eve')).toEqual([]);
    expect(connector.cards).toHaveLength(0);
  });

  it('reads "für die Ann" as Ann when Ann delegated, and "für den Kunden" as the caller\'s own booking', async () => {
    await delegate('ann', 'Ann Peeters');
    const forAnn = await say('buche einen Platz für die Ann am Donnerstag', DAN, 'de-DE');
    expect(textOf(forAnn)).toContain('Ein Platz für Ann Peeters am Donnerstag, 3. Dezember');
    expect(verbs(forAnn)).toEqual(['bookFor.confirm']);
    // No colleague is called "Kunden": the article is before an ordinary noun, and Dan books for himself as before.
    const own = await say('buche einen Platz für den Kunden am Donnerstag', DAN, 'de-DE');
    expect(textOf(own)).not.toContain('Kunden');
    expect(verbs(own)).not.toContain('bookFor.confirm');
    expect(verbs(own)).toContain('book.confirm');
  });

  it('names whom the caller may book for when the name matches nobody', async () => {
    await delegate('ann', 'Ann Peeters');
    await delegate('carl', 'Carl Janssens');
    const card = await say('boek een bureau voor Bob donderdag', DAN, 'nl-BE');
    expect(textOf(card)).toContain('Ik vind \\"Bob\\" niet');
    expect(textOf(card)).toContain('Ann Peeters en Carl Janssens');
    expect(verbs(card)).toEqual([]);
  });

  it('asks which colleague when two match, and the choice suggests a desk for the one chosen', async () => {
    await delegate('ann', 'Ann Peeters');
    await delegate('ann2', 'Ann Smith');
    const card = await say('book a desk for Ann on Friday');
    expect(textOf(card)).toContain('More than one colleague');
    expect(actionsOf(card).map((a) => [a.verb, a.title])).toEqual([
      ['bookFor.suggest', 'Ann Peeters'],
      ['bookFor.suggest', 'Ann Smith'],
    ]);
    expect(await bookingsOf('ann')).toEqual([]);
    const smith = await click(card, 'bookFor.suggest', DAN, 'Ann Smith');
    expect(textOf(smith)).toContain('A desk for Ann Smith on Friday 4 December');
    await click(smith, 'bookFor.confirm');
    expect((await bookingsOf('ann2')).map((b) => b.date)).toEqual([FRIDAY]);
    expect(await bookingsOf('ann')).toEqual([]);
    // The full name needs no question.
    expect(textOf(await say('book a desk for ann peeters on friday'))).toContain('A desk for Ann Peeters on Friday 4 December');
  });

  it('"for my manager" asks which colleague; "Ann and me" and "Ann\'s desk" ask what is meant; none books', async () => {
    await delegate('ann', 'Ann Peeters');
    await delegate('carl', 'Carl Janssens');
    const manager = await say('buche einen Platz für meinen Chef am Freitag', DAN, 'de-DE');
    expect(textOf(manager)).toContain('Für wen soll es sein?');
    expect(actionsOf(manager).map((a) => a.title)).toEqual(['Ann Peeters', 'Carl Janssens']);
    const carl = await click(manager, 'bookFor.suggest', DAN, 'Carl Janssens');
    expect(textOf(carl)).toContain('Ein Platz für Carl Janssens am Freitag, 4. Dezember');
    // Two people in one request: asked one at a time, rather than book Ann's half and drop Dan's.
    const both = await say('réserve un bureau pour Ann et moi jeudi', DAN, 'fr-BE');
    expect(textOf(both)).toContain('Je réserve pour une personne à la fois');
    expect(verbs(both)).toEqual([]);
    // Asked even when only one colleague delegated: "my manager" may be someone else.
    await api.call('DELETE', '/api/me/delegates/dan', { user: 'carl' });
    const onlyAnn = await say('book a desk for my manager on Friday');
    expect(actionsOf(onlyAnn).map((a) => [a.verb, a.title])).toEqual([['bookFor.suggest', 'Ann Peeters']]);
    expect(verbs(onlyAnn)).not.toContain('bookFor.confirm');
    const possessive = await say("book Ann's desk for Thursday");
    expect(textOf(possessive)).toContain('Do you mean a desk for Ann?');
    expect(verbs(possessive)).toEqual([]);
    expect(await bookingsOf('ann')).toEqual([]);
    expect(await bookingsOf('dan')).toEqual([]);
  });

  it('refuses at Confirm when Ann withdrew the delegation after the desk was shown, and tells her nothing', async () => {
    await delegate('ann', 'Ann Peeters');
    const suggestion = await say('book a desk for Ann on Thursday');
    expect(verbs(suggestion)).toEqual(['bookFor.confirm']);
    expect((await api.call('DELETE', '/api/me/delegates/dan', { user: 'ann' })).status).toBe(204);
    const refused = await click(suggestion, 'bookFor.confirm');
    expect(textOf(refused)).toContain('You can book only for yourself');
    expect(await bookingsOf('ann')).toEqual([]);
    expect(await bookingsOf('dan')).toEqual([]);
    expect(connector.cards).toHaveLength(0);
  });

  it('re-checks a Confirm whose card names another colleague than the one shown', async () => {
    await delegate('ann', 'Ann Peeters');
    const suggestion = await say('book a desk for Ann on Thursday');
    const data = { ...actionsOf(suggestion)[0]!.data, forPersonId: 'carl', requestId: 'swapped' };
    const refused = await send(data);
    expect(textOf(refused)).toContain('You can book only for yourself');
    expect(await bookingsOf('carl')).toEqual([]);
    expect(await bookingsOf('ann')).toEqual([]);
  });

  it('applies Ann\'s own rules: her booking that day, and her weekly quota, said of her', async () => {
    await delegate('ann', 'Ann Peeters');
    expect((await api.call('POST', '/api/bookings', { user: 'ann', body: { deskId: 'f1-0-5', date: THURSDAY } })).status).toBe(201);
    const already = await say('book a desk for Ann on Thursday');
    expect(textOf(already)).toContain('Ann Peeters already has desk 1.05 on Thursday 3 December');
    expect(verbs(already)).toEqual([]);

    // Her second booking of the week, by Dan; a third is over her quota of two.
    await click(await say('book a desk for Ann on Wednesday'), 'bookFor.confirm');
    const third = await say('réserve un bureau pour Ann vendredi', DAN, 'fr-BE');
    const refused = await click(third, 'bookFor.confirm');
    expect(textOf(refused)).toContain('Ann Peeters a déjà réservé autant de jours que permis la semaine 49 (2)');
    expect((await bookingsOf('ann')).map((b) => b.date)).toEqual(['2026-12-02', THURSDAY]);
    // Dan's own quota is untouched by what he booked for Ann.
    expect((await api.call('POST', '/api/bookings', { user: 'dan', body: { deskId: 'f1-0-9', date: FRIDAY } })).status).toBe(201);
  });

  it('books several days or a series for someone only one day at a time, and never for the caller instead', async () => {
    await delegate('ann', 'Ann Peeters');
    const days = await say('book a desk for Ann on Thursday and Friday');
    expect(textOf(days)).toContain('one day at a time');
    expect(actionsOf(days).map((a) => [a.verb, a.data['date']])).toEqual([
      ['bookFor.suggest', THURSDAY],
      ['bookFor.suggest', FRIDAY],
    ]);
    const series = await say('réserve un bureau pour Ann tous les mardis', DAN, 'fr-BE');
    expect(textOf(series)).toContain('Les réservations répétées pour quelqu');
    expect(verbs(series)).toEqual([]);
    const noDay = await say('book a desk for Ann');
    expect(textOf(noDay)).toContain('Which day should I book for Ann Peeters?');
    expect(verbs(noDay).length).toBeGreaterThan(0);
    expect(verbs(noDay).every((v) => v === 'bookFor.suggest')).toBe(true);
    const friday = await click(days, 'bookFor.suggest', DAN);
    expect(textOf(friday)).toContain('A desk for Ann Peeters on Thursday 3 December');
    expect(await bookingsOf('ann')).toEqual([]);
    expect(await bookingsOf('dan')).toEqual([]);
  });

  it.each([
    ['en-US', 'book a desk for tomorrow', 'Wednesday 2 December'],
    ['fr-BE', 'réserve un bureau pour demain', 'mercredi 2 décembre'],
    ['nl-BE', 'boek een bureau voor morgen', 'woensdag 2 december'],
    ['de-DE', 'buche einen Platz für morgen', 'Mittwoch, 2. Dezember'],
  ])('in %s, "%s" is the caller\'s own booking for a day, not one for a person', async (locale, phrase, day) => {
    await delegate('ann', 'Ann Peeters');
    const card = await say(phrase, DAN, locale);
    expect(textOf(card)).toContain(day);
    expect(verbs(card)).toContain('book.confirm');
    expect(verbs(card)).not.toContain('bookFor.confirm');
    await click(card, 'book.confirm');
    expect((await bookingsOf('dan')).map((b) => b.date)).toEqual(['2026-12-02']);
    expect(await bookingsOf('ann')).toEqual([]);
  });

  it.each([
    ['en-US', 'book a desk for two days'],
    ['fr-BE', 'réserve un bureau pour deux jours'],
    ['nl-BE', 'boek een bureau voor twee dagen'],
    ['de-DE', 'buche einen Platz für zwei Tage'],
  ])('in %s, "%s" asks which days, and names no person', async (locale, phrase) => {
    await delegate('ann', 'Ann Peeters');
    const card = await say(phrase, DAN, locale);
    expect(verbs(card).length).toBeGreaterThan(0);
    expect(verbs(card).every((v) => v === 'book.day')).toBe(true);
    expect(textOf(card)).not.toContain('Ann');
  });

  it.each([
    ['en-US', 'cancel the booking for Ann on Thursday', 'Only your own desks here', 'booked for Ann,'],
    ['en-US', "cancel Ann's desk", 'Only your own desks here', 'booked for Ann'],
    ['de-DE', 'storniere den Platz für Ann am Donnerstag', 'Hier nur Ihre eigenen Plätze', 'für Ann gebucht'],
    ['fr-BE', 'annule le bureau pour Ann jeudi', 'Uniquement vos propres bureaux ici', 'réservé pour Ann,'],
  ])('in %s, "%s" never cancels the caller\'s own desk instead, and says where a desk booked for Ann is cancelled', async (locale, phrase, title, named) => {
    await delegate('ann', 'Ann Peeters');
    expect((await api.call('POST', '/api/bookings', { user: 'dan', body: { deskId: 'f1-0-0', date: THURSDAY } })).status).toBe(201);
    expect((await api.call('POST', '/api/bookings', { user: 'dan', body: { deskId: 'f1-0-3', date: THURSDAY, forPersonId: 'ann' } })).status).toBe(201);
    const card = await say(phrase, DAN, locale);
    expect(textOf(card)).toContain(title);
    expect(textOf(card)).toContain(named);
    expect(verbs(card)).toEqual([]);
    // Nothing was cancelled: Dan's own desk and the one booked for Ann are both still there.
    expect((await bookingsOf('dan')).map((b) => b.deskId)).toEqual(['f1-0-0']);
    expect((await bookingsOf('ann')).map((b) => b.deskId)).toEqual(['f1-0-3']);
  });
});
