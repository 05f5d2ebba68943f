import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import nock from 'nock';
import restify from 'restify';
import { SeatwiseAdapter } from '../../src/server/seatwise-adapter';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

function activity(i: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `m-${i}`,
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: `29:user-${i}`, aadObjectId: `user-${i}` },
    recipient: { id: '28:seatwise' },
    conversation: { id: `a:user-${i}`, conversationType: 'personal' },
    text: 'hello',
    deliveryMode: 'expectReplies',
    ...over,
  };
}

/** The clients each turn was given: the adapter's connector client and user-token client, from the turn state. */
describe('the adapter gives every turn the clients it answers with, made once per service URL', () => {
  let server: restify.Server;
  let url: string;
  let adapter: SeatwiseAdapter;
  const seen: { connector: unknown; tokens: unknown }[] = [];

  beforeAll(async () => {
    adapter = new SeatwiseAdapter({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' });
    server = restify.createServer();
    server.post('/api/messages', restify.plugins.bodyParser({ mapParams: false }), async (req: restify.Request, res: restify.Response) => {
      await adapter.process(req, res, async (context: TurnContext) => {
        seen.push({ connector: context.turnState.get(adapter.ConnectorClientKey), tokens: context.turnState.get(adapter.UserTokenClientKey) });
        await context.sendActivity(`echo ${String(context.activity.text)}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  });

  afterAll(async () => {
    nock.cleanAll();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => (seen.length = 0));

  async function send(body: Record<string, unknown>): Promise<Response> {
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  it('shares one connector client and one user-token client between the turns of a service URL', async () => {
    for (let i = 0; i < 3; i++) expect((await send(activity(i))).status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(seen[0]!.connector).toBeDefined();
    expect(seen[0]!.tokens).toBeDefined();
    expect(seen[1]!.connector).toBe(seen[0]!.connector);
    expect(seen[2]!.connector).toBe(seen[0]!.connector);
    expect(seen[2]!.tokens).toBe(seen[0]!.tokens);
  });

  it('gives a turn from another service URL its own connector client, which sends there', async () => {
    await send(activity(1));
    const other = 'https://smba.trafficmanager.net/amer/';
    const posted: string[] = [];
    const scope = nock(other)
      .post(/\/v3\/conversations\/.*\/activities.*/, (body: { text?: string }) => (posted.push(String(body.text)), true))
      .reply(200, { id: 'reply-1' });
    expect((await send(activity(2, { serviceUrl: other, deliveryMode: 'normal' }))).status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.connector).not.toBe(seen[0]!.connector);
    expect(posted).toEqual(['echo hello']);
    scope.done();
  });
});
