// The hot loops: one pass over a column's rows that packs a yes/no per row into
// a bitset, 32 rows per word. Kept monomorphic and closure-free so V8 compiles
// each to a tight loop (a million rows in one to two milliseconds). Tests are
// written as `+(a >= b)` rather than `if`: on real data the outcome is random,
// and a branch the CPU cannot predict costs several times the loop body.
import type { CodeArray } from '../sample/store';
import { countInRange, wordCount, type Bitset } from '../base/bitset';

/**
 * Rows whose code is marked in `table` (indexed by code). A missing row holds
 * code 0 and so reads `table[0]`: callers mask missing rows out afterwards.
 * One loop per code width, so each stays monomorphic.
 */
export function codeTableBits(codes: CodeArray, table: Uint8Array, size: number): Bitset {
  if (codes instanceof Uint8Array) return uint8CodeTableBits(codes, table, size);
  if (codes instanceof Uint16Array) return uint16CodeTableBits(codes, table, size);
  return int32CodeTableBits(codes, table, size);
}

function uint8CodeTableBits(codes: Uint8Array, table: Uint8Array, size: number): Bitset {
  const words = wordCount(size);
  const out = new Uint32Array(words);
  for (let w = 0; w < words; w++) {
    const base = w << 5;
    const end = Math.min(32, size - base);
    let word = 0;
    for (let b = 0; b < end; b++) word |= table[codes[base + b]] << b;
    out[w] = word;
  }
  return out;
}

function uint16CodeTableBits(codes: Uint16Array, table: Uint8Array, size: number): Bitset {
  const words = wordCount(size);
  const out = new Uint32Array(words);
  for (let w = 0; w < words; w++) {
    const base = w << 5;
    const end = Math.min(32, size - base);
    let word = 0;
    for (let b = 0; b < end; b++) word |= table[codes[base + b]] << b;
    out[w] = word;
  }
  return out;
}

function int32CodeTableBits(codes: Int32Array, table: Uint8Array, size: number): Bitset {
  const words = wordCount(size);
  const out = new Uint32Array(words);
  for (let w = 0; w < words; w++) {
    const base = w << 5;
    const end = Math.min(32, size - base);
    let word = 0;
    for (let b = 0; b < end; b++) word |= table[codes[base + b]] << b;
    out[w] = word;
  }
  return out;
}

/** Rows whose byte value is marked in `table` (boolean columns: 0 = false, 1 = true). */
export function byteTableBits(values: Uint8Array, table: Uint8Array, size: number): Bitset {
  const words = wordCount(size);
  const out = new Uint32Array(words);
  for (let w = 0; w < words; w++) {
    const base = w << 5;
    const end = Math.min(32, size - base);
    let word = 0;
    for (let b = 0; b < end; b++) word |= table[values[base + b]] << b;
    out[w] = word;
  }
  return out;
}

/**
 * Rows whose code lies in [first, last], missing or not: callers AND with the
 * present rows. Narrow codes go through a table (their loops exist already);
 * four-byte codes, whose dictionaries can be large, compare directly.
 */
export function codeRangeBits(codes: CodeArray, first: number, last: number, size: number): Bitset {
  if (codes instanceof Int32Array) return int32RangeBits(codes, first, last, size);
  // Every code of the width has a slot, so no read falls outside the table.
  const table = new Uint8Array(codes instanceof Uint8Array ? 256 : 65_536);
  table.fill(1, first, last + 1);
  return codeTableBits(codes, table, size);
}

/** Rows with lo <= value <= hi, missing or not (callers AND with the present rows): day numbers and four-byte codes. */
export function int32RangeBits(values: Int32Array, lo: number, hi: number, size: number): Bitset {
  const words = wordCount(size);
  const out = new Uint32Array(words);
  for (let w = 0; w < words; w++) {
    const base = w << 5;
    const end = Math.min(32, size - base);
    let word = 0;
    for (let b = 0; b < end; b++) {
      const v = values[base + b];
      word |= (+(v >= lo) & +(v <= hi)) << b;
    }
    out[w] = word;
  }
  return out;
}

/** Rows whose set shares a bit with `wanted` (all of `wanted` when `all`). */
export function uint32SetBits(sets: Uint32Array, wanted: number, all: boolean, size: number): Bitset {
  const words = wordCount(size);
  const out = new Uint32Array(words);
  const need = all ? wanted : 0;
  for (let w = 0; w < words; w++) {
    const base = w << 5;
    const end = Math.min(32, size - base);
    let word = 0;
    for (let b = 0; b < end; b++) {
      const shared = sets[base + b] & wanted;
      word |= +(all ? shared === need : shared !== 0) << b;
    }
    out[w] = word;
  }
  return out;
}

/** Rows where `flags[i]` is non-zero (a missing mask, a boolean column). */
export function byteFlagBits(flags: Uint8Array, size: number): Bitset {
  const words = wordCount(size);
  const out = new Uint32Array(words);
  for (let w = 0; w < words; w++) {
    const base = w << 5;
    const end = Math.min(32, size - base);
    let word = 0;
    for (let b = 0; b < end; b++) word |= +(flags[base + b] !== 0) << b;
    out[w] = word;
  }
  return out;
}

/**
 * Rows of a list column with at least one marked item: `markedItems` is a bitset
 * over the column's items (itemCodes), row i owns items offsets[i]..offsets[i+1].
 */
export function rowsWithMarkedItem(offsets: Int32Array, markedItems: Bitset, size: number): Bitset {
  const words = wordCount(size);
  const out = new Uint32Array(words);
  for (let w = 0; w < words; w++) {
    const base = w << 5;
    const end = Math.min(32, size - base);
    let word = 0;
    for (let b = 0; b < end; b++) {
      const start = offsets[base + b];
      const length = offsets[base + b + 1] - start;
      const marked = length < 32 ? bitsAt(markedItems, start, length) : countInRange(markedItems, start, start + length);
      word |= +(marked !== 0) << b;
    }
    out[w] = word;
  }
  return out;
}

/** The `length` (< 32) bits of `bits` from bit `start` on, as the low bits of a number. */
export function bitsAt(bits: Bitset, start: number, length: number): number {
  const w = start >>> 5;
  const r = start & 31;
  const next = w + 1 < bits.length ? bits[w + 1] : 0;
  // `(next << 1) << (31 - r)` is `next << (32 - r)`, but 0 when r = 0 (JS shift counts are mod 32).
  return ((bits[w] >>> r) | ((next << 1) << (31 - r))) & ((1 << length) - 1);
}
