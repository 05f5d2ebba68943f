import { TableCatalogStore } from '../../src/storage/table-catalog-store';
import type { StoredEntity, TableGateway } from '../../src/storage/table-gateway';
import type { SiteCatalog } from '../../src/use-cases/ports';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, inMemoryHarness } from '../support/stores';

const v1: SiteCatalog = gridCatalog({ zones: 2, cols: 4, rows: 5 });
const v2: SiteCatalog = { ...v1, desks: v1.desks.map((d) => ({ ...d, x: d.x + 0.1 })) };

/** A gateway whose reads of catalog versions can be held up or cut short, as a slow or overlapping read would be. */
function interfering(gateway: TableGateway) {
  const hooks: { beforeVersionRead?: () => Promise<void>; truncateNext?: number } = {};
  const wrapped: TableGateway = Object.assign(Object.create(gateway) as TableGateway, {
    queryPartition: async (table: string, pk: string, range?: Parameters<TableGateway['queryPartition']>[2]): Promise<StoredEntity[]> => {
      if (!pk.startsWith('site|')) return gateway.queryPartition(table, pk, range);
      const hook = hooks.beforeVersionRead;
      hooks.beforeVersionRead = undefined;
      await hook?.();
      const rows = await gateway.queryPartition(table, pk, range);
      if (hooks.truncateNext !== undefined) {
        const keep = hooks.truncateNext;
        hooks.truncateNext = undefined;
        return rows.slice(0, keep);
      }
      return rows;
    },
  });
  return { gateway: wrapped, hooks };
}

describe.each([
  ['in memory', inMemoryHarness],
  ['Azurite', azuriteHarness],
] as const)('a reader never sees a partial catalog (%s)', (_name, harness) => {
  it('reads the whole old version when an import flips the pointer between its two reads', async () => {
    const h = await harness();
    const { gateway, hooks } = interfering(h.gateway);
    const writer = new TableCatalogStore(h.gateway, h.tables.catalog);
    const reader = new TableCatalogStore(gateway, h.tables.catalog);
    await writer.replaceSiteCatalog(v1);
    // The reader has read the pointer to v1; the import of v2 runs to its end before the reader reads v1's rows.
    hooks.beforeVersionRead = async () => {
      await writer.replaceSiteCatalog(v2);
    };
    const seen = await reader.getSiteCatalog('site-1');
    expect(seen?.desks).toHaveLength(v1.desks.length);
    expect(seen?.desks.find((d) => d.id === 'f1-0-0')?.x).toBe(v1.desks.find((d) => d.id === 'f1-0-0')?.x);
    expect((await reader.getSiteCatalog('site-1'))?.desks.find((d) => d.id === 'f1-0-0')?.x).toBe(
      v2.desks.find((d) => d.id === 'f1-0-0')?.x,
    );
  });

  it('refuses a read that found fewer rows than the version holds, and reads again', async () => {
    const h = await harness();
    const { gateway, hooks } = interfering(h.gateway);
    await new TableCatalogStore(h.gateway, h.tables.catalog).replaceSiteCatalog(v1);
    const reader = new TableCatalogStore(gateway, h.tables.catalog);
    hooks.truncateNext = 10;
    expect((await reader.listSiteCatalogs())[0]?.desks).toHaveLength(v1.desks.length);
    hooks.truncateNext = 10;
    expect((await reader.getSiteCatalog('site-1'))?.desks).toHaveLength(v1.desks.length);
  });

  it('numbers each change of a site, so bookings can tell an older layout from a newer one', async () => {
    const h = await harness();
    expect(await h.catalog.replaceSiteCatalog(v1)).toEqual({ changed: true });
    expect((await h.catalog.getSiteCatalog('site-1'))?.revision).toBe(1);
    expect(await h.catalog.replaceSiteCatalog(v1)).toEqual({ changed: false });
    await h.catalog.replaceSiteCatalog(v2);
    expect((await h.catalog.listSiteCatalogs())[0]?.revision).toBe(2);
  });

  it('keeps the version an import replaced readable, so the re-check can fence the zones of the old layout', async () => {
    const h = await harness();
    await h.catalog.replaceSiteCatalog(v1);
    expect(await h.catalog.getPreviousSiteCatalog('site-1')).toBeNull();
    await h.catalog.replaceSiteCatalog(v2);
    const previous = await h.catalog.getPreviousSiteCatalog('site-1');
    expect(previous?.revision).toBe(1);
    expect(previous?.desks.find((d) => d.id === 'f1-0-0')?.x).toBe(v1.desks.find((d) => d.id === 'f1-0-0')?.x);
    // A third import removes the versions nobody names any more, never the one it is about to name as previous.
    await h.catalog.replaceSiteCatalog(v1);
    expect((await h.catalog.getPreviousSiteCatalog('site-1'))?.revision).toBe(2);
    expect(await h.catalog.getPreviousSiteCatalog('elsewhere')).toBeNull();
  });
});
