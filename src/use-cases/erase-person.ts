import { civilDateOf } from '../domain/civil-date';
import { isAdmin, type Actor, type Result, ok, err } from '../domain/model';
import { refusal, type Refusal } from '../domain/refusal';
import type { BookingDeps } from './book-desk';
import { cancelBooking } from './change-booking';
import { InvalidInputError } from './errors';
import { perDay, storedPeriod, type PersonalDataDeps } from './export-my-data';

const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export interface ErasureDeps extends BookingDeps, Omit<PersonalDataDeps, 'catalog' | 'store' | 'clock'> {
  /** A stable pseudonym for an id (a keyed hash): the same person always gets the same one, and it cannot be reversed. */
  readonly pseudonymOf: (userId: string) => string;
}

export interface Erasure {
  readonly pseudonym: string;
  /** Upcoming bookings cancelled, their desks freed. */
  readonly cancelled: number;
  /** Rows that now carry the pseudonym instead of the id. */
  readonly rowsPseudonymised: number;
  readonly claimsPseudonymised: number;
  readonly weeksDeleted: number;
  readonly discussionsDeleted: number;
  readonly conversationReferenceDeleted: boolean;
  /** Delegations the person gave or was given, removed. */
  readonly delegationsDeleted: number;
  /** The groups their token carried (the Members table) were deleted. */
  readonly memberGroupsDeleted: boolean;
  readonly favouritesDeleted: number;
  readonly seriesDeleted: number;
}

/**
 * Erases a person (GDPR Art. 17), admin only:
 * - their upcoming bookings (today's not checked in, and every later one) are cancelled through the ordinary cancel,
 *   so each desk is freed in the same transaction that ends its booking, and the zone ledgers stay right;
 * - their past rows stay for the figures but name a pseudonym instead: booking rows (the name removed), desk and
 *   person rows, ledger entries, claims, and `releasedBy` where they cancelled for someone else;
 * - their recurring series (first, so that no pending day is booked again), weekly-quota rows, discussions with the
 *   bot, the bot's conversation reference, favourite desks, delegations and the groups their token carried (the
 *   Members table) are deleted.
 * The audit entry names the pseudonym, not the id. An erasure may be run again: it finds nothing more to do.
 */
export async function erasePerson(deps: ErasureDeps, q: { actor: Actor; userId: string }): Promise<Result<Erasure, Refusal>> {
  if (!isAdmin(q.actor)) return err(refusal({ code: 'NOT_ALLOWED', action: 'erase' }));
  if (!USER_ID.test(q.userId)) throw new InvalidInputError('userId is not valid', 'userId');
  const index = await deps.catalog.current();
  const period = storedPeriod(index, deps.clock.now(), deps.retentionDays);
  const pseudonym = deps.pseudonymOf(q.userId);
  // First, so that the daily pass books none of their pending days after their bookings are cancelled below.
  const seriesDeleted = deps.series ? await forgetSeries(deps.series, q.userId) : 0;

  let cancelled = 0;
  const found = await perDay(period.dates, async (date) => (await deps.store.listBookingsOfDay(date)).filter((b) => b.userId === q.userId));
  for (const b of found.flat()) {
    const site = index.site(b.siteId);
    const today = civilDateOf(deps.clock.now(), site?.site.timeZone ?? 'UTC');
    if (b.status !== 'booked' || b.date < today) continue;
    const result = await cancelBooking(deps, { actor: q.actor, bookingId: b.id });
    if (result.ok) cancelled += 1;
  }

  const rows = await perDay(period.dates, (date) => deps.personal.pseudonymiseDay(date, q.userId, pseudonym));
  const claims = await perDay(period.dates, (date) => deps.personal.pseudonymiseClaims(date, q.userId, pseudonym));
  const forgotten = await deps.personal.forget(q.userId);
  const delegationsDeleted = (await deps.delegations?.forget(q.userId)) ?? 0;
  const memberGroupsDeleted = deps.members ? await deps.members.forget(q.userId) : false;
  const favouritesDeleted = (await deps.favourites?.forget(q.userId)) ?? 0;
  const erasure: Erasure = {
    pseudonym,
    cancelled,
    rowsPseudonymised: rows.reduce((a, b) => a + b, 0),
    claimsPseudonymised: claims.reduce((a, b) => a + b, 0),
    weeksDeleted: forgotten.weeks,
    discussionsDeleted: forgotten.discussions,
    conversationReferenceDeleted: forgotten.conversationReference,
    delegationsDeleted,
    memberGroupsDeleted,
    favouritesDeleted,
    seriesDeleted,
  };
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: q.actor.userId,
    ...(q.actor.name !== undefined && { actorName: q.actor.name }),
    action: 'person.erase',
    subject: pseudonym,
    count: cancelled,
    params: {
      rowsPseudonymised: erasure.rowsPseudonymised,
      claimsPseudonymised: erasure.claimsPseudonymised,
      weeksDeleted: erasure.weeksDeleted,
      discussionsDeleted: erasure.discussionsDeleted,
      conversationReferenceDeleted: erasure.conversationReferenceDeleted,
      delegationsDeleted,
      memberGroupsDeleted,
      favouritesDeleted,
      seriesDeleted,
    },
  });
  return ok(erasure);
}

/** Removes each series of the person, re-reading one that changed meanwhile (the daily pass recording a day). */
async function forgetSeries(store: NonNullable<ErasureDeps['series']>, userId: string): Promise<number> {
  let removed = 0;
  for (const s of await store.listOfUser(userId)) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const read = await store.get(userId, s.id);
      if (!read) break;
      if (await store.remove(read.series, read.version)) {
        removed++;
        break;
      }
    }
  }
  return removed;
}
