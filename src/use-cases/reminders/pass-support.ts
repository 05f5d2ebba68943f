/**
 * What the reminder and release passes share: their report, the bounded worker pool, the day's bookings kept fresh,
 * the claim outcome of a send, and how a desk is described in a message.
 */
import type { Booking, CivilDate } from '../../domain/model';
import type { CatalogIndex } from '../catalog-index';
import { CorruptDataError, type Clock, type ReservationStore } from '../ports';
import type { Phase } from './reminder-schedule';
import type {
  Claim,
  ClaimStore,
  HeldClaim,
  MessageDesk,
  NotifyOptions,
  NotifyOutcome,
  ProactiveMessage,
  Recipient,
  ReminderDeps,
  ReminderSettings,
} from './reminder-ports';

export interface PassReport {
  readonly phase: Phase;
  readonly siteId: string;
  readonly date: CivilDate;
  /** Bookings the pass had to handle (booked at the reminder time; no-shows at the deadline). */
  eligible: number;
  /** Their claims were already final when the pass began (done by an earlier pass or another instance). */
  alreadyDone: number;
  /** Claimed by another live instance, or handed back for a retry that is not due yet. */
  busy: number;
  /** Messages the connector accepted. */
  sent: number;
  /** No conversation reference: the bot is not installed for them. Counted once, in a final "skipped" claim. */
  noReference: number;
  /** No longer booked when its turn came (checked in, released, cancelled). */
  notBooked: number;
  /** Reminders not sent because the deadline came first. */
  pastDeadline: number;
  /** 403: the person blocked or uninstalled the bot. Final. */
  blocked: number;
  /** Final failures: another 4xx, or too many attempts. */
  failed: number;
  /** Handed back to be tried again by a later pass (throttled past the budget, 5xx, network, stopping). */
  retryLater: number;
  /** Sends whose outcome is unknown (a timeout after the connector may have accepted). */
  ambiguous: number;
  /** Claims taken over from an owner whose lease ran out (it crashed, or was stopped mid-send). */
  takeovers: number;
  /** Of those, claims whose owner had started sending: the message may have been delivered already. */
  ambiguousTakeovers: number;
  /** A conditional claim write lost to another instance after this one acted (see the exactly-once note). */
  lostClaims: number;
  /** Desks released as no-shows by this pass. */
  released: number;
  /** No-shows whose owner checked in (or whose booking otherwise ended) before the release: the race's other winner. */
  releaseRefused: number;
  /** Unexpected errors (storage down…); the claim is left to its lease and retried. */
  errors: number;
  /** The people without a conversation reference, for the log. */
  readonly missingReferences: string[];
}

export function emptyReport(phase: Phase, siteId: string, date: CivilDate): PassReport {
  return {
    phase,
    siteId,
    date,
    eligible: 0,
    alreadyDone: 0,
    busy: 0,
    sent: 0,
    noReference: 0,
    notBooked: 0,
    pastDeadline: 0,
    blocked: 0,
    failed: 0,
    retryLater: 0,
    ambiguous: 0,
    takeovers: 0,
    ambiguousTakeovers: 0,
    lostClaims: 0,
    released: 0,
    releaseRefused: 0,
    errors: 0,
    missingReferences: [],
  };
}

/** A pass is complete when nothing is left for a later pass: no claim busy elsewhere, waiting to retry, or in error. */
export function isComplete(r: PassReport): boolean {
  return r.busy === 0 && r.retryLater === 0 && r.errors === 0 && r.lostClaims === 0;
}

/** Whether the pass did or saw anything worth a log line. */
export function isEventful(r: PassReport): boolean {
  return (
    r.sent +
      r.noReference +
      r.blocked +
      r.failed +
      r.retryLater +
      r.ambiguous +
      r.takeovers +
      r.released +
      r.errors +
      r.lostClaims >
    0
  );
}

/** The report without the list of people, for logs. */
export function summary(r: PassReport): Omit<PassReport, 'missingReferences'> {
  const { missingReferences: _people, ...counts } = r;
  return counts;
}

export function isFinal(c: Claim): boolean {
  return c.state !== 'pending';
}

/**
 * Runs `work` over `items` with at most `concurrency` in flight, in order. No new item starts once `stop()` is true;
 * items already started finish.
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  stop: () => boolean,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop()) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/**
 * The bookings of a day, read in one partition query and read again when the copy is older than `maxAgeMs`, so that
 * a long fan-out does not remind someone who released or checked in since it began. Refreshes are shared.
 */
export class DayBookings {
  private byId = new Map<string, Booking>();
  private readAt = -Infinity;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly store: Pick<ReservationStore, 'listBookingsOfDay'>,
    private readonly date: CivilDate,
    private readonly clock: Clock,
    private readonly maxAgeMs: number,
  ) {}

  async all(): Promise<Booking[]> {
    await this.refresh();
    return [...this.byId.values()];
  }

  async current(bookingId: string): Promise<Booking | undefined> {
    if (this.clock.now().getTime() - this.readAt > this.maxAgeMs) await this.refresh();
    return this.byId.get(bookingId);
  }

  private refresh(): Promise<void> {
    this.loading ??= (async () => {
      const at = this.clock.now().getTime();
      const rows = await this.store.listBookingsOfDay(this.date);
      this.byId = new Map(rows.map((b) => [b.id, b]));
      this.readAt = at;
    })().finally(() => (this.loading = undefined));
    return this.loading;
  }
}

/** What a pass starts from: the day's bookings, the claims of its kind by booking id, and the catalog in force. */
export async function readDay(
  deps: Pick<ReminderDeps, 'store' | 'claims' | 'catalog' | 'clock'>,
  date: CivilDate,
  kind: Claim['kind'],
  settings: Pick<ReminderSettings, 'bookingsMaxAgeMs'>,
): Promise<{ day: DayBookings; bookings: Booking[]; claims: Map<string, Claim>; index: CatalogIndex }> {
  const day = new DayBookings(deps.store, date, deps.clock, settings.bookingsMaxAgeMs);
  const [bookings, claimList, index] = await Promise.all([day.all(), deps.claims.listDay(date), deps.catalog.current()]);
  const claims = new Map(claimList.filter((c) => c.kind === kind).map((c) => [c.bookingId, c]));
  return { day, bookings, claims, index };
}

/**
 * The due bookings this instance should take: one whose claim is final is done, one whose claim is under a live lease
 * is another holder's (both counted in the report); the rest are to do.
 */
export function triageClaims(
  due: readonly Booking[],
  claims: ReadonlyMap<string, Claim>,
  now: Date,
  report: PassReport,
): Booking[] {
  const todo: Booking[] = [];
  for (const b of due) {
    const c = claims.get(b.id);
    if (c && isFinal(c)) report.alreadyDone++;
    else if (c && Date.parse(c.leaseUntil) > now.getTime()) report.busy++;
    else todo.push(b);
  }
  return todo;
}

/** A claim tried more than maxAttempts times is given up: finished as failed. True when it was (nothing more to do). */
export async function giveUpWhenExhausted(
  deps: Pick<ReminderDeps, 'claims'>,
  held: HeldClaim,
  settings: Pick<ReminderSettings, 'maxAttempts'>,
  now: Date,
  report: PassReport,
): Promise<boolean> {
  if (held.claim.attempts <= settings.maxAttempts) return false;
  if (await deps.claims.finish(held, { state: 'failed', detail: `gave up after ${settings.maxAttempts} attempts` }, now))
    report.failed++;
  else report.lostClaims++;
  return true;
}

/**
 * The person's conversation reference, or null when there is none that can be used: never saved (the bot is not
 * installed for them), or stored unreadable (logged; the person is counted with those who cannot be reached).
 */
export async function readReference(
  deps: Pick<ReminderDeps, 'conversations' | 'log'>,
  userId: string,
): Promise<Record<string, unknown> | null> {
  try {
    return await deps.conversations.get(userId);
  } catch (error) {
    if (!(error instanceof CorruptDataError)) throw error;
    deps.log.warn(
      { userId, err: error.message },
      'conversation reference unreadable; the person cannot be reached',
    );
    return null;
  }
}

/** The desk as people know it (label, zone, floor), from the catalog; the id when the catalog no longer has it. */
export function deskOf(index: CatalogIndex, b: Booking): MessageDesk {
  const located = index.locateDesk(b.deskId);
  if (!located) return { label: b.deskId };
  const zone = located.layout.zones.find((z) => z.id === located.desk.zoneId);
  return {
    label: located.desk.label,
    ...(zone && { zoneName: zone.name }),
    floorName: located.layout.floor.name,
  };
}

/**
 * When a claim handed back after `attempts` tries may be taken again: when the notifier says (a Retry-After, or at
 * once when it was only stopping), else after an exponential back-off capped at 10 minutes.
 */
export function retryAtOf(now: Date, attempts: number, settings: ReminderSettings, hinted?: Date): Date {
  if (hinted) return hinted;
  const backoff = Math.min(settings.retryDelayMs * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
  return new Date(now.getTime() + backoff);
}

/**
 * Records a send's outcome on its claim, with one conditional write, and counts it. A write refused with 412 means
 * another instance took the claim over (our lease ran out while we were sending): counted as lostClaims, because
 * that instance may now send the message again.
 */
/**
 * Sends a pass's message under the claim this instance holds, then records what came of it on the claim. An ambiguous
 * send (the connector may have accepted a request we saw fail) is logged with `ambiguousNote`: it may be repeated.
 */
export async function sendUnderClaim(
  deps: Pick<ReminderDeps, 'notifier' | 'claims' | 'clock' | 'log'>,
  held: HeldClaim,
  send: { readonly to: Recipient; readonly message: ProactiveMessage & { readonly booking: Booking }; readonly options: NotifyOptions; readonly ambiguousNote: string },
  ctx: { readonly settings: ReminderSettings; readonly report: PassReport; readonly previousSendMayHaveLanded: boolean },
): Promise<void> {
  const outcome = await deps.notifier.send(send.to, send.message, send.options);
  if (outcome.ambiguous) {
    deps.log.warn({ bookingId: send.message.booking.id, attempts: outcome.attempts, status: outcome.status }, send.ambiguousNote);
  }
  await recordOutcome(deps.claims, held, outcome, deps.clock.now(), ctx.settings, ctx.report, ctx.previousSendMayHaveLanded);
}

export async function recordOutcome(
  claims: ClaimStore,
  held: HeldClaim,
  outcome: NotifyOutcome,
  now: Date,
  settings: ReminderSettings,
  report: PassReport,
  previousSendMayHaveLanded: boolean,
): Promise<void> {
  if (outcome.ambiguous) report.ambiguous++;
  let written: boolean;
  switch (outcome.status) {
    case 'sent':
      written = await claims.finish(
        held,
        {
          state: 'sent',
          detail: `accepted after ${outcome.attempts} request(s)${outcome.ambiguous ? ', one of them ambiguous' : ''}`,
        },
        now,
      );
      if (written) report.sent++;
      break;
    case 'blocked':
      written = await claims.finish(
        held,
        { state: 'failed', detail: 'blocked: 403, the bot was blocked or uninstalled' },
        now,
      );
      if (written) report.blocked++;
      break;
    case 'rejected':
      written = await claims.finish(
        held,
        { state: 'failed', detail: `rejected by the connector with ${outcome.httpStatus}` },
        now,
      );
      if (written) report.failed++;
      break;
    case 'retry-later': {
      const retryAt = retryAtOf(now, held.claim.attempts, settings, outcome.retryAt);
      // The marker stays when something may have been delivered, so that whoever retries knows it.
      const keepMarker = outcome.ambiguous || previousSendMayHaveLanded;
      written = await claims.finish(
        held,
        {
          owner: '',
          leaseUntil: retryAt.toISOString(),
          detail: `retry: ${outcome.reason}`,
          ...(keepMarker ? {} : { sendingSince: null }),
        },
        now,
      );
      if (written) report.retryLater++;
      break;
    }
  }
  if (!written) report.lostClaims++;
}

/** Counts a claim someone else holds or finished, noticed only when trying to take it. */
export function countNotAcquired(report: PassReport, current: Claim): void {
  if (isFinal(current)) report.alreadyDone++;
  else report.busy++;
}

/**
 * A claim taken from a previous holder: a takeover when that holder's lease ran out (it died or stopped mid-work), or
 * a scheduled retry when it had handed the claim back. Either is ambiguous when a send of it may have landed.
 */
export function noteTakeover(deps: Pick<ReminderDeps, 'log'>, report: PassReport, previous: Claim): void {
  if (previous.owner !== '') report.takeovers++;
  if (previous.sendingSince !== undefined) {
    report.ambiguousTakeovers++;
    deps.log.warn(
      {
        bookingId: previous.bookingId,
        kind: previous.kind,
        previousOwner: previous.owner,
        sendingSince: previous.sendingSince,
        attempts: previous.attempts,
      },
      'retrying a claim whose earlier send may have been delivered: the message may arrive twice',
    );
  }
}

/** What a log may say about an error: its class, code and message, never a payload. */
export function describe(error: unknown): { name: string; message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message.slice(0, 300),
      ...(typeof code === 'string' && { code }),
    };
  }
  return { name: 'unknown', message: String(error).slice(0, 200) };
}
