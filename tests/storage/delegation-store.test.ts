import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableDelegationStore } from '../../src/storage/table-delegation-store';
import type { TableGateway } from '../../src/storage/table-gateway';
import { testConnectionString, uniqueTableName } from '../support/azurite';

// Teams ids hold characters that table keys forbid; the store must encode them and give them back as they were.
const OWNER = '29:1a2b/c#d?e';
const DELEGATE = 'assistant@contoso.com';

describe.each([
  ['in memory', () => new InMemoryTableGateway() as TableGateway],
  ['on Azurite', () => new AzureTableGateway({ kind: 'connection-string', connectionString: testConnectionString() }) as TableGateway],
])('the delegation store %s', (_name, gateway) => {
  async function store(): Promise<TableDelegationStore> {
    const s = new TableDelegationStore(gateway(), uniqueTableName('dlg'));
    await s.init();
    return s;
  }

  it('grants, lists both ways, keeps the first date when granted again, and revokes', async () => {
    const s = await store();
    const first = await s.grant({ ownerId: OWNER, ownerName: 'Olivia', delegateId: DELEGATE, delegateName: 'Dan', grantedAt: '2026-12-01T08:00:00.000Z' });
    expect(first.created).toBe(true);
    const again = await s.grant({ ownerId: OWNER, ownerName: 'Olivia O.', delegateId: DELEGATE, grantedAt: '2026-12-02T08:00:00.000Z' });
    expect(again).toEqual({ created: false, delegation: { ownerId: OWNER, ownerName: 'Olivia O.', delegateId: DELEGATE, grantedAt: '2026-12-01T08:00:00.000Z' } });
    expect(await s.get(OWNER, DELEGATE)).toEqual(again.delegation);
    expect(await s.get(DELEGATE, OWNER)).toBeNull();
    expect(await s.delegatesOf(OWNER)).toEqual([again.delegation]);
    expect(await s.ownersFor(DELEGATE)).toEqual([again.delegation]);
    expect(await s.ownersFor(OWNER)).toEqual([]);

    expect(await s.revoke(OWNER, DELEGATE)).toBe(true);
    expect(await s.revoke(OWNER, DELEGATE)).toBe(false);
    expect(await s.get(OWNER, DELEGATE)).toBeNull();
    expect(await s.delegatesOf(OWNER)).toEqual([]);
    expect(await s.ownersFor(DELEGATE)).toEqual([]);
  });

  it("lists for a delegate only owners whose own row still names them (an index row left by a crash is skipped)", async () => {
    const g = gateway();
    const table = uniqueTableName('dlg');
    const s = new TableDelegationStore(g, table);
    await s.init();
    await s.grant({ ownerId: 'ann', delegateId: DELEGATE, grantedAt: '2026-12-01T08:00:00.000Z' });
    await s.grant({ ownerId: 'bob', delegateId: DELEGATE, grantedAt: '2026-12-01T08:00:00.000Z' });
    // A revoke that stopped after removing Bob's own row, before the index row.
    await g.transact(table, 'owner|bob', [{ kind: 'delete', partitionKey: 'owner|bob', rowKey: DELEGATE, etag: '*' }]);
    expect((await s.ownersFor(DELEGATE)).map((d) => d.ownerId)).toEqual(['ann']);
  });

  it('forgets everything a person gave and was given, on both sides', async () => {
    const s = await store();
    await s.grant({ ownerId: 'ann', delegateId: 'bob', grantedAt: '2026-12-01T08:00:00.000Z' });
    await s.grant({ ownerId: 'carl', delegateId: 'ann', grantedAt: '2026-12-01T08:00:00.000Z' });
    await s.grant({ ownerId: 'carl', delegateId: 'dina', grantedAt: '2026-12-01T08:00:00.000Z' });
    expect(await s.forget('ann')).toBe(2);
    expect(await s.ownersFor('bob')).toEqual([]);
    expect(await s.delegatesOf('ann')).toEqual([]);
    expect(await s.ownersFor('ann')).toEqual([]);
    expect((await s.delegatesOf('carl')).map((d) => d.delegateId)).toEqual(['dina']);
    expect(await s.forget('ann')).toBe(0);
  });
});
