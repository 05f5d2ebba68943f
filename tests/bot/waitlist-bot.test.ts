import nock from 'nock';
import { waitlistOfferCard, waitlistOfferInputOf } from '../../src/bot/cards/waitlist-cards';
import { bookDesk } from '../../src/use-cases/book-desk';
import { cancelBooking } from '../../src/use-cases/change-booking';
import type { ProactiveMessage } from '../../src/use-cases/reminders/reminder-ports';
import { runOfferPass, type OfferDeps } from '../../src/use-cases/waitlist-offers';
import { ALICE, BOB, actionsOf, cardsOf, executeActivity, invokeCard, messageActivity, post, startBotServer, textOf, type BotServer, type Person } from '../support/bot-harness';
import { anActor, gridCatalog } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';
import { offerPassDeps, recordingNotifier } from '../support/offer-pass';
import { azuriteHarness, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels; Thursday is 3 December.
const NOW = '2026-12-01T08:00:00Z';
const DAY = '2026-12-03';
const catalog = gridCatalog({ zones: 1, cols: 2, rows: 1, pitch: 2, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 2 } } });
const CAROL: Person = { aadObjectId: '00000000-0000-0000-0000-0000000ca201', name: 'Carol Dubois' };

describe('the waitlist in chat, over HTTP at /api/messages', () => {
  let h: StoreHarness;
  let bot: BotServer;
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    h = await azuriteHarness();
    bot = await startBotServer(h, [catalog], NOW);
  });
  afterEach(() => bot.close());

  it('offers "Notify me" when the day is full, then "Book it" books the held desk for the person it was offered to only', async () => {
    const deps = await offerDeps(h, bot, []);
    const alice = await bookDesk(deps, { actor: anActor(ALICE.aadObjectId), deskId: 'f1-0-0', date: DAY });
    await bookDesk(deps, { actor: anActor('someone'), deskId: 'f1-0-1', date: DAY });

    // A full day: the refusal card offers the waitlist, in the person's language.
    const res = await post(bot.url, messageActivity(CAROL, 'réserve un bureau jeudi', { locale: 'fr-BE' }));
    const [refusal] = cardsOf(res.json);
    const join = actionsOf(refusal).find((a) => a.verb === 'waitlist.join');
    expect(join).toMatchObject({ title: 'Me prévenir si une place se libère', data: { date: DAY } });

    const joined = invokeCard((await post(bot.url, executeActivity(CAROL, join!.data))).json);
    expect(textOf(joined)).toMatch(/liste d'attente/);
    expect(textOf(joined)).toMatch(/numéro 1/);

    // A desk frees up; the next pass holds it for Carol and sends her the offer.
    if (!alice.ok) throw new Error('setup: Alice could not book');
    await cancelBooking(deps, { actor: anActor(ALICE.aadObjectId), bookingId: alice.value.id });
    const sent: ProactiveMessage[] = [];
    const report = await runOfferPass({ ...deps, notifier: recordingNotifier(sent) });
    expect(report).toMatchObject({ placed: 1, sent: 1 });
    const offer = sent[0]!;
    if (offer.kind !== 'waitlist-offer') throw new Error('not an offer');
    const card = waitlistOfferCard(waitlistOfferInputOf(offer), 'fr');
    const bookIt = actionsOf(card).find((a) => a.verb === 'waitlist.book')!;
    expect(bookIt.title).toBe('Le réserver');
    expect(bookIt.data).not.toHaveProperty('userId');

    // Bob presses a copy of Carol's button: it acts for Bob, who has no offer; nothing is booked.
    const forged = invokeCard((await post(bot.url, executeActivity(BOB, { ...bookIt.data, userId: CAROL.aadObjectId }))).json);
    expect(textOf(forged)).toMatch(/could not be found/);
    expect((await h.reservations.listBookingsOfDay(DAY)).filter((b) => b.userId === BOB.aadObjectId)).toEqual([]);

    const booked = invokeCard((await post(bot.url, executeActivity(CAROL, bookIt.data, { locale: 'fr-BE' }))).json);
    expect(textOf(booked)).toMatch(/Réservé|réservé/);
    const mine = (await h.reservations.listBookingsOfDay(DAY)).filter((b) => b.userId === CAROL.aadObjectId && b.status === 'booked');
    expect(mine).toEqual([expect.objectContaining({ deskId: offer.booking.deskId })]);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [catalog])).violations).toEqual([]);
  });

  it('"No, thanks" passes the offer on and takes the person off the list for the day', async () => {
    const deps = await offerDeps(h, bot, []);
    const taken = await bookDesk(deps, { actor: anActor('someone'), deskId: 'f1-0-0', date: DAY });
    await bookDesk(deps, { actor: anActor('another'), deskId: 'f1-0-1', date: DAY });
    const join = { verb: 'waitlist.join', date: DAY };
    await post(bot.url, executeActivity(CAROL, join));
    await post(bot.url, executeActivity(BOB, join));
    if (!taken.ok) throw new Error('setup');
    await cancelBooking(deps, { actor: anActor('someone'), bookingId: taken.value.id });
    const sent: ProactiveMessage[] = [];
    await runOfferPass({ ...deps, notifier: recordingNotifier(sent) });
    const first = sent[0]!;
    if (first.kind !== 'waitlist-offer') throw new Error('not an offer');
    expect(first.booking.userId).toBe(CAROL.aadObjectId);

    const declined = invokeCard((await post(bot.url, executeActivity(CAROL, { verb: 'waitlist.decline', entryId: first.entryId }))).json);
    expect(textOf(declined)).toMatch(/Offer passed on/);
    await runOfferPass({ ...deps, notifier: recordingNotifier(sent) });
    expect(sent.map((m) => m.booking.userId)).toEqual([CAROL.aadObjectId, BOB.aadObjectId]);
  });
});

function offerDeps(h: StoreHarness, bot: BotServer, sent: ProactiveMessage[]): Promise<OfferDeps> {
  return offerPassDeps(h, bot.clock, sent, { ids: 'botpass', instanceId: 'bot-test' });
}
