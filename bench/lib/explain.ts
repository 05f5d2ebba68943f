import type { TableOperation } from '../../src/storage/table-gateway';
import type { ReservationStore } from '../../src/use-cases/ports';
import type { Bench, RateResult, StoreWrapper } from './phases';
import { runPool } from './measure';

/** What one request of each kind the booking path sends costs, measured alone with the bench's concurrency. */
export async function unitCosts(bench: Bench, n: number): Promise<{ label: string; result: RateResult }[]> {
  const out: { label: string; result: RateResult }[] = [];
  const warm = 100;
  const c = bench.settings.concurrency;

  // Single creates (the raw figure), which also fill the table the point reads below hit.
  const rows = await bench.freshTable('unitrows');
  await runPool(warm, c, (i) => bench.insertRow(rows, n + i));
  out.push({
    label: 'create, 1 row (= raw insert)',
    result: await bench.rate(n, (i) => bench.insertRow(rows, i)),
  });

  out.push({
    label: 'get, found',
    result: await bench.rate(n, async (i) => {
      if (!(await bench.gateway.get(rows, `p${i % 8}`, `r${String(i).padStart(7, '0')}`)))
        throw new Error(`row ${i} missing`);
    }),
  });
  out.push({
    label: 'get, 404 (e.g. person-day)',
    result: await bench.rate(n, async (i) => {
      if (await bench.gateway.get(rows, `p${i % 8}`, `missing${i}`)) throw new Error(`row missing${i} found`);
    }),
  });

  // A day partition like the storm's: a booking, desk and person row per booking, plus two zone ledgers.
  const day = await bench.freshTable('unitday');
  const entries = JSON.stringify(
    Array.from({ length: 8 }, (_, k) => [`f1-0-${k}`, `person-${k}`, `2026-12-03.id${k}`, 0]),
  );
  const setup: TableOperation[] = [];
  for (let z = 0; z < 2; z++) {
    setup.push({
      kind: 'create',
      entity: {
        partitionKey: 'day|2026-12-03',
        rowKey: `zone|f1|f1-z${z}`,
        kind: 'ledger',
        count: 8,
        chunks: 1,
        entries0: entries,
      },
    });
  }
  for (let k = 0; k < 12; k++) {
    for (const kind of ['booking', 'desk', 'person']) {
      setup.push({
        kind: 'create',
        entity: { partitionKey: 'day|2026-12-03', rowKey: `${kind}|${k}`, kind, bookingId: `b${k}` },
      });
    }
  }
  await bench.gateway.transact(day, 'day|2026-12-03', setup);
  const ledgers = () =>
    bench.gateway.queryPartition(day, 'day|2026-12-03', { from: 'zone|f1|', to: 'zone|f1}' });
  await runPool(warm, c, async () => void (await ledgers()));
  out.push({
    label: 'query zone ledgers (2 rows)',
    result: await bench.rate(n, async () => void (await ledgers())),
  });

  // The shape of a booking commit: 3 creates and 2 ledger writes in one partition.
  const commits = await bench.freshTable('unitbatch');
  const commit = async (i: number): Promise<void> => {
    const pk = `b${i}`;
    const ops: TableOperation[] = [
      ...['booking', 'desk', 'person'].map((kind): TableOperation => ({
        kind: 'create',
        entity: { partitionKey: pk, rowKey: `${kind}|x`, kind },
      })),
      ...[0, 1].map((z): TableOperation => ({
        kind: 'upsert',
        entity: { partitionKey: pk, rowKey: `zone|f1|z${z}`, kind: 'ledger', entries0: entries },
      })),
    ];
    if ((await bench.gateway.transact(commits, pk, ops)) !== 'ok') throw new Error(`batch ${i} refused`);
  };
  await runPool(warm, c, (i) => commit(n + i));
  out.push({ label: 'batch of 5 (3 create + 2 upsert)', result: await bench.rate(n, commit) });
  return out;
}

/**
 * What-if: the storm without the "same desk on another day" alternatives. Reads of a day other than the attempt's
 * own answer "the person already has a desk that day" without a request, so no other day is offered. This changes
 * what a refusal carries, so it only estimates what moving or caching that lookup would be worth.
 */
export const withoutOtherDayReads: StoreWrapper = (store, gateway) => {
  const otherDay = (date: string): boolean => {
    const t = gateway.current();
    return t !== undefined && t.date !== date;
  };
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'readLedgers') {
        const read: ReservationStore['readLedgers'] = (date, floorId, zoneIds) =>
          otherDay(date)
            ? Promise.resolve(zoneIds.map((zoneId) => ({ zoneId, entries: [], version: null })))
            : target.readLedgers(date, floorId, zoneIds);
        return read;
      }
      if (prop === 'readPersonDay') {
        const read: ReservationStore['readPersonDay'] = (date, userId) =>
          otherDay(date)
            ? Promise.resolve({ bookingId: 'what-if', deskId: 'what-if' })
            : target.readPersonDay(date, userId);
        return read;
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
};
