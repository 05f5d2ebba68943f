import { outlineCrossing, zoneHoldingDesk } from '../../src/domain/catalog-rules';
import { pointInPolygon } from '../../src/domain/geometry';
import type { Point } from '../../src/domain/model';

// An L-shaped (concave) zone: the notch (4..8, 4..8) is outside it.
const L: Point[] = [[0, 0], [8, 0], [8, 4], [4, 4], [4, 8], [0, 8]];
const square: Point[] = [[0, 0], [4, 0], [4, 4], [0, 4]];

describe('a desk is in a zone when its position lies in the zone polygon', () => {
  it('holds points inside a concave zone and not in its notch', () => {
    expect(pointInPolygon([2, 6], L)).toBe(true);
    expect(pointInPolygon([6, 2], L)).toBe(true);
    expect(pointInPolygon([6, 6], L)).toBe(false);
    expect(pointInPolygon([9, 1], L)).toBe(false);
  });

  it('counts a point on an edge or a corner as inside, including the inner corner of the notch', () => {
    expect(pointInPolygon([8, 2], L)).toBe(true);
    expect(pointInPolygon([6, 4], L)).toBe(true);
    expect(pointInPolygon([4, 4], L)).toBe(true);
    expect(pointInPolygon([0, 0], L)).toBe(true);
    expect(pointInPolygon([4.01, 4.01], L)).toBe(false);
  });

  it('is not fooled by a ray through a vertex', () => {
    // The horizontal ray from (2, 4) passes through the corners (4, 4) and (8, 4) of the L.
    expect(pointInPolygon([2, 4], L)).toBe(true);
    const diamond: Point[] = [[2, 0], [4, 2], [2, 4], [0, 2]];
    expect(pointInPolygon([1, 2], diamond)).toBe(true);
    expect(pointInPolygon([-1, 2], diamond)).toBe(false);
    expect(pointInPolygon([5, 2], diamond)).toBe(false);
  });

  it('puts a desk in the notch of an L into the zone that fills the notch, and one on a shared border into neither', () => {
    const zones = [
      { id: 'l', outline: L },
      { id: 'notch', outline: [[4, 4], [8, 4], [8, 8], [4, 8]] as Point[] },
    ];
    expect(zoneHoldingDesk({ id: 'd1', x: 6, y: 6 }, zones, 'f1')).toEqual({ ok: true, zoneId: 'notch' });
    expect(zoneHoldingDesk({ id: 'd2', x: 2, y: 6 }, zones, 'f1')).toEqual({ ok: true, zoneId: 'l' });
    expect(zoneHoldingDesk({ id: 'd3', x: 6, y: 4 }, zones, 'f1')).toMatchObject({ ok: false, message: expect.stringMatching(/zones l and notch/) });
  });
});

describe('a zone outline goes round without crossing itself', () => {
  it('accepts rectangles, concave outlines and many-sided ones', () => {
    expect(outlineCrossing(square)).toBeUndefined();
    expect(outlineCrossing(L)).toBeUndefined();
    const octagon: Point[] = Array.from({ length: 8 }, (_, i) => [5 + 4 * Math.cos((i * Math.PI) / 4), 5 + 4 * Math.sin((i * Math.PI) / 4)]);
    expect(outlineCrossing(octagon)).toBeUndefined();
  });

  it('refuses a bow tie, naming the edges that cross', () => {
    expect(outlineCrossing([[0, 0], [4, 4], [4, 0], [0, 4]])).toEqual({ first: 0, second: 2, message: 'edges 0 and 2 cross; an outline must not cross itself' });
  });

  it('refuses an outline that touches itself at a corner or folds back along an edge', () => {
    // The fifth point lands on the first edge.
    expect(outlineCrossing([[0, 0], [8, 0], [8, 4], [4, 0], [0, 4]])).toMatchObject({ message: expect.stringMatching(/cross/) });
    expect(outlineCrossing([[0, 0], [8, 0], [4, 0], [4, 4]])).toMatchObject({ first: 0, second: 1, message: expect.stringMatching(/fold back/) });
  });

  it('refuses a corner given twice in a row', () => {
    expect(outlineCrossing([[0, 0], [4, 0], [4, 0], [4, 4]])).toMatchObject({ message: 'point 2 repeats point 1; an outline goes round through distinct corners' });
  });
});
