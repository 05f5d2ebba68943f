import type { Actor } from '../../src/domain/model';
import { bookDesk, type BookingDeps } from '../../src/use-cases/book-desk';
import { lastDeskOf, nextBookableDays, planBooking } from '../../src/use-cases/booking-wish';
import { suggestForDay } from '../../src/use-cases/suggest-for-day';
import { fixedClock, gridCatalog } from '../support/builders';
import { bookingDeps, inMemoryHarness, type StoreHarness } from '../support/stores';

// Tuesday 1 December 2026, 09:00 in Brussels; the site books Monday to Friday.
const TUESDAY = fixedClock('2026-12-01T08:00:00Z');
const catalog = gridCatalog({ zones: 2, cols: 2, rows: 1, pitch: 2, policy: { minDistanceM: 1.5, bookableWeekdays: [1, 2, 3, 4, 5], zoneCapacity: { kind: 'count', value: 1 } } });
const [z0, z1] = catalog.zones;
const desk = (i: number) => catalog.desks[i]!.id;
const ALICE: Actor = { userId: 'alice', roles: [] };
const BOB: Actor = { userId: 'bob', roles: [] };

describe('what the chat asks for, one floor down', () => {
  let h: StoreHarness;
  let deps: BookingDeps;
  beforeEach(async () => {
    h = await inMemoryHarness();
    deps = await bookingDeps(h, [catalog], TUESDAY);
  });

  async function book(actor: Actor, deskId: string, date: string, on: BookingDeps = deps): Promise<void> {
    const r = await bookDesk(on, { actor, deskId, date, requestId: `${actor.userId}-${date}` });
    if (!r.ok) throw new Error(`test set-up: ${r.error.code}`);
  }

  it('"the same desk as last time" is the latest past booking, else the next one', async () => {
    await book(ALICE, desk(0), '2026-12-02');
    await book(ALICE, desk(2), '2026-12-07');
    expect(await lastDeskOf(deps, ALICE, catalog)).toBe(desk(0));
    const friday = await bookingDeps(h, [catalog], fixedClock('2026-12-04T08:00:00Z'));
    await book(ALICE, desk(3), '2026-12-04', friday);
    expect(await lastDeskOf(friday, ALICE, catalog)).toBe(desk(3));
    expect(await lastDeskOf(deps, BOB, catalog)).toBeUndefined();
  });

  it('offers the next bookable days, skipping the weekend', () => {
    expect(nextBookableDays(deps, catalog, 5)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07']);
  });

  it('drops a feature no desk has, and says so, keeping the rest of the wish', async () => {
    const plan = await planBooking(deps, { actor: ALICE, site: catalog, dates: ['2026-12-03'], zoneIds: [z1!.id], attributes: ['standing', 'sauna'], sameAsLastTime: false });
    expect(plan.missingAttributes).toEqual(['sauna']);
    expect(plan.preferences.require).toEqual({ zoneId: z1!.id, attributes: ['standing'] });
    expect(plan.constraints).toEqual({ zoneId: z1!.id, attributes: ['standing'] });
  });

  it('answers a desk asked for that is taken with its rule, not with another desk', async () => {
    await book(BOB, desk(0), '2026-12-03');
    const found = await suggestForDay(deps, { actor: ALICE, date: '2026-12-03', site: catalog, preferences: {}, wantedDeskId: desk(0) });
    expect(found).toMatchObject({ kind: 'refused', refusal: { code: 'DESK_TAKEN' } });
  });

  it('calls a zone at its cap full, with the rule, rather than "no desk"', async () => {
    await book(BOB, desk(0), '2026-12-03');
    const found = await suggestForDay(deps, { actor: ALICE, date: '2026-12-03', site: catalog, preferences: { require: { zoneId: z0!.id } } });
    expect(found).toMatchObject({ kind: 'refused', refusal: { code: 'ZONE_FULL' } });
    const elsewhere = await suggestForDay(deps, { actor: ALICE, date: '2026-12-03', site: catalog, preferences: { require: { zoneId: z1!.id } } });
    expect(elsewhere).toMatchObject({ kind: 'suggested', otherDeskCount: 1 });
  });
});
