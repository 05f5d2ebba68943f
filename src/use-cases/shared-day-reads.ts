import type { CivilDate } from '../domain/model';
import { MAX_PEOPLE_PER_DAY_READ, type DayRead, type PeopleDayRead, type ReservationStore } from './ports';

interface Batch {
  readonly userIds: Set<string>;
  readonly answer: Promise<PeopleDayRead>;
  resolve(read: PeopleDayRead): void;
  reject(error: unknown): void;
}

interface FloorDayQueue {
  inFlight: number;
  /** Callers who arrived while a read was in flight, in groups that fit one request each. */
  waiting: Batch[];
}

/**
 * Fresh reads of a floor-day (its ledgers and the caller's person row), shared by the bookings that ask at about the
 * same moment. "Fresh" is the point: a caller only ever gets the answer of a request SENT AFTER it asked, never one
 * already under way, so what it decides on existed during its own request, exactly as if it had read alone. What is
 * shared is the round trip: callers that arrive while a read of the floor-day is in flight wait for it to end and then
 * go out together, their person rows in one filter (up to MAX_PEOPLE_PER_DAY_READ a request). Under a storm of
 * refusals the floor is then read about once per round trip instead of once per attempt.
 * Callers with different zone lists (two catalog layouts in one process) never share.
 */
export class SharedDayReads {
  private readonly queues = new Map<string, FloorDayQueue>();

  constructor(private readonly store: Pick<ReservationStore, 'readDayOfPeople'>) {}

  read(date: CivilDate, floorId: string, zoneIds: readonly string[], userId: string): Promise<DayRead> {
    const key = `${date}|${floorId}|${zoneIds.join(',')}`;
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = { inFlight: 0, waiting: [] }));
    let batch: Batch;
    if (queue.inFlight === 0) {
      batch = newBatch(userId);
      this.send(key, queue, [batch], date, floorId, zoneIds);
    } else {
      const last = queue.waiting[queue.waiting.length - 1];
      if (last && (last.userIds.has(userId) || last.userIds.size < MAX_PEOPLE_PER_DAY_READ)) {
        last.userIds.add(userId);
        batch = last;
      } else {
        queue.waiting.push((batch = newBatch(userId)));
      }
    }
    return batch.answer.then((r) => ({ ledgers: r.ledgers, personDay: r.personDays.get(userId) ?? null }));
  }

  private send(key: string, queue: FloorDayQueue, batches: readonly Batch[], date: CivilDate, floorId: string, zoneIds: readonly string[]): void {
    queue.inFlight += batches.length;
    for (const batch of batches) {
      this.store
        .readDayOfPeople(date, floorId, zoneIds, [...batch.userIds])
        .then(batch.resolve, batch.reject)
        .finally(() => {
          queue.inFlight -= 1;
          if (queue.inFlight > 0) return;
          const next = queue.waiting.splice(0);
          if (next.length > 0) this.send(key, queue, next, date, floorId, zoneIds);
          else this.queues.delete(key);
        });
    }
  }
}

function newBatch(userId: string): Batch {
  let resolve!: (read: PeopleDayRead) => void;
  let reject!: (error: unknown) => void;
  const answer = new Promise<PeopleDayRead>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Each caller handles the answer through its own `then`; this keeps a failed read from also being "unhandled".
  answer.catch(() => undefined);
  return { userIds: new Set([userId]), answer, resolve, reject };
}

const perStore = new WeakMap<object, SharedDayReads>();

/** One per store and process, shared by every booking of the process. */
export function sharedDayReadsOf(store: Pick<ReservationStore, 'readDayOfPeople'>): SharedDayReads {
  let reads = perStore.get(store);
  if (!reads) perStore.set(store, (reads = new SharedDayReads(store)));
  return reads;
}
