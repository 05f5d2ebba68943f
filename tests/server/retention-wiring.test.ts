import pino from 'pino';
import { composeServer } from '../../src/server/composition';
import { openOversightStores } from '../../src/server/oversight-stores';
import { TableAuditLog } from '../../src/storage/table-audit-log';
import { TableClaimStore } from '../../src/storage/table-claim-store';
import { TableConversationStore } from '../../src/storage/table-conversation-store';
import { TableRetentionStore } from '../../src/storage/table-retention-store';
import { bookDesk } from '../../src/use-cases/book-desk';
import { uniqueTableName } from '../support/azurite';
import { anActor, fixedClock, gridCatalog } from '../support/builders';
import { azuriteHarness, bookingDeps } from '../support/stores';

const catalog = gridCatalog({ policy: { bookableWeekdays: [1, 2, 3, 4, 5, 6, 7] } });

describe('the retention pass as the server runs it: two instances, one pass, SEATWISE_RETENTION_DAYS honoured', () => {
  it('purges a day 31 days old with a retention of 30 days, once, whichever instance ticks', async () => {
    const h = await azuriteHarness();
    const clock = fixedClock('2026-10-01T08:00:00Z');
    const deps = await bookingDeps(h, [catalog], clock);
    expect((await bookDesk(deps, { actor: anActor('alice'), deskId: 'f1-0-0', date: '2026-10-01' })).ok).toBe(true);

    const prefix = `ret${Math.random().toString(36).slice(2, 8)}`;
    const claimsTable = `${prefix}Claims`;
    const claims = new TableClaimStore(h.gateway, claimsTable);
    await claims.init();
    const audit = new TableAuditLog(h.gateway, uniqueTableName('audit'));
    const conversations = new TableConversationStore(h.gateway, uniqueTableName('conv'));
    await conversations.init();
    const stores = await openOversightStores(h.gateway, prefix, claimsTable);
    // The server's stores name their tables from the prefix; these tests' reservations live in the harness's tables.
    const retentionStore = new TableRetentionStore(h.gateway, { reservations: h.tables.reservations, weeks: h.tables.weeks, claims: claimsTable });
    const servers = [1, 2].map(() =>
      composeServer(
        { botId: '', botPassword: '', botType: '', botTenantId: '', teamsAppId: '', showNamesInWhoIsIn: false, authMode: 'dev', aadClientId: '', allowedTenantIds: [], retentionDays: 30 },
        { reservations: h.reservations, catalog: h.catalog, conversations, audit, claims, clock, log: pino({ level: 'silent' }), oversight: { archive: stores.archive, personal: stores.personal }, retention: retentionStore },
      ),
    );
    try {
      // 1 November, 03:00 in Brussels: 1 October is 31 days ago.
      clock.set('2026-11-01T02:00:00Z');
      const reports = (await Promise.all(servers.map((s) => s.retention!.tickNow()))).flat();
      expect(reports.map((r) => [r.before, r.bookings])).toEqual([['2026-10-02', 1]]);
      expect(await h.reservations.listBookingsOfDay('2026-10-01')).toEqual([]);
      const entries = (await audit.list({ from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' })).filter((e) => e.action === 'retention.purge');
      expect(entries.map((e) => [e.params?.['retentionDays'], e.count])).toEqual([[30, 1]]);
    } finally {
      await Promise.all(servers.map((s) => s.retention!.stop()));
    }
  });
});
