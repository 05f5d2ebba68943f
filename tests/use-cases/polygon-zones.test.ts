import { CatalogImportError, parseCatalogFiles, toSiteDocument } from '../../src/use-cases/import-catalog';

const RULES = {
  zoneCapacity: { kind: 'percent', value: 50 },
  minDistanceM: 1.5,
  horizonDays: 14,
  bookableWeekdays: [1, 2, 3, 4, 5],
  weeklyQuota: null,
  reminderTime: '08:30',
  checkInDeadline: '10:00',
};

/** A 20 m × 10 m floor: an L-shaped open space, a room filling its notch, and a plain rectangle as before. */
function aSite(outlines: { l?: unknown; notch?: unknown } = {}) {
  return {
    site: { id: 'poly', name: 'Polygon office', timeZone: 'Europe/Brussels' },
    floors: [
      {
        id: 'p-1',
        name: 'Ground floor',
        width: 20,
        height: 10,
        zones: [
          { id: 'p-1-l', name: 'Open space', outline: outlines.l ?? [[0, 0], [10, 0], [10, 4], [5, 4], [5, 10], [0, 10]] },
          { id: 'p-1-notch', name: 'Room', outline: outlines.notch ?? [[5, 4], [10, 4], [10, 10], [5, 10]] },
          { id: 'p-1-east', name: 'East', outline: [[10, 0], [20, 0], [20, 10], [10, 10]] },
        ],
        desks: [
          { id: 'p-1-1', label: '1', x: 8, y: 2 },
          { id: 'p-1-2', label: '2', x: 2, y: 8 },
          { id: 'p-1-3', label: '3', x: 8, y: 8 },
          { id: 'p-1-4', label: '4', x: 15, y: 5 },
        ],
      },
    ],
    policies: [{ effectiveFrom: '2026-01-05', rules: RULES }],
  };
}

function problemsOf(doc: unknown): string[] {
  try {
    parseCatalogFiles({ siteJson: JSON.stringify(doc, null, 2), siteJsonName: 'site.json' });
  } catch (error) {
    if (error instanceof CatalogImportError) return error.problems;
    throw error;
  }
  return [];
}

describe('zones drawn as polygons in the import format', () => {
  it('places desks given without a zone by the polygon that holds them, concave ones included, beside rectangles', () => {
    const [catalog] = parseCatalogFiles({ siteJson: JSON.stringify(aSite()) });
    expect(Object.fromEntries(catalog!.desks.map((d) => [d.id, d.zoneId]))).toEqual({
      'p-1-1': 'p-1-l',
      'p-1-2': 'p-1-l',
      'p-1-3': 'p-1-notch',
      'p-1-4': 'p-1-east',
    });
    // The export writes the polygon back as it came, so an exported file imports to the same zones.
    const again = parseCatalogFiles({ siteJson: JSON.stringify(toSiteDocument(catalog!)) })[0]!;
    expect(again.zones.map((z) => z.outline)).toEqual(catalog!.zones.map((z) => z.outline));
  });

  it('refuses an outline that crosses itself, naming the point where it goes wrong', () => {
    const bowTie = [[0, 0], [10, 10], [10, 0], [0, 10]];
    expect(problemsOf(aSite({ l: bowTie }))).toEqual([
      expect.stringMatching(/^site\.json line \d+, column \d+: floors\[0\]\.zones\[0\]\.outline\[2\]: edges 0 and 2 cross; an outline must not cross itself$/),
    ]);
  });

  it('refuses an outline of fewer than 3 points, and one whose points lie on a line', () => {
    expect(problemsOf(aSite({ notch: [[5, 4], [10, 4]] }))).toEqual([
      expect.stringMatching(/floors\[0\]\.zones\[1\]\.outline: needs at least 3 points$/),
    ]);
    expect(problemsOf(aSite({ notch: [[5, 4], [7, 4], [10, 4]] }))[0]).toMatch(/floors\[0\]\.zones\[1\]\.outline: encloses no area/);
  });
});
