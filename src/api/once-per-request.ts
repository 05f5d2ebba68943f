import type { Authenticator, Caller } from './authenticate';

/**
 * Authenticates each request once, however many of its handlers ask: the floor's conditional GET decides its ETag
 * before the route runs, and both need the caller, which with Entra tokens meant verifying the signature twice for
 * every floor a tab loads. Keyed by the request's headers object, which lives exactly as long as the request.
 */
export class OncePerRequest implements Authenticator {
  private readonly callers = new WeakMap<object, Promise<Caller>>();

  constructor(private readonly inner: Authenticator) {}

  authenticate(headers: Readonly<Record<string, string | string[] | undefined>>): Promise<Caller> {
    let caller = this.callers.get(headers);
    if (!caller) {
      caller = this.inner.authenticate(headers);
      this.callers.set(headers, caller);
    }
    return caller;
  }
}
