/**
 * How long an admin waits for a rule change that cancels many bookings: `npx tsx bench/admin-notices-bench.ts
 * [--people=100] [--delay=20]`.
 *
 * Two zones of the same floor each hold `people` bookings on Thursday, every owner reachable in Teams; the connector
 * (nock) answers each card after `delay` ms, and the notifier keeps its default rate limits. The capacity of the first
 * zone goes to 0 with the notices sent before the answer (as before this change), that of the second with the notices
 * sent after it. Printed: the time to the answer in both cases, and the time until the last card of the second.
 * Over an in-memory embedded Azurite. Not part of `npm test`.
 */
import nock from 'nock';
import { TeamsNotifier } from '../src/bot/proactive/teams-notifier';
import { fetchConnectorTransport } from '../src/bot/proactive/connector-transport';
import { startEmbeddedAzurite } from '../src/storage/embedded/embedded-azurite';
import { InMemoryTableGateway } from '../src/storage/in-memory/in-memory-table-gateway';
import { TableAuditLog } from '../src/storage/table-audit-log';
import { TableClaimStore } from '../src/storage/table-claim-store';
import { TableConversationStore } from '../src/storage/table-conversation-store';
import type { AdminDeps } from '../src/use-cases/admin-deps';
import type { BackgroundWork } from '../src/use-cases/admin-notices';
import { bookDesk } from '../src/use-cases/book-desk';
import { applyPolicyChange } from '../src/use-cases/change-policy';
import { anActor, fixedClock, gridCatalog } from '../tests/support/builders';
import { azuriteHarnessAt, bookingDeps } from '../tests/support/stores';
import { referenceFor } from '../tests/use-cases/reminders/support/reminder-world';

function option(name: string, fallback: number): number {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  const n = flag ? Number(flag.slice(name.length + 3)) : fallback;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

const PEOPLE = option('people', 100);
const DELAY_MS = option('delay', 20);
const THURSDAY = '2026-12-03';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as never;

async function main(): Promise<void> {
  const azurite = await startEmbeddedAzurite({ startTimeoutMs: 60_000 });
  try {
    const h = await azuriteHarnessAt(azurite.connectionString);
    const side = Math.ceil(Math.sqrt(PEOPLE));
    const catalog = gridCatalog({ zones: 2, cols: side, rows: side, pitch: 2, policy: { minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 100_000 } } });
    const clock = fixedClock('2026-12-01T08:00:00Z');
    const deps = await bookingDeps(h, [catalog], clock);
    const conversations = new TableConversationStore(h.gateway, `benchconv${Date.now()}`);
    const claims = new TableClaimStore(h.gateway, `benchclaims${Date.now()}`);
    await Promise.all([conversations.init(), claims.init()]);
    for (const zone of [0, 1]) {
      for (let i = 0; i < PEOPLE; i++) {
        const userId = `z${zone}p${i}`;
        await conversations.save(userId, referenceFor(userId));
        const r = await bookDesk(deps, { actor: anActor(userId), deskId: `f1-${zone}-${i}`, date: THURSDAY });
        if (!r.ok) throw new Error(`booking ${userId}: ${r.error.code}`);
      }
    }
    let cards = 0;
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock('https://smba.trafficmanager.net')
      .persist()
      .post(/\/v3\/conversations\/[^/]+\/activities$/)
      .delay(DELAY_MS)
      .reply(201, () => ({ id: `act-${++cards}` }));
    const notifier = new TeamsNotifier({ transport: fetchConnectorTransport(), log: silent, clock });
    const base = { claims, conversations, notifier, instanceId: 'bench', log: silent };
    const admin = (background?: BackgroundWork): AdminDeps => ({
      store: h.reservations,
      catalogStore: h.catalog,
      catalog: deps.catalog,
      clock,
      audit: new TableAuditLog(new InMemoryTableGateway(), 'audit'),
      notices: { ...base, ...(background && { background }) },
    });
    const close = (zone: number) => ({ actor: anActor('fm', { roles: ['admin'] }), siteId: 'site-1', zoneId: `f1-z${zone}`, effectiveFrom: '2026-12-01', policy: { zoneCapacity: { kind: 'count' as const, value: 0 } } });

    let t = performance.now();
    const inline = await applyPolicyChange(admin(), close(0));
    const inlineMs = performance.now() - t;
    if (!inline.ok) throw new Error(inline.error.kind);
    const inlineCards = cards;

    const later: Promise<unknown>[] = [];
    t = performance.now();
    const after = await applyPolicyChange(admin({ run: (_what, task) => void later.push(task()) }), close(1));
    const answerMs = performance.now() - t;
    if (!after.ok) throw new Error(after.error.kind);
    await Promise.all(later);
    const allSentMs = performance.now() - t;

    process.stdout.write(
      [
        `admin notices, ${PEOPLE} bookings cancelled per change, connector answering in ${DELAY_MS} ms:`,
        `  sent before the answer: answer after ${inlineMs.toFixed(0)} ms (${inline.value.cancelled.length} cancelled, ${inlineCards} cards)`,
        `  sent after the answer:  answer after ${answerMs.toFixed(0)} ms (${after.value.cancelled.length} cancelled, ${after.value.notices?.queued ?? 0} queued); last card after ${allSentMs.toFixed(0)} ms (${cards - inlineCards} cards)`,
        '',
      ].join('\n'),
    );
  } finally {
    nock.cleanAll();
    nock.enableNetConnect();
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
