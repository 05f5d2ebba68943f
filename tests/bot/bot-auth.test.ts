import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import nock from 'nock';
import {
  ALICE,
  BOB,
  actionsOf,
  cardsOf,
  executeActivity,
  invokeCard,
  messageActivity,
  post,
  SERVICE_URL,
  startBotServer,
  textOf,
  type BotServer,
  type Person,
} from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { inMemoryHarness, type StoreHarness } from '../support/stores';

const BOT_ID = '11111111-2222-3333-4444-555555555555';
const KID = 'test-key-1';
// One channel key for the whole file: botframework-connector caches the signing keys it fetched, per process.
const channelKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });

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

describe('with ALLOWED_TENANT_IDS set, the bot serves only those tenants', () => {
  const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const FOREIGN = 'f0f0f0f0-0000-4000-8000-00000000beef';
  const THURSDAY = '2026-12-03';
  let h: StoreHarness;
  let bot: BotServer;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock('https://login.botframework.com')
      .persist()
      .get('/v1/.well-known/openidconfiguration')
      .reply(200, { issuer: 'https://api.botframework.com', jwks_uri: 'https://login.botframework.com/v1/.well-known/keys', id_token_signing_alg_values_supported: ['RS256'] })
      .get('/v1/.well-known/keys')
      .reply(200, { keys: [{ ...channelKeys.publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', endorsements: ['msteams'] }] });
    h = await inMemoryHarness();
    // The list is written in upper case on purpose: tenant ids are GUIDs and compare without case.
    bot = await startBotServer(h, [gridCatalog()], '2026-12-01T08:00:00Z', BOT_ID, { allowedTenantIds: [TENANT.toUpperCase()] });
  });
  afterAll(async () => {
    await bot.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const signed = () => ({ 'content-type': 'application/json', authorization: `Bearer ${jwt(channelKeys.privateKey, claims())}` });
  const tenantFields = (channel: string | undefined, conversation: string | undefined, person = ALICE) => ({
    conversation: { id: `a:personal-${person.aadObjectId}`, conversationType: 'personal', ...(conversation !== undefined && { tenantId: conversation }) },
    channelData: channel === undefined ? {} : { tenant: { id: channel } },
  });

  async function nothingStoredFor(person: Person): Promise<void> {
    expect(await bot.conversations.get(person.aadObjectId)).toBeNull();
    const booked = await h.reservations.listActiveBookingsOfUser(person.aadObjectId, '2026-12-01', '2026-12-15');
    expect(booked).toEqual([]);
  }

  it('serves a person of an allowed tenant, and keeps their conversation for reminders', async () => {
    const res = await post(bot.url, messageActivity(BOB, 'book a desk Thursday', tenantFields(TENANT, TENANT, BOB)), signed());
    expect(res.status).toBe(200);
    const confirm = actionsOf(cardsOf(res.json)[0]).find((a) => a.verb === 'book.confirm');
    expect(confirm).toBeDefined();
    const booked = await post(bot.url, executeActivity(BOB, confirm!.data, tenantFields(TENANT, TENANT, BOB)), signed());
    expect(textOf(invokeCard(booked.json))).toMatch(/Booked/);
    expect(await h.reservations.listActiveBookingsOfUser(BOB.aadObjectId, THURSDAY, THURSDAY)).toHaveLength(1);
    expect(await bot.conversations.get(BOB.aadObjectId)).not.toBeNull();
  });

  it.each([
    ['a foreign tenant', FOREIGN, FOREIGN],
    ['no tenant at all', undefined, undefined],
    ['an allowed channel tenant in a foreign conversation', TENANT, FOREIGN],
    ['a foreign channel tenant in an allowed conversation', FOREIGN, TENANT],
    ['an empty tenant id', '', ''],
  ])('answers a message from %s with a refusal card in the person’s language, and stores nothing', async (_name, channel, conversation) => {
    const res = await post(bot.url, messageActivity(ALICE, 'réserve un bureau jeudi', { locale: 'fr-BE', ...tenantFields(channel, conversation) }), signed());
    expect(res.status).toBe(200);
    const cards = cardsOf(res.json);
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toMatch(/pas disponible pour votre organisation/);
    expect(actionsOf(cards[0])).toEqual([]);
    await nothingStoredFor(ALICE);
  });

  it('answers a card action from a foreign tenant with the refusal card as its invoke response, and books nothing', async () => {
    const data = { verb: 'book.confirm', deskId: 'f1-0-0', date: THURSDAY, requestId: 'forged-1' };
    const res = await post(bot.url, executeActivity(ALICE, data, { locale: 'de-DE', ...tenantFields(FOREIGN, FOREIGN) }), signed());
    expect(res.status).toBe(200);
    expect(textOf(invokeCard(res.json))).toMatch(/für Ihre Organisation nicht verfügbar/);
    await nothingStoredFor(ALICE);
    expect(await h.reservations.listBookingsOfDay(THURSDAY)).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ deskId: 'f1-0-0', userId: ALICE.aadObjectId })]),
    );
  });

  it('refuses any other invoke from a foreign tenant with 403', async () => {
    const res = await post(bot.url, { ...executeActivity(ALICE, {}, tenantFields(FOREIGN, FOREIGN)), name: 'composeExtension/query', value: {} }, signed());
    expect(res.status).toBe(403);
    await nothingStoredFor(ALICE);
  });

  it('keeps no conversation reference when a foreign tenant installs the bot', async () => {
    const res = await post(
      bot.url,
      {
        ...messageActivity(ALICE, '', tenantFields(FOREIGN, FOREIGN)),
        type: 'conversationUpdate',
        text: undefined,
        membersAdded: [{ id: '28:seatwise-bot' }, { id: `29:${ALICE.aadObjectId}`, aadObjectId: ALICE.aadObjectId }],
      },
      signed(),
    );
    expect(res.status).toBeLessThan(300);
    expect(cardsOf(res.json)).toEqual([]);
    await nothingStoredFor(ALICE);
  });

  it('still checks the token first: a foreign tenant without a valid token gets 401, not a card', async () => {
    const res = await post(bot.url, messageActivity(ALICE, 'book a desk Thursday', tenantFields(FOREIGN, FOREIGN)));
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(/AdaptiveCard/);
  });
});
