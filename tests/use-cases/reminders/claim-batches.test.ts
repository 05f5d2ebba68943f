import { acquireAll, claimBatches, runBatches } from '../../../src/use-cases/reminders/pass-support';
import type { AcquireInput, AcquireResult, ClaimKey, ClaimStore } from '../../../src/use-cases/reminders/reminder-ports';

const key = (id: string): ClaimKey => ({ date: '2026-12-03', bookingId: id, kind: 'reminder' });

describe('claimBatches: the work of a pass in batches whose claims can be created together', () => {
  it("groups items by the store's batch key, in key order, at most `size` a batch, each item once", () => {
    const ids = Array.from({ length: 23 }, (_, i) => `b${i}`);
    // Three "partitions": by the id's number modulo 3.
    const store = { batchKey: (k: ClaimKey) => `p${Number(k.bookingId.slice(1)) % 3}` };
    const batches = claimBatches(store, ids, key, 4);
    expect(batches.flat().sort()).toEqual([...ids].sort());
    expect(batches.every((b) => b.length <= 4 && new Set(b.map((id) => store.batchKey(key(id)))).size === 1)).toBe(true);
    expect(batches.map((b) => store.batchKey(key(b[0]!)))).toEqual(['p0', 'p0', 'p1', 'p1', 'p2', 'p2']);
    expect(batches.map((b) => b.length)).toEqual([4, 4, 4, 4, 4, 3]);
  });

  it('makes one batch an item when the store cannot create claims together', () => {
    expect(claimBatches({}, ['a', 'b', 'c'], key, 8)).toEqual([['a'], ['b'], ['c']]);
  });
});

describe('acquireAll: claims taken together when the store can, else one by one', () => {
  const input = (id: string): AcquireInput => ({ ...key(id), siteId: 's', userId: id, owner: 'me', now: new Date(0), leaseMs: 1 });
  const result = (id: string): AcquireResult => ({ acquired: false, current: { ...input(id), state: 'sent', attempts: 1, leaseUntil: '', updatedAt: '' } });

  it("uses the store's acquireAll for several inputs, and acquire without it", async () => {
    const calls: string[] = [];
    const base: ClaimStore = {
      acquire: (i) => (calls.push(`one ${i.bookingId}`), Promise.resolve(result(i.bookingId))),
      update: () => Promise.resolve(null),
      finish: () => Promise.resolve(false),
      listDay: () => Promise.resolve([]),
    };
    const batching: ClaimStore = {
      ...base,
      acquireAll: (inputs) => (calls.push(`all ${inputs.map((i) => i.bookingId).join(',')}`), Promise.resolve(inputs.map((i) => result(i.bookingId)))),
    };
    expect((await acquireAll(batching, [input('a'), input('b')])).map((r) => !r.acquired && r.current.bookingId)).toEqual(['a', 'b']);
    await acquireAll(base, [input('c'), input('d')]);
    expect(calls).toEqual(['all a,b', 'one c', 'one d']);
  });
});

describe('runBatches: batches with at most `concurrency` items in flight, each freeing its place when it ends', () => {
  const tick = () => new Promise<void>((r) => setImmediate(r));

  it('starts a batch when there is room for it, and a slow item holds up only its own place', async () => {
    let inFlight = 0;
    let most = 0;
    const release = new Map<string, () => void>();
    const order: string[] = [];
    const batches = [['a1', 'a2', 'slow'], ['b1', 'b2'], ['c1', 'c2', 'c3']];
    const run = runBatches(batches, 4, () => false, async (batch, done) => {
      await Promise.all(
        batch.map(async (item) => {
          inFlight++;
          most = Math.max(most, inFlight);
          order.push(item);
          await new Promise<void>((r) => release.set(item, r));
          inFlight--;
          done();
        }),
      );
    });
    await tick();
    expect(order).toEqual(['a1', 'a2', 'slow']);
    for (const item of ['a1', 'a2']) release.get(item)!();
    await tick();
    // 'slow' still runs: b starts beside it.
    expect(order).toEqual(['a1', 'a2', 'slow', 'b1', 'b2']);
    for (const item of ['b1', 'b2']) release.get(item)!();
    await tick();
    expect(order.slice(5)).toEqual(['c1', 'c2', 'c3']);
    for (const item of ['slow', 'c1', 'c2', 'c3']) release.get(item)!();
    expect(await run).toBe(8);
    expect(most).toBeLessThanOrEqual(4);
  });

  it('starts no batch once stopped, and says how many items were started', async () => {
    let stop = false;
    const seen: string[] = [];
    const started = await runBatches([['a'], ['b'], ['c']], 1, () => stop, async (batch) => {
      seen.push(...batch);
      stop = true;
      await tick();
    });
    expect(seen).toEqual(['a']);
    expect(started).toBe(1);
  });

  it('lets every started batch finish, then throws what one of them threw', async () => {
    const finished: string[] = [];
    const run = runBatches([['a'], ['b']], 2, () => false, async (batch) => {
      await tick();
      if (batch[0] === 'a') throw new Error('boom');
      finished.push(batch[0]!);
    });
    await expect(run).rejects.toThrow('boom');
    expect(finished).toEqual(['b']);
  });
});
