import type { Discussion, DiscussionStore } from '../use-cases/discussion-port';

export type { Discussion, DiscussionStore };

/**
 * The discussions of this process only, bounded, oldest forgotten first: for a bot composed without storage (tests
 * of the API, benches). A follow-up that reaches another instance, or comes after a restart, finds nothing and is
 * asked which booking it means: nothing is guessed. Servers use the table store, shared by every instance.
 */
export class InMemoryDiscussions implements DiscussionStore {
  private readonly items = new Map<string, Discussion>();
  constructor(private readonly max = 5_000) {}

  async get(key: string): Promise<Discussion | undefined> {
    return this.items.get(key);
  }

  async setKeepingSite(key: string, discussion: Discussion): Promise<void> {
    const siteId = discussion.siteId ?? this.items.get(key)?.siteId;
    await this.set(key, { ...discussion, ...(siteId !== undefined && { siteId }) });
  }

  async set(key: string, discussion: Discussion): Promise<void> {
    this.items.delete(key);
    this.items.set(key, discussion);
    if (this.items.size > this.max) this.items.delete(this.items.keys().next().value!);
  }
}
