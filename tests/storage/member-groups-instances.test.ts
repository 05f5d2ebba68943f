import { MEMBER_GROUPS_TRUST_MS, TableMemberGroups } from '../../src/storage/table-member-groups';
import { uniqueTableName } from '../support/azurite';
import { fixedClock } from '../support/builders';
import { azuriteHarness } from '../support/stores';

// Two server instances each keep their own TableMemberGroups over one table in Azurite, as a deployment does.
describe('the groups a person is remembered with, across two instances', () => {
  it('are saved again by the other instance after an erasure, once its memory of them is past trusting', async () => {
    const h = await azuriteHarness();
    const table = uniqueTableName('members');
    const clock = fixedClock('2026-12-01T08:00:00Z');
    const a = new TableMemberGroups(h.gateway, table, clock);
    const b = new TableMemberGroups(h.gateway, table, clock);
    await a.init();

    await a.remember('alice', ['finance']);
    await b.remember('alice', ['finance']);
    expect(await a.forget('alice')).toBe(true);
    expect(await b.describe('alice')).toBeNull();

    // Instance B saw the same groups a moment ago: it does not write them again at once.
    clock.advance(1_000);
    await b.remember('alice', ['finance']);
    expect(await a.describe('alice')).toBeNull();

    // Later on, alice's next request through B stores her groups again, so zone restrictions know her.
    clock.advance(MEMBER_GROUPS_TRUST_MS);
    await b.remember('alice', ['finance']);
    expect(await a.describe('alice')).toEqual({ groups: ['finance'], seenAt: '2026-12-01T08:05:01.000Z' });
  });

  it('writes a changed set of groups at once, whatever it remembers', async () => {
    const h = await azuriteHarness();
    const table = uniqueTableName('members');
    const clock = fixedClock('2026-12-01T08:00:00Z');
    const a = new TableMemberGroups(h.gateway, table, clock);
    await a.init();
    await a.remember('bob', ['hr']);
    await a.remember('bob', ['hr', 'ict']);
    expect((await a.groupsOf(['bob'])).get('bob')).toEqual(['hr', 'ict']);
  });
});
