import { addDays, civilDateOf, daysBetween } from '../domain/civil-date';
import type { Actor, Booking, CivilDate } from '../domain/model';
import { effectivePolicy } from '../domain/policy';
import type { AuditLog } from './audit-port';
import type { CatalogIndex } from './catalog-index';
import type { MemberGroups, MemberRecord } from './member-groups-port';
import type { FavouriteDesk, FavouritesStore } from './favourites-port';
import type { PersonalClaim, PersonalDataStore } from './personal-data-port';
import type { SeriesStore } from './series-port';
import type { Series } from '../domain/series';
import type { Clock, ReservationStore } from './ports';
import type { Delegation } from '../domain/delegation';
import type { DelegationStore } from './delegation-port';

/** Days read before the retention cut-off too: a retention pass missed while every instance was down. */
const RETENTION_MARGIN_DAYS = 15;
const PARALLEL_DAYS = 8;

export interface PersonalDataDeps {
  readonly store: Pick<ReservationStore, 'listBookingsOfDay'>;
  readonly catalog: { current(): Promise<CatalogIndex> };
  readonly clock: Clock;
  readonly personal: PersonalDataStore;
  readonly audit: Pick<AuditLog, 'append'>;
  /** SEATWISE_RETENTION_DAYS: no booking older than this (and the margin) is stored. */
  readonly retentionDays: number;
  /** Who may book for whom: the person's delegations, given and received, are theirs to see and to have erased. */
  readonly delegations?: Pick<DelegationStore, 'delegatesOf' | 'ownersFor' | 'forget'>;
  /** The groups each person's token carried (the Members table): personal data like the rest. */
  readonly members?: Pick<MemberGroups, 'describe' | 'forget'>;
  /** The person's favourite desks, when the deployment keeps them. */
  readonly favourites?: Pick<FavouritesStore, 'list' | 'forget'>;
  /** The person's recurring series (their days and what became of each). */
  readonly series?: Pick<SeriesStore, 'listOfUser' | 'get' | 'remove'>;
}

export interface MyData {
  readonly userId: string;
  readonly generatedAt: string;
  /** The days searched: from the retention cut-off (with a margin) to the farthest bookable day. */
  readonly period: { readonly from: CivilDate; readonly to: CivilDate };
  readonly retentionDays: number;
  /** Every booking row of the person, whatever its state, as stored. */
  readonly bookings: readonly Booking[];
  readonly weeks: readonly { readonly isoWeek: string; readonly entries: readonly { readonly bookingId: string; readonly date: string; readonly heldAt: string }[] }[];
  readonly conversationReference: { readonly stored: boolean };
  readonly discussions: readonly { readonly conversationId: string; readonly fields: Readonly<Record<string, string | number | boolean>> }[];
  readonly claims: readonly PersonalClaim[];
  /** Colleagues the person lets book for them, and people who let the person book for them. */
  readonly delegations: { readonly given: readonly Delegation[]; readonly received: readonly Delegation[] };
  /** The groups and roles last seen on the person's token, kept to enforce zones restricted to groups; null: none. */
  readonly memberGroups: MemberRecord | null;
  /** Desks the person marked as favourites, with when. */
  readonly favourites: readonly FavouriteDesk[];
  readonly series: readonly Series[];
}

/** The days that can hold someone's bookings: retention behind, the longest booking horizon ahead (UTC ± a day). */
export function storedPeriod(index: CatalogIndex, now: Date, retentionDays: number): { from: CivilDate; to: CivilDate; dates: CivilDate[] } {
  const today = civilDateOf(now, 'UTC');
  const horizon = Math.max(0, ...index.sites.map((s) => effectivePolicy(s.policies, today).rules.horizonDays));
  const from = addDays(today, -(retentionDays + RETENTION_MARGIN_DAYS));
  const to = addDays(today, horizon + 1);
  return { from, to, dates: Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i)) };
}

/** Runs `work` over the days, a few at a time, keeping their order. */
export async function perDay<T>(dates: readonly CivilDate[], work: (date: CivilDate) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(dates.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < dates.length) {
      const i = next++;
      out[i] = await work(dates[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DAYS, dates.length) }, worker));
  return out;
}

/**
 * Everything stored about the caller (GDPR Art. 15): their booking rows of every day that can still hold one, their
 * weekly-quota rows, whether the bot holds a conversation reference to write to them, what the bot remembers of
 * their chats, the reminder and release claims about them, and the groups their token carried. The request itself is recorded in the audit log.
 * Audit entries are not part of it: they record what the organisation did (a tracing run's subject is confidential).
 */
export async function exportMyData(deps: PersonalDataDeps, actor: Actor): Promise<MyData> {
  const index = await deps.catalog.current();
  const now = deps.clock.now();
  const period = storedPeriod(index, now, deps.retentionDays);
  const [days, weeks, reference, discussions, given, received, memberGroups, favourites, series] = await Promise.all([
    perDay(period.dates, async (date) => ({
      // Bookings the person made for colleagues carry their id too (bookedBy).
      bookings: (await deps.store.listBookingsOfDay(date)).filter((b) => b.userId === actor.userId || b.bookedBy === actor.userId),
      claims: await deps.personal.claimsOf(actor.userId, date),
    })),
    deps.personal.weeksOf(actor.userId),
    deps.personal.hasConversationReference(actor.userId),
    deps.personal.discussionsOf(actor.userId),
    deps.delegations?.delegatesOf(actor.userId) ?? [],
    deps.delegations?.ownersFor(actor.userId) ?? [],
    deps.members ? deps.members.describe(actor.userId) : Promise.resolve(null),
    deps.favourites?.list(actor.userId) ?? [],
    deps.series?.listOfUser(actor.userId) ?? [],
  ]);
  const bookings = days.flatMap((d) => d.bookings);
  await deps.audit.append({
    at: now.toISOString(),
    actor: actor.userId,
    ...(actor.name !== undefined && { actorName: actor.name }),
    action: 'person.export',
    subject: actor.userId,
    count: bookings.length,
  });
  return {
    userId: actor.userId,
    generatedAt: now.toISOString(),
    period: { from: period.from, to: period.to },
    retentionDays: deps.retentionDays,
    bookings,
    weeks,
    conversationReference: { stored: reference },
    discussions,
    claims: days.flatMap((d) => d.claims),
    delegations: { given, received },
    memberGroups,
    favourites,
    series,
  };
}
