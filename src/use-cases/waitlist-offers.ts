import { bookingWindow, checkBookingWindow } from '../domain/booking-window';
import { localTimeOf } from '../domain/civil-date';
import { FloorDay } from '../domain/floor-day';
import { dateOfBookingId, err, isActive, ok, type Actor, type Booking, type CivilDate, type Result } from '../domain/model';
import { effectivePolicy } from '../domain/policy';
import type { Refusal } from '../domain/refusal';
import { holdEntry, holdIdOf, isOfferExpired, nextOffer, type WaitlistEntry } from '../domain/waitlist';
import { bookDesk, type BookingDeps } from './book-desk';
import type { CatalogIndex } from './catalog-index';
import { ContentionError, type CommitOutcome, type SiteCatalog, type VersionedLedger } from './ports';
import { recentLedgersOf } from './recent-ledgers';
import { readReference, describe } from './reminders/pass-support';
import type { ClaimStore, Notifier, ReminderDeps } from './reminders/reminder-ports';
import type { VersionedEntry, WaitlistStore } from './waitlist-port';

export interface OfferSettings {
  /** How long an offer is held for one person before it passes to the next. */
  readonly offerMinutes: number;
  /** How long a claim to send an offer is held before the send starts. */
  readonly leaseMs: number;
  /** The time a send may take (NotifyOptions.budgetMs). */
  readonly sendBudgetMs: number;
  /** Holds placed per site-day in one pass, at most: a bound on one pass's work, not on the queue. */
  readonly maxOffersPerDay: number;
}

export const DEFAULT_OFFER_SETTINGS: OfferSettings = { offerMinutes: 15, leaseMs: 60_000, sendBudgetMs: 60_000, maxOffersPerDay: 50 };

export interface OfferDeps extends BookingDeps {
  readonly waitlist: WaitlistStore;
  readonly claims: ClaimStore;
  readonly conversations: ReminderDeps['conversations'];
  readonly notifier: Notifier;
  readonly instanceId: string;
  readonly log: ReminderDeps['log'];
  readonly offers?: Partial<OfferSettings>;
}

export interface OfferPassReport {
  /** Holds placed (offers made) by this instance. */
  placed: number;
  /** Offers that ran out and passed on. */
  expired: number;
  /** Offers taken up by a booking, noticed by this pass. */
  booked: number;
  /** Offer cards the connector accepted. */
  sent: number;
  /** Offers whose person could not be reached (no conversation reference, blocked): they stay held until they expire. */
  unreachable: number;
  /** Conditional writes that lost to another instance or a booking (re-read and decided again). */
  conflicts: number;
  errors: number;
}

function emptyReport(): OfferPassReport {
  return { placed: 0, expired: 0, booked: 0, sent: 0, unreachable: 0, conflicts: 0, errors: 0 };
}

const MAX_TRIES = 5;

/**
 * One pass over every bookable day of every site: ends offers that ran out or were taken, offers free places to the
 * people first in line (one hold per person, at most one person per place), and sends each new offer once.
 *
 * Releases, cancellations, no-shows and admin cancellations need no hook of their own: whatever freed a place, the
 * next pass sees it in the ledgers. Every decision is a conditional write (see TableWaitlistStore), so several
 * instances running passes at once cannot give a place twice; the send is claimed first (as reminders are), so it
 * goes out once across instances and restarts.
 */
export async function runOfferPass(deps: OfferDeps, options: { signal?: AbortSignal } = {}): Promise<OfferPassReport> {
  const report = emptyReport();
  const index = await deps.catalog.current();
  const now = deps.clock.now();
  for (const site of index.sites) {
    for (const date of bookingWindow({ now, timeZone: site.site.timeZone, policies: site.policies }).bookableDates) {
      if (options.signal?.aborted) return report;
      try {
        await passDay(deps, index, site, date, report, options.signal);
      } catch (error) {
        report.errors++;
        deps.log.error({ siteId: site.site.id, date, err: describe(error) }, 'waitlist pass failed for a day; the next pass retries');
      }
    }
  }
  return report;
}

async function passDay(deps: OfferDeps, index: CatalogIndex, site: SiteCatalog, date: CivilDate, report: OfferPassReport, signal?: AbortSignal): Promise<void> {
  const settings = settingsOf(deps);
  let day = (await deps.waitlist.readDay(date)).filter((v) => v.entry.siteId === site.site.id);
  if (!day.some((v) => v.entry.state === 'waiting' || v.entry.state === 'offered')) return;

  // 1. Offers that were taken up, or ran out: recorded, and the held desk freed for the next in line.
  const offered = day.filter((x) => x.entry.state === 'offered');
  const bookedNow = offered.length === 0 ? new Set<string>() : new Set((await deps.store.listBookingsOfDay(date)).filter(isActive).map((b) => b.userId));
  for (const v of offered) {
    const now = deps.clock.now();
    const ledgers = await ledgersOfOffer(deps, index, v.entry);
    const held = ledgers?.some((l) => l.entries.some((e) => e.bookingId === v.entry.offer!.holdId)) ?? false;
    if (!held) {
      // Only a booking by the holder removes a hold without changing the entry (bookDesk takes it over).
      const outcome = await deps.waitlist.writeEntry({ ...v.entry, state: 'booked' }, v.version);
      if (outcome.committed) report.booked++;
      else report.conflicts++;
    } else if (isOfferExpired(v.entry, now) || bookedNow.has(v.entry.userId)) {
      // A person who booked another desk meanwhile needs the held one no more: it goes on at once.
      const booked = bookedNow.has(v.entry.userId);
      const outcome = await endOffer(deps, v, { ...v.entry, state: booked ? 'booked' : 'expired' });
      if (outcome.committed) report[booked ? 'booked' : 'expired']++;
      else report.conflicts++;
    }
  }

  // 2. New offers, first in line first, each a hold placed in one conditional transaction.
  const now = deps.clock.now();
  if (!checkBookingWindow({ date, now, timeZone: site.site.timeZone, policies: site.policies })) {
    for (let placed = 0, tries = 0; placed < settings.maxOffersPerDay && tries < MAX_TRIES; ) {
      day = (await deps.waitlist.readDay(date)).filter((v) => v.entry.siteId === site.site.id);
      const outcome = await placeNextHold(deps, index, site, date, day, settings);
      if (outcome === 'none' || outcome === 'stale-catalog') break;
      if (outcome === 'placed') {
        placed++;
        report.placed++;
        tries = 0;
      } else {
        report.conflicts++;
        tries++;
      }
    }
  }

  // 3. Each open offer's card, sent once: claimed first, across instances and restarts.
  day = (await deps.waitlist.readDay(date)).filter((v) => v.entry.siteId === site.site.id);
  for (const v of day.filter((x) => x.entry.state === 'offered' && !isOfferExpired(x.entry, deps.clock.now()))) {
    if (signal?.aborted) return;
    await sendOffer(deps, index, site, v.entry, report, settings, signal);
  }
}

async function placeNextHold(
  deps: OfferDeps,
  index: CatalogIndex,
  site: SiteCatalog,
  date: CivilDate,
  day: readonly VersionedEntry[],
  settings: OfferSettings,
): Promise<'placed' | 'conflict' | 'none' | 'stale-catalog'> {
  const policy = effectivePolicy(site.policies, date);
  const revision = site.revision ?? 0;
  const floors = site.floors.map((f) => index.floor(f.id)!.layout);
  const [bookings, ...ledgersByFloor] = await Promise.all([
    deps.store.listBookingsOfDay(date),
    ...floors.map((layout) => deps.store.readLedgers(date, layout.floor.id, layout.zones.map((z) => z.id))),
  ]);
  if (ledgersByFloor.some((ls) => ls.some((l) => (l.revision ?? 0) > revision))) {
    // An import changed the layout: decide on the new one, next pass.
    deps.catalog.invalidate?.();
    return 'stale-catalog';
  }
  const floorDays = floors.map((layout, i) => FloorDay.fromLedgers(layout, policy, date, ledgersByFloor[i]!));
  const booked = new Set(bookings.filter((b) => isActive(b)).map((b) => b.userId));
  const choice = nextOffer({ entries: day.map((v) => v.entry), siteId: site.site.id, floorDays, booked });
  if (!choice) return 'none';
  const versioned = day.find((v) => v.entry.id === choice.entry.id)!;
  const now = deps.clock.now();
  const holdId = holdIdOf(choice.entry);
  const entry: WaitlistEntry = {
    ...choice.entry,
    state: 'offered',
    offers: choice.entry.offers + 1,
    offer: {
      holdId,
      deskId: choice.desk.id,
      floorId: choice.desk.floorId,
      zoneId: choice.desk.zoneId,
      offeredAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + settings.offerMinutes * 60_000).toISOString(),
    },
  };
  const ledgers = ledgersByFloor[floors.findIndex((l) => l.floor.id === choice.desk.floorId)]!;
  const guarded = new Set(choice.floorDay.zonesGuardedBy(choice.desk));
  const outcome = await deps.waitlist.placeHold({
    entry,
    expectedVersion: versioned.version,
    ledgers: ledgers
      .filter((l) => guarded.has(l.zoneId))
      .map((l) => ({
        zoneId: l.zoneId,
        floorId: choice.desk.floorId,
        expectedVersion: l.version,
        entries: l.zoneId === choice.desk.zoneId ? [...l.entries, holdEntry(entry.offer!, entry.userId)] : l.entries,
        revision,
      })),
  });
  if (!outcome.committed) return 'conflict';
  recentLedgersOf(deps.store).forget(date, choice.desk.floorId);
  deps.log.info({ siteId: site.site.id, date, deskId: choice.desk.id, holdId }, 'waitlist: desk held for the next in line');
  return 'placed';
}

/** The ledgers of the offer's floor, as read now; null when the catalog no longer has that floor. */
async function ledgersOfOffer(deps: Pick<BookingDeps, 'store'>, index: CatalogIndex, entry: WaitlistEntry): Promise<readonly VersionedLedger[] | null> {
  const found = entry.offer && index.floor(entry.offer.floorId);
  if (!found) return null;
  return deps.store.readLedgers(entry.date, found.layout.floor.id, found.layout.zones.map((z) => z.id));
}

/**
 * Ends an offer (expired, declined, left) in one conditional write: the entry, and, while the ledger still lists the
 * hold, the ledger without it and the hold's desk row. A conflict means someone changed either first: re-read.
 */
export async function endOffer(deps: Pick<BookingDeps, 'store' | 'catalog'> & { readonly waitlist: WaitlistStore }, v: VersionedEntry, after: WaitlistEntry): Promise<CommitOutcome> {
  const offer = v.entry.offer;
  if (!offer) return deps.waitlist.writeEntry(after, v.version);
  const index = await deps.catalog.current();
  const ledgers = (await ledgersOfOffer(deps, index, v.entry)) ?? [];
  const ledger = ledgers.find((l) => l.entries.some((e) => e.bookingId === offer.holdId));
  if (!ledger || ledger.version === null) return deps.waitlist.releaseHold({ entry: after, expectedVersion: v.version });
  const outcome = await deps.waitlist.releaseHold({
    entry: after,
    expectedVersion: v.version,
    deskId: offer.deskId,
    ledger: {
      zoneId: ledger.zoneId,
      floorId: offer.floorId,
      expectedVersion: ledger.version,
      entries: ledger.entries.filter((e) => e.bookingId !== offer.holdId),
      ...(ledger.revision !== undefined && { revision: ledger.revision }),
    },
  });
  if (outcome.committed) recentLedgersOf(deps.store).forget(v.entry.date, offer.floorId);
  return outcome;
}

async function sendOffer(
  deps: OfferDeps,
  index: CatalogIndex,
  site: SiteCatalog,
  entry: WaitlistEntry,
  report: OfferPassReport,
  settings: OfferSettings,
  signal?: AbortSignal,
): Promise<void> {
  const offer = entry.offer!;
  const now = deps.clock.now();
  const acquired = await deps.claims.acquire({
    date: entry.date,
    bookingId: offer.holdId,
    kind: 'offer',
    siteId: site.site.id,
    userId: entry.userId,
    owner: deps.instanceId,
    now,
    leaseMs: settings.leaseMs + settings.sendBudgetMs,
    sending: true,
  });
  if (!acquired.acquired) return;
  const held = acquired.held;
  const reference = await readReference(deps, entry.userId);
  if (!reference) {
    report.unreachable++;
    await deps.claims.finish(held, { state: 'skipped', detail: 'no conversation reference', sendingSince: null }, now);
    return;
  }
  const found = index.locateDesk(offer.deskId);
  const zone = found?.layout.zones.find((z) => z.id === offer.zoneId);
  const outcome = await deps.notifier.send(
    { userId: entry.userId, reference },
    {
      kind: 'waitlist-offer',
      booking: heldPlace(entry),
      desk: { label: found?.desk.label ?? offer.deskId, ...(zone && { zoneName: zone.name }), ...(found && { floorName: found.layout.floor.name }) },
      deadline: localTimeOf(new Date(offer.expiresAt), site.site.timeZone).hhmm,
      entryId: entry.id,
      holdId: offer.holdId,
    },
    { budgetMs: settings.sendBudgetMs, ...(signal && { signal }) },
  );
  const later = deps.clock.now();
  switch (outcome.status) {
    case 'sent':
      if (await deps.claims.finish(held, { state: 'sent', detail: `accepted after ${outcome.attempts} request(s)` }, later)) report.sent++;
      break;
    case 'blocked':
    case 'rejected':
      report.unreachable++;
      await deps.claims.finish(held, { state: 'failed', detail: outcome.status }, later);
      break;
    case 'retry-later':
      // Handed back: a later pass takes the claim again, while the offer is still open.
      await deps.claims.finish(
        held,
        { owner: '', leaseUntil: (outcome.retryAt ?? new Date(later.getTime() + 30_000)).toISOString(), detail: `retry: ${outcome.reason}`, ...(outcome.ambiguous ? {} : { sendingSince: null }) },
        later,
      );
      break;
  }
}

/** The held place in a booking's shape, for the notifier (its logs name `booking.id`: here the hold id). */
function heldPlace(entry: WaitlistEntry): Booking {
  const offer = entry.offer!;
  return {
    id: offer.holdId,
    siteId: entry.siteId,
    floorId: offer.floorId,
    zoneId: offer.zoneId,
    deskId: offer.deskId,
    date: entry.date,
    userId: entry.userId,
    status: 'booked',
    createdAt: offer.offeredAt,
  };
}

export type OfferAnswer = Result<Booking, Refusal | 'expired' | 'not-found'>;

/**
 * "Book it": the caller takes the desk held for them. The entry is the caller's own (looked up by the caller's id,
 * never by anything the card says about a person); the booking is an ordinary bookDesk, which finds the hold and
 * takes it over, so every rule is checked again. A refusal (a quota reached meanwhile…) passes the offer on.
 */
export async function acceptOffer(deps: BookingDeps & { readonly waitlist: WaitlistStore }, cmd: { readonly actor: Actor; readonly entryId: string }): Promise<OfferAnswer> {
  const date = dateOfBookingId(cmd.entryId);
  if (!date) return err('not-found');
  const mine = await deps.waitlist.readMine(date, cmd.actor.userId);
  if (!mine || mine.entry.id !== cmd.entryId || !mine.entry.offer) return err('not-found');
  const offer = mine.entry.offer;
  if (mine.entry.state === 'booked') {
    const person = await deps.store.readPersonDay(date, cmd.actor.userId);
    const booking = person && (await deps.store.getBooking(person.bookingId));
    return booking ? ok(booking.booking) : err('expired');
  }
  if (mine.entry.state !== 'offered' || isOfferExpired(mine.entry, deps.clock.now())) return err('expired');
  // The hold id as request id: a second click, or a redelivery, finds the booking the first one made.
  const result = await bookDesk(deps, { actor: cmd.actor, deskId: offer.deskId, date, requestId: offer.holdId });
  for (let i = 0; i < MAX_TRIES; i++) {
    const current = i === 0 ? mine : await deps.waitlist.readMine(date, cmd.actor.userId);
    if (!current || current.entry.state !== 'offered' || current.entry.offer?.holdId !== offer.holdId) break;
    const outcome = result.ok
      ? await deps.waitlist.writeEntry({ ...current.entry, state: 'booked' }, current.version)
      : await endOffer(deps, current, { ...current.entry, state: 'declined' });
    if (outcome.committed) break;
  }
  return result;
}

/** "Not now": the offer passes to the next in line at once. */
export async function declineOffer(deps: BookingDeps & { readonly waitlist: WaitlistStore }, cmd: { readonly actor: Actor; readonly entryId: string }): Promise<Result<WaitlistEntry, 'not-found'>> {
  const date = dateOfBookingId(cmd.entryId);
  if (!date) return err('not-found');
  for (let i = 0; i < MAX_TRIES; i++) {
    const mine = await deps.waitlist.readMine(date, cmd.actor.userId);
    if (!mine || mine.entry.id !== cmd.entryId) return err('not-found');
    if (mine.entry.state !== 'offered') return ok(mine.entry);
    const after: WaitlistEntry = { ...mine.entry, state: 'declined' };
    if ((await endOffer(deps, mine, after)).committed) return ok(after);
  }
  throw new ContentionError(`Declining waitlist offer ${cmd.entryId}: it changed ${MAX_TRIES} times in a row`);
}

export function settingsOf(deps: Pick<OfferDeps, 'offers'>): OfferSettings {
  return { ...DEFAULT_OFFER_SETTINGS, ...deps.offers };
}
