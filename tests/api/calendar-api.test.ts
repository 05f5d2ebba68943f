import nock from 'nock';
import { ALICE, BOB, actionsOf, cardsOf, executeActivity, invokeCard, messageActivity, post } from '../support/bot-harness';
import { gridCatalog } from '../support/builders';
import { startSeriesServer, type SeriesServer } from '../support/series-server';
import { azuriteHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels.
const NOW = '2026-12-01T08:00:00Z';
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, bookableWeekdays: [1, 2, 3, 4, 5] } });
const PUBLIC = 'https://seatwise.example.org';

/** The unfolded lines of an iCalendar text (RFC 5545 folds long lines with CRLF + space). */
function lines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
}

describe('a booking as a calendar file', () => {
  let api: SeriesServer;
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    api = await startSeriesServer(await azuriteHarness(), [catalog], NOW, { config: { publicUrl: PUBLIC } });
  });
  afterEach(() => api.close());

  it('is an all-day VEVENT on the booking day with the desk, floor and a link to the map; a cancel gives METHOD:CANCEL with the same UID and a higher SEQUENCE', async () => {
    const booking = (await api.call('POST', '/api/bookings', { body: { deskId: 'f1-0-5', date: '2026-12-03' } })).body;
    const r = await api.call('GET', `/api/bookings/${booking.id}/ics`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = lines(r.text);
    expect(ics).toEqual(expect.arrayContaining([
      'BEGIN:VCALENDAR', 'METHOD:PUBLISH', 'X-WR-TIMEZONE:Europe/Brussels', 'BEGIN:VEVENT',
      `UID:${booking.id}@seatwise`, 'SEQUENCE:0', 'DTSTART;VALUE=DATE:20261203', 'DTEND;VALUE=DATE:20261204',
      'SUMMARY:Desk 1.05', 'LOCATION:1.05\\, Zone A\\, Floor 1\\, Test site', 'STATUS:CONFIRMED', 'TRANSP:TRANSPARENT', 'END:VEVENT',
    ]));
    expect(ics.find((l) => l.startsWith('URL'))).toMatch(/^URL(;VALUE=URI)?:https:\/\/teams\.microsoft\.com\/l\/entity\/seatwise-test-app\/book\?context=/);
    expect(ics.find((l) => l.startsWith('DESCRIPTION:'))).toContain('Floor 1');

    expect((await api.call('DELETE', `/api/bookings/${booking.id}`)).status).toBe(204);
    const cancelled = lines((await api.call('GET', `/api/bookings/${booking.id}/ics`, { headers: { 'accept-language': 'fr-BE' } })).text);
    expect(cancelled).toEqual(expect.arrayContaining(['METHOD:CANCEL', `UID:${booking.id}@seatwise`, 'SEQUENCE:1', 'STATUS:CANCELLED', 'DTSTART;VALUE=DATE:20261203']));
    // French puts a (narrow no-break) space before the colon.
    expect(cancelled.find((l) => l.startsWith('SUMMARY:'))).toMatch(/^SUMMARY:Annulé\s:\sbureau 1\.05$/u);
  });

  it('says nothing of a map link when the app has no Teams id to link to', async () => {
    const bare = await startSeriesServer(await azuriteHarness(), [catalog], NOW, { config: { teamsAppId: '' } });
    try {
      const booking = (await bare.call('POST', '/api/bookings', { body: { deskId: 'f1-0-6', date: '2026-12-03' } })).body;
      const ics = lines((await bare.call('GET', `/api/bookings/${booking.id}/ics`)).text);
      expect(ics.find((l) => l.startsWith('DESCRIPTION:'))).toBe('DESCRIPTION:Desk 1.06\\, Zone A\\, Floor 1\\, Test site\\, booked in Seatwise.');
      expect(ics.some((l) => l.startsWith('URL'))).toBe(false);
    } finally {
      await bare.close();
    }
  });

  it('is for the owner and admins only: 403 for a colleague, 404 for a booking that does not exist, 401 without sign-in or a signed link', async () => {
    const booking = (await api.call('POST', '/api/bookings', { body: { deskId: 'f1-0-5', date: '2026-12-03' } })).body;
    expect((await api.call('GET', `/api/bookings/${booking.id}/ics`, { user: 'bob' })).status).toBe(403);
    expect((await api.call('GET', `/api/bookings/${booking.id}/ics`, { user: 'carol', headers: { 'x-dev-roles': 'admin' } })).status).toBe(200);
    expect((await api.call('GET', '/api/bookings/2026-12-03.doesnotexist1/ics')).status).toBe(404);
    const anonymous = await fetch(`${api.url}/api/bookings/${booking.id}/ics`);
    expect(anonymous.status).toBe(401);
    const forged = await fetch(`${api.url}/api/bookings/${booking.id}/ics?token=${'A'.repeat(43)}`);
    expect(forged.status).toBe(403);
  });

  it('is offered on the booked card of the chat, in the person language, as a signed link a browser opens without sign-in', async () => {
    const say = async (text: string) => cardsOf((await post(api.url, messageActivity(ALICE, text, { locale: 'nl-BE' }))).json)[0]!;
    const suggestion = await say('boek een bureau donderdag');
    const confirm = actionsOf(suggestion).find((a) => a.verb === 'book.confirm')!;
    const booked = invokeCard((await post(api.url, executeActivity(ALICE, confirm.data, { locale: 'nl-BE' }))).json);
    const open = JSON.stringify(booked).match(/"type":"Action\.OpenUrl","title":"Toevoegen aan agenda","url":"([^"]+)"/);
    expect(open).not.toBeNull();
    const link = new URL(open![1]!);
    expect(link.origin).toBe(PUBLIC);
    const res = await fetch(`${api.url}${link.pathname}${link.search}`);
    expect(res.status).toBe(200);
    const [mine] = (await api.call('GET', '/api/bookings', { user: ALICE.aadObjectId })).body;
    expect(lines(await res.text())).toEqual(expect.arrayContaining([`UID:${mine.id}@seatwise`, `SUMMARY:Bureau ${mine.deskLabel}`, 'DTSTART;VALUE=DATE:20261203']));
    // The link opens that booking only: the same token on a colleague's booking is refused.
    const bobs = (await api.call('POST', '/api/bookings', { user: BOB.aadObjectId, body: { deskId: 'f1-1-19', date: '2026-12-04' } })).body;
    expect((await fetch(`${api.url}/api/bookings/${bobs.id}/ics${link.search}`)).status).toBe(403);
  });

  it('makes the signed link stop working 60 days after the card, saying so in the card’s language; a stretched end is refused', async () => {
    const say = async (text: string) => cardsOf((await post(api.url, messageActivity(ALICE, text, { locale: 'de-DE' }))).json)[0]!;
    const confirm = actionsOf(await say('Donnerstag einen Schreibtisch buchen')).find((a) => a.verb === 'book.confirm')!;
    const booked = invokeCard((await post(api.url, executeActivity(ALICE, confirm.data, { locale: 'de-DE' }))).json);
    const link = new URL(JSON.stringify(booked).match(/"type":"Action\.OpenUrl","title":"Zum Kalender hinzufügen","url":"([^"]+)"/)![1]!);
    const exp = Number(link.searchParams.get('exp'));
    expect(exp).toBe(Date.parse(NOW) / 1000 + 60 * 86_400);
    const open = (search: string) => fetch(`${api.url}${link.pathname}${search}`);

    api.clock.set(new Date((exp - 60) * 1000).toISOString());
    expect((await open(link.search)).status).toBe(200);
    api.clock.set(new Date(exp * 1000).toISOString());
    const expired = await open(link.search);
    expect(expired.status).toBe(403);
    const body = (await expired.json()) as { code: string; message: string };
    expect(body).toEqual({ code: 'LINK_EXPIRED', message: expect.stringMatching(/^Dieser Kalenderlink ist abgelaufen\..*Zum Kalender hinzufügen/) });

    // Moving the end in the link breaks its signature; so does dropping it.
    const stretched = new URLSearchParams(link.search);
    stretched.set('exp', String(exp + 86_400));
    expect(((await (await open(`?${stretched}`)).json()) as { code: string }).code).toBe('NOT_ALLOWED');
    const bare = new URLSearchParams(link.search);
    bare.delete('exp');
    expect(((await (await open(`?${bare}`)).json()) as { code: string }).code).toBe('NOT_ALLOWED');
  });
});
