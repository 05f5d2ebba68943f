/** The demo site the server seeds on first start, and that examples/site.json and examples/desks.csv describe. */
import type { Desk, DeskMode, Floor, PlanShape, PlanShapeKind, Site, Zone } from '../domain/model';
import { DEFAULT_RULES, type PolicyRules, type PolicyVersion } from '../domain/policy';
import type { SiteCatalog } from '../use-cases/ports';

/** The demo site's floors, written down once for demoCatalog() and the example files. */
const DEMO_FLOORS: readonly {
  id: string;
  name: string;
  number: number;
  zones: readonly {
    id: string;
    name: string;
    box: readonly [number, number, number, number];
    allowedGroups?: readonly string[];
  }[];
  /** Benches: two facing rows of desks, 1.4 m apart (closer than D), desks 1.7 m apart along a row. */
  benches: readonly { zoneId: string; x: number; y: number; perRow: number }[];
  singles: readonly { zoneId: string; x: number; y: number }[];
  /** Drawn where no desk stands: the 1.7 m × 1.4 m bench grid leaves aisles between benches and bands. */
  plan: readonly PlanShape[];
}[] = [
  {
    id: 'hq-2',
    name: '2nd floor',
    number: 2,
    zones: [
      { id: 'hq-2-a', name: 'Zone A', box: [0, 0, 20, 11] },
      { id: 'hq-2-b', name: 'Zone B', box: [20, 0, 40, 11] },
      { id: 'hq-2-c', name: 'Zone C', box: [0, 11, 20, 22] },
      { id: 'hq-2-d', name: 'Zone D (kitchen side)', box: [20, 11, 40, 22] },
    ],
    benches: [
      { zoneId: 'hq-2-a', x: 3, y: 4.8, perRow: 8 },
      { zoneId: 'hq-2-b', x: 23, y: 4.8, perRow: 8 },
      { zoneId: 'hq-2-c', x: 3, y: 15.8, perRow: 8 },
      { zoneId: 'hq-2-d', x: 26.4, y: 15.8, perRow: 6 },
    ],
    singles: [],
    plan: [
      ...shell(),
      area('stairs', 16.6, 8.6, 19.2, 13.4, 'Stairs'),
      area('lift', 19.4, 9, 21.8, 13, 'Lift'),
      area('toilets', 6, 8.8, 11, 13.2, 'Toilets'),
      area('kitchen', 20.4, 14.8, 25.4, 21.6, 'Kitchen'),
      area('room', 36.4, 0.4, 39.6, 9.4, 'Meeting 2.1'),
      area('room', 36.4, 12.6, 39.6, 21.6, 'Meeting 2.2'),
    ],
  },
  {
    id: 'hq-3',
    name: '3rd floor',
    number: 3,
    zones: [
      { id: 'hq-3-a', name: 'Zone A', box: [0, 0, 16, 22] },
      { id: 'hq-3-b', name: 'Zone B', box: [16, 0, 32, 22] },
      { id: 'hq-3-c', name: 'Focus room', box: [32, 0, 40, 22], allowedGroups: ['focus-room'] },
    ],
    benches: [
      { zoneId: 'hq-3-a', x: 2.5, y: 4.3, perRow: 7 },
      { zoneId: 'hq-3-a', x: 2.5, y: 15.3, perRow: 7 },
      { zoneId: 'hq-3-b', x: 18.5, y: 4.3, perRow: 7 },
      { zoneId: 'hq-3-b', x: 18.5, y: 15.3, perRow: 7 },
    ],
    singles: [
      { zoneId: 'hq-3-c', x: 35, y: 5 },
      { zoneId: 'hq-3-c', x: 35, y: 9 },
      { zoneId: 'hq-3-c', x: 35, y: 13 },
      { zoneId: 'hq-3-c', x: 35, y: 17 },
    ],
    plan: [
      ...shell(),
      // The focus room is walled off, with its door facing the kitchen.
      { kind: 'wall', points: [[32, 0], [32, 9.6]] },
      { kind: 'wall', points: [[32, 11], [32, 22]] },
      { kind: 'door', points: [[32, 9.6], [32, 11]] },
      area('stairs', 14, 7.8, 17.2, 10.8, 'Stairs'),
      area('lift', 14.4, 11, 16.8, 13.8, 'Lift'),
      area('room', 3, 7.8, 12.4, 13.8, 'Meeting 3.1'),
      area('kitchen', 19, 7.8, 26, 13.8, 'Kitchen'),
      area('toilets', 26.4, 7.8, 31, 13.8, 'Toilets'),
    ],
  },
];

/** A closed area of the plan, from its top-left and bottom-right corners. */
function area(kind: PlanShapeKind, x0: number, y0: number, x1: number, y1: number, label: string): PlanShape {
  return { kind, label, points: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]] };
}

/** Outer walls of a 40 m × 22 m floor, with windows along both long sides. */
function shell(): PlanShape[] {
  const windows: [number, number][] = [[1.5, 7.5], [9.5, 15.5], [17.5, 23.5], [25.5, 31.5], [33.5, 38.5]];
  return [
    { kind: 'wall', points: [[0, 0], [40, 0], [40, 22], [0, 22], [0, 0]] },
    ...[0, 22].flatMap((y) =>
      windows.map(([x0, x1]): PlanShape => ({ kind: 'window', points: [[x0, y], [x1, y]] })),
    ),
  ];
}

const DESK_PITCH_M = 1.7;
const FACING_ROWS_M = 1.4;

/**
 * The demo site "Brussels HQ": two 40 m × 22 m floors of about 60 desks each, in benches of two facing rows.
 * The server seeds it on first start; examples/site.json and examples/desks.csv describe the same site.
 */
export function demoCatalog(): SiteCatalog {
  const site: Site = { id: 'brussels-hq', name: 'Brussels HQ', timeZone: 'Europe/Brussels' };
  const floors: Floor[] = [];
  const zones: Zone[] = [];
  const desks: Desk[] = [];
  const round = (m: number) => Math.round(m * 100) / 100;

  for (const f of DEMO_FLOORS) {
    floors.push({ id: f.id, siteId: site.id, name: f.name, width: 40, height: 22, plan: { shapes: f.plan } });
    for (const z of f.zones) {
      const [x0, y0, x1, y1] = z.box;
      zones.push({
        id: z.id,
        floorId: f.id,
        name: z.name,
        outline: [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
        ],
        ...(z.allowedGroups ? { allowedGroups: [...z.allowedGroups] } : {}),
      });
    }
    const places: { zoneId: string; x: number; y: number; rowEnd: boolean; aisle: boolean }[] = [];
    for (const b of f.benches) {
      for (const y of [b.y, b.y + FACING_ROWS_M]) {
        for (let k = 0; k < b.perRow; k++) {
          places.push({
            zoneId: b.zoneId,
            x: round(b.x + k * DESK_PITCH_M),
            y: round(y),
            rowEnd: k === b.perRow - 1,
            aisle: k === 0,
          });
        }
      }
    }
    for (const s of f.singles) places.push({ ...s, rowEnd: true, aisle: true });

    places.forEach((p, index) => {
      const n = index + 1;
      const attributes: string[] = [];
      if (n % 7 !== 0) attributes.push('monitor');
      if (p.rowEnd) attributes.push('standing');
      if (n % 3 === 0) attributes.push('docking');
      // Desks by the aisle are reachable with a wheelchair.
      if (p.aisle && n % 2 === 1) attributes.push('accessible');
      // Reception keeps its two desks; one desk per floor is broken.
      const mode: DeskMode = f.number === 2 && n <= 2 ? 'assigned' : n === 11 ? 'off' : 'bookable';
      desks.push({
        id: `hq-${f.number}-${n}`,
        floorId: f.id,
        zoneId: p.zoneId,
        label: `${f.number}.${String(n).padStart(2, '0')}`,
        x: p.x,
        y: p.y,
        attributes,
        mode,
      });
    });
  }

  // The demo runs on the defaults: D = 1.5 m, 50 % of each zone, two weeks ahead, Monday to Friday.
  const rules: PolicyRules = { ...DEFAULT_RULES, bookableWeekdays: [...DEFAULT_RULES.bookableWeekdays] };
  const policies: PolicyVersion[] = [
    { effectiveFrom: '2026-01-05', rules, zoneCapacity: { 'hq-3-c': { kind: 'count', value: 2 } } },
    // Tightened from the first Monday of 2027; days before it keep the earlier rules.
    {
      effectiveFrom: '2027-01-04',
      rules: { ...rules, zoneCapacity: { kind: 'percent', value: 30 } },
      zoneCapacity: { 'hq-3-c': { kind: 'count', value: 1 } },
    },
  ];
  return { site, floors, zones, desks, policies };
}
