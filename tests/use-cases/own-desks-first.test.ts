import type { Actor } from '../../src/domain/model';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { TableFavouritesStore } from '../../src/storage/table-favourites-store';
import { TableSeriesStore } from '../../src/storage/table-series-store';
import { bookDesk, type BookingDeps } from '../../src/use-cases/book-desk';
import { createSeries } from '../../src/use-cases/book-series';
import { previewSeries } from '../../src/use-cases/preview-series';
import { suggestForDay } from '../../src/use-cases/suggest-for-day';
import { fixedClock, gridCatalog } from '../support/builders';
import { bookingDeps, inMemoryHarness, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels; the site books Monday to Friday.
const TUESDAY = fixedClock('2026-12-01T08:00:00Z');
const THURSDAY = '2026-12-03';
/** Zone A desks 1.00–1.19 and zone B desks 2.00–2.19, 4 × 5 one metre apart; D is 1.5 m. */
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 1, policy: { minDistanceM: 1.5, bookableWeekdays: [1, 2, 3, 4, 5] } });
const desk = (label: string): string => catalog.desks.find((d) => d.label === label)!.id;
const ALICE: Actor = { userId: 'alice', roles: [] };
const BOB: Actor = { userId: 'bob', roles: [] };

describe('a suggestion offers the person\'s own desks first: favourites in their order, then last time\'s desk', () => {
  let h: StoreHarness;
  let deps: BookingDeps & { favourites: TableFavouritesStore };

  beforeEach(async () => {
    h = await inMemoryHarness();
    const favourites = new TableFavouritesStore(new InMemoryTableGateway(), 'favourites');
    await favourites.init();
    deps = { ...(await bookingDeps(h, [catalog], TUESDAY)), favourites };
  });

  async function favour(...labels: string[]): Promise<void> {
    // The person's order is the order they were added in.
    for (const [i, label] of labels.entries()) await deps.favourites.add(ALICE.userId, { deskId: desk(label), addedAt: `2026-11-0${i + 1}T10:00:00Z` });
  }

  async function book(actor: Actor, label: string, date: string): Promise<void> {
    const r = await bookDesk(deps, { actor, deskId: desk(label), date, requestId: `${actor.userId}-${date}` });
    if (!r.ok) throw new Error(`test set-up: ${r.error.code}`);
  }

  async function suggestion(preferences = {}) {
    const found = await suggestForDay(deps, { actor: ALICE, date: THURSDAY, site: catalog, preferences });
    if (found.kind !== 'suggested') throw new Error(`no suggestion: ${found.kind}`);
    return { label: found.suggestion.desk.label, ownDesk: found.ownDesk, asked: found.suggestion.why.favourite };
  }

  it('without favourites or bookings, it is the usual choice, and says nothing of one\'s own desks', async () => {
    expect(await suggestion()).toEqual({ label: '1.00', ownDesk: undefined, asked: false });
  });

  it('offers the first favourite when it is free, and calls it a favourite, not a desk asked for', async () => {
    await favour('2.07', '1.05');
    expect(await suggestion()).toEqual({ label: '2.07', ownDesk: 'favourite', asked: false });
  });

  it('goes to the next favourite when the first is taken, or too close to a booked desk', async () => {
    await favour('2.07', '1.05', '1.18');
    await book(BOB, '2.07', THURSDAY);
    expect((await suggestion()).label).toBe('1.05');
    // 1.04 is a metre from 1.05: with D = 1.5 m, 1.05 may not be booked either.
    await book({ userId: 'carol', roles: [] }, '1.04', THURSDAY);
    expect(await suggestion()).toEqual({ label: '1.18', ownDesk: 'favourite', asked: false });
  });

  it('offers the desk of last time when no favourite is free', async () => {
    await book(ALICE, '2.10', '2026-12-02');
    expect(await suggestion()).toEqual({ label: '2.10', ownDesk: 'last-time', asked: false });
    await favour('1.13');
    expect((await suggestion()).label).toBe('1.13');
    await book(BOB, '1.13', THURSDAY);
    expect(await suggestion()).toEqual({ label: '2.10', ownDesk: 'last-time', asked: false });
  });

  it('puts a desk asked for before the favourites, and a required zone above them all', async () => {
    await favour('2.07');
    expect(await suggestion({ prefer: { favouriteDeskIds: [desk('1.09')] } })).toEqual({ label: '1.09', ownDesk: undefined, asked: true });
    const zoneA = catalog.zones[0]!.id;
    expect((await suggestion({ require: { zoneId: zoneA } })).label).toBe('1.00');
  });

  it('books a series without a desk on the favourite each day, as its preview said', async () => {
    await favour('2.07');
    const series = new TableSeriesStore(new InMemoryTableGateway(), 'series');
    await series.init();
    const seriesDeps = { ...deps, series };
    const command = { actor: ALICE, weekdays: [2, 4], from: '2026-12-01', until: '2026-12-10' };
    const preview = await previewSeries(seriesDeps, command);
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.value.days.map((d) => (d.state === 'book' ? d.deskId : d.state))).toEqual([desk('2.07'), desk('2.07'), desk('2.07'), desk('2.07')]);
    const made = await createSeries(seriesDeps, { ...command, requestId: 'r1' });
    if (!made.ok) throw new Error(made.error.code);
    const booked = await h.reservations.listActiveBookingsOfUser(ALICE.userId, '2026-12-01', '2026-12-10');
    expect(booked.map((b) => [b.date, b.deskId])).toEqual([
      ['2026-12-01', desk('2.07')],
      ['2026-12-03', desk('2.07')],
      ['2026-12-08', desk('2.07')],
      ['2026-12-10', desk('2.07')],
    ]);
  });
});
