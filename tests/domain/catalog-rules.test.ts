import {
  deskOffFloor,
  enclosesArea,
  idClashesWithStoredSites,
  pointsOffFloor,
  reminderAfterDeadline,
  zoneHoldingDesk,
} from '../../src/domain/catalog-rules';

const floor = { width: 40, height: 22 };
const square = (x0: number, y0: number, x1: number, y1: number) =>
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ] as [number, number][];

describe('the catalog rules that span entries', () => {
  it('keeps a desk on its floor, edges included', () => {
    expect(deskOffFloor({ x: 40, y: 22 }, floor)).toEqual([]);
    expect(deskOffFloor({ x: 40.01, y: 22.5 }, floor)).toEqual([
      { field: 'x', message: '40.01 m is outside the floor, which is 40 m wide' },
      { field: 'y', message: '22.5 m is outside the floor, which is 22 m deep' },
    ]);
  });

  it('names the points of an outline beyond the floor by their index', () => {
    expect(pointsOffFloor(square(0, 0, 40, 22), floor)).toEqual([]);
    expect(pointsOffFloor(square(30, 0, 41, 10), floor).map((p) => p.index)).toEqual([1, 2]);
  });

  it('wants an outline to enclose an area', () => {
    expect(enclosesArea(square(0, 0, 1, 1))).toBe(true);
    expect(
      enclosesArea([
        [0, 0],
        [1, 1],
        [2, 2],
      ]),
    ).toBe(false);
  });

  it('places a desk in the one zone whose outline holds it, and refuses a border or no zone', () => {
    const zones = [
      { id: 'a', outline: square(0, 0, 20, 22) },
      { id: 'b', outline: square(20, 0, 40, 22) },
    ];
    expect(zoneHoldingDesk({ id: 'd1', x: 5, y: 5 }, zones, 'f')).toEqual({ ok: true, zoneId: 'a' });
    expect(zoneHoldingDesk({ id: 'd2', x: 20, y: 5 }, zones, 'f')).toEqual({
      ok: false,
      message: 'desk d2 at (20, 5) lies in zones a and b; give it a zoneId',
    });
    expect(zoneHoldingDesk({ id: 'd3', x: 5, y: 5 }, [zones[1]!], 'f')).toEqual({
      ok: false,
      message: "desk d3 at (5, 5) lies in no zone of floor f; give it a zoneId or widen a zone's outline",
    });
  });

  it('wants the reminder strictly before the check-in deadline', () => {
    expect(reminderAfterDeadline({ reminderTime: '09:59', checkInDeadline: '10:00' })).toBeUndefined();
    expect(reminderAfterDeadline({ reminderTime: '10:00', checkInDeadline: '10:00' })).toBe(
      'the reminder (10:00) must come before the check-in deadline (10:00)',
    );
  });

  it('refuses ids that another stored site holds, but not those of the site being replaced', () => {
    const site = (id: string, floorId: string, deskId: string) => ({
      site: { id },
      floors: [{ id: floorId }],
      zones: [],
      desks: [{ id: deskId }],
    });
    const stored = [site('hq', 'f1', 'd1'), site('annex', 'f2', 'd2')];
    expect(idClashesWithStoredSites([site('hq', 'f1', 'd1')], stored)).toEqual([]);
    expect(idClashesWithStoredSites([site('new', 'f2', 'd9')], stored)).toEqual([
      'site new: floor f2 is already used by the stored site annex; ids must be unique across sites',
    ]);
  });
});
