import nock from 'nock';
import { CorruptDataError } from '../../../src/use-cases/ports';
import { inMemoryHarness } from '../../support/stores';
import {
  duplicatesOf,
  mockConnector,
  referenceFor,
  reminderWorld,
  total,
  type ConnectorAnswer,
  type ReminderWorld,
} from './support/reminder-world';

const DAY = '2026-10-25';
const PEOPLE = ['alice', 'bob', 'carol'];

async function world(): Promise<ReminderWorld> {
  const w = await reminderWorld(inMemoryHarness, '2026-10-24T12:00:00Z');
  for (const [i, p] of PEOPLE.entries()) {
    await w.book(p, `f1-0-${i}`, DAY);
    await w.conversations.save(p, referenceFor(p));
  }
  return w;
}

describe('catching up after a downtime', () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('sends the reminders still due when it comes back before the deadline (09:10 local)', async () => {
    const w = await world();
    const connector = mockConnector(w.vt);
    w.vt.clock.set('2026-10-25T08:10:00Z');
    const s = w.instance('server').start();
    await s.idle();
    await s.stop();
    expect(connector.delivered.map((d) => d.kind)).toEqual(['reminder', 'reminder', 'reminder']);
  });

  it('sends no reminder once the deadline has passed, and runs the missed release on start (10:30 local)', async () => {
    const w = await world();
    const connector = mockConnector(w.vt);
    w.vt.clock.set('2026-10-25T09:30:00Z');
    const server = w.instance('server');
    const s = server.start();
    await s.idle();
    await s.stop();
    expect(connector.delivered.map((d) => d.kind)).toEqual(['released', 'released', 'released']);
    expect(total(server.reports, 'released')).toBe(3);
  });

  it('records yesterday’s no-shows the next morning, without telling anyone about a day that is over', async () => {
    const w = await world();
    const connector = mockConnector(w.vt);
    w.vt.clock.set('2026-10-26T06:00:00Z');
    const server = w.instance('server', { catchUpDays: 3 });
    const s = server.start();
    await s.idle();
    await s.stop();
    expect(connector.requests).toHaveLength(0);
    const bookings = await w.booking.store.listBookingsOfDay(DAY);
    expect(bookings.map((b) => `${b.status}/${b.releaseReason}`)).toEqual([
      'released/no-show',
      'released/no-show',
      'released/no-show',
    ]);
    expect((await w.claims.listDay(DAY)).map((c) => c.state)).toEqual(['skipped', 'skipped', 'skipped']);
  });

  it('stops a reminder fan-out at the deadline: what it did not reach by then is not sent', async () => {
    const w = await world();
    // The fan-out is slow: by the time the first reminder is accepted, the deadline has come.
    const connector = mockConnector(w.vt, (): ConnectorAnswer => {
      w.vt.clock.set('2026-10-25T09:00:00Z');
      return { status: 201 };
    });
    w.vt.clock.set('2026-10-25T08:45:00Z');
    const server = w.instance('server', { settings: { concurrency: 1 } });
    const s = server.start();
    await s.idle();
    await s.stop();
    expect(connector.delivered.filter((d) => d.kind === 'reminder')).toHaveLength(1);
    expect(total(server.reports, 'pastDeadline')).toBe(2);
  });

  it('starts no send that could land after the deadline: a Retry-After past it hands the reminder back', async () => {
    const w = await world();
    const connector = mockConnector(w.vt, (): ConnectorAnswer => ({
      status: 429,
      headers: { 'Retry-After': '1200' },
    }));
    w.vt.clock.set('2026-10-25T08:45:00Z');
    const server = w.instance('server', { settings: { concurrency: 1 } });
    const s = server.start();
    await s.idle();
    await s.stop();
    // One request, throttled for 20 minutes: nothing more is tried before the 09:00Z deadline.
    expect(connector.requests).toHaveLength(1);
    expect(connector.delivered).toHaveLength(0);
    expect(total(server.reports, 'retryLater')).toBe(3);
  });
});

describe('what a pass does with the connector’s answers', () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('marks a 403 failed for good, and never sends to that person again that day', async () => {
    const w = await world();
    const connector = mockConnector(w.vt, (_n, conversation): ConnectorAnswer =>
      conversation.endsWith('bob') ? { status: 403 } : { status: 201 },
    );
    w.vt.clock.set('2026-10-25T07:30:00Z');
    const server = w.instance('server');
    const s = server.start();
    await s.idle();
    w.vt.clock.set('2026-10-25T08:00:00Z');
    await s.tickNow();
    await s.stop();
    expect(connector.requests.filter((r) => r.conversationId.endsWith('bob'))).toHaveLength(1);
    expect(total(server.reports, 'blocked')).toBe(1);
    const bob = (await w.claims.listDay(DAY)).find((c) => c.userId === 'bob');
    expect(bob).toMatchObject({ state: 'failed' });
    expect(bob?.detail).toMatch(/403/);
  });

  it('hands a message back after repeated 500s and sends it at a later pass', async () => {
    const w = await world();
    let failing = true;
    const connector = mockConnector(w.vt, (): ConnectorAnswer =>
      failing ? { status: 500 } : { status: 201 },
    );
    w.vt.clock.set('2026-10-25T07:30:00Z');
    const server = w.instance('server', { notifier: { maxServerRetries: 2 } });
    const s = server.start();
    await s.idle();
    expect(connector.delivered).toHaveLength(0);
    expect(total(server.reports, 'retryLater')).toBe(3);
    expect((await w.claims.listDay(DAY)).every((c) => c.state === 'pending' && c.owner === '')).toBe(true);

    failing = false;
    w.vt.clock.set('2026-10-25T07:32:00Z');
    await s.tickNow();
    await s.stop();
    expect(connector.delivered).toHaveLength(3);
    expect((await w.claims.listDay(DAY)).every((c) => c.state === 'sent' && c.attempts === 2)).toBe(true);
  });

  it('counts and logs people without a usable reference, and goes on with the others', async () => {
    const w = await world();
    await w.conversations.save('carol', {
      ...referenceFor('carol'),
      serviceUrl: 'http://not-teams.example/',
    });
    const connector = mockConnector(w.vt);
    w.vt.clock.set('2026-10-25T07:30:00Z');
    const server = w.instance('server');
    const s = server.start();
    await s.idle();
    await s.stop();
    expect(connector.delivered).toHaveLength(2);
    expect(total(server.reports, 'failed')).toBe(1);
    expect(server.log.messages('warn').join('\n')).toMatch(/unusable/);
  });

  it('treats an unreadable stored reference like a missing one: counted, logged, and the others still reminded', async () => {
    const w = await world();
    const connector = mockConnector(w.vt);
    w.vt.clock.set('2026-10-25T07:30:00Z');
    const server = w.instance('server', {
      wrap: (deps) => ({
        ...deps,
        conversations: {
          get: async (userId: string) => {
            if (userId === 'bob')
              throw new CorruptDataError('Conversation reference of bob holds invalid JSON');
            return deps.conversations.get(userId);
          },
        },
      }),
    });
    const s = server.start();
    await s.idle();
    await s.stop();
    expect(connector.delivered).toHaveLength(2);
    expect(total(server.reports, 'noReference')).toBe(1);
    expect(total(server.reports, 'errors')).toBe(0);
    expect(server.log.messages('warn').join('\n')).toMatch(/unreadable/);
  });

  it('survives storage failing in the middle of a pass: the claims are retried after their lease', async () => {
    const w = await world();
    const gateway = w.h.gateway as unknown as { injectFaults(n: number): void };
    // Storage fails for the next two calls right after the first reminder is accepted.
    const connector = mockConnector(w.vt, (n): ConnectorAnswer => {
      if (n === 1) gateway.injectFaults(2);
      return { status: 201 };
    });
    w.vt.clock.set('2026-10-25T07:30:00Z');
    const server = w.instance('server', { settings: { concurrency: 1 } });
    const s = server.start();
    await s.idle();
    expect(total(server.reports, 'errors')).toBeGreaterThanOrEqual(1);
    expect(server.log.messages('error').join('\n')).toMatch(/retried after its lease/);

    w.vt.clock.set('2026-10-25T07:35:00Z');
    await s.tickNow();
    await s.stop();
    const { counts, duplicated } = duplicatesOf(connector.delivered);
    expect(PEOPLE.every((p) => (counts.get(`reminder|a:1personal-${p}`) ?? 0) >= 1)).toBe(true);
    // A reminder accepted just before storage failed could not be recorded as sent: retried, and counted as such.
    expect(duplicated.length).toBeLessThanOrEqual(total(server.reports, 'ambiguousTakeovers'));
    expect((await w.claims.listDay(DAY)).every((c) => c.state === 'sent')).toBe(true);
  });
});
