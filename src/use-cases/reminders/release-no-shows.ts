/**
 * The auto-release pass: at the check-in deadline, bookings nobody checked in to are released (so colleagues can
 * book the desk) and their owners are told why.
 *
 * Exactly once. The release itself is `releaseNoShow`: one conditional write of the booking row and its zone ledger,
 * refused (NOT_ACTIVE) when the booking is no longer a no-show. So a check-in racing the release has exactly one
 * winner, and a second release of the same booking, by a retry or another instance, is refused rather than repeated.
 * The notice is guarded like a reminder (see send-reminders.ts): the (booking, 'release') claim is taken before the
 * release; its holder releases, then marks the claim `sendingSince` with If-Match (which also proves it still holds
 * it) and sends. A holder that dies after the release leaves the claim pending: whoever takes it over finds the
 * booking already released as a no-show, and goes on to the notice, so the owner is told once (up to the ambiguous
 * window described there).
 */
import { isNoShow } from '../../domain/lifecycle';
import type { Booking } from '../../domain/model';
import { releaseNoShow } from '../change-booking';
import {
  countNotAcquired,
  describe,
  deskOf,
  emptyReport,
  giveUpWhenExhausted,
  isFinal,
  noteTakeover,
  readDay,
  readReference,
  sendUnderClaim,
  runPool,
  triageClaims,
  type PassReport,
} from './pass-support';
import type { DayMoments } from './reminder-schedule';
import { settingsOf, type ReminderDeps } from './reminder-ports';

export interface ReleaseOptions {
  /** Tell the owners. False when catching up a past day: the day is over, and the release is only recorded. */
  readonly notify: boolean;
  readonly signal?: AbortSignal;
}

/** Releases the day's no-shows at one site and tells their owners; safe to run again, by any instance, at any time. */
export async function releaseNoShows(
  deps: ReminderDeps,
  moments: DayMoments,
  options: ReleaseOptions,
): Promise<PassReport> {
  const settings = settingsOf(deps);
  const report = emptyReport('releases', moments.siteId, moments.date);
  const now = deps.clock.now();
  if (now < moments.deadlineAt) return report;

  const { bookings, claims, index } = await readDay(deps, moments.date, 'release', settings);
  const due = bookings.filter((b) => {
    if (b.siteId !== moments.siteId) return false;
    if (isNoShow(b, now, moments.timeZone, moments.checkInDeadline)) return true;
    // Released by a holder that did not live to tell the owner: its claim is still open.
    const c = claims.get(b.id);
    return b.status === 'released' && b.releaseReason === 'no-show' && c !== undefined && !isFinal(c);
  });
  report.eligible = due.length;
  const todo = triageClaims(due, claims, now, report);

  await runPool(
    todo,
    settings.concurrency,
    () => options.signal?.aborted === true,
    async (b) => {
      try {
        await releaseOne(deps, moments, b, index, report, options);
      } catch (error) {
        report.errors++;
        deps.log.error(
          { err: describe(error), bookingId: b.id, phase: 'releases' },
          'no-show release failed; its claim is retried after its lease',
        );
      }
    },
  );
  return report;
}

async function releaseOne(
  deps: ReminderDeps,
  moments: DayMoments,
  listed: Booking,
  index: Awaited<ReturnType<ReminderDeps['catalog']['current']>>,
  report: PassReport,
  options: ReleaseOptions,
): Promise<void> {
  const settings = settingsOf(deps);
  const taken = await deps.claims.acquire({
    date: listed.date,
    bookingId: listed.id,
    kind: 'release',
    siteId: listed.siteId,
    userId: listed.userId,
    owner: deps.instanceId,
    now: deps.clock.now(),
    leaseMs: settings.leaseMs + settings.clockSkewMs,
  });
  if (!taken.acquired) return countNotAcquired(report, taken.current);
  const previous = taken.previous;
  if (previous) noteTakeover(deps, report, previous);
  let held = taken.held;
  if (await giveUpWhenExhausted(deps, held, settings, deps.clock.now(), report)) return;

  // The release: one conditional write, refused when the booking is no longer a no-show.
  let released: Booking;
  const result = await releaseNoShow(deps, listed.id);
  if (result.ok) {
    released = result.value;
    report.released++;
  } else {
    const found = await deps.store.getBooking(listed.id);
    const b = found?.booking;
    if (b && b.status === 'released' && b.releaseReason === 'no-show') {
      released = b; // An earlier holder released it and did not live to tell the owner.
    } else {
      const why = `not released: ${result.error.code}${b ? `, the booking is ${b.status}` : ''}`;
      if (await deps.claims.finish(held, { state: 'skipped', detail: why }, deps.clock.now()))
        report.releaseRefused++;
      else report.lostClaims++;
      return;
    }
  }

  if (!options.notify) {
    const done = await deps.claims.finish(
      held,
      { state: 'skipped', detail: 'released after the day was over; the owner is not told' },
      deps.clock.now(),
    );
    if (!done) report.lostClaims++;
    return;
  }
  const reference = await readReference(deps, released.userId);
  if (!reference) {
    if (
      await deps.claims.finish(
        held,
        { state: 'skipped', detail: 'released; no conversation reference to tell the owner' },
        deps.clock.now(),
      )
    ) {
      report.noReference++;
      report.missingReferences.push(released.userId);
    } else report.lostClaims++;
    return;
  }
  const now = deps.clock.now();
  const marked = await deps.claims.update(
    held,
    {
      sendingSince: now.toISOString(),
      leaseUntil: new Date(now.getTime() + settings.sendBudgetMs + settings.clockSkewMs).toISOString(),
    },
    now,
  );
  if (!marked) {
    report.lostClaims++;
    return;
  }
  held = marked;
  await sendUnderClaim(
    deps,
    held,
    {
      to: { userId: released.userId, reference },
      message: { kind: 'no-show-released', booking: released, desk: deskOf(index, released), deadline: moments.checkInDeadline },
      options: { budgetMs: settings.sendBudgetMs, ...(options.signal && { signal: options.signal }) },
      ambiguousNote: 'ambiguous release notice: the connector may have accepted a request we saw fail',
    },
    { settings, report, previousSendMayHaveLanded: previous?.sendingSince !== undefined },
  );
}
