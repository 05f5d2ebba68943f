import nock from 'nock';
import { checkInvariants } from '../../support/invariant-checker';
import { azuriteHarness } from '../../support/stores';
import { duplicatesOf, mockConnector, referenceFor, reminderWorld, total } from './support/reminder-world';

const DAY = '2026-10-25';
const PEOPLE = Array.from({ length: 40 }, (_, i) => `p${String(i).padStart(2, '0')}`);
const desk = (n: number) => `f1-${n % 2}-${Math.floor(n / 2)}`;

describe('two scheduler instances over one Azurite', () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('send every reminder and every release notice once between them, and release every no-show once', async () => {
    const w = await reminderWorld(azuriteHarness, '2026-10-24T12:00:00Z');
    for (const [i, p] of PEOPLE.entries()) {
      await w.book(p, desk(i), DAY);
      await w.conversations.save(p, referenceFor(p));
    }
    const connector = mockConnector(w.vt);
    w.vt.clock.set('2026-10-25T07:30:00Z');
    const a = w.instance('server-a', { settings: { concurrency: 8 } });
    const b = w.instance('server-b', { settings: { concurrency: 8 } });
    // Both start at once (both run the catch-up), then both tick at the same moments.
    a.start();
    b.start();
    await Promise.all([a.scheduler!.idle(), b.scheduler!.idle()]);
    await Promise.all([a.scheduler!.tickNow(), b.scheduler!.tickNow()]);

    w.vt.clock.set('2026-10-25T09:00:00Z');
    await Promise.all([a.scheduler!.tickNow(), b.scheduler!.tickNow(), a.scheduler!.tickNow()]);
    await Promise.all([a.scheduler!.stop(), b.scheduler!.stop()]);

    const { counts, duplicated } = duplicatesOf(connector.delivered);
    expect(duplicated).toEqual([]);
    expect(connector.delivered.filter((d) => d.kind === 'reminder')).toHaveLength(PEOPLE.length);
    expect(connector.delivered.filter((d) => d.kind === 'released')).toHaveLength(PEOPLE.length);
    expect(counts.size).toBe(2 * PEOPLE.length);
    // The work was shared, and each release happened once.
    expect(total(a.reports, 'sent') + total(b.reports, 'sent')).toBe(2 * PEOPLE.length);
    expect(total(a.reports, 'released') + total(b.reports, 'released')).toBe(PEOPLE.length);
    expect(total(a.reports, 'sent')).toBeGreaterThan(0);
    expect(total(b.reports, 'sent')).toBeGreaterThan(0);
    expect(
      total(a.reports, 'ambiguous') +
        total(b.reports, 'ambiguous') +
        total(a.reports, 'lostClaims') +
        total(b.reports, 'lostClaims'),
    ).toBe(0);
    expect((await w.claims.listDay(DAY)).every((c) => c.state === 'sent')).toBe(true);
    expect((await checkInvariants(w.h.gateway, w.h.tables.reservations, [w.catalog])).violations).toEqual([]);
    // 40 bookings, two schedulers and a release pass against the shared Azurite: it took 67 s in a loaded CI run.
  }, 300_000);
});
