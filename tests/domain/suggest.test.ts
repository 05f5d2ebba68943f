import { FloorDay, type OccupiedDesk } from '../../src/domain/floor-day';
import type { Desk, Floor, Zone } from '../../src/domain/model';
import { effectivePolicy, type PolicyRules } from '../../src/domain/policy';
import { rankSuggestions, suggestDesk, type SuggestionPreferences } from '../../src/domain/suggest';
import { aDesk, aFloor, anActor, aPolicy, aSite, aZone } from '../support/builders';

const TODAY = '2026-12-03';
const alice = anActor('alice');

function aFloorDay(o: {
  desks: readonly Desk[];
  zones?: readonly Zone[];
  floor?: Floor;
  rules?: Partial<PolicyRules>;
  booked?: readonly (readonly [string, string])[];
}): FloorDay {
  const policy = effectivePolicy(
    [aPolicy({ zoneCapacity: { kind: 'count', value: 100 }, minDistanceM: 1.5, ...o.rules })],
    TODAY,
  );
  const occupied: OccupiedDesk[] = (o.booked ?? []).map(([deskId, userId]) => ({
    deskId,
    userId,
    bookingId: `${TODAY}.bk-${deskId}`,
    checkedIn: false,
    zoneId: o.desks.find((d) => d.id === deskId)!.zoneId,
  }));
  return new FloorDay(
    { site: aSite(), floor: o.floor ?? aFloor(), zones: o.zones ?? [aZone()], desks: o.desks },
    policy,
    TODAY,
    occupied,
  );
}

/** Desks far apart (10 m), so that none blocks another: only the preferences decide. */
function apart(specs: readonly Partial<Desk>[]): Desk[] {
  return specs.map((s, i) => aDesk({ x: 10 * i, y: 0, ...s }));
}

const ids = (fd: FloorDay | FloorDay[], preferences?: SuggestionPreferences) =>
  rankSuggestions({
    floorDays: Array.isArray(fd) ? fd : [fd],
    actor: alice,
    ...(preferences && { preferences }),
  }).map((s) => s.desk.id);

describe("suggestions put the person's favourite desks first", () => {
  const desks = apart([
    { id: 'a', label: '1.01' },
    { id: 'b', label: '1.02', attributes: ['monitor'] },
    { id: 'c', label: '1.03' },
  ]);

  it('suggests the favourite desk though another matches the preferred attributes', () => {
    const s = suggestDesk({
      floorDays: [aFloorDay({ desks })],
      actor: alice,
      preferences: { prefer: { favouriteDeskIds: ['c'], attributes: ['monitor'] } },
    });
    expect(s?.desk.id).toBe('c');
    expect(s?.why).toEqual({
      favourite: true,
      preferredZone: false,
      matchedAttributes: [],
      blocksFreeDesks: 0,
    });
  });

  it("keeps the person's order among favourites", () => {
    expect(ids(aFloorDay({ desks }), { prefer: { favouriteDeskIds: ['c', 'a'] } })).toEqual(['c', 'a', 'b']);
  });

  it('skips a favourite that is taken, and suggests the next one', () => {
    const fd = aFloorDay({ desks, booked: [['c', 'bob']] });
    expect(
      suggestDesk({
        floorDays: [fd],
        actor: alice,
        preferences: { prefer: { favouriteDeskIds: ['c', 'a'] } },
      })?.desk.id,
    ).toBe('a');
  });

  it("skips a favourite made too close by a neighbour's booking", () => {
    const near = [...desks, aDesk({ id: 'n', label: '9.99', x: 21, y: 0 })]; // 1 m from c
    const fd = aFloorDay({ desks: near, booked: [['n', 'bob']] });
    expect(ids(fd, { prefer: { favouriteDeskIds: ['c'] } })).toEqual(['a', 'b']);
  });

  it('puts a favourite first even when it blocks more free desks than the others', () => {
    const layout = [
      aDesk({ id: 'hub', label: '9.00', x: 0, y: 0 }),
      aDesk({ id: 'n1', label: '9.01', x: 1, y: 0 }),
      aDesk({ id: 'n2', label: '9.02', x: -1, y: 0 }),
      aDesk({ id: 'lone', label: '1.00', x: 20, y: 0 }),
    ];
    expect(ids(aFloorDay({ desks: layout }), { prefer: { favouriteDeskIds: ['hub'] } })[0]).toBe('hub');
  });
});

describe('required zone, floor and attributes are hard filters', () => {
  const zones = [aZone({ id: 'z1', name: 'Zone A' }), aZone({ id: 'z2', name: 'Zone B' })];
  const desks = apart([
    { id: 'a1', zoneId: 'z1', attributes: ['monitor', 'standing'] },
    { id: 'a2', zoneId: 'z1', attributes: ['monitor'] },
    { id: 'b1', zoneId: 'z2', attributes: ['monitor', 'standing'] },
    { id: 'b2', zoneId: 'z2', attributes: [] },
  ]);

  it('suggests only desks of the required zone', () => {
    expect(ids(aFloorDay({ desks, zones }), { require: { zoneId: 'z2' } })).toEqual(['b1', 'b2']);
  });

  it('suggests only desks that have every required attribute', () => {
    expect(ids(aFloorDay({ desks, zones }), { require: { attributes: ['monitor', 'standing'] } })).toEqual([
      'a1',
      'b1',
    ]);
  });

  it('combines required zone and attributes', () => {
    expect(ids(aFloorDay({ desks, zones }), { require: { zoneId: 'z1', attributes: ['standing'] } })).toEqual(
      ['a1'],
    );
  });

  it('does not suggest a favourite outside the required zone', () => {
    expect(
      ids(aFloorDay({ desks, zones }), { require: { zoneId: 'z1' }, prefer: { favouriteDeskIds: ['b1'] } }),
    ).toEqual(['a1', 'a2']);
  });

  it('suggests nothing when no free desk meets the requirements', () => {
    expect(
      suggestDesk({
        floorDays: [aFloorDay({ desks, zones })],
        actor: alice,
        preferences: { require: { attributes: ['docking'] } },
      }),
    ).toBeNull();
  });

  it('suggests only desks of the required floor', () => {
    const f1 = aFloorDay({ desks: apart([{ id: 'x1' }, { id: 'x2' }]) });
    const f2desks = apart([{ id: 'y1', floorId: 'f2', zoneId: 'z2' }]);
    const f2 = aFloorDay({
      desks: f2desks,
      floor: aFloor({ id: 'f2', name: 'Floor 2' }),
      zones: [aZone({ id: 'z2', floorId: 'f2' })],
    });
    expect(ids([f1, f2], { require: { floorId: 'f2' } })).toEqual(['y1']);
    expect(ids([f1, f2])).toEqual(['x1', 'x2', 'y1']);
  });
});

describe('preferred zones and attributes rank desks, without excluding others', () => {
  const zones = [aZone({ id: 'z1' }), aZone({ id: 'z2', name: 'Zone B' })];

  it('ranks desks with more of the preferred attributes first', () => {
    const desks = apart([
      { id: 'none', label: '1' },
      { id: 'one', label: '2', attributes: ['monitor'] },
      { id: 'two', label: '3', attributes: ['standing', 'monitor', 'window'] },
    ]);
    const ranked = rankSuggestions({
      floorDays: [aFloorDay({ desks })],
      actor: alice,
      preferences: { prefer: { attributes: ['monitor', 'standing'] } },
    });
    expect(ranked.map((s) => s.desk.id)).toEqual(['two', 'one', 'none']);
    expect(ranked[0]?.why.matchedAttributes).toEqual(['monitor', 'standing']);
  });

  it('ranks the preferred zone before preferred attributes', () => {
    const desks = apart([
      { id: 'z1-monitor', zoneId: 'z1', attributes: ['monitor'] },
      { id: 'z2-plain', zoneId: 'z2' },
    ]);
    const ranked = ids(aFloorDay({ desks, zones }), { prefer: { zoneIds: ['z2'], attributes: ['monitor'] } });
    expect(ranked).toEqual(['z2-plain', 'z1-monitor']);
  });

  it('ranks preferred attributes before the distance rule', () => {
    // m blocks its two neighbours; lone blocks none, but has no monitor.
    const desks = [
      aDesk({ id: 'm', label: '2', x: 0, y: 0, attributes: ['monitor'] }),
      aDesk({ id: 'left', label: '3', x: -1, y: 0 }),
      aDesk({ id: 'right', label: '4', x: 1, y: 0 }),
      aDesk({ id: 'lone', label: '1', x: 20, y: 0 }),
    ];
    expect(ids(aFloorDay({ desks }), { prefer: { attributes: ['monitor'] } })[0]).toBe('m');
  });
});

describe('among equals, the desk whose booking blocks the fewest still-free desks wins', () => {
  // D = 1.5 m. A row of three desks 1 m apart, and one desk 10 m away from them.
  // The middle one blocks two, each end one blocks one, the lone one blocks none.
  // Labels are chosen so that label order alone would pick the middle desk first.
  const desks = [
    aDesk({ id: 'middle', label: '1.01', x: 1, y: 0 }),
    aDesk({ id: 'left', label: '1.02', x: 0, y: 0 }),
    aDesk({ id: 'right', label: '1.03', x: 2, y: 0 }),
    aDesk({ id: 'lone', label: '1.04', x: 12, y: 0 }),
  ];

  it('suggests the lone desk, which blocks nobody', () => {
    const s = suggestDesk({ floorDays: [aFloorDay({ desks })], actor: alice });
    expect(s?.desk.id).toBe('lone');
    expect(s?.why.blocksFreeDesks).toBe(0);
  });

  it('ranks the ends (one blocked each) before the middle (two blocked)', () => {
    const ranked = rankSuggestions({ floorDays: [aFloorDay({ desks })], actor: alice });
    expect(ranked.map((s) => [s.desk.id, s.why.blocksFreeDesks])).toEqual([
      ['lone', 0],
      ['left', 1],
      ['right', 1],
      ['middle', 2],
    ]);
  });

  it('counts only desks that are still free: a switched-off neighbour is not blocked', () => {
    const withOff = [
      aDesk({ id: 'a', label: '1', x: 0, y: 0 }),
      aDesk({ id: 'off', label: '2', x: 1, y: 0, mode: 'off' }),
      aDesk({ id: 'b', label: '3', x: 10, y: 0 }),
      aDesk({ id: 'b-neighbour', label: '4', x: 11, y: 0 }),
    ];
    const ranked = rankSuggestions({ floorDays: [aFloorDay({ desks: withOff })], actor: alice });
    expect(ranked.map((s) => [s.desk.id, s.why.blocksFreeDesks])).toEqual([
      ['a', 0],
      ['b', 1],
      ['b-neighbour', 1],
    ]);
  });

  it('follows D: with D = 0.5 m nothing blocks anything and labels decide', () => {
    const ranked = rankSuggestions({
      floorDays: [aFloorDay({ desks, rules: { minDistanceM: 0.5 } })],
      actor: alice,
    });
    expect(ranked.map((s) => s.desk.id)).toEqual(['middle', 'left', 'right', 'lone']);
  });
});

describe('the ranking is deterministic', () => {
  it('breaks ties by label in natural order: 2.9 before 2.10', () => {
    const desks = apart([
      { id: 'x', label: '2.10' },
      { id: 'y', label: '2.9' },
      { id: 'z', label: '10.1' },
    ]);
    expect(ids(aFloorDay({ desks }))).toEqual(['y', 'x', 'z']);
  });

  it('breaks ties of equal labels by id', () => {
    const desks = apart([
      { id: 'q', label: 'Hot desk' },
      { id: 'p', label: 'Hot desk' },
    ]);
    expect(ids(aFloorDay({ desks }))).toEqual(['p', 'q']);
  });

  it('does not depend on the order desks are listed in the layout', () => {
    const desks = [
      aDesk({ id: 'middle', label: 'A', x: 1, y: 0 }),
      aDesk({ id: 'left', label: 'B', x: 0, y: 0 }),
      aDesk({ id: 'right', label: 'B', x: 2, y: 0 }),
      aDesk({ id: 'lone', label: 'C', x: 12, y: 0 }),
      aDesk({ id: 'twin', label: 'C', x: 30, y: 0 }),
    ];
    const forward = ids(aFloorDay({ desks }));
    const backward = ids(aFloorDay({ desks: [...desks].reverse() }));
    expect(forward).toEqual(['lone', 'twin', 'left', 'right', 'middle']);
    expect(backward).toEqual(forward);
  });
});

describe('suggestions honour every desk rule', () => {
  it('never suggests a taken, too-close, full-zone, unavailable or restricted desk', () => {
    const zones = [
      aZone({ id: 'z1' }),
      aZone({ id: 'zfull', name: 'Full' }),
      aZone({ id: 'zfin', name: 'Finance', allowedGroups: ['finance'] }),
    ];
    const desks = [
      aDesk({ id: 'taken', x: 0, y: 0 }),
      aDesk({ id: 'close', x: 1, y: 0 }),
      aDesk({ id: 'off', x: 10, y: 0, mode: 'off' }),
      aDesk({ id: 'assigned', x: 20, y: 0, mode: 'assigned' }),
      aDesk({ id: 'full-taken', zoneId: 'zfull', x: 30, y: 0 }),
      aDesk({ id: 'full-free', zoneId: 'zfull', x: 40, y: 0 }),
      aDesk({ id: 'finance', zoneId: 'zfin', x: 50, y: 0 }),
      aDesk({ id: 'ok', x: 60, y: 0 }),
    ];
    const policy = {
      ...aPolicy({ minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 10 } }),
      zoneCapacity: { zfull: { kind: 'count', value: 1 } },
    } as const;
    const fd = new FloorDay(
      { site: aSite(), floor: aFloor(), zones, desks },
      effectivePolicy([policy], TODAY),
      TODAY,
      [
        { deskId: 'taken', userId: 'bob', bookingId: `${TODAY}.bk-taken`, checkedIn: false, zoneId: 'z1' },
        {
          deskId: 'full-taken',
          userId: 'carol',
          bookingId: `${TODAY}.bk-full`,
          checkedIn: false,
          zoneId: 'zfull',
        },
      ],
    );
    expect(
      ids(fd, {
        prefer: { favouriteDeskIds: ['taken', 'close', 'off', 'assigned', 'full-free', 'finance'] },
      }),
    ).toEqual(['ok']);
    const fiona = anActor('fiona', { groups: ['finance'] });
    expect(rankSuggestions({ floorDays: [fd], actor: fiona }).map((s) => s.desk.id)).toEqual([
      'finance',
      'ok',
    ]);
  });

  it('suggests nothing when every desk is taken', () => {
    const desks = apart([{ id: 'a' }, { id: 'b' }]);
    const fd = aFloorDay({
      desks,
      booked: [
        ['a', 'bob'],
        ['b', 'carol'],
      ],
    });
    expect(suggestDesk({ floorDays: [fd], actor: alice })).toBeNull();
    expect(rankSuggestions({ floorDays: [fd], actor: alice })).toEqual([]);
  });

  it('suggests nothing when the remaining desks are all too close to booked ones', () => {
    const desks = [
      aDesk({ id: 'a', x: 0, y: 0 }),
      aDesk({ id: 'b', x: 1, y: 0 }),
      aDesk({ id: 'c', x: 0, y: 1 }),
    ];
    expect(
      suggestDesk({ floorDays: [aFloorDay({ desks, booked: [['a', 'bob']] })], actor: alice }),
    ).toBeNull();
  });

  it('suggests nothing on a floor with no desks', () => {
    expect(suggestDesk({ floorDays: [aFloorDay({ desks: [] })], actor: alice })).toBeNull();
    expect(suggestDesk({ floorDays: [], actor: alice })).toBeNull();
  });
});
