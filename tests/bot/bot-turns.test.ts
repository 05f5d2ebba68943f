/**
 * Turn tests of the Seatwise bot: every route and card, driven through botbuilder's TestAdapter into the real
 * teams-ai Application (createSeatwiseBot), over the in-memory store and a fixed clock. The HTTP path itself
 * (restify, malformed bodies, the connector) is covered by bot-http.test.ts.
 */
import type { Booking } from '../../src/domain/model';
import { bookDesk } from '../../src/use-cases/book-desk';
import { gridCatalog } from '../support/builders';
import {
  actionsOf,
  ALICE,
  BOB,
  BOT_ACCOUNT,
  buttonOf,
  cardsIn,
  executeActivity,
  invokeCardIn,
  membersAddedActivity,
  messageActivity,
  readableText,
  startTurnHarness,
  type Card,
  type Person,
  type TurnHarness,
} from '../support/turn-harness';

// Tuesday 1 December 2026, 09:00 in Brussels: before the default 10:00 check-in deadline.
const NOW = '2026-12-01T08:00:00Z';
const TODAY = '2026-12-01';
const TOMORROW = '2026-12-02';
const THURSDAY = '2026-12-03';
const FRIDAY = '2026-12-04';

/**
 * One floor, two zones ('Zone A' desks 1.00–1.19, 'Zone B' desks 2.00–2.19) of 4 × 5 desks one metre apart.
 * Desk n has a monitor when n % 3 is 0 and is a standing desk when n % 3 is 1. D is 1.5 m, four people per zone.
 */
const catalog = gridCatalog({
  zones: 2,
  cols: 4,
  rows: 5,
  pitch: 1,
  policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 4 }, bookableWeekdays: [1, 2, 3, 4, 5] },
});
const ZONE_B = catalog.zones.find((z) => z.name === 'Zone B')!;

function deskById(id: unknown) {
  const desk = catalog.desks.find((d) => d.id === id);
  if (!desk) throw new Error(`No desk ${String(id)} in the test catalog`);
  return desk;
}

function deskByLabel(label: string) {
  const desk = catalog.desks.find((d) => d.label === label);
  if (!desk) throw new Error(`No desk labelled ${label} in the test catalog`);
  return desk;
}

function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** The four languages, with what the cards must say in each. */
const LANGUAGES = [
  {
    lang: 'en',
    locale: 'en-US',
    book: 'book a desk Thursday',
    thursday: 'Thursday 3 December',
    suggested: 'Suggested desk for Thursday 3 December',
    confirm: 'Confirm',
    pickAnother: 'Pick another',
    booked: 'Booked',
    cancel: 'Cancel booking',
    checkInButton: 'Check in',
    pickTitle: 'Free desks on Thursday 3 December',
    myBookings: 'my bookings',
    bookingsTitle: 'Your upcoming bookings',
    notUnderstoodText: 'what is the weather like',
    notUnderstood: 'Sorry, I did not understand that.',
    example: 'book a desk Thursday',
    storage: 'Storage is unavailable right now',
    notYours: 'These buttons belong to the person this card was made for.',
  },
  {
    lang: 'fr',
    locale: 'fr-BE',
    book: 'réserve un bureau jeudi',
    thursday: 'jeudi 3 décembre',
    suggested: 'Bureau proposé pour le jeudi 3 décembre',
    confirm: 'Confirmer',
    pickAnother: 'Choisir un autre',
    booked: 'Réservé',
    cancel: 'Annuler la réservation',
    checkInButton: 'Confirmer ma présence',
    pickTitle: 'Bureaux libres le jeudi 3 décembre',
    myBookings: 'mes réservations',
    bookingsTitle: 'Vos prochaines réservations',
    notUnderstoodText: 'quel temps fait-il',
    notUnderstood: "Désolé, je n'ai pas compris.",
    example: 'réserve un bureau jeudi',
    storage: 'Le stockage est momentanément indisponible',
    notYours: 'Ces boutons appartiennent à la personne pour qui cette carte a été créée.',
  },
  {
    lang: 'nl',
    locale: 'nl-BE',
    book: 'boek een bureau donderdag',
    thursday: 'donderdag 3 december',
    suggested: 'Voorgesteld bureau voor donderdag 3 december',
    confirm: 'Bevestigen',
    pickAnother: 'Ander bureau kiezen',
    booked: 'Gereserveerd',
    cancel: 'Reservering annuleren',
    checkInButton: 'Inchecken',
    pickTitle: 'Vrije bureaus op donderdag 3 december',
    myBookings: 'mijn reserveringen',
    bookingsTitle: 'Uw komende reserveringen',
    notUnderstoodText: 'wat is het weer',
    notUnderstood: 'Sorry, dat heb ik niet begrepen.',
    example: 'boek een bureau donderdag',
    storage: 'De opslag is momenteel niet beschikbaar',
    notYours: 'Deze knoppen zijn van de persoon voor wie deze kaart gemaakt is.',
  },
  {
    lang: 'de',
    locale: 'de-DE',
    book: 'Donnerstag einen Schreibtisch buchen',
    thursday: 'Donnerstag, 3. Dezember',
    suggested: 'Vorgeschlagener Schreibtisch für Donnerstag, 3. Dezember',
    confirm: 'Bestätigen',
    pickAnother: 'Anderen wählen',
    booked: 'Gebucht',
    cancel: 'Buchung stornieren',
    checkInButton: 'Einchecken',
    pickTitle: 'Freie Schreibtische am Donnerstag, 3. Dezember',
    myBookings: 'meine Buchungen',
    bookingsTitle: 'Ihre kommenden Buchungen',
    notUnderstoodText: 'Das Wetter ist schön',
    notUnderstood: 'Entschuldigung, das habe ich nicht verstanden.',
    example: 'Donnerstag einen Schreibtisch buchen',
    storage: 'Der Speicher ist gerade nicht erreichbar',
    notYours: 'Diese Schaltflächen gehören der Person, für die diese Karte erstellt wurde.',
  },
] as const;

type Language = (typeof LANGUAGES)[number];
function byLang(lang: string): Language {
  const found = LANGUAGES.find((l) => l.lang === lang);
  if (!found) throw new Error(`No language ${lang} in the test table`);
  return found;
}

describe('the bot, turn by turn', () => {
  let t: TurnHarness;

  beforeEach(async () => {
    t = await startTurnHarness({ now: NOW, catalog });
  });

  afterEach(() => {
    // Storage faults a test injected end with it.
    t.gateway.injectFaults(0);
  });

  /** Books directly through the use case, as another channel (the tab) would, for a test's setup. */
  async function bookFor(person: Person, label: string, date: string): Promise<Booking> {
    const booked = await bookDesk(t.deps, {
      actor: { userId: person.aadObjectId, name: person.name, roles: [] },
      deskId: deskByLabel(label).id,
      date,
    });
    if (!booked.ok) throw new Error(`Setup could not book ${label} on ${date}: ${booked.error.code}`);
    return booked.value;
  }

  async function activeOn(date: string): Promise<Booking[]> {
    return (await t.store.reservations.listBookingsOfDay(date)).filter((b) => b.status === 'booked' || b.status === 'checked-in');
  }

  async function stored(bookingId: string): Promise<Booking | undefined> {
    return (await t.store.reservations.getBooking(bookingId))?.booking;
  }

  function noErrorsLogged(): void {
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
  }

  describe('booking a day: suggestion card, Confirm, Pick another', () => {
    it.each(LANGUAGES)('[$lang] suggests a desk for "$book" and Confirm books it in place', async (L) => {
      const suggestion = await t.say(ALICE, L.book, L.locale);
      const text = readableText(suggestion);
      expect(text).toContain(L.suggested);
      const confirm = buttonOf(suggestion, 'book.confirm');
      expect(confirm.title).toBe(L.confirm);
      expect(confirm.data).toEqual({ verb: 'book.confirm', deskId: expect.any(String), date: THURSDAY, requestId: expect.any(String), lang: L.lang });
      const desk = deskById(confirm.data['deskId']);
      expect(text).toContain(desk.label);
      expect(text).toContain('Floor 1');
      expect(buttonOf(suggestion, 'book.change').title).toBe(L.pickAnother);
      // Open map: a deep link to the tab on that day.
      const map = (suggestion['actions'] as Card[]).find((a) => a['type'] === 'Action.OpenUrl');
      expect(decodeURIComponent(String(map?.['url']))).toContain(THURSDAY);
      // Nothing is booked until Confirm.
      expect(await activeOn(THURSDAY)).toEqual([]);

      const booked = await t.click(ALICE, confirm.data, L.locale);
      const bookedText = readableText(booked);
      expect(bookedText).toContain(L.booked);
      expect(bookedText).toContain(L.thursday);
      expect(bookedText).toContain(desk.label);
      const cancel = buttonOf(booked, 'booking.cancel');
      expect(cancel.title).toBe(L.cancel);
      // Thursday is not today: no check-in yet.
      expect(actionsOf(booked).map((a) => a.verb)).not.toContain('booking.checkIn');

      const [booking, ...others] = await activeOn(THURSDAY);
      expect(others).toEqual([]);
      expect(booking).toMatchObject({ id: cancel.data['bookingId'], userId: ALICE.aadObjectId, userName: ALICE.name, deskId: desk.id, date: THURSDAY, status: 'booked' });
      noErrorsLogged();
    });

    it('says how many other desks are free that day, not how many fit on a pick card', async () => {
      // Nothing is booked: all 40 desks are free, so 39 besides the suggested one.
      const suggestion = await t.say(ALICE, 'book a desk Thursday');
      expect(readableText(suggestion)).toContain('39 other desks are free that day.');
    });

    it.each([byLang('en'), byLang('de')])('[$lang] "Pick another" lists free desks without the suggested one, and a pick books it', async (L) => {
      // Bob sits at 1.05 on Thursday: it and the desks within 1.5 m of it are not free for Alice.
      const bobs = await bookFor(BOB, '1.05', THURSDAY);
      const suggestion = await t.say(ALICE, L.book, L.locale);
      const suggested = buttonOf(suggestion, 'book.confirm').data['deskId'];

      const pick = await t.click(ALICE, buttonOf(suggestion, 'book.change').data, L.locale);
      expect(readableText(pick)).toContain(L.pickTitle);
      const offered = actionsOf(pick).filter((a) => a.verb === 'book.confirm');
      expect(offered.length).toBeGreaterThan(1);
      expect(offered.length).toBeLessThanOrEqual(12);
      const ids = offered.map((a) => a.data['deskId']);
      expect(ids).not.toContain(suggested);
      expect(new Set(ids).size).toBe(ids.length);
      const bobsDesk = deskById(bobs.deskId);
      for (const a of offered) {
        expect(a.data).toMatchObject({ date: THURSDAY, requestId: expect.any(String) });
        const desk = deskById(a.data['deskId']);
        expect(desk.id).not.toBe(bobsDesk.id);
        expect(distance(desk, bobsDesk)).toBeGreaterThanOrEqual(1.5);
        expect(a.title).toContain(desk.label);
      }

      const chosen = offered[2]!;
      const booked = await t.click(ALICE, chosen.data, L.locale);
      expect(readableText(booked)).toContain(L.booked);
      expect(readableText(booked)).toContain(deskById(chosen.data['deskId']).label);
      const alices = (await activeOn(THURSDAY)).filter((b) => b.userId === ALICE.aadObjectId);
      expect(alices.map((b) => b.deskId)).toEqual([chosen.data['deskId']]);
      expect((await stored(bobs.id))?.status).toBe('booked');
    });

    it('books once when the same Confirm is clicked again after the card was answered', async () => {
      const confirm = buttonOf(await t.say(ALICE, 'book a desk Thursday'), 'book.confirm');
      const first = await t.click(ALICE, confirm.data);
      const again = await t.click(ALICE, confirm.data);
      expect(readableText(first)).toContain('Booked');
      expect(readableText(again)).toContain('Booked');
      expect(await activeOn(THURSDAY)).toHaveLength(1);
    });

    it('books from the Action.Submit fallback too, answering with a new message', async () => {
      const confirm = buttonOf(await t.say(ALICE, 'book a desk Thursday'), 'book.confirm');
      const replies = await t.send(messageActivity(ALICE, '', { text: undefined, value: { ...confirm.data } }));
      const [card, ...more] = cardsIn(replies);
      expect(more).toEqual([]);
      expect(readableText(card)).toContain('Booked');
      expect((await activeOn(THURSDAY)).map((b) => b.deskId)).toEqual([confirm.data['deskId']]);
    });
  });

  describe('booking with constraints', () => {
    it.each([
      ['en', 'book a standing desk tomorrow in zone B', 'Standing desk'],
      ['fr', 'réserve un bureau debout demain en zone B', 'Bureau debout'],
      ['nl', 'boek morgen een zit-sta-bureau in zone B', 'Zit-sta-bureau'],
      ['de', 'morgen einen Stehschreibtisch in Zone B buchen', 'Stehschreibtisch'],
    ])('[%s] "%s" suggests a standing desk in Zone B for tomorrow', async (lang, text, standing) => {
      const L = byLang(lang);
      const suggestion = await t.say(ALICE, text, L.locale);
      const confirm = buttonOf(suggestion, 'book.confirm');
      expect(confirm.data['date']).toBe(TOMORROW);
      const desk = deskById(confirm.data['deskId']);
      expect(desk.zoneId).toBe(ZONE_B.id);
      expect(desk.attributes).toContain('standing');
      const facts = (suggestion['body'] as Card[]).flatMap((b) => (b['facts'] as { title: string; value: string }[] | undefined) ?? []);
      expect(facts.map((f) => f.value)).toContain('Zone B');
      expect(facts.map((f) => f.value).join(' ')).toContain(standing);

      await t.click(ALICE, confirm.data, L.locale);
      expect((await activeOn(TOMORROW)).map((b) => [b.userId, b.deskId, b.zoneId])).toEqual([[ALICE.aadObjectId, desk.id, ZONE_B.id]]);
    });

    it('"Pick another" after "a standing desk in zone B" offers only standing desks in Zone B', async () => {
      const suggestion = await t.say(ALICE, 'book a standing desk tomorrow in zone B');
      const pick = await t.click(ALICE, buttonOf(suggestion, 'book.change').data);
      const offered = actionsOf(pick).filter((a) => a.verb === 'book.confirm').map((a) => deskById(a.data['deskId']));
      expect(offered.length).toBeGreaterThan(0);
      for (const desk of offered) expect([desk.label, desk.zoneId, desk.attributes.includes('standing')]).toEqual([desk.label, ZONE_B.id, true]);
    });

    it('says why the desk was chosen: the features asked for', async () => {
      const suggestion = await t.say(ALICE, 'book a standing desk tomorrow in zone B');
      expect(readableText(suggestion)).toContain('It has what you asked for: Standing desk.');
    });

    it.each([
      ['en', 'book desk 1.05 Thursday'],
      ['fr', 'réserve le bureau 1.05 jeudi'],
      ['de', 'Schreibtisch 1.05 am Donnerstag buchen'],
    ])('[%s] "%s" suggests exactly desk 1.05 while it is free', async (lang, text) => {
      const L = byLang(lang);
      const suggestion = await t.say(ALICE, text, L.locale);
      expect(buttonOf(suggestion, 'book.confirm').data).toMatchObject({ deskId: deskByLabel('1.05').id, date: THURSDAY });
      expect(readableText(suggestion)).toContain('1.05');
    });

    it('refuses desk 1.05 when Bob holds it, with the reason and other desks as buttons', async () => {
      await bookFor(BOB, '1.05', THURSDAY);
      const refusal = await t.say(ALICE, 'book desk 1.05 Thursday');
      const text = readableText(refusal);
      expect(text).toContain('Not booked');
      expect(text).toContain('Desk 1.05 is already booked by someone else on Thursday 3 December.');
      expect(text).not.toContain('Bob');
      const alternatives = actionsOf(refusal).filter((a) => a.verb === 'book.confirm');
      expect(alternatives.length).toBeGreaterThan(0);
      expect(alternatives.map((a) => a.data['deskId'])).not.toContain(deskByLabel('1.05').id);
      expect(actionsOf(refusal).map((a) => a.data['deskId'])).not.toContain(deskByLabel('1.05').id);
    });

    it('[de] refuses a desk too close to a booked one with the numbers, and an alternative books', async () => {
      await bookFor(BOB, '1.05', THURSDAY);
      const refusal = await t.say(ALICE, 'Schreibtisch 1.06 am Donnerstag buchen', 'de-DE');
      const text = readableText(refusal);
      expect(text).toContain('Nicht gebucht');
      expect(text).toMatch(/Schreibtisch 1\.06 ist 1 m von Schreibtisch 1\.05 entfernt.*Mindestabstand beträgt 1,5 m/);
      const alternatives = actionsOf(refusal).filter((a) => a.verb === 'book.confirm');
      expect(alternatives.length).toBeGreaterThan(0);
      const booked = await t.click(ALICE, alternatives[0]!.data, 'de-DE');
      expect(readableText(booked)).toContain('Gebucht');
      const alices = (await activeOn(THURSDAY)).filter((b) => b.userId === ALICE.aadObjectId);
      expect(alices.map((b) => b.deskId)).toEqual([alternatives[0]!.data['deskId']]);
      expect(distance(deskById(alices[0]!.deskId), deskByLabel('1.05'))).toBeGreaterThanOrEqual(1.5);
    });

    it.each([
      ['en', 'book the same desk as last time Friday'],
      ['fr', 'réserve le même bureau que la dernière fois vendredi'],
      ['nl', 'boek hetzelfde bureau als vorige keer vrijdag'],
      ['de', 'denselben Schreibtisch wie letztes Mal am Freitag buchen'],
    ])('[%s] "%s" suggests the desk of the last booking', async (lang, text) => {
      const L = byLang(lang);
      // Alice sat at 2.07 today; with no preference the domain would suggest a corner desk of zone A.
      await bookFor(ALICE, '2.07', TODAY);
      const suggestion = await t.say(ALICE, text, L.locale);
      expect(buttonOf(suggestion, 'book.confirm').data).toMatchObject({ deskId: deskByLabel('2.07').id, date: FRIDAY });
    });

    it('says why "the same desk as last time" cannot be had when it is taken that day', async () => {
      await bookFor(ALICE, '2.07', TODAY);
      await bookFor(BOB, '2.07', FRIDAY);
      const refusal = await t.say(ALICE, 'book the same desk as last time Friday');
      expect(readableText(refusal)).toContain('Desk 2.07 is already booked by someone else on Friday 4 December.');
    });
  });

  describe('my bookings', () => {
    it.each(LANGUAGES)('[$lang] "$myBookings" lists the bookings with Cancel, and Check in for today', async (L) => {
      const today = await bookFor(ALICE, '1.00', TODAY);
      const thursday = await bookFor(ALICE, '2.03', THURSDAY);
      await bookFor(BOB, '1.10', THURSDAY);

      const card = await t.say(ALICE, L.myBookings, L.locale);
      const text = readableText(card);
      expect(text).toContain(L.bookingsTitle);
      expect(text).toContain(L.thursday);
      expect(text).toContain('1.00');
      expect(text).toContain('2.03');
      expect(text).not.toContain('1.10');

      const buttons = actionsOf(card);
      expect(buttons.filter((b) => b.verb === 'booking.checkIn').map((b) => [b.title, b.data['bookingId']])).toEqual([[L.checkInButton, today.id]]);
      expect(buttons.filter((b) => b.verb === 'booking.cancel').map((b) => [b.title, b.data['bookingId']])).toEqual([
        [L.cancel, today.id],
        [L.cancel, thursday.id],
      ]);
    });

    it('says so when there is nothing booked', async () => {
      const card = await t.say(ALICE, 'my bookings');
      expect(actionsOf(card).filter((a) => a.verb.startsWith('booking.'))).toEqual([]);
      expect(readableText(card)).toContain('Your upcoming bookings');
    });
  });

  describe('check in', () => {
    it.each([
      ['en', 'check in', 'Checked in'],
      ['fr', 'je suis arrivé', 'Présence confirmée'],
      ['nl', 'inchecken', 'Ingecheckt'],
      ['de', 'einchecken', 'Eingecheckt'],
    ])('[%s] "%s" before 10:00 checks in to today\'s booking', async (lang, text, title) => {
      const L = byLang(lang);
      const booking = await bookFor(ALICE, '1.00', TODAY);
      const card = await t.say(ALICE, text, L.locale);
      expect(readableText(card)).toContain(title);
      expect(readableText(card)).toContain('1.00');
      expect((await stored(booking.id))?.status).toBe('checked-in');
    });

    it('after the 10:00 deadline, says the deadline has passed and leaves the booking unchecked', async () => {
      const booking = await bookFor(ALICE, '1.00', TODAY);
      t.clock.set('2026-12-01T09:30:00Z'); // 10:30 in Brussels
      const card = await t.say(ALICE, 'check in');
      expect(readableText(card)).toContain('The check-in deadline for Tuesday 1 December (10:00) has passed.');
      expect((await stored(booking.id))?.status).toBe('booked');
    });

    it('[fr] after the deadline, says so in French', async () => {
      await bookFor(ALICE, '1.00', TODAY);
      t.clock.set('2026-12-01T09:01:00Z');
      const card = await t.say(ALICE, 'je suis arrivé', 'fr-BE');
      expect(readableText(card)).toContain("L'heure limite pour confirmer votre présence le mardi 1er décembre (10:00) est dépassée.");
    });

    it('checks in from the Check in button of the bookings card', async () => {
      const booking = await bookFor(ALICE, '1.00', TODAY);
      const checkIn = buttonOf(await t.say(ALICE, 'my bookings'), 'booking.checkIn');
      const card = await t.click(ALICE, checkIn.data);
      expect(readableText(card)).toContain('Checked in');
      expect((await stored(booking.id))?.status).toBe('checked-in');
    });

    it('says there is no booking today when there is none', async () => {
      await bookFor(ALICE, '1.00', THURSDAY);
      const card = await t.say(ALICE, 'check in');
      expect(readableText(card)).toContain('You have no booking today.');
    });
  });

  describe('release my desk', () => {
    it.each([
      ['en', 'release my desk', 'Desk released'],
      ['fr', 'libère mon bureau', 'Bureau libéré'],
      ['nl', 'geef mijn bureau vrij', 'Bureau vrijgegeven'],
      ['de', 'gib meinen Schreibtisch frei', 'Schreibtisch freigegeben'],
    ])('[%s] "%s" releases today\'s desk', async (lang, text, title) => {
      const L = byLang(lang);
      const booking = await bookFor(ALICE, '1.00', TODAY);
      const card = await t.say(ALICE, text, L.locale);
      expect(readableText(card)).toContain(title);
      expect((await stored(booking.id))?.status).toBe('released');
      expect(await activeOn(TODAY)).toEqual([]);
    });

    it('releases after check-in from the Release button of the bookings card', async () => {
      const booking = await bookFor(ALICE, '1.00', TODAY);
      await t.say(ALICE, 'check in');
      const release = buttonOf(await t.say(ALICE, 'my bookings'), 'booking.release');
      const card = await t.click(ALICE, release.data);
      expect(readableText(card)).toContain('Desk released');
      expect((await stored(booking.id))?.status).toBe('released');
    });
  });

  describe('cancel', () => {
    it.each([
      ['en', 'cancel Thursday', 'Cancel this booking?', 'Booking cancelled'],
      ['fr', 'annule jeudi', 'Annuler cette réservation ?', 'Réservation annulée'],
      ['nl', 'annuleer donderdag', 'Deze boeking annuleren?', 'Reservering geannuleerd'],
      ['de', 'Donnerstag stornieren', 'Diese Buchung stornieren?', 'Buchung storniert'],
    ])('[%s] "%s" asks to confirm, then cancels the Thursday booking only', async (lang, text, ask, title) => {
      const L = byLang(lang);
      const today = await bookFor(ALICE, '1.00', TODAY);
      const thursday = await bookFor(ALICE, '1.00', THURSDAY);
      const question = await t.say(ALICE, text, L.locale);
      expect(readableText(question)).toContain(ask);
      expect(readableText(question)).toContain(L.thursday);
      expect((await stored(thursday.id))?.status).toBe('booked');
      const card = await t.click(ALICE, buttonOf(question, 'booking.cancel').data, L.locale);
      expect(readableText(card)).toContain(title);
      expect((await stored(thursday.id))?.status).toBe('released');
      expect((await stored(today.id))?.status).toBe('booked');
    });

    it.each([
      ['en', 'cancel'],
      ['fr', 'annuler'],
    ])('[%s] "%s" without a day shows the bookings to choose from, and cancels nothing', async (lang, text) => {
      const L = byLang(lang);
      const thursday = await bookFor(ALICE, '1.00', THURSDAY);
      const card = await t.say(ALICE, text, L.locale);
      expect(readableText(card)).toContain(L.bookingsTitle);
      expect(buttonOf(card, 'booking.cancel').data['bookingId']).toBe(thursday.id);
      expect((await stored(thursday.id))?.status).toBe('booked');
    });

    it('cancels from the Cancel button of the booked card', async () => {
      const confirm = buttonOf(await t.say(ALICE, 'book a desk Thursday'), 'book.confirm');
      const cancel = buttonOf(await t.click(ALICE, confirm.data), 'booking.cancel');
      const card = await t.click(ALICE, cancel.data);
      expect(readableText(card)).toContain('Booking cancelled');
      expect(await activeOn(THURSDAY)).toEqual([]);
    });

    it('says there is nothing to cancel on a day without a booking', async () => {
      const card = await t.say(ALICE, 'cancel Friday');
      expect(readableText(card)).toContain('You have no booking on Friday 4 December.');
    });
  });

  describe('who is in', () => {
    async function threeOnThursday(): Promise<void> {
      await bookFor(ALICE, '1.00', THURSDAY);
      await bookFor(BOB, '1.10', THURSDAY);
      await bookFor({ aadObjectId: 'carol-id', name: 'Carol Dupont' }, '2.03', THURSDAY);
    }

    it.each([
      ['en', 'who is in on Thursday', 'Who is in on Thursday 3 December', 'Booked: 2 of 4', 'Booked: 1 of 4'],
      ['fr', 'qui est là jeudi', 'Qui est présent le jeudi 3 décembre', 'Places réservées : 2 sur 4', 'Places réservées : 1 sur 4'],
      ['nl', 'wie is er donderdag', 'Wie is er op donderdag 3 december', 'Gereserveerd: 2 van 4', 'Gereserveerd: 1 van 4'],
      ['de', 'wer ist am Donnerstag da', 'Wer ist am Donnerstag, 3. Dezember da', 'Gebucht: 2 von 4', 'Gebucht: 1 von 4'],
    ])('[%s] "%s" gives counts per zone and no names when the site keeps names private', async (lang, text, title, zoneA, zoneB) => {
      const L = byLang(lang);
      await threeOnThursday();
      const card = await t.say(BOB, text, L.locale);
      const all = readableText(card);
      expect(all).toContain(title);
      expect(all).toContain(`**Floor 1 · Zone A** · ${zoneA}`);
      expect(all).toContain(`**Floor 1 · Zone B** · ${zoneB}`);
      const json = JSON.stringify(card);
      for (const name of ['Alice', 'Bob', 'Carol', 'Martin', 'Peeters', 'Dupont']) expect(json).not.toContain(name);
    });

    it('shows the names per zone when the site allows it', async () => {
      t = await startTurnHarness({ now: NOW, catalog, showNamesInWhoIsIn: true });
      await threeOnThursday();
      const card = await t.say(BOB, 'who is in on Thursday');
      const body = card['body'] as Card[];
      const zoneText = (zone: string) =>
        JSON.stringify(body.find((b) => JSON.stringify(b).includes(`Floor 1 · ${zone}**`)));
      expect(zoneText('Zone A')).toMatch(/Alice Martin and Bob Peeters/);
      expect(zoneText('Zone A')).not.toContain('Carol');
      expect(zoneText('Zone B')).toContain('Carol Dupont');
    });

    it('says nobody is in on an empty day', async () => {
      const card = await t.say(ALICE, 'who is in on Friday');
      expect(readableText(card)).toContain('Nobody has booked a desk on Friday 4 December yet.');
    });
  });

  // Issue 12: several days used to be booked straight away; now the days are shown and booked on one Confirm.
  describe('several days at once', () => {
    async function confirmDays(text: string, locale?: string): Promise<{ ask: Card; outcome: Card }> {
      const ask = await t.say(ALICE, text, locale);
      // Nothing is booked before Confirm.
      expect(await t.store.reservations.listActiveBookingsOfUser(ALICE.aadObjectId, TODAY, '2026-12-31')).toEqual([]);
      const outcome = await t.click(ALICE, buttonOf(ask, 'book.days').data, locale);
      return { ask, outcome };
    }

    it.each([
      ['en', 'book a desk Monday to Wednesday', 'Book these days?', 'Your booking summary', 'Booked: 3. Not booked: 0.'],
      ['fr', 'réserve un bureau de lundi à mercredi', 'Réserver ces jours ?', 'Résumé de vos réservations', 'Réservés : 3. Non réservés : 0.'],
      ['nl', 'boek een bureau van maandag tot woensdag', 'Deze dagen boeken?', 'Overzicht van uw reserveringen', 'Gereserveerd: 3. Niet gereserveerd: 0.'],
      ['de', 'buche einen Schreibtisch von Montag bis Mittwoch', 'Diese Tage buchen?', 'Übersicht Ihrer Buchungen', 'Gebucht: 3. Nicht gebucht: 0.'],
    ])('[%s] "%s" shows the days, and books each on one Confirm', async (lang, text, question, title, counts) => {
      const L = byLang(lang);
      const { ask, outcome } = await confirmDays(text, L.locale);
      expect(readableText(ask).replace(/\u00a0/g, ' ')).toContain(question.replace(/\u00a0/g, ' '));
      expect(buttonOf(ask, 'book.days').data['dates']).toEqual(['2026-12-07', '2026-12-08', '2026-12-09']);
      const all = readableText(outcome);
      expect(all).toContain(title);
      expect(all).toContain(counts);
      for (const date of ['2026-12-07', '2026-12-08', '2026-12-09']) {
        expect((await activeOn(date)).map((b) => b.userId)).toEqual([ALICE.aadObjectId]);
      }
    });

    it('shows why a weekend day in the range was not booked', async () => {
      const { outcome } = await confirmDays('book a desk Friday to Monday');
      const all = readableText(outcome);
      expect(all).toContain('Booked: 2. Not booked: 2.');
      expect(all).toContain('Saturday is not a bookable day. Bookable days: Monday to Friday.');
      expect(all).toContain('Sunday is not a bookable day. Bookable days: Monday to Friday.');
      expect(await activeOn('2026-12-04')).toHaveLength(1);
      expect(await activeOn('2026-12-07')).toHaveLength(1);
      expect(await activeOn('2026-12-05')).toEqual([]);
    });

    it('shows why a day already booked was not booked again', async () => {
      await bookFor(ALICE, '2.07', '2026-12-08');
      const ask = await t.say(ALICE, 'book a desk Monday to Wednesday');
      const outcome = await t.click(ALICE, buttonOf(ask, 'book.days').data);
      const all = readableText(outcome);
      expect(all).toContain('Booked: 2. Not booked: 1.');
      expect(all).toContain('You already have a desk on Tuesday 8 December (desk 2.07).');
      expect((await activeOn('2026-12-08')).map((b) => b.deskId)).toEqual([deskByLabel('2.07').id]);
    });

    it('"every day next week" books the working days once, even when Confirm is clicked twice', async () => {
      const { ask, outcome } = await confirmDays('book a desk every day next week');
      expect(readableText(outcome)).toContain('Booked: 5. Not booked: 0.');
      const again = await t.click(ALICE, buttonOf(ask, 'book.days').data);
      expect(readableText(again)).toContain('Booked: 5. Not booked: 0.');
      for (const date of ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']) {
        expect(await activeOn(date)).toHaveLength(1);
      }
    });

    it('"every day from Friday to Monday" books only Friday and Monday', async () => {
      const { outcome } = await confirmDays('book a desk every day from Friday to Monday');
      const booked = (await t.store.reservations.listActiveBookingsOfUser(ALICE.aadObjectId, TODAY, '2026-12-31')).map((b) => b.date);
      expect(booked).toEqual(['2026-12-04', '2026-12-07']);
      expect(readableText(outcome)).toMatch(/Booked: 2\./);
    });

    it('undoes what was just booked with one click, and says so as cancellations', async () => {
      const { outcome } = await confirmDays('book a desk Monday to Wednesday');
      const undone = await t.click(ALICE, buttonOf(outcome, 'bookings.cancelMany').data);
      const all = readableText(undone);
      expect(all).toContain('Your cancellations');
      expect(all).toContain('Cancelled: 3. Not cancelled: 0.');
      expect(all).not.toContain('Your booking summary');
      expect(await t.store.reservations.listActiveBookingsOfUser(ALICE.aadObjectId, TODAY, '2026-12-31')).toEqual([]);
    });

    it('never lets someone else undo them from the card', async () => {
      const { outcome } = await confirmDays('book a desk Monday to Wednesday');
      const undone = await t.click(BOB, buttonOf(outcome, 'bookings.cancelMany').data);
      expect(readableText(undone)).toContain('Cancelled: 0. Not cancelled: 3.');
      expect(await t.store.reservations.listActiveBookingsOfUser(ALICE.aadObjectId, TODAY, '2026-12-31')).toHaveLength(3);
    });
  });

  describe('help and welcome', () => {
    it.each(LANGUAGES)('[$lang] answers "$notUnderstoodText" with the help card in that language', async (L) => {
      const card = await t.say(ALICE, L.notUnderstoodText, L.locale);
      const all = readableText(card);
      expect(all).toContain(L.notUnderstood);
      expect(all).toContain(L.example);
      expect(buttonOf(card, 'bookings.show')).toBeDefined();
      expect(await t.store.reservations.listActiveBookingsOfUser(ALICE.aadObjectId, TODAY, '2026-12-31')).toEqual([]);
    });

    it('answers "help" with the help card, without saying it did not understand', async () => {
      const card = await t.say(ALICE, 'help');
      expect(readableText(card)).toContain('Seatwise books desks for you');
      expect(readableText(card)).not.toContain('did not understand');
    });

    it.each([byLang('en'), byLang('nl')])('[$lang] welcomes with the help card when installed, and saves the conversation reference', async (L) => {
      const replies = await t.send(membersAddedActivity(ALICE, { locale: L.locale }));
      const cards = cardsIn(replies);
      expect(cards).toHaveLength(1);
      expect(readableText(cards[0])).toContain(L.example);
      expect(readableText(cards[0])).not.toContain(L.notUnderstood);
      const reference = await t.conversations.get(ALICE.aadObjectId);
      expect(reference).toMatchObject({
        conversation: { id: `a:personal-${ALICE.aadObjectId}` },
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        bot: { id: BOT_ACCOUNT.id },
        user: { aadObjectId: ALICE.aadObjectId },
      });
    });

    it('stays quiet when someone else joins a conversation the bot is already in', async () => {
      const replies = await t.send(membersAddedActivity(ALICE, { membersAdded: [{ id: `29:${BOB.aadObjectId}`, name: BOB.name }] }));
      expect(cardsIn(replies)).toEqual([]);
    });

    it('saves the conversation reference on every message', async () => {
      await t.say(BOB, 'my bookings');
      expect(await t.conversations.get(BOB.aadObjectId)).toMatchObject({ conversation: { id: `a:personal-${BOB.aadObjectId}` } });
    });
  });

  describe('when storage is down', () => {
    it.each([byLang('en'), byLang('fr')])('[$lang] answers a message with a storage error card, and works again afterwards', async (L) => {
      t.gateway.injectFaults(1_000);
      const replies = await t.send(messageActivity(ALICE, L.book, { locale: L.locale }));
      const cards = cardsIn(replies);
      expect(cards).toHaveLength(1);
      const all = readableText(cards[0]);
      expect(all).toContain(L.storage);
      expect(JSON.stringify(cards[0])).not.toMatch(/injected fault|at .*\.ts:\d+|Error:/);
      expect(t.logs.some((l) => l.level === 'error' && l.msg === 'turn failed')).toBe(true);

      t.gateway.injectFaults(0);
      const suggestion = await t.say(ALICE, L.book, L.locale);
      expect(buttonOf(suggestion, 'book.confirm').data['date']).toBe(THURSDAY);
    });

    it('answers a card action with a storage error card and books nothing; the same button works later', async () => {
      const confirm = buttonOf(await t.say(ALICE, 'book a desk Thursday'), 'book.confirm');
      t.gateway.injectFaults(1_000);
      const card = invokeCardIn(await t.send(executeActivity(ALICE, confirm.data)));
      expect(readableText(card)).toContain('Storage is unavailable right now');
      t.gateway.injectFaults(0);
      expect(await activeOn(THURSDAY)).toEqual([]);

      const booked = await t.click(ALICE, confirm.data);
      expect(readableText(booked)).toContain('Booked');
      expect(await activeOn(THURSDAY)).toHaveLength(1);
    });
  });

  describe('a click is answered in the language of the card', () => {
    it('confirms in French a French card clicked from an English client', async () => {
      const suggestion = await t.say(ALICE, 'réserve un bureau jeudi', 'en-US');
      const booked = await t.click(ALICE, buttonOf(suggestion, 'book.confirm').data, 'en-US');
      expect(readableText(booked)).toContain('Réservé');
    });
  });

  describe('card actions from someone else', () => {
    it.each(LANGUAGES)('[$lang] Bob cannot check in to, cancel or release Alice\'s booking', async (L) => {
      const booking = await bookFor(ALICE, '1.00', TODAY);
      const aliceCard = await t.say(ALICE, 'my bookings');
      const checkIn = buttonOf(aliceCard, 'booking.checkIn');
      const cancel = buttonOf(aliceCard, 'booking.cancel');

      for (const withLang of [checkIn.data, cancel.data, { verb: 'booking.release', bookingId: booking.id }]) {
        // Without the card's language, the answer follows Bob's client locale.
        const { lang: _lang, ...data } = withLang as Record<string, unknown>;
        // Even with Alice's id forged into the data: identity comes from the channel.
        const card = await t.click(BOB, { ...data, userId: ALICE.aadObjectId }, L.locale);
        expect(readableText(card)).toContain(L.notYours);
        expect((await stored(booking.id))?.status).toBe('booked');
      }

      // Alice checks in; Bob cannot release her checked-in desk from her card either.
      await t.click(ALICE, checkIn.data);
      const release = buttonOf(await t.say(ALICE, 'my bookings'), 'booking.release');
      const { lang: _lang, ...releaseData } = release.data as Record<string, unknown>;
      expect(readableText(await t.click(BOB, releaseData, L.locale))).toContain(L.notYours);
      expect((await stored(booking.id))?.status).toBe('checked-in');
    });

    it('Bob clicking Alice\'s Confirm books for Bob, never in Alice\'s name', async () => {
      const confirm = buttonOf(await t.say(ALICE, 'book a desk Thursday'), 'book.confirm');
      await t.click(BOB, confirm.data);
      const thursday = await activeOn(THURSDAY);
      expect(thursday.map((b) => b.userId)).toEqual([BOB.aadObjectId]);
    });
  });
});
