import { canGrant, cleanPersonName, mayBookFor } from '../../src/domain/delegation';

const dan = { userId: 'dan', roles: [] as const };
const admin = { userId: 'fm', roles: ['admin'] as const };
const reports = { userId: 'rita', roles: ['reports'] as const };

describe('who may book for whom', () => {
  it.each([
    ['oneself', dan, 'dan', false, 'self'],
    ['a colleague who named them', dan, 'ann', true, 'delegate'],
    ['a colleague who did not', dan, 'ann', false, 'refused'],
    ['anyone, as an admin', admin, 'ann', false, 'admin'],
    ['nobody else, with another role', reports, 'ann', false, 'refused'],
  ] as const)('%s', (_name, actor, forPersonId, delegated, verdict) => {
    expect(mayBookFor(actor, forPersonId, delegated)).toBe(verdict);
  });

  it('refuses a delegate who is oneself or not a person id, and keeps names short and printable', () => {
    expect(canGrant('ann', 'ann')).toBe(false);
    expect(canGrant('ann', 'a b')).toBe(false);
    expect(canGrant('ann', 'dan@contoso.com')).toBe(true);
    expect(cleanPersonName('  Dan\u0000 D.\n ')).toBe('Dan D.');
    expect(cleanPersonName('   ')).toBeUndefined();
    expect(cleanPersonName('x'.repeat(300))).toHaveLength(100);
  });
});
