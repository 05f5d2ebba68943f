import { acquireAll, claimBatches } from '../../../src/use-cases/reminders/pass-support';
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
