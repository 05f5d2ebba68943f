import type { Booking } from '../../src/domain/model';
import { refusal } from '../../src/domain/refusal';
import { TableClaimStore } from '../../src/storage/table-claim-store';
import { TableConversationStore } from '../../src/storage/table-conversation-store';
import { tellCancelledOwners, type CancellationNoticeDeps } from '../../src/use-cases/admin-notices';
import { CatalogIndex } from '../../src/use-cases/catalog-index';
import type { Notifier, NotifyOutcome, ProactiveMessage } from '../../src/use-cases/reminders/reminder-ports';
import { uniqueTableName } from '../support/azurite';
import { fixedClock, gridCatalog } from '../support/builders';
import { azuriteHarness } from '../support/stores';
import { CapturingLog, referenceFor } from './reminders/support/reminder-world';

const catalog = gridCatalog();
const index = new CatalogIndex([catalog]);

function cancelled(i: number): Booking {
  return {
    id: `2026-12-03.booking${String(i).padStart(4, '0')}`,
    siteId: 'site-1',
    floorId: 'f1',
    zoneId: 'f1-z0',
    deskId: `f1-0-${i}`,
    date: '2026-12-03',
    userId: `p${i}`,
    status: 'cancelled-by-admin',
    createdAt: '2026-12-01T08:00:00.000Z',
  };
}

const cancellations = [0, 1, 2, 3, 4].map((i) => ({
  booking: cancelled(i),
  refusal: refusal({ code: 'ZONE_FULL', zoneId: 'f1-z0', zoneName: 'Zone A', capacity: 6, booked: 6, date: '2026-12-03' }),
}));

/** The Notifier port, recording what it was asked to send; `answer` decides each outcome. */
class RecordingNotifier implements Notifier {
  readonly sent: { userId: string; message: ProactiveMessage }[] = [];
  constructor(private readonly answer: (n: number) => NotifyOutcome['status'] = () => 'sent') {}
  async send(recipient: { userId: string }, message: ProactiveMessage): Promise<NotifyOutcome> {
    await new Promise((r) => setTimeout(r, 5));
    const status = this.answer(this.sent.length + 1);
    this.sent.push({ userId: recipient.userId, message });
    if (status === 'retry-later') return { status, reason: 'throttled', attempts: 1, ambiguous: false };
    if (status === 'rejected') return { status, httpStatus: 400, attempts: 1, ambiguous: false };
    return { status, attempts: 1, ambiguous: false } as NotifyOutcome;
  }
}

describe('telling the owners of cancelled bookings: once per booking, whoever runs it', () => {
  async function world(notifier: Notifier, instanceId: string, shared?: { claims: TableClaimStore; conversations: TableConversationStore }) {
    const h = await azuriteHarness();
    const claims = shared?.claims ?? new TableClaimStore(h.gateway, uniqueTableName('claims'));
    const conversations = shared?.conversations ?? new TableConversationStore(h.gateway, uniqueTableName('conv'));
    if (!shared) {
      await Promise.all([claims.init(), conversations.init()]);
      for (const c of cancellations) if (c.booking.userId !== 'p4') await conversations.save(c.booking.userId, referenceFor(c.booking.userId));
    }
    const clock = fixedClock('2026-12-01T09:00:00Z');
    const deps: CancellationNoticeDeps = { claims, conversations, notifier, instanceId, log: new CapturingLog(), clock };
    return { deps, claims, conversations, clock };
  }

  it('two instances telling the same cancellations at once send one card per booking', async () => {
    const first = new RecordingNotifier();
    const second = new RecordingNotifier();
    const a = await world(first, 'instance-a');
    const b = await world(second, 'instance-b', { claims: a.claims, conversations: a.conversations });
    const [ra, rb] = await Promise.all([tellCancelledOwners(a.deps, index, cancellations), tellCancelledOwners(b.deps, index, cancellations)]);
    const sent = [...first.sent, ...second.sent].map((s) => s.userId).sort();
    expect(sent).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(ra.sent + rb.sent).toBe(4);
    // p4 has no conversation (the bot is not installed for them): counted once, never sent.
    expect(ra.noReference + rb.noReference).toBe(1);
    expect(first.sent.concat(second.sent).every((s) => s.message.kind === 'cancelled-by-admin')).toBe(true);

    // A third run, later, finds every claim finished.
    const third = new RecordingNotifier();
    const again = await tellCancelledOwners({ ...a.deps, notifier: third }, index, cancellations);
    expect(third.sent).toEqual([]);
    expect(again.alreadyDone).toBe(5);
  });

  it('a notice the connector could not take now is handed back, and a later run sends it once', async () => {
    const throttled = new RecordingNotifier((n) => (n === 1 ? 'retry-later' : 'sent'));
    const w = await world(throttled, 'instance-a');
    const report = await tellCancelledOwners(w.deps, index, cancellations.slice(0, 1));
    expect(report).toMatchObject({ sent: 0, retryLater: 1 });
    const claim = (await w.claims.listDay('2026-12-03')).find((c) => c.kind === 'cancelled');
    expect(claim).toMatchObject({ state: 'pending', owner: '' });

    const later = await tellCancelledOwners(w.deps, index, cancellations.slice(0, 1));
    expect(later).toMatchObject({ sent: 1 });
    expect(throttled.sent.map((s) => s.userId)).toEqual(['p0', 'p0']);
    expect((await w.claims.listDay('2026-12-03')).find((c) => c.kind === 'cancelled')).toMatchObject({ state: 'sent' });
  });
});
