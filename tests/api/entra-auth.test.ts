import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import nock from 'nock';
import { startBotServer, type BotServer } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { inMemoryHarness } from '../support/stores';

const CLIENT_ID = '22222222-0000-0000-0000-000000000001';
const TENANT = '33333333-0000-0000-0000-000000000001';
const OTHER_TENANT = '44444444-0000-0000-0000-000000000001';
const KID = 'tab-key';
const JWKS_HOST = 'https://login.microsoftonline.com';
const JWKS_PATH = '/common/discovery/v2.0/keys';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

function rs256(key: KeyObject, claims: Record<string, unknown>, kid = KID): string {
  const head = b64({ alg: 'RS256', typ: 'JWT', kid });
  const body = b64(claims);
  return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), key).toString('base64url')}`;
}

function claims(over: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const tid = (over['tid'] as string | undefined) ?? TENANT;
  return {
    iss: `https://login.microsoftonline.com/${tid}/v2.0`,
    aud: CLIENT_ID,
    tid,
    oid: 'aaaaaaaa-0000-0000-0000-00000000a11c',
    name: 'Alice Martin',
    scp: 'access_as_user',
    roles: ['Admin'],
    iat: now - 60,
    nbf: now - 60,
    exp: now + 3600,
    ...over,
  };
}

describe('Entra ID SSO tokens on the REST API (checked with jose against the tenant allow-list)', () => {
  let api: BotServer;
  beforeAll(async () => {
    // nock stands in for Microsoft's key set, which cannot be reached from here; the keys are made by the test.
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock(JWKS_HOST)
      .persist()
      .get(JWKS_PATH)
      .reply(200, { keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' }] });
    api = await startBotServer(await inMemoryHarness(), [gridCatalog()], '2026-12-01T08:00:00Z', '', {
      authMode: 'entra',
      aadClientId: CLIENT_ID,
      allowedTenantIds: [TENANT],
    });
  });
  afterAll(async () => {
    await api.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const me = async (token?: string) => {
    const res = await fetch(`${api.url}/api/me`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('accepts a good token and takes the user from oid and the roles from the token', async () => {
    const r = await me(rs256(keys.privateKey, claims()));
    expect(r).toEqual({ status: 200, body: { id: 'aaaaaaaa-0000-0000-0000-00000000a11c', name: 'Alice Martin', roles: ['admin'], locale: 'en' } });
  });

  it('accepts a version 1 token for the Application ID URI', async () => {
    const r = await me(rs256(keys.privateKey, claims({ aud: `api://seatwise.example/${CLIENT_ID}`, iss: `https://sts.windows.net/${TENANT}/` })));
    expect(r.status).toBe(200);
  });

  const hs256WithPublicKey = (): string => {
    const head = b64({ alg: 'HS256', typ: 'JWT', kid: KID });
    const body = b64(claims());
    const secret = keys.publicKey.export({ format: 'pem', type: 'spki' });
    return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
  };

  it.each([
    ['no token', () => undefined, 401],
    ['an empty bearer', () => '', 401],
    ['a wrong audience', () => rs256(keys.privateKey, claims({ aud: 'another-app' })), 401],
    ['a wrong tenant', () => rs256(keys.privateKey, claims({ tid: OTHER_TENANT })), 403],
    ['an issuer of another tenant', () => rs256(keys.privateKey, claims({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` })), 401],
    ['an expired token', () => rs256(keys.privateKey, claims({ exp: Math.floor(Date.now() / 1000) - 3600 })), 401],
    ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`, 401],
    ['HS256 signed with the public key', hs256WithPublicKey, 401],
    ['a token signed by another key', () => rs256(other.privateKey, claims()), 401],
    ['a token without the access_as_user scope', () => rs256(keys.privateKey, claims({ scp: 'User.Read' })), 403],
    ['a token without oid', () => rs256(keys.privateKey, claims({ oid: undefined })), 401],
    ['garbage', () => 'not.a.token', 401],
  ])('refuses %s', async (_name, token, status) => {
    const r = await me(token());
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', message: expect.any(String) });
  });

  it.each([
    ['a token of a tenant not on the list', () => rs256(keys.privateKey, claims({ tid: OTHER_TENANT })), 'fr-BE', 403, "Votre organisation n'est pas autorisée à utiliser ce Seatwise."],
    ['a token without the scope', () => rs256(keys.privateKey, claims({ scp: 'User.Read' })), 'de', 403, 'Ihre Anmeldung gewährt keinen Zugriff auf Seatwise (die Berechtigung access_as_user fehlt). Bitte melden Sie sich erneut an.'],
    ['a forged signature', () => rs256(other.privateKey, claims()), 'nl', 401, 'U bent niet aangemeld of uw sessie is verlopen. Meld u opnieuw aan.'],
    ['no token', () => undefined, 'nl-BE', 401, 'U bent niet aangemeld of uw sessie is verlopen. Meld u opnieuw aan.'],
  ])('answers %s in the caller’s language, without the token library’s words', async (_name, token, lang, status, message) => {
    const t = token();
    const res = await fetch(`${api.url}/api/me`, { headers: { 'accept-language': lang, ...(t !== undefined && { authorization: `Bearer ${t}` }) } });
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', message: message.replace(/ ([;:!?])/g, '\u00a0$1') });
  });

  it('ignores the dev header when Entra is on', async () => {
    const res = await fetch(`${api.url}/api/me`, { headers: { 'x-dev-user': 'alice' } });
    expect(res.status).toBe(401);
  });
});
