/**
 * The occupancy report bench: a week of 600 bookings a day over 3 sites against one day's report, on the same
 * Azurite and the same rows, measured twice: while the week is live (every report reads and counts its seven day
 * partitions) and once it has settled (the first report archives its figures, later ones read them in one query).
 * The goal is that a week takes at most twice as long as a day.
 *
 * Live days are measured twice: "uncached", as before (every report reads every booking row of every day), and
 * "cached", as the server runs (a day's figures are reused while its zone ledgers' versions stand, so a report reads
 * the days' zone ledgers in one query instead of hundreds of bookings a day). The first, cold report is shown beside them.
 */
import { performance } from 'node:perf_hooks';
import type { Booking, LedgerEntry } from '../../src/domain/model';
import { addDays } from '../../src/domain/civil-date';
import type { EmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { bookingToEntity, dayPartition, ledgerEntity } from '../../src/storage/reservation-rows';
import type { TableOperation } from '../../src/storage/table-gateway';
import { TableOccupancyArchive } from '../../src/storage/table-occupancy-archive';
import { TableReservationStore } from '../../src/storage/table-reservation-store';
import { CatalogIndex } from '../../src/use-cases/catalog-index';
import { occupancyReport } from '../../src/use-cases/occupancy-report';
import { fixedClock, gridCatalog } from '../../tests/support/builders';
import { median } from './measure';

export interface OccupancyFigures {
  readonly bookingsPerDay: number;
  /** The week is still live (days within the settling margin): every day's booking rows are read and counted. */
  readonly live: { readonly dayMs: number; readonly weekMs: number; readonly ratio: number };
  /** The same live week, reusing each day's figures while the day's ledgers are unchanged; first = a cold report. */
  readonly liveCached: { readonly dayMs: number; readonly weekMs: number; readonly ratio: number; readonly firstWeekMs: number };
  /** The week has settled: its figures were archived by the first report, and later ones read the archive. */
  readonly settled: { readonly dayMs: number; readonly weekMs: number; readonly ratio: number; readonly firstWeekMs: number };
  readonly rounds: number;
}

const SITES = 3;
const PER_SITE_PER_DAY = 200;
const MONDAY = '2027-03-01';

export async function occupancyFigures(azurite: EmbeddedAzurite | string, rounds = 7): Promise<OccupancyFigures> {
  const connectionString = typeof azurite === 'string' ? azurite : azurite.connectionString;
  const gateway = new AzureTableGateway({ kind: 'connection-string', connectionString }, { timeoutMs: 60_000 });
  const stamp = Date.now().toString(36);
  const tables = { reservations: `occres${stamp}`, weeks: `occwk${stamp}` };
  const store = new TableReservationStore(gateway, tables);
  await store.init();
  const archive = new TableOccupancyArchive(gateway, `occarc${stamp}`);
  await archive.init();
  const catalogs = Array.from({ length: SITES }, (_, s) =>
    gridCatalog({ siteId: `site-${s}`, floorId: `s${s}f1`, zones: 4, cols: 10, rows: 8, pitch: 2, policy: { minDistanceM: 1.5 } }),
  );
  const index = new CatalogIndex(catalogs);
  const catalog = { current: async () => index };
  for (let d = 0; d < 7; d++) {
    const date = addDays(MONDAY, d);
    const ops: TableOperation[] = [];
    // Each zone's ledger, as every booking writes it: what tells a report that a day changed.
    const ledgers = new Map<string, { floorId: string; zoneId: string; entries: LedgerEntry[] }>();
    for (const c of catalogs) {
      for (let i = 0; i < PER_SITE_PER_DAY; i++) {
        const desk = c.desks[i % c.desks.length]!;
        const status = i % 10 === 0 ? 'released' : i % 3 === 0 ? 'checked-in' : 'booked';
        const b: Booking = {
          id: `${date}.bench${c.site.id.slice(-1)}${String(i).padStart(6, '0')}`,
          siteId: c.site.id,
          floorId: desk.floorId,
          zoneId: desk.zoneId,
          deskId: desk.id,
          date,
          userId: `user-${c.site.id}-${i}`,
          userName: `User ${i}`,
          status,
          createdAt: `${addDays(date, -3)}T08:00:00.000Z`,
          ...(status === 'checked-in' && { checkedInAt: `${date}T08:30:00.000Z` }),
          ...(status === 'released' && { releasedAt: `${date}T09:00:00.000Z`, releaseReason: 'no-show' as const, releasedBy: 'system' }),
        };
        ops.push({ kind: 'create', entity: bookingToEntity(b) });
        const ledger = ledgers.get(desk.zoneId) ?? { floorId: desk.floorId, zoneId: desk.zoneId, entries: [] };
        if (status !== 'released') ledger.entries.push({ deskId: desk.id, userId: b.userId, bookingId: b.id, checkedIn: status === 'checked-in' });
        ledgers.set(desk.zoneId, ledger);
      }
    }
    for (const l of ledgers.values()) ops.push({ kind: 'create', entity: ledgerEntity(date, l.floorId, l.zoneId, l.entries) });
    for (let i = 0; i < ops.length; i += 100) await gateway.transact(tables.reservations, dayPartition(date), ops.slice(i, i + 100));
  }
  const sunday = addDays(MONDAY, 6);
  const measure = async (deps: Parameters<typeof occupancyReport>[0]) => {
    const run = async (to: string): Promise<number> => {
      const t0 = performance.now();
      for (const c of catalogs) {
        const report = await occupancyReport(deps, { siteId: c.site.id, from: MONDAY, to });
        if (!report || report.rows.length === 0) throw new Error('occupancy bench: empty report');
        JSON.stringify(report);
      }
      return performance.now() - t0;
    };
    const firstWeekMs = await run(sunday);
    await run(MONDAY);
    const days: number[] = [];
    const weeks: number[] = [];
    for (let r = 0; r < rounds; r++) {
      days.push(await run(MONDAY));
      weeks.push(await run(sunday));
    }
    const dayMs = median(days);
    const weekMs = median(weeks);
    return { dayMs, weekMs, ratio: weekMs / dayMs, firstWeekMs };
  };
  // Live: the Wednesday of that week, so no day of it has settled yet. Uncached: the store without its day versions.
  const wednesday = fixedClock(`${addDays(MONDAY, 2)}T12:00:00Z`);
  const live = await measure({ store: { listBookingsOfDay: (date) => store.listBookingsOfDay(date) }, catalog, archive, clock: wednesday });
  const liveCached = await measure({ store, catalog, archive, clock: wednesday });
  // A month later: the first report archives the week, the next ones read it back.
  const settled = await measure({ store, catalog, archive, clock: fixedClock(`${addDays(MONDAY, 30)}T12:00:00Z`) });
  return { bookingsPerDay: SITES * PER_SITE_PER_DAY, live: { dayMs: live.dayMs, weekMs: live.weekMs, ratio: live.ratio }, liveCached, settled, rounds };
}

export function occupancyBenchOk(f: OccupancyFigures): boolean {
  return f.settled.ratio <= 2 && f.liveCached.ratio <= 2;
}

export function occupancyBenchLine(f: OccupancyFigures): string {
  return (
    `${'occupancy report'.padEnd(32)}settled week ${f.settled.weekMs.toFixed(1)} ms vs one day ${f.settled.dayMs.toFixed(1)} ms = ratio ${f.settled.ratio.toFixed(2)} (goal <= 2; ` +
    `its first report, which archives it, ${f.settled.firstWeekMs.toFixed(0)} ms)   ` +
    `live week, before (uncached) ${f.live.weekMs.toFixed(1)} ms vs one day ${f.live.dayMs.toFixed(1)} ms = ratio ${f.live.ratio.toFixed(2)}; ` +
    `after (cached) ${f.liveCached.weekMs.toFixed(1)} ms vs ${f.liveCached.dayMs.toFixed(1)} ms = ratio ${f.liveCached.ratio.toFixed(2)} (goal <= 2; cold first week ${f.liveCached.firstWeekMs.toFixed(0)} ms)   ` +
    `(${f.bookingsPerDay} bookings a day over ${SITES} sites, every site's report, median of ${f.rounds})`
  );
}
