import nock from 'nock';
import { TenantGate } from '../../../src/bot/tenant-gate';
import { TeamsNotifier } from '../../../src/bot/proactive/teams-notifier';
import type { ProactiveMessage } from '../../../src/use-cases/reminders/reminder-ports';
import { CapturingLog, mockConnector, referenceFor, stampingTransport } from '../../use-cases/reminders/support/reminder-world';
import { VirtualTime } from '../../use-cases/reminders/support/virtual-time';
import { booking } from './proactive-fixtures';

const reminder: ProactiveMessage = { kind: 'check-in-reminder', booking, desk: { label: '1.03' }, deadline: '10:00' };

function withTenant(userId: string, tenantId: string | undefined): Record<string, unknown> {
  const reference = referenceFor(userId);
  const conversation = { ...(reference['conversation'] as Record<string, unknown>) };
  if (tenantId === undefined) delete conversation['tenantId'];
  else conversation['tenantId'] = tenantId;
  return { ...reference, conversation };
}

describe('proactive messages go only to conversations of allowed tenants', () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  function setUp() {
    const vt = new VirtualTime('2026-10-25T07:30:00Z');
    const connector = mockConnector(vt);
    const gate = new TenantGate(['tenant-1']);
    const notifier = new TeamsNotifier({
      transport: stampingTransport(vt),
      log: new CapturingLog(),
      clock: vt.clock,
      time: vt.time,
      random: () => 0.5,
      allowsTenant: (id) => gate.allowsTenant(id),
    });
    return { connector, notifier };
  }

  it('sends a reminder to a conversation of an allowed tenant', async () => {
    const { connector, notifier } = setUp();
    const outcome = await notifier.send({ userId: 'alice', reference: withTenant('alice', 'TENANT-1') }, reminder, { budgetMs: 60_000 });
    expect(outcome.status).toBe('sent');
    expect(connector.requests).toHaveLength(1);
  });

  it.each([
    ['a foreign tenant', 'tenant-evil'],
    ['no tenant', undefined],
  ])('sends nothing to a conversation of %s, saved before the allow-list was set', async (_name, tenantId) => {
    const { connector, notifier } = setUp();
    const outcome = await notifier.send({ userId: 'mallory', reference: withTenant('mallory', tenantId) }, reminder, { budgetMs: 60_000 });
    expect(outcome).toMatchObject({ status: 'rejected', attempts: 0 });
    expect(connector.requests).toHaveLength(0);
    expect(notifier.metrics().requests).toBe(0);
  });
});
