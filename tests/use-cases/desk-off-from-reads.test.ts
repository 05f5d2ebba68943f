import { CatalogIndex } from '../../src/use-cases/catalog-index';
import { floorHeadcount } from '../../src/use-cases/floor-headcount';
import { countDay } from '../../src/use-cases/occupancy-report';
import { anActor, gridCatalog } from '../support/builders';

// The reads that count desks by their mode take the mode of the day: a desk the safe-headcount plan switches off from
// Friday counts as bookable on Thursday and not from Friday on.
const THURSDAY = '2026-12-03';
const FRIDAY = '2026-12-04';

// One zone of 4 × 5 desks 2 m apart (D 1.5 m: all can be used at once), capacity 50 %; half switch off from Friday.
const base = gridCatalog({ zones: 1, cols: 4, rows: 5, pitch: 2, policy: { zoneCapacity: { kind: 'percent', value: 50 }, minDistanceM: 1.5 } });
const catalog = { ...base, desks: base.desks.map((d, i) => (i % 2 === 1 ? { ...d, offFrom: FRIDAY } : d)) };
const index = new CatalogIndex([catalog]);

describe('reads of a floor with desks switched off from a date', () => {
  it('the occupancy report gives the zone the capacity of the day: 50 % of 20 desks, then of 10', () => {
    expect(countDay(index, catalog, THURSDAY, []).map((r) => r.capacity)).toEqual([10]);
    expect(countDay(index, catalog, FRIDAY, []).map((r) => r.capacity)).toEqual([5]);
  });

  it('the safe headcount counts the desks of the day', async () => {
    const deps = { catalog: { current: async () => index } };
    const on = async (date: string) => {
      const r = await floorHeadcount(deps, { actor: anActor('fm', { roles: ['admin'] }), floorId: 'f1', date });
      if (!r?.ok) throw new Error('expected a headcount');
      return r.value.count;
    };
    expect(await on(THURSDAY)).toBe(20);
    expect(await on(FRIDAY)).toBe(10);
  });
});
