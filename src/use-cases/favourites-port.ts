/** A desk someone marked as a favourite, and when: the oldest first is the person's own order. */
export interface FavouriteDesk {
  readonly deskId: string;
  readonly addedAt: string;
}

/** Favourite desks, per person. Adding one already there keeps its place; removing one not there is no error. */
export interface FavouritesStore {
  list(userId: string): Promise<FavouriteDesk[]>;
  add(userId: string, favourite: FavouriteDesk): Promise<void>;
  /** False when the desk was not a favourite. */
  remove(userId: string, deskId: string): Promise<boolean>;
  /** Erasure: every favourite of the person goes; answers how many there were. */
  forget(userId: string): Promise<number>;
}
