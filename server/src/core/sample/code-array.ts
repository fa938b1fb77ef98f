// Dictionary codes in the narrowest array that holds them: most text columns
// hold a few dozen distinct values, so one byte a row instead of four. Builders
// start with bytes and widen (one copy) when the dictionary outgrows them.
import type { CodeArray } from './store';

/** An empty code array of `length` rows wide enough for codes 0 .. dictionarySize - 1. */
export function codeArrayFor(dictionarySize: number, length: number): CodeArray {
  if (dictionarySize <= 255) return new Uint8Array(length);
  if (dictionarySize <= 65_535) return new Uint16Array(length);
  return new Int32Array(length);
}

/** An empty code array like `codes` (same width), of `length` rows. */
export function codeArrayLike(codes: CodeArray, length: number): CodeArray {
  if (codes instanceof Uint8Array) return new Uint8Array(length);
  if (codes instanceof Uint16Array) return new Uint16Array(length);
  return new Int32Array(length);
}

/** The first code too large for `codes`' width. */
export function codeLimit(codes: CodeArray): number {
  if (codes instanceof Uint8Array) return 255;
  if (codes instanceof Uint16Array) return 65_535;
  return 2 ** 31 - 1;
}

/** `codes` copied into an array of the same length just wide enough for `code`. */
export function widenedFor(codes: CodeArray, code: number): CodeArray {
  const out = codeArrayFor(code + 1, codes.length);
  out.set(codes);
  return out;
}

/**
 * Codes being written: one byte an entry until a code needs more, then one copy
 * into a wider array (widenedFor). The builders of text, number, date and list
 * columns write through one of these; their hot loops keep `codes` and `limit`
 * in locals and call widenFor only when a code reaches the limit.
 */
export class CodeBuffer {
  codes: CodeArray;
  /** The first code too large for the current width. */
  limit: number;

  constructor(length: number) {
    this.codes = new Uint8Array(length);
    this.limit = codeLimit(this.codes);
  }

  /** Copies the codes into an array wide enough for `code`; returns it. */
  widenFor(code: number): CodeArray {
    this.codes = widenedFor(this.codes, code);
    this.limit = codeLimit(this.codes);
    return this.codes;
  }

  /** Writes `code` at `index`, widening first when needed. */
  put(index: number, code: number): void {
    if (code >= this.limit) this.widenFor(code);
    this.codes[index] = code;
  }

  /** Room for `length` entries at the same width, the first ones kept. */
  resize(length: number): void {
    const resized = codeArrayLike(this.codes, length);
    resized.set(this.codes.subarray(0, Math.min(length, this.codes.length)));
    this.codes = resized;
  }
}
