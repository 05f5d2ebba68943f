import type { AddressInfo } from 'node:net';
import nock from 'nock';
import pino from 'pino';
import { composeServer, type ServerConfig } from '../../src/server/composition';
import { openStores, tableNames, type Stores } from '../../src/server/storage-factory';
import { testConnectionString, uniqueTableName } from '../support/azurite';
import { ALICE, actionsOf, cardsOf, executeActivity, invokeCard, messageActivity, post, startBotServer, textOf, type BotServer, type Person } from '../support/bot-harness';
import { fixedClock, gridCatalog, sequentialIds } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1.6, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 8 }, bookableWeekdays: [1, 2, 3, 4, 5] } });

/**
 * The booking under discussion is kept where every instance of the server finds it (issue 12): turns over HTTP to
 * /api/messages of two servers composed over one Azurite, as two instances behind a load balancer, and of a server
 * started again after a restart. Each server has only its own process memory besides the shared tables.
 */
describe('the booking under discussion, across server instances and restarts', () => {
  let h: StoreHarness;
  let first: BotServer;
  let second: BotServer;
  const closed = new Set<BotServer>();

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
  beforeEach(async () => {
    closed.clear();
    h = await azuriteHarness();
    first = await startBotServer(h, [catalog], NOW);
    second = await startBotServer(h, [catalog], NOW);
  });
  afterEach(async () => {
    for (const s of [first, second]) if (!closed.has(s)) await s.close();
  });

  async function say(bot: BotServer, text: string, over: Record<string, unknown> = {}, person: Person = ALICE): Promise<Record<string, unknown>> {
    const res = await post(bot.url, messageActivity(person, text, over));
    expect(res.status).toBe(200);
    const [card] = cardsOf(res.json);
    expect(card).toBeDefined();
    return card!;
  }

  async function click(bot: BotServer, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await post(bot.url, executeActivity(ALICE, data));
    expect(res.status).toBe(200);
    return invokeCard(res.json);
  }

  function action(card: unknown, verb: string) {
    const found = actionsOf(card).find((a) => a.verb === verb);
    if (!found) throw new Error(`No ${verb} button on ${textOf(card).slice(0, 400)}`);
    return found;
  }

  async function mine() {
    return (await h.reservations.listActiveBookingsOfUser(ALICE.aadObjectId, '2026-12-01', '2026-12-31')).map((b) => b.date);
  }

  async function bookThursdayOn(bot: BotServer): Promise<void> {
    const suggestion = await say(bot, 'book a desk Thursday');
    await click(bot, action(suggestion, 'book.confirm').data);
    expect(await mine()).toEqual(['2026-12-03']);
  }

  it('"move it to Friday" reaching the second instance moves the Thursday booked on the first', async () => {
    await bookThursdayOn(first);
    const card = await say(second, 'move it to Friday');
    expect(textOf(card)).toMatch(/Booking moved/);
    expect(await mine()).toEqual(['2026-12-04']);
  });

  it('"move it to Friday" after a restart moves the Thursday booked before it', async () => {
    await bookThursdayOn(first);
    await first.close();
    closed.add(first);
    const restarted = await startBotServer(h, [catalog], NOW);
    try {
      const card = await say(restarted, 'move it to Friday');
      expect(textOf(card)).toMatch(/Booking moved/);
      expect(await mine()).toEqual(['2026-12-04']);
    } finally {
      await restarted.close();
    }
  });

  it('an instance that took part earlier sees what another did since, not what it last wrote itself', async () => {
    await bookThursdayOn(first);
    expect(textOf(await say(second, 'move it to Friday'))).toMatch(/Booking moved/);
    // Back on the first instance, "it" is now Friday's booking.
    const card = await say(first, 'move it to Monday');
    expect(textOf(card)).toMatch(/Booking moved/);
    expect(await mine()).toEqual(['2026-12-07']);
  });

  it('"another desk" on the second instance offers other desks of the day suggested on the first', async () => {
    const suggestion = await say(first, 'book a desk Thursday');
    const suggested = action(suggestion, 'book.confirm').data['deskId'];
    const card = await say(second, 'another desk please');
    const picks = actionsOf(card).filter((a) => a.verb === 'book.confirm');
    expect(picks.length).toBeGreaterThan(0);
    expect(picks.every((p) => p.data['date'] === '2026-12-03' && p.data['deskId'] !== suggested)).toBe(true);
    expect(await mine()).toEqual([]);
  });

  it('"not Thursday after all" on the second instance takes Thursday out of the days waiting on the first', async () => {
    const ask = await say(first, 'book a desk Monday to Thursday next week');
    expect(action(ask, 'book.days').data['dates']).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10']);
    const again = await say(second, 'not Thursday after all');
    expect(action(again, 'book.days').data['dates']).toEqual(['2026-12-07', '2026-12-08', '2026-12-09']);
    expect(await mine()).toEqual([]);
  });

  it('the discussion stays in its conversation: the same person in another chat is asked which booking', async () => {
    await bookThursdayOn(first);
    const card = await say(second, 'move it to Friday', { conversation: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', tenantId: 'tenant-1' } });
    expect(textOf(card)).toMatch(/Which booking should I move\?/);
    expect(await mine()).toEqual(['2026-12-03']);
  });

  it('servers composed from the storage factory keep the discussion in the "<prefix>Discussions" table they share', async () => {
    const prefix = uniqueTableName('inst');
    const config: ServerConfig = { botId: '', botPassword: '', botType: '', botTenantId: '', teamsAppId: 'seatwise-test-app', showNamesInWhoIsIn: false, authMode: 'dev', aadClientId: '', allowedTenantIds: [] };
    const opened: Stores[] = [];
    const servers: BotServer[] = [];
    try {
      for (const name of ['one', 'two']) {
        // Each instance opens the storage account itself, as main.ts does.
        const stores = await openStores({ storage: { kind: 'connection-string', connectionString: testConnectionString() }, tablePrefix: prefix });
        opened.push(stores);
        await stores.catalog.replaceSiteCatalog(catalog);
        const { server } = composeServer(config, { ...stores, clock: fixedClock(NOW), ids: sequentialIds(name), log: pino({ level: 'silent' }) });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        servers.push({ url, server, close: () => new Promise<void>((r) => server.close(() => r())) } as BotServer);
      }
      const suggestion = await say(servers[0]!, 'book a desk Thursday');
      await click(servers[0]!, action(suggestion, 'book.confirm').data);
      const card = await say(servers[1]!, 'move it to Friday');
      expect(textOf(card)).toMatch(/Booking moved/);
      const booked = await opened[0]!.reservations.listActiveBookingsOfUser(ALICE.aadObjectId, '2026-12-01', '2026-12-31');
      expect(booked.map((b) => b.date)).toEqual(['2026-12-04']);
      const rows = await opened[0]!.gateway.queryTable(tableNames(prefix).discussions);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.entity['date']).toBe('2026-12-04');
    } finally {
      for (const s of servers) await s.close();
      for (const s of opened) await s.close();
    }
  });
});
