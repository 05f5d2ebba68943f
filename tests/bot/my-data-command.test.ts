import { myDataRequest } from '../../src/bot/my-data-command';
import { TablePersonalDataStore } from '../../src/storage/table-personal-data-store';
import { uniqueTableName } from '../support/azurite';
import { ALICE, cardsOf, messageActivity, post, textOf } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { azuriteHarness, type StoreHarness } from '../support/stores';
import { startOversightServer, type OversightServer } from '../api/oversight-harness';

const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1 });

describe('"my data" in the chat', () => {
  it.each([
    ['my data', 'en'],
    ['Show my personal data please', 'en'],
    ['What data do you have about me?', 'en'],
    ['mes données', 'fr'],
    ['Montre-moi mes données personnelles, s’il vous plaît', 'fr'],
    ['mijn gegevens', 'nl'],
    ['Toon mijn persoonsgegevens', 'nl'],
    ['meine Daten', 'de'],
    ['Zeig mir meine persönlichen Daten bitte', 'de'],
  ])('understands %j as a request in %s', (text, locale) => {
    expect(myDataRequest(text)).toBe(locale);
  });

  it.each([['my bookings'], ['book a desk Thursday'], ['mes réservations'], ['delete my data'], ['data']])('leaves %j to the booking commands', (text) => {
    expect(myDataRequest(text)).toBeNull();
  });

  describe('over HTTP', () => {
    let h: StoreHarness;
    let api: OversightServer;
    beforeAll(async () => {
      h = await azuriteHarness();
      const claims = uniqueTableName('claims');
      await h.gateway.ensureTables([claims]);
      api = await startOversightServer(h, [catalog], NOW, () => ({
        personal: new TablePersonalDataStore(h.gateway, {
          reservations: h.tables.reservations,
          weeks: h.tables.weeks,
          claims,
          conversations: `${h.tables.catalog}conv`.slice(0, 63),
          discussions: `${h.tables.catalog}disc`.slice(0, 63),
        }),
        retentionDays: 90,
      }));
      const r = await api.call('POST', '/api/bookings', { user: ALICE.aadObjectId, body: { deskId: 'f1-0-0', date: '2026-12-03' } });
      expect(r.status).toBe(201);
    });
    afterAll(() => api.close());

    it.each([
      ['my data', 'Your data in Seatwise', 'desk 1.00 (Booked)'],
      ['mes données', 'Vos données dans Seatwise', 'bureau 1.00 (Réservé)'],
      ['mijn gegevens', 'Uw gegevens in Seatwise', 'bureau 1.00'],
      ['meine Daten', 'Ihre Daten in Seatwise', 'Platz 1.00'],
    ])('answers %j with a card of what is stored, in that language, and audits it', async (text, title, line) => {
      const before = (await api.audit.list({ from: '2026-01-01T00:00:00Z', to: '2028-01-01T00:00:00Z' })).filter((e) => e.action === 'person.export').length;
      const res = await post(api.url, messageActivity(ALICE, text, { locale: 'en-US' }));
      expect(res.status).toBe(200);
      const cards = cardsOf(res.json);
      expect(cards).toHaveLength(1);
      const card = textOf(cards[0]);
      expect(card).toContain(title);
      expect(card).toContain(line);
      expect(card).toContain('/api/me/data');
      const after = (await api.audit.list({ from: '2026-01-01T00:00:00Z', to: '2028-01-01T00:00:00Z' })).filter((e) => e.action === 'person.export');
      expect(after.length).toBe(before + 1);
      expect(after.every((e) => e.subject === ALICE.aadObjectId)).toBe(true);
    });
  });
});
