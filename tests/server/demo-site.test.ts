import { demoCatalog } from '../../src/server/demo-site';
import { parseCatalogFiles, toSiteDocument, validateCatalogs } from '../../src/use-cases/import-catalog';

describe('the demo catalog', () => {
  it('passes the rules of the file format, unchanged by the round trip', () => {
    const demo = demoCatalog();
    expect(validateCatalogs([demo])).toEqual([demo]);
    expect(parseCatalogFiles({ siteJson: JSON.stringify(toSiteDocument(demo), null, 2) })).toEqual([demo]);
  });

  it('has two 40 m × 22 m floors of about 60 desks, in zones that hold their positions', () => {
    const demo = demoCatalog();
    expect(demo.floors).toEqual([
      expect.objectContaining({ id: 'hq-2', name: '2nd floor', width: 40, height: 22 }),
      expect.objectContaining({ id: 'hq-3', name: '3rd floor', width: 40, height: 22 }),
    ]);
    for (const floor of demo.floors) {
      const count = demo.desks.filter((d) => d.floorId === floor.id).length;
      expect(count).toBeGreaterThanOrEqual(55);
      expect(count).toBeLessThanOrEqual(65);
    }
    expect(new Set(demo.desks.map((d) => d.mode))).toEqual(new Set(['bookable', 'assigned', 'off']));
  });
});
