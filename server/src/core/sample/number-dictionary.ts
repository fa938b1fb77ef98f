// Numbers interned to small integer codes while a column loads, the way
// ByteDictionary interns text: one hash probe per cell, first-seen codes. At the
// end the distinct values are sorted and the codes renumbered once, so that a
// NumberColumn's codes follow the order of its values.
import type { CodeArray, OrderedCodes } from './store';
import { CodeBuffer } from './code-array';

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/** A hash of the double's 64 bits. */
function hashOf(value: number): number {
  scratch[0] = value;
  const h = Math.imul(scratchWords[0] ^ Math.imul(scratchWords[1], 0x85ebca6b), 0x9e3779b1);
  return h ^ (h >>> 15);
}

export class NumberDictionary {
  private keys = new Float64Array(64);
  private count = 0;
  /** Open addressing: code + 1, 0 = empty slot. */
  private table = new Int32Array(128);
  private mask = 127;
  /** The last value looked up and its code: runs of one value skip the hash. */
  private lastValue = NaN;
  private lastCode = -1;

  get size(): number {
    return this.count;
  }

  /** Bytes held, for the load's memory budget. */
  get byteSize(): number {
    return this.keys.byteLength + this.table.byteLength;
  }

  /** The code of `value` (never NaN), adding it when new. -0 is 0. */
  codeOf(value: number): number {
    if (value === this.lastValue) return this.lastCode;
    const v = value === 0 ? 0 : value;
    const table = this.table;
    const keys = this.keys;
    let slot = hashOf(v) & this.mask;
    for (;;) {
      const entry = table[slot];
      if (entry === 0) break;
      if (keys[entry - 1] === v) {
        this.lastValue = v;
        return (this.lastCode = entry - 1);
      }
      slot = (slot + 1) & this.mask;
    }
    const code = this.add(v, slot);
    this.lastValue = v;
    return (this.lastCode = code);
  }

  private add(value: number, slot: number): number {
    const code = this.count;
    if (code >= this.keys.length) {
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    this.keys[code] = value;
    this.count = code + 1;
    this.table[slot] = code + 1;
    if (this.count * 2 > this.table.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    for (let code = 0; code < this.count; code++) {
      let slot = hashOf(this.keys[code]) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = code + 1;
    }
    this.table = table;
    this.mask = mask;
  }

  /**
   * The distinct values in ascending order; renumbers `codes[0 .. length)` in
   * place to index it. The dictionary is spent afterwards.
   */
  sortedValues(codes: CodeArray, length: number): Float64Array {
    const n = this.count;
    const sorted = this.keys.slice(0, n).sort();
    // The rank of each first-seen code in the sorted values (values are distinct).
    const rank = new Int32Array(n);
    let inOrder = true;
    for (let code = 0; code < n; code++) {
      rank[code] = lowerBound(sorted, this.keys[code]);
      if (rank[code] !== code) inOrder = false;
    }
    if (!inOrder) for (let i = 0; i < length; i++) codes[i] = rank[codes[i]];
    this.keys = new Float64Array(0);
    this.table = new Int32Array(0);
    this.count = 0;
    return sorted;
  }
}

/** The first index whose value is >= x (values ascending); values.length when none. */
export function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose value is > x (values ascending); values.length when none. */
export function upperBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Codes and sorted dictionary for the values of rows not marked missing (for columns built outside a loader). */
export function encodeNumbers(values: ArrayLike<number>, missing: (row: number) => boolean): OrderedCodes {
  return encodeValues(values.length, (row) => values[row], missing);
}

/**
 * Codes and sorted dictionary for `length` rows whose values `valueOf` gives;
 * rows for which `missing` holds get code 0 and no entry. Codes start at one
 * byte and widen as needed, so no wider array than the result is ever made.
 */
export function encodeValues(length: number, valueOf: (row: number) => number, missing?: (row: number) => boolean): OrderedCodes {
  const dictionary = new NumberDictionary();
  const buffer = new CodeBuffer(length);
  for (let i = 0; i < length; i++) if (!missing?.(i)) buffer.put(i, dictionary.codeOf(valueOf(i)));
  return { codes: buffer.codes, dictionary: dictionary.sortedValues(buffer.codes, length) };
}
