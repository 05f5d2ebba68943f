import { CachedCatalog } from '../../src/use-cases/catalog-index';
import type { SiteCatalog } from '../../src/use-cases/ports';
import { fixedClock, gridCatalog } from '../support/builders';

/** A catalog store whose reads answer when the test says so, each with the revision current at that moment. */
function controllableStore(catalog: SiteCatalog) {
  let revision = 1;
  const pending: Array<() => void> = [];
  let reads = 0;
  return {
    get reads() {
      return reads;
    },
    bump: () => (revision += 1),
    answerAll: () => pending.splice(0).forEach((answer) => answer()),
    listSiteCatalogs: (): Promise<SiteCatalog[]> => {
      reads += 1;
      const at = revision;
      return new Promise((resolve) => pending.push(() => resolve([{ ...catalog, revision: at }])));
    },
  };
}

describe('the cached catalog', () => {
  const catalog = gridCatalog();

  it('keeps the same index when a read after the TTL finds every site at the same revision', async () => {
    const clock = fixedClock('2026-12-01T08:00:00Z');
    const store = controllableStore(catalog);
    const cache = new CachedCatalog(store, clock, 10_000);
    const first = cache.current();
    store.answerAll();
    const index = await first;
    clock.advance(11_000);
    const again = cache.current();
    store.answerAll();
    expect(await again).toBe(index);
    expect(store.reads).toBe(2);
  });

  it('builds a new index when an import changed the revision', async () => {
    const clock = fixedClock('2026-12-01T08:00:00Z');
    const store = controllableStore(catalog);
    const cache = new CachedCatalog(store, clock, 10_000);
    const first = cache.current();
    store.answerAll();
    const index = await first;
    store.bump();
    clock.advance(11_000);
    const again = cache.current();
    store.answerAll();
    expect((await again).sites[0]?.revision).toBe(2);
    expect(await again).not.toBe(index);
  });

  it('reads ahead in the background near the end of the TTL, still answering at once with what it holds', async () => {
    const clock = fixedClock('2026-12-01T08:00:00Z');
    const store = controllableStore(catalog);
    const cache = new CachedCatalog(store, clock, 10_000);
    const first = cache.current();
    store.answerAll();
    const index = await first;
    store.bump();
    clock.advance(9_000);
    expect(await cache.current()).toBe(index);
    expect(store.reads).toBe(2);
    store.answerAll();
    await new Promise((r) => setImmediate(r));
    expect((await cache.current()).sites[0]?.revision).toBe(2);
  });

  it('after invalidate(), never keeps or shares a read that started before it', async () => {
    const clock = fixedClock('2026-12-01T08:00:00Z');
    const store = controllableStore(catalog);
    const cache = new CachedCatalog(store, clock, 10_000);
    const before = cache.current();
    // An import lands; a booking sees its stamp on a ledger and invalidates while the old read is still out.
    store.bump();
    cache.invalidate();
    const after = cache.current();
    store.answerAll();
    expect((await before).sites[0]?.revision).toBe(1);
    expect((await after).sites[0]?.revision).toBe(2);
    expect((await cache.current()).sites[0]?.revision).toBe(2);
  });
});
