import { FloorDay } from '../../src/domain/floor-day';
import { effectivePolicy } from '../../src/domain/policy';
import { aDesk, aFloor, anActor, aPolicy, aSite, aZone } from '../support/builders';
import { TODAY, aFloorDay, decide, refusalOf, acceptedDesk, row } from './decide-support';

// The rules a floor day decides: DESK_TAKEN, ZONE_FULL, TOO_CLOSE, DESK_UNAVAILABLE, and the free desks a refusal offers.
// Each is reached through decideBooking, the way a booking meets them.

describe('DESK_TAKEN: someone else holds that desk that day', () => {
  it('refuses a desk booked by bob, naming the desk and the day', () => {
    const fd = aFloorDay({
      desks: row([1, 4, 7]).map((d) => ({ ...d, label: `3.${d.id}` })),
      booked: [['d1', 'bob']],
    });
    const r = refusalOf(decide(fd, 'd1'));
    expect(r.code).toBe('DESK_TAKEN');
    expect(r.details).toEqual({ code: 'DESK_TAKEN', deskId: 'd1', deskLabel: '3.d1', date: TODAY });
  });

  it('offers the free desks of the floor, nearest first', () => {
    const fd = aFloorDay({ desks: row([1, 4, 7]), booked: [['d1', 'bob']] });
    const r = refusalOf(decide(fd, 'd1'));
    expect(r.alternatives).toEqual([
      { kind: 'desk', deskId: 'd2', deskLabel: 'd2', floorId: 'f1', date: TODAY, distanceM: 3 },
      { kind: 'desk', deskId: 'd3', deskLabel: 'd3', floorId: 'f1', date: TODAY, distanceM: 6 },
    ]);
  });
});


describe('ZONE_FULL: a zone holds no more than its capacity', () => {
  const zones = [aZone({ id: 'z1', name: 'Zone A' }), aZone({ id: 'z2', name: 'Zone B' })];

  it('refuses the third desk of a zone capped at 2 people, with the cap and the count', () => {
    const desks = row([1, 4, 7, 10]);
    const fd = aFloorDay({
      desks,
      zones,
      rules: { zoneCapacity: { kind: 'count', value: 2 } },
      booked: [
        ['d1', 'bob'],
        ['d2', 'carol'],
      ],
    });
    const r = refusalOf(decide(fd, 'd3'));
    expect(r.details).toEqual({
      code: 'ZONE_FULL',
      zoneId: 'z1',
      zoneName: 'Zone A',
      capacity: 2,
      booked: 2,
      date: TODAY,
    });
  });

  it('accepts the second desk of a zone capped at 2 people', () => {
    const fd = aFloorDay({
      desks: row([1, 4, 7]),
      zones,
      rules: { zoneCapacity: { kind: 'count', value: 2 } },
      booked: [['d1', 'bob']],
    });
    expect(acceptedDesk(decide(fd, 'd2'))).toBe('d2');
  });

  it('does not count bookings in another zone', () => {
    const desks = [
      ...row([1, 4]),
      aDesk({ id: 'b1', zoneId: 'z2', x: 10, y: 1 }),
      aDesk({ id: 'b2', zoneId: 'z2', x: 13, y: 1 }),
    ];
    const fd = aFloorDay({
      desks,
      zones,
      rules: { zoneCapacity: { kind: 'count', value: 1 } },
      booked: [['b1', 'bob']],
    });
    expect(acceptedDesk(decide(fd, 'd1'))).toBe('d1');
    expect(refusalOf(decide(fd, 'b2')).details).toMatchObject({
      code: 'ZONE_FULL',
      zoneId: 'z2',
      zoneName: 'Zone B',
      capacity: 1,
      booked: 1,
    });
  });

  it('refuses every desk of a zone capped at 0', () => {
    const fd = aFloorDay({ desks: row([1, 4]), rules: { zoneCapacity: { kind: 'count', value: 0 } } });
    expect(refusalOf(decide(fd, 'd1')).details).toMatchObject({ code: 'ZONE_FULL', capacity: 0, booked: 0 });
  });

  describe("as a percentage of the zone's bookable desks, rounded down", () => {
    // Five bookable desks, plus one off and one assigned: 50 % of 5 is 2.5, so 2 people; 50 % of 7 would be 3.
    const desks = [
      ...row([1, 4, 7, 10, 13]),
      aDesk({ id: 'off', x: 16, y: 1, mode: 'off' }),
      aDesk({ id: 'assigned', x: 19, y: 1, mode: 'assigned' }),
    ];
    const halfOfTheZone = { zoneCapacity: { kind: 'percent', value: 50 } } as const;

    it('refuses a third person when 50 % of 5 bookable desks is 2; off and assigned desks do not count', () => {
      const fd = aFloorDay({
        desks,
        rules: halfOfTheZone,
        booked: [
          ['d1', 'bob'],
          ['d2', 'carol'],
        ],
      });
      const r = refusalOf(decide(fd, 'd3'));
      expect(r.details).toMatchObject({ code: 'ZONE_FULL', zoneId: 'z1', capacity: 2, booked: 2 });
    });

    it('accepts a second person in the same zone', () => {
      const fd = aFloorDay({ desks, rules: halfOfTheZone, booked: [['d1', 'bob']] });
      expect(acceptedDesk(decide(fd, 'd3'))).toBe('d3');
    });

    it('reports the capacity and the bookable desks in the zone summary', () => {
      const fd = aFloorDay({ desks, rules: halfOfTheZone, booked: [['d1', 'bob']] });
      expect(fd.zoneSummaries()).toEqual([{ zone: aZone(), capacity: 2, booked: 1, bookableDesks: 5 }]);
    });

    it('gives no place at all in a zone whose percentage rounds down to 0', () => {
      const fd = aFloorDay({ desks: row([1]), rules: { zoneCapacity: { kind: 'percent', value: 50 } } });
      expect(refusalOf(decide(fd, 'd1')).details).toMatchObject({
        code: 'ZONE_FULL',
        capacity: 0,
        booked: 0,
      });
    });
  });
});

describe('TOO_CLOSE: no two booked desks closer than D on a floor', () => {
  const D15 = { minDistanceM: 1.5 };

  it('refuses a desk 1.4 m from a booked one when D is 1.5 m', () => {
    const desks = [aDesk({ id: 'd1', label: '3.01', x: 1, y: 1 }), aDesk({ id: 'd2', x: 2.4, y: 1 })];
    const r = refusalOf(decide(aFloorDay({ desks, rules: D15, booked: [['d1', 'bob']] }), 'd2'));
    expect(r.details).toEqual({
      code: 'TOO_CLOSE',
      deskId: 'd2',
      nearestDeskId: 'd1',
      nearestDeskLabel: '3.01',
      distanceM: 1.4,
      minDistanceM: 1.5,
      date: TODAY,
    });
  });

  it('rounds the distance to 0.1 m: a diagonal of 1 m by 1 m is 1.4 m', () => {
    const desks = [aDesk({ id: 'd1', x: 0, y: 0 }), aDesk({ id: 'd2', x: 1, y: 1 })];
    const r = refusalOf(decide(aFloorDay({ desks, rules: D15, booked: [['d1', 'bob']] }), 'd2'));
    expect(r.details).toMatchObject({ code: 'TOO_CLOSE', distanceM: 1.4, minDistanceM: 1.5 });
  });

  it('rounds 1.118 m (1 m by 0.5 m) to 1.1 m', () => {
    const desks = [aDesk({ id: 'd1', x: 0, y: 0 }), aDesk({ id: 'd2', x: 1, y: 0.5 })];
    const r = refusalOf(
      decide(aFloorDay({ desks, rules: { minDistanceM: 2 }, booked: [['d1', 'bob']] }), 'd2'),
    );
    expect(r.details).toMatchObject({ code: 'TOO_CLOSE', distanceM: 1.1, minDistanceM: 2 });
  });

  it('names the nearest of two booked desks that are both too close', () => {
    const desks = [
      aDesk({ id: 'far', x: 0, y: 1 }),
      aDesk({ id: 'me', x: 1.2, y: 1 }),
      aDesk({ id: 'near', x: 2, y: 1 }),
    ];
    // far and near are 2 m apart, so both may be booked under D = 1.5 m.
    const fd = aFloorDay({
      desks,
      rules: D15,
      booked: [
        ['far', 'bob'],
        ['near', 'carol'],
      ],
    });
    expect(refusalOf(decide(fd, 'me')).details).toMatchObject({ nearestDeskId: 'near', distanceM: 0.8 });
  });

  it('accepts a desk exactly D = 1.5 m from a booked one', () => {
    const desks = [aDesk({ id: 'd1', x: 1, y: 1 }), aDesk({ id: 'd2', x: 2.5, y: 1 })];
    expect(acceptedDesk(decide(aFloorDay({ desks, rules: D15, booked: [['d1', 'bob']] }), 'd2'))).toBe('d2');
  });

  it('accepts a desk exactly D apart on a diagonal (0.9 m by 1.2 m is 1.5 m)', () => {
    const desks = [aDesk({ id: 'd1', x: 0.1, y: 0.3 }), aDesk({ id: 'd2', x: 1.0, y: 1.5 })];
    expect(acceptedDesk(decide(aFloorDay({ desks, rules: D15, booked: [['d1', 'bob']] }), 'd2'))).toBe('d2');
  });

  it('refuses a desk 1.49 m away when D is 1.5 m', () => {
    const desks = [aDesk({ id: 'd1', x: 1, y: 1 }), aDesk({ id: 'd2', x: 2.49, y: 1 })];
    expect(refusalOf(decide(aFloorDay({ desks, rules: D15, booked: [['d1', 'bob']] }), 'd2')).code).toBe(
      'TOO_CLOSE',
    );
  });

  it('applies across zone borders', () => {
    const zones = [aZone({ id: 'z1' }), aZone({ id: 'z2', name: 'Zone B' })];
    const desks = [
      aDesk({ id: 'd1', zoneId: 'z1', x: 1, y: 1 }),
      aDesk({ id: 'd2', zoneId: 'z2', x: 2, y: 1 }),
    ];
    expect(
      refusalOf(decide(aFloorDay({ desks, zones, rules: D15, booked: [['d1', 'bob']] }), 'd2')).code,
    ).toBe('TOO_CLOSE');
  });

  it('never sees a conflict with a desk of another floor, even at the same position', () => {
    const upstairs = aDesk({ id: 'up', floorId: 'f2', zoneId: 'z-up', x: 1, y: 1 });
    const desks = [aDesk({ id: 'd1', x: 1, y: 1 }), upstairs];
    const fd = aFloorDay({ desks, rules: D15, booked: [['up', 'bob']] });
    expect(acceptedDesk(decide(fd, 'd1'))).toBe('d1');
    expect(fd.zonesGuardedBy(fd.desk('d1')!)).toEqual(['z1']);
  });
});


describe('DESK_UNAVAILABLE: the desk is not bookable, or its zone is for other groups', () => {
  it('refuses a desk switched off, with why mode-off', () => {
    const fd = aFloorDay({ desks: [aDesk({ id: 'd1', label: '1.01', mode: 'off' })] });
    expect(refusalOf(decide(fd, 'd1')).details).toEqual({
      code: 'DESK_UNAVAILABLE',
      deskId: 'd1',
      deskLabel: '1.01',
      why: 'mode-off',
    });
  });

  it('refuses an assigned desk, with why mode-assigned', () => {
    const fd = aFloorDay({ desks: [aDesk({ id: 'd1', mode: 'assigned' })] });
    expect(refusalOf(decide(fd, 'd1')).details).toMatchObject({
      code: 'DESK_UNAVAILABLE',
      why: 'mode-assigned',
    });
  });

  const restricted = [aZone({ id: 'z1', allowedGroups: ['finance', 'hr'] })];

  it('refuses a desk in a zone restricted to finance and hr to a person in neither', () => {
    const fd = aFloorDay({ desks: row([1]), zones: restricted });
    const r = refusalOf(decide(fd, 'd1', { actor: anActor('alice', { groups: ['ict'] }) }));
    expect(r.details).toMatchObject({ code: 'DESK_UNAVAILABLE', deskId: 'd1', why: 'restricted-zone' });
  });

  it('refuses a restricted zone to a person with no groups at all', () => {
    const fd = aFloorDay({ desks: row([1]), zones: restricted });
    expect(refusalOf(decide(fd, 'd1', { actor: anActor('alice') })).details).toMatchObject({
      why: 'restricted-zone',
    });
  });

  it('lets a person in one of the allowed groups book in the restricted zone', () => {
    const fd = aFloorDay({ desks: row([1]), zones: restricted });
    expect(acceptedDesk(decide(fd, 'd1', { actor: anActor('alice', { groups: ['ict', 'hr'] }) }))).toBe('d1');
  });

  it('treats an empty list of allowed groups as open to everyone', () => {
    const fd = aFloorDay({ desks: row([1]), zones: [aZone({ id: 'z1', allowedGroups: [] })] });
    expect(acceptedDesk(decide(fd, 'd1'))).toBe('d1');
  });
});


describe('a refusal offers up to three free desks on the same floor, nearest first', () => {
  it('offers three of five free desks, nearest first, with their distance rounded to 0.1 m', () => {
    const desks = row([0, 3, 6.04, 9.06, 12, 15]);
    const fd = aFloorDay({ desks, booked: [['d1', 'bob']] });
    const r = refusalOf(decide(fd, 'd1'));
    expect(r.alternatives.map((a) => [a.deskId, a.distanceM])).toEqual([
      ['d2', 3],
      ['d3', 6],
      ['d4', 9.1],
    ]);
    expect(r.alternatives.every((a) => a.kind === 'desk' && a.floorId === 'f1' && a.date === TODAY)).toBe(
      true,
    );
  });

  it('never offers the desk asked for', () => {
    const desks = row([1, 4, 7, 10, 13]);
    const fd = aFloorDay({ desks, booked: [['d3', 'bob']] });
    const r = refusalOf(decide(fd, 'd3'));
    expect(r.alternatives.map((a) => a.deskId)).toEqual(['d2', 'd4', 'd1']);
  });

  it('skips desks that are too close, in a full zone, switched off, assigned or restricted', () => {
    const zones = [
      aZone({ id: 'z1', name: 'Zone A' }),
      aZone({ id: 'zfull', name: 'Full zone' }),
      aZone({ id: 'zrestricted', name: 'Finance', allowedGroups: ['finance'] }),
    ];
    const desks = [
      aDesk({ id: 'asked', x: 0, y: 0 }),
      aDesk({ id: 'close', x: 1, y: 0 }), // 1 m from the booked desk
      aDesk({ id: 'off', x: 0, y: 1, mode: 'off' }),
      aDesk({ id: 'assigned', x: 0, y: 2, mode: 'assigned' }),
      aDesk({ id: 'full-a', zoneId: 'zfull', x: 0, y: -2 }),
      aDesk({ id: 'full-b', zoneId: 'zfull', x: 0, y: -5 }),
      aDesk({ id: 'restricted', zoneId: 'zrestricted', x: 2, y: 0 }),
      aDesk({ id: 'free-1', x: 3, y: 0 }),
      aDesk({ id: 'free-2', x: 0, y: 4 }),
      aDesk({ id: 'free-3', x: 5, y: 0 }),
      aDesk({ id: 'free-4', x: 7, y: 0 }),
    ];
    // Five people per zone, but "Full zone" is capped at 1 by an override for it alone, and carol holds that place.
    const policy = {
      ...aPolicy({ minDistanceM: 1.5, zoneCapacity: { kind: 'count', value: 5 } }),
      zoneCapacity: { zfull: { kind: 'count', value: 1 } },
    } as const;
    const tight = new FloorDay(
      { site: aSite(), floor: aFloor(), zones, desks },
      effectivePolicy([policy], TODAY),
      TODAY,
      [
        { deskId: 'asked', userId: 'bob', bookingId: `${TODAY}.bk-asked`, checkedIn: false, zoneId: 'z1' },
        {
          deskId: 'full-b',
          userId: 'carol',
          bookingId: `${TODAY}.bk-full-b`,
          checkedIn: false,
          zoneId: 'zfull',
        },
      ],
    );
    const r = refusalOf(decide(tight, 'asked'));
    expect(r.code).toBe('DESK_TAKEN');
    expect(r.alternatives.map((a) => a.deskId)).toEqual(['free-1', 'free-2', 'free-3']);
  });

  it('breaks a tie in distance by desk id', () => {
    const desks = [
      aDesk({ id: 'm', x: 5, y: 5 }),
      aDesk({ id: 'n-south', x: 5, y: 8 }),
      aDesk({ id: 'n-east', x: 8, y: 5 }),
      aDesk({ id: 'n-west', x: 2, y: 5 }),
    ];
    const fd = aFloorDay({ desks, booked: [['m', 'bob']] });
    expect(refusalOf(decide(fd, 'm')).alternatives.map((a) => a.deskId)).toEqual([
      'n-east',
      'n-south',
      'n-west',
    ]);
  });

  it('offers fewer than three when fewer are free, and none when the floor is full', () => {
    const fd = aFloorDay({ desks: row([1, 4]), booked: [['d1', 'bob']] });
    expect(refusalOf(decide(fd, 'd1')).alternatives.map((a) => a.deskId)).toEqual(['d2']);
    const full = aFloorDay({
      desks: row([1, 4]),
      booked: [
        ['d1', 'bob'],
        ['d2', 'carol'],
      ],
    });
    expect(refusalOf(decide(full, 'd1')).alternatives).toEqual([]);
  });

  it('offers desks that are free for this person: a restricted zone is offered to its members only', () => {
    const zones = [aZone({ id: 'z1' }), aZone({ id: 'zf', allowedGroups: ['finance'] })];
    const desks = [
      aDesk({ id: 'd1', x: 0, y: 0 }),
      aDesk({ id: 'fin', zoneId: 'zf', x: 3, y: 0 }),
      aDesk({ id: 'd2', x: 9, y: 0 }),
    ];
    const fd = aFloorDay({ desks, zones, booked: [['d1', 'bob']] });
    expect(
      refusalOf(decide(fd, 'd1', { actor: anActor('alice') })).alternatives.map((a) => a.deskId),
    ).toEqual(['d2']);
    expect(
      refusalOf(decide(fd, 'd1', { actor: anActor('fiona', { groups: ['finance'] }) })).alternatives.map(
        (a) => a.deskId,
      ),
    ).toEqual(['fin', 'd2']);
  });

  it('each alternative of a TOO_CLOSE refusal is accepted when asked for', () => {
    const desks = row([0, 1, 2, 3, 4, 5, 6]);
    const fd = aFloorDay({ desks, rules: { minDistanceM: 2 }, booked: [['d1', 'bob']] });
    const r = refusalOf(decide(fd, 'd2'));
    expect(r.code).toBe('TOO_CLOSE');
    expect(r.alternatives.map((a) => a.deskId)).toEqual(['d3', 'd4', 'd5']);
    for (const a of r.alternatives) expect(decide(fd, a.deskId).ok).toBe(true);
  });
});
