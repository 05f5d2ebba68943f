import nock from 'nock';
import { tabDeepLink } from '../../../src/server/composition';
import { checkIn, releaseBooking } from '../../../src/use-cases/change-booking';
import {
  ALICE,
  BOB,
  executeActivity,
  invokeCard,
  post,
  startBotServer,
  textOf,
} from '../../support/bot-harness';
import { anActor } from '../../support/builders';
import { checkInvariants } from '../../support/invariant-checker';
import { azuriteHarness } from '../../support/stores';
import {
  cardOf,
  duplicatesOf,
  executeActions,
  mockConnector,
  referenceFor,
  reminderWorld,
  total,
  type ReminderWorld,
} from './support/reminder-world';

// Sunday 25 October 2026: Brussels leaves summer time at 03:00, so 08:30 is 07:30Z and the 10:00 deadline 09:00Z
// (the day before, they were 06:30Z and 08:00Z).
const DAY = '2026-10-25';

describe('check-in reminders and no-show releases in Europe/Brussels, on the day DST ends (Azurite, nock)', () => {
  let w: ReminderWorld;
  const desk = (n: number) => `f1-${n % 2}-${Math.floor(n / 2)}`;

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  beforeEach(async () => {
    w = await reminderWorld(azuriteHarness, '2026-10-24T12:00:00Z');
    for (const [i, person] of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'].entries())
      await w.book(person, desk(i), DAY);
    await w.conversations.save('alice', referenceFor('alice', 'en-GB'));
    await w.conversations.save('bob', referenceFor('bob', 'fr-BE'));
    for (const p of ['dave', 'erin', 'frank', 'grace', 'heidi'])
      await w.conversations.save(p, referenceFor(p, 'nl-BE'));
    // carol never installed the bot: no conversation reference.
  });

  it('reminds at 08:30 local, releases the no-shows at 10:00 local and tells them, each exactly once', async () => {
    const connector = mockConnector(w.vt);
    const server = w.instance('server-1', { notifier: { mapUrl: tabDeepLink('seatwise-test-app') } });

    // 06:30Z is 08:30 summer time: on this day it is still 07:30 in Brussels.
    w.vt.clock.set('2026-10-25T06:30:00Z');
    const scheduler = server.start();
    await scheduler.idle();
    expect(connector.requests).toHaveLength(0);

    // dave checks in at 08:00 local, before the reminder: he gets none.
    w.vt.clock.set('2026-10-25T07:00:00Z');
    const dave = (await w.booking.store.listBookingsOfDay(DAY)).find((b) => b.userId === 'dave')!;
    expect((await checkIn(w.booking, { actor: anActor('dave'), bookingId: dave.id })).ok).toBe(true);

    w.vt.clock.set('2026-10-25T07:30:00Z');
    const atReminder = await scheduler.tickNow();
    const reminders = connector.delivered.filter((d) => d.kind === 'reminder');
    expect(reminders.map((d) => d.conversationId).sort()).toEqual(
      ['alice', 'bob', 'erin', 'frank'].map((p) => `a:1personal-${p}`),
    );
    expect(total(atReminder, 'noReference')).toBe(1);
    expect(
      server.log.entries.some(
        (e) =>
          e.level === 'warn' &&
          /no conversation reference/.test(e.msg ?? '') &&
          JSON.stringify(e.obj).includes('carol'),
      ),
    ).toBe(true);

    // The card: desk, zone and floor; Check in, Release my desk, Open map; in the person's language.
    const aliceCard = cardOf(reminders.find((d) => d.conversationId === 'a:1personal-alice')!.activity);
    const text = JSON.stringify(aliceCard);
    expect(text).toContain('1.00');
    expect(text).toContain('Zone A');
    expect(text).toContain('Floor 1');
    expect(text).toContain('10:00');
    expect(executeActions(aliceCard).map((a) => `${a.title}|${a.verb}`)).toEqual([
      'Check in|booking.checkIn',
      'Release my desk|booking.release',
    ]);
    expect(
      (aliceCard['actions'] as { type: string; title: string }[]).map((a) => `${a.type} ${a.title}`),
    ).toContain('Action.OpenUrl Open map');
    expect(
      JSON.stringify(cardOf(reminders.find((d) => d.conversationId === 'a:1personal-bob')!.activity)),
    ).toContain('Libérer mon bureau');

    // Later ticks send nothing again.
    w.vt.clock.set('2026-10-25T07:31:00Z');
    await scheduler.tickNow();
    w.vt.clock.set('2026-10-25T08:15:00Z');
    await scheduler.tickNow();
    expect(connector.delivered.filter((d) => d.kind === 'reminder')).toHaveLength(4);

    // erin checks in from her card, frank gives his desk back, grace books a desk after the reminder time.
    const erinCard = cardOf(reminders.find((d) => d.conversationId === 'a:1personal-erin')!.activity);
    const erinBooking = String(executeActions(erinCard)[0]!.data['bookingId']);
    expect((await checkIn(w.booking, { actor: anActor('erin'), bookingId: erinBooking })).ok).toBe(true);
    const frank = (await w.booking.store.listBookingsOfDay(DAY)).find((b) => b.userId === 'frank')!;
    expect((await releaseBooking(w.booking, { actor: anActor('frank'), bookingId: frank.id })).ok).toBe(true);
    const grace = await w.book('grace', desk(6), DAY);
    await scheduler.tickNow();
    expect(connector.delivered.filter((d) => d.conversationId === 'a:1personal-grace')).toHaveLength(0);

    // 10:00 local = 09:00Z: alice, bob, carol and grace never checked in.
    w.vt.clock.set('2026-10-25T09:00:00Z');
    const atDeadline = await scheduler.tickNow();
    expect(total(atDeadline, 'released')).toBe(4);
    const notices = connector.delivered.filter((d) => d.kind === 'released');
    expect(notices.map((d) => d.conversationId).sort()).toEqual(
      ['alice', 'bob', 'grace'].map((p) => `a:1personal-${p}`),
    );
    expect(total(atDeadline, 'noReference')).toBe(1);
    expect(
      JSON.stringify(cardOf(notices.find((d) => d.conversationId === 'a:1personal-alice')!.activity)),
    ).toContain('Nobody checked in to desk');

    // heidi books at 10:30 local, after the deadline: she is no no-show.
    w.vt.clock.set('2026-10-25T09:30:00Z');
    await w.book('heidi', desk(7), DAY);
    w.vt.clock.set('2026-10-25T09:31:00Z');
    await scheduler.tickNow();
    w.vt.clock.set('2026-10-25T11:00:00Z');
    await scheduler.tickNow();
    await scheduler.stop();

    const statuses = Object.fromEntries(
      (await w.booking.store.listBookingsOfDay(DAY)).map((b) => [
        b.userId,
        `${b.status}${b.releaseReason ? `/${b.releaseReason}` : ''}`,
      ]),
    );
    expect(statuses).toEqual({
      alice: 'released/no-show',
      bob: 'released/no-show',
      carol: 'released/no-show',
      dave: 'checked-in',
      erin: 'checked-in',
      frank: 'released/released-early',
      grace: 'released/no-show',
      heidi: 'booked',
    });
    expect(grace.id).toBeDefined();
    expect(duplicatesOf(connector.delivered).duplicated).toEqual([]);
    expect(connector.delivered).toHaveLength(7);
    const claims = await w.claims.listDay(DAY);
    expect(claims.filter((c) => c.state === 'pending')).toEqual([]);
    const report = await checkInvariants(w.h.gateway, w.h.tables.reservations, [w.catalog]);
    expect(report.violations).toEqual([]);
  });

  it('ticks from its timer every interval, and runs the catch-up as soon as it starts', async () => {
    const connector = mockConnector(w.vt);
    const server = w.instance('server-1');
    w.vt.clock.set('2026-10-25T07:40:00Z');
    const scheduler = server.start();
    await scheduler.idle();
    expect(connector.delivered).toHaveLength(5);
    expect(server.timer.delays()).toEqual([30_000]);
    w.vt.clock.set('2026-10-25T09:00:30Z');
    expect(server.timer.fire()).toBe(1);
    await scheduler.idle();
    expect(connector.delivered.filter((d) => d.kind === 'released')).toHaveLength(5);
    expect(server.timer.delays()).toEqual([30_000]);
    await scheduler.stop();
    expect(server.timer.delays()).toEqual([]);
  });
});

describe('the reminder card in the bot: an action answers with a card that replaces it in place', () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('checks in, releases, and tells the loser of a check-in/release race what happened', async () => {
    const w = await reminderWorld(azuriteHarness, '2026-10-24T12:00:00Z');
    await w.book(ALICE.aadObjectId, 'f1-0-0', DAY);
    await w.book(BOB.aadObjectId, 'f1-1-0', DAY);
    await w.conversations.save(ALICE.aadObjectId, referenceFor(ALICE.aadObjectId));
    await w.conversations.save(BOB.aadObjectId, referenceFor(BOB.aadObjectId, 'fr-BE'));
    const connector = mockConnector(w.vt);
    w.vt.clock.set('2026-10-25T07:30:00Z');
    const scheduler = w.instance('server-1').start();
    await scheduler.idle();
    await scheduler.stop();
    const cardFor = (userId: string) =>
      cardOf(connector.delivered.find((d) => d.conversationId === `a:1personal-${userId}`)!.activity);

    const bot = await startBotServer(w.h, [w.catalog], '2026-10-25T07:45:00Z');
    try {
      const [checkInButton] = executeActions(cardFor(ALICE.aadObjectId));
      const checkedIn = await post(bot.url, executeActivity(ALICE, checkInButton!.data));
      expect(checkedIn.status).toBe(200);
      // An invoke answered with a card: Teams replaces the reminder with it.
      expect(textOf(invokeCard(checkedIn.json))).toContain('Checked in');

      // Bob's reminder is in French: clicked from an English client, it is answered in French.
      const releaseButton = executeActions(cardFor(BOB.aadObjectId)).find(
        (a) => a.verb === 'booking.release',
      )!;
      const released = await post(bot.url, executeActivity(BOB, releaseButton.data, { locale: 'en-US' }));
      expect(textOf(invokeCard(released.json))).toContain('Bureau libéré');

      // Bob clicks Check in on the same card after giving the desk back: a clear refusal, the booking intact.
      const late = await post(
        bot.url,
        executeActivity(BOB, executeActions(cardFor(BOB.aadObjectId))[0]!.data),
      );
      expect(textOf(invokeCard(late.json))).toContain('déjà été libérée');

      // Someone else's card buttons do nothing to the booking.
      const foreign = await post(bot.url, executeActivity(BOB, checkInButton!.data));
      expect(textOf(invokeCard(foreign.json))).not.toContain('Checked in');
    } finally {
      await bot.close();
    }
    const statuses = (await w.booking.store.listBookingsOfDay(DAY))
      .map((b) => `${b.userId === ALICE.aadObjectId ? 'alice' : 'bob'}:${b.status}`)
      .sort();
    expect(statuses).toEqual(['alice:checked-in', 'bob:released']);
  });
});
