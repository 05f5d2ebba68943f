import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteCatalog } from '../../src/use-cases/ports';
import {
  CatalogImportError,
  importCatalog,
  parseCatalogFiles,
  toSiteDocument,
  validateCatalogs,
  type CatalogFiles,
} from '../../src/use-cases/import-catalog';
import { demoCatalog } from '../../src/server/demo-site';
import { runImportCli } from '../../src/server/import-cli';
import { TableCatalogStore } from '../../src/storage/table-catalog-store';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const exampleFiles = (): CatalogFiles => ({
  siteJson: readFileSync(join(EXAMPLES, 'site.json'), 'utf8'),
  desksCsv: readFileSync(join(EXAMPLES, 'desks.csv'), 'utf8'),
});

async function aStore(): Promise<{ store: TableCatalogStore; gateway: InMemoryTableGateway }> {
  const gateway = new InMemoryTableGateway();
  const store = new TableCatalogStore(gateway, 'catalog');
  await store.init();
  return { store, gateway };
}

/** What an admin runs: parse, then import; a bad file throws before the store is touched. */
async function importFiles(store: TableCatalogStore, files: CatalogFiles) {
  return importCatalog(store, parseCatalogFiles(files));
}

function problemsOf(files: CatalogFiles): string[] {
  try {
    parseCatalogFiles(files);
  } catch (error) {
    if (error instanceof CatalogImportError) return error.problems;
    throw error;
  }
  throw new Error('expected the files to be refused');
}

/** Order-independent view of a catalog, as the store gives no order guarantee. */
function sorted(c: SiteCatalog | null) {
  if (!c) return c;
  const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    ...c,
    floors: byId(c.floors),
    zones: byId(c.zones),
    desks: byId(c.desks),
    policies: [...c.policies].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1)),
  };
}

const RULES = {
  zoneCapacity: { kind: 'percent', value: 50 },
  minDistanceM: 1.5,
  horizonDays: 14,
  bookableWeekdays: [1, 2, 3, 4, 5],
  weeklyQuota: null,
  reminderTime: '08:30',
  checkInDeadline: '10:00',
};

/** A small valid site file: one 20 m × 10 m floor split in two zones, two desks. */
// The document is mutated freely by each test to make it invalid in one place.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function aSiteDocument(): any {
  return {
    site: { id: 'ghent', name: 'Ghent office', timeZone: 'Europe/Brussels' },
    floors: [
      {
        id: 'gh-1',
        name: 'Ground floor',
        width: 20,
        height: 10,
        zones: [
          {
            id: 'gh-1-west',
            name: 'West',
            outline: [
              [0, 0],
              [10, 0],
              [10, 10],
              [0, 10],
            ],
          },
          {
            id: 'gh-1-east',
            name: 'East',
            outline: [
              [10, 0],
              [20, 0],
              [20, 10],
              [10, 10],
            ],
          },
        ],
        desks: [
          { id: 'gh-1-1', label: '1.01', x: 2, y: 2, zoneId: 'gh-1-west' },
          {
            id: 'gh-1-2',
            label: '1.02',
            x: 12,
            y: 2,
            zoneId: 'gh-1-east',
            attributes: ['monitor'],
            mode: 'assigned',
          },
        ],
      },
    ],
    policies: [{ effectiveFrom: '2026-01-05', rules: RULES }],
  };
}

const json = (doc: unknown) => JSON.stringify(doc, null, 2);

describe('importing the example files', () => {
  it('parses the Brussels HQ example into the demo site, with floor hq-3 desks from the CSV', () => {
    const [catalog, ...others] = parseCatalogFiles(exampleFiles());
    expect(others).toHaveLength(0);
    expect(catalog!.site).toEqual({ id: 'brussels-hq', name: 'Brussels HQ', timeZone: 'Europe/Brussels' });
    expect(catalog!.floors.map((f) => f.id)).toEqual(['hq-2', 'hq-3']);
    expect(catalog!.desks.filter((d) => d.floorId === 'hq-2')).toHaveLength(60);
    expect(catalog!.desks.filter((d) => d.floorId === 'hq-3')).toHaveLength(60);
    expect(catalog!.policies.map((p) => [p.effectiveFrom, p.rules.zoneCapacity])).toEqual([
      ['2026-01-05', { kind: 'percent', value: 50 }],
      ['2027-01-04', { kind: 'percent', value: 30 }],
    ]);
    // The examples and the seeded demo describe the same site.
    expect(sorted(catalog!)).toEqual(sorted(demoCatalog()));
  });

  it('defaults a desk to bookable with no attributes', () => {
    const catalog = parseCatalogFiles(exampleFiles())[0]!;
    expect(catalog.desks.find((d) => d.id === 'hq-2-7')).toMatchObject({ mode: 'bookable', attributes: [] });
  });

  it('stores the catalog, and re-importing the same files changes nothing', async () => {
    const { store, gateway } = await aStore();
    expect(await importFiles(store, exampleFiles())).toEqual([{ siteId: 'brussels-hq', changed: true }]);
    const stored = await store.getSiteCatalog('brussels-hq');
    expect(sorted(stored)).toEqual(sorted({ ...parseCatalogFiles(exampleFiles())[0]!, revision: 1 }));
    const rowsBefore = await gateway.queryTable('catalog');

    expect(await importFiles(store, exampleFiles())).toEqual([{ siteId: 'brussels-hq', changed: false }]);
    expect(await store.getSiteCatalog('brussels-hq')).toEqual(stored);
    expect(await gateway.queryTable('catalog')).toEqual(rowsBefore);
  });
});

describe('a bad file is refused with every problem named, and nothing is written', () => {
  async function expectRefusedAndNothingWritten(files: CatalogFiles): Promise<string[]> {
    const { store, gateway } = await aStore();
    const error = await importFiles(store, files).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CatalogImportError);
    expect((error as CatalogImportError).code).toBe('INVALID_CATALOG');
    expect(await store.listSiteCatalogs()).toEqual([]);
    expect(await gateway.queryTable('catalog')).toEqual([]);
    return (error as CatalogImportError).problems;
  }

  it('names a value of the wrong type by path, line and column', async () => {
    const doc = aSiteDocument();
    doc.floors[0].width = '20';
    const problems = await expectRefusedAndNothingWritten({ siteJson: json(doc) });
    expect(problems).toEqual([
      expect.stringMatching(
        /^site\.json line 11, column 16: floors\[0\]\.width: must be a number, not the text "20"$/,
      ),
    ]);
  });

  it('refuses a desk outside its floor', async () => {
    const doc = aSiteDocument();
    doc.floors[0].desks[1].x = 21.5;
    const problems = await expectRefusedAndNothingWritten({
      siteJson: json(doc),
      siteJsonName: 'ghent.json',
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^ghent\.json line \d+, column \d+: floors\[0\]\.desks\[1\]\.x: 21\.5 m is outside the floor, which is 20 m wide$/,
      ),
    ]);
  });

  it('refuses an id used twice, pointing at both', async () => {
    const doc = aSiteDocument();
    doc.floors[0].desks[1].id = 'gh-1-1';
    const problems = await expectRefusedAndNothingWritten({ siteJson: json(doc) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /floors\[0\]\.desks\[1\]\.id: desk id "gh-1-1" is already used \(site\.json line \d+, column \d+: floors\[0\]\.desks\[0\]\.id\)/,
    );
  });

  it('refuses a desk id of the CSV that the JSON already uses', async () => {
    const csv = 'floorId,id,label,x,y\ngh-1,gh-1-1,1.03,3,3\n';
    const problems = await expectRefusedAndNothingWritten({ siteJson: json(aSiteDocument()), desksCsv: csv });
    expect(problems).toEqual([
      expect.stringMatching(/^desks\.csv line 2, column "id": desk id "gh-1-1" is already used/),
    ]);
  });

  it('refuses a capacity override for a zone the site does not have', async () => {
    const doc = aSiteDocument();
    doc.policies[0].zoneCapacity = { 'gh-1-north': { kind: 'count', value: 3 } };
    const problems = await expectRefusedAndNothingWritten({ siteJson: json(doc) });
    expect(problems).toEqual([
      expect.stringMatching(
        /line \d+, column \d+: policies\[0\]\.zoneCapacity\["gh-1-north"\]: no zone "gh-1-north" in this site$/,
      ),
    ]);
  });

  it('refuses a time zone that is not an IANA name', async () => {
    const doc = aSiteDocument();
    doc.site.timeZone = 'Brussels';
    const problems = await expectRefusedAndNothingWritten({ siteJson: json(doc) });
    expect(problems).toEqual([
      'site.json line 5, column 17: site.timeZone: "Brussels" is not an IANA time zone; write a name such as "Europe/Brussels"',
    ]);
  });

  it('names the CSV line and column of a bad number', async () => {
    const csv = [
      'floorId,id,label,x,y,zoneId,attributes,mode',
      'gh-1,gh-1-3,1.03,3,3,gh-1-west,monitor,bookable',
      'gh-1,gh-1-4,1.04,5,3,gh-1-west,,',
      'gh-1,gh-1-5,1.05,7,3,gh-1-west,,',
      'gh-1,gh-1-6,1.06,4.5m,3,gh-1-west,,',
    ].join('\n');
    const problems = await expectRefusedAndNothingWritten({ siteJson: json(aSiteDocument()), desksCsv: csv });
    expect(problems).toEqual([
      'desks.csv line 5, column "x": "4.5m" is not a number; write metres with a dot for decimals, e.g. 4.5',
    ]);
  });

  it('gives the line and column of a JSON syntax error', async () => {
    const text = '{\n  "site": { "id": "ghent", "name": "Ghent", },\n  "floors": []\n}';
    const problems = await expectRefusedAndNothingWritten({ siteJson: text });
    expect(problems).toEqual([
      'site.json line 2, column 45: invalid JSON: expected a field name after the comma (a trailing comma is not allowed)',
    ]);
  });

  it.each([
    [
      'a missing closing brace',
      '{ "site": {}',
      'line 1, column 13: invalid JSON: the file ends inside an object',
    ],
    [
      'single quotes',
      "{ 'site': 1 }",
      'line 1, column 3: invalid JSON: field names must be in double quotes',
    ],
    ['a comment', '{\n // note\n}', 'line 2, column 2: invalid JSON: comments are not allowed'],
    ['an empty file', '', 'line 1, column 1: invalid JSON: the file ends where a value was expected'],
    ['a number with a comma', '{ "a": 1,5 }', 'line 1, column 10: invalid JSON: expected a field name'],
  ])('reports %s at its place', (_name, text, expected) => {
    expect(problemsOf({ siteJson: text })[0]).toContain(expected);
  });

  it('refuses deeply nested JSON without overflowing the stack', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(problemsOf({ siteJson: text })).toEqual([
      'site.json line 1, column 66: invalid JSON: nested more than 64 levels deep',
    ]);
  });

  it('accepts a byte-order mark before the JSON', () => {
    expect(parseCatalogFiles({ siteJson: `\uFEFF${json(aSiteDocument())}` })[0]!.site.id).toBe('ghent');
  });

  it('reports every problem of a file at once, in reading order, with the CSV after the JSON', () => {
    const doc = aSiteDocument();
    doc.site.id = 'ghent office';
    doc.floors[0].zones[0].outline = [
      [0, 0],
      [10, 0],
    ];
    doc.floors[0].desks[0].label = 'desk\none';
    doc.floors[0].desks[1].mode = 'reserved';
    doc.policies[0].rules = {
      ...RULES,
      minDistanceM: 12,
      horizonDays: 400,
      bookableWeekdays: [1, 1, 8],
      reminderTime: '8:30',
    };
    const csv = 'floorId,id,label,x,y\nghx,d-9,9,1,1\n';
    const problems = problemsOf({ siteJson: json(doc), desksCsv: csv });
    // Each problem is "<file and place>: <path>: <message>", or "<file, line, column>: <message>" for the CSV.
    expect(problems.map((p) => (p.startsWith('desks.csv') ? p.split(': ')[0] : p.split(': ')[1]))).toEqual([
      'site.id',
      'floors[0].zones[0].outline',
      'floors[0].desks[0].label',
      'floors[0].desks[1].mode',
      'policies[0].rules.minDistanceM',
      'policies[0].rules.horizonDays',
      'policies[0].rules.bookableWeekdays',
      'policies[0].rules.bookableWeekdays[2]',
      'policies[0].rules.reminderTime',
      'desks.csv line 2, column "floorId"',
    ]);
    expect(problems).toContain(
      'desks.csv line 2, column "floorId": no floor "ghx" in the site file (floors: gh-1)',
    );
  });

  it('refuses an unknown field and suggests the right spelling', () => {
    const doc = aSiteDocument();
    doc.floors[0].desks[0].zoneid = 'gh-1-west';
    expect(problemsOf({ siteJson: json(doc) })).toEqual([
      expect.stringMatching(
        /floors\[0\]\.desks\[0\]\.zoneid: unknown field "zoneid"; did you mean "zoneId"\?$/,
      ),
    ]);
  });

  it('refuses a duplicate desk label on one floor, whatever its case', () => {
    const doc = aSiteDocument();
    doc.floors[0].desks[1].label = '1.01';
    expect(problemsOf({ siteJson: json(doc) })).toEqual([
      expect.stringContaining('floors[0].desks[1].label: label "1.01" is already used on this floor'),
    ]);
  });

  it('refuses two policies starting the same day, and a reminder after the check-in deadline', () => {
    const doc = aSiteDocument();
    doc.policies.push({ effectiveFrom: '2026-01-05', rules: { ...RULES, reminderTime: '10:30' } });
    const problems = problemsOf({ siteJson: json(doc) });
    expect(problems).toEqual([
      expect.stringContaining('policies[1].effectiveFrom: another policy already starts on 2026-01-05'),
      expect.stringContaining(
        'policies[1].rules.reminderTime: the reminder (10:30) must come before the check-in deadline (10:00)',
      ),
    ]);
  });

  it('refuses a file without policies', () => {
    const doc = aSiteDocument();
    doc.policies = [];
    expect(problemsOf({ siteJson: json(doc) })).toEqual([
      expect.stringContaining('policies: must hold at least one policy'),
    ]);
  });

  it('refuses a desk that refers to a zone of another floor', () => {
    const doc = aSiteDocument();
    doc.floors.push({
      id: 'gh-2',
      name: 'First floor',
      width: 20,
      height: 10,
      zones: [
        {
          id: 'gh-2-all',
          name: 'All',
          outline: [
            [0, 0],
            [20, 0],
            [20, 10],
            [0, 10],
          ],
        },
      ],
      desks: [{ id: 'gh-2-1', label: '2.01', x: 1, y: 1, zoneId: 'gh-1-west' }],
    });
    expect(problemsOf({ siteJson: json(doc) })).toEqual([
      expect.stringContaining(
        `floors[1].desks[0].zoneId: zone "gh-1-west" is on floor gh-1, not on this desk's floor gh-2`,
      ),
    ]);
  });

  it('refuses ids that would be unsafe in URLs and table keys', () => {
    const doc = aSiteDocument();
    doc.floors[0].desks[0].id = 'gh/1#1';
    doc.floors[0].desks[1].id = 'x'.repeat(129);
    const problems = problemsOf({ siteJson: json(doc) });
    expect(problems).toEqual([
      expect.stringContaining('floors[0].desks[0].id: may hold only letters'),
      expect.stringContaining('floors[0].desks[1].id: must be at most 128 characters'),
    ]);
  });
});

describe('a desk without zoneId is placed in the zone whose outline holds it', () => {
  it('puts it in the one zone that contains its position', () => {
    const doc = aSiteDocument();
    doc.floors[0].desks.push({ id: 'gh-1-3', label: '1.03', x: 15, y: 8 });
    const csv = 'floorId,id,label,x,y,zoneId\ngh-1,gh-1-4,1.04,4,9,\n';
    const catalog = parseCatalogFiles({ siteJson: json(doc), desksCsv: csv })[0]!;
    expect(catalog.desks.find((d) => d.id === 'gh-1-3')?.zoneId).toBe('gh-1-east');
    expect(catalog.desks.find((d) => d.id === 'gh-1-4')?.zoneId).toBe('gh-1-west');
  });

  it('refuses a desk on the border of two zones, naming the desk', () => {
    const doc = aSiteDocument();
    doc.floors[0].desks.push({ id: 'gh-1-edge', label: '1.03', x: 10, y: 5 });
    expect(problemsOf({ siteJson: json(doc) })).toEqual([
      expect.stringMatching(
        /floors\[0\]\.desks\[2\]: desk gh-1-edge at \(10, 5\) lies in zones gh-1-west and gh-1-east; give it a zoneId$/,
      ),
    ]);
  });

  it('refuses a desk that lies in no zone, naming the desk', () => {
    const doc = aSiteDocument();
    doc.floors[0].zones[1].outline = [
      [12, 0],
      [20, 0],
      [20, 10],
      [12, 10],
    ];
    doc.floors[0].desks.push({ id: 'gh-1-gap', label: '1.03', x: 11, y: 5 });
    expect(problemsOf({ siteJson: json(doc) })).toEqual([
      expect.stringMatching(
        /floors\[0\]\.desks\[2\]: desk gh-1-gap at \(11, 5\) lies in no zone of floor gh-1; give it a zoneId/,
      ),
    ]);
  });
});

describe('the desks CSV', () => {
  it('reads quoted values holding commas, quotes and line breaks, CRLF line ends and a BOM', () => {
    const csv =
      '\uFEFFfloorId,id,label,x,y,zoneId,attributes,mode\r\n' +
      'gh-1,gh-1-3,"Window, left",3.5,4,gh-1-west,"monitor; Standing ;docking",Assigned\r\n' +
      '"gh-1","gh-1-4","The ""big"" one",  4.5 ,6,,,\r\n' +
      '\r\n';
    const catalog = parseCatalogFiles({ siteJson: json(aSiteDocument()), desksCsv: csv })[0]!;
    expect(catalog.desks.find((d) => d.id === 'gh-1-3')).toEqual({
      id: 'gh-1-3',
      floorId: 'gh-1',
      zoneId: 'gh-1-west',
      label: 'Window, left',
      x: 3.5,
      y: 4,
      attributes: ['monitor', 'standing', 'docking'],
      mode: 'assigned',
    });
    expect(catalog.desks.find((d) => d.id === 'gh-1-4')).toMatchObject({
      label: 'The "big" one',
      x: 4.5,
      zoneId: 'gh-1-west',
      mode: 'bookable',
    });
  });

  it('accepts the columns in any order and without the optional ones', () => {
    const csv = 'x,y,label,id,floorId\n3,3,A,gh-1-9,gh-1\n';
    const catalog = parseCatalogFiles({ siteJson: json(aSiteDocument()), desksCsv: csv })[0]!;
    expect(catalog.desks.find((d) => d.id === 'gh-1-9')).toMatchObject({
      x: 3,
      y: 3,
      label: 'A',
      zoneId: 'gh-1-west',
    });
  });

  it.each([
    [
      'an unknown column',
      'floorId,id,label,x,y,colour\n',
      'desks.csv line 1: column 6 of the header is "colour"',
    ],
    ['a missing column', 'floorId,id,label,x\n', 'desks.csv line 1: the header has no "y" column'],
    [
      'a missing field',
      'floorId,id,label,x,y\ngh-1,d1,L,1\n',
      'desks.csv line 2: 4 fields where the header has 5',
    ],
    [
      'a quote inside a value',
      'floorId,id,label,x,y\ngh-1,d1,L"x,1,1\n',
      'desks.csv line 2: a quote inside an unquoted value',
    ],
    [
      'an unclosed quote',
      'floorId,id,label,x,y\ngh-1,d1,L,1,1\ngh-1,d2,"L,1,1\n',
      'desks.csv line 3: a quoted value is never closed',
    ],
    [
      'a bad mode',
      'floorId,id,label,x,y,mode\ngh-1,d1,L,1,1,broken\n',
      'desks.csv line 2, column "mode": must be "bookable", "assigned", "off"',
    ],
    ['an empty file', '', 'desks.csv line 1: the file is empty'],
  ])('refuses %s, naming the line', (_name, csv, expected) => {
    expect(problemsOf({ siteJson: json(aSiteDocument()), desksCsv: csv })[0]).toContain(expected);
  });

  it('counts lines inside quoted values, so later problems name the right line', () => {
    const csv = 'floorId,id,label,x,y\ngh-1,d1,"two\nlines",1,1\ngh-1,d2,L,oops,1\n';
    expect(problemsOf({ siteJson: json(aSiteDocument()), desksCsv: csv })).toEqual([
      'desks.csv line 2, column "label": must not hold line breaks or other control characters',
      'desks.csv line 4, column "x": "oops" is not a number; write metres with a dot for decimals, e.g. 4.5',
    ]);
  });
});

describe('__proto__ in a site file', () => {
  it('is refused and pollutes nothing', () => {
    const text = `{
  "__proto__": { "polluted": true },
  "site": { "id": "ghent", "name": "Ghent", "timeZone": "Europe/Brussels", "__proto__": { "isAdmin": true } },
  "floors": ${json(aSiteDocument().floors)},
  "policies": [{ "effectiveFrom": "2026-01-05", "rules": ${json(RULES)},
                 "zoneCapacity": { "__proto__": { "kind": "count", "value": 1 } } }]
}`;
    const problems = problemsOf({ siteJson: text });
    expect(problems).toEqual([
      'site.json line 2, column 3: __proto__: a field named "__proto__" is not allowed',
      'site.json line 3, column 76: site.__proto__: a field named "__proto__" is not allowed',
      expect.stringMatching(
        /policies\[0\]\.zoneCapacity\.__proto__: a field named "__proto__" is not allowed$/,
      ),
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('kind');
  });

  it('cannot be used as an id either, nor other names objects inherit', () => {
    const doc = aSiteDocument();
    doc.floors[0].zones[0].id = 'constructor';
    doc.floors[0].desks[0].zoneId = 'constructor';
    expect(problemsOf({ siteJson: json(doc) })).toEqual([
      expect.stringContaining('floors[0].zones[0].id: "constructor" is a reserved word'),
      expect.stringContaining('floors[0].desks[0].zoneId: "constructor" is a reserved word'),
    ]);
  });
});

describe('a large floor', () => {
  function aLargeSite(desks: number) {
    const doc = aSiteDocument();
    doc.floors[0].width = 100;
    doc.floors[0].height = 60;
    doc.floors[0].zones = [
      {
        id: 'big',
        name: 'Open space',
        outline: [
          [0, 0],
          [100, 0],
          [100, 60],
          [0, 60],
        ],
      },
    ];
    doc.floors[0].desks = Array.from({ length: desks }, (_, i) => ({
      id: `big-${i + 1}`,
      label: `B${i + 1}`,
      x: 1 + (i % 40) * 2.4,
      y: 1 + Math.floor(i / 40) * 2.2,
    }));
    return doc;
  }

  it('imports 1,000 desks and reports progress more than once', async () => {
    const { store } = await aStore();
    const catalogs = parseCatalogFiles({ siteJson: json(aLargeSite(1000)) });
    const progress: [string, number, number][] = [];
    const result = await importCatalog(store, catalogs, (siteId, done, total) =>
      progress.push([siteId, done, total]),
    );
    expect(result).toEqual([{ siteId: 'ghent', changed: true }]);
    expect(progress.length).toBeGreaterThan(1);
    const total = progress[0]![2];
    expect(total).toBeGreaterThan(1000);
    expect(progress.every(([siteId, , t]) => siteId === 'ghent' && t === total)).toBe(true);
    expect(progress.map(([, done]) => done)).toEqual(
      [...progress.map(([, done]) => done)].sort((a, b) => a - b),
    );
    expect(progress.at(-1)![1]).toBe(total);
    expect((await store.getSiteCatalog('ghent'))?.desks).toHaveLength(1000);
  });

  it('the command prints throttled progress, about every tenth of the rows', async () => {
    const { store } = await aStore();
    const out: string[] = [];
    const code = await runImportCli(['big.json'], {
      openCatalogStore: async () => ({ store, close: async () => undefined }),
      out: (l) => out.push(l),
      err: (l) => out.push(`ERR ${l}`),
      readFile: async () => json(aLargeSite(1000)),
    });
    expect(code).toBe(0);
    const progressLines = out.filter((l) => /^site ghent: \d+\/\d+ rows$/.test(l));
    expect(progressLines.length).toBeGreaterThan(1);
    expect(progressLines.length).toBeLessThanOrEqual(10);
    expect(out.at(-1)).toBe('site ghent: imported (1 floor, 1 zone, 1000 desks, 1 policy)');
  });
});

describe('importCatalog', () => {
  it('validates catalogs built in code before writing any of them', async () => {
    const { store, gateway } = await aStore();
    const ghent = parseCatalogFiles({ siteJson: json(aSiteDocument()) })[0]!;
    const demo = demoCatalog();
    const broken: SiteCatalog = { ...demo, desks: [{ ...demo.desks[0]!, x: 99 }, ...demo.desks.slice(1)] };
    await expect(importCatalog(store, [ghent, broken])).rejects.toMatchObject({
      code: 'INVALID_CATALOG',
      problems: expect.arrayContaining([
        expect.stringMatching(/sites\[1\]\.floors\[0\]\.desks\[0\]\.x: 99 m is outside the floor/),
      ]),
    });
    expect(await gateway.queryTable('catalog')).toEqual([]);
  });

  it('checks a catalog built in code as it is, not as JSON would write it, and names its problems in reading order', () => {
    const demo = demoCatalog();
    const desks = demo.desks.map((d, i) => (i === 0 ? { ...d, y: 30 } : i === 1 ? { ...d, x: Number.NaN } : d));
    const problems = (() => {
      try {
        validateCatalogs([{ ...demo, desks }]);
      } catch (error) {
        if (error instanceof CatalogImportError) return error.problems;
        throw error;
      }
      return [];
    })();
    // Written out as JSON, NaN would have become null and been reported as one.
    expect(problems).toEqual([
      'catalog: sites[0].floors[0].desks[0].y: 30 m is outside the floor, which is 22 m deep',
      'catalog: sites[0].floors[0].desks[1].x: must be a number, not the number NaN',
    ]);
  });

  it('refuses ids that another stored site already uses', async () => {
    const { store } = await aStore();
    await importCatalog(store, [demoCatalog()]);
    const copy = parseCatalogFiles({
      siteJson: json({
        ...toSiteDocument(demoCatalog()),
        site: { id: 'brussels-annex', name: 'Annex', timeZone: 'Europe/Brussels' },
      }),
    });
    await expect(importCatalog(store, copy)).rejects.toMatchObject({
      problems: expect.arrayContaining([
        'site brussels-annex: floor hq-2 is already used by the stored site brussels-hq; ids must be unique across sites',
      ]),
    });
    expect((await store.listSiteCatalogs()).map((c) => c.site.id)).toEqual(['brussels-hq']);
  });

  it('imports a file holding several sites', async () => {
    const { store } = await aStore();
    const file = { sites: [toSiteDocument(demoCatalog()), aSiteDocument()] };
    const result = await importFiles(store, { siteJson: json(file) });
    expect(result).toEqual([
      { siteId: 'brussels-hq', changed: true },
      { siteId: 'ghent', changed: true },
    ]);
    const sameSiteTwice = { sites: [aSiteDocument(), aSiteDocument()] };
    expect(problemsOf({ siteJson: json(sameSiteTwice) })).toEqual(
      expect.arrayContaining([expect.stringContaining('sites[1].site.id: site id "ghent" is already used')]),
    );
  });
});

describe('the import command', () => {
  async function run(argv: string[], files: Record<string, string>, store?: TableCatalogStore) {
    const out: string[] = [];
    const err: string[] = [];
    let opened = 0;
    const s = store ?? (await aStore()).store;
    const code = await runImportCli(argv, {
      openCatalogStore: async () => {
        opened++;
        return { store: s, close: async () => undefined };
      },
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readFile: async (path) => {
        const text = files[path];
        if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT', path });
        return text;
      },
    });
    return { code, out, err, opened };
  }

  it('imports the example files, then reports them unchanged', async () => {
    const { store } = await aStore();
    const files = { 'site.json': exampleFiles().siteJson, 'desks.csv': exampleFiles().desksCsv! };
    const first = await run(['site.json', 'desks.csv'], files, store);
    expect(first.code).toBe(0);
    expect(first.err).toEqual([]);
    expect(first.out.at(-1)).toBe('site brussels-hq: imported (2 floors, 7 zones, 120 desks, 2 policies)');
    const second = await run(['desks.csv', 'site.json'], files, store);
    expect(second.code).toBe(0);
    expect(second.out.at(-1)).toBe('site brussels-hq: unchanged');
  });

  it('prints every problem and exits 1 without opening storage', async () => {
    const doc = aSiteDocument();
    doc.site.timeZone = 'Mars/Olympus';
    doc.floors[0].desks[0].y = 11;
    const result = await run(['bad.json'], { 'bad.json': json(doc) });
    expect(result.code).toBe(1);
    expect(result.opened).toBe(0);
    expect(result.err).toEqual([
      expect.stringMatching(/^bad\.json line 5, column 17: site\.timeZone: /),
      expect.stringMatching(
        /^bad\.json line \d+, column \d+: floors\[0\]\.desks\[0\]\.y: 11 m is outside the floor/,
      ),
      '2 problems found; nothing was imported.',
    ]);
  });

  it.each([
    [[], 'Missing the site file.'],
    [['a.json', 'b.json'], 'Give one site file (JSON), not two.'],
    [['a.json', 'b.csv', 'c.csv'], 'Too many arguments'],
    [['--force', 'a.json'], 'Unknown option --force'],
    [['missing.json'], 'Cannot read missing.json: no such file'],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const result = await run(argv, {});
    expect(result.code).toBe(2);
    expect(result.err[0]).toContain(message);
    expect(result.opened).toBe(0);
  });
});

describe('a drawn floor plan', () => {
  function withPlan(shapes: unknown[]) {
    const doc = aSiteDocument();
    doc.floors[0].plan = { shapes };
    return doc;
  }
  const wall = { kind: 'wall', points: [[0, 0], [20, 0], [20, 10], [0, 10], [0, 0]] };
  const kitchen = { kind: 'kitchen', label: 'Kitchen', points: [[12, 6], [19, 6], [19, 9.5], [12, 9.5]] };

  it('is kept on the floor, with points rounded to the centimetre, and survives the store', async () => {
    const doc = withPlan([wall, { ...kitchen, points: [[12.004, 6], [19, 6], [19, 9.5], [12, 9.5]] }]);
    const [catalog] = parseCatalogFiles({ siteJson: json(doc) });
    expect(catalog!.floors[0]!.plan).toEqual({ shapes: [wall, kitchen] });
    const { store } = await aStore();
    await importCatalog(store, [catalog!]);
    expect((await store.getSiteCatalog('ghent'))!.floors[0]!.plan).toEqual({ shapes: [wall, kitchen] });
    expect(toSiteDocument(catalog!).floors[0]!.plan).toEqual({ shapes: [wall, kitchen] });
  });

  it('refuses a point outside the floor, naming the point', () => {
    const doc = withPlan([wall, { ...kitchen, points: [[12, 6], [21, 6], [21, 9.5], [12, 9.5]] }]);
    expect(problemsOf({ siteJson: json(doc) })).toEqual([
      expect.stringMatching(/floors\[0\]\.plan\.shapes\[1\]\.points\[1\]: point \(21, 6\) is outside the floor, which is 20 m × 10 m$/),
      expect.stringMatching(/floors\[0\]\.plan\.shapes\[1\]\.points\[2\]: point \(21, 9\.5\) is outside the floor/),
    ]);
  });

  it('refuses an unknown kind and a room of two points, naming the field', () => {
    const doc = withPlan([{ ...wall, kind: 'sofa' }, { kind: 'room', points: [[1, 1], [2, 2]] }]);
    expect(problemsOf({ siteJson: json(doc) })).toEqual([
      expect.stringMatching(/floors\[0\]\.plan\.shapes\[0\]\.kind: must be "wall", "window", .*not the text "sofa"$/),
      expect.stringMatching(/floors\[0\]\.plan\.shapes\[1\]\.points: a room needs at least 3 points$/),
    ]);
  });

  it('refuses a plan too large to store', () => {
    const many = Array.from({ length: 101 }, () => ({ kind: 'window', points: [[1, 0], [2, 0]] }));
    expect(problemsOf({ siteJson: json(withPlan(many)) })).toEqual([
      expect.stringMatching(/floors\[0\]\.plan\.shapes: must hold at most 100 shapes$/),
    ]);
  });
});

describe('a desk switched off from a date (offFrom), in both files', () => {
  it('reads offFrom from the JSON and the CSV, and a desk without it has none', () => {
    const doc = aSiteDocument();
    doc.floors[0].desks[0].offFrom = '2027-01-04';
    const csv = 'floorId,id,label,x,y,offFrom\ngh-1,gh-1-8,8,3,3,2027-01-11\ngh-1,gh-1-9,9,5,3,\n';
    const catalog = parseCatalogFiles({ siteJson: json(doc), desksCsv: csv })[0]!;
    expect(catalog.desks.find((d) => d.id === doc.floors[0].desks[0].id)).toMatchObject({ mode: 'bookable', offFrom: '2027-01-04' });
    expect(catalog.desks.find((d) => d.id === 'gh-1-8')).toMatchObject({ mode: 'bookable', offFrom: '2027-01-11' });
    expect(catalog.desks.find((d) => d.id === 'gh-1-9')).not.toHaveProperty('offFrom');
  });

  it('names the field of a day that is not a date, and of a desk already off', () => {
    const doc = aSiteDocument();
    doc.floors[0].desks[0].offFrom = '2027-02-30';
    doc.floors[0].desks[1].mode = 'off';
    doc.floors[0].desks[1].offFrom = '2027-01-04';
    const csv = 'floorId,id,label,x,y,offFrom\ngh-1,gh-1-8,8,3,3,next monday\n';
    const problems = problemsOf({ siteJson: json(doc), desksCsv: csv });
    expect(problems).toEqual([
      expect.stringMatching(/floors\[0\]\.desks\[0\]\.offFrom: "2027-02-30" is not a date written YYYY-MM-DD$/),
      expect.stringMatching(/floors\[0\]\.desks\[1\]\.offFrom: the desk is already off; leave offFrom out, or set mode to bookable or assigned$/),
      'desks.csv line 2, column "offFrom": "next monday" is not a date written YYYY-MM-DD',
    ]);
  });
});
