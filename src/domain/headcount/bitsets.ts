// Sets of local vertex indices as arrays of 32-bit words, for the exact search.

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export function lowestBit(word: number): number {
  return 31 - Math.clz32(word & -word);
}

export function isEmpty(set: Uint32Array): boolean {
  for (let k = 0; k < set.length; k++) if (set[k] !== 0) return false;
  return true;
}

export function countBits(set: Uint32Array): number {
  let c = 0;
  for (let k = 0; k < set.length; k++) c += popcount(set[k]!);
  return c;
}

export function removeBit(set: Uint32Array, v: number): void {
  set[v >>> 5]! &= ~(1 << (v & 31));
}
