import pino from 'pino';
import { RememberingAuthenticator } from '../../src/api/remembering-authenticator';
import { MEMBERS_PARTITION, TableMemberGroups } from '../../src/storage/table-member-groups';
import type { TableGateway, TableOperation } from '../../src/storage/table-gateway';
import { uniqueTableName } from '../support/azurite';
import { fixedClock } from '../support/builders';
import { azuriteHarness } from '../support/stores';

/** The real Azurite gateway, with its writes counted (and, when asked, held until released). */
function watched(inner: TableGateway): { gateway: TableGateway; writes: TableOperation[][]; hold: () => () => void } {
  const writes: TableOperation[][] = [];
  let gate: Promise<void> | undefined;
  const gateway: TableGateway = Object.create(inner) as TableGateway;
  gateway.transact = async (table, pk, ops) => {
    writes.push([...ops]);
    if (gate) await gate;
    return inner.transact(table, pk, ops);
  };
  const hold = (): (() => void) => {
    let release!: () => void;
    gate = new Promise((r) => (release = r));
    return () => {
      gate = undefined;
      release();
    };
  };
  return { gateway, writes, hold };
}

describe('the groups people are remembered with are written in batches', () => {
  it('writes 60 people arriving together in one batch, and each is read back', async () => {
    const h = await azuriteHarness();
    const { gateway, writes } = watched(h.gateway);
    const members = new TableMemberGroups(gateway, uniqueTableName('members'), fixedClock('2026-12-01T08:00:00Z'));
    await members.init();
    const people = Array.from({ length: 60 }, (_, i) => `person-${i}`);
    await Promise.all(people.map((p, i) => members.remember(p, i % 2 === 0 ? ['finance'] : [])));

    // The first arrival goes out alone (nothing was waiting); the 59 others wait for the next batch together.
    expect(writes.length).toBeLessThanOrEqual(2);
    expect(writes.flat()).toHaveLength(60);
    const known = await members.groupsOf(people);
    expect(known.size).toBe(60);
    expect(known.get('person-0')).toEqual(['finance']);
    expect(known.get('person-1')).toEqual([]);
    // Over 24 people are read in one query of the shared partition; a few by point reads: both give the same.
    expect(await members.groupsOf(['person-2', 'person-3'])).toEqual(new Map([['person-2', ['finance']], ['person-3', []]]));
  });

  it('an erasure drops a queued write, so the batch cannot bring the row back', async () => {
    const h = await azuriteHarness();
    const { gateway, hold } = watched(h.gateway);
    const members = new TableMemberGroups(gateway, uniqueTableName('members'), fixedClock('2026-12-01T08:00:00Z'));
    await members.init();
    await members.remember('first', ['x']);
    // Bob's write waits behind a batch still on its way.
    const release = hold();
    const carol = members.remember('carol', ['y']);
    await new Promise((r) => setTimeout(r, 250));
    const bob = members.remember('bob', ['finance']);
    const erased = members.forget('bob');
    release();
    await Promise.all([carol, bob]);
    expect(await erased).toBe(false);
    await members.flush();
    expect(await members.describe('bob')).toBeNull();
    expect(await members.describe('carol')).toEqual({ groups: ['y'], seenAt: '2026-12-01T08:00:00.000Z' });
  });

  it('an erasure waits for a batch in flight that holds the person, then deletes the row', async () => {
    const h = await azuriteHarness();
    const { gateway, hold } = watched(h.gateway);
    const members = new TableMemberGroups(gateway, uniqueTableName('members'), fixedClock('2026-12-01T08:00:00Z'));
    await members.init();
    const release = hold();
    const dan = members.remember('dan', ['hr']);
    await new Promise((r) => setTimeout(r, 20));
    const erased = members.forget('dan');
    release();
    await dan;
    expect(await erased).toBe(true);
    expect(await members.describe('dan')).toBeNull();
  });

  it('a newer set of groups queued over an older one is what is stored, and both callers are answered', async () => {
    const h = await azuriteHarness();
    const members = new TableMemberGroups(h.gateway, uniqueTableName('members'), fixedClock('2026-12-01T08:00:00Z'));
    await members.init();
    await members.remember('warm-up', []);
    const older = members.remember('eve', ['a']);
    const newer = members.remember('eve', ['a', 'b']);
    await Promise.all([older, newer]);
    expect((await members.groupsOf(['eve'])).get('eve')).toEqual(['a', 'b']);
  });

  it('moves rows of the one-partition-per-person layout at start, without overwriting a newer row', async () => {
    const h = await azuriteHarness();
    const table = uniqueTableName('members');
    await h.gateway.ensureTables([table]);
    const oldRow = (userId: string, groups: string[], seenAt: string) => ({
      kind: 'create' as const,
      entity: { partitionKey: `member|${userId}`, rowKey: 'groups', userId, groups: JSON.stringify(groups), seenAt },
    });
    await h.gateway.transact(table, 'member|fay', [oldRow('fay', ['legal'], '2026-11-01T08:00:00.000Z')]);
    await h.gateway.transact(table, 'member|gus', [oldRow('gus', ['old'], '2026-11-01T08:00:00.000Z')]);
    // Gus was seen since by an instance already on the new layout.
    await h.gateway.transact(table, MEMBERS_PARTITION, [
      { kind: 'create', entity: { partitionKey: MEMBERS_PARTITION, rowKey: 'gus', userId: 'gus', groups: '["new"]', seenAt: '2026-12-01T07:00:00.000Z' } },
    ]);

    const members = new TableMemberGroups(h.gateway, table, fixedClock('2026-12-01T08:00:00Z'));
    await members.init();
    expect(await members.describe('fay')).toEqual({ groups: ['legal'], seenAt: '2026-11-01T08:00:00.000Z' });
    expect((await members.groupsOf(['gus'])).get('gus')).toEqual(['new']);
    expect(await h.gateway.get(table, 'member|fay', 'groups')).toBeNull();
    expect(await h.gateway.get(table, 'member|gus', 'groups')).toBeNull();
    // An erasure after the move leaves nothing in either layout.
    expect(await members.forget('fay')).toBe(true);
    expect((await h.gateway.queryTable(table)).map((r) => r.entity.rowKey)).toEqual(['gus']);
  });

  it('the API answers without waiting for the write, and a failed write is logged, not refused', async () => {
    const h = await azuriteHarness();
    const { gateway, hold } = watched(h.gateway);
    const members = new TableMemberGroups(gateway, uniqueTableName('members'), fixedClock('2026-12-01T08:00:00Z'));
    await members.init();
    const lines: string[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
    const auth = new RememberingAuthenticator({ authenticate: async () => ({ userId: 'hal', roles: [], groups: ['ops'] }) }, members, log);
    const release = hold();
    const caller = await auth.authenticate({});
    expect(caller.userId).toBe('hal');
    release();
    await members.flush();
    expect(await members.describe('hal')).toEqual({ groups: ['ops'], seenAt: '2026-12-01T08:00:00.000Z' });

    const failing = new TableMemberGroups({ ...h.gateway, transact: async () => Promise.reject(new Error('storage down')) } as unknown as TableGateway, 'unused');
    const auth2 = new RememberingAuthenticator({ authenticate: async () => ({ userId: 'ivy', roles: [] }) }, failing, log);
    expect((await auth2.authenticate({})).userId).toBe('ivy');
    await failing.flush();
    await new Promise((r) => setImmediate(r));
    expect(lines.join('')).toContain('could not remember the caller groups');
  });
});
