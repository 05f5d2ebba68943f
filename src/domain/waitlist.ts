import type { FloorDay } from './floor-day';
import { tooClose } from './geometry';
import type { Actor, CivilDate, Desk, LedgerEntry } from './model';

/**
 * The waitlist of a day: people who asked to be told when a place frees up, in the order they asked.
 *
 * An offer is a HOLD: a ledger entry (and a desk row) like a booking's, under a hold id instead of a booking id, so
 * every rule that counts bookings counts it too (the desk is taken, its neighbours within D are too close, the zone
 * counts it). Only the person it is held for can turn it into a booking, and only while it is still in the ledger.
 */

/**
 * - waiting: in the queue;
 * - offered: a desk is held for them until `offer.expiresAt`;
 * - booked: they took the offer (or booked a desk themselves) — done;
 * - declined / expired: the offer went to the next person; they are off the list for the day;
 * - left: they left the list.
 */
export type WaitlistState = 'waiting' | 'offered' | 'booked' | 'declined' | 'expired' | 'left';

export const WAITLIST_STATES: readonly WaitlistState[] = ['waiting', 'offered', 'booked', 'declined', 'expired', 'left'];

export interface WaitlistOffer {
  readonly holdId: string;
  readonly deskId: string;
  readonly floorId: string;
  readonly zoneId: string;
  /** ISO instant: after it, the hold passes to the next person. */
  readonly offeredAt: string;
  readonly expiresAt: string;
}

export interface WaitlistEntry {
  /** `<date>.<random>`: the day is found from the id alone, like a booking's. */
  readonly id: string;
  readonly date: CivilDate;
  readonly userId: string;
  readonly userName?: string;
  readonly siteId: string;
  /** Only desks of this zone, when set. */
  readonly zoneId?: string;
  /** Only desks with all of these attributes. */
  readonly attributes: readonly string[];
  /** ISO instant of joining: the queue's order. */
  readonly joinedAt: string;
  readonly state: WaitlistState;
  readonly offer?: WaitlistOffer;
  /** How many offers this entry has had (the hold ids count up, so an old card never names a new hold). */
  readonly offers: number;
}

/** Hold ids live where booking ids do (ledger entries, desk rows); the prefix tells them apart. */
export const HOLD_PREFIX = 'hold.';

export function isHoldId(id: string): boolean {
  return id.startsWith(HOLD_PREFIX);
}

export function holdIdOf(entry: Pick<WaitlistEntry, 'id' | 'offers'>): string {
  return `${HOLD_PREFIX}${entry.id}.${entry.offers + 1}`;
}

export function isOpen(e: Pick<WaitlistEntry, 'state'>): boolean {
  return e.state === 'waiting' || e.state === 'offered';
}

/** The queue: open entries, first come first served (ties by id, so every instance agrees). */
export function queueOrder<T extends Pick<WaitlistEntry, 'state' | 'joinedAt' | 'id'>>(entries: readonly T[]): T[] {
  return entries.filter(isOpen).sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.id.localeCompare(b.id));
}

/** 1 for the first in line among the entries of the same site; 0 when the entry is no longer in the queue. */
export function positionOf(entries: readonly WaitlistEntry[], entry: WaitlistEntry): number {
  if (!isOpen(entry)) return 0;
  return queueOrder(entries.filter((e) => e.siteId === entry.siteId)).findIndex((e) => e.id === entry.id) + 1;
}

/** Whether a desk is one the entry asked for: the site's, in the zone and with the attributes asked. */
export function matchesWish(entry: Pick<WaitlistEntry, 'siteId' | 'zoneId' | 'attributes'>, siteId: string, desk: Desk): boolean {
  if (siteId !== entry.siteId) return false;
  if (entry.zoneId !== undefined && desk.zoneId !== entry.zoneId) return false;
  return entry.attributes.every((a) => desk.attributes.includes(a));
}

export function isOfferExpired(entry: Pick<WaitlistEntry, 'offer'>, now: Date): boolean {
  return entry.offer !== undefined && Date.parse(entry.offer.expiresAt) <= now.getTime();
}

export interface NextOfferInput {
  readonly entries: readonly WaitlistEntry[];
  readonly siteId: string;
  /** Every floor of the site that day, as read. */
  readonly floorDays: readonly FloorDay[];
  /** People with an active booking that day, anywhere: one desk per person per day. */
  readonly booked: ReadonlySet<string>;
  /** The groups of a waiting person, when known (restricted zones); none otherwise. */
  readonly groupsOf?: (userId: string) => readonly string[] | undefined;
}

export interface OfferChoice {
  readonly entry: WaitlistEntry;
  readonly desk: Desk;
  readonly floorDay: FloorDay;
}

/**
 * The next offer to make, or null: the first person in line who has no offer and no booking that day, with the free
 * desk (by every rule, from their point of view) that matches their wish. Among matching desks, the one that blocks
 * the fewest other free desks under D, so the floor keeps room for the people behind them; then by id.
 * Someone in line with no matching desk does not hold up the people behind.
 */
export function nextOffer(input: NextOfferInput): OfferChoice | null {
  for (const entry of queueOrder(input.entries.filter((e) => e.siteId === input.siteId))) {
    if (entry.state !== 'waiting' || input.booked.has(entry.userId)) continue;
    const groups = input.groupsOf?.(entry.userId);
    const actor: Pick<Actor, 'userId' | 'groups'> = { userId: entry.userId, ...(groups && { groups }) };
    const best = freeDesksForWish(entry, input.floorDays, actor)[0];
    if (best) return { entry, desk: best.desk, floorDay: best.floorDay };
  }
  return null;
}

/**
 * The desks free for `actor` by every rule that day that match the wish, best first: the one that blocks the fewest
 * other matching free desks under D, then by id. Used to choose an offer, and to tell someone who asks to wait that
 * they need not (a waitlist for a day with a suitable free desk would only hold a place nobody needs).
 */
export function freeDesksForWish(
  wish: Pick<WaitlistEntry, 'siteId' | 'zoneId' | 'attributes'>,
  floorDays: readonly FloorDay[],
  actor: Pick<Actor, 'userId' | 'groups'>,
): { desk: Desk; floorDay: FloorDay }[] {
  const ranked: { desk: Desk; floorDay: FloorDay; blocks: number }[] = [];
  for (const floorDay of floorDays) {
    const free = floorDay.layout.desks.filter((d) => matchesWish(wish, floorDay.layout.site.id, d) && floorDay.verdict(d, actor).state === 'free');
    for (const desk of free) ranked.push({ desk, floorDay, blocks: free.filter((o) => o.id !== desk.id && tooClose(desk, o, floorDay.minDistanceM)).length });
  }
  return ranked.sort((a, b) => a.blocks - b.blocks || (a.desk.id < b.desk.id ? -1 : a.desk.id > b.desk.id ? 1 : 0)).map(({ desk, floorDay }) => ({ desk, floorDay }));
}

/** The hold's ledger entry: a booking's shape under the hold id. */
export function holdEntry(offer: Pick<WaitlistOffer, 'holdId' | 'deskId'>, userId: string): LedgerEntry {
  return { deskId: offer.deskId, userId, bookingId: offer.holdId, checkedIn: false };
}

/** The person's own hold of a desk among a zone's entries, if there is one: theirs to turn into a booking. */
export function ownHoldOf(entries: readonly LedgerEntry[], deskId: string, userId: string): LedgerEntry | undefined {
  return entries.find((e) => e.deskId === deskId && e.userId === userId && isHoldId(e.bookingId));
}
