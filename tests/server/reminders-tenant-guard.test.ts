import nock from 'nock';
import pino from 'pino';
import { composeServer } from '../../src/server/composition';
import { TableClaimStore } from '../../src/storage/table-claim-store';
import { TableConversationStore } from '../../src/storage/table-conversation-store';
import { bookDesk } from '../../src/use-cases/book-desk';
import { uniqueTableName } from '../support/azurite';
import { anActor, fixedClock, gridCatalog, sequentialIds } from '../support/builders';
import { bookingDeps, inMemoryHarness } from '../support/stores';
import { referenceFor } from '../use-cases/reminders/support/reminder-world';

// Tuesday 1 December 2026, 08:45 in Brussels: after the 08:30 reminders, before the 10:00 deadline.
const NOW = '2026-12-01T07:45:00Z';
const TODAY = '2026-12-01';

function inTenant(userId: string, tenantId: string): Record<string, unknown> {
  const reference = referenceFor(userId);
  return { ...reference, conversation: { ...(reference['conversation'] as Record<string, unknown>), tenantId } };
}

describe('the server as composed sends reminders only into conversations of allowed tenants', () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('reminds Bob (allowed tenant) and not Mallory, whose saved conversation is in another tenant', async () => {
    const h = await inMemoryHarness();
    const catalog = gridCatalog();
    // Booked the day before: a booking made after the reminder time gets no reminder.
    const clock = fixedClock('2026-11-30T10:00:00Z');
    const deps = await bookingDeps(h, [catalog], clock);
    for (const [user, deskId] of [['bob', 'f1-0-0'], ['mallory', 'f1-1-0']] as const) {
      expect((await bookDesk(deps, { actor: anActor(user), deskId, date: TODAY })).ok).toBe(true);
    }
    clock.set(NOW);
    const conversations = new TableConversationStore(h.gateway, uniqueTableName('conv'));
    await conversations.init();
    await conversations.save('bob', inTenant('bob', 'TENANT-1'));
    await conversations.save('mallory', inTenant('mallory', 'tenant-evil'));
    const claims = new TableClaimStore(h.gateway, uniqueTableName('claims'));
    await claims.init();

    const posted: string[] = [];
    nock('https://smba.trafficmanager.net')
      .persist()
      .post(/\/v3\/conversations\/[^/]+\/activities$/)
      .reply(201, (uri) => {
        posted.push(decodeURIComponent(uri.split('/')[4]!));
        return { id: `act-${posted.length}` };
      });

    const { scheduler } = composeServer(
      {
        botId: '',
        botPassword: '',
        botType: '',
        botTenantId: '',
        teamsAppId: '',
        showNamesInWhoIsIn: false,
        authMode: 'dev',
        aadClientId: '',
        allowedTenantIds: ['tenant-1'],
        reminders: { enabled: true, tenantRps: 45, intervalSeconds: 300 },
      },
      { reservations: h.reservations, catalog: h.catalog, conversations, claims, clock, ids: sequentialIds('srv'), log: pino({ level: 'silent' }) },
    );
    expect(scheduler).toBeDefined();
    // The catch-up tick runs at start; idle waits for it and its sends.
    await scheduler!.idle();
    await scheduler!.stop();
    expect(posted).toEqual(['a:1personal-bob']);
  });
});
