/**
 * The check-in reminder pass: at the site's reminder time, everyone booked that day gets a card (desk, zone, floor;
 * Check in, Release my desk, Open map) in their chat with the bot.
 *
 * Exactly once, across restarts and instances. Each reminder is sent only by the holder of its claim, a row
 * (booking, 'reminder') in Table Storage:
 * - Never twice. The claim is created with a conditional insert (409 for everyone but the first), so one instance
 *   holds it (the claims of a batch of up to 8 reminders go in one transaction of such inserts, which commits only
 *   if none of them exists; otherwise each is taken on its own); it is created with `sendingSince` set, so the row
 *   that grants the right to send also records that a send may have begun. Its lease (send budget + clock-skew margin) outlasts the send: the notifier starts no
 *   request that could still be running when the budget ends. Only once the lease has run out can another instance
 *   take the claim over, with If-Match on the ETag it read (412 for all takers but one). The outcome is written by
 *   the holder: `sent` as soon as the connector accepts (unconditionally: an accepted message stays accepted, so
 *   `sent` is true whoever holds the claim by then, and it only ever ends work); a hand-back for a retry, or a
 *   failure, with If-Match, so a holder whose lease ran out cannot hand back a claim that someone else now holds.
 *   A claim in a final state (sent, failed, skipped) is never taken again.
 * - Never skipped. A claim stays `pending` until its outcome is written. If its holder dies at any point (before the
 *   send, during it, before writing `sent`), the lease runs out and the next pass (of any instance, or of this one
 *   after a restart, which catches up at once) takes it over and sends. Throttling, 5xx and network errors hand the
 *   claim back (`pending`, no owner, a retry time) instead of dropping it; only 403, another 4xx or too many attempts
 *   end a reminder without a send, and they are logged and counted. A reminder is due until the deadline: a pass
 *   that comes back after a downtime still sends it before the deadline.
 * - The ambiguous window. The Bot Connector takes no idempotency key, so one case cannot be decided: a request the
 *   connector accepted but whose answer we never saw (a timeout, a dropped connection, a 504), or a process that
 *   died between the connector's 201 and the `sent` write (one storage round trip). The claim then still says
 *   `pending` with `sendingSince` set, and whoever retries it sends again: a possible duplicate, which we prefer to
 *   a skipped reminder (a skipped reminder costs the person their desk at the deadline). Both cases are logged and
 *   counted (`ambiguous`, `ambiguousTakeovers`). A process frozen for longer than its lease (a paused VM) can also
 *   overlap a taker's send; the taker's takeover of a claim marked `sendingSince` is counted the same way.
 */
import type { Booking } from '../../domain/model';
import {
  acquireAll,
  claimBatches,
  countNotAcquired,
  describe,
  deskOf,
  emptyReport,
  giveUpWhenExhausted,
  noteTakeover,
  readDay,
  readReference,
  sendUnderClaim,
  runBatches,
  triageClaims,
  type DayBookings,
  type PassReport,
} from './pass-support';
import type { DayMoments } from './reminder-schedule';
import { settingsOf, type AcquireResult, type ClaimKey, type ReminderDeps } from './reminder-ports';

export interface PassOptions {
  /** Stops the pass: no new booking is started; sends already started finish or hand their claim back. */
  readonly signal?: AbortSignal;
}

/** Sends the day's due check-in reminders at one site; safe to run again, by any instance, at any time. */
export async function sendReminders(
  deps: ReminderDeps,
  moments: DayMoments,
  options: PassOptions = {},
): Promise<PassReport> {
  const settings = settingsOf(deps);
  const report = emptyReport('reminders', moments.siteId, moments.date);
  const now = deps.clock.now();
  if (now < moments.reminderAt || now >= moments.deadlineAt) return report;

  const { day, bookings, claims, index } = await readDay(deps, moments.date, 'reminder', settings);
  // Bookings that existed at the reminder time. A booking made later came with a card (or the tab) that already
  // offers Check in, and a reminder right after it would only repeat it.
  const due = bookings.filter(
    (b) =>
      b.siteId === moments.siteId &&
      b.status === 'booked' &&
      Date.parse(b.createdAt) <= moments.reminderAt.getTime(),
  );
  report.eligible = due.length;
  const todo = triageClaims(due, claims, now, report);

  const pastDeadline = (): boolean => deps.clock.now() >= moments.deadlineAt;
  const stopped = (): boolean => options.signal?.aborted === true || pastDeadline();
  // Reminders go in small batches whose claims the store can create in one request (claimBatches), with at most
  // `concurrency` reminders in flight: each frees its place when it ends, so a slow one (throttled, waiting for its
  // Retry-After) holds up no other.
  const batches = claimBatches(deps.claims, todo, (b) => reminderKey(b), CLAIM_BATCH);
  const started = await runBatches(batches, settings.concurrency, stopped, (batch, done) =>
    remindBatch(deps, moments, day, batch, index, report, options, done),
  );
  // What the pass could not reach before the deadline is no longer due (when it stopped for another reason, the
  // next pass picks it up).
  if (pastDeadline() && options.signal?.aborted !== true) report.pastDeadline += todo.length - started;
  return report;
}

/** Reminders whose claims are created together, at most. */
const CLAIM_BATCH = 8;

function reminderKey(b: Booking): ClaimKey {
  return { date: b.date, bookingId: b.id, kind: 'reminder' };
}

function failed(deps: ReminderDeps, report: PassReport, bookingId: string, error: unknown): void {
  report.errors++;
  deps.log.error(
    { err: describe(error), bookingId, phase: 'reminders' },
    'reminder failed; its claim is retried after its lease',
  );
}

/**
 * The reminders of one batch: each booking is checked (still booked, a conversation reference), their claims are
 * taken together, then each is sent under its own claim, all at once (the notifier paces them).
 */
async function remindBatch(
  deps: ReminderDeps,
  moments: DayMoments,
  day: DayBookings,
  batch: readonly Booking[],
  index: Awaited<ReturnType<ReminderDeps['catalog']['current']>>,
  report: PassReport,
  options: PassOptions,
  done: () => void,
): Promise<void> {
  const settings = settingsOf(deps);
  const checked = await Promise.all(
    batch.map(async (listed): Promise<Ready | undefined> => {
      try {
        if (deps.clock.now() >= moments.deadlineAt) {
          report.pastDeadline++;
          return undefined;
        }
        const booking = await day.current(listed.id);
        if (!booking || booking.status !== 'booked') {
          report.notBooked++;
          return undefined;
        }
        return { booking, reference: await readReference(deps, booking.userId) };
      } catch (error) {
        failed(deps, report, listed.id, error);
        return undefined;
      }
    }),
  );
  const ready = checked.filter((r): r is Ready => r !== undefined);
  for (let i = ready.length; i < batch.length; i++) done();
  if (ready.length === 0) return;
  const now = deps.clock.now();
  // A claim taken to send carries the marker, and a lease covering the whole send budget plus the clock-skew margin;
  // without a reference, the claim is only taken to be marked skipped.
  const inputs = ready.map(({ booking, reference }) => ({
    ...reminderKey(booking),
    siteId: booking.siteId,
    userId: booking.userId,
    owner: deps.instanceId,
    now,
    ...(reference
      ? { leaseMs: settings.sendBudgetMs + settings.clockSkewMs, sending: true }
      : { leaseMs: settings.leaseMs + settings.clockSkewMs }),
  }));
  let taken: AcquireResult[];
  try {
    taken = await acquireAll(deps.claims, inputs);
  } catch (error) {
    for (const r of ready) failed(deps, report, r.booking.id, error);
    return;
  }
  await Promise.all(
    ready.map(async (r, i) => {
      try {
        await remindUnderClaim(deps, moments, r, taken[i]!, now, index, report, options);
      } catch (error) {
        failed(deps, report, r.booking.id, error);
      } finally {
        done();
      }
    }),
  );
}

interface Ready {
  readonly booking: Booking;
  readonly reference: Record<string, unknown> | null;
}

async function remindUnderClaim(
  deps: ReminderDeps,
  moments: DayMoments,
  { booking, reference }: Ready,
  taken: AcquireResult,
  now: Date,
  index: Awaited<ReturnType<ReminderDeps['catalog']['current']>>,
  report: PassReport,
  options: PassOptions,
): Promise<void> {
  const settings = settingsOf(deps);
  if (!taken.acquired) return countNotAcquired(report, taken.current);
  if (!reference) {
    if (
      await deps.claims.finish(
        taken.held,
        { state: 'skipped', detail: 'no conversation reference: the bot is not installed for this person' },
        now,
      )
    ) {
      report.noReference++;
      report.missingReferences.push(booking.userId);
    } else report.lostClaims++;
    return;
  }

  const previous = taken.previous;
  if (previous) noteTakeover(deps, report, previous);
  if (await giveUpWhenExhausted(deps, taken.held, settings, now, report)) return;
  await sendUnderClaim(
    deps,
    taken.held,
    {
      to: { userId: booking.userId, reference },
      message: { kind: 'check-in-reminder', booking, desk: deskOf(index, booking), deadline: moments.checkInDeadline },
      // No request may start that could land after the deadline, when the desk is about to be released.
      options: {
        budgetMs: Math.min(settings.sendBudgetMs, moments.deadlineAt.getTime() - now.getTime()),
        ...(options.signal && { signal: options.signal }),
      },
      ambiguousNote: 'ambiguous reminder send: the connector may have accepted a request we saw fail',
    },
    { settings, report, previousSendMayHaveLanded: previous?.sendingSince !== undefined },
  );
}
