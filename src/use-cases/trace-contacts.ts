import { addDays, daysBetween, isCivilDate } from '../domain/civil-date';
import { distance } from '../domain/geometry';
import { hasAnyRole, isActive, type Actor, type Booking, type CivilDate, type Desk, type Result, ok, err } from '../domain/model';
import { effectivePolicy } from '../domain/policy';
import { refusal, type Refusal } from '../domain/refusal';
import type { AuditLog } from './audit-port';
import type { CatalogIndex } from './catalog-index';
import { InvalidInputError } from './errors';
import type { Clock, ReservationStore } from './ports';

/** The longest period one tracing run covers: an incubation period and then some. */
export const MAX_TRACE_DAYS = 31;
export const MAX_TRACE_RADIUS_M = 50;
export const MAX_REASON_CHARS = 500;
const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export interface TraceQuery {
  readonly actor: Actor;
  readonly userId: string;
  readonly from: CivilDate;
  readonly to: CivilDate;
  /** Metres; by default the site's minimum distance D in force on each day. */
  readonly radiusM?: number;
  readonly reason: string;
  /** How the result leaves the server, for the audit entry: shown as JSON, or downloaded as CSV. */
  readonly format: 'json' | 'csv';
}

export interface Contact {
  readonly userId: string;
  readonly userName?: string;
  readonly date: CivilDate;
  readonly deskId: string;
  readonly deskLabel?: string;
  /** The floor both desks are on, and its name. */
  readonly floorId: string;
  readonly floorName: string;
  /** Centre to centre, in metres, to the traced person's nearest desk that day; rounded to the centimetre. */
  readonly distanceM: number;
  /** The traced person's desk it was near. */
  readonly nearDeskId: string;
  /** The radius used that day. */
  readonly radiusM: number;
}

export interface TraceResult {
  readonly contacts: readonly Contact[];
  /** Days on which the traced person had a desk. */
  readonly daysPresent: readonly CivilDate[];
}

export interface TraceDeps {
  readonly store: Pick<ReservationStore, 'listBookingsOfDay'>;
  readonly catalog: { current(): Promise<CatalogIndex> };
  readonly clock: Clock;
  readonly audit: Pick<AuditLog, 'append'>;
}

/**
 * Who sat near a person: everyone with a booking within the radius of that person's desk, on the same day and floor,
 * measured centre to centre between desk positions, whatever zones the desks are in.
 *
 * Who counts as having been there: a booking checked in (including one released early after the check-in), and one
 * still booked (its day not over, or a site where nobody released it: absence is not proven, so it counts). A no-show
 * (released at the deadline without a check-in) and a booking cancelled or released before any check-in do not: the
 * system records that the desk was given back unused. Desk positions are today's catalog's; a desk the catalog no
 * longer has cannot be placed and is left out.
 *
 * Tracer role only; every run is recorded in the audit log (who, when, whom, why, how many) before its result is
 * returned, and a run whose audit entry cannot be written fails. Nothing of the result is stored.
 */
export async function traceContacts(deps: TraceDeps, q: TraceQuery): Promise<Result<TraceResult, Refusal>> {
  if (!hasAnyRole(q.actor, ['tracer'])) return err(refusal({ code: 'NOT_ALLOWED', action: 'tracing' }));
  const reason = q.reason.trim();
  if (reason.length === 0 || reason.length > MAX_REASON_CHARS) throw new InvalidInputError(`reason must be 1 to ${MAX_REASON_CHARS} characters`, 'reason');
  if (!USER_ID.test(q.userId)) throw new InvalidInputError('userId is not valid', 'userId');
  if (!isCivilDate(q.from)) throw new InvalidInputError('from must be a real day written YYYY-MM-DD', 'from');
  if (!isCivilDate(q.to)) throw new InvalidInputError('to must be a real day written YYYY-MM-DD', 'to');
  const span = daysBetween(q.from, q.to) + 1;
  if (span < 1 || span > MAX_TRACE_DAYS) throw new InvalidInputError(`to must be on or after from, within ${MAX_TRACE_DAYS} days`, 'to');
  if (q.radiusM !== undefined && !(q.radiusM > 0 && q.radiusM <= MAX_TRACE_RADIUS_M)) {
    throw new InvalidInputError(`radiusM must be more than 0 and at most ${MAX_TRACE_RADIUS_M}`, 'radiusM');
  }

  const index = await deps.catalog.current();
  const contacts: Contact[] = [];
  const daysPresent: CivilDate[] = [];
  const dates = Array.from({ length: span }, (_, i) => addDays(q.from, i));
  const perDay = await Promise.all(dates.map((date) => deps.store.listBookingsOfDay(date)));
  dates.forEach((date, i) => {
    const present = perDay[i]!.filter(wasThere);
    const mine = present.filter((b) => b.userId === q.userId);
    if (mine.length > 0) daysPresent.push(date);
    const byOther = new Map<string, Contact>();
    for (const own of mine) {
      const ownDesk = index.locateDesk(own.deskId);
      if (!ownDesk) continue;
      const radiusM = q.radiusM ?? effectivePolicy(ownDesk.catalog.policies, date).rules.minDistanceM;
      for (const other of present) {
        if (other.userId === q.userId) continue;
        const otherDesk: Desk | undefined = index.locateDesk(other.deskId)?.desk;
        if (!otherDesk || otherDesk.floorId !== ownDesk.desk.floorId) continue;
        const d = distance(ownDesk.desk, otherDesk);
        if (d > radiusM + 1e-9) continue;
        const distanceM = Math.round(d * 100) / 100;
        const known = byOther.get(other.id);
        if (known && known.distanceM <= distanceM) continue;
        byOther.set(other.id, {
          userId: other.userId,
          ...(other.userName !== undefined && { userName: other.userName }),
          date,
          deskId: other.deskId,
          deskLabel: otherDesk.label,
          floorId: otherDesk.floorId,
          floorName: ownDesk.catalog.floors.find((f) => f.id === otherDesk.floorId)?.name ?? otherDesk.floorId,
          distanceM,
          nearDeskId: own.deskId,
          radiusM,
        });
      }
    }
    contacts.push(...[...byOther.values()].sort((a, b) => a.distanceM - b.distanceM || a.userId.localeCompare(b.userId)));
  });

  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: q.actor.userId,
    ...(q.actor.name !== undefined && { actorName: q.actor.name }),
    action: 'tracing.run',
    subject: q.userId,
    count: contacts.length,
    params: { reason, from: q.from, to: q.to, radiusM: q.radiusM ?? 'D', format: q.format },
  });
  return ok({ contacts, daysPresent });
}

function wasThere(b: Booking): boolean {
  return isActive(b) || b.checkedInAt !== undefined;
}
