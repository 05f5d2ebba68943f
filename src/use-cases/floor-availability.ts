import { isCivilDate, isoWeek } from '../domain/civil-date';
import { isPersonId, mayBookFor } from '../domain/delegation';
import { FloorDay, type DeskVerdict, type ZoneSummary } from '../domain/floor-day';
import { err, isActive, ok, type Actor, type CivilDate, type FloorLayout, type Result } from '../domain/model';
import { effectivePolicy, type PolicyRules, type PolicyVersion } from '../domain/policy';
import { refusal, type Refusal } from '../domain/refusal';
import { QUOTA_HOLD_GRACE_MS } from './book-desk';
import type { CatalogIndex } from './catalog-index';
import type { DelegationStore } from './delegation-port';
import { InvalidInputError } from './errors';
import type { MemberGroups } from './member-groups-port';
import type { Clock, ReservationStore, VersionedLedger } from './ports';
import { RecentLedgers } from './recent-ledgers';

export interface FloorAvailability {
  readonly layout: FloorLayout;
  readonly date: CivilDate;
  readonly rules: PolicyRules;
  readonly zones: readonly ZoneSummary[];
  readonly desks: readonly DeskVerdict[];
}

export interface AvailabilityDeps {
  readonly store: Pick<ReservationStore, 'readLedgers'>;
  readonly catalog: { current(): Promise<CatalogIndex> };
}

/** Every desk's state and reason on a floor and day, for one person, from one read of the floor's zone ledgers. */
export async function floorAvailability(
  deps: AvailabilityDeps,
  query: { actor: Pick<Actor, 'userId' | 'groups'>; floorId: string; date: string },
): Promise<FloorAvailability | null> {
  if (!isCivilDate(query.date)) throw new InvalidInputError(`date must be a real day written YYYY-MM-DD`, 'date');
  const found = (await deps.catalog.current()).floor(query.floorId);
  if (!found) return null;
  const floorDay = await readFloorDay(deps, found.layout, found.catalog.policies, query.date);
  return {
    layout: found.layout,
    date: query.date,
    rules: floorDay.policy.rules,
    zones: floorDay.zoneSummaries(),
    desks: floorDay.verdicts(query.actor),
  };
}

/** Whose day a floor view shows: the caller's own, or that of a colleague they may book for. */
export interface FloorViewer {
  /** The person the desks' states are decided for: their groups, their booking shown as theirs. */
  readonly actor: Pick<Actor, 'userId' | 'groups'>;
  /** Set when the caller looks on behalf of someone else (a delegate for the colleague who named them, or an admin). */
  readonly colleague?: { readonly id: string; readonly name?: string };
}

export interface FloorViewerDeps {
  readonly delegations: Pick<DelegationStore, 'get'>;
  /** The groups the colleague's own token last carried; without it, a colleague counts as in no group. */
  readonly members?: Pick<MemberGroups, 'groupsOf'>;
}

/**
 * The person a floor view is for. "Book for" shows the colleague's day, so that what the map offers is what booking
 * for them will accept: the same check as booking for them (src/use-cases/book-for-someone.ts), the same colleague
 * as the rules see them (their id and the groups their own token last carried, no roles). Who asks is always the
 * authenticated caller; `forPersonId` only names whose day, and anyone not allowed is refused NOT_ALLOWED.
 */
export async function floorViewerOf(deps: FloorViewerDeps, caller: Actor, forPersonId: string | undefined): Promise<Result<FloorViewer, Refusal>> {
  if (forPersonId === undefined || forPersonId === caller.userId) return ok({ actor: caller });
  if (!isPersonId(forPersonId)) throw new InvalidInputError('forPersonId is not a person id', 'forPersonId');
  // Both read at once: a delegate's view is polled like any other, and the groups are wasted only on a refusal.
  const [delegation, members] = await Promise.all([deps.delegations.get(forPersonId, caller.userId), deps.members?.groupsOf([forPersonId])]);
  if (mayBookFor(caller, forPersonId, delegation !== null) === 'refused') return err(refusal({ code: 'NOT_ALLOWED', action: 'book-for' }));
  const groups = members?.get(forPersonId) ?? [];
  return ok({ actor: { userId: forPersonId, groups }, colleague: { id: forPersonId, ...(delegation?.ownerName !== undefined && { name: delegation.ownerName }) } });
}

export interface PersonalDayDeps {
  readonly store: Pick<ReservationStore, 'readPersonDay' | 'readWeek' | 'getBooking'>;
  readonly clock: Clock;
}

/**
 * The person's own rules on a day, which no desk of a floor changes: one desk a day (wherever it is) and the weekly
 * quota, decided as a booking would (src/domain/book-desk-rules.ts: one desk a day first, then the quota). Advice for
 * the view; a booking decides on its own reads.
 */
export async function personalRefusal(deps: PersonalDayDeps, userId: string, date: CivilDate, rules: Pick<PolicyRules, 'weeklyQuota'>): Promise<Refusal | undefined> {
  const week = isoWeek(date);
  const [personDay, weekRow] = await Promise.all([deps.store.readPersonDay(date, userId), rules.weeklyQuota === null ? null : deps.store.readWeek(userId, week)]);
  if (personDay) return refusal({ code: 'ALREADY_BOOKED', date, existingBookingId: personDay.bookingId, existingDeskId: personDay.deskId });
  if (!weekRow || rules.weeklyQuota === null || weekRow.entries.length < rules.weeklyQuota) return undefined;
  // Holds whose booking never committed, or was cancelled since, no longer count (as when booking).
  const now = deps.clock.now().getTime();
  const counted = await Promise.all(
    weekRow.entries.map(async (e) => {
      if (now - Date.parse(e.heldAt) < QUOTA_HOLD_GRACE_MS) return true;
      const b = await deps.store.getBooking(e.bookingId);
      return b !== null && (isActive(b.booking) || b.booking.checkedInAt !== undefined);
    }),
  );
  const used = counted.filter(Boolean).length;
  if (used < rules.weeklyQuota) return undefined;
  return refusal({ code: 'QUOTA_EXCEEDED', quota: rules.weeklyQuota, used, isoWeek: week, date });
}

export async function readFloorDay(
  deps: AvailabilityDeps,
  layout: FloorLayout,
  policies: Parameters<typeof effectivePolicy>[0],
  date: CivilDate,
): Promise<FloorDay> {
  const ledgers = await deps.store.readLedgers(date, layout.floor.id, layout.zones.map((z) => z.id));
  return FloorDay.fromLedgers(layout, effectivePolicy(policies, date), date, ledgers);
}

/** A floor on a day as last read: the ledgers, and the floor day built from them. */
export interface FloorSnapshot {
  readonly ledgers: readonly VersionedLedger[];
  /** The same object for as long as the ledgers' versions and the layout stay the same. */
  readonly floorDay: FloorDay;
}

/**
 * The floors the tab shows, read at most `ttlMs` ago and built once per set of ledger versions. Every open tab polls
 * its floor and, in the morning, hundreds of people read the same three floors a second: one read and one build
 * then serve them all. A view may be `ttlMs` behind a change made on another instance (as the 304s of the conditional
 * GET already are); a change made by this process forgets the day at once (see RecentLedgers.forget). A view is
 * advice: a booking decides on its own reads.
 */
export class FloorViews {
  private readonly recent: RecentLedgers;
  /** Per layout object (a new catalog brings new ones), the last floor day built per day, with its versions. */
  private readonly built = new WeakMap<FloorLayout, Map<CivilDate, { versions: string; floorDay: FloorDay }>>();

  constructor(store: Pick<ReservationStore, 'readLedgers'>, ttlMs: number) {
    this.recent = new RecentLedgers(store, ttlMs);
  }

  /** `nowMs` is wall time (performance.now()): it bounds how stale a view may be, whatever the site's clock says. */
  async read(layout: FloorLayout, policies: readonly PolicyVersion[], date: CivilDate, nowMs: number): Promise<FloorSnapshot> {
    const ledgers = await this.recent.read(date, layout.floor.id, layout.zones.map((z) => z.id), nowMs);
    const versions = ledgers.map((l) => `${l.zoneId}=${l.version ?? ''}`).join('|');
    let days = this.built.get(layout);
    if (!days) this.built.set(layout, (days = new Map()));
    const known = days.get(date);
    if (known && known.versions === versions) return { ledgers, floorDay: known.floorDay };
    const floorDay = FloorDay.fromLedgers(layout, effectivePolicy(policies, date), date, ledgers);
    days.delete(date);
    days.set(date, { versions, floorDay });
    // The days shown are the bookable ones, a few dozen: bound the map all the same.
    if (days.size > MAX_DAYS_PER_FLOOR) days.delete(days.keys().next().value!);
    return { ledgers, floorDay };
  }
}

const MAX_DAYS_PER_FLOOR = 64;
