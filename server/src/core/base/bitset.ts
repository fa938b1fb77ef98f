// Sets of row numbers as packed bits: bit i of word i >>> 5 is row i. Every
// condition evaluates to one of these, so `and`/`or`/`not` are word-wise
// operations over n/32 words instead of per-row work. Bits at positions >= size
// in the last word are always 0, so counts and negations stay exact.
// The store's missing-value masks (sample/store.ts RowMask) have this layout and
// are built and read with these same functions; this module imports nothing.

export type Bitset = Uint32Array;

export function wordCount(size: number): number {
  return (size + 31) >>> 5;
}

export function emptyBitset(size: number): Bitset {
  return new Uint32Array(wordCount(size));
}

export function fullBitset(size: number): Bitset {
  const bits = new Uint32Array(wordCount(size)).fill(0xffffffff);
  clearTail(bits, size);
  return bits;
}

/** Zeroes the bits past `size` in the last word. */
function clearTail(bits: Bitset, size: number): void {
  const rest = size & 31;
  if (rest !== 0) bits[bits.length - 1] &= (1 << rest) - 1;
}

export function hasBit(bits: Bitset, i: number): boolean {
  return (bits[i >>> 5] & (1 << (i & 31))) !== 0;
}

export function setBit(bits: Bitset, i: number): void {
  bits[i >>> 5] |= 1 << (i & 31);
}

export function andBits(a: Bitset, b: Bitset): Bitset {
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w++) out[w] = a[w] & b[w];
  return out;
}

export function orBits(a: Bitset, b: Bitset): Bitset {
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w++) out[w] = a[w] | b[w];
  return out;
}

/** a and not b */
export function andNotBits(a: Bitset, b: Bitset): Bitset {
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w++) out[w] = a[w] & ~b[w];
  return out;
}

export function notBits(a: Bitset, size: number): Bitset {
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w++) out[w] = ~a[w];
  clearTail(out, size);
  return out;
}

export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function countBits(bits: Bitset): number {
  let n = 0;
  for (let w = 0; w < bits.length; w++) n += popcount32(bits[w]);
  return n;
}

/** Row numbers of the set bits, ascending. */
export function bitsetToIndices(bits: Bitset): Uint32Array {
  const out = new Uint32Array(countBits(bits));
  let k = 0;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w];
    while (word !== 0) {
      const low = word & -word;
      out[k++] = (w << 5) + (31 - Math.clz32(low));
      word ^= low;
    }
  }
  return out;
}

/** The first set bit in rows [start, end), or -1. */
export function firstSetBit(bits: Bitset, start: number, end: number): number {
  if (end <= start) return -1;
  const first = start >>> 5;
  const last = (end - 1) >>> 5;
  for (let w = first; w <= last; w++) {
    let word = bits[w];
    if (w === first) word &= ~0 << (start & 31);
    if (w === last && (end & 31) !== 0) word &= (1 << (end & 31)) - 1;
    if (word !== 0) return (w << 5) + (31 - Math.clz32(word & -word));
  }
  return -1;
}

/** The last set bit in rows [start, end), or -1. */
export function lastSetBit(bits: Bitset, start: number, end: number): number {
  if (end <= start) return -1;
  const first = start >>> 5;
  const last = (end - 1) >>> 5;
  for (let w = last; w >= first; w--) {
    let word = bits[w];
    if (w === first) word &= ~0 << (start & 31);
    if (w === last && (end & 31) !== 0) word &= (1 << (end & 31)) - 1;
    if (word !== 0) return (w << 5) + (31 - Math.clz32(word));
  }
  return -1;
}

/** The number of set bits in rows [start, end). */
export function countInRange(bits: Bitset, start: number, end: number): number {
  let count = 0;
  const first = start >>> 5;
  const last = (end - 1) >>> 5;
  if (end <= start) return 0;
  for (let w = first; w <= last; w++) {
    let word = bits[w];
    if (w === first) word &= ~0 << (start & 31);
    if (w === last && (end & 31) !== 0) word &= (1 << (end & 31)) - 1;
    count += popcount32(word);
  }
  return count;
}
