import { OncePerRequest } from '../../src/api/once-per-request';
import type { Caller } from '../../src/api/authenticate';

describe('a request is authenticated once, however many handlers ask', () => {
  it('asks the token check once per request, and again for the next request', async () => {
    const seen: string[] = [];
    const auth = new OncePerRequest({
      authenticate: async (headers) => {
        seen.push(String(headers['authorization']));
        return { userId: String(headers['authorization']).slice(7), roles: [] } satisfies Caller;
      },
    });
    const first = { authorization: 'Bearer ann' };
    const [a, b] = await Promise.all([auth.authenticate(first), auth.authenticate(first)]);
    expect(a.userId).toBe('ann');
    expect(b).toBe(a);
    // The next request carries the same token in headers of its own: it is checked again (it may have expired).
    expect((await auth.authenticate({ authorization: 'Bearer ann' })).userId).toBe('ann');
    expect(seen).toEqual(['Bearer ann', 'Bearer ann']);
  });

  it('gives a refused request the same refusal each time it asks', async () => {
    let calls = 0;
    const auth = new OncePerRequest({
      authenticate: async () => {
        calls++;
        throw new Error('no token');
      },
    });
    const headers = {};
    await expect(auth.authenticate(headers)).rejects.toThrow('no token');
    await expect(auth.authenticate(headers)).rejects.toThrow('no token');
    expect(calls).toBe(1);
  });
});
