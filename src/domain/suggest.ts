import { tooClose } from './geometry';
import type { FloorDay } from './floor-day';
import type { Actor, Desk } from './model';

/** "3.9" before "3.10"; one collator for every comparison (building one per call dominated the ranking). */
const LABELS = new Intl.Collator('en', { numeric: true });

export interface SuggestionPreferences {
  /** Hard constraints: only desks that meet them are suggested. */
  readonly require?: {
    readonly zoneId?: string;
    readonly floorId?: string;
    readonly attributes?: readonly string[];
  };
  /** Soft preferences, honoured first among the desks that meet every rule. */
  readonly prefer?: {
    /** In order of preference. */
    readonly favouriteDeskIds?: readonly string[];
    readonly zoneIds?: readonly string[];
    readonly attributes?: readonly string[];
  };
}

export interface Suggestion {
  readonly desk: Desk;
  readonly why: {
    readonly favourite: boolean;
    readonly preferredZone: boolean;
    readonly matchedAttributes: readonly string[];
    /** Free desks that this booking would make too close for others. */
    readonly blocksFreeDesks: number;
  };
}

export interface SuggestInput {
  readonly floorDays: readonly FloorDay[];
  readonly actor: Pick<Actor, 'userId' | 'groups'>;
  readonly preferences?: SuggestionPreferences;
}

/**
 * Ranks every desk that `actor` could book on the given floors that day.
 * Order: favourite desks (in the person's order), preferred zone, most preferred attributes, then the desk whose
 * booking blocks the fewest still-free desks under the distance rule, so the floor keeps room for colleagues;
 * last, label and id, so that the answer is deterministic.
 */
export function rankSuggestions(input: SuggestInput): Suggestion[] {
  const req = input.preferences?.require ?? {};
  const pref = input.preferences?.prefer ?? {};
  const favourites = pref.favouriteDeskIds ?? [];
  const ranked: { s: Suggestion; fav: number }[] = [];
  for (const fd of input.floorDays) {
    if (req.floorId && fd.layout.floor.id !== req.floorId) continue;
    const free = fd.layout.desks.filter((d) => fd.verdict(d, input.actor).state === 'free');
    const nearby = new NeighbourGrid(free, fd.minDistanceM);
    for (const desk of free) {
      if (req.zoneId && desk.zoneId !== req.zoneId) continue;
      if (req.attributes && !req.attributes.every((a) => desk.attributes.includes(a))) continue;
      const favIndex = favourites.indexOf(desk.id);
      const blocks = nearby.count(desk, (o) => tooClose(desk, o, fd.minDistanceM));
      ranked.push({
        fav: favIndex < 0 ? Number.POSITIVE_INFINITY : favIndex,
        s: {
          desk,
          why: {
            favourite: favIndex >= 0,
            preferredZone: pref.zoneIds?.includes(desk.zoneId) ?? false,
            matchedAttributes: (pref.attributes ?? []).filter((a) => desk.attributes.includes(a)),
            blocksFreeDesks: blocks,
          },
        },
      });
    }
  }
  ranked.sort(
    (a, b) =>
      a.fav - b.fav ||
      Number(b.s.why.preferredZone) - Number(a.s.why.preferredZone) ||
      b.s.why.matchedAttributes.length - a.s.why.matchedAttributes.length ||
      a.s.why.blocksFreeDesks - b.s.why.blocksFreeDesks ||
      LABELS.compare(a.s.desk.label, b.s.desk.label) ||
      (a.s.desk.id < b.s.desk.id ? -1 : a.s.desk.id > b.s.desk.id ? 1 : 0),
  );
  return ranked.map((r) => r.s);
}

export function suggestDesk(input: SuggestInput): Suggestion | null {
  return rankSuggestions(input)[0] ?? null;
}

/** Desks bucketed in cells of side D: every desk closer than D to another is in one of the 3 × 3 cells around it. */
class NeighbourGrid {
  private readonly cells = new Map<string, Desk[]>();
  private readonly size: number;

  constructor(desks: readonly Desk[], minDistanceM: number) {
    this.size = minDistanceM > 0 ? minDistanceM : 1;
    for (const d of desks) {
      const key = this.key(Math.floor(d.x / this.size), Math.floor(d.y / this.size));
      const cell = this.cells.get(key);
      if (cell) cell.push(d);
      else this.cells.set(key, [d]);
    }
  }

  count(desk: Desk, match: (other: Desk) => boolean): number {
    const cx = Math.floor(desk.x / this.size);
    const cy = Math.floor(desk.y / this.size);
    let n = 0;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const other of this.cells.get(this.key(cx + dx, cy + dy)) ?? []) if (match(other)) n++;
      }
    }
    return n;
  }

  private key(x: number, y: number): string {
    return `${x},${y}`;
  }
}
