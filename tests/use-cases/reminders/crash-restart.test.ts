import nock from 'nock';
import { azuriteHarness } from '../../support/stores';
import { checkInvariants } from '../../support/invariant-checker';
import { Mortal } from './support/crash';
import {
  duplicatesOf,
  mockConnector,
  referenceFor,
  reminderWorld,
  stampingTransport,
  total,
  type ReminderWorld,
} from './support/reminder-world';

const DAY = '2026-10-25';
const PEOPLE = Array.from({ length: 30 }, (_, i) => `p${String(i).padStart(2, '0')}`);
const desk = (n: number) => `f1-${n % 2}-${Math.floor(n / 2)}`;

async function world(): Promise<ReminderWorld> {
  const w = await reminderWorld(azuriteHarness, '2026-10-24T12:00:00Z');
  for (const [i, p] of PEOPLE.entries()) {
    await w.book(p, desk(i), DAY);
    await w.conversations.save(p, referenceFor(p));
  }
  return w;
}

describe('a crash in the middle of a fan-out, and a restart (Azurite, nock)', () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('stopping the scheduler after k sends and starting again: every due reminder sent exactly once', async () => {
    const w = await world();
    w.vt.clock.set('2026-10-25T07:30:00Z');
    const first = w.instance('server-a', { settings: { concurrency: 6 } });
    let stopping: Promise<void> | undefined;
    const connector = mockConnector(w.vt, (n) => {
      if (n === 10) stopping = first.scheduler!.stop();
      return { status: 201 };
    });
    first.start();
    await first.scheduler!.idle();
    await stopping;
    const beforeRestart = connector.delivered.length;
    expect(beforeRestart).toBeGreaterThanOrEqual(10);
    expect(beforeRestart).toBeLessThan(PEOPLE.length);

    // The restart, a minute later: its start-up catch-up sends the rest.
    w.vt.clock.set('2026-10-25T07:31:00Z');
    const second = w.instance('server-a-restarted');
    second.start();
    await second.scheduler!.idle();
    await second.scheduler!.stop();

    const { counts, duplicated } = duplicatesOf(connector.delivered);
    expect(duplicated).toEqual([]);
    expect(counts.size).toBe(PEOPLE.length);
    expect(total(second.reports, 'ambiguousTakeovers')).toBe(0);
    expect((await w.claims.listDay(DAY)).every((c) => c.state === 'sent')).toBe(true);
  });

  it('a kill -9 after k sends: after the lease, a restart sends every reminder; only sends caught in flight can repeat, and they are counted', async () => {
    const w = await world();
    w.vt.clock.set('2026-10-25T07:30:00Z');
    const mortal = new Mortal();
    const victim = w.instance('server-a', {
      settings: { concurrency: 4 },
      transport: mortal.transport(stampingTransport(w.vt)),
      wrap: (deps) => mortal.deps(deps),
    });
    const connector = mockConnector(w.vt, (n) => {
      if (n === 12) mortal.kill();
      return { status: 201 };
    });
    victim.start();
    await victim.scheduler!.idle();
    await victim.scheduler!.stop();
    // The 12th request killed the process; requests already on their way (at most concurrency - 1) still arrive.
    const seenBeforeCrash = new Set(connector.delivered.map((d) => d.conversationId));
    expect(seenBeforeCrash.size).toBeGreaterThanOrEqual(12);
    expect(seenBeforeCrash.size).toBeLessThanOrEqual(12 + 3);
    const pendingAtCrash = (await w.claims.listDay(DAY)).filter((c) => c.state === 'pending');
    expect(pendingAtCrash.length).toBeGreaterThanOrEqual(1);

    // A restart inside the lease leaves the dead instance's claims alone…
    w.vt.clock.set('2026-10-25T07:31:00Z');
    const early = w.instance('server-a-restarted');
    early.start();
    await early.scheduler!.idle();
    expect(total(early.reports, 'busy')).toBe(pendingAtCrash.length);
    // …and takes them over once the lease (send budget + clock-skew margin) has run out.
    w.vt.clock.set('2026-10-25T07:33:01Z');
    await early.scheduler!.tickNow();
    await early.scheduler!.stop();

    const { counts, duplicated } = duplicatesOf(connector.delivered);
    expect(counts.size).toBe(PEOPLE.length);
    expect(PEOPLE.every((p) => (counts.get(`reminder|a:1personal-${p}`) ?? 0) >= 1)).toBe(true);
    // The 12th send reached the connector, and the process died before writing `sent`: the one case that cannot be
    // decided without an idempotent connector. Every repeat is a claim taken over from an owner that had begun sending.
    expect(duplicated.length).toBeGreaterThanOrEqual(1);
    expect(duplicated.length).toBeLessThanOrEqual(total(early.reports, 'ambiguousTakeovers'));
    expect(total(early.reports, 'takeovers')).toBe(pendingAtCrash.length);
    expect(early.log.messages('warn').some((m) => /may arrive twice|delivered twice/.test(m))).toBe(true);
    expect((await w.claims.listDay(DAY)).every((c) => c.state === 'sent')).toBe(true);
  });

  it('a kill -9 in the middle of the releases: every no-show released exactly once and told once', async () => {
    const w = await world();
    w.vt.clock.set('2026-10-25T09:00:00Z');
    const mortal = new Mortal();
    const victim = w.instance('server-a', {
      settings: { concurrency: 1 },
      transport: mortal.transport(stampingTransport(w.vt)),
      wrap: (deps) => {
        const wrapped = mortal.deps(deps);
        // Die right after the 8th release commits, before its owner is told.
        let commits = 0;
        const store = wrapped.store;
        return {
          ...wrapped,
          store: new Proxy(store, {
            get: (obj, prop, receiver) => {
              const value = Reflect.get(obj, prop, receiver) as unknown;
              if (prop !== 'commitTransition' || typeof value !== 'function') return value;
              return async (...args: unknown[]) => {
                const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(obj, args);
                if (++commits === 8) mortal.kill();
                return result;
              };
            },
          }),
        };
      },
    });
    const connector = mockConnector(w.vt);
    victim.start();
    await victim.scheduler!.idle();
    await victim.scheduler!.stop();
    expect(connector.delivered).toHaveLength(7);

    w.vt.clock.set('2026-10-25T09:05:00Z');
    const restarted = w.instance('server-a-restarted');
    restarted.start();
    await restarted.scheduler!.idle();
    await restarted.scheduler!.stop();

    const bookings = await w.booking.store.listBookingsOfDay(DAY);
    expect(bookings.every((b) => b.status === 'released' && b.releaseReason === 'no-show')).toBe(true);
    // 8 released by the dead instance, 22 by the restarted one: 30, each once (a second release is refused).
    expect(total(restarted.reports, 'released')).toBe(PEOPLE.length - 8);
    const { counts, duplicated } = duplicatesOf(connector.delivered);
    expect(duplicated).toEqual([]);
    expect(counts.size).toBe(PEOPLE.length);
    expect((await checkInvariants(w.h.gateway, w.h.tables.reservations, [w.catalog])).violations).toEqual([]);
  });
});
