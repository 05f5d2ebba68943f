/**
 * The groups each person's token carried when they last used Seatwise (Entra group ids and app roles). Bookings do
 * not record groups, so when a zone becomes restricted to groups, the re-check asks here whether each booker is in
 * one of them; a person never seen here keeps their desk (nobody loses a desk on a guess). Personal data: an erasure
 * must remove the person's row.
 */
export interface MemberGroups {
  /** Records the groups of a person's latest token; an unchanged set is not written again. */
  remember(userId: string, groups: readonly string[]): Promise<void>;
  /** The groups last seen for each of these people; people never seen are absent. */
  groupsOf(userIds: readonly string[]): Promise<Map<string, readonly string[]>>;
  /** What is stored about one person (their own data, GDPR Art. 15); null when never seen. */
  describe(userId: string): Promise<MemberRecord | null>;
  /** Forgets a person (erasure); says whether there was anything to forget. */
  forget(userId: string): Promise<boolean>;
}

export interface MemberRecord {
  readonly groups: readonly string[];
  /** When these groups were last seen on the person's token (the row's last write). */
  readonly seenAt?: string;
}
