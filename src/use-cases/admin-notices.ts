/**
 * Telling people that an admin's change (a new policy, a published layout) cancelled their booking: one card each,
 * in their language, with the reason and the desks they can book instead.
 *
 * Exactly once, the way reminders are: the (booking, 'cancelled') claim is taken with a create before anything is
 * sent, so a second run (a retry of the request, another instance) finds it taken or finished and sends nothing;
 * the claim is marked `sendingSince` before the send and `sent` after it. Sends go through the reminders' notifier,
 * so they share its per-tenant and per-conversation rate limits.
 *
 * In two steps, so that a change cancelling hundreds of bookings answers the admin at once: the request takes the
 * claims (each carrying the refusal to tell, so that anyone can send it later) and finds who can be written to; the
 * sends then run in the background, after the answer. A notice the connector throttles, or one whose instance
 * stopped, stays a pending claim that the scheduler's pass (`retryPendingNotices`) takes over once its lease has run
 * out, on whichever instance gets it first.
 */
import { addDays, civilDateOf } from '../domain/civil-date';
import type { Booking, CivilDate } from '../domain/model';
import type { RecheckCancellation } from '../domain/policy-recheck';
import { REFUSAL_CODES, type Refusal } from '../domain/refusal';
import { effectivePolicy } from '../domain/policy';
import type { CatalogIndex } from './catalog-index';
import type { Clock, ConversationReferenceStore, ReservationStore } from './ports';
import { describe, deskOf, isFinal, readReference, runPool } from './reminders/pass-support';
import { settingsOf, type Claim, type ClaimStore, type HeldClaim, type Notifier, type NotifyOutcome, type ReminderSettings } from './reminders/reminder-ports';
import type { Logger } from './logger-port';

/** Work started after the answer; the composition root decides how it runs (and logs what fails). */
export interface BackgroundWork {
  run(what: string, task: () => Promise<unknown>): void;
}

export interface CancellationNoticeDeps {
  readonly claims: ClaimStore;
  readonly conversations: Pick<ConversationReferenceStore, 'get'>;
  readonly notifier: Notifier;
  /** This process's name in claims. */
  readonly instanceId: string;
  readonly log: Logger;
  readonly clock: Clock;
  readonly settings?: Partial<ReminderSettings>;
  /** Where the sends run once the claims are taken; without it they run before the caller gets its answer. */
  readonly background?: BackgroundWork;
}

export interface NoticeReport {
  /** Claims taken by this run and handed to the sender (in the background when there is one). */
  queued: number;
  /** Cards the connector accepted (before the answer only when there is no background). */
  sent: number;
  /** Already told (or being told) by an earlier run or another instance. */
  alreadyDone: number;
  /** The bot is not installed for them: nobody to write to. */
  noReference: number;
  /** Blocked (403) or refused by the connector: final. */
  failed: number;
  /** Not delivered now (throttled, 5xx, network): the claim is handed back pending, for the scheduler's pass. */
  retryLater: number;
  /** Storage or other faults; the claim is left to its lease. */
  errors: number;
}

const emptyReport = (): NoticeReport => ({ queued: 0, sent: 0, alreadyDone: 0, noReference: 0, failed: 0, retryLater: 0, errors: 0 });

interface Ready {
  readonly held: HeldClaim;
  readonly booking: Booking;
  readonly refusal: Refusal;
  readonly reference: Record<string, unknown>;
}

/**
 * Tells the owner of each cancelled booking, at most once per booking, whatever runs this again. The claims are
 * taken before this returns; the sends, when `deps.background` is given, after.
 */
export async function tellCancelledOwners(
  deps: CancellationNoticeDeps,
  index: CatalogIndex,
  cancelled: readonly RecheckCancellation[],
): Promise<NoticeReport> {
  const report = emptyReport();
  const settings = settingsOf(deps);
  const ready: Ready[] = [];
  await runPool(cancelled, settings.concurrency, () => false, async (c) => {
    try {
      const r = await claimOne(deps, settings, c, report);
      if (r) ready.push(r);
    } catch (error) {
      report.errors++;
      deps.log.error({ err: describe(error), bookingId: c.booking.id }, 'telling the owner of a cancelled booking failed');
    }
  });
  report.queued = ready.length;
  if (ready.length === 0) return report;
  const send = (into: NoticeReport) => runPool(ready, settings.concurrency, () => false, (r) => sendOne(deps, settings, index, r, into));
  if (!deps.background) {
    await send(report);
    return report;
  }
  deps.background.run('notices of cancelled bookings', async () => {
    const outcome = emptyReport();
    await send(outcome);
    deps.log.info({ ...outcome, queued: ready.length }, 'notices of cancelled bookings sent');
  });
  return report;
}

async function claimOne(deps: CancellationNoticeDeps, settings: ReminderSettings, { booking, refusal }: RecheckCancellation, report: NoticeReport): Promise<Ready | null> {
  const taken = await deps.claims.acquire({
    date: booking.date,
    bookingId: booking.id,
    kind: 'cancelled',
    siteId: booking.siteId,
    userId: booking.userId,
    owner: deps.instanceId,
    now: deps.clock.now(),
    leaseMs: settings.leaseMs + settings.sendBudgetMs + settings.clockSkewMs,
    payload: JSON.stringify(refusal),
  });
  if (!taken.acquired) {
    if (isFinal(taken.current) || taken.current.owner !== '') report.alreadyDone++;
    return null;
  }
  const reference = await readReference(deps, booking.userId);
  if (!reference) {
    await deps.claims.finish(taken.held, { state: 'skipped', detail: 'cancelled; no conversation reference to tell the owner' }, deps.clock.now());
    report.noReference++;
    return null;
  }
  return { held: taken.held, booking, refusal, reference };
}

async function sendOne(deps: CancellationNoticeDeps, settings: ReminderSettings, index: CatalogIndex, r: Ready, report: NoticeReport): Promise<void> {
  try {
    const now = deps.clock.now();
    const marked = await deps.claims.update(
      r.held,
      { sendingSince: now.toISOString(), leaseUntil: new Date(now.getTime() + settings.sendBudgetMs + settings.clockSkewMs).toISOString() },
      now,
    );
    if (!marked) {
      report.alreadyDone++;
      return;
    }
    const outcome = await deps.notifier.send(
      { userId: r.booking.userId, reference: r.reference },
      { kind: 'cancelled-by-admin', booking: r.booking, desk: deskOf(index, r.booking), refusal: r.refusal },
      { budgetMs: settings.sendBudgetMs },
    );
    await record(deps, marked, outcome, r.booking, report);
  } catch (error) {
    report.errors++;
    deps.log.error({ err: describe(error), bookingId: r.booking.id }, 'telling the owner of a cancelled booking failed');
  }
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
      // Handed back with the marker kept when a request may have landed, as the reminders do; the scheduler's pass
      // takes it over from `retryAt`.
      await deps.claims.finish(
        held,
        { owner: '', leaseUntil: (outcome.retryAt ?? now).toISOString(), detail: `retry: ${outcome.reason}`, ...(outcome.ambiguous ? {} : { sendingSince: null }) },
        now,
      );
      deps.log.warn({ bookingId: booking.id, reason: outcome.reason }, 'the notice of a cancelled booking was not delivered yet');
      report.retryLater++;
  }
}

export interface NoticeRetryDeps extends Omit<CancellationNoticeDeps, 'background'> {
  readonly store: Pick<ReservationStore, 'getBooking'>;
  readonly catalog: { current(): Promise<CatalogIndex> };
}

/** Past the last day a notice can be about: a booking of yesterday (site time) is over, and so is its notice. */
const DAYS_BEHIND = 1;

/**
 * The scheduler's pass over notices left pending: throttled ones once their `retryAt` has come, and those of an
 * instance that stopped once their lease has run out. Each is taken with the claim store's takeover (one instance
 * wins it), then sent as the first run would have. Scans the days that can still hold a booking: from yesterday to
 * the farthest bookable day of any site.
 */
export async function retryPendingNotices(deps: NoticeRetryDeps, signal?: AbortSignal): Promise<NoticeReport> {
  const report = emptyReport();
  const settings = settingsOf(deps);
  const index = await deps.catalog.current();
  const now = deps.clock.now();
  const today = civilDateOf(now, 'UTC');
  const horizon = Math.max(0, ...index.sites.map((s) => effectivePolicy(s.policies, today).rules.horizonDays));
  const dates: CivilDate[] = [];
  for (let i = -DAYS_BEHIND; i <= horizon + 1; i++) dates.push(addDays(today, i));
  const due = (await Promise.all(dates.map((d) => deps.claims.listDay(d))))
    .flat()
    .filter((c) => c.kind === 'cancelled' && c.state === 'pending' && Date.parse(c.leaseUntil) <= now.getTime());
  await runPool(due, settings.concurrency, () => signal?.aborted ?? false, async (c) => {
    try {
      const r = await takeOver(deps, settings, c, report);
      if (r) await sendOne(deps, settings, index, r, report);
    } catch (error) {
      report.errors++;
      deps.log.error({ err: describe(error), bookingId: c.bookingId }, 'retrying the notice of a cancelled booking failed');
    }
  });
  return report;
}

async function takeOver(deps: NoticeRetryDeps, settings: ReminderSettings, c: Claim, report: NoticeReport): Promise<Ready | null> {
  const taken = await deps.claims.acquire({
    date: c.date,
    bookingId: c.bookingId,
    kind: 'cancelled',
    siteId: c.siteId,
    userId: c.userId,
    owner: deps.instanceId,
    now: deps.clock.now(),
    leaseMs: settings.leaseMs + settings.sendBudgetMs + settings.clockSkewMs,
  });
  if (!taken.acquired) {
    report.alreadyDone++;
    return null;
  }
  const refusal = refusalOf(taken.held.claim.payload);
  const booking = (await deps.store.getBooking(c.bookingId))?.booking;
  const reference = await readReference(deps, c.userId);
  if (!refusal || !booking || !reference) {
    const why = !refusal ? 'no reason stored with the claim' : !booking ? 'the booking is gone' : 'no conversation reference to tell the owner';
    await deps.claims.finish(taken.held, { state: 'skipped', detail: `cancelled; ${why}` }, deps.clock.now());
    if (!reference) report.noReference++;
    return null;
  }
  report.queued++;
  return { held: taken.held, booking, refusal, reference };
}

function refusalOf(payload: string | undefined): Refusal | null {
  if (!payload) return null;
  try {
    const r = JSON.parse(payload) as Refusal;
    return r && (REFUSAL_CODES as readonly string[]).includes(r.code) && typeof r.details === 'object' && Array.isArray(r.alternatives) ? r : null;
  } catch {
    return null;
  }
}

/** Scans for pending notices at most this often: one partition query per day that can hold a booking. */
const RETRY_EVERY_MS = 60_000;

/** `retryPendingNotices` as a job of the reminder scheduler's ticks (src/server/scheduler.ts). */
export function noticeRetryJob(deps: NoticeRetryDeps): { readonly name: string; run(signal: AbortSignal): Promise<void> } {
  let last = -Infinity;
  return {
    name: 'admin-notice-retry',
    async run(signal) {
      const now = deps.clock.now().getTime();
      if (now - last < RETRY_EVERY_MS) return;
      last = now;
      const report = await retryPendingNotices(deps, signal);
      if (report.queued + report.errors + report.noReference > 0) deps.log.info({ ...report }, 'pending notices of cancelled bookings retried');
    },
  };
}
