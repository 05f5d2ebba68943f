import nock from 'nock';
import { checkInvariants } from '../support/invariant-checker';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { personalConversationId, referenceFor } from '../use-cases/reminders/support/reminder-world';
import { asAdmin, fakeConnector, startAdminServer, untilCards, type AdminServer } from './admin-harness';

// Tuesday 1 December 2026, 09:00 in Brussels: before the 10:00 check-in deadline.
const NOW = '2026-12-01T08:00:00Z';
const TODAY = '2026-12-01';
const THURSDAY = '2026-12-03';
// Two zones of 20 desks 2 m apart (so only capacity can refuse), capacity 50 %: 10 people per zone.
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 2, policy: { zoneCapacity: { kind: 'percent', value: 50 }, minDistanceM: 1.5 } });

describe('changing a zone capacity with a preview: the preview lists exactly what apply cancels', () => {
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
  });
  afterEach(async () => {
    connector.done();
    await api.close();
  });

  /** `n` people book desks f1-0-0… of zone f1-z0 on `date`, one minute apart, so the earliest booked is known. */
  async function fill(date: string, prefix: string, n: number, locale = 'en-US'): Promise<{ userId: string; bookingId: string }[]> {
    const out: { userId: string; bookingId: string }[] = [];
    for (let i = 0; i < n; i++) {
      const userId = `${prefix}${i}`;
      await api.tables.conversations.save(userId, referenceFor(userId, i % 2 === 0 ? locale : 'fr-BE'));
      const r = await api.call('POST', '/api/bookings', { user: userId, body: { deskId: `f1-0-${i}`, date } });
      expect(r.status).toBe(201);
      out.push({ userId, bookingId: r.body.id });
      api.clock.advance(60_000);
    }
    return out;
  }

  const tighten = { siteId: 'site-1', zoneId: 'f1-z0', effectiveFrom: TODAY, policy: { zoneCapacity: { kind: 'percent', value: 30 } } };

  it('from 50 % to 30 %: checked-in first, then the earliest booked keep their desks; the others are cancelled and told once', async () => {
    const today = await fill(TODAY, 'u', 10);
    const thursday = await fill(THURSDAY, 'v', 10);
    // Thursday's kept and cancelled are the first six and the last four to book.
    const thursdayCancelled = thursday.slice(6).map((b) => b.bookingId);
    // The last to book today is already at the desk: a check-in keeps the desk whatever the order.
    expect((await api.call('POST', `/api/bookings/${today[9]!.bookingId}/check-in`, { user: 'u9' })).status).toBe(200);
    const otherZone = await api.call('POST', '/api/bookings', { user: 'w0', body: { deskId: 'f1-1-0', date: THURSDAY } });
    expect(otherZone.status).toBe(201);

    const preview = await api.call('POST', '/api/admin/policies/preview', asAdmin({ body: tighten }));
    expect(preview.status).toBe(200);
    const previewed = preview.body.cancellations as { bookingId: string; date: string; deskId: string; userId: string; reason: string; code: string }[];
    // 30 % of 20 desks is 6: today u9 (checked in) and u0–u4 stay; on Thursday v0–v5 stay.
    expect(previewed.map((c) => c.userId).sort()).toEqual(['u5', 'u6', 'u7', 'u8', 'v6', 'v7', 'v8', 'v9']);
    expect(previewed.every((c) => c.code === 'ZONE_FULL' && /6/.test(c.reason))).toBe(true);
    expect(previewed.filter((c) => c.date === THURSDAY).map((c) => c.bookingId).sort()).toEqual([...thursdayCancelled].sort());
    expect(previewed.find((c) => c.userId === 'u5')).toMatchObject({ bookingId: today[5]!.bookingId, date: TODAY, deskId: 'f1-0-5' });
    expect(preview.body.changes).toEqual([{ field: 'zoneCapacity', from: { kind: 'percent', value: 50 }, to: { kind: 'percent', value: 30 } }]);

    // The preview changed nothing: the bookings hold, the zone still takes 10, nobody was told.
    expect((await api.call('GET', `/api/bookings?from=${TODAY}&to=${TODAY}`, { user: 'u5' })).body.map((b: { status: string }) => b.status)).toEqual(['booked']);
    const floorBefore = await api.call('GET', `/api/floors/f1?date=${THURSDAY}`, { user: 'x' });
    expect(floorBefore.body.zones.find((z: { id: string }) => z.id === 'f1-z0')).toMatchObject({ capacity: 10, booked: 10 });
    expect(connector.cards).toEqual([]);

    const applied = await api.call('POST', '/api/admin/policies', asAdmin({ body: tighten }));
    expect(applied.status).toBe(200);
    const cancelled = applied.body.cancellations as typeof previewed;
    expect(cancelled.map((c) => c.bookingId).sort()).toEqual(previewed.map((c) => c.bookingId).sort());
    // The answer does not wait for Teams: the eight notices are claimed, and go out after it.
    expect(applied.body.notices).toMatchObject({ queued: 8, alreadyDone: 0, errors: 0 });

    // Each owner received exactly one card, in their language, saying why, with desks to book instead.
    await untilCards(connector, 8);
    const byConversation = new Map<string, number>();
    for (const c of connector.cards) byConversation.set(c.conversationId, (byConversation.get(c.conversationId) ?? 0) + 1);
    expect([...byConversation.keys()].sort()).toEqual(['u5', 'u6', 'u7', 'u8', 'v6', 'v7', 'v8', 'v9'].map(personalConversationId).sort());
    expect([...byConversation.values()].every((n) => n === 1)).toBe(true);
    const u5 = connector.cards.find((c) => c.conversationId === personalConversationId('u5'))!;
    expect(u5.activity['locale']).toBe('fr');
    expect(u5.text).toMatch(/annulée/);
    const u6 = connector.cards.find((c) => c.conversationId === personalConversationId('u6'))!;
    expect(u6.text).toMatch(/was cancelled/);
    expect(u6.text).toMatch(/book\.confirm/);

    // The bookings are cancelled, the kept ones hold, the zone now takes 6, and no rule is broken anywhere.
    expect((await api.call('GET', `/api/bookings?from=${TODAY}&to=${TODAY}`, { user: 'u5' })).body).toEqual([]);
    expect((await api.call('GET', `/api/bookings?from=${TODAY}&to=${TODAY}`, { user: 'u4' })).body).toHaveLength(1);
    expect((await api.call('GET', `/api/floors/f1?date=${THURSDAY}`, { user: 'x' })).body.zones.find((z: { id: string }) => z.id === 'f1-z0')).toMatchObject({ capacity: 6, booked: 6 });
    const stored = (await h.catalog.getSiteCatalog('site-1'))!;
    expect((await checkInvariants(h.gateway, h.tables.reservations, [stored], { weeksTable: h.tables.weeks })).violations).toEqual([]);

    // Applying it again cancels nothing more and tells nobody twice.
    api.clock.advance(60_000);
    const again = await api.call('POST', '/api/admin/policies', asAdmin({ body: tighten }));
    expect(again.status).toBe(200);
    expect(again.body.cancellations).toEqual([]);
    expect(connector.cards).toHaveLength(8);

    // The change is in the audit log, with who, what and what it cost, in the reader's language.
    const audit = await api.call('GET', `/api/admin/audit?from=${TODAY}&to=${TODAY}`, asAdmin({ locale: 'en' }));
    expect(audit.body.entries.map((e: { count: number }) => e.count)).toEqual([0, 8]);
    expect(audit.body.entries[1]).toMatchObject({
      actor: 'fm',
      action: 'policy.change',
      summary: 'Changed the rules of zone f1-z0 of site site-1 from 2026-12-01: capacity 50 % → 30 %. 8 bookings cancelled.',
    });
  });

  it('changes the rules from a later day only: days before it keep their bookings', async () => {
    await fill(TODAY, 'u', 8);
    await fill(THURSDAY, 'v', 8);
    const later = { ...tighten, effectiveFrom: '2026-12-02' };
    const preview = await api.call('POST', '/api/admin/policies/preview', asAdmin({ body: later }));
    expect(preview.body.cancellations.map((c: { userId: string }) => c.userId).sort()).toEqual(['v6', 'v7']);
    const applied = await api.call('POST', '/api/admin/policies', asAdmin({ body: later }));
    expect(applied.body.cancellations.map((c: { bookingId: string }) => c.bookingId).sort()).toEqual(preview.body.cancellations.map((c: { bookingId: string }) => c.bookingId).sort());
    expect((await api.call('GET', `/api/floors/f1?date=${TODAY}`, { user: 'x' })).body.zones.find((z: { id: string }) => z.id === 'f1-z0')).toMatchObject({ capacity: 10, booked: 8 });
  });

  it('previews and applies a site-wide rule (the minimum distance) with the same list', async () => {
    // Desks 2 m apart: a 2.5 m distance makes neighbours too close; the earliest booked keeps the desk.
    for (const [i, user] of ['a', 'b', 'c'].entries()) {
      expect((await api.call('POST', '/api/bookings', { user, body: { deskId: `f1-0-${i}`, date: THURSDAY } })).status).toBe(201);
      api.clock.advance(60_000);
    }
    const body = { siteId: 'site-1', effectiveFrom: TODAY, policy: { minDistanceM: 2.5 } };
    const preview = await api.call('POST', '/api/admin/policies/preview', asAdmin({ body }));
    expect(preview.body.cancellations.map((c: { userId: string; code: string }) => `${c.userId}:${c.code}`)).toEqual(['b:TOO_CLOSE']);
    const applied = await api.call('POST', '/api/admin/policies', asAdmin({ body }));
    expect(applied.body.cancellations.map((c: { userId: string; code: string }) => `${c.userId}:${c.code}`)).toEqual(['b:TOO_CLOSE']);
    // b was not told: the bot is not installed for them (no conversation reference).
    expect(applied.body.notices).toMatchObject({ queued: 0, noReference: 1 });
  });

  it.each([
    ['a zone rule other than its capacity', { ...tighten, policy: { minDistanceM: 2 } }, 'policy.minDistanceM', /toute la zone|tout le site/],
    ['a day in the past', { ...tighten, effectiveFrom: '2026-11-30' }, 'effectiveFrom', /jours passés/],
    ['a reminder after the check-in deadline', { siteId: 'site-1', effectiveFrom: TODAY, policy: { reminderTime: '11:00' } }, 'policy.reminderTime', /problème/],
    ['an unknown zone', { ...tighten, zoneId: 'nope' }, 'zoneId', /zoneId/],
    ['a capacity over 100 %', { ...tighten, policy: { zoneCapacity: { kind: 'percent', value: 130 } } }, 'policy.zoneCapacity.value', /zoneCapacity/],
    ['an unknown rule', { ...tighten, policy: { capacity: 3 } }, 'policy.capacity', /capacity/],
  ])('refuses %s with 400 naming the field, in the caller language, and changes nothing', async (_what, body, field, message) => {
    const before = await h.catalog.getSiteCatalog('site-1');
    for (const path of ['/api/admin/policies/preview', '/api/admin/policies']) {
      const r = await api.call('POST', path, asAdmin({ body, locale: 'fr-BE' }));
      expect([r.status, r.body.code, r.body.field]).toEqual([400, 'INVALID_INPUT', field]);
      expect(r.body.message).toMatch(message);
    }
    expect((await h.catalog.getSiteCatalog('site-1'))?.revision).toBe(before?.revision);
  });
});
