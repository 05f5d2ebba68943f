import { messageActivity, ALICE, startBotServer, type BotServer } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { inMemoryHarness } from '../support/stores';

// Wording zod (or any validator) uses for developers; none of it may reach a caller.
const ZOD_WORDING = /Expected|Received|Unrecognized|Invalid input|must be 1 to|regex|received|string|number/;

interface Reply {
  status: number;
  body: { code: string; message: string; field?: string };
}

async function send(url: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const res = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined && { body }) });
  return { status: res.status, body: (await res.json()) as Reply['body'] };
}

describe('API errors speak the caller’s language and never echo validator internals (dev mode)', () => {
  let api: BotServer;
  beforeAll(async () => {
    api = await startBotServer(await inMemoryHarness(), [gridCatalog()], '2026-12-01T08:00:00Z');
  });
  afterAll(() => api.close());

  const json = (lang: string) => ({ 'x-dev-user': 'alice', 'content-type': 'application/json', 'accept-language': lang });

  it('answers a missing dev identity with 401 in French', async () => {
    const r = await send(api.url, 'GET', '/api/me', { 'accept-language': 'fr-BE,fr;q=0.9' });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ code: 'UNAUTHENTICATED', message: 'En développement, envoyez l’en-tête x-dev-user\u00a0: 1 à 128 lettres, chiffres ou . _\u00a0: @ -.'.replace('’', "'") });
  });

  it('answers a malformed dev identity with 401 in German', async () => {
    const r = await send(api.url, 'GET', '/api/me', { 'x-dev-user': 'a b/c', 'accept-language': 'de-DE' });
    expect(r.status).toBe(401);
    expect(r.body.message).toMatch(/^Senden Sie in der Entwicklung den Header x-dev-user/);
  });

  it('answers a body that is too large with 413 in Dutch', async () => {
    const r = await send(api.url, 'POST', '/api/bookings', json('nl-BE'), JSON.stringify({ deskId: 'f1-0-0', date: '2026-12-03', pad: 'x'.repeat(20_000) }));
    expect(r).toEqual({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: 'De aanvraag is te groot: hoogstens 16.384 bytes worden aanvaard.' } });
  });

  it('answers a body that is not JSON with 415 in German', async () => {
    const r = await send(api.url, 'POST', '/api/bookings', { ...json('de'), 'content-type': 'text/plain' }, 'deskId=f1-0-0');
    expect(r).toEqual({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Senden Sie den Inhalt der Anfrage als JSON (Content-Type: application/json).' } });
  });

  it.each([
    ['an unknown field', { deskId: 'f1-0-0', date: '2026-12-03', userId: 'bob' }, 'userId', /het veld "userId" wordt niet verwacht/],
    ['a 10,000-character id', { deskId: 'x'.repeat(10_000), date: '2026-12-03' }, 'deskId', /het veld "deskId" ontbreekt of is ongeldig/],
    ['a number as the date', { deskId: 'f1-0-0', date: 42 }, 'date', /het veld "date" ontbreekt of is ongeldig/],
    ['no desk', { date: '2026-12-03' }, 'deskId', /het veld "deskId" ontbreekt of is ongeldig/],
    ['a __proto__ key', JSON.parse('{"deskId":"f1-0-0","date":"2026-12-03","__proto__":{"admin":true}}'), '__proto__', /het veld "__proto__" wordt niet verwacht/],
  ])('answers %s with 400 naming the field, in Dutch, without zod’s words', async (_name, body, field, sentence) => {
    const r = await send(api.url, 'POST', '/api/bookings', json('nl'), JSON.stringify(body));
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('INVALID_INPUT');
    expect(r.body.field).toBe(field);
    expect(r.body.message).toMatch(/^De aanvraag is ongeldig: /);
    expect(r.body.message).toMatch(sentence);
    expect(r.body.message).not.toMatch(ZOD_WORDING);
    expect(r.body.message).not.toContain('xxxxxxxx');
  });

  it('answers a bad query date with 400 naming the field, in French', async () => {
    const r = await send(api.url, 'GET', '/api/bookings?from=yesterday', { 'x-dev-user': 'alice', 'accept-language': 'fr' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'INVALID_INPUT', field: 'from' });
    expect(r.body.message).toMatch(/le champ « from » est absent ou non valide/);
    expect(r.body.message).not.toMatch(/YYYY/);
  });

  describe('at /api/messages too', () => {
    const post = (body: string, headers: Record<string, string>) => send(api.url, 'POST', '/api/messages', headers, body);

    it('answers 415 and 413 in the Accept-Language of the request', async () => {
      expect(await post('hello', { 'content-type': 'text/plain', 'accept-language': 'fr' })).toEqual({
        status: 415,
        body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Envoyez le corps de la demande en JSON (Content-Type: application/json).' },
      });
      const huge = await post(JSON.stringify({ ...messageActivity(ALICE, 'hi'), text: 'x'.repeat(400_000) }), { 'content-type': 'application/json', 'accept-language': 'de' });
      expect(huge).toEqual({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: 'Die Anfrage ist zu groß: höchstens 262.144 Bytes werden angenommen.' } });
    });

    it('names the field of a malformed activity, not zod’s words', async () => {
      const r = await post(JSON.stringify({ ...messageActivity(ALICE, 'hi'), from: 'alice' }), { 'content-type': 'application/json' });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ code: 'INVALID_ACTIVITY', message: 'The request is not valid: the field "from" is missing or not valid', field: 'from' });
    });
  });
});
