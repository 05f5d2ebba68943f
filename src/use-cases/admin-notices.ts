/**
 * Telling people that an admin's change (a new policy, a published layout) cancelled their booking: one card each,
 * in their language, with the reason and the desks they can book instead.
 *
 * Exactly once, the way reminders are: the (booking, 'cancelled') claim is taken with a create before anything is
 * sent, so a second run (a retry of the request, another instance) finds it taken or finished and sends nothing;
 * the claim is marked `sendingSince` before the send and `sent` after it. Sends go through the reminders' notifier,
 * so they share its per-tenant and per-conversation rate limits.
 */
import type { Booking } from '../domain/model';
import type { RecheckCancellation } from '../domain/policy-recheck';
import type { CatalogIndex } from './catalog-index';
import type { Clock, ConversationReferenceStore } from './ports';
import { describe, deskOf, isFinal, readReference, runPool } from './reminders/pass-support';
import { settingsOf, type ClaimStore, type HeldClaim, type Notifier, type NotifyOutcome, type ReminderSettings } from './reminders/reminder-ports';
import type { Logger } from './logger-port';

export interface CancellationNoticeDeps {
  readonly claims: ClaimStore;
  readonly conversations: Pick<ConversationReferenceStore, 'get'>;
  readonly notifier: Notifier;
  /** This process's name in claims. */
  readonly instanceId: string;
  readonly log: Logger;
  readonly clock: Clock;
  readonly settings?: Partial<ReminderSettings>;
}

export interface NoticeReport {
  /** Cards the connector accepted. */
  sent: number;
  /** Already told (or being told) by an earlier run or another instance. */
  alreadyDone: number;
  /** The bot is not installed for them: nobody to write to. */
  noReference: number;
  /** Blocked (403) or refused by the connector: final. */
  failed: number;
  /** Not delivered now (throttled, 5xx, network): the claim is handed back pending. */
  retryLater: number;
  /** Storage or other faults; the claim is left to its lease. */
  errors: number;
}

/** Tells the owner of each cancelled booking, at most once per booking, whatever runs this again. */
export async function tellCancelledOwners(
  deps: CancellationNoticeDeps,
  index: CatalogIndex,
  cancelled: readonly RecheckCancellation[],
): Promise<NoticeReport> {
  const report: NoticeReport = { sent: 0, alreadyDone: 0, noReference: 0, failed: 0, retryLater: 0, errors: 0 };
  const settings = settingsOf(deps);
  await runPool(cancelled, settings.concurrency, () => false, async (c) => {
    try {
      await tellOne(deps, settings, index, c, report);
    } catch (error) {
      report.errors++;
      deps.log.error({ err: describe(error), bookingId: c.booking.id }, 'telling the owner of a cancelled booking failed');
    }
  });
  return report;
}

async function tellOne(
  deps: CancellationNoticeDeps,
  settings: ReminderSettings,
  index: CatalogIndex,
  { booking, refusal }: RecheckCancellation,
  report: NoticeReport,
): Promise<void> {
  const taken = await deps.claims.acquire({
    date: booking.date,
    bookingId: booking.id,
    kind: 'cancelled',
    siteId: booking.siteId,
    userId: booking.userId,
    owner: deps.instanceId,
    now: deps.clock.now(),
    leaseMs: settings.leaseMs + settings.clockSkewMs,
  });
  if (!taken.acquired) {
    if (isFinal(taken.current) || taken.current.owner !== '') report.alreadyDone++;
    return;
  }
  let held: HeldClaim = taken.held;
  const reference = await readReference(deps, booking.userId);
  if (!reference) {
    await deps.claims.finish(held, { state: 'skipped', detail: 'cancelled; no conversation reference to tell the owner' }, deps.clock.now());
    report.noReference++;
    return;
  }
  const now = deps.clock.now();
  const marked = await deps.claims.update(
    held,
    { sendingSince: now.toISOString(), leaseUntil: new Date(now.getTime() + settings.sendBudgetMs + settings.clockSkewMs).toISOString() },
    now,
  );
  if (!marked) {
    report.alreadyDone++;
    return;
  }
  held = marked;
  const outcome = await deps.notifier.send(
    { userId: booking.userId, reference },
    { kind: 'cancelled-by-admin', booking, desk: deskOf(index, booking), refusal },
    { budgetMs: settings.sendBudgetMs },
  );
  await record(deps, held, outcome, booking, report);
}

async function record(deps: CancellationNoticeDeps, held: HeldClaim, outcome: NotifyOutcome, booking: Booking, report: NoticeReport): Promise<void> {
  const now = deps.clock.now();
  switch (outcome.status) {
    case 'sent':
      await deps.claims.finish(held, { state: 'sent', detail: `accepted after ${outcome.attempts} request(s)` }, now);
      report.sent++;
      return;
    case 'blocked':
    case 'rejected':
      await deps.claims.finish(held, { state: 'failed', detail: outcome.status === 'blocked' ? 'blocked: 403' : `rejected with ${outcome.httpStatus}` }, now);
      report.failed++;
      return;
    case 'retry-later':
      // Handed back with the marker kept when a request may have landed, as the reminders do.
      await deps.claims.finish(
        held,
        { owner: '', leaseUntil: (outcome.retryAt ?? now).toISOString(), detail: `retry: ${outcome.reason}`, ...(outcome.ambiguous ? {} : { sendingSince: null }) },
        now,
      );
      deps.log.warn({ bookingId: booking.id, reason: outcome.reason }, 'the notice of a cancelled booking was not delivered yet');
      report.retryLater++;
  }
}
