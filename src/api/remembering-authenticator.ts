import type { MemberGroups } from '../use-cases/member-groups-port';
import type { Authenticator, Caller } from './authenticate';
import type { ApiLogger } from './api-deps';

/**
 * Authenticates as `inner` does, and remembers the groups the caller's token carried, so that the re-check after a
 * zone is restricted knows who is in its groups. The request does not wait for that write (the store batches them);
 * failing to remember never refuses the caller: it is logged.
 */
export class RememberingAuthenticator implements Authenticator {
  constructor(
    private readonly inner: Authenticator,
    private readonly members: Pick<MemberGroups, 'remember'>,
    private readonly log: ApiLogger,
  ) {}

  async authenticate(headers: Readonly<Record<string, string | string[] | undefined>>): Promise<Caller> {
    const caller = await this.inner.authenticate(headers);
    this.members.remember(caller.userId, caller.groups ?? []).catch((error: unknown) => {
      this.log.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'could not remember the caller groups');
    });
    return caller;
  }
}
