import type { SiteCatalog } from '../../src/use-cases/ports';
import { checkInvariants } from '../support/invariant-checker';
import { gridCatalog } from '../support/builders';
import { azuriteHarness } from '../support/stores';
import { personalConversationId, referenceFor } from '../use-cases/reminders/support/reminder-world';
import { asAdmin, twoServersPerTest, untilCards, type Reply } from './admin-harness';
import { seededRandom } from '../support/seeded-random';

// Tuesday 1 December 2026, 09:00 in Brussels. The plan switches desks off from Thursday; Wednesday is before it.
const NOW = '2026-12-01T08:00:00Z';
const WEDNESDAY = '2026-12-02';
const THURSDAY = '2026-12-03';
const DAYS = [WEDNESDAY, THURSDAY];
const USERS = 100;

// Two zones of 30 desks 2 m apart, D 1.5 m, 15 people a zone: the plan keeps 15 desks a zone and switches 30 off.
const catalog = gridCatalog({ zones: 2, cols: 6, rows: 5, pitch: 2, policy: { zoneCapacity: { kind: 'count', value: 15 }, minDistanceM: 1.5 } });

describe('a safe-headcount plan published from a date, racing 200 bookings on both sides of the date', () => {
  const servers = twoServersPerTest(catalog, NOW, azuriteHarness);

  it('cancels only bookings from the date, keeps the day before, and leaves no rule broken', async () => {
    const { h, a, b, connector } = servers;
    for (let i = 0; i < USERS; i++) await a.tables.conversations.save(`p${i}`, referenceFor(`p${i}`));
    // Server B holds the layout from before the publish for the whole race; only the ledgers' revision tells it.
    expect((await a.call('GET', '/api/sites', { user: 'x' })).status).toBe(200);
    expect((await b.call('GET', '/api/sites', { user: 'x' })).status).toBe(200);
    const plan = (await a.call('GET', `/api/admin/floors/f1/headcount-plan?date=${THURSDAY}`, asAdmin())).body;
    expect(plan.offDeskIds).toHaveLength(30);
    const off = new Set<string>(plan.offDeskIds);

    const random = seededRandom(21);
    const attempts = DAYS.flatMap((date) => Array.from({ length: USERS }, (_, i) => ({ user: `p${i}`, date })));
    for (let i = attempts.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [attempts[i], attempts[j]] = [attempts[j]!, attempts[i]!];
    }
    const outcomes = new Map<string, number>();
    let started = 0;
    let publish: Promise<Reply> | undefined;
    const worker = async (): Promise<void> => {
      while (started < attempts.length) {
        const n = started++;
        const { user, date } = attempts[n]!;
        if (n === 60) publish = a.call('POST', '/api/admin/floors/f1/headcount-plan/publish', asAdmin({ body: { revision: plan.revision, deskIds: plan.deskIds, date: THURSDAY } }));
        const server = n % 2 === 0 ? a : b;
        const desk = `f1-${random() < 0.5 ? 0 : 1}-${Math.floor(random() * 30)}`;
        const r = await server.call('POST', '/api/bookings', { user, body: { deskId: desk, date } });
        const key = `${date === THURSDAY ? 'thu' : 'wed'}:${r.status === 201 ? 'booked' : String(r.body?.code ?? r.status)}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));
    const published = await publish!;
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ offFrom: THURSDAY, recheckComplete: true });

    const after: SiteCatalog = (await h.catalog.getSiteCatalog('site-1'))!;
    expect(after.desks.filter((d) => d.offFrom === THURSDAY).map((d) => d.id).sort()).toEqual([...off].sort());
    const report = await checkInvariants(h.gateway, h.tables.reservations, [after], { weeksTable: h.tables.weeks });
    process.stdout.write(`dated plan race: ${JSON.stringify({ ...Object.fromEntries(outcomes), cancelledByPublish: published.body.cancelled, active: report.activeBookings })}\n`);
    expect(report.violations).toEqual([]);

    // Only Thursday's bookings were cancelled; Wednesday still has live bookings of desks the plan switched off.
    expect(published.body.cancellations.every((c: { date: string }) => c.date === THURSDAY)).toBe(true);
    const live = await Promise.all(Array.from({ length: USERS }, (_, i) => a.call('GET', `/api/bookings?from=${WEDNESDAY}&to=${THURSDAY}`, { user: `p${i}` })));
    const held = live.flatMap((r) => r.body as { deskId: string; date: string; status: string }[]).filter((x) => x.status === 'booked');
    expect(held.filter((x) => x.date === WEDNESDAY && off.has(x.deskId)).length).toBeGreaterThan(0);
    expect(held.filter((x) => x.date === THURSDAY && off.has(x.deskId))).toEqual([]);
    expect(outcomes.get('wed:booked')).toBeGreaterThan(10);
    expect(outcomes.get('thu:booked')).toBeGreaterThan(10);
    const count = (ids: string[]) => [...ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>())].sort();
    expect(count((await untilCards(connector, published.body.cancellations.length)).map((c) => c.conversationId))).toEqual(
      count(published.body.cancellations.map((c: { userId: string }) => personalConversationId(c.userId))),
    );
  }, 300_000);
});
