import nock from 'nock';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableAuditLog } from '../../src/storage/table-audit-log';
import type { AdminDeps } from '../../src/use-cases/admin-deps';
import { noticeRetryJob, type BackgroundWork } from '../../src/use-cases/admin-notices';
import { applyPolicyChange } from '../../src/use-cases/change-policy';
import { TableDelegationStore } from '../../src/storage/table-delegation-store';
import { bookForSomeone } from '../../src/use-cases/book-for-someone';
import { cancelAsCaller } from '../../src/use-cases/booked-for-others';
import { uniqueTableName } from '../support/azurite';
import { anActor, aPolicy, gridCatalog } from '../support/builders';
import { azuriteHarness } from '../support/stores';
import { duplicatesOf, mockConnector, referenceFor, reminderWorld, type Delivery, type Instance, type ReminderWorld } from './reminders/support/reminder-world';

// Tuesday 1 December 2026, 09:00 in Brussels; the bookings are for Thursday.
const NOW = '2026-12-01T08:00:00Z';
const THURSDAY = '2026-12-03';

describe('notices of an admin’s cancellations: sent after the answer, and retried by the scheduler once throttled', () => {
  let world: ReminderWorld;
  let instances: Instance[] = [];
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    world = await reminderWorld(azuriteHarness, NOW);
  });
  afterEach(async () => {
    await Promise.all(instances.map((i) => i.scheduler?.stop()));
    instances = [];
    nock.cleanAll();
  });

  it('the connector answers 429 to every first card: two instances’ scheduler passes then send each one exactly once', async () => {
    for (let i = 0; i < 5; i++) {
      await world.conversations.save(`p${i}`, referenceFor(`p${i}`));
      await world.book(`p${i}`, `f1-0-${i}`, THURSDAY);
      world.vt.clock.advance(60_000);
    }
    // The connector throttles the first three cards past the send budget (Retry-After: 10 minutes), then takes all.
    const connector = mockConnector(world.vt, (n) => (n <= 3 ? { status: 429, headers: { 'Retry-After': '600' } } : { status: 201 }));
    const withRetry = (deps: Instance['deps']) => ({ ...deps, jobs: [noticeRetryJob(deps)] });
    const a = world.instance('instance-a', { wrap: withRetry });
    const b = world.instance('instance-b', { wrap: withRetry });
    instances = [a, b];

    // Instance A applies "2 people in zone f1-z0 from today": the last three to book lose their desks.
    const background: Promise<unknown>[] = [];
    const later: BackgroundWork = { run: (_what, task) => void background.push(task()) };
    const admin: AdminDeps = {
      store: world.h.reservations,
      catalogStore: world.h.catalog,
      catalog: world.booking.catalog,
      clock: world.vt.clock,
      audit: new TableAuditLog(new InMemoryTableGateway(), 'audit'),
      notices: { claims: world.claims, conversations: world.conversations, notifier: a.notifier, instanceId: 'instance-a', log: a.log, background: later },
    };
    const applied = await applyPolicyChange(admin, { actor: anActor('fm', { roles: ['admin'] }), siteId: 'site-1', zoneId: 'f1-z0', effectiveFrom: '2026-12-01', policy: { zoneCapacity: { kind: 'count', value: 2 } } });
    if (!applied.ok) throw new Error(`refused: ${applied.error.kind}`);
    expect(applied.value.cancelled.map((c) => c.booking.userId).sort()).toEqual(['p2', 'p3', 'p4']);
    // The answer did not wait for Teams: the three claims are taken, and the cards go out after it.
    expect(applied.value.notices).toMatchObject({ queued: 3, sent: 0 });
    expect(background).toHaveLength(1);
    await Promise.all(background);
    expect(connector.requests).toHaveLength(3);
    expect(connector.delivered).toHaveLength(0);
    const handedBack = (await world.claims.listDay(THURSDAY)).filter((c) => c.kind === 'cancelled');
    expect(handedBack.map((c) => [c.userId, c.state, c.owner])).toEqual(expect.arrayContaining([['p2', 'pending', ''], ['p3', 'pending', ''], ['p4', 'pending', '']]));

    // Both instances' schedulers run; before the Retry-After has passed, nothing is sent again.
    await Promise.all([a.start().idle(), b.start().idle()]);
    expect(connector.requests).toHaveLength(3);

    // Eleven minutes later, both ticks at the same instant: each card goes out once, from one instance or the other.
    world.vt.clock.advance(11 * 60_000);
    await Promise.all([a.scheduler!.tickNow(), b.scheduler!.tickNow()]);
    expect(connector.delivered.map((d) => d.conversationId).sort()).toEqual(['a:1personal-p2', 'a:1personal-p3', 'a:1personal-p4']);
    expect(duplicatesOf(connector.delivered).duplicated).toEqual([]);
    const sent = (await world.claims.listDay(THURSDAY)).filter((c) => c.kind === 'cancelled');
    expect(sent.map((c) => c.state)).toEqual(['sent', 'sent', 'sent']);
    // The cards say why, in the words of the change that cancelled them.
    expect(JSON.stringify(connector.delivered.map((d) => d.activity))).toMatch(/Zone A/);

    // And never again.
    world.vt.clock.advance(11 * 60_000);
    await Promise.all([a.scheduler!.tickNow(), b.scheduler!.tickNow()]);
    expect(connector.requests).toHaveLength(6);
  });
});

describe('notices sent inside a request (booked for someone, cancelled by their delegate): retried by the scheduler once throttled', () => {
  let instances: Instance[] = [];
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => nock.enableNetConnect());
  afterEach(async () => {
    await Promise.all(instances.map((i) => i.scheduler?.stop()));
    instances = [];
    nock.cleanAll();
  });

  const kindOf = (d: Delivery) => {
    const text = JSON.stringify(d.activity);
    return text.includes('A desk booked for you was cancelled') ? 'cancelled-for' : text.includes('A desk was booked for you') ? 'booked-for' : 'other';
  };

  /** Dan may book for the people named; notices go through instance A's notifier, as a request on A would send them. */
  async function delegateOn(world: ReminderWorld, a: Instance, owners: string[]) {
    const delegations = new TableDelegationStore(world.h.gateway, uniqueTableName('deleg'));
    for (const o of owners) {
      await delegations.grant({ ownerId: o, delegateId: 'dan', grantedAt: world.vt.clock.now().toISOString() });
      await world.conversations.save(o, referenceFor(o));
    }
    const notices = { claims: world.claims, conversations: world.conversations, notifier: a.notifier, instanceId: a.name, log: a.log };
    return { ...world.booking, delegations, notices };
  }

  const dan = anActor('dan', { name: 'Dan Delegate' });
  const withRetry = (deps: Instance['deps']) => ({ ...deps, jobs: [noticeRetryJob(deps)] });

  it('a card that got 429 + Retry-After goes out once from two instances’ schedulers; a booking cancelled meanwhile gets only the cancel card', async () => {
    const world = await reminderWorld(azuriteHarness, NOW);
    // Teams throttles every card for the first ten minutes (Retry-After: 10 minutes), then takes them all.
    const open = world.vt.time.now() + 10 * 60_000;
    const connector = mockConnector(world.vt, () => (world.vt.time.now() < open ? { status: 429, headers: { 'Retry-After': '600' } } : { status: 201 }));
    const a = world.instance('instance-a', { wrap: withRetry });
    const b = world.instance('instance-b', { wrap: withRetry });
    instances = [a, b];
    const deps = await delegateOn(world, a, ['ann', 'bob']);

    const forAnn = await bookForSomeone(deps, { actor: dan, forPersonId: 'ann', deskId: 'f1-0-0', date: THURSDAY });
    const forBob = await bookForSomeone(deps, { actor: dan, forPersonId: 'bob', deskId: 'f1-0-2', date: THURSDAY });
    if (!forAnn.ok || !forBob.ok) throw new Error('booking for a colleague was refused');
    expect([forAnn.value.notice, forBob.value.notice]).toEqual(['not-delivered', 'not-delivered']);
    // Dan cancels Bob's before Teams took the first card: Bob is to hear of the cancel, not of a booking gone.
    const cancelled = await cancelAsCaller(deps, { actor: dan, bookingId: forBob.value.booking.id });
    expect(cancelled.ok && cancelled.value.ownerNotice).toBe('not-delivered');
    expect(connector.delivered).toHaveLength(0);

    await Promise.all([a.start().idle(), b.start().idle()]);
    expect(connector.delivered).toHaveLength(0);

    world.vt.clock.advance(11 * 60_000);
    await Promise.all([a.scheduler!.tickNow(), b.scheduler!.tickNow()]);
    expect(connector.delivered.map((d) => [d.conversationId, kindOf(d)]).sort()).toEqual([
      ['a:1personal-ann', 'booked-for'],
      ['a:1personal-bob', 'cancelled-for'],
    ]);
    expect(duplicatesOf(connector.delivered, (d) => `${d.conversationId}|${kindOf(d)}`).duplicated).toEqual([]);
    expect(JSON.stringify(connector.delivered.map((d) => d.activity))).toContain('Dan Delegate');
    const claims = (await world.claims.listDay(THURSDAY)).map((c) => [c.userId, c.kind, c.state]).sort();
    expect(claims).toEqual([
      ['ann', 'booked-for', 'sent'],
      ['bob', 'booked-for', 'skipped'],
      ['bob', 'cancelled-for', 'sent'],
    ]);

    const requests = connector.requests.length;
    world.vt.clock.advance(11 * 60_000);
    await Promise.all([a.scheduler!.tickNow(), b.scheduler!.tickNow()]);
    expect(connector.requests).toHaveLength(requests);
  });

  it('retries a card about a day booked under a longer horizon than today’s, which a scan up to today’s horizon misses', async () => {
    // Until 1 December people could book 60 days ahead; from then on, 14.
    const catalog = gridCatalog({ zones: 1, cols: 4, rows: 4, pitch: 2, policies: [aPolicy({ horizonDays: 60 }, '2026-01-01'), aPolicy({ horizonDays: 14 }, '2026-12-01')] });
    const world = await reminderWorld(azuriteHarness, '2026-11-20T08:00:00Z', catalog);
    const connector = mockConnector(world.vt, (n) => (n === 1 ? { status: 429, headers: { 'Retry-After': '600' } } : { status: 201 }));
    const a = world.instance('instance-a', { wrap: withRetry });
    instances = [a];
    const deps = await delegateOn(world, a, ['ann']);
    const far = '2027-01-08';
    const booked = await bookForSomeone(deps, { actor: dan, forPersonId: 'ann', deskId: 'f1-0-0', date: far });
    if (!booked.ok) throw new Error(`refused: ${booked.error.code}`);
    expect(booked.value.notice).toBe('not-delivered');
    expect(connector.delivered).toHaveLength(0);

    // On 2 December today's horizon ends on 16 December; the booking of 8 January still stands.
    world.vt.clock.set('2026-12-02T08:00:00Z');
    await a.start().idle();
    expect(connector.delivered.map((d) => [d.conversationId, kindOf(d)])).toEqual([['a:1personal-ann', 'booked-for']]);
    expect((await world.claims.listDay(far)).map((c) => c.state)).toEqual(['sent']);
  });
});
