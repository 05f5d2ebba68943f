import { generateKeyPairSync, sign } from 'node:crypto';
import { createLocalJWKSet } from 'jose';
import { DevAuthenticator, EntraAuthenticator } from '../../src/api/authenticate';

const CLIENT_ID = '22222222-0000-0000-0000-000000000001';
const TENANT = '33333333-0000-0000-0000-000000000001';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

function token(over: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: 'k' });
  const body = b64({ iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, aud: CLIENT_ID, tid: TENANT, oid: 'oid-1', scp: 'access_as_user', iat: now - 60, nbf: now - 60, exp: now + 3600, ...over });
  return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), keys.privateKey).toString('base64url')}`;
}

describe('what a zone may be restricted to: the groups and app roles a token carries', () => {
  const entra = new EntraAuthenticator({
    clientId: CLIENT_ID,
    allowedTenantIds: [TENANT],
    jwks: createLocalJWKSet({ keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kty: 'RSA', kid: 'k', alg: 'RS256', use: 'sig' }] }),
  });

  it('takes Entra group ids and every app-role value, keeping Seatwise roles as roles', async () => {
    const caller = await entra.authenticate({ authorization: `Bearer ${token({ roles: ['Admin', 'Facilities.Quiet'], groups: ['0f1e2d3c-0000-0000-0000-000000000001', 42, ''] })}` });
    expect(caller.roles).toEqual(['admin']);
    expect(caller.groups).toEqual(['0f1e2d3c-0000-0000-0000-000000000001', 'Admin', 'Facilities.Quiet']);
  });

  it('gives no groups to a token without any (e.g. an overage token)', async () => {
    const caller = await entra.authenticate({ authorization: `Bearer ${token({ _claim_names: { groups: 'src1' } })}` });
    expect(caller.groups).toBeUndefined();
  });

  it('reads x-dev-groups and x-dev-roles in development', async () => {
    const caller = await new DevAuthenticator().authenticate({ 'x-dev-user': 'ann', 'x-dev-groups': 'focus, team-b', 'x-dev-roles': 'tracer' });
    expect(caller).toMatchObject({ userId: 'ann', roles: ['tracer'], groups: ['focus', 'team-b', 'tracer'] });
  });
});
