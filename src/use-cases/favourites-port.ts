/** A desk someone marked as a favourite, and when: the oldest first is the person's own order. */
export interface FavouriteDesk {
  readonly deskId: string;
  readonly addedAt: string;
}

/** 'present': the desk already was a favourite (it keeps its place); 'full': the list is at its limit. */
export type AddOutcome = 'added' | 'present' | 'full';

/** Favourite desks, per person. Adding one already there keeps its place; removing one not there is no error. */
export interface FavouritesStore {
  list(userId: string): Promise<FavouriteDesk[]>;
  /**
   * Adds it unless the person already has `max` favourites, counted and written atomically: two adds at once never
   * take the list past `max`. Without `max`, no limit.
   */
  add(userId: string, favourite: FavouriteDesk, max?: number): Promise<AddOutcome>;
  /** False when the desk was not a favourite. */
  remove(userId: string, deskId: string): Promise<boolean>;
  /** Erasure: every favourite of the person goes; answers how many there were. */
  forget(userId: string): Promise<number>;
}
