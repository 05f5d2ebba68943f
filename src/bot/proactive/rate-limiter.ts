/**
 * Teams' rate limits for proactive messages, kept on this side: a token bucket (GCRA) per tenant and, per
 * conversation, one message at a time, in order, spaced by an interval.
 */
import type { NotifierTime } from './notifier-time';

export interface RateLimits {
  /** Requests per second per tenant (Teams: 50 per app per tenant). */
  readonly tenantRps: number;
  /** Requests the tenant bucket may send back to back after an idle spell; 1 spaces every request evenly. */
  readonly tenantBurst: number;
  /** Minimum time between two messages to one conversation (Teams: 1 s is well inside 7/s, 60/30 s). */
  readonly conversationIntervalMs: number;
}

export type SlotOutcome = 'ok' | 'aborted' | { readonly tooLateUntil: number };

interface TenantState {
  /** GCRA theoretical arrival time: the slot the next request would get on an evenly spaced schedule. */
  tat: number;
}

interface ConversationState {
  /** The last request's turn; the next one waits for it, so one conversation's messages go in order. */
  tail: Promise<void>;
  /** Earliest time of the next message. */
  next: number;
  waiting: number;
}

/**
 * Per-tenant GCRA bucket and per-conversation spacing. A request first waits its turn in its conversation (FIFO,
 * spaced by conversationIntervalMs from the previous message's actual send), then takes the tenant's next slot, so a
 * conversation that must wait never holds up the tenant's other conversations.
 */
export class RateLimiter {
  private readonly tenants = new Map<string, TenantState>();
  private readonly conversations = new Map<string, ConversationState>();
  private calls = 0;

  constructor(
    private readonly time: NotifierTime,
    private readonly limits: RateLimits,
  ) {
    if (!(limits.tenantRps > 0) || !(limits.tenantBurst >= 1) || !(limits.conversationIntervalMs >= 0)) {
      throw new RangeError(
        `Invalid rate limits ${JSON.stringify(limits)}: tenantRps > 0, tenantBurst >= 1, conversationIntervalMs >= 0`,
      );
    }
  }

  /**
   * Waits for a slot to send to `conversation` of `tenant`. Gives up without a slot when it would come after
   * `latestStart` (tooLateUntil says when it would have come), or when `signal` aborts.
   */
  async acquire(
    tenant: string,
    conversation: string,
    latestStart: number,
    signal?: AbortSignal,
  ): Promise<SlotOutcome> {
    const conv = this.conversation(conversation);
    const previous = conv.tail;
    let release!: () => void;
    conv.tail = new Promise<void>((resolve) => (release = resolve));
    conv.waiting++;
    try {
      await previous;
      if (signal?.aborted) return 'aborted';
      const convAt = Math.max(this.time.now(), conv.next);
      if (convAt > latestStart) return { tooLateUntil: convAt };
      if (!(await this.time.sleep(convAt - this.time.now(), signal))) return 'aborted';
      const t = this.tenant(tenant);
      const interval = 1000 / this.limits.tenantRps;
      const tolerance = (this.limits.tenantBurst - 1) * interval;
      const now = this.time.now();
      const slot = Math.max(now, t.tat - tolerance);
      if (slot > latestStart) return { tooLateUntil: slot };
      t.tat = Math.max(t.tat, slot) + interval;
      if (!(await this.time.sleep(slot - this.time.now(), signal))) return 'aborted';
      conv.next = Math.max(conv.next, this.time.now() + this.limits.conversationIntervalMs);
      return 'ok';
    } finally {
      conv.waiting--;
      release();
      this.prune();
    }
  }

  /** After a 429: nothing more to this conversation (and this tenant, when given) until `until`. */
  pause(tenant: string | undefined, conversation: string, until: number): void {
    if (tenant !== undefined) {
      const t = this.tenant(tenant);
      t.tat = Math.max(t.tat, until);
    }
    const c = this.conversation(conversation);
    c.next = Math.max(c.next, until);
  }

  private tenant(id: string): TenantState {
    let t = this.tenants.get(id);
    if (!t) {
      t = { tat: this.time.now() };
      this.tenants.set(id, t);
    }
    return t;
  }

  private conversation(key: string): ConversationState {
    let c = this.conversations.get(key);
    if (!c) {
      c = { tail: Promise.resolve(), next: -Infinity, waiting: 0 };
      this.conversations.set(key, c);
    }
    return c;
  }

  /** Forgets conversations nobody waits on and whose spacing has passed, so a fan-out leaves no trail. */
  private prune(): void {
    // A sweep is linear in the conversations known, so it runs once every 500 sends, not on every one.
    if (++this.calls % 500 !== 0 || this.conversations.size < 2_000) return;
    const now = this.time.now();
    for (const [key, c] of this.conversations)
      if (c.waiting === 0 && c.next <= now) this.conversations.delete(key);
  }
}
