/**
 * The check-in reminder pass: at the site's reminder time, everyone booked that day gets a card (desk, zone, floor;
 * Check in, Release my desk, Open map) in their chat with the bot.
 *
 * Exactly once, across restarts and instances. Each reminder is sent only by the holder of its claim, a row
 * (booking, 'reminder') in Table Storage:
 * - Never twice. The claim is created with a conditional insert (409 for everyone but the first), so one instance
 *   holds it; it is created with `sendingSince` set, so the row that grants the right to send also records that a
 *   send may have begun. Its lease (send budget + clock-skew margin) outlasts the send: the notifier starts no
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
  countNotAcquired,
  describe,
  deskOf,
  emptyReport,
  giveUpWhenExhausted,
  noteTakeover,
  readDay,
  readReference,
  sendUnderClaim,
  runPool,
  triageClaims,
  type DayBookings,
  type PassReport,
} from './pass-support';
import type { DayMoments } from './reminder-schedule';
import { settingsOf, type ReminderDeps } from './reminder-ports';

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
  let started = 0;
  await runPool(todo, settings.concurrency, stopped, async (listed) => {
    started++;
    try {
      await remindOne(deps, moments, day, listed, index, report, options);
    } catch (error) {
      report.errors++;
      deps.log.error(
        { err: describe(error), bookingId: listed.id, phase: 'reminders' },
        'reminder failed; its claim is retried after its lease',
      );
    }
  });
  // What the pass could not reach before the deadline is no longer due (when it stopped for another reason, the
  // next pass picks it up).
  if (pastDeadline() && options.signal?.aborted !== true) report.pastDeadline += todo.length - started;
  return report;
}

async function remindOne(
  deps: ReminderDeps,
  moments: DayMoments,
  day: DayBookings,
  listed: Booking,
  index: Awaited<ReturnType<ReminderDeps['catalog']['current']>>,
  report: PassReport,
  options: PassOptions,
): Promise<void> {
  const settings = settingsOf(deps);
  if (deps.clock.now() >= moments.deadlineAt) {
    report.pastDeadline++;
    return;
  }
  const booking = await day.current(listed.id);
  if (!booking || booking.status !== 'booked') {
    report.notBooked++;
    return;
  }
  const reference = await readReference(deps, booking.userId);
  const now = deps.clock.now();
  const key = {
    date: booking.date,
    bookingId: booking.id,
    kind: 'reminder' as const,
    siteId: booking.siteId,
    userId: booking.userId,
    owner: deps.instanceId,
    now,
  };

  if (!reference) {
    const taken = await deps.claims.acquire({ ...key, leaseMs: settings.leaseMs + settings.clockSkewMs });
    if (!taken.acquired) return countNotAcquired(report, taken.current);
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

  // The claim is taken to send right away: its lease covers the whole send budget plus the clock-skew margin.
  const taken = await deps.claims.acquire({
    ...key,
    leaseMs: settings.sendBudgetMs + settings.clockSkewMs,
    sending: true,
  });
  if (!taken.acquired) return countNotAcquired(report, taken.current);
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
