import type { ConnectorTransport } from '../../../../src/bot/proactive/connector-transport';
import type { SchedulerDeps } from '../../../../src/server/scheduler';

export class KilledError extends Error {
  constructor(what: string) {
    super(`process killed (during ${what})`);
    this.name = 'KilledError';
  }
}

/**
 * A process that can be killed at any instant: once `kill()` is called, every call into storage, the connector or the
 * notifier fails, and a call that was in flight never reports back (its effect in storage or at the connector may
 * have happened; the dead process just never learns it). Nothing runs to tidy up, as after a kill -9.
 */
export class Mortal {
  dead = false;

  kill(): void {
    this.dead = true;
  }

  wrap<T extends object>(target: T, name: string): T {
    return new Proxy(target, {
      get: (obj, prop, receiver) => {
        const value = Reflect.get(obj, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          if (this.dead) throw new KilledError(`${name}.${String(prop)}`);
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(obj, args);
          if (this.dead) throw new KilledError(`${name}.${String(prop)}`);
          return result;
        };
      },
    });
  }

  transport(inner: ConnectorTransport): ConnectorTransport {
    return this.wrap(inner, 'connector');
  }

  /** The scheduler's dependencies, with every port behind the kill switch. */
  deps(deps: SchedulerDeps): SchedulerDeps {
    return {
      ...deps,
      store: this.wrap(deps.store, 'store'),
      claims: this.wrap(deps.claims, 'claims'),
      conversations: this.wrap(deps.conversations, 'conversations'),
      notifier: this.wrap(deps.notifier, 'notifier'),
    };
  }
}
