import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import nock from 'nock';
import { ALICE, cardsOf, messageActivity, post, SERVICE_URL, startBotServer, type BotServer } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { inMemoryHarness } from '../support/stores';

const BOT_ID = '11111111-2222-3333-4444-555555555555';
const KID = 'test-key-1';

function b64(o: unknown): string {
  return Buffer.from(JSON.stringify(o)).toString('base64url');
}

function jwt(key: KeyObject, claims: Record<string, unknown>, kid = KID): string {
  const head = b64({ alg: 'RS256', typ: 'JWT', kid });
  const body = b64(claims);
  return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), key).toString('base64url')}`;
}

function claims(over: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: 'https://api.botframework.com', aud: BOT_ID, nbf: now - 60, exp: now + 600, serviceurl: SERVICE_URL, ...over };
}

describe('with BOT_ID set, /api/messages only takes activities signed by the Bot Framework', () => {
  let bot: BotServer;
  const channelKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    // nock stands in for the Bot Framework's OpenID metadata and signing keys, which cannot be reached from here.
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock('https://login.botframework.com')
      .persist()
      .get('/v1/.well-known/openidconfiguration')
      .reply(200, { issuer: 'https://api.botframework.com', jwks_uri: 'https://login.botframework.com/v1/.well-known/keys', id_token_signing_alg_values_supported: ['RS256'] })
      .get('/v1/.well-known/keys')
      .reply(200, { keys: [{ ...channelKeys.publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', endorsements: ['msteams'] }] });
    bot = await startBotServer(await inMemoryHarness(), [gridCatalog()], '2026-12-01T08:00:00Z', BOT_ID);
  });
  afterAll(async () => {
    await bot.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const send = (token: string | undefined) =>
    post(bot.url, messageActivity(ALICE, 'book a desk Thursday'), {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    });

  it('takes an activity signed with the channel key, for this bot', async () => {
    const res = await send(jwt(channelKeys.privateKey, claims()));
    expect(res.status).toBe(200);
    expect(cardsOf(res.json)).toHaveLength(1);
  });

  it.each([
    ['no token', () => undefined],
    ['a token signed with another key', () => jwt(otherKeys.privateKey, claims())],
    ['a token for another bot', () => jwt(channelKeys.privateKey, claims({ aud: 'another-bot' }))],
    ['an expired token', () => jwt(channelKeys.privateKey, claims({ exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 }))],
    ['a token of another issuer', () => jwt(channelKeys.privateKey, claims({ iss: 'https://evil.example' }))],
    ['a token with alg none', () => `${b64({ alg: 'none', typ: 'JWT', kid: KID })}.${b64(claims())}.`],
    ['a token for another service URL', () => jwt(channelKeys.privateKey, claims({ serviceurl: 'https://evil.example/' }))],
  ])('refuses %s with 401 and does not act on it', async (_name, token) => {
    const res = await send(token());
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(/AdaptiveCard/);
  });
});
