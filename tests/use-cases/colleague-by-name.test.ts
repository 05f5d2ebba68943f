import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableDelegationStore } from '../../src/storage/table-delegation-store';
import { findColleague, foldName, namesColleague } from '../../src/use-cases/colleague-by-name';

const DAN = { userId: 'dan', name: 'Dan', roles: [] };

describe('which colleague a name in a chat message means', () => {
  it('matches whole words in order, whatever the case and accents: first name, surname or full name', () => {
    expect(namesColleague('ann', 'Ann Peeters')).toBe(true);
    expect(namesColleague('PEETERS', 'Ann Peeters')).toBe(true);
    expect(namesColleague('ann peeters', 'Ann Peeters')).toBe(true);
    expect(namesColleague('anais', 'Anaïs Lefèvre')).toBe(true);
    expect(namesColleague('Jürgen', 'jurgen Maier')).toBe(true);
    expect(namesColleague('anne-marie', 'Anne-Marie Dubois')).toBe(true);
  });

  it('never matches part of a word, words out of order, or more words than the name has', () => {
    expect(namesColleague('an', 'Ann Peeters')).toBe(false);
    expect(namesColleague('ann p', 'Ann Peeters')).toBe(false);
    expect(namesColleague('peeters ann', 'Ann Peeters')).toBe(false);
    expect(namesColleague('ann peeters jr', 'Ann Peeters')).toBe(false);
    expect(namesColleague('', 'Ann Peeters')).toBe(false);
  });

  it('folds ß, accents and punctuation alike on both sides', () => {
    expect(foldName('  Strauß, Émile ')).toBe('strauss emile');
  });

  describe('among the people who let the caller book for them', () => {
    async function store(...owners: Array<[string, string | undefined]>): Promise<TableDelegationStore> {
      const s = new TableDelegationStore(new InMemoryTableGateway(), 'dlg');
      await s.init();
      for (const [ownerId, ownerName] of owners) await s.grant({ ownerId, ...(ownerName !== undefined && { ownerName }), delegateId: 'dan', grantedAt: '2026-12-01T08:00:00.000Z' });
      return s;
    }

    it('finds the one colleague of that name', async () => {
      const delegations = await store(['ann', 'Ann Peeters'], ['carl', 'Carl Janssens']);
      expect(await findColleague({ delegations }, DAN, 'Ann')).toEqual({ kind: 'one', colleague: { id: 'ann', name: 'Ann Peeters' } });
    });

    it('returns every colleague of the name when there are several, so that the bot asks', async () => {
      const delegations = await store(['ann2', 'Ann Smith'], ['ann', 'Ann Peeters']);
      expect(await findColleague({ delegations }, DAN, 'ann')).toEqual({
        kind: 'several',
        colleagues: [
          { id: 'ann', name: 'Ann Peeters' },
          { id: 'ann2', name: 'Ann Smith' },
        ],
      });
    });

    it('finds nobody who did not delegate to the caller, and says whom the caller may book for', async () => {
      const delegations = await store(['ann', 'Ann Peeters']);
      await delegations.grant({ ownerId: 'bob', ownerName: 'Bob Stone', delegateId: 'eve', grantedAt: '2026-12-01T08:00:00.000Z' });
      expect(await findColleague({ delegations }, DAN, 'Bob')).toEqual({ kind: 'none', canBookFor: [{ id: 'ann', name: 'Ann Peeters' }] });
      expect(await findColleague({ delegations }, { userId: 'zoe', roles: [] }, 'Ann')).toEqual({ kind: 'none', canBookFor: [] });
    });

    it('reads the name out of the id of a colleague who gave none', async () => {
      const delegations = await store(['ann.peeters@contoso.com', undefined]);
      expect(await findColleague({ delegations }, DAN, 'Peeters')).toEqual({ kind: 'one', colleague: { id: 'ann.peeters@contoso.com', name: 'ann.peeters@contoso.com' } });
    });
  });
});
