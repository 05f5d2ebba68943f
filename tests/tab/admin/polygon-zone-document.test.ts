import { addPolygonZone, addRectangleZone, parsePolygon, polygonProblem, zoneOfDesk, type SiteDoc } from '../../../src/tab/admin/site-document';

const SITE: SiteDoc = {
  site: { id: 'hq', name: 'HQ', timeZone: 'Europe/Brussels' },
  floors: [{ id: 'f1', name: 'First', width: 20, height: 10, zones: [], desks: [{ id: 'f1-1', label: '1.01', x: 15, y: 8 }, { id: 'f1-2', label: '1.02', x: 15, y: 2 }] }],
  policies: [],
};
const floor = SITE.floors[0]!;

describe('the Admin tab adds polygon zones as the import would take them', () => {
  it('reads corners typed as "x,y; x,y", with decimal points, or decimal commas when a space splits the pair', () => {
    expect(parsePolygon('0,0; 8,0; 8,4.5')).toEqual([[0, 0], [8, 0], [8, 4.5]]);
    expect(parsePolygon('0 0; 8 0; 8 4,5')).toEqual([[0, 0], [8, 0], [8, 4.5]]);
    expect(parsePolygon('0,0; 8')).toBeUndefined();
    expect(parsePolygon('0,0; a,b; 1,1')).toBeUndefined();
  });

  it('says why an outline would be refused: too few corners, off the floor, crossing itself, no area', () => {
    expect(polygonProblem([[0, 0], [4, 0]], floor)).toBe('few');
    expect(polygonProblem([[0, 0], [21, 0], [4, 4]], floor)).toBe('off-floor');
    expect(polygonProblem([[0, 0], [4, 4], [4, 0], [0, 4]], floor)).toBe('crossing');
    expect(polygonProblem([[0, 0], [4, 0], [4, 0], [4, 4]], floor)).toBe('crossing');
    expect(polygonProblem([[0, 0], [2, 0], [4, 0]], floor)).toBe('no-area');
    expect(polygonProblem([[10, 0], [20, 0], [20, 10], [15, 10], [15, 5], [10, 5]], floor)).toBeUndefined();
  });

  it('adds an L-shaped zone whose notch holds no desk, and leaves the document alone for a bow tie', () => {
    const { doc, zoneId } = addPolygonZone(SITE, 'f1', [[10, 0], [20, 0], [20, 4], [12, 4], [12, 10], [10, 10]]);
    expect(zoneId).toBe('f1-z1');
    const f = doc.floors[0]!;
    expect(f.zones[0]!.outline).toHaveLength(6);
    expect(zoneOfDesk(f, f.desks![1]!)?.id).toBe('f1-z1');
    expect(zoneOfDesk(f, f.desks![0]!)).toBeUndefined();
    expect(addPolygonZone(SITE, 'f1', [[0, 0], [4, 4], [4, 0], [0, 4]])).toEqual({ doc: SITE, zoneId: '' });
  });

  it('still adds rectangles as four corners', () => {
    expect(addRectangleZone(SITE, 'f1', [12, 6], [18, 9]).doc.floors[0]!.zones[0]!.outline).toEqual([[12, 6], [18, 6], [18, 9], [12, 9]]);
  });
});
