import type { Booking } from '../../src/domain/model';
import type { LedgerWrite } from '../../src/use-cases/ports';
import { checkInvariants } from '../support/invariant-checker';
import { gridCatalog } from '../support/builders';
import type { HarnessFactory, StoreHarness } from '../support/stores';

// Thursday 3 December 2026, 09:00 in Brussels.
const NOW = '2026-12-03T08:00:00Z';
const DAY = '2026-12-03';

function aBooking(over: Partial<Booking> = {}): Booking {
  return {
    id: `${DAY}.booking0001`,
    siteId: 'site-1',
    floorId: 'f1',
    zoneId: 'f1-z0',
    deskId: 'f1-0-0',
    date: DAY,
    userId: 'alice',
    status: 'booked',
    createdAt: NOW,
    requestId: 'req-1',
    ...over,
  };
}

function ledger(zoneId: string, version: string | null, booking?: Booking): LedgerWrite {
  return {
    zoneId,
    floorId: 'f1',
    expectedVersion: version,
    entries: booking ? [{ deskId: booking.deskId, userId: booking.userId, bookingId: booking.id, checkedIn: false }] : [],
  };
}

/** One contract, every store: the in-memory one and the Azure one over Azurite must behave the same. */
export function reservationStoreContract(name: string, factory: HarnessFactory): void {
  describe(`reservation store contract: ${name}`, () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await factory();
    });

    describe('day versions (what lets reports reuse a day\'s figures)', () => {
      it('gives each day with ledgers a version that changes when one of its bookings does, and none to a day without', async () => {
        const b = aBooking();
        expect((await h.reservations.commitBooking({ booking: b, ledgers: [ledger('f1-z0', null, b)] })).committed).toBe(true);
        const before = await h.reservations.dayVersions!('2026-12-02', '2026-12-04');
        expect([...before.keys()]).toEqual([DAY]);
        expect(await h.reservations.dayVersions!(DAY, DAY)).toEqual(before);
        const read = await h.reservations.getBooking(b.id);
        const [l] = await h.reservations.readLedgers(DAY, 'f1', ['f1-z0']);
        const checkedIn = { ...b, status: 'checked-in' as const, checkedInAt: NOW };
        const entries = [{ deskId: b.deskId, userId: b.userId, bookingId: b.id, checkedIn: true }];
        expect((await h.reservations.commitTransition({ booking: checkedIn, expectedVersion: read!.version, ledger: { zoneId: 'f1-z0', floorId: 'f1', expectedVersion: l!.version, entries }, freesDesk: false })).committed).toBe(true);
        expect((await h.reservations.dayVersions!(DAY, DAY)).get(DAY)).not.toBe(before.get(DAY));
      });
    });

    describe('booking commits', () => {
      it('commits a booking with its desk row, person row and ledger, all readable back', async () => {
        const b = aBooking();
        const outcome = await h.reservations.commitBooking({ booking: b, ledgers: [ledger('f1-z0', null, b)] });
        const got = await h.reservations.getBooking(b.id);
        expect(got?.booking).toEqual(b);
        expect(got?.version).toEqual(expect.any(String));
        expect(await h.reservations.readPersonDay(DAY, 'alice')).toEqual({ bookingId: b.id, deskId: b.deskId, requestId: 'req-1' });
        const [l] = await h.reservations.readLedgers(DAY, 'f1', ['f1-z0']);
        expect(l?.entries).toEqual([{ deskId: b.deskId, userId: 'alice', bookingId: b.id, checkedIn: false }]);
        expect(l?.version).not.toBeNull();
        // The commit tells the version it wrote, the very one a read gives: a next booking may decide on it unread.
        expect(outcome).toEqual({ committed: true, ledgerVersions: new Map([['f1-z0', l!.version]]) });
      });

      it('accepts a commit conditioned on the ledger version a commit reported, and refuses one on the version before', async () => {
        const first = aBooking();
        const outcome = await h.reservations.commitBooking({ booking: first, ledgers: [ledger('f1-z0', null, first)] });
        const reported = outcome.committed ? outcome.ledgerVersions?.get('f1-z0') : undefined;
        expect(reported).toEqual(expect.any(String));
        const second = aBooking({ id: `${DAY}.booking0002`, deskId: 'f1-0-9', userId: 'bob', requestId: 'req-2' });
        const entries = [
          { deskId: first.deskId, userId: 'alice', bookingId: first.id, checkedIn: false },
          { deskId: second.deskId, userId: 'bob', bookingId: second.id, checkedIn: false },
        ];
        const onReported = await h.reservations.commitBooking({ booking: second, ledgers: [{ zoneId: 'f1-z0', floorId: 'f1', expectedVersion: reported!, entries }] });
        expect(onReported.committed).toBe(true);
        const third = aBooking({ id: `${DAY}.booking0003`, deskId: 'f1-0-5', userId: 'carol', requestId: 'req-3' });
        const onOld = await h.reservations.commitBooking({ booking: third, ledgers: [{ zoneId: 'f1-z0', floorId: 'f1', expectedVersion: reported!, entries: [...entries, { deskId: third.deskId, userId: 'carol', bookingId: third.id, checkedIn: false }] }] });
        expect(onOld).toEqual({ committed: false, reason: 'conflict' });
      });

      it('refuses a second booking of the same desk and writes none of its rows', async () => {
        const first = aBooking();
        await h.reservations.commitBooking({ booking: first, ledgers: [ledger('f1-z0', null, first)] });
        const [l] = await h.reservations.readLedgers(DAY, 'f1', ['f1-z0']);
        const second = aBooking({ id: `${DAY}.booking0002`, userId: 'bob', requestId: 'req-2' });
        const outcome = await h.reservations.commitBooking({ booking: second, ledgers: [ledger('f1-z0', l!.version, second)] });
        expect(outcome).toEqual({ committed: false, reason: 'conflict' });
        expect(await h.reservations.getBooking(second.id)).toBeNull();
        expect(await h.reservations.readPersonDay(DAY, 'bob')).toBeNull();
      });

      it('refuses a commit made on a stale ledger version, even for another desk', async () => {
        const first = aBooking();
        await h.reservations.commitBooking({ booking: first, ledgers: [ledger('f1-z0', null, first)] });
        const second = aBooking({ id: `${DAY}.booking0002`, deskId: 'f1-0-9', userId: 'bob' });
        // Read "no ledger" before the first commit: creating it now must fail.
        expect(await h.reservations.commitBooking({ booking: second, ledgers: [ledger('f1-z0', null, second)] })).toEqual({
          committed: false,
          reason: 'conflict',
        });
        expect(await h.reservations.getBooking(second.id)).toBeNull();
      });

      it('refuses a second desk for the same person on the same day', async () => {
        const first = aBooking();
        await h.reservations.commitBooking({ booking: first, ledgers: [ledger('f1-z0', null, first)] });
        const second = aBooking({ id: `${DAY}.booking0002`, deskId: 'f1-1-0', zoneId: 'f1-z1' });
        expect((await h.reservations.commitBooking({ booking: second, ledgers: [ledger('f1-z1', null, second)] })).committed).toBe(false);
        expect((await h.reservations.readLedgers(DAY, 'f1', ['f1-z1']))[0]?.version).toBeNull();
      });

      it('keeps ids with characters that table keys forbid, and large ledgers, intact', async () => {
        const userId = '29:1a/b#c?d\\e\u0001 é 中';
        const b = aBooking({ userId, deskId: 'desk/with#odd?chars' });
        const many = Array.from({ length: 400 }, (_, i) => ({ deskId: `desk-${i}-${'x'.repeat(40)}`, userId: `user-${i}-${'y'.repeat(40)}`, bookingId: `${DAY}.b${String(i).padStart(10, '0')}`, checkedIn: i % 2 === 0 }));
        await h.reservations.commitBooking({
          booking: b,
          ledgers: [{ zoneId: 'f1-z0', floorId: 'f1', expectedVersion: null, entries: [...many, { deskId: b.deskId, userId, bookingId: b.id, checkedIn: false }] }],
        });
        expect((await h.reservations.getBooking(b.id))?.booking.userId).toBe(userId);
        expect((await h.reservations.readPersonDay(DAY, userId))?.deskId).toBe('desk/with#odd?chars');
        const [l] = await h.reservations.readLedgers(DAY, 'f1', ['f1-z0']);
        expect(l?.entries).toHaveLength(401);
        expect(l?.entries[400]?.userId).toBe(userId);
        expect(l?.entries[3]).toEqual(many[3]);
      });

      it('answers null for unknown or malformed booking ids', async () => {
        expect(await h.reservations.getBooking(`${DAY}.nosuchbooking`)).toBeNull();
        expect(await h.reservations.getBooking("x' or 1 eq 1")).toBeNull();
        expect(await h.reservations.getBooking('../../etc')).toBeNull();
      });
    });

    describe('transitions', () => {
      it('frees the desk and the person day when a booking ends, in one write', async () => {
        const b = aBooking();
        await h.reservations.commitBooking({ booking: b, ledgers: [ledger('f1-z0', null, b)] });
        const got = (await h.reservations.getBooking(b.id))!;
        const [l] = await h.reservations.readLedgers(DAY, 'f1', ['f1-z0']);
        const released: Booking = { ...b, status: 'released', releasedAt: NOW, releaseReason: 'cancelled', releasedBy: 'alice' };
        expect(
          await h.reservations.commitTransition({ booking: released, expectedVersion: got.version, ledger: ledger('f1-z0', l!.version), freesDesk: true }),
        ).toEqual({ committed: true });
        expect((await h.reservations.getBooking(b.id))?.booking.status).toBe('released');
        expect(await h.reservations.readPersonDay(DAY, 'alice')).toBeNull();
        expect((await h.reservations.readLedgers(DAY, 'f1', ['f1-z0']))[0]?.entries).toEqual([]);
        // The desk can be booked again.
        const again = aBooking({ id: `${DAY}.booking0003`, userId: 'bob' });
        const [l2] = await h.reservations.readLedgers(DAY, 'f1', ['f1-z0']);
        expect((await h.reservations.commitBooking({ booking: again, ledgers: [ledger('f1-z0', l2!.version, again)] })).committed).toBe(true);
      });

      it('lets exactly one of two transitions made on the same version win', async () => {
        const b = aBooking();
        await h.reservations.commitBooking({ booking: b, ledgers: [ledger('f1-z0', null, b)] });
        const got = (await h.reservations.getBooking(b.id))!;
        const [l] = await h.reservations.readLedgers(DAY, 'f1', ['f1-z0']);
        const checkedIn: Booking = { ...b, status: 'checked-in', checkedInAt: NOW };
        const released: Booking = { ...b, status: 'released', releaseReason: 'no-show', releasedAt: NOW };
        const results = await Promise.all([
          h.reservations.commitTransition({ booking: checkedIn, expectedVersion: got.version, ledger: { ...ledger('f1-z0', l!.version, b), entries: [{ deskId: b.deskId, userId: b.userId, bookingId: b.id, checkedIn: true }] }, freesDesk: false }),
          h.reservations.commitTransition({ booking: released, expectedVersion: got.version, ledger: ledger('f1-z0', l!.version), freesDesk: true }),
        ]);
        expect(results.filter((r) => r.committed)).toHaveLength(1);
        const report = await checkInvariants(h.gateway, h.tables.reservations, [gridCatalog()]);
        expect(report.violations).toEqual([]);
      });
    });

    describe("a person's rows over several days (personDaysOfUser)", () => {
      it("gives each day's booking and desk of that person alone, in date order, as the bookings list does", async () => {
        const made: Booking[] = [];
        for (const [i, [date, userId, deskId]] of ([
          ['2026-12-04', 'alice', 'f1-0-1'],
          ['2026-12-02', 'alice', 'f1-0-2'],
          ['2026-12-03', 'alice2', 'f1-0-3'],
          ['2026-12-03', 'al', 'f1-0-4'],
          ['2026-12-09', 'alice', 'f1-0-5'],
        ] as const).entries()) {
          const b = aBooking({ id: `${date}.booking00${i}x`, date, userId, deskId, requestId: `r${i}` });
          const [l] = await h.reservations.readLedgers(date, 'f1', ['f1-z0']);
          expect((await h.reservations.commitBooking({ booking: b, ledgers: [ledger('f1-z0', l!.version, b)].map((w) => ({ ...w, entries: [...l!.entries, ...w.entries] })) })).committed).toBe(true);
          made.push(b);
        }
        const days = await h.reservations.personDaysOfUser!('alice', '2026-12-01', '2026-12-08');
        expect(days.map((d) => [d.date, d.deskId, d.bookingId])).toEqual([
          ['2026-12-02', 'f1-0-2', made[1]!.id],
          ['2026-12-04', 'f1-0-1', made[0]!.id],
        ]);
        const listed = await h.reservations.listActiveBookingsOfUser('alice', '2026-12-01', '2026-12-08');
        expect(listed.map((b) => [b.date, b.deskId, b.id])).toEqual(days.map((d) => [d.date, d.deskId, d.bookingId]));
        expect((await h.reservations.personDaysOfUser!('al', DAY, DAY)).map((d) => d.deskId)).toEqual(['f1-0-4']);
        expect(await h.reservations.personDaysOfUser!('nobody', '2026-12-01', '2026-12-31')).toEqual([]);
        expect(await h.reservations.personDaysOfUser!('alice', '2026-12-05', '2026-12-01')).toEqual([]);
      });

      it('no longer gives a booking once it has ended', async () => {
        const b = aBooking();
        await h.reservations.commitBooking({ booking: b, ledgers: [ledger('f1-z0', null, b)] });
        expect((await h.reservations.personDaysOfUser!('alice', DAY, DAY)).map((d) => d.bookingId)).toEqual([b.id]);
        const got = (await h.reservations.getBooking(b.id))!;
        const [l] = await h.reservations.readLedgers(DAY, 'f1', ['f1-z0']);
        const released: Booking = { ...b, status: 'released', releasedAt: NOW, releaseReason: 'cancelled', releasedBy: 'alice' };
        await h.reservations.commitTransition({ booking: released, expectedVersion: got.version, ledger: ledger('f1-z0', l!.version), freesDesk: true });
        expect(await h.reservations.personDaysOfUser!('alice', DAY, DAY)).toEqual([]);
      });
    });

    describe('weeks', () => {
      it('creates a week row once and replaces it only with the version read', async () => {
        expect(await h.reservations.readWeek('alice', '2026-W49')).toEqual({ entries: [], version: null });
        const e = [{ bookingId: `${DAY}.x1234567`, date: DAY, heldAt: NOW }];
        expect(await h.reservations.writeWeek('alice', '2026-W49', e, null)).toBe(true);
        expect(await h.reservations.writeWeek('alice', '2026-W49', e, null)).toBe(false);
        const w = await h.reservations.readWeek('alice', '2026-W49');
        expect(w.entries).toEqual(e);
        expect(await h.reservations.writeWeek('alice', '2026-W49', [], w.version)).toBe(true);
        expect(await h.reservations.writeWeek('alice', '2026-W49', e, w.version)).toBe(false);
      });
    });
  });
}
