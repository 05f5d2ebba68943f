import { LOCALES } from '../../src/i18n/messages';
import type { AuditRecord } from '../../src/use-cases/audit-port';
import { gridCatalog } from '../support/builders';
import { azuriteHarness } from '../support/stores';
import { asAdmin, startAdminServer, type AdminServer } from './admin-harness';

const NOW = '2026-12-01T08:00:00Z';

const RECORDS: AuditRecord[] = [
  { at: '2026-11-03T09:00:00.000Z', actor: 'fm', actorName: 'Fiona', action: 'catalog.import', siteId: 'site-1', count: 0 },
  { at: '2026-11-10T09:00:00.000Z', actor: 'fm', action: 'catalog.publish', siteId: 'site-1', count: 2, params: { floorsAdded: 0, floorsRemoved: 0, floorsChanged: 0, zonesAdded: 1, zonesRemoved: 0, zonesChanged: 0, desksAdded: 3, desksRemoved: 1, desksChanged: 0, policiesChanged: 0, changes: '+zone z9' } },
  { at: '2026-11-12T09:00:00.000Z', actor: 'fm', action: 'policy.change', siteId: 'site-1', count: 4, params: { scope: 'site', effectiveFrom: '2026-12-14', fields: 'minDistanceM,weeklyQuota', 'from.minDistanceM': '1.5', 'to.minDistanceM': '2', 'from.weeklyQuota': '-', 'to.weeklyQuota': '3' } },
  { at: '2026-11-20T09:00:00.000Z', actor: 'adviser', action: 'tracing.run', subject: 'bob', count: 5, params: { reason: 'positive test' } },
  { at: '2026-11-21T09:00:00.000Z', actor: 'dpo', action: 'person.erase', subject: 'carol', count: 1 },
  { at: '2026-11-22T09:00:00.000Z', actor: 'dpo', action: 'person.export', subject: 'dave' },
  { at: '2026-11-23T09:00:00.000Z', actor: 'system', action: 'retention.purge', count: 40 },
  { at: '2026-11-24T09:00:00.000Z', actor: 'fm', action: 'plan.publish', siteId: 'site-1' },
  { at: '2026-11-25T09:00:00.000Z', actor: 'fm', action: 'zone.restrict', siteId: 'site-1', count: 0, params: { zoneId: 'z2', groups: 'focus, Facilities.Quiet', previous: '' } },
  // People's names come from tokens and can be anything, including what a spreadsheet runs as a formula.
  { at: '2026-11-26T09:00:00.000Z', actor: '+mallory', actorName: '=HYPERLINK("https://evil.example","click")', action: 'catalog.import', siteId: 'site-1' },
  { at: '2026-11-27T09:00:00.000Z', actor: '@eve', actorName: '-2+3', action: 'catalog.import', siteId: 'site-1' },
  { at: '2026-10-15T09:00:00.000Z', actor: 'fm', action: 'catalog.import', siteId: 'site-1' },
];

describe('the audit log, read by an admin', () => {
  let api: AdminServer;
  beforeAll(async () => {
    const h = await azuriteHarness();
    api = await startAdminServer(h, [gridCatalog()], NOW);
    for (const r of RECORDS) await api.tables.audit.append(r);
  });
  afterAll(() => api.close());

  it('lists the entries of a period, newest first, each summarised in the reader language', async () => {
    const r = await api.call('GET', '/api/admin/audit?from=2026-11-01&to=2026-11-30', asAdmin({ locale: 'en' }));
    expect(r.status).toBe(200);
    const entries = r.body.entries as { at: string; actor: string; action: string; summary: string }[];
    expect(entries.map((e) => e.at)).toEqual(RECORDS.slice(0, -1).map((x) => x.at).reverse());
    const summary = (action: string) => entries.find((e) => e.action === action)!.summary;
    expect(summary('catalog.publish')).toBe('Published site site-1: zones +1, desks +3 −1. 2 bookings cancelled.');
    expect(summary('policy.change')).toBe('Changed the rules of site site-1 from 2026-12-14: minimum distance 1.5 → 2, weekly quota - → 3. 4 bookings cancelled.');
    expect(summary('tracing.run')).toBe('Ran a contact-tracing report about bob. 5 results.');
    expect(entries[0]).toMatchObject({ actor: '@eve', action: 'catalog.import', summary: 'Imported site site-1.' });

    const fr = (await api.call('GET', '/api/admin/audit?from=2026-11-01&to=2026-11-30', asAdmin({ locale: 'fr-BE' }))).body.entries;
    expect(fr.find((e: { action: string }) => e.action === 'policy.change').summary).toBe(
      'Règles modifiées pour le site site-1 à partir du 2026-12-14\u00a0: distance minimale 1.5 → 2, quota hebdomadaire - → 3. 4 réservations annulées.',
    );
  });

  it('has a summary for every kind of entry in every language', async () => {
    for (const locale of LOCALES) {
      const entries = (await api.call('GET', '/api/admin/audit?from=2026-10-01&to=2026-11-30', asAdmin({ locale }))).body.entries as { summary: string }[];
      expect(entries).toHaveLength(RECORDS.length);
      for (const e of entries) expect(e.summary).toMatch(/^\S.{8,}\.$/);
    }
    const en = (await api.call('GET', '/api/admin/audit?from=2026-11-10&to=2026-11-10', asAdmin({ locale: 'en' }))).body.entries[0].summary;
    const nl = (await api.call('GET', '/api/admin/audit?from=2026-11-10&to=2026-11-10', asAdmin({ locale: 'nl' }))).body.entries[0].summary;
    expect(nl).toBe('Site site-1 gepubliceerd: zones +1, bureaus +3 −1. 2 reserveringen geannuleerd.');
    expect(nl).not.toBe(en);
  });

  it('exports CSV on Accept: text/csv, escaping cells and defusing spreadsheet formulas', async () => {
    const r = await api.call('GET', '/api/admin/audit?from=2026-11-26&to=2026-11-27', asAdmin({ locale: 'en', headers: { accept: 'text/csv' } }));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = r.text.split('\r\n');
    expect(lines[0]).toBe('at,actor,actorName,action,siteId,count,summary');
    expect(lines[1]).toBe("2026-11-27T09:00:00.000Z,'@eve,'-2+3,catalog.import,site-1,,Imported site site-1.");
    expect(lines[2]).toBe(`2026-11-26T09:00:00.000Z,'+mallory,"'=HYPERLINK(""https://evil.example"",""click"")",catalog.import,site-1,,Imported site site-1.`);
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });

  it('refuses a period it cannot read with 400 naming the field', async () => {
    for (const [query, field] of [['from=yesterday', 'from'], ['to=2026-13-01', 'to'], ['from=2026-11-30&to=2026-11-01', 'from']] as const) {
      const r = await api.call('GET', `/api/admin/audit?${query}`, asAdmin({ locale: 'de' }));
      expect([query, r.status, r.body.field]).toEqual([query, 400, field]);
      expect(r.body.message).toMatch(/Feld/);
    }
  });

  it('reads the last 30 days by default', async () => {
    const r = await api.call('GET', '/api/admin/audit', asAdmin());
    expect(r.body.entries.map((e: { at: string }) => e.at)).toEqual(RECORDS.slice(0, -1).map((x) => x.at).reverse());
  });
});
