import { TableFavouritesStore } from '../../src/storage/table-favourites-store';
import { addFavourite, MAX_FAVOURITES } from '../../src/use-cases/favourites';
import { uniqueTableName } from '../support/azurite';
import { anActor, fixedClock, gridCatalog } from '../support/builders';
import { azuriteHarness, bookingDeps } from '../support/stores';

const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1 });

describe('the cap of 10 favourites holds when several tabs add at once (on Azurite)', () => {
  it('from 8 favourites, of six adds racing two land and four are refused, round after round', async () => {
    const h = await azuriteHarness();
    const clock = fixedClock('2026-12-01T08:00:00Z');
    const deps = { ...(await bookingDeps(h, [catalog], clock)), favourites: new TableFavouritesStore(h.gateway, uniqueTableName('fav')) };
    for (let round = 0; round < 3; round++) {
      const actor = anActor(`racer${round}`);
      for (let i = 0; i < 8; i++) expect((await addFavourite(deps, { actor, deskId: `f1-0-${i}` })).ok).toBe(true);
      const racing = await Promise.all([8, 9, 10, 11, 12, 13].map((i) => addFavourite(deps, { actor, deskId: `f1-0-${i}` })));
      expect(racing.filter((r) => r.ok)).toHaveLength(2);
      expect(racing.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(['too-many', 'too-many', 'too-many', 'too-many']);
      expect(await deps.favourites.list(actor.userId)).toHaveLength(MAX_FAVOURITES);
    }
  });
});
