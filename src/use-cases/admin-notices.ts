/**
 * Telling people that an admin's change (a new policy, a published layout) cancelled their booking: one card each,
 * in their language, with the reason and the desks they can book instead.
 *
 * Exactly once, through the claims and the notifier of every owner's notice (./owner-notices.ts).
 *
 * In two steps, so that a change cancelling hundreds of bookings answers the admin at once: the request takes the
 * claims (each carrying the refusal to tell, so that anyone can send it later) and finds who can be written to; the
 * sends then run in the background, after the answer. A notice the connector throttles, or one whose instance
 * stopped, stays a pending claim that the scheduler's pass (`retryPendingNotices`) takes over once its lease has run
 * out, on whichever instance gets it first.
 */
import { addDays } from '../domain/civil-date';
import { isActive, type Booking, type CivilDate } from '../domain/model';
import type { RecheckCancellation } from '../domain/policy-recheck';
import { REFUSAL_CODES, type Refusal } from '../domain/refusal';
import type { CatalogIndex } from './catalog-index';
import type { ReservationStore } from './ports';
import { upcomingSpan } from './list-my-bookings';
import { actorOfPayload, claimNotice, OWNER_NOTICE_KINDS, sendNotice, withReference, type ClaimedNotice, type OwnerNoticeDeps } from './owner-notices';
import { describe, deskOf, runPool } from './reminders/pass-support';
import { settingsOf, type Claim, type ProactiveMessage, type ReminderSettings } from './reminders/reminder-ports';

/** Work started after the answer; the composition root decides how it runs (and logs what fails). */
export interface BackgroundWork {
  run(what: string, task: () => Promise<unknown>): void;
}

export interface CancellationNoticeDeps extends OwnerNoticeDeps {
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
  readonly notice: ClaimedNotice;
  readonly refusal: Refusal;
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
  const send = (into: NoticeReport) =>
    runPool(ready, settings.concurrency, () => false, (r) => sendCounted(deps, settings, r.notice, cancelledMessage(index, r.notice.booking, r.refusal), into));
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
  const claimed = await claimNotice(deps, {
    booking,
    kind: 'cancelled',
    leaseMs: settings.leaseMs + settings.sendBudgetMs + settings.clockSkewMs,
    payload: JSON.stringify(refusal),
    skippedDetail: 'cancelled; no conversation reference to tell the owner',
  });
  switch (claimed.status) {
    case 'claimed':
      return { notice: claimed.notice, refusal };
    case 'already-done':
      report.alreadyDone++;
      return null;
    case 'no-reference':
      report.noReference++;
      return null;
    case 'left-for-retry':
      return null;
  }
}

function cancelledMessage(index: CatalogIndex, booking: Booking, refusal: Refusal): ProactiveMessage {
  return { kind: 'cancelled-by-admin', booking, desk: deskOf(index, booking), refusal };
}

/** `sendNotice`, counted in a report; a fault is logged and counted, and the claim left to its lease. */
async function sendCounted(deps: OwnerNoticeDeps, settings: ReminderSettings, notice: ClaimedNotice, message: ProactiveMessage, report: NoticeReport): Promise<void> {
  try {
    const outcome = await sendNotice(deps, settings, notice, message);
    if (outcome === 'sent') report.sent++;
    else if (outcome === 'failed') report.failed++;
    else if (outcome === 'retry-later') report.retryLater++;
    else report.alreadyDone++;
  } catch (error) {
    report.errors++;
    deps.log.error({ err: describe(error), bookingId: notice.booking.id, kind: notice.held.claim.kind }, 'telling a booking’s owner failed');
  }
}

export interface NoticeRetryDeps extends Omit<CancellationNoticeDeps, 'background'> {
  readonly store: Pick<ReservationStore, 'getBooking'>;
  readonly catalog: { current(): Promise<CatalogIndex> };
}

/**
 * The scheduler's pass over owners' notices left pending (an admin's cancellation, a booking made for someone, a
 * delegate's cancel): throttled ones once their `retryAt` has come, and those of an instance that stopped once their
 * lease has run out. Each is taken with the claim store's takeover (one instance wins it), then sent as the first run
 * would have, its card rebuilt from the booking and the claim's payload.
 *
 * Claims are kept per booking day, so the pass reads every day that can still hold a booking: from the earliest
 * "today" of any site (site time) to the farthest day any policy version ever let people book. A notice about a day
 * that has ended no longer matters; one about a day booked under a longer horizon than today's still does.
 */
export async function retryPendingNotices(deps: NoticeRetryDeps, signal?: AbortSignal): Promise<NoticeReport> {
  const report = emptyReport();
  const settings = settingsOf(deps);
  const index = await deps.catalog.current();
  const now = deps.clock.now();
  const { first, last } = upcomingSpan(index, now);
  const dates: CivilDate[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) dates.push(d);
  const kinds: readonly string[] = OWNER_NOTICE_KINDS;
  const due = (await mapInBatches(dates, DAYS_READ_AT_ONCE, (d) => deps.claims.listDay(d)))
    .flat()
    .filter((c) => kinds.includes(c.kind) && c.state === 'pending' && Date.parse(c.leaseUntil) <= now.getTime());
  await runPool(due, settings.concurrency, () => signal?.aborted ?? false, async (c) => {
    try {
      const r = await takeOver(deps, settings, index, c, report);
      if (r) await sendCounted(deps, settings, r.notice, r.message, report);
    } catch (error) {
      report.errors++;
      deps.log.error({ err: describe(error), bookingId: c.bookingId, kind: c.kind }, 'retrying a notice to a booking’s owner failed');
    }
  });
  return report;
}

/** Claim days read side by side: enough to keep a year's horizon quick, few enough not to crowd the store. */
const DAYS_READ_AT_ONCE = 8;

async function mapInBatches<T, R>(items: readonly T[], size: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(f))));
  return out;
}

async function takeOver(
  deps: NoticeRetryDeps,
  settings: ReminderSettings,
  index: CatalogIndex,
  c: Claim,
  report: NoticeReport,
): Promise<{ notice: ClaimedNotice; message: ProactiveMessage } | null> {
  const taken = await deps.claims.acquire({
    date: c.date,
    bookingId: c.bookingId,
    kind: c.kind,
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
  const held = taken.held;
  const booking = (await deps.store.getBooking(c.bookingId))?.booking;
  const built = booking ? messageOf(index, held.claim, booking) : 'the booking is gone';
  if (typeof built === 'string') {
    await deps.claims.finish(held, { state: 'skipped', detail: `${c.kind}; ${built}` }, deps.clock.now());
    return null;
  }
  const claimed = await withReference(deps, held, built.booking, `${c.kind}; no conversation reference to tell the owner`);
  if (claimed.status !== 'claimed') {
    report.noReference++;
    return null;
  }
  report.queued++;
  return { notice: claimed.notice, message: built };
}

/** The card a pending claim stands for, from the booking as it is now; or why there is none to send any more. */
function messageOf(index: CatalogIndex, claim: Claim, booking: Booking): ProactiveMessage | string {
  const desk = deskOf(index, booking);
  switch (claim.kind) {
    case 'cancelled': {
      const refusal = refusalOf(claim.payload);
      return refusal ? { kind: 'cancelled-by-admin', booking, desk, refusal } : 'no reason stored with the claim';
    }
    case 'booked-for':
      // Cancelled since: a card saying "a desk is booked for you" would now be wrong.
      if (!isActive(booking)) return 'the booking is no longer active';
      return { kind: 'booked-for', booking, desk, bookedByName: actorOfPayload(claim.payload) ?? booking.bookedBy ?? '' };
    case 'cancelled-for':
      return { kind: 'cancelled-for', booking, desk, cancelledByName: actorOfPayload(claim.payload) ?? booking.releasedBy ?? '' };
    default:
      return `not a notice to an owner (${claim.kind})`;
  }
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

/**
 * `retryPendingNotices` as a scheduled job: on the reminder scheduler's ticks, or on a ticker of its own where
 * reminders are off (src/server/composition.ts), so that any instance with a notifier retries what was left pending.
 */
export function noticeRetryJob(deps: NoticeRetryDeps): { readonly name: string; run(signal: AbortSignal): Promise<void> } {
  let last = -Infinity;
  return {
    name: 'admin-notice-retry',
    async run(signal) {
      const now = deps.clock.now().getTime();
      if (now - last < RETRY_EVERY_MS) return;
      last = now;
      const report = await retryPendingNotices(deps, signal);
      if (report.queued + report.errors + report.noReference > 0) deps.log.info({ ...report }, 'pending notices to bookings’ owners retried');
    },
  };
}
