import { generateKeyPairSync, sign } from 'node:crypto';
import { createLocalJWKSet } from 'jose';
import nock from 'nock';
import { EntraAuthenticator } from '../../src/api/authenticate';
import { GraphGroupDirectory } from '../../src/api/graph-group-directory';
import { startBotServer, type BotServer } from '../support/bot-harness';
import { fixedClock, gridCatalog } from '../support/builders';
import { inMemoryHarness } from '../support/stores';

// Entra leaves `groups` out of a token whose user is in too many groups; nock stands in for Microsoft's sign-in
// (client credentials) and Graph (getMemberGroups), which cannot be reached from here.
const CLIENT_ID = '22222222-0000-0000-0000-000000000001';
const TENANT = '33333333-0000-0000-0000-000000000001';
const OID = 'aaaaaaaa-0000-0000-0000-00000000a11c';
const QUIET = '0f1e2d3c-0000-0000-0000-000000000042';
const LOGIN = 'https://login.microsoftonline.com';
const GRAPH = 'https://graph.microsoft.com';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...keys.publicKey.export({ format: 'jwk' }), kty: 'RSA', kid: 'k', alg: 'RS256', use: 'sig' };
const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

function token(over: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: 'k' });
  const body = b64({ iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, aud: CLIENT_ID, tid: TENANT, oid: OID, scp: 'access_as_user', iat: now - 60, nbf: now - 60, exp: now + 3600, ...over });
  return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), keys.privateKey).toString('base64url')}`;
}
const OVERAGE = { _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: `https://graph.windows.net/${TENANT}/users/${OID}/getMemberObjects` } } };

function tokenEndpoint(times = 1) {
  return nock(LOGIN)
    .post(`/${TENANT}/oauth2/v2.0/token`, (body: Record<string, string>) => body['grant_type'] === 'client_credentials' && body['client_id'] === CLIENT_ID && body['client_secret'] === 'shh' && body['scope'] === `${GRAPH}/.default`)
    .times(times)
    .reply(200, { token_type: 'Bearer', expires_in: 3599, access_token: 'app-token' });
}
function memberGroups(groups: string[], times = 1) {
  return nock(GRAPH, { reqheaders: { authorization: 'Bearer app-token' } })
    .post(`/v1.0/users/${OID}/getMemberGroups`, { securityEnabledOnly: false })
    .times(times)
    .reply(200, { value: groups });
}

describe('the groups overage: a token without its groups has them resolved through Microsoft Graph', () => {
  const warnings: string[] = [];
  const clock = fixedClock('2026-12-01T08:00:00Z');
  const entra = () =>
    new EntraAuthenticator({
      clientId: CLIENT_ID,
      allowedTenantIds: [TENANT],
      jwks: createLocalJWKSet({ keys: [jwk] }),
      directory: new GraphGroupDirectory({ clientId: CLIENT_ID, clientSecret: 'shh', clock, log: { warn: (_o, msg) => warnings.push(String(msg)) } }),
    });
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    warnings.length = 0;
  });
  afterAll(() => nock.enableNetConnect());

  it('asks Graph for a v2 token with _claim_names, once, and keeps the answer for the next requests', async () => {
    const auth = entra();
    const calls = [tokenEndpoint(), memberGroups([QUIET, 'aaaa0000-0000-0000-0000-000000000001'])];
    const first = await auth.authenticate({ authorization: `Bearer ${token({ ...OVERAGE, roles: ['Admin'] })}` });
    expect(first.groups).toEqual([QUIET, 'aaaa0000-0000-0000-0000-000000000001', 'Admin']);
    expect(first.roles).toEqual(['admin']);
    for (const c of calls) expect(c.isDone()).toBe(true);
    // No interceptor is left: a second Graph call would fail and leave the person in no group.
    const again = await auth.authenticate({ authorization: `Bearer ${token(OVERAGE)}` });
    expect(again.groups).toEqual([QUIET, 'aaaa0000-0000-0000-0000-000000000001']);
    expect(warnings).toEqual([]);
  });

  it('asks Graph for a v1 token with hasgroups, and asks again once the kept answer is old', async () => {
    const auth = entra();
    tokenEndpoint();
    memberGroups([QUIET]);
    expect((await auth.authenticate({ authorization: `Bearer ${token({ hasgroups: true })}` })).groups).toEqual([QUIET]);
    clock.advance(16 * 60_000);
    memberGroups([]);
    expect((await auth.authenticate({ authorization: `Bearer ${token({ hasgroups: true })}` })).groups).toBeUndefined();
    expect(nock.isDone()).toBe(true);
  });

  it('does not call Graph for a token that carries its groups', async () => {
    const caller = await entra().authenticate({ authorization: `Bearer ${token({ groups: [QUIET] })}` });
    expect(caller.groups).toEqual([QUIET]);
  });

  it('treats the person as in no group, with a log line, when Graph fails, and does not ask again at once', async () => {
    const auth = entra();
    tokenEndpoint();
    nock(GRAPH).post(`/v1.0/users/${OID}/getMemberGroups`).reply(503, { error: { code: 'serviceNotAvailable' } });
    const caller = await auth.authenticate({ authorization: `Bearer ${token({ ...OVERAGE, roles: ['Facilities.Quiet'] })}` });
    expect(caller.groups).toEqual(['Facilities.Quiet']);
    expect(warnings).toEqual(['groups overage: Microsoft Graph could not give the caller groups; treating them as in no group']);
    expect((await auth.authenticate({ authorization: `Bearer ${token(OVERAGE)}` })).groups).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it('treats the person as in no group when the sign-in refuses the app', async () => {
    nock(LOGIN).post(`/${TENANT}/oauth2/v2.0/token`).reply(401, { error: 'invalid_client' });
    const caller = await entra().authenticate({ authorization: `Bearer ${token(OVERAGE)}` });
    expect(caller.groups).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });
});

describe('the groups overage through the server: a restricted zone lets in a member whose token had too many groups', () => {
  let api: BotServer;
  // Zone f1-z0 is for the Quiet group only.
  const base = gridCatalog({ zones: 2, cols: 2, rows: 2, pitch: 3 });
  const catalog = { ...base, zones: base.zones.map((z) => (z.id === 'f1-z0' ? { ...z, allowedGroups: [QUIET] } : z)) };
  const [desk, other] = catalog.desks.filter((d) => d.zoneId === 'f1-z0').map((d) => d.id);
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock(LOGIN).persist().get('/common/discovery/v2.0/keys').reply(200, { keys: [jwk] });
    api = await startBotServer(await inMemoryHarness(), [catalog], '2026-12-01T08:00:00Z', '', {
      authMode: 'entra',
      aadClientId: CLIENT_ID,
      aadClientSecret: 'shh',
      allowedTenantIds: [TENANT],
    });
  });
  afterAll(async () => {
    await api.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('books the desk for a member found through Graph, and refuses a person Graph finds in other groups', async () => {
    const book = (oid: string, deskId = desk) =>
      fetch(`${api.url}/api/bookings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token({ ...OVERAGE, oid })}`, 'content-type': 'application/json' },
        body: JSON.stringify({ deskId, date: '2026-12-03' }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code?: string } }));
    tokenEndpoint();
    memberGroups([QUIET]);
    expect((await book(OID)).status).toBe(201);
    const outsider = 'bbbbbbbb-0000-0000-0000-00000000b0b0';
    nock(GRAPH).post(`/v1.0/users/${outsider}/getMemberGroups`).reply(200, { value: ['aaaa0000-0000-0000-0000-000000000009'] });
    const refused = await book(outsider, other);
    expect([refused.status, refused.body.code]).toEqual([409, 'DESK_UNAVAILABLE']);
    expect(nock.pendingMocks().filter((m) => !m.includes('discovery'))).toEqual([]);
  });
});
