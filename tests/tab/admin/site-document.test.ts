import {
  addDesk,
  addRectangleZone,
  moveDesk,
  parseCsv,
  removeZone,
  updateDesk,
  withDesksFromCsv,
  zoneOfDesk,
  type SiteDoc,
} from '../../../src/tab/admin/site-document';

const SITE: SiteDoc = {
  site: { id: 'hq', name: 'HQ', timeZone: 'Europe/Brussels' },
  floors: [
    {
      id: 'f1',
      name: 'First',
      width: 20,
      height: 10,
      zones: [
        { id: 'a', name: 'A', outline: [[0, 0], [10, 0], [10, 10], [0, 10]] },
        { id: 'b', name: 'B', outline: [[10, 0], [20, 0], [20, 10], [10, 10]] },
      ],
      desks: [{ id: 'f1-1', label: '1.01', x: 5, y: 5 }],
    },
  ],
  policies: [],
};

describe('the Admin tab edits a site document as the import format holds it', () => {
  it('reads the export desks file with quoted commas, doubled quotes, CRLF and a byte-order mark onto the floors', () => {
    const csv = '\ufefffloorId,id,label,x,y,zoneId,attributes,mode\r\nf1,f1-2,"Focus 1, ""window""",12.5,3,b,monitor;standing,off\r\n\r\nf1,f1-3,1.03,2,2,,,\r\n';
    expect(parseCsv(csv)[1]).toEqual(['f1', 'f1-2', 'Focus 1, "window"', '12.5', '3', 'b', 'monitor;standing', 'off']);
    const doc = withDesksFromCsv(SITE, csv);
    expect(doc.floors[0]!.desks).toEqual([
      { id: 'f1-1', label: '1.01', x: 5, y: 5 },
      { id: 'f1-2', label: 'Focus 1, "window"', x: 12.5, y: 3, zoneId: 'b', attributes: ['monitor', 'standing'], mode: 'off' },
      { id: 'f1-3', label: '1.03', x: 2, y: 2 },
    ]);
  });

  it('moves a desk by 10 cm steps to the centimetre, and never off the floor', () => {
    let doc = SITE;
    for (let i = 0; i < 3; i++) doc = moveDesk(doc, 'f1', 'f1-1', 0.1, 0);
    expect(doc.floors[0]!.desks![0]).toMatchObject({ x: 5.3, y: 5 });
    doc = moveDesk(doc, 'f1', 'f1-1', -100, 100);
    expect(doc.floors[0]!.desks![0]).toMatchObject({ x: 0, y: 10 });
    expect(SITE.floors[0]!.desks![0]).toMatchObject({ x: 5, y: 5 });
  });

  it('adds desks with ids and labels nobody uses yet', () => {
    const one = addDesk(SITE, 'f1', 15, 5);
    const two = addDesk(one.doc, 'f1', 16, 5);
    const desks = two.doc.floors[0]!.desks!;
    expect(new Set(desks.map((d) => d.id)).size).toBe(3);
    expect(new Set(desks.map((d) => d.label.toLowerCase())).size).toBe(3);
    expect(desks.find((d) => d.id === two.deskId)).toMatchObject({ x: 16, y: 5 });
  });

  it('places a desk in the zone that holds it, or the one it names, and none on a border', () => {
    const floor = SITE.floors[0]!;
    expect(zoneOfDesk(floor, { id: 'x', label: 'x', x: 15, y: 5 })?.id).toBe('b');
    expect(zoneOfDesk(floor, { id: 'x', label: 'x', x: 15, y: 5, zoneId: 'a' })?.id).toBe('a');
    expect(zoneOfDesk(floor, { id: 'x', label: 'x', x: 10, y: 5 })).toBeUndefined();
  });

  it('writes the format defaults out of a desk rather than into it', () => {
    const doc = updateDesk(SITE, 'f1', 'f1-1', { mode: 'bookable', zoneId: null, attributes: [] });
    expect(doc.floors[0]!.desks![0]).toEqual({ id: 'f1-1', label: '1.01', x: 5, y: 5 });
  });

  it('draws a rectangle zone from two corners in any order, ignores a click without a drag, and removing a zone frees its desks', () => {
    const drawn = addRectangleZone(SITE, 'f1', [8, 9], [2, 1]);
    expect(drawn.doc.floors[0]!.zones.find((z) => z.id === drawn.zoneId)?.outline).toEqual([[2, 1], [8, 1], [8, 9], [2, 9]]);
    expect(addRectangleZone(SITE, 'f1', [3, 3], [3.05, 3]).doc).toBe(SITE);
    const named = updateDesk(SITE, 'f1', 'f1-1', { zoneId: 'a' });
    expect(removeZone(named, 'f1', 'a').floors[0]!.desks![0]).toEqual({ id: 'f1-1', label: '1.01', x: 5, y: 5 });
  });
});
